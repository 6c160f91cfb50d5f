package report

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/synthesis"
)

// memSource is a DataSource in memory.
type memSource struct {
	review        *consultation.Review
	consultations []*consultation.Consultation
	inputs        []*inputs.Input
	interventions map[int64][]live.Intervention
	published     map[int64]bool // consultation id → record published
	tallies       []Tally
	changed       time.Time
}

func (m *memSource) ReviewBySlug(context.Context, string) (*consultation.Review, error) {
	return m.review, nil
}
func (m *memSource) ReportConsultations(context.Context, int64) ([]*consultation.Consultation, error) {
	return m.consultations, nil
}
func (m *memSource) ReportInputs(context.Context, int64) ([]*inputs.Input, error) {
	return m.inputs, nil
}
func (m *memSource) Interventions(_ context.Context, id int64) ([]live.Intervention, error) {
	return m.interventions[id], nil
}
func (m *memSource) LiveSession(_ context.Context, id int64) (*live.Session, error) {
	s := &live.Session{ConsultationID: id}
	if m.published[id] {
		s.PublishedAt = &m.changed
	}
	return s, nil
}
func (m *memSource) ReportTallies(context.Context, int64) ([]Tally, error) { return m.tallies, nil }
func (m *memSource) ReportDataChanged(context.Context, int64) (time.Time, error) {
	return m.changed, nil
}
func (m *memSource) ReportCuration(context.Context, int64) (synthesis.Curation, error) {
	return synthesis.Curation{}, nil
}

// quoteEverything is an engine that misbehaves: one theme per question
// quoting every document, quotable or not.
func quoteEverything(seen *[]synthesis.Doc) Analyser {
	return func(_ context.Context, docs []synthesis.Doc, _ synthesis.Options) (*synthesis.Result, error) {
		*seen = docs
		byQ := map[int64]*synthesis.QuestionThemes{}
		var order []int64
		for _, d := range docs {
			q := byQ[d.QuestionID]
			if q == nil {
				q = &synthesis.QuestionThemes{QuestionID: d.QuestionID, Themes: []synthesis.Theme{{ID: "t", Label: "Everything"}}}
				byQ[d.QuestionID] = q
				order = append(order, d.QuestionID)
			}
			t := &q.Themes[0]
			t.Members = append(t.Members, synthesis.Member{SourceKind: d.SourceKind, SourceID: d.SourceID})
			t.Quotes = append(t.Quotes, synthesis.Quote{Text: d.Text, SourceKind: d.SourceKind, SourceID: d.SourceID, Group: d.Group})
		}
		res := &synthesis.Result{}
		seenSrc := map[synthesis.SourceRef]bool{}
		for _, d := range docs { // every source tagged, as if it spoke of infrastructure
			if !seenSrc[d.Ref()] {
				seenSrc[d.Ref()] = true
				res.Sources = append(res.Sources, synthesis.SourceTags{SourceKind: d.SourceKind, SourceID: d.SourceID,
					ActionLines: []string{"C2"}, SDGs: []string{"SDG9"}})
			}
		}
		for _, id := range order {
			res.Questions = append(res.Questions, *byQ[id])
		}
		return res, nil
	}
}

func memFixture() *memSource {
	at := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	q1 := consultation.Question{ID: 1, OriginalLang: "en", Texts: map[string]string{"en": "What worked?"}}
	c := &consultation.Consultation{ID: 10, Slug: "lac", OriginalLang: "es", Format: consultation.Virtual,
		Texts: map[string]consultation.Text{"es": {Title: "Consulta LAC"}}, StartsAt: at.Add(-48 * time.Hour), EndsAt: at.Add(-47 * time.Hour)}
	in := func(id int64, st inputs.Status, p inputs.Publication, published int, text string) *inputs.Input {
		return &inputs.Input{ID: id, ConsultationID: 10, AuthorName: "Author " + text, Organization: "Org " + text,
			StakeholderGroup: "academia", Country: "CL", Status: st, Publication: p, PublishedVersion: published, ReceivedAt: at,
			Current: inputs.Version{Number: 1, Language: "es", Comments: "Comment " + text,
				Answers: []inputs.Answer{{QuestionID: 1, Text: "Answer " + text}}}}
	}
	return &memSource{
		review:        &consultation.Review{ID: 1, Slug: "wsis20", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "WSIS+20"}}, Questions: []consultation.Question{q1}},
		consultations: []*consultation.Consultation{c},
		inputs: []*inputs.Input{
			in(1, inputs.Published, inputs.Named, 1, "named"),
			in(2, inputs.Published, inputs.Anonymous, 1, "anonymous"),
			in(3, inputs.Published, inputs.Private, 1, "private"),
			in(4, inputs.Submitted, inputs.Named, 0, "waiting"),
			in(5, inputs.Rejected, inputs.Named, 0, "rejected"),
			in(6, inputs.Hidden, inputs.Named, 1, "hidden"),
			in(7, inputs.Unverified, inputs.Named, 0, "unverified"),
		},
		interventions: map[int64][]live.Intervention{10: {{ID: 20, ConsultationID: 10, Name: "Speaker", StakeholderGroup: "government",
			Country: "BR", Summary: "Intervention summary.", KeyPoints: "Point one\nPoint two", RecordedAt: at}}},
		published: map[int64]bool{},
		tallies: []Tally{{Consultation: 10, Group: "academia", Country: "CL", Gender: "woman", Registrations: 3, Approved: 2, Attended: 1},
			{Consultation: 10, Group: "academia", Country: "CL", Region: "019", Inputs: 4},
			{Consultation: 0, Group: "government", Country: "FR", Inputs: 1}},
		changed: at,
	}
}

func buildMem(t *testing.T, src *memSource) (*Report, []synthesis.Doc) {
	t.Helper()
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	var docs []synthesis.Doc
	r, err := Build(context.Background(), src, "wsis20", "en", Env{Analyse: quoteEverything(&docs), Catalog: cat,
		Countries: country.New(), BaseURL: "https://consulta.example"})
	if err != nil {
		t.Fatal(err)
	}
	return r, docs
}

// Build analyses submitted and published inputs (an answer and the
// comments each) and interventions; whatever the engine quotes, the
// report quotes and names only inputs the public sees and interventions
// of a published record.
func TestBuildQuotesOnlyPublicSources(t *testing.T) {
	src := memFixture()
	r, docs := buildMem(t, src)
	analysed := map[int64]bool{}
	for _, d := range docs {
		if d.SourceKind == synthesis.SourceInput {
			analysed[d.SourceID] = true
			if d.Quotable != (d.SourceID <= 2) {
				t.Errorf("input %d quotable %v", d.SourceID, d.Quotable)
			}
		}
	}
	for id := int64(1); id <= 7; id++ {
		if want := id <= 4; analysed[id] != want {
			t.Errorf("input %d analysed %v, want %v", id, analysed[id], want)
		}
	}
	if len(docs) != 4*2+1 {
		t.Errorf("%d documents, want 9 (an answer and comments per input, one intervention)", len(docs))
	}
	all := renderAll(t, r)
	for _, secret := range []string{"private", "waiting", "rejected", "hidden", "unverified", "Intervention summary", "Speaker"} {
		if strings.Contains(all, secret) {
			t.Errorf("the report holds %q", secret)
		}
	}
	if !strings.Contains(all, "Answer named") || !strings.Contains(all, "Answer anonymous") {
		t.Error("the public inputs are not quoted")
	}
	if !slices.Equal(r.Organizations, []string{"Org named"}) {
		t.Errorf("organizations %q, want the named one only", r.Organizations)
	}
	for _, tg := range r.SourceTags { // tags per input: the public ones only
		if tg.SourceKind != synthesis.SourceInput || tg.SourceID > 2 {
			t.Errorf("tags of %s %d, which the public may not read", tg.SourceKind, tg.SourceID)
		}
	}
	if len(r.SourceTags) != 2 {
		t.Errorf("tags of %d sources, want the 2 public inputs", len(r.SourceTags))
	}
	for _, s := range r.Sources {
		if !slices.Equal(s.ActionLines, []string{"C2"}) || !slices.Equal(s.SDGs, []string{"SDG9"}) {
			t.Errorf("source %d cited without its tags: %v %v", s.ID, s.ActionLines, s.SDGs)
		}
		if s.ID == 2 && s.Name != "" {
			t.Errorf("the anonymous input is named %q", s.Name)
		}
		if !strings.HasPrefix(s.URL, "/inputs/") || r.BaseURL != "https://consulta.example" {
			t.Errorf("source URL %q", s.URL)
		}
	}

	src.published[10] = true
	r, _ = buildMem(t, src)
	if all := renderAll(t, r); !strings.Contains(all, "Intervention summary.") {
		t.Error("an intervention of a published record is not quoted")
	}
	var iv *Source
	for i := range r.Sources {
		if r.Sources[i].Kind == synthesis.SourceIntervention {
			iv = &r.Sources[i]
		}
	}
	if iv == nil || iv.URL != "/c/lac/record#intervention-20" || iv.Lang != "es" {
		t.Errorf("intervention source %+v", iv)
	}
}

// The participation figures add the tallies per consultation and in
// total; inputs to the review as a whole count in the total only.
func TestBuildParticipation(t *testing.T) {
	r, _ := buildMem(t, memFixture())
	tot := r.Participation.Total
	if tot.Registrations != 3 || tot.Approved != 2 || tot.Attended != 1 || tot.Inputs != 5 {
		t.Errorf("total %+v", tot)
	}
	if len(r.Participation.PerConsultation) != 1 || r.Participation.PerConsultation[0].Counts.Inputs != 4 {
		t.Errorf("per consultation %+v", r.Participation.PerConsultation)
	}
	regions := map[string]int{}
	for _, b := range tot.ByRegion {
		regions[b.Key] = b.Inputs
	}
	if regions["019"] != 4 || regions["150"] != 1 { // FR's region derived from the country
		t.Errorf("by region %+v", tot.ByRegion)
	}
	for _, b := range tot.ByGender {
		if b.Inputs != 0 {
			t.Errorf("gender row %q counts inputs", b.Key)
		}
	}
	if r.Names.Groups["academia"] == "" || r.Names.Countries["CL"] != "Chile" {
		t.Errorf("names %+v", r.Names)
	}
	if !r.AsOf.Equal(time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)) || !r.Consultations[0].Held {
		t.Errorf("as of %v, held %v", r.AsOf, r.Consultations[0].Held)
	}
}

// renderAll is the report in every format, as one text.
func renderAll(t *testing.T, r *Report) string {
	t.Helper()
	var sb strings.Builder
	for _, f := range []string{FormatHTML, FormatMarkdown, FormatJSON} {
		if err := Render(&sb, r, f); err != nil {
			t.Fatal(err)
		}
	}
	return sb.String()
}
