package country

import (
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

func TestValid(t *testing.T) {
	d := New()
	tests := []struct {
		code string
		want bool
	}{
		{"BR", true},
		{"AQ", false}, // uninhabited: not offered
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
	if n := len(codes); n != 241 {
		t.Fatalf("len(Codes()) = %d, want 241 (M49's 249 ISO codes less TW and 7 uninhabited)", n)
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
