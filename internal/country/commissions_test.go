package country

import (
	"slices"
	"testing"
)

// TestCommissionMembership checks the size of each commission's list as
// the commission states it, and that every member is a listed country.
func TestCommissionMembership(t *testing.T) {
	d := New()
	want := map[string][2]int{"ECA": {54, 0}, "ECE": {56, 0}, "ECLAC": {46, 14}, "ESCAP": {53, 9}, "ESCWA": {21, 0}}
	var codes []string
	for _, c := range d.Commissions() {
		codes = append(codes, c.Code)
		if n := want[c.Code]; len(c.Members) != n[0] || len(c.Associates) != n[1] {
			t.Errorf("%s: %d members, %d associates; want %v", c.Code, len(c.Members), len(c.Associates), n)
		}
		for _, m := range slices.Concat(c.Members, c.Associates) {
			if !d.Valid(m) {
				t.Errorf("%s: %s is not a listed country", c.Code, m)
			}
		}
		if !slices.IsSorted(c.Members) || !slices.IsSorted(c.Associates) {
			t.Errorf("%s: lists not sorted", c.Code)
		}
	}
	if !slices.Equal(codes, []string{"ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"}) {
		t.Errorf("Commissions() = %v", codes)
	}
}

func TestCommissionsOf(t *testing.T) {
	d := New()
	tests := []struct {
		country string
		want    []string
	}{
		{"US", []string{"ECE", "ECLAC", "ESCAP"}},
		{"FR", []string{"ECE", "ECLAC", "ESCAP"}},
		{"CL", []string{"ECLAC"}},
		{"PR", []string{"ECLAC"}}, // associate member
		{"HK", []string{"ESCAP"}}, // associate member
		{"EG", []string{"ECA", "ESCWA"}},
		{"KZ", []string{"ECE", "ESCAP"}},
		{"PS", []string{"ESCWA"}},
		{"GL", nil}, // in no commission
		{"XK", nil},
	}
	for _, tt := range tests {
		if got := d.CommissionsOf(tt.country); !slices.Equal(got, tt.want) {
			t.Errorf("CommissionsOf(%s) = %v, want %v", tt.country, got, tt.want)
		}
		for _, c := range tt.want {
			if !d.InCommission(tt.country, c) {
				t.Errorf("InCommission(%s, %s) = false", tt.country, c)
			}
		}
	}
	if d.InCommission("BR", "ECE") || d.InCommission("BR", "NOPE") || d.KnownCommission("UN") {
		t.Error("InCommission or KnownCommission too loose")
	}
	if !d.IsAssociate("PR", "ECLAC") || d.IsAssociate("CL", "ECLAC") {
		t.Error("IsAssociate wrong for PR or CL")
	}
}

// TestCommissionLabels: names and acronyms as each language writes them.
func TestCommissionLabels(t *testing.T) {
	d := New()
	tests := []struct{ code, lang, want string }{
		{"ECLAC", "en", "Economic Commission for Latin America and the Caribbean (ECLAC)"},
		{"ECLAC", "es", "Comisión Económica para América Latina y el Caribe (CEPAL)"},
		{"ECLAC", "fr", "Commission économique pour l’Amérique latine et les Caraïbes (CEPALC)"},
		{"ECLAC", "pt", "Comissão Econômica para a América Latina e o Caribe (CEPAL)"},
		{"ECLAC", "ru", "Экономическая комиссия для Латинской Америки и Карибского бассейна (ЭКЛАК)"},
		{"ECLAC", "zh", "拉丁美洲和加勒比经济委员会 (拉加经委会)"},
		{"ECLAC", "ar", "اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي"},
		{"ESCWA", "ar", "اللجنة الاقتصادية والاجتماعية لغربي آسيا (الإسكوا)"},
		{"ESCAP", "ru", "Экономическая и социальная комиссия для Азии и Тихого океана (ЭСКАТО)"},
		{"ECE", "de", "Economic Commission for Europe (ECE)"}, // no German: English
	}
	for _, tt := range tests {
		if got := d.CommissionLabel(tt.code, tt.lang); got != tt.want {
			t.Errorf("CommissionLabel(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	if got := d.CommissionAcronym("ECLAC", "es"); got != "CEPAL" {
		t.Errorf("CommissionAcronym(ECLAC, es) = %q", got)
	}
	if opts := d.CommissionOptions("es"); len(opts) != 5 || opts[2].Code != "ECLAC" {
		t.Errorf("CommissionOptions(es) = %v", opts)
	}
}
