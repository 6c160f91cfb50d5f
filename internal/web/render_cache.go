package web

import (
	"net/http"
	"reflect"
	"sync"
)

// A page is a pure function of what its template is given: the templates
// call only the page's and the printer's methods and templateFuncs, none of
// which reads the clock, the database or a random source; whatever depends
// on the time (registration open, upcoming) is decided while the page's
// data is built. So a page whose data equals the data of the last time it
// was executed is that execution's bytes again, and executing html/template
// (the larger part of a public page's CPU, docs/BENCHMARKS.md) is skipped.
// Equality is reflect.DeepEqual over the whole page — language, path and
// query, site, data — so nothing a reader would see can be served stale: a
// save, a place taken, a language changed or a clock boundary crossed all
// change the data and the page is executed anew. Only sharedPages are kept,
// only for GET, only when no one is signed in, and only with status 200:
// pages that show personal data or an error beside what someone typed are
// never held.

// sharedPages are the pages every anonymous reader of a URL sees alike.
var sharedPages = map[string]bool{"home": true, "consultation": true, "register": true,
	"opinions_map": true, "opinions_breakdown": true, "privacy": true, "report_public": true}

// maxCachedPages bounds the pages kept (about 16 KB each): one per shared
// page, path, query and language a site shows, with room to spare; when it
// is full it starts again, so a flood of distinct query strings costs a
// re-execution, never memory.
const maxCachedPages = 1024

// pageCache holds the last execution of each shared page. The zero value
// is ready.
type pageCache struct {
	mu    sync.RWMutex
	pages map[pageKey]*cachedPage
}

type pageKey struct{ name, lang, url string }

type cachedPage struct {
	pg   *page
	body []byte
}

// cacheable reports whether r's page name may be kept.
func cacheable(r *http.Request, status int, name string, pg *page) bool {
	return status == http.StatusOK && r.Method == http.MethodGet && pg.User == nil && sharedPages[name]
}

func keyOf(r *http.Request, name string, pg *page) pageKey {
	return pageKey{name: name, lang: pg.Lang(), url: r.URL.RequestURI()}
}

// get returns the bytes of the page last executed for k if it was given
// data equal to pg's.
func (c *pageCache) get(k pageKey, pg *page) ([]byte, bool) {
	c.mu.RLock()
	hit := c.pages[k]
	c.mu.RUnlock()
	if hit == nil || !reflect.DeepEqual(hit.pg, pg) {
		return nil, false
	}
	return hit.body, true
}

// put keeps body as the execution of pg. pg is the request's own (built
// for it, never changed after rendering), so it can be kept as is.
func (c *pageCache) put(k pageKey, pg *page, body []byte) {
	kept := &cachedPage{pg: pg, body: append([]byte(nil), body...)}
	c.mu.Lock()
	if c.pages == nil || len(c.pages) >= maxCachedPages {
		c.pages = make(map[pageKey]*cachedPage)
	}
	c.pages[k] = kept
	c.mu.Unlock()
}
