package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/stakeholder"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/meeting"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/web"
)

// App is a running Consulta: database, job workers and web server. serve,
// bench and the end-to-end tests all start it the same way.
type App struct {
	Config *config.Config
	DB     *store.DB
	Queue  *jobs.Queue
	Maps   *opinion.Maps
	// Reports generates, curates and publishes the synthesis reports.
	Reports *report.Service
	Web     *web.Server
	log     *slog.Logger
	mailer  *jobs.Mailer
}

// NewApp opens and migrates the database, loads the demo data if asked, and
// builds the job queue and web server. Call Start, then Close.
func NewApp(ctx context.Context, cfg *config.Config, log *slog.Logger) (_ *App, err error) {
	db, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	loaded := false
	if cfg.Demo {
		if loaded, err = demo.Load(ctx, db, time.Now()); err != nil {
			return nil, err
		}
	}
	a := &App{Config: cfg, DB: db, log: log}
	if err := a.build(ctx); err != nil {
		return nil, err
	}
	if loaded {
		log.Info("demo data loaded")
		// The demo's illustrative opinion map is shown at the first view
		// rather than "being computed": it is small, so compute it now.
		c, err := db.ConsultationBySlug(ctx, demo.MapSlug)
		if err == nil {
			_, err = a.Maps.Recompute(ctx, c.ID)
		}
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// build wires the use cases, the mailer, the job queue and the web server.
// The opinion service and the maps need the queue, and the queue needs
// them (its emails carry the join link; its job computes the maps), so
// the queue is set last.
func (a *App) build(ctx context.Context) error {
	secret, err := a.DB.Secret(ctx)
	if err != nil {
		return err
	}
	catalog, err := i18n.New()
	if err != nil {
		return err
	}
	urls := links.NewURLs(a.Config.BaseURL, links.NewSigner(secret))
	countries := country.New()
	a.Maps = newOpinionMaps(a.DB, countries)
	opinions := &opinion.Service{Store: a.DB, Maps: a.Maps, URLs: urls, Now: time.Now}
	if a.mailer, err = a.newMailer(catalog, urls, opinions); err != nil {
		return err
	}
	// The meeting service runs the queue's meeting jobs and inserts them:
	// built first, completed once the queue exists.
	meetings := &meeting.Service{Store: a.DB, URLs: urls, Now: time.Now, CountriesIn: func(m49 string) []string {
		var in []string
		for _, c := range countries.Codes() {
			if countries.InRegion(c, m49) {
				in = append(in, c)
			}
		}
		return in
	}}
	a.Reports = &report.Service{Store: a.DB, Env: reportEnv(catalog, countries, a.Maps, a.Config.BaseURL), Now: time.Now}
	if a.Queue, err = jobs.New(a.DB, jobs.Options{Work: true, Mailer: a.mailer, Maps: a.Maps, Logger: a.log,
		UnconfirmedTTL: a.Config.UnconfirmedTTL, Meeting: meetings, Reports: a.Reports}); err != nil {
		return err
	}
	a.Reports.Jobs = a.Queue
	opinions.Mail, a.Maps.Scheduler = a.Queue, a.Queue
	registrations := &registration.Service{Store: a.DB, Mail: a.Queue, Now: time.Now, NewID: links.NewOrderedID,
		Rules: registration.Rules{ValidCountry: countries.Valid, ValidLanguage: i18n.Supported}}
	written := &inputs.Service{Store: a.DB, Mail: a.Queue, Detector: inputs.NewDetector(), RegionOf: countries.Region,
		Now: time.Now, Rules: inputs.Rules{ValidCountry: countries.Valid, ValidLanguage: i18n.Supported}}
	meetings.Jobs, meetings.Mail, meetings.Registrations = a.Queue, a.Queue, registrations
	hub := live.NewHub(a.DB, livePollEvery, a.log)
	session := &live.Service{Store: a.DB, Now: time.Now, Hub: hub, ValidCountry: countries.Valid,
		ValidGroup: func(g string) bool { return stakeholder.Group(g).Valid() }}
	a.Web, err = web.New(web.Deps{Config: a.Config, DB: a.DB, Catalog: catalog, Countries: countries, URLs: urls,
		Registrations: registrations, Opinions: opinions, Meetings: meetings, Inputs: written, Maps: a.Maps, Mail: a.Queue, Logger: a.log,
		Live: session, LiveHub: hub, Reports: a.Reports})
	return err
}

// livePollEvery is how often an instance with live viewers reads the
// event log for what any instance wrote: one query per instance.
const livePollEvery = 250 * time.Millisecond

// newMailer delivers through SMTP when one is configured, to the built-in
// outbox otherwise.
func (a *App) newMailer(catalog *i18n.Catalog, urls links.URLs, opinions *opinion.Service) (*jobs.Mailer, error) {
	m := jobs.Mailer{Store: a.DB, Opinions: opinions, Catalog: catalog, Links: urls, From: a.Config.MailFrom}
	if a.Config.SMTP != "" {
		smtp, err := mail.NewSMTP(a.Config.SMTP, a.Config.MailFrom)
		if err != nil {
			return nil, err
		}
		m.SMTP = smtp
	}
	return jobs.NewMailer(m), nil
}

// mapCheckEvery is how often an instance looks for a newer stored opinion
// map (another instance's job computed it) and whether the data changed
// since; the job that computes a map offers it to its own instance at once.
const mapCheckEvery = 5 * time.Second

// newOpinionMaps is the cache of computed opinion maps, broken down by
// stakeholder group and M49 region.
func newOpinionMaps(db *store.DB, countries *country.Directory) *opinion.Maps {
	var groups []string
	for _, g := range stakeholder.All() {
		groups = append(groups, string(g))
	}
	return opinion.NewMaps(db, opinion.Segmenter{StakeholderGroups: groups, Regions: countries.Regions(),
		RegionOf: countries.Region}, mapCheckEvery)
}

// Serve starts the job workers and serves HTTP on ln until ctx is done,
// then finishes in-flight requests and running jobs before returning.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	if err := a.Queue.Start(ctx); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	// The timeouts (config.Default*) free the connections of clients that
	// trickle headers or bodies, or never read the answer.
	c := a.Config
	srv := &http.Server{Handler: a.Web.Handler(), ReadHeaderTimeout: c.ReadHeaderTimeout, ReadTimeout: c.ReadTimeout,
		WriteTimeout: c.WriteTimeout, IdleTimeout: c.IdleTimeout,
		ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn)}
	srv.RegisterOnShutdown(a.Web.LiveHub.Close) // the live streams end, so shutting down does not wait for them
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("listening", "addr", ln.Addr().String(), "base_url", a.Config.BaseURL, "db", string(a.DB.Dialect()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if qerr := a.Queue.Stop(shutdownCtx); err == nil {
		err = qerr
	}
	a.mailer.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
