package web

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
)

// consultationView is a consultation as a reader in one language sees it.
// It deliberately has no field for the meeting URL.
type consultationView struct {
	Slug, Title, Place, Notice, OpeningRemarks string
	PlaceLine                                  template.HTML // placeHTML: the format and the place, said once
	ZoneName                                   string        // the consultation's time zone as people say it
	Background, Objectives                     template.HTML
	FellBack                                   bool
	ContentLang, ContentDir                    string // language of the texts shown (WCAG 3.1.2)
	TitleLang, TitleDir                        string // the title's, which may be translated when the rest is not
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
	Calendar                                   bool // a calendar file exists: the date is not month-only
	Registration                               consultation.RegState
	Opinions                                   bool        // the opinion map is enabled
	OpinionsOpen                               bool        // its links still let people in (opinionsOpen)
	OpinionsUntil                              string      // the last day they do, when the consultation has ended
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
		RegionName: s.Countries.RegionName(c.Region, p.Lang()), Partners: partnerNames(p, c.Partners),
		Chair: c.Chair, ContactEmail: c.ContactEmail, StartsAt: c.StartsAt, EndsAt: c.EndsAt, MonthOnly: c.MonthOnly,
		Upcoming: c.Upcoming(s.Now())}
	v.ContentLang = fieldLang(c, p.Lang(), func(t consultation.Text) string { return t.Background + t.Objectives + t.OpeningRemarks })
	v.TitleLang = fieldLang(c, p.Lang(), func(t consultation.Text) string { return t.Title })
	v.ContentDir, v.TitleDir = i18n.Dir(v.ContentLang), i18n.Dir(v.TitleLang)
	placeLang := fieldLang(c, p.Lang(), func(t consultation.Text) string { return t.Place })
	v.PlaceLine, v.ZoneName, v.Calendar = placeHTML(p, c, t.Place, placeLang), zoneName(p, c.TimeZone), !c.MonthOnly
	for _, l := range c.Languages {
		v.Languages = append(v.Languages, p.LanguageName(l))
	}
	for _, m := range c.Moderators {
		v.Moderators = append(v.Moderators, moderatorView(p, m))
	}
	for i, q := range c.Questions {
		text, qfb := q.Text(p.Lang())
		ql := contentLang(q.Texts, p.Lang(), q.OriginalLang)
		v.Questions = append(v.Questions, questionView{ID: q.ID, Number: i + 1, Text: text, FellBack: qfb, Lang: ql, Dir: i18n.Dir(ql)})
		v.FellBack = v.FellBack || qfb
	}
	v.OpinionsOpen, v.OpinionsUntil = opinionsOpen(c, s.Now()), opinionsUntil(p, c, s.Now())
	v.When, v.WhenUTC = whenLabel(p, c, s.zones.Of(c)), whenLabel(p, c, time.UTC)
	if taken >= 0 {
		v.Registration = c.RegistrationState(s.Now(), taken)
	}
	return v
}

// localTimePatterns are the page's date patterns with {placeholders}
// (on the layout's body) for static/local-time.js, which writes the
// reader's local time the way the rest of the page writes times.
type localTimePatterns struct{ Date, Range, Days, Months string }

func localTime(p *i18n.Printer) localTimePatterns {
	months := make([]string, 12)
	for i := range months {
		months[i] = p.T(fmt.Sprintf("month.%d", i+1))
	}
	return localTimePatterns{
		Date:   p.T("format.date", "Day", "{d}", "Month", "{m}", "Year", "{y}"),
		Range:  p.T("format.date_time_range", "Date", "{date}", "Start", "{start}", "End", "{end}"),
		Days:   p.T("format.range_days", "Start", "{start}", "End", "{end}"),
		Months: strings.Join(months, "|"),
	}
}

// opinionsOpen reports whether a consultation's opinion map still takes
// votes and statements at now: its join, sign-in and participant links
// work until links.AfterEnd past the end of the consultation.
func opinionsOpen(c *consultation.Consultation, now time.Time) bool {
	return now.Before(c.EndsAt.Add(links.AfterEnd))
}

// opinionsUntil is the last day the map of an ended consultation takes
// part, "" while the consultation is upcoming or once its map is closed.
func opinionsUntil(p *i18n.Printer, c *consultation.Consultation, now time.Time) string {
	if c.Upcoming(now) || !opinionsOpen(c, now) {
		return ""
	}
	return p.Date(c.EndsAt.Add(links.AfterEnd).In(c.Location()))
}

// fieldLang is the language a field of the consultation's text is shown
// in: the reader's when their version has it, the original otherwise
// (Consultation.Text falls back field by field).
func fieldLang(c *consultation.Consultation, lang string, field func(consultation.Text) string) string {
	if t, ok := c.Texts[lang]; ok && field(t) != "" {
		return lang
	}
	return c.OriginalLang
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
