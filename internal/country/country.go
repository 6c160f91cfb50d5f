// Package country lists the countries and areas of UN M49 by their
// ISO 3166-1 alpha-2 codes, their M49 regions and the UN regional
// commissions they belong to, with names localized for the reader as the
// UN writes them.
//
// CLDR (golang.org/x/text) is the base: which codes exist, their names in
// any language and which region contains them. Where the UN differs, small
// tables override it, each with its source:
//   - names_un.go: the UN names (M49 / UNTERM) in the six official
//     languages where CLDR's differ ("Türkiye", "Iran (Islamic Republic
//     of)", "China, Hong Kong Special Administrative Region"…); Portuguese,
//     which the UN does not use, stays CLDR's with a few corrections; and
//     the codes not offered at all.
//   - regions.go: M49's region names (CLDR says "Latin America" for 419,
//     M49 "Latin America and the Caribbean") and the two inhabited remote
//     territories CLDR places differently.
//   - commissions.go: the members of the five regional commissions.
//
// Build a Directory once with New and share it: it is immutable and safe
// for concurrent use.
//
// Exceptions worth knowing:
//   - XK (Kosovo) is not Valid: it is a user-assigned code, not an ISO 3166-1
//     assignment, and UN M49 does not list Kosovo separately.
//   - TW is not Valid: UN M49 has no entry for Taiwan.
//   - AQ, BV, GS, HM, IO, TF and UM are not Valid: they have no permanent
//     population. (CLDR puts them, with CC and CX, in "Outlying Oceania" (QO)
//     with no sub-region; M49 places them elsewhere. CC and CX are kept and
//     placed in M49's Australia and New Zealand.)
//   - Exceptionally reserved codes (AC, CP, DG, EA, IC, TA), CLDR groupings
//     (EU, EZ, UN) and withdrawn codes (AN, CS, SU, YU, NT, BU, ...) are
//     excluded, leaving 241 of the 249 officially assigned ISO 3166-1
//     codes. Every listed code has an M49 region and sub-region.
package country

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Option is one entry of a select list: a code and its localized label.
type Option struct{ Code, Name string }

// precomputed are the UN official languages plus Portuguese; their option
// lists are built in New so hot paths do not collate on every request.
var precomputed = [...]string{"en", "es", "fr", "ru", "zh", "ar", "pt"}

// Directory is the immutable set of countries and their regions.
type Directory struct {
	codes        []string          // sorted alpha-2 codes
	region       map[string]string // country -> continental M49 code
	subRegion    map[string]string // country -> M49 sub-region code
	intermediate map[string]string // country -> M49 intermediate region, if any
	options      map[string][]Option
	regionOpts   map[string][]Option
}

// New builds the directory from CLDR data and the UN tables. It does a few
// thousand cheap lookups, so call it once at start-up and pass it around.
func New() *Directory {
	d := &Directory{
		codes:        countryCodes(),
		region:       map[string]string{},
		subRegion:    map[string]string{},
		intermediate: map[string]string{},
		options:      map[string][]Option{},
		regionOpts:   map[string][]Option{},
	}
	d.placeRegions()
	for _, lang := range precomputed {
		tag := language.Make(lang)
		d.options[lang] = d.buildOptions(tag)
		d.regionOpts[lang] = d.buildRegionOptions(tag)
	}
	return d
}

// countryCodes enumerates AA..ZZ and keeps the officially assigned ISO
// 3166-1 codes the UN lists. Each test removes a class x/text would
// otherwise let in: private use (QM..QZ, XA..XZ, AA, ZZ), groupings (EU),
// deprecated aliases (UK, BU, ...), exceptional reservations without an ISO
// numeric code (AC, DG, EZ, UN, ...), withdrawn codes CLDR no longer names
// (AN, CS, SU), and the codes in notListed.
func countryCodes() []string {
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.IsPrivateUse() ||
				r.Canonicalize() != r || r.ISO3() == "" || r.M49() == 0 ||
				display.English.Regions().Name(r) == "" || notListed[code] {
				continue
			}
			codes = append(codes, code)
		}
	}
	return codes // already sorted by construction
}

// containing returns the first of the M49 groups that contains code, or "".
func containing(code string, groups []string) string {
	r := language.MustParseRegion(code)
	for _, g := range groups {
		if language.MustParseRegion(g).Contains(r) {
			return g
		}
	}
	return ""
}

// Normalize trims spaces and upper-cases a code so user input like " br "
// can be checked with Valid and used as a key.
func Normalize(code string) string {
	return strings.ToUpper(strings.TrimSpace(code))
}

// Valid reports whether code is a listed country code. It is strict (only
// normalized upper-case codes match) so stored values stay canonical; call
// Normalize on user input first.
func (d *Directory) Valid(code string) bool {
	_, ok := slices.BinarySearch(d.codes, code)
	return ok
}

// Codes returns the sorted country codes. The slice is a copy.
func (d *Directory) Codes() []string {
	return slices.Clone(d.codes)
}

// Name returns the country's UN name in the reader's language (a BCP 47
// tag), falling back to CLDR, then English, then the code itself. Codes
// that are not listed (TW, AQ, ...) are returned as they are.
func (d *Directory) Name(code, lang string) string {
	if !d.Valid(code) {
		return code
	}
	return countryName(code, parseLang(lang))
}

// Options lists all countries sorted by their localized names using the
// language's collation, for a country select list. The slice is a copy.
func (d *Directory) Options(lang string) []Option {
	tag := parseLang(lang)
	if o, ok := d.options[tag.String()]; ok {
		return slices.Clone(o)
	}
	return d.buildOptions(tag)
}

// buildOptions names every country in tag and sorts by collation; a new
// collator per call keeps this safe for concurrent use.
func (d *Directory) buildOptions(tag language.Tag) []Option {
	opts := make([]Option, len(d.codes))
	for i, c := range d.codes {
		opts[i] = Option{Code: c, Name: countryName(c, tag)}
	}
	sortOptions(opts, tag)
	return opts
}

// sortOptions orders by localized name with the language's collation,
// breaking ties by code so the order is deterministic.
func sortOptions(opts []Option, tag language.Tag) {
	col := collate.New(tag)
	slices.SortStableFunc(opts, func(a, b Option) int {
		if c := col.CompareString(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
}

// countryName is the UN name in tag's language, else CLDR's. The UN's
// Chinese names are in simplified characters, so a reader of traditional
// Chinese gets CLDR's zh-Hant names instead.
func countryName(code string, tag language.Tag) string {
	base := baseOf(tag)
	if base == "pt" && ptNames[code] != "" {
		return ptNames[code]
	}
	if s, _ := tag.Script(); base != "zh" || s.String() == "Hans" {
		if n := unNames[code].forLang(base); n != "" {
			return n
		}
	}
	if n := cldrName(code, tag); n != "" {
		return n
	}
	if n := cldrName(code, language.English); n != "" {
		return n
	}
	return code
}

// cldrName names a region code in tag from CLDR, or "".
func cldrName(code string, tag language.Tag) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	if n := display.Regions(tag); n != nil {
		return n.Name(r)
	}
	return ""
}

// baseOf is the tag's language subtag ("pt" for pt-BR).
func baseOf(tag language.Tag) string {
	b, _ := tag.Base()
	return b.String()
}

// parseLang reads a BCP 47 tag, treating unparsable input as English so a
// bad Accept-Language never breaks a page.
func parseLang(lang string) language.Tag {
	tag, err := language.Parse(strings.TrimSpace(lang))
	if err != nil || tag == language.Und {
		return language.English
	}
	return tag
}
