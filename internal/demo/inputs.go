package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// IllustrativeInputs is how many written inputs the demo review gets.
const IllustrativeInputs = 200

// inputLanguages is how the illustrative inputs are spread over the
// languages, with the countries they come from.
var inputLanguages = []struct {
	lang      string
	share     int // of IllustrativeInputs
	countries []string
}{
	{"en", 50, []string{"GB", "US", "KE", "IN", "NG", "AU", "ZA", "PH"}},
	{"es", 40, []string{"CL", "MX", "AR", "CO", "ES", "PE", "CR", "UY"}},
	{"fr", 35, []string{"FR", "SN", "CI", "CA", "MA", "BE", "CM"}},
	{"pt", 35, []string{"BR", "PT", "AO", "MZ", "CV"}},
	{"ar", 15, []string{"EG", "AE", "JO", "TN", "SA"}},
	{"ru", 13, []string{"RU", "KZ", "UZ", "BY", "KG"}},
	{"zh", 12, []string{"CN", "SG"}},
}

// loadIllustrativeInputs gives the demo review its illustrative written
// inputs (once: none are added to a review that has inputs) and a call
// for inputs open until a fortnight after the LAC consultation, and
// passes on loaded and err (Load's last step).
func loadIllustrativeInputs(ctx context.Context, db *store.DB, now time.Time, loaded bool, err error) (bool, error) {
	if err != nil {
		return loaded, err
	}
	rv, err := db.ReviewBySlug(ctx, ReviewSlug)
	if err != nil {
		return loaded, err
	}
	if hits, _, _, err := db.Inputs(ctx, store.InputFilter{ReviewID: rv.ID, Limit: 1}); err != nil || len(hits) > 0 {
		return loaded, err
	}
	cs, err := db.Consultations(ctx, store.ConsultationFilter{ReviewID: rv.ID})
	if err != nil || len(cs) == 0 {
		return loaded, err
	}
	now = now.UTC().Truncate(time.Second)
	call := &inputs.Call{ReviewID: rv.ID, OpensAt: now.AddDate(0, -1, 0), Deadline: now.AddDate(0, 0, LACDaysAhead+14)}
	countries := country.New()
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if err := db.SaveInputCall(ctx, call); err != nil {
			return err
		}
		for i, in := range illustrativeInputs(rv, cs, countries, now) {
			if err := db.CreateInput(ctx, in); err != nil {
				return err
			}
			if i%13 == 5 { // some wait for moderation
				continue
			}
			e := inputs.LogEntry{InputID: in.ID, Action: inputs.Publish, Actor: "secretariat@consulta.example", At: in.CreatedAt.Add(time.Hour)}
			if _, err := db.ModerateInput(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	return true, err
}

// illustrativeInputs builds the inputs, deterministically: themes,
// consultations, stakeholder groups and languages in turn.
func illustrativeInputs(rv *consultation.Review, cs []*consultation.Consultation, dir *country.Directory, now time.Time) []*inputs.Input {
	var langs []int
	for li, l := range inputLanguages {
		for range l.share {
			langs = append(langs, li)
		}
	}
	groups := stakeholder.All()
	out := make([]*inputs.Input, 0, IllustrativeInputs)
	for i := range IllustrativeInputs {
		l := inputLanguages[langs[(i*37)%len(langs)]] // spread each language over the whole set
		c := cs[i%len(cs)]
		var qs []int64
		for _, q := range append(append([]consultation.Question{}, c.Questions...), rv.Questions...) {
			qs = append(qs, q.ID)
		}
		theme, other := inputThemes[i%len(inputThemes)], inputThemes[(i*5+2)%len(inputThemes)]
		t := theme.texts[l.lang]
		answers := []inputs.Answer{{QuestionID: qs[i%len(qs)], Text: t[0] + " " + t[1]}}
		if i%3 == 0 && len(qs) > 1 {
			answers = append(answers, inputs.Answer{QuestionID: qs[(i+1)%len(qs)], Text: other.texts[l.lang][0]})
		}
		code := l.countries[i%len(l.countries)]
		at := now.Add(-time.Duration(IllustrativeInputs-i) * 3 * time.Hour)
		pub := inputs.Named
		switch i % 10 {
		case 4:
			pub = inputs.Anonymous
		case 9:
			pub = inputs.Private
		}
		out = append(out, &inputs.Input{ReviewID: rv.ID, ConsultationID: c.ID,
			AuthorName: fmt.Sprintf("Illustrative contributor %d", i+1), AuthorEmail: fmt.Sprintf("contributor%d@example.org", i+1),
			Organization: "Illustrative organization (demo)", StakeholderGroup: groups[(i+i/len(inputThemes))%len(groups)], Country: code,
			Region: dir.Region(code), Publication: pub, Status: inputs.Submitted, Source: inputs.FromParticipant,
			ReceivedAt: at, CreatedAt: at, UpdatedAt: at,
			Current: inputs.Version{Number: 1, Answers: answers, Comments: illustrativeNote[l.lang], Language: l.lang,
				DetectedLanguage: l.lang, CreatedAt: at}})
	}
	return out
}
