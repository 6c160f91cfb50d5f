// Package i18n holds the message catalogs for the six UN languages plus
// Portuguese and picks a reader's language. Every user-facing string goes
// through a Printer; catalog files live in locales/<area>.<lang>.toml.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed locales/*.toml
var locales embed.FS

// Source is the language every message is written in first.
const Source = "en"

// Languages are the supported languages in the order the switcher shows them
// (the UN's alphabetical order of the six official languages, then Portuguese).
func Languages() []string { return []string{"ar", "zh", "en", "fr", "ru", "es", "pt"} }

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages() {
		if l == lang {
			return true
		}
	}
	return false
}

// Autonym is a language's name in itself, for the switcher.
func Autonym(lang string) string {
	return map[string]string{"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français",
		"ru": "Русский", "es": "Español", "pt": "Português"}[lang]
}

// Dir is the text direction of lang.
func Dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

// Catalog is every message in every language. It is immutable once built.
type Catalog struct {
	bundle   *goi18n.Bundle
	matcher  language.Matcher
	printers map[string]*Printer
}

// New loads the embedded catalogs.
func New() (*Catalog, error) { return load(locales) }

// load builds a catalog from the locales/*.toml files of fsys (the tests
// give it made-up catalogs).
func load(fsys fs.FS) (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := fs.Glob(fsys, "locales/*.toml")
	if err != nil {
		return nil, err
	}
	ms := messages{}
	for _, f := range files {
		mf, err := b.LoadMessageFileFS(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("i18n: load %s: %w", f, err)
		}
		ms.add(mf)
	}
	c := &Catalog{bundle: b, printers: map[string]*Printer{}}
	pl := newPlurals(b)
	var tags []language.Tag
	for _, l := range append([]string{Source}, Languages()...) {
		tags = append(tags, language.MustParse(l))
		c.printers[l] = &Printer{lang: l, loc: goi18n.NewLocalizer(b, l, Source), entries: resolve(b, ms, pl, l, Source)}
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// Printer returns the printer for a supported language (English otherwise).
func (c *Catalog) Printer(lang string) *Printer {
	if p, ok := c.printers[lang]; ok {
		return p
	}
	return c.printers[Source]
}

// Match picks the best supported language for an Accept-Language header, or
// "" when nothing matches well.
func (c *Catalog) Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return ""
	}
	tag, _, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return ""
	}
	base, _ := tag.Base()
	if Supported(base.String()) {
		return base.String()
	}
	return ""
}

// MessageIDs lists every message id in a language's catalog; tests use it to
// check that each language has every message.
func (c *Catalog) MessageIDs(lang string) []string {
	var ids []string
	files, _ := fs.Glob(locales, "locales/*."+lang+".toml")
	for _, f := range files {
		data, _ := locales.ReadFile(f)
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err == nil {
			for id := range m {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// Printer translates into one language. It is safe for concurrent use.
type Printer struct {
	lang    string
	loc     *goi18n.Localizer
	entries map[string]*entry // every id with a message, resolved once (fast.go); read-only
}

// Lang is the printer's language code.
func (p *Printer) Lang() string { return p.lang }

// LanguageName is a language's name (a BCP 47 tag) in the printer's
// language, from CLDR; the tag itself when CLDR has no name for it.
func (p *Printer) LanguageName(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	if name := display.Tags(language.Make(p.Lang())).Name(tag); name != "" {
		return name
	}
	return lang
}

// T translates a message id; args are name/value pairs for the template,
// and a "Count" pair selects the plural form. An id missing from every
// catalog comes back as itself, which the catalog tests catch. The result
// is go-i18n's, mostly computed without it (fast.go).
func (p *Printer) T(id string, args ...any) string {
	e := p.entries[id]
	if e == nil {
		return id // no message in the printer's language nor in the default one
	}
	if len(args) == 0 {
		e.plainOnce.Do(func() { e.plain = p.localize(id) })
		return e.plain
	}
	if s, ok := e.fast(args); ok {
		return s
	}
	return p.localize(id, args...)
}

// localize is T through go-i18n.
func (p *Printer) localize(id string, args ...any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		data := map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			k := fmt.Sprint(args[i])
			data[k] = args[i+1]
			if k == "Count" {
				cfg.PluralCount = args[i+1]
			}
		}
		cfg.TemplateData = data
	}
	s, err := p.loc.Localize(cfg)
	if err != nil && s == "" {
		return id
	}
	return strings.TrimSpace(s)
}

// Date formats a calendar date in the printer's language using the catalog's
// month names and date pattern, e.g. "5 December 2024", "5 de diciembre de 2024".
func (p *Printer) Date(t time.Time) string {
	return p.T("format.date", "Day", t.Day(), "Month", p.T(monthID(t.Month())), "Year", t.Year())
}

// MonthYear formats a month, e.g. "December 2023", for events known only by month.
func (p *Printer) MonthYear(t time.Time) string {
	return p.T("format.month_year", "Month", p.T(monthID(t.Month())), "Year", t.Year())
}

// monthIDs are the message ids of the month names, month.1 to month.12.
var monthIDs = func() (ids [13]string) {
	for m := 1; m <= 12; m++ {
		ids[m] = fmt.Sprintf("month.%d", m)
	}
	return ids
}()

// monthID is the message id of m's name.
func monthID(m time.Month) string {
	if m >= time.January && m <= time.December {
		return monthIDs[m]
	}
	return fmt.Sprintf("month.%d", int(m))
}

// Clock formats a time of day on the 24-hour clock, as the UN does.
func (p *Printer) Clock(t time.Time) string { return t.Format("15:04") }
