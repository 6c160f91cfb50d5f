// Package country lists ISO 3166-1 alpha-2 countries and their UN M49
// regions, with names localized for the reader.
//
// All country data (which codes exist, their names, and which region
// contains them) comes from CLDR via golang.org/x/text; the package only
// types the M49 region codes it exposes. Build a Directory once with New and
// share it: it is immutable and safe for concurrent use.
//
// Exceptions worth knowing:
//   - XK (Kosovo) is not Valid: it is a user-assigned code, not an ISO 3166-1
//     assignment, and x/text reports it as private use. UN M49 does not list
//     Kosovo separately either.
//   - Exceptionally reserved codes (AC, CP, DG, EA, IC, TA), CLDR groupings
//     (EU, EZ, UN) and withdrawn codes (AN, CS, SU, YU, NT, BU, ...) are
//     excluded, leaving the 249 officially assigned ISO 3166-1 codes.
//   - Regions follow CLDR containment, which differs from the UN M49 table
//     for a few remote territories: CLDR places AQ, BV, CC, CX, GS, HM, IO,
//     TF and UM in "Outlying Oceania" (QO), so they have continental region
//     009 but no SubRegion. Every code has a continental region.
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

// continents are the five UN M49 continental regions, in the order Regions
// returns them (English alphabetical, as UN documents list them).
var continents = [...]string{"002", "019", "142", "150", "009"}

// subRegions are the M49 sub-regions used for filtering. Together they
// partition each continent, so a country belongs to at most one of them.
var subRegions = [...]string{
	"015", "202", // Africa
	"419", "021", // Americas
	"143", "030", "034", "035", "145", // Asia
	"151", "154", "039", "155", // Europe
	"053", "054", "057", "061", // Oceania
}

// precomputed are the UN official languages plus Portuguese; their option
// lists are built in New so hot paths do not collate on every request.
var precomputed = [...]string{"en", "es", "fr", "ru", "zh", "ar", "pt"}

// Directory is the immutable set of countries and their regions.
type Directory struct {
	codes      []string          // sorted alpha-2 codes
	region     map[string]string // country -> continental M49 code
	subRegion  map[string]string // country -> M49 sub-region code
	parent     map[string]string // sub-region -> continental M49 code
	options    map[string][]Option
	regionOpts map[string][]Option
}

// New builds the directory from CLDR data. It does a few thousand cheap
// lookups, so call it once at start-up and pass the result around.
func New() *Directory {
	d := &Directory{
		codes:      countryCodes(),
		region:     map[string]string{},
		subRegion:  map[string]string{},
		parent:     map[string]string{},
		options:    map[string][]Option{},
		regionOpts: map[string][]Option{},
	}
	for _, c := range d.codes {
		d.region[c] = containing(c, continents[:])
		d.subRegion[c] = containing(c, subRegions[:])
	}
	for _, s := range subRegions {
		d.parent[s] = containing(s, continents[:])
	}
	for _, lang := range precomputed {
		tag := language.Make(lang)
		d.options[lang] = d.buildOptions(tag)
		d.regionOpts[lang] = d.buildRegionOptions(tag)
	}
	return d
}

// countryCodes enumerates AA..ZZ and keeps the officially assigned ISO
// 3166-1 codes. Each test removes a class x/text would otherwise let in:
// private use (QM..QZ, XA..XZ, AA, ZZ), groupings (EU), deprecated aliases
// (UK, BU, ...), exceptional reservations without an ISO numeric code (AC,
// DG, EZ, UN, ...), and withdrawn codes CLDR no longer names (AN, CS, SU).
func countryCodes() []string {
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.IsPrivateUse() ||
				r.Canonicalize() != r || r.ISO3() == "" || r.M49() == 0 ||
				display.English.Regions().Name(r) == "" {
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

// Valid reports whether code is a known country code. It is strict (only
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

// Name returns the country's name in the reader's language (a BCP 47 tag),
// falling back to English and then to the code itself.
func (d *Directory) Name(code, lang string) string {
	if !d.Valid(code) {
		return code
	}
	return regionName(code, parseLang(lang))
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

// Region returns the continental M49 code containing the country, or "".
func (d *Directory) Region(code string) string { return d.region[code] }

// SubRegion returns the M49 sub-region containing the country, or "".
func (d *Directory) SubRegion(code string) string { return d.subRegion[code] }

// Regions returns the five continental M49 codes in a stable order.
func (d *Directory) Regions() []string { return slices.Clone(continents[:]) }

// RegionName returns the localized name of an M49 region, falling back to
// English and then the code (CLDR lacks some, e.g. 202 in Spanish).
func (d *Directory) RegionName(m49, lang string) string {
	if _, err := language.ParseRegion(m49); err != nil {
		return m49
	}
	return regionName(m49, parseLang(lang))
}

// InRegion reports whether the continental or sub-region m49 contains the
// country. Only the regions this package exposes are recognised.
func (d *Directory) InRegion(country, m49 string) bool {
	if m49 == "" || !d.Valid(country) {
		return false
	}
	return d.region[country] == m49 || d.subRegion[country] == m49
}

// RegionOptions lists each continent followed by its sub-regions (sorted by
// localized name), for a grouped region filter. The slice is a copy.
func (d *Directory) RegionOptions(lang string) []Option {
	tag := parseLang(lang)
	if o, ok := d.regionOpts[tag.String()]; ok {
		return slices.Clone(o)
	}
	return d.buildRegionOptions(tag)
}

// buildOptions names every country in tag and sorts by collation; a new
// collator per call keeps this safe for concurrent use.
func (d *Directory) buildOptions(tag language.Tag) []Option {
	opts := make([]Option, len(d.codes))
	for i, c := range d.codes {
		opts[i] = Option{Code: c, Name: regionName(c, tag)}
	}
	sortOptions(opts, tag)
	return opts
}

// buildRegionOptions groups sub-regions under their continent.
func (d *Directory) buildRegionOptions(tag language.Tag) []Option {
	var opts []Option
	for _, c := range continents {
		opts = append(opts, Option{Code: c, Name: regionName(c, tag)})
		var subs []Option
		for _, s := range subRegions {
			if d.parent[s] == c {
				subs = append(subs, Option{Code: s, Name: regionName(s, tag)})
			}
		}
		sortOptions(subs, tag)
		opts = append(opts, subs...)
	}
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

// regionName names a region code in tag, then English, then the code.
func regionName(code string, tag language.Tag) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(tag); n != nil {
		if s := n.Name(r); s != "" {
			return s
		}
	}
	if s := display.English.Regions().Name(r); s != "" {
		return s
	}
	return code
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
