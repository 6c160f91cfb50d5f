package country

import (
	"slices"
	"testing"
)

// TestRegionsFollowM49 checks a country of each M49 sub-region and
// intermediate region, and the remote territories CLDR places elsewhere.
func TestRegionsFollowM49(t *testing.T) {
	d := New()
	tests := []struct{ code, region, sub, intermediate string }{
		{"EG", "002", "015", ""},
		{"SN", "002", "202", "011"},
		{"KE", "002", "202", "014"},
		{"CM", "002", "202", "017"},
		{"ZA", "002", "202", "018"},
		{"JM", "019", "419", "029"},
		{"MX", "019", "419", "013"},
		{"CL", "019", "419", "005"},
		{"BR", "019", "419", "005"},
		{"US", "019", "021", ""},
		{"KZ", "142", "143", ""},
		{"JP", "142", "030", ""},
		{"IN", "142", "034", ""},
		{"VN", "142", "035", ""},
		{"TR", "142", "145", ""},
		{"RU", "150", "151", ""},
		{"GB", "150", "154", ""},
		{"IT", "150", "039", ""},
		{"DE", "150", "155", ""},
		{"AU", "009", "053", ""},
		{"CC", "009", "053", ""}, // CLDR: Outlying Oceania
		{"CX", "009", "053", ""}, // CLDR: Outlying Oceania
		{"FJ", "009", "054", ""},
		{"FM", "009", "057", ""},
		{"WS", "009", "061", ""},
	}
	for _, tt := range tests {
		if got := d.Region(tt.code); got != tt.region {
			t.Errorf("Region(%s) = %q, want %q", tt.code, got, tt.region)
		}
		if got := d.SubRegion(tt.code); got != tt.sub {
			t.Errorf("SubRegion(%s) = %q, want %q", tt.code, got, tt.sub)
		}
		if got := d.IntermediateRegion(tt.code); got != tt.intermediate {
			t.Errorf("IntermediateRegion(%s) = %q, want %q", tt.code, got, tt.intermediate)
		}
		for _, m49 := range []string{tt.region, tt.sub, tt.intermediate} {
			if m49 != "" && !d.InRegion(tt.code, m49) {
				t.Errorf("InRegion(%s, %s) = false", tt.code, m49)
			}
		}
	}
}

// TestEveryCountryHasRegion: every listed code has a continent and a
// sub-region inside it, and an intermediate region exactly when its
// sub-region is split (202 and 419).
func TestEveryCountryHasRegion(t *testing.T) {
	d := New()
	for _, c := range d.Codes() {
		sub, inter := d.SubRegion(c), d.IntermediateRegion(c)
		if d.Region(c) == "" || sub == "" || d.Parent(sub) != d.Region(c) {
			t.Errorf("%s: region %q, sub-region %q", c, d.Region(c), sub)
		}
		if split := sub == "202" || sub == "419"; split != (inter != "") || (inter != "" && d.Parent(inter) != sub) {
			t.Errorf("%s: sub-region %s, intermediate %q", c, sub, inter)
		}
	}
}

func TestInRegionNegative(t *testing.T) {
	d := New()
	tests := []struct{ code, m49 string }{
		{"BR", "021"}, {"US", "419"}, {"DE", "002"}, {"XK", "150"}, {"BR", ""}, {"br", "019"}, {"MX", "005"}, {"KE", "011"},
	}
	for _, tt := range tests {
		if d.InRegion(tt.code, tt.m49) {
			t.Errorf("InRegion(%q, %q) = true, want false", tt.code, tt.m49)
		}
	}
}

// TestRegionNamesAreM49s: M49's labels, not CLDR's ("Latin America",
// "Micronesian Region", "Australasia").
func TestRegionNamesAreM49s(t *testing.T) {
	d := New()
	if got := d.Regions(); !slices.Equal(got, []string{"002", "019", "142", "150", "009"}) {
		t.Errorf("Regions() = %v", got)
	}
	tests := []struct{ m49, lang, want string }{
		{"419", "en", "Latin America and the Caribbean"},
		{"419", "es", "América Latina y el Caribe"},
		{"419", "fr", "Amérique latine et Caraïbes"},
		{"419", "ru", "Латинская Америка и Карибский бассейн"},
		{"419", "zh", "拉丁美洲和加勒比"},
		{"419", "ar", "أمريكا اللاتينية ومنطقة البحر الكاريبي"},
		{"419", "pt", "América Latina e Caribe"},
		{"057", "en", "Micronesia"},
		{"053", "en", "Australia and New Zealand"},
		{"035", "en", "South-eastern Asia"},
		{"202", "es", "África subsahariana"},
		{"005", "es", "América del Sur"},
		{"001", "ru", "Весь мир"},
		{"202", "it", "Sub-Saharan Africa"}, // no M49 Italian, no CLDR name: M49 English
		{"150", "de", "Europa"},             // other languages: CLDR
	}
	for _, tt := range tests {
		if got := d.RegionName(tt.m49, tt.lang); got != tt.want {
			t.Errorf("RegionName(%q, %q) = %q, want %q", tt.m49, tt.lang, got, tt.want)
		}
	}
}

// TestRegionOptions: each continent is followed by its own sub-regions, and
// each split sub-region by its intermediate regions.
func TestRegionOptions(t *testing.T) {
	d := New()
	for _, lang := range []string{"en", "ar", "it"} {
		opts := d.RegionOptions(lang)
		if len(opts) != len(continents)+len(subRegions)+len(intermediateRegions) {
			t.Fatalf("RegionOptions(%q) has %d entries", lang, len(opts))
		}
		cont, sub := "", ""
		for _, o := range opts {
			switch {
			case slices.Contains(continents[:], o.Code):
				cont = o.Code
			case slices.Contains(subRegions[:], o.Code):
				sub = o.Code
				if d.Parent(o.Code) != cont {
					t.Errorf("%s: %s listed under %s", lang, o.Code, cont)
				}
			case d.Parent(o.Code) != sub:
				t.Errorf("%s: %s listed under %s", lang, o.Code, sub)
			}
			if o.Name == "" || o.Name == o.Code {
				t.Errorf("%s: %s has no name", lang, o.Code)
			}
		}
	}
	if got := d.SubRegions(); len(got) != len(subRegions)+len(intermediateRegions) || got[1] != "202" || got[2] != "011" {
		t.Errorf("SubRegions() = %v", got)
	}
}
