package web

import "testing"

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
