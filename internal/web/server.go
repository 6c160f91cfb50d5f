// Package web serves Consulta's pages, admin and JSON API. Every URL is in
// routes.go; each resource has its handler file; templates are embedded
// and parsed once at start. Handlers parse the request, call one use case
// (internal/registration, internal/opinion) or store read, and render.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/meeting"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/store"
)

// Deps is what the server needs; internal/cli wires it.
type Deps struct {
	Config        *config.Config
	DB            *store.DB
	Catalog       *i18n.Catalog
	Countries     *country.Directory
	URLs          links.URLs
	Registrations *registration.Service
	Opinions      *opinion.Service
	Meetings      *meeting.Service // the meeting link: release, join links, reminders, messages
	Inputs        *inputs.Service  // written inputs: submission, versions, moderation
	Maps          *opinion.Maps    // computed opinion maps, recomputed when votes change
	Mail          Mail             // enqueues emails of the web's own use cases (the password reset)
	Live          *live.Service    // the live session: agenda, speaker queue, timekeeping, the record
	LiveHub       *live.Hub        // the live pages' events, fanned out to this instance's viewers
	Reports       *report.Service  // the synthesis report: generation, curation, publication
	Logger        *slog.Logger
	Now           func() time.Time // injectable clock; time.Now in production
}

// Mail enqueues an email in the transaction of ctx (jobs.Queue).
type Mail interface {
	Enqueue(ctx context.Context, m messages.Message) error
}

// Server handles HTTP.
type Server struct {
	Deps
	pages    map[string]*template.Template
	sessions *scs.SessionManager
	markdown *markdown
	buffers  bufferPool         // page buffers, reused across requests (render.go)
	rendered pageCache          // shared pages' last executions (render_cache.go)
	zones    consultation.Zones // time zones, each loaded from disk once
	limiter  *ipLimiter
	metrics  *metrics
	// signIns and passwords guard staff sign-in (signin_limit.go,
	// password_check.go).
	signIns   *signInLimiter
	passwords *passwordGate
	logo      *logo // the secretariat's emblem (site.go), nil for none
	// localTimes are the date patterns of each language for the pages'
	// local-time script, made once (view.go).
	localTimes map[string]localTimePatterns
}

// New builds a server: templates parsed, metrics registered.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, pages: pages, markdown: newMarkdown()}
	if s.logo, err = loadLogo(d.Config); err != nil {
		return nil, err
	}
	s.localTimes = map[string]localTimePatterns{}
	for _, l := range i18n.Languages() {
		s.localTimes[l] = localTime(d.Catalog.Printer(l))
	}
	s.sessions = scs.New()
	s.sessions.Store = d.DB.Sessions()
	s.sessions.Lifetime = 12 * time.Hour
	s.sessions.IdleTimeout = 2 * time.Hour
	s.sessions.Cookie.Name = "consulta_session"
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Secure = d.Config.SecureCookies()
	s.limiter = newIPLimiter(d.Config.RegisterRate, d.Now)
	s.metrics = newMetrics(prometheus.NewRegistry())
	s.signIns = newSignInLimiter(d.Config.SignInPerIP, d.Config.SignInPerAccount, d.Now)
	s.passwords = defaultPasswordGate()
	return s, nil
}

// Handler is the whole site with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		// edge (forms.go): the route's name for metrics, body limits and
		// the character checks, once for every route.
		mux.HandleFunc(rt.pattern, s.edge(rt.pattern, rt.handler))
	}
	var h http.Handler = mux
	h = s.sessions.LoadAndSave(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.withLanguage(h)
	h = securityHeaders(h)
	h = s.observe(h)
	return s.recoverPanics(h)
}
