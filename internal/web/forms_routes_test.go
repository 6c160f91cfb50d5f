package web

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Every content form the edge leaves to its handler is a route of the
// table: a pattern misspelt there would quietly fall back to the edge's
// refusal, or a renamed route keep a stale entry.
func TestContentFormsAreRoutes(t *testing.T) {
	routes := map[string]bool{}
	for _, rt := range (&Server{}).routes() {
		routes[rt.pattern] = true
	}
	for pattern := range contentForms {
		if !routes[pattern] {
			t.Errorf("content form %q is not a route", pattern)
		}
	}
}

// The edge refuses, unread, a file upload to a public input form from a
// client over the rate limit (publicInputForm): each such form must be
// one the routes table rate-limits, or the edge would refuse what the
// route allows.
func TestPublicInputFormsAreLimited(t *testing.T) {
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]string{}
	for _, m := range regexp.MustCompile(`\{"([A-Z]+ [^"]+)", (.+)\},`).FindAllStringSubmatch(string(src), -1) {
		lines[m[1]] = m[2]
	}
	found := 0
	for pattern, handler := range lines {
		if !publicInputForm(pattern) {
			continue
		}
		found++
		if !strings.HasPrefix(handler, "s.limited(") && !strings.HasPrefix(handler, "s.apiLimited(") {
			t.Errorf("%s is a public input form but its route is not rate-limited: %s", pattern, handler)
		}
	}
	if found != 4 {
		t.Errorf("%d public input forms found in routes.go, want the 4 isInputForm names outside /admin", found)
	}
}
