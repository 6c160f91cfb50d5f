package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// TextIDs lists every catalog id the renderers read through r.T. The
// pipeline fills r.Text with exactly these, each as the catalog's printer
// gives it with no arguments (Printer.T(id)).
//
// The report's sentences with figures are therefore not go-i18n templates
// (executed without data they would print "<no value>") but hold named
// markers such as {count}, which the renderers fill (fill). They are also
// written so that no noun agrees with a figure ("Sources: 5"), since a
// message taken without its count has only one plural form.
func TextIDs() []string {
	ids := []string{
		"report.title", "report.as_of", "report.date", "report.decimal", "report.percent", "report.none", "report.list", "report.thousands",
		"report.consultations.heading", "report.consultations.planned", "report.consultations.item",
		"report.participation.heading", "report.participation.summary",
		"report.participation.all", "report.participation.of",
		"report.participation.by_group", "report.participation.by_region",
		"report.participation.by_country", "report.participation.by_gender",
		"report.participation.chart_group", "report.participation.chart_region", "report.participation.chart_desc",
		"report.participation.key", "report.participation.not_stated",
		"report.col.consultation", "report.col.registrations", "report.col.approved", "report.col.attended",
		"report.col.inputs", "report.col.interventions", "report.col.group", "report.col.region",
		"report.col.country", "report.col.gender", "report.col.sources", "report.col.share", "report.col.base",
		"report.col.z", "report.col.question", "report.col.statement", "report.col.agree",
		"report.col.disagree", "report.col.votes", "report.col.parameter", "report.col.value",
		"report.col.figure", "report.col.total",
		"report.organizations.heading", "report.organizations.intro",
		"report.question.heading", "report.question.of_review", "report.question.of_consultation",
		"report.question.figures", "report.question.no_themes",
		"report.theme.key_phrases", "report.theme.size", "report.theme.languages", "report.theme.all_english",
		"report.theme.groups_caption", "report.theme.regions_caption", "report.theme.over",
		"report.theme.under", "report.theme.none_significant", "report.theme.action_lines", "report.theme.sdgs",
		"report.theme.convergent", "report.theme.particular", "report.theme.quotes", "report.theme.curated",
		"report.framing.successes", "report.framing.failures", "report.framing.expectations",
		"report.matrix.heading", "report.matrix.intro", "report.matrix.caption", "report.matrix.legend",
		"report.convergence.heading", "report.convergence.convergent", "report.convergence.particular",
		"report.convergence.consensus", "report.convergence.divisive", "report.convergence.theme_of",
		"report.convergence.no_statements", "report.convergence.statements_caption",
		"report.method.heading", "report.method.algorithm", "report.method.unit_sentence", "report.method.unit_paragraph", "report.method.k_rule", "report.method.z",
		"report.method.spread", "report.method.glossary", "report.method.parameters_caption",
		"report.method.counts_caption", "report.method.documents", "report.method.sources",
		"report.method.units", "report.method.terms", "report.method.themes", "report.method.npmi",
		"report.method.share_cited", "report.method.share_in_theme", "report.method.curation_skipped",
		"report.notes.heading", "report.notes.back", "report.cite.input", "report.cite.intervention",
		"report.contents",
	}
	ids = append(ids, monthIDs()...)
	return ids
}

// monthIDs are the core catalog's month names, January first, used by report.date.
func monthIDs() []string {
	return []string{"month.1", "month.2", "month.3", "month.4", "month.5", "month.6",
		"month.7", "month.8", "month.9", "month.10", "month.11", "month.12"}
}

// fill replaces each {name} marker of s by its value; pairs are name,
// value, name, value…
func fill(s string, pairs ...any) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return s
}

// tf is the report's text for id with its markers filled. In a
// right-to-left report, a value holding left-to-right letters (a title, a
// place, a name) goes between Unicode isolates, so that it cannot reorder
// the sentence around it.
func (r *Report) tf(id string, pairs ...any) string {
	pairs = slices.Clone(pairs)
	for i := 1; i < len(pairs); i += 2 {
		switch v := pairs[i].(type) {
		case string:
			pairs[i] = r.iso(v)
		case int: // a count; ids are int64 and stay as they are
			pairs[i] = r.count(v)
		}
	}
	return fill(r.T(id), pairs...)
}

// iso isolates s when the report is right to left and s holds letters
// written left to right (see tf).
func (r *Report) iso(s string) string {
	if dir(r.Lang) == "rtl" && hasLTR(s) {
		return "\u2068" + s + "\u2069"
	}
	return s
}

// latinOnly reports whether a run of inlines has left-to-right letters
// and no Arabic: in a right-to-left report such a paragraph (a question
// or a label written in English) is laid out left to right, so that its
// punctuation stays where it was written.
func latinOnly(parts []inline) bool {
	var s strings.Builder
	for _, p := range parts {
		s.WriteString(p.Text)
	}
	return hasLTR(s.String()) && !hasArabic(s.String())
}

func hasArabic(s string) bool {
	for _, c := range s {
		if unicode.Is(unicode.Arabic, c) {
			return true
		}
	}
	return false
}

// hasLTR reports whether s has a letter written left to right.
func hasLTR(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) && !unicode.In(c, unicode.Arabic, unicode.Hebrew) {
			return true
		}
	}
	return false
}

// date writes a calendar date in the report's language.
func (r *Report) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return r.tf("report.date", "day", strconv.Itoa(t.Day()), "month", r.T(monthIDs()[t.Month()-1]), "year", strconv.Itoa(t.Year()))
}

// decimal writes x with the given digits after the report's decimal mark.
func (r *Report) decimal(x float64, digits int) string {
	s := strconv.FormatFloat(x, 'f', digits, 64)
	if mark := r.T("report.decimal"); mark != "." && mark != "report.decimal" {
		s = strings.Replace(s, ".", mark, 1)
	}
	if dir(r.Lang) == "rtl" && strings.HasPrefix(s, "-") {
		return "\u2066" + s + "\u2069" // keeps the minus before the figure
	}
	return s
}

// count writes a whole number with the report's thousands separator
// (report.thousands is "{a},{b}" in English: the catalog trims a
// message's spaces, not a marker's). Four digits stay together, as style
// guides have it: 1234, 12,345.
func (r *Report) count(n int) string {
	if n < 0 {
		return "-" + r.count(-n)
	}
	s := strconv.Itoa(n)
	sep := fill(r.T("report.thousands"), "a", "", "b", "")
	if len(s) <= 4 || sep == "report.thousands" {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// percent writes a share (0…1) as a whole percentage.
func (r *Report) percent(share float64) string {
	return r.tf("report.percent", "value", r.decimal(share*100, 0))
}

// dir is the direction of a language's script.
func dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}
