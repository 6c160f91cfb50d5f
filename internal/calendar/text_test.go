package calendar

import "testing"

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, ñ and 中文":    "plain text, ñ and 中文",
		"a\r\nb\rc\nd":            "a\nb\nc\nd",
		"tab\there\x00\x07\x7f!":  "tab\there!",
		"c1\u0085\u009fend\r":     "c1end\n",
		"":                        "",
		"\r\r\n\n":                "\n\n\n",
		"line\u2028sep\u00a0nbsp": "line\u2028sep\u00a0nbsp",
	} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
