package report

import (
	"testing"
	"time"
)

// TestFigures checks the figures and dates in the words of each language.
func TestFigures(t *testing.T) {
	day := time.Date(2025, time.March, 4, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang, count, small, decimal, percent, date string
	}{
		{"en", "1,234,567", "1234", "0.18", "32%", "4 March 2025"},
		{"fr", "1\u202f234\u202f567", "1234", "0,18", "32\u00a0%", "4 mars 2025"},
		{"es", "1\u00a0234\u00a0567", "1234", "0,18", "32\u00a0%", "4 de marzo de 2025"},
		{"ru", "1\u00a0234\u00a0567", "1234", "0,18", "32\u00a0%", "4 марта 2025 г."},
		{"pt", "1.234.567", "1234", "0,18", "32%", "4 de março de 2025"},
		{"zh", "1,234,567", "1234", "0.18", "32%", "2025年3月4日"},
		{"ar", "1,234,567", "1234", "0.18", "32٪", "4 آذار/مارس 2025"},
	} {
		r := fixture(t, tc.lang)
		for _, c := range []struct{ what, got, want string }{
			{"count", r.count(1234567), tc.count}, {"four digits", r.count(1234), tc.small},
			{"decimal", r.decimal(0.1834, 2), tc.decimal}, {"percent", r.percent(0.317), tc.percent},
			{"date", r.date(day), tc.date},
		} {
			if c.got != c.want {
				t.Errorf("%s %s = %q, want %q", tc.lang, c.what, c.got, c.want)
			}
		}
	}
	if got := fixture(t, "ar").decimal(-2.1, 2); got != "\u2066-2.10\u2069" {
		t.Errorf("an Arabic negative figure = %q, want it isolated left to right", got)
	}
}
