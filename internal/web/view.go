package web

import (
	"context"
	"html/template"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
)

// consultationView is a consultation as a reader in one language sees it.
// It deliberately has no field for the meeting URL.
type consultationView struct {
	Slug, Title, Place, Notice, OpeningRemarks string
	Background, Objectives                     template.HTML
	FellBack                                   bool
	ContentLang, ContentDir                    string // language of the texts shown (WCAG 3.1.2)
	Format, Status, TimeZone, RegionName       string
	Partners, Languages                        []string
	Moderators                                 []consultation.Person
	Chair                                      consultation.Person
	ContactEmail                               string
	Questions                                  []questionView
	StartsAt, EndsAt                           time.Time // UTC
	MonthOnly                                  bool
	When, WhenUTC                              string // localised, in the consultation's zone / in UTC
	Upcoming                                   bool
	Registration                               consultation.RegState
	Opinions                                   bool        // the opinion map is enabled
	Agenda                                     *agendaView // the live session's agenda, when it has one (live_view.go)
}

type questionView struct {
	ID        int64
	Number    int
	Text      string
	FellBack  bool
	Lang, Dir string // language of Text
}

// viewConsultation builds the view; taken < 0 skips the registration count.
func (s *Server) viewConsultation(ctx context.Context, p *i18n.Printer, c *consultation.Consultation, taken int) consultationView {
	t, fb := c.Text(p.Lang())
	v := consultationView{Slug: c.Slug, Title: t.Title, Place: t.Place, Notice: t.Notice, OpeningRemarks: t.OpeningRemarks,
		Background: s.markdown.Cached("consultation:background", c.ID, c.UpdatedAt, p.Lang(), t.Background),
		Objectives: s.markdown.Cached("consultation:objectives", c.ID, c.UpdatedAt, p.Lang(), t.Objectives), FellBack: fb,
		Format: "format." + string(c.Format), Status: string(c.Status), TimeZone: c.TimeZone,
		RegionName: s.Countries.RegionName(c.Region, p.Lang()), Partners: c.Partners, Moderators: c.Moderators,
		Chair: c.Chair, ContactEmail: c.ContactEmail, StartsAt: c.StartsAt, EndsAt: c.EndsAt, MonthOnly: c.MonthOnly,
		Upcoming: c.Upcoming(s.Now())}
	v.ContentLang = contentLang(c.Texts, p.Lang(), c.OriginalLang)
	v.ContentDir = i18n.Dir(v.ContentLang)
	for _, l := range c.Languages {
		v.Languages = append(v.Languages, i18n.Autonym(l))
	}
	for i, q := range c.Questions {
		text, qfb := q.Text(p.Lang())
		ql := contentLang(q.Texts, p.Lang(), q.OriginalLang)
		v.Questions = append(v.Questions, questionView{ID: q.ID, Number: i + 1, Text: text, FellBack: qfb, Lang: ql, Dir: i18n.Dir(ql)})
		v.FellBack = v.FellBack || qfb
	}
	v.When, v.WhenUTC = whenLabel(p, c, s.zones.Of(c)), whenLabel(p, c, time.UTC)
	if taken >= 0 {
		v.Registration = c.RegistrationState(s.Now(), taken)
	}
	return v
}

// contentLang is the language a translatable text is shown in: the
// reader's when a version exists, the original otherwise.
func contentLang[T any](texts map[string]T, lang, original string) string {
	if _, ok := texts[lang]; ok {
		return lang
	}
	return original
}

// whenLabel is "5 December 2024, 11:00–13:00" in loc, or the month alone.
func whenLabel(p *i18n.Printer, c *consultation.Consultation, loc *time.Location) string {
	start, end := c.StartsAt.In(loc), c.EndsAt.In(loc)
	if c.MonthOnly {
		return p.MonthYear(start)
	}
	if start.YearDay() != end.YearDay() {
		return p.T("format.range_days", "Start", p.Date(start)+" "+p.Clock(start), "End", p.Date(end)+" "+p.Clock(end))
	}
	return p.T("format.date_time_range", "Date", p.Date(start), "Start", p.Clock(start), "End", p.Clock(end))
}
