package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestAdminRegistrationsUNRegions: a regional consultation held with ECLAC
// can say how many participants came from its member States, and filter
// the list by regional commission and by M49 sub-region, in the reader's
// language.
func TestAdminRegistrationsUNRegions(t *testing.T) {
	f := newRegsFixture(t)
	t.Run("filters", f.testUNFilters)
	t.Run("balance", f.testUNBalance)
}

func (f *regsFixture) testUNFilters(t *testing.T) {
	all := []string{"ana@", "bruno@", "claire@", "mallory@", "dana@", "eve@"}
	cases := []struct {
		query string
		want  []string
	}{
		// France and Germany are members of ECLAC as well as of ECE.
		{"?commission=ECLAC", []string{"ana@", "bruno@", "claire@", "mallory@", "eve@"}},
		{"?commission=ECA", []string{"dana@"}},
		{"?commission=ECE", []string{"claire@", "eve@"}},
		{"?commission=ESCWA", nil},
		{"?commission=ECE&region=419", nil},
		{"?commission=ECLAC&country=KE", nil},
		{"?commission=UN", all}, // unknown commission: no filter
		{"?region=005", []string{"ana@", "bruno@"}},
		{"?region=013", []string{"mallory@"}},
		{"?region=014", []string{"dana@"}},
		{"?region=202", []string{"dana@"}},
	}
	for _, c := range cases {
		_, body := f.get(t, regsPath+c.query)
		for _, e := range all {
			want := contains(c.want, e)
			if got := strings.Contains(body, ">"+e+"example.org<"); got != want {
				t.Errorf("%q: shows %s = %v, want %v", c.query, e, got, want)
			}
		}
	}
	_, body := f.get(t, regsPath+"?commission=ECLAC&lang=es")
	for _, s := range []string{`<label for="filter-commission">Comisión regional</label>`,
		`<option value="ECLAC" selected>Comisión Económica para América Latina y el Caribe (CEPAL)</option>`,
		`<option value="005">América del Sur</option>`, `<option value="419">América Latina y el Caribe</option>`,
		regsPath + ".csv?commission=ECLAC"} {
		if !strings.Contains(body, s) {
			t.Errorf("Spanish list lacks %q", s)
		}
	}
}

// unBalanceCell finds the count and share in a balance row, nested or not.
func unBalanceCell(body, label string) string {
	re := regexp.MustCompile(`<th scope="row">(?:<span aria-hidden="true">&emsp;</span>)?` + regexp.QuoteMeta(label) +
		`</th>\s*<td>(\d+)</td>\s*<td>(\d+ %)`)
	if m := re.FindStringSubmatch(body); m != nil {
		return m[1] + " " + m[2]
	}
	return ""
}

func (f *regsFixture) testUNBalance(t *testing.T) {
	// Five registrations hold a place: CL, BR, FR, MX, KE (DE cancelled).
	tests := []struct{ lang, label, want string }{
		{"en", "Latin America and the Caribbean", "3 60 %"},
		{"en", "South America", "2 40 %"},
		{"en", "Central America", "1 20 %"},
		{"en", "Caribbean", "0 0 %"},
		{"en", "Northern America", "0 0 %"},
		{"en", "Sub-Saharan Africa", "1 20 %"},
		{"en", "Eastern Africa", "1 20 %"},
		{"en", "Western Europe", "1 20 %"},
		{"en", "Economic Commission for Latin America and the Caribbean (ECLAC)", "4 80 %"},
		{"en", "Economic Commission for Europe (ECE)", "1 20 %"},
		{"en", "Economic Commission for Africa (ECA)", "1 20 %"},
		{"en", "Economic and Social Commission for Asia and the Pacific (ESCAP)", "1 20 %"},
		{"en", "Economic and Social Commission for Western Asia (ESCWA)", "0 0 %"},
		{"en", "of which associate members", "0 0 %"},
		{"es", "América Latina y el Caribe", "3 60 %"},
		{"es", "Comisión Económica para América Latina y el Caribe (CEPAL)", "4 80 %"},
		{"es", "África subsahariana", "1 20 %"},
	}
	bodies := map[string]string{}
	for _, tt := range tests {
		if bodies[tt.lang] == "" {
			_, bodies[tt.lang] = f.get(t, regsPath+"?lang="+tt.lang)
		}
		if got := unBalanceCell(bodies[tt.lang], tt.label); got != tt.want {
			t.Errorf("%s: balance %q = %q, want %q", tt.lang, tt.label, got, tt.want)
		}
	}
	for _, s := range []string{"Registrations by sub-region (UN M49)", "Registrations by UN regional commission",
		"A country can belong to more than one commission"} {
		if !strings.Contains(bodies["en"], s) {
			t.Errorf("balance lacks %q", s)
		}
	}
	if strings.Contains(bodies["en"], ">Latin America<") {
		t.Error("balance shows CLDR's label Latin America")
	}
}
