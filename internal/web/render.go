package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/store"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// parsePages parses each page template together with the layout and the
// shared partials, once at start.
func parsePages() (map[string]*template.Template, error) {
	shared := []string{"templates/layout.html", "templates/partials/*.html"}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		t, err := template.New("layout.html").Funcs(templateFuncs()).ParseFS(templateFS, append(shared, f)...)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", f, err)
		}
		pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return pages, nil
}

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"join":    strings.Join,
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
	}
}

// page is what every template gets. Data holds the page's own values.
type page struct {
	*i18n.Printer
	Dir       string
	Title     string
	Path      string
	Query     url.Values
	Languages []langLink
	User      *store.User
	Site      siteView
	Wide      bool // the secretariat's pages, whose tables need the width
	LocalTime localTimePatterns
	Meta      pageMeta
	Data      any
}

type langLink struct {
	Code, Name, URL string
	Current         bool
}

// Iso isolates a value of another direction that a translated sentence
// carries (a title, an address) on a right-to-left page: the Unicode
// isolates (FSI … PDI) are <bdi> for text inside a message, so an English
// title keeps its order in an Arabic sentence.
func (pg *page) Iso(s string) string {
	if pg.Dir != "rtl" || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// ListSep separates the items of a list in the page's language: the
// Arabic comma, the Chinese enumeration comma, a comma elsewhere.
func (pg *page) ListSep() string {
	switch pg.Lang() {
	case "ar":
		return "، "
	case "zh":
		return "、"
	}
	return ", "
}

// newPage prepares the common part of a page for r.
func (s *Server) newPage(r *http.Request, title string, data any) *page {
	p := langFrom(r.Context(), s.Catalog)
	pg := &page{Printer: p, Dir: i18n.Dir(p.Lang()), Title: title, Path: r.URL.Path, Query: r.URL.Query(), Data: data,
		User: s.currentUser(r), Site: s.site(p), Meta: pageMeta{Locale: ogLocales[p.Lang()]},
		Wide: r.URL.Path == "/admin" || strings.HasPrefix(r.URL.Path, "/admin/"), LocalTime: s.localTimes[p.Lang()]}
	for _, l := range i18n.Languages() {
		q := r.URL.Query()
		q.Set("lang", l)
		pg.Languages = append(pg.Languages, langLink{Code: l, Name: i18n.Autonym(l), URL: r.URL.Path + "?" + q.Encode(), Current: l == p.Lang()})
	}
	return pg
}

// render writes a page with a status, buffering so a template error becomes
// a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	t, ok := s.pages[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("web: no page %q", name))
		return
	}
	keep := cacheable(r, status, name, pg)
	var key pageKey
	if keep {
		key = keyOf(r, name, pg)
		if body, ok := s.rendered.get(key, pg); ok {
			writePage(w, status, pg, body)
			return
		}
	}
	buf := s.buffers.get()
	defer s.buffers.put(buf)
	if err := t.Execute(buf, pg); err != nil {
		s.serverError(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	if keep {
		s.rendered.put(key, pg, buf.Bytes())
	}
	writePage(w, status, pg, buf.Bytes())
}

func writePage(w http.ResponseWriter, status int, pg *page, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", pg.Lang())
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// maxPooledBuffer is the largest page buffer kept for reuse: pages are
// 5–16 KB; a rare huge one (an export) is left to the garbage collector
// rather than pinned in the pool.
const maxPooledBuffer = 256 << 10

// bufferPool reuses page buffers, so a page is not built by growing a new
// buffer from nothing (allocations and copies on every request). The zero
// value is ready; the Server owns it.
type bufferPool struct{ pool sync.Pool }

func (b *bufferPool) get() *bytes.Buffer {
	if buf, ok := b.pool.Get().(*bytes.Buffer); ok {
		return buf
	}
	return bytes.NewBuffer(make([]byte, 0, 32<<10))
}

func (b *bufferPool) put(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	b.pool.Put(buf)
}

// statusOf maps an error kind to its HTTP status, in one table.
func statusOf(err error) int {
	return map[errs.Kind]int{
		errs.Internal:     http.StatusInternalServerError,
		errs.Invalid:      http.StatusUnprocessableEntity,
		errs.NotFound:     http.StatusNotFound,
		errs.Conflict:     http.StatusConflict,
		errs.Unauthorized: http.StatusUnauthorized,
		errs.Forbidden:    http.StatusForbidden,
		errs.Closed:       http.StatusConflict,
	}[errs.KindOf(err)]
}

// fail renders a translated error page for err; internal errors are logged
// and shown as a generic message, never a stack trace.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.serverError(w, r, err)
		return
	}
	code := errs.CodeOf(err)
	if code == "" {
		code = "error.generic"
	}
	pg := s.newPage(r, "", map[string]any{"Status": status, "Message": code})
	pg.Title = pg.T("error.title")
	s.render(w, r, status, "error", pg)
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.Logger.ErrorContext(r.Context(), "request failed", "route", r.Pattern, "err", err)
	p := langFrom(r.Context(), s.Catalog)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintln(w, p.T("error.internal"))
}
