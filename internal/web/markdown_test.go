package web

import (
	"strings"
	"testing"
	"time"
)

func TestMarkdownCacheFollowsTheVersion(t *testing.T) {
	m := newMarkdown()
	v1 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if got := m.Cached("consultation.background", 7, v1, "en", "**old**"); !strings.Contains(string(got), "<strong>old</strong>") {
		t.Fatalf("first render = %q", got)
	}
	cases := []struct {
		name    string
		version time.Time
		lang    string
		src     string
		want    string
	}{
		{"same version: kept", v1, "en", "**old**", "<strong>old</strong>"},
		{"edited: new updated_at, new text", v1.Add(time.Second), "en", "*new*", "<em>new</em>"},
		{"other language", v1, "es", "*nuevo*", "<em>nuevo</em>"},
		{"text changed without a new version", v1, "en", "`changed`", "<code>changed</code>"},
		{"sanitised when cached", v1.Add(2 * time.Second), "en", "<script>x()</script>[a](javascript:x)", ""},
	}
	for _, tc := range cases {
		got := string(m.Cached("consultation.background", 7, tc.version, tc.lang, tc.src))
		if !strings.Contains(got, tc.want) || strings.Contains(got, "script") {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestMarkdownCacheIsBounded(t *testing.T) {
	m := newMarkdown()
	for i := range markdownCacheSize + 100 {
		m.Cached("review.description", int64(i), time.Unix(0, 0), "en", "text")
	}
	if n := m.len(); n != markdownCacheSize {
		t.Errorf("%d texts kept, want %d", n, markdownCacheSize)
	}
}
