// Package demo loads deterministic WSIS+20 demonstration data: the WSIS+20
// Review and seven of its consultations, drawn from the CSTD concept note for
// the Latin America and Caribbean consultation. The LAC consultation is
// complete and moved into the future (relative to the now passed to Load) so
// that registration is open; the six earlier ones are past and month-only.
package demo

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata" // the demo's time zones must load even without system zoneinfo

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

// Slugs of the demo data.
const (
	ReviewSlug = "wsis20"
	LACSlug    = "wsis20-lac"
)

// LAC schedule: the consultation is moved to LACDaysAhead days after now, at
// the same local hours as the original (11:00–13:00 in Santiago).
const (
	LACDaysAhead = 14
	LACTimeZone  = "America/Santiago"
	lacStartHour = 11
	lacEndHour   = 13
)

// Load inserts the demo data unless a review with slug "wsis20" already
// exists, in which case it changes nothing and returns loaded=false. Every
// value is derived from now (no clock, no randomness).
//
// The review and each consultation are saved in their own transactions (the
// store offers no wider one), so a Load that fails halfway leaves a partial
// set that a later Load will not complete.
func Load(ctx context.Context, db *store.DB, now time.Time) (loaded bool, err error) {
	defer errs.Wrap(&err, "demo.Load")
	r, err := db.ReviewBySlug(ctx, ReviewSlug)
	if errs.Is(err, errs.NotFound) {
		r, loaded = Review(), true
		err = db.SaveReview(ctx, r)
	}
	if err != nil {
		return false, err
	}
	cs, err := Consultations(now)
	if err != nil {
		return false, err
	}
	// Each consultation is saved on its own; one missing after an
	// interrupted load is added now, one already there is left alone.
	for _, c := range cs {
		switch _, err := db.ConsultationHeadBySlug(ctx, c.Slug); {
		case err == nil:
			continue
		case !errs.Is(err, errs.NotFound):
			return loaded, err
		}
		c.ReviewID = r.ID
		if err := db.SaveConsultation(ctx, c); err != nil {
			return loaded, err
		}
		loaded = true
	}
	seeded, err := loadOpinions(ctx, db, now)
	if err != nil {
		return loaded || seeded, err
	}
	mapped, err := loadIllustrativeMap(ctx, db, now)
	loaded, err = loadIllustrativeInputs(ctx, db, now, loaded || seeded || mapped, err)
	if err != nil {
		return loaded, err
	}
	agenda, err := loadAgenda(ctx, db)
	return loaded || agenda, err
}

// Review returns the WSIS+20 Review, unsaved (ID 0).
func Review() *consultation.Review {
	return &consultation.Review{
		Slug:         ReviewSlug,
		OriginalLang: "en",
		Texts: map[string]consultation.ReviewText{
			"en": {Title: "WSIS+20 Review", Description: reviewDescriptionEN},
			"es": {Title: "Examen de la CMSI+20", Description: reviewDescriptionES},
			"fr": {Title: "Examen SMSI+20"},
			"pt": {Title: "Revisão CMSI+20"},
			"ar": {Title: "استعراض القمة العالمية لمجتمع المعلومات بعد عشرين عامًا"},
			"ru": {Title: "Обзор ВВУИО+20"},
			"zh": {Title: "信息社会世界峰会二十周年审查"},
		},
		Mandate:        []string{"A/70/125", "E/RES/2023/3"},
		Secretariat:    "CSTD secretariat (UNCTAD)",
		Partners:       []string{"ITU", "UNESCO", "UNDP", "UN regional commissions"},
		ReportingChain: []string{"CSTD synthesis report", "CSTD 28th session", "ECOSOC", "UN General Assembly"},
		Questions:      Questions(),
	}
}

// Questions returns the four guiding questions of the concept note, in
// English (original), Spanish, French and Portuguese, unsaved.
func Questions() []consultation.Question {
	qs := make([]consultation.Question, len(questionsEN))
	for i := range questionsEN {
		qs[i] = consultation.Question{
			Position:     i + 1,
			OriginalLang: "en",
			Texts:        map[string]string{"en": questionsEN[i], "es": questionsES[i], "fr": questionsFR[i], "pt": questionsPT[i]},
		}
	}
	return qs
}

// LACDates returns the demo start and end of the LAC consultation: the
// calendar date LACDaysAhead days after now's date in Santiago, 11:00–13:00
// local time.
func LACDates(now time.Time) (start, end time.Time, err error) {
	loc, err := time.LoadLocation(LACTimeZone)
	if err != nil {
		return start, end, err
	}
	y, m, d := now.In(loc).Date()
	start = time.Date(y, m, d+LACDaysAhead, lacStartHour, 0, 0, 0, loc)
	end = time.Date(y, m, d+LACDaysAhead, lacEndHour, 0, 0, 0, loc)
	return start, end, nil
}

// Consultations returns the seven demo consultations in date order, unsaved
// and without ReviewID.
func Consultations(now time.Time) ([]*consultation.Consultation, error) {
	var list []*consultation.Consultation
	for _, p := range past {
		c, err := p.consultation()
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	lac, err := LAC(now)
	if err != nil {
		return nil, err
	}
	return append(list, lac), nil
}

// pastConsultation is one of the six earlier, month-only consultations.
type pastConsultation struct {
	slug, tz, region string
	year             int
	month            time.Month
	format           consultation.Format
	partners, langs  []string
	title, place     string
	background       string
	notice           string
}

func (p pastConsultation) consultation() (*consultation.Consultation, error) {
	loc, err := time.LoadLocation(p.tz)
	if err != nil {
		return nil, fmt.Errorf("demo: %s: %w", p.slug, err)
	}
	return &consultation.Consultation{
		Slug:         p.slug,
		OriginalLang: "en",
		Texts: map[string]consultation.Text{
			"en": {Title: p.title, Place: p.place, Background: p.background, Notice: p.notice},
		},
		Region:       p.region,
		Partners:     p.partners,
		Format:       p.format,
		TimeZone:     p.tz,
		StartsAt:     time.Date(p.year, p.month, 1, 0, 0, 0, 0, loc),
		EndsAt:       time.Date(p.year, p.month, 1, 23, 59, 0, 0, loc),
		MonthOnly:    true,
		Languages:    p.langs,
		ContactEmail: contactEmail,
		Status:       consultation.Published,
	}, nil
}

const contactEmail = "cstd-wsis20@unctad.org"

// LAC returns the complete Latin America and Caribbean consultation, moved
// to LACDates(now), with registration open from an hour-aligned day before
// now until it starts.
func LAC(now time.Time) (*consultation.Consultation, error) {
	start, end, err := LACDates(now)
	if err != nil {
		return nil, err
	}
	opens := now.Truncate(time.Hour).Add(-24 * time.Hour).UTC()
	closes := start
	return &consultation.Consultation{
		Slug:         LACSlug,
		OriginalLang: "en",
		Texts: map[string]consultation.Text{
			"en": {
				Title:          "WSIS at 20: Successes, Failures, and Expectations",
				Place:          "Santiago, Chile",
				Background:     lacBackgroundEN,
				Objectives:     lacObjectivesEN,
				OpeningRemarks: "H.E. Mr. Muhammadou M O Kah, Ambassador of the Permanent Mission of Gambia in Geneva, Switzerland and Chair of the 28th CSTD, will deliver opening remarks.",
				Notice:         "For this demonstration the date has been moved from 5 December 2024 to " + dateEN(start) + " so that registration is open.",
			},
			"es": {
				Title:          "La CMSI a los 20 años: éxitos, fracasos y expectativas",
				Place:          "Santiago de Chile",
				Background:     lacBackgroundES,
				Objectives:     lacObjectivesES,
				OpeningRemarks: "S. E. el Sr. Muhammadou M O Kah, Embajador de la Misión Permanente de Gambia en Ginebra (Suiza) y Presidente del 28.º período de sesiones de la CCTD, pronunciará las palabras de apertura.",
				Notice:         "Para esta demostración, la fecha se ha trasladado del 5 de diciembre de 2024 al " + dateES(start) + " para que la inscripción esté abierta.",
			},
			"fr": {
				Title:          "Le SMSI a 20 ans : réussites, échecs et attentes",
				Place:          "Santiago (Chili)",
				Background:     lacBackgroundFR,
				Objectives:     lacObjectivesFR,
				OpeningRemarks: lacRemarksFR,
				Notice:         "Pour cette démonstration, la date a été déplacée du 5 décembre 2024 au " + dateIn(monthsFR, "%d %s %d", start) + " afin que les inscriptions soient ouvertes.",
			},
			"pt": {
				Title:          "A CMSI aos 20 anos: sucessos, fracassos e expectativas",
				Place:          "Santiago, Chile",
				Background:     lacBackgroundPT,
				Objectives:     lacObjectivesPT,
				OpeningRemarks: lacRemarksPT,
				Notice:         "Para esta demonstração, a data foi transferida de 5 de dezembro de 2024 para " + dateIn(monthsPT, "%d de %s de %d", start) + " para que as inscrições estejam abertas.",
			},
			"ar": {Title: lacTitles["ar"], Place: lacPlaces["ar"]},
			"ru": {Title: lacTitles["ru"], Place: lacPlaces["ru"]},
			"zh": {Title: lacTitles["zh"], Place: lacPlaces["zh"]},
		},
		Region:    "419",
		Partners:  []string{"ECLAC"},
		Format:    consultation.Virtual,
		TimeZone:  LACTimeZone,
		StartsAt:  start,
		EndsAt:    end,
		Languages: []string{"en", "es"},
		// Representatives of ECLAC, named by the page in the reader's language.
		Moderators: []consultation.Person{{Organization: "ECLAC"}},
		Chair: consultation.Person{
			Name:         "H.E. Mr. Muhammadou M O Kah",
			Organization: "Ambassador of the Permanent Mission of Gambia in Geneva, Switzerland and Chair of the 28th CSTD",
		},
		RegistrationOpens: &opens,
		RegistrationEnds:  &closes,
		Capacity:          500,
		ApprovalRequired:  false,
		MeetingURL:        "https://meet.example.org/wsis20-lac-SECRET-demo",
		Schedule: consultation.Schedule{LinkReleaseBefore: &lacReleaseBefore,
			JoinOpensBefore: consultation.DefaultJoinOpensBefore, Reminders: consultation.DefaultReminders()},
		ContactEmail: contactEmail,
		Status:       consultation.Published,
		Questions:    Questions(),
	}, nil
}

// lacReleaseBefore: the demo's join links go out 48 hours before the
// start, as a secretariat would send them.
var lacReleaseBefore = 48 * time.Hour

// dateEN formats t's local date as "19 December 2024".
func dateEN(t time.Time) string { return t.Format("2 January 2006") }

var monthsES = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// dateES formats t's local date as "19 de diciembre de 2024".
func dateES(t time.Time) string { return dateIn(monthsES, "%d de %s de %d", t) }

// dateIn formats t's local date with a language's month names and a
// day-month-year pattern.
func dateIn(months [12]string, pattern string, t time.Time) string {
	return fmt.Sprintf(pattern, t.Day(), months[t.Month()-1], t.Year())
}
