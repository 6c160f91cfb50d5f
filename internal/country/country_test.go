package country

import (
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// TestRegions checks continental and sub-region membership from CLDR.
func TestRegions(t *testing.T) {
	d := New()
	tests := []struct{ code, region, sub string }{
		{"BR", "019", "419"},
		{"US", "019", "021"},
		{"CL", "019", "419"},
		{"KE", "002", "202"},
		{"EG", "002", "015"},
		{"JP", "142", "030"},
		{"DE", "150", "155"},
		{"AU", "009", "053"},
		{"FJ", "009", "054"},
		{"AQ", "009", ""}, // CLDR: Outlying Oceania, no M49 sub-region
	}
	for _, tt := range tests {
		if got := d.Region(tt.code); got != tt.region {
			t.Errorf("Region(%q) = %q, want %q", tt.code, got, tt.region)
		}
		if got := d.SubRegion(tt.code); got != tt.sub {
			t.Errorf("SubRegion(%q) = %q, want %q", tt.code, got, tt.sub)
		}
		if !d.InRegion(tt.code, tt.region) {
			t.Errorf("InRegion(%q, %q) = false", tt.code, tt.region)
		}
		if tt.sub != "" && !d.InRegion(tt.code, tt.sub) {
			t.Errorf("InRegion(%q, %q) = false", tt.code, tt.sub)
		}
	}
}

// TestInRegionNegative guards against loose matching.
func TestInRegionNegative(t *testing.T) {
	d := New()
	tests := []struct{ code, m49 string }{
		{"BR", "021"}, {"US", "419"}, {"DE", "002"}, {"XK", "150"}, {"BR", ""}, {"br", "019"},
	}
	for _, tt := range tests {
		if d.InRegion(tt.code, tt.m49) {
			t.Errorf("InRegion(%q, %q) = true, want false", tt.code, tt.m49)
		}
	}
}

// TestEveryCountryHasRegion documents the sub-region exceptions; every
// code has a continental region.
func TestEveryCountryHasRegion(t *testing.T) {
	d := New()
	noSub := []string{"AQ", "BV", "CC", "CX", "GS", "HM", "IO", "TF", "UM"}
	for _, c := range d.Codes() {
		if d.Region(c) == "" {
			t.Errorf("%s has no continental region", c)
		}
		if got := d.SubRegion(c) == ""; got != slices.Contains(noSub, c) {
			t.Errorf("%s: missing sub-region = %v, want %v", c, got, !got)
		}
		if sub := d.SubRegion(c); sub != "" && d.parent[sub] != d.Region(c) {
			t.Errorf("%s: sub-region %s not inside %s", c, sub, d.Region(c))
		}
	}
}

func TestValid(t *testing.T) {
	d := New()
	tests := []struct {
		code string
		want bool
	}{
		{"BR", true},
		{"AQ", true},
		{"SS", true},
		{"br", false}, // callers Normalize first
		{"XK", false}, // Kosovo: user-assigned, not ISO 3166-1
		{"ZZ", false}, // unknown region
		{"QO", false}, // private use (Outlying Oceania)
		{"EU", false}, // grouping
		{"UK", false}, // deprecated alias of GB
		{"AC", false}, // exceptional reservation
		{"SU", false}, // withdrawn
		{"", false},
		{"BRA", false},
	}
	for _, tt := range tests {
		if got := d.Valid(tt.code); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	if !d.Valid(Normalize(" br ")) {
		t.Error(`Valid(Normalize(" br ")) = false`)
	}
}

func TestCodes(t *testing.T) {
	codes := New().Codes()
	if n := len(codes); n < 240 || n > 260 {
		t.Fatalf("len(Codes()) = %d, want 240..260", n)
	}
	if !slices.IsSorted(codes) {
		t.Error("Codes() not sorted")
	}
	codes[0] = "mutated"
	if New().Codes()[0] == "mutated" {
		t.Error("Codes() exposes internal slice")
	}
}

func TestName(t *testing.T) {
	d := New()
	tests := []struct{ code, lang, want string }{
		{"BR", "es", "Brasil"},
		{"BR", "pt", "Brasil"},
		{"DE", "fr", "Allemagne"},
		{"DE", "en", "Germany"},
		{"DE", "not a tag!", "Germany"}, // bad tag falls back to English
		{"XK", "en", "XK"},              // unknown code falls back to itself
	}
	for _, tt := range tests {
		if got := d.Name(tt.code, tt.lang); got != tt.want {
			t.Errorf("Name(%q, %q) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	zh, en := d.Name("CN", "zh"), d.Name("CN", "en")
	if zh == "" || zh == en {
		t.Errorf("Name(CN, zh) = %q, want non-empty and != %q", zh, en)
	}
}

// TestOptionsCollated checks the list is ordered by the language's
// collation, not bytes: "Égypte" must come before "Espagne" in French.
func TestOptionsCollated(t *testing.T) {
	d := New()
	for _, lang := range []string{"es", "fr", "zh", "ar", "de"} {
		opts := d.Options(lang)
		if len(opts) != len(d.Codes()) {
			t.Fatalf("Options(%q) has %d entries", lang, len(opts))
		}
		col := collate.New(language.Make(lang))
		for i := 1; i < len(opts); i++ {
			if col.CompareString(opts[i-1].Name, opts[i].Name) > 0 {
				t.Errorf("Options(%q) out of order: %q before %q", lang, opts[i-1].Name, opts[i].Name)
			}
		}
	}
	fr := d.Options("fr")
	idx := func(code string) int {
		return slices.IndexFunc(fr, func(o Option) bool { return o.Code == code })
	}
	if idx("EG") > idx("ES") {
		t.Error("fr: Égypte sorted after Espagne (byte order, not collation)")
	}
}

func TestRegionNames(t *testing.T) {
	d := New()
	if got := d.Regions(); !slices.Equal(got, []string{"002", "019", "142", "150", "009"}) {
		t.Errorf("Regions() = %v", got)
	}
	tests := []struct{ m49, lang, want string }{
		{"019", "en", "Americas"},
		{"150", "es", "Europa"},
		{"202", "en", "Sub-Saharan Africa"},
		{"202", "es", "Sub-Saharan Africa"}, // CLDR lacks it: English fallback
	}
	for _, tt := range tests {
		if got := d.RegionName(tt.m49, tt.lang); got != tt.want {
			t.Errorf("RegionName(%q, %q) = %q, want %q", tt.m49, tt.lang, got, tt.want)
		}
	}
	if got := d.RegionName("419", "es"); got == "" || got == "419" {
		t.Errorf("RegionName(419, es) = %q", got)
	}
}

// TestRegionOptions checks each continent is followed by its own sub-regions.
func TestRegionOptions(t *testing.T) {
	d := New()
	for _, lang := range []string{"en", "ar", "it"} {
		opts := d.RegionOptions(lang)
		if len(opts) != len(continents)+len(subRegions) {
			t.Fatalf("RegionOptions(%q) has %d entries", lang, len(opts))
		}
		cur := ""
		for _, o := range opts {
			if slices.Contains(continents[:], o.Code) {
				cur = o.Code
			} else if d.parent[o.Code] != cur {
				t.Errorf("%s: %s listed under %s", lang, o.Code, cur)
			}
			if o.Name == "" {
				t.Errorf("%s: %s has no name", lang, o.Code)
			}
		}
	}
}
