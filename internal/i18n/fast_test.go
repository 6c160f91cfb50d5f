package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// named and stringer are argument types the fast path leaves to the
// template, which prints them its own way.
type named string

type stringer struct{ n int }

func (s stringer) String() string { return fmt.Sprintf("stringer %d", s.n) }

var fieldRE = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)

// allIDs is every message id of every language, as go-i18n parsed them,
// and a few no catalog has.
func allIDs(c *Catalog) []string {
	seen := map[string]bool{}
	for _, p := range c.printers {
		for id := range p.entries {
			seen[id] = true
		}
	}
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range seen {
			if !yield(id) {
				return
			}
		}
	})
	return append(ids, "no.such.message", "", "month.13")
}

// fields are the template fields any language's message for id uses.
func fields(c *Catalog, id string) []string {
	set := map[string]bool{}
	for _, p := range c.printers {
		e := p.entries[id]
		if e == nil {
			continue
		}
		for _, f := range e.msg.forms {
			if f == nil {
				continue
			}
			for _, m := range fieldRE.FindAllStringSubmatch(f.src, -1) {
				set[m[1]] = true
			}
		}
	}
	return slices.Sorted(func(yield func(string) bool) {
		for f := range set {
			if !yield(f) {
				return
			}
		}
	})
}

// argSets are the calls T is checked with for a message with these fields:
// none, every field, plural counts, missing fields, values only the
// template prints, Counts go-i18n refuses, and malformed pairs.
func argSets(fs []string) [][]any {
	all := func(v func(f string) any) []any {
		var args []any
		for _, f := range fs {
			args = append(args, f, v(f))
		}
		return args
	}
	sets := [][]any{
		nil,
		all(func(f string) any { return "«" + f + "» <b>&amp;" }),
		all(func(f string) any { return "" }),
		all(func(f string) any { return "  " }),
		all(func(f string) any { return 42 }),
		all(func(f string) any { return int64(-7) }),
		all(func(f string) any { return uint8(200) }),
		all(func(f string) any { return 1.5 }),
		all(func(f string) any { return named("named " + f) }),
		all(func(f string) any { return stringer{3} }),
		all(func(f string) any { return &stringer{4} }),
		all(func(f string) any { return nil }),
		all(func(f string) any { return true }),
		all(func(f string) any { return time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC) }),
		{"Unused", "x"},
		{"Unused"},
		{7, "seven", "Count", 1},
		append(all(func(f string) any { return "first" }), all(func(f string) any { return "second" })...),
	}
	if len(fs) > 1 {
		sets = append(sets, []any{fs[0], "only the first"})
	}
	for _, n := range []any{0, 1, 2, 3, 5, 11, 21, 100, 101, 1000, 1001, 1_000_000, -1, -21,
		int8(2), int16(5), int32(21), int64(100), int64(-9223372036854775808),
		"1", "1.5", "21", "abc", uint(1), 1.0, nil} {
		sets = append(sets, append(all(func(f string) any { return "v" + f }), "Count", n))
		sets = append(sets, []any{"Count", n})
	}
	return sets
}

// T's result equals go-i18n's (localize, the uncached path) for every
// message id of every language, with and without arguments, including
// every plural form.
func TestFastMatchesGoI18n(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	langs := append(Languages(), "xx") // an unsupported language prints English
	checked := 0
	for _, id := range allIDs(c) {
		sets := argSets(fields(c, id))
		for _, lang := range langs {
			p := c.Printer(lang)
			for _, args := range sets {
				for range 2 { // the first call fills the caches, the second reads them
					want, got := p.localize(id, args...), p.T(id, args...)
					if got != want {
						t.Errorf("%s %q %v:\n T = %q\n go-i18n = %q", lang, id, args, got, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 10000 {
		t.Errorf("only %d calls checked", checked)
	}
}

// The plural probe resolves every language of the catalog, so no message
// is left to go-i18n for want of plural rules.
func TestPluralProbesEveryLanguage(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages() {
		p := c.Printer(lang)
		for id, e := range p.entries {
			if e.plural == nil {
				t.Errorf("%s %q: no plural rules, the fast path is off", lang, id)
				break
			}
		}
	}
}

func TestDateAndMonthYear(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages() {
		p := c.Printer(lang)
		for m := time.January; m <= time.December; m++ {
			d := time.Date(2024, m, 5, 10, 0, 0, 0, time.UTC)
			month := p.localize(fmt.Sprintf("month.%d", int(m)))
			if got, want := p.Date(d), p.localize("format.date", "Day", 5, "Month", month, "Year", 2024); got != want {
				t.Errorf("%s Date = %q, want %q", lang, got, want)
			}
			if got, want := p.MonthYear(d), p.localize("format.month_year", "Month", month, "Year", 2024); got != want {
				t.Errorf("%s MonthYear = %q, want %q", lang, got, want)
			}
		}
	}
}

// T is safe for concurrent use (run with -race): goroutines filling the
// caches at once all get go-i18n's results.
func TestTConcurrent(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	type call struct {
		p    *Printer
		id   string
		args []any
		want string
	}
	var calls []call
	for _, id := range allIDs(c) {
		fs := fields(c, id)
		for _, lang := range Languages() {
			p := c.Printer(lang)
			for _, args := range [][]any{nil, argSets(fs)[1], append(argSets(fs)[1], "Count", 21), {"Count", 2}} {
				calls = append(calls, call{p, id, args, p.localize(id, args...)})
			}
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range calls {
				k := calls[(i*7+g*len(calls)/8)%len(calls)]
				if got := k.p.T(k.id, k.args...); got != k.want {
					t.Errorf("%s %q %v = %q, want %q", k.p.Lang(), k.id, k.args, got, k.want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkT(b *testing.B) {
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	p := c.Printer("fr")
	b.Run("args", func(b *testing.B) {
		for b.Loop() {
			p.T("email.greeting", "Name", "Ana")
		}
	})
	b.Run("go-i18n", func(b *testing.B) {
		for b.Loop() {
			p.localize("email.greeting", "Name", "Ana")
		}
	})
	b.Run("date", func(b *testing.B) {
		d := time.Now()
		for b.Loop() {
			p.Date(d)
		}
	})
}

// madeUp is a catalog with what the real one does not have (yet): missing
// translations, missing plural forms, templates that fail to parse or to
// execute, other delimiters, trim markers, comments, functions, a message
// given twice, a language with no file at all (ar, zh), so that the fast
// path is held to go-i18n's fallbacks too.
var madeUp = fstest.MapFS{
	"locales/a.en.toml": {Data: []byte(`
"plain" = "Hello"
"field" = "Dear {{.Name}},"
"spaces" = "  padded {{.Name}}  "
"empty.field" = "{{.Name}}"
"only.en" = "English only {{.Name}}"
"only.en.empty" = "{{.Name}}"
"twice" = "first file"
"bad.parse" = "broken {{.Name"
"bad.exec" = "{{if eq .Name 3}}three{{else}}other{{end}}"
"trim" = "a {{- .Name -}} b"
"comment" = "a {{/* note */}} b {{.Name}}"
"nested" = "{{.Name.Field}}"
"call" = "{{len .Name}}"
"printf" = "{{printf \"%05d\" .Count}}"
"dollar" = "{{$}}"
"pipe" = "{{.Name | print}}"
[delims]
leftDelim = "<<"
rightDelim = ">>"
other = "<<.Name>> and {{.Name}}"
[plural]
one = "{{.Count}} item for {{.Name}}"
other = "{{.Count}} items for {{.Name}}"
[pluralnoother]
one = "just one {{.Count}}"
[pluralbadone]
one = "broken {{.Count"
other = "{{.Count}} fine"
[pluralexecone]
one = "{{if eq .Count \"x\"}}x{{end}}"
other = "{{.Count}} fine"
`)},
	"locales/b.en.toml": {Data: []byte(`"twice" = "second file"`)},
	"locales/a.fr.toml": {Data: []byte(`
"plain" = "Bonjour"
"field" = "Cher {{.Name}},"
"empty.field" = "{{.Name}}"
"twice" = "français"
[plural]
one = "{{.Count}} article pour {{.Name}}"
many = "{{.Count}} d’articles pour {{.Name}}"
other = "{{.Count}} articles pour {{.Name}}"
[pluralnoother]
one = "un seul {{.Count}}"
`)},
	"locales/a.ru.toml": {Data: []byte(`
[plural]
one = "{{.Count}} штука"
few = "{{.Count}} штуки"
other = "{{.Count}} штук"
`)},
	"locales/a.es.toml": {Data: []byte(`
"plain" = ""
"field" = ""
[plural]
other = "{{.Count}} cosas"
`)},
	"locales/a.pt.toml": {Data: []byte(`"plain" = "{{.Name}}"`)},
}

func TestFastMatchesGoI18nOnMadeUpCatalog(t *testing.T) {
	c, err := load(madeUp)
	if err != nil {
		t.Fatal(err)
	}
	ids := append(allIDs(c), "plural.missing")
	for _, lang := range append(Languages(), "xx") {
		p := c.Printer(lang)
		for _, id := range ids {
			for _, args := range append(argSets([]string{"Name"}), argSets([]string{"Name", "Count"})...) {
				for range 2 {
					if want, got := p.localize(id, args...), p.T(id, args...); got != want {
						t.Errorf("%s %q %v:\n T = %q\n go-i18n = %q", lang, id, args, got, want)
					}
				}
			}
		}
	}
}
