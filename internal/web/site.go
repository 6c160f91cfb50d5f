package web

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/i18n"
)

// siteView is who runs the installation, as the header and footer show it
// (config.Identity).
type siteView struct {
	Name, Secretariat string
	Logo              bool // the secretariat's emblem is served at /logo
}

// pageMeta is what a shared link previews: the page's description and its
// OpenGraph tags.
type pageMeta struct {
	Description string
	URL         string // absolute; empty leaves og:url and the canonical link out
	Locale      string // og:locale
	Image       string // absolute URL of the emblem, when there is one
}

// ogLocales are the OpenGraph locales of the languages.
var ogLocales = map[string]string{"ar": "ar_AR", "zh": "zh_CN", "en": "en_GB", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES", "pt": "pt_BR"}

// logo is the secretariat's emblem, read once at start.
type logo struct {
	body     []byte
	mime     string
	modified time.Time
}

// loadLogo reads the emblem named by the configuration, if any.
func loadLogo(c *config.Config) (*logo, error) {
	if c == nil || c.Logo == "" {
		return nil, nil
	}
	body, err := os.ReadFile(c.Logo)
	if err != nil {
		return nil, fmt.Errorf("web: logo: %w", err)
	}
	return &logo{body: body, mime: config.LogoType(c.Logo), modified: time.Now()}, nil
}

func (s *Server) site(p *i18n.Printer) siteView {
	v := siteView{Name: p.T("site.name"), Logo: s.logo != nil}
	if s.Config != nil {
		if s.Config.SiteName != "" {
			v.Name = s.Config.SiteName
		}
		v.Secretariat = s.Config.Secretariat
	}
	return v
}

// meta is the page's preview for path, described by description.
func (s *Server) meta(p *i18n.Printer, path, description string) pageMeta {
	m := pageMeta{Description: excerpt(description, 200), Locale: ogLocales[p.Lang()]}
	if path != "" {
		m.URL = s.URLs.Absolute(path, p.Lang())
	}
	if s.logo != nil {
		m.Image = s.URLs.Absolute("/logo", "")
	}
	return m
}

// excerpt is the first paragraph of a Markdown text, without its marks,
// cut at a word before max characters.
func excerpt(md string, max int) string {
	para, _, _ := strings.Cut(strings.TrimSpace(md), "\n\n")
	para = strings.Join(strings.Fields(strings.NewReplacer("*", "", "_", "", "#", "", "`", "").Replace(para)), " ")
	if utf8.RuneCountInString(para) <= max {
		return para
	}
	cut := string([]rune(para)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

// serveLogo is the secretariat's emblem.
func (s *Server) serveLogo(w http.ResponseWriter, r *http.Request) {
	if s.logo == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", s.logo.mime)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, "", s.logo.modified, bytes.NewReader(s.logo.body))
}

// serveFavicon answers browsers that ask for /favicon.ico whatever the
// page says.
func (s *Server) serveFavicon(w http.ResponseWriter, r *http.Request) {
	body, err := staticFS.ReadFile("static/favicon.ico")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/x-icon")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(body)
}
