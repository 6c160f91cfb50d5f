package web

import (
	"bytes"
	"container/list"
	"html/template"
	"sync"
	"time"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdownCacheSize bounds the rendered texts kept: a few per consultation
// and language, for thousands of consultations.
const markdownCacheSize = 4096

// markdown renders user-supplied Markdown to HTML and sanitises the result,
// so neither raw HTML in the source nor a javascript: link reaches a page.
// Rendering and sanitising were a sixth of a public page's CPU, for texts
// that change only when staff edit them, so published texts are kept
// rendered (Cached).
type markdown struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy

	mu    sync.Mutex
	lru   *list.List // of *mdEntry, most recently used first
	byKey map[mdKey]*list.Element
}

// mdKey names one version of one text: which field of which review or
// consultation, its updated_at, and the reader's language. An edit sets a
// new updated_at, so the old version is never looked up again and ages out.
type mdKey struct {
	field   string // e.g. "consultation.background"
	id      int64
	version int64 // updated_at in Unix nanoseconds
	lang    string
}

type mdEntry struct {
	key  mdKey
	src  string
	html template.HTML
}

func newMarkdown() *markdown {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	return &markdown{md: goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Table)), policy: p,
		lru: list.New(), byKey: map[mdKey]*list.Element{}}
}

// HTML renders src; on a rendering error it shows the source as text.
func (m *markdown) HTML(src string) template.HTML {
	var buf bytes.Buffer
	if err := m.md.Convert([]byte(src), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(m.policy.SanitizeBytes(buf.Bytes())) //nolint:gosec // sanitised just above
}

// Cached is HTML(src) for the text field of owner id at version updated,
// read in lang, rendered once. The source is compared too, so a change that
// kept updated_at (a clock step back) still shows the new text.
func (m *markdown) Cached(field string, id int64, updated time.Time, lang, src string) template.HTML {
	k := mdKey{field: field, id: id, version: updated.UnixNano(), lang: lang}
	if h, ok := m.lookup(k, src); ok {
		return h
	}
	h := m.HTML(src)
	m.store(k, src, h)
	return h
}

func (m *markdown) lookup(k mdKey, src string) (template.HTML, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.byKey[k]
	if !ok || el.Value.(*mdEntry).src != src {
		return "", false
	}
	m.lru.MoveToFront(el)
	return el.Value.(*mdEntry).html, true
}

// store keeps a rendered text, dropping the least recently used beyond
// markdownCacheSize.
func (m *markdown) store(k mdKey, src string, h template.HTML) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.byKey[k]; ok {
		el.Value = &mdEntry{key: k, src: src, html: h}
		m.lru.MoveToFront(el)
		return
	}
	m.byKey[k] = m.lru.PushFront(&mdEntry{key: k, src: src, html: h})
	for m.lru.Len() > markdownCacheSize {
		old := m.lru.Remove(m.lru.Back()).(*mdEntry)
		delete(m.byKey, old.key)
	}
}

// len is the number of texts kept (for tests).
func (m *markdown) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len()
}
