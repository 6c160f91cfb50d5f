package i18n

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// requiredLanguages lists the languages that must translate every message of
// an area. Every area, public (core, and the opinion map's vote and opinions
// pages) and staff-only (admin, adminregs, adminopinions) alike, is complete
// in every language.
func requiredLanguages(area string) []string {
	return []string{"es", "fr", "pt", "ar", "ru", "zh"}
}

// pluralForms are the CLDR categories each language's plural tables need
// (required) and may use (allowed) in the go-i18n version we build with.
var pluralForms = map[string]struct{ required, allowed []string }{
	"en": {[]string{"one", "other"}, []string{"one", "other"}},
	"es": {[]string{"one", "other"}, []string{"one", "many", "other"}},
	"fr": {[]string{"one", "other"}, []string{"one", "many", "other"}},
	"pt": {[]string{"one", "other"}, []string{"one", "many", "other"}},
	"ru": {[]string{"one", "few", "many", "other"}, []string{"one", "few", "many", "other"}},
	"ar": {[]string{"zero", "one", "two", "few", "many", "other"}, []string{"zero", "one", "two", "few", "many", "other"}},
	"zh": {[]string{"other"}, []string{"other"}},
}

// areas are the catalog areas, named by their English files.
func areas(t *testing.T) []string {
	t.Helper()
	files, err := fs.Glob(locales, "locales/*."+Source+".toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no English catalogs: %v", err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(strings.TrimPrefix(f, "locales/"), "."+Source+".toml"))
	}
	return names
}

// readCatalog parses one catalog file; ok is false when it does not exist.
func readCatalog(t *testing.T, area, lang string) (msgs map[string]any, ok bool) {
	t.Helper()
	data, err := locales.ReadFile("locales/" + area + "." + lang + ".toml")
	if err != nil {
		return nil, false
	}
	if err := toml.Unmarshal(data, &msgs); err != nil {
		t.Fatalf("%s.%s.toml: %v", area, lang, err)
	}
	return msgs, true
}

// otherForm is a message's text, or its "other" form for a plural table.
func otherForm(msg any) string {
	if table, ok := msg.(map[string]any); ok {
		s, _ := table["other"].(string)
		return s
	}
	s, _ := msg.(string)
	return s
}

var (
	actionRe = regexp.MustCompile(`{{.*?}}`)
	fieldRe  = regexp.MustCompile(`\.([A-Za-z_]\w*)`)
)

// placeholders are the template fields a message uses, e.g. {{.Title}} → Title.
func placeholders(s string) []string {
	var names []string
	for _, action := range actionRe.FindAllString(s, -1) {
		for _, m := range fieldRe.FindAllStringSubmatch(action, -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
	}
	slices.Sort(names)
	return names
}

func TestCatalogsMatchEnglish(t *testing.T) {
	for _, area := range areas(t) {
		en, _ := readCatalog(t, area, Source)
		for _, lang := range Languages() {
			if lang == Source {
				continue
			}
			msgs, ok := readCatalog(t, area, lang)
			required := slices.Contains(requiredLanguages(area), lang)
			if !ok {
				if required {
					t.Errorf("%s.%s.toml is missing", area, lang)
				}
				continue
			}
			compareCatalog(t, area, lang, en, msgs, required)
		}
	}
}

// compareCatalog checks a translation against English: no unknown ids, the
// same placeholders, proper plural tables and, when required, every id.
func compareCatalog(t *testing.T, area, lang string, en, msgs map[string]any, required bool) {
	t.Helper()
	for id, msg := range msgs {
		enMsg, ok := en[id]
		if !ok {
			t.Errorf("%s.%s.toml: %q is not in English", area, lang, id)
			continue
		}
		want, got := placeholders(otherForm(enMsg)), placeholders(otherForm(msg))
		if !slices.Equal(want, got) {
			t.Errorf("%s.%s.toml: %q uses %v, English uses %v", area, lang, id, got, want)
		}
		checkPluralForms(t, area+"."+lang, lang, id, msg)
	}
	if !required {
		return
	}
	for id := range en {
		if _, ok := msgs[id]; !ok {
			t.Errorf("%s.%s.toml: %q is missing", area, lang, id)
		}
	}
}

// checkPluralForms checks that a plural table has the categories its language needs.
func checkPluralForms(t *testing.T, file, lang, id string, msg any) {
	t.Helper()
	table, ok := msg.(map[string]any)
	if !ok {
		return
	}
	forms := pluralForms[lang]
	for _, f := range forms.required {
		if _, ok := table[f]; !ok {
			t.Errorf("%s: %q lacks plural form %q", file, id, f)
		}
	}
	for f := range table {
		if !slices.Contains(forms.allowed, f) && f != "description" {
			t.Errorf("%s: %q has plural form %q, which %s does not use", file, id, f, lang)
		}
	}
}

func TestEnglishPluralForms(t *testing.T) {
	for _, area := range areas(t) {
		en, _ := readCatalog(t, area, Source)
		for id, msg := range en {
			checkPluralForms(t, area+"."+Source, Source, id, msg)
		}
	}
}

func newCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDatesAndMonths(t *testing.T) {
	c := newCatalog(t)
	day := time.Date(2024, time.December, 5, 10, 0, 0, 0, time.UTC)
	cases := []struct{ name, got, want string }{
		{"es month", c.Printer("es").T("month.12"), "diciembre"},
		{"en date", c.Printer("en").Date(day), "5 December 2024"},
		{"es date", c.Printer("es").Date(day), "5 de diciembre de 2024"},
		{"fr date", c.Printer("fr").Date(day), "5 décembre 2024"},
		{"pt date", c.Printer("pt").Date(day), "5 de dezembro de 2024"},
		{"ru date", c.Printer("ru").Date(day), "5 декабря 2024 г."},
		{"zh date", c.Printer("zh").Date(day), "2024年12月5日"},
		{"ru month", c.Printer("ru").MonthYear(day), "декабрь 2024 г."},
		{"ru May", c.Printer("ru").MonthYear(day.AddDate(0, -7, 0)), "май 2024 г."},
		{"es month", c.Printer("es").MonthYear(day), "diciembre de 2024"},
		{"zh month", c.Printer("zh").MonthYear(day), "2024年12月"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestMatch(t *testing.T) {
	c := newCatalog(t)
	for header, want := range map[string]string{
		"pt-BR,pt;q=0.9": "pt", "ar-EG": "ar", "de": "", "zh-CN": "zh", "fr-CH, en;q=0.5": "fr",
	} {
		if got := c.Match(header); got != want {
			t.Errorf("Match(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestRussianPlaces(t *testing.T) {
	p := newCatalog(t).Printer("ru")
	forms := map[string]int{}
	for _, n := range []int{1, 3, 5} {
		forms[p.T("consultation.places_left", "Count", n)] = n
	}
	if len(forms) != 3 {
		t.Errorf("places_left for 1, 3, 5 should differ in Russian: %v", forms)
	}
	if got := p.T("consultation.places_left", "Count", 21); got != "Осталось 21 место." {
		t.Errorf("places_left 21 = %q", got)
	}
}
