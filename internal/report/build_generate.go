package report

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/synthesis"
)

// Jobs schedules a generation (jobs.Queue), in the transaction of ctx.
type Jobs interface {
	ScheduleReport(ctx context.Context, reviewID int64, reviewSlug string, generation int64) error
}

// Service is the report's use cases: request a generation (the admin
// page's button), generate (the durable job), curate and publish.
type Service struct {
	Store Store
	Jobs  Jobs
	Env   Env
	Now   func() time.Time
	// ProgressEvery is how often a running generation records its
	// progress at most (0: every second).
	ProgressEvery time.Duration
}

// Request schedules the generation of the review's report in lang; the
// job and the queued status commit together. A request while one is
// queued or running is that one: two clicks make one run.
func (s *Service) Request(ctx context.Context, reviewID int64, reviewSlug, lang string) (err error) {
	defer errs.Wrap(&err, "report.Request(%q)", reviewSlug)
	if !i18n.Supported(lang) {
		return errs.InvalidFields(map[string]string{"lang": "adminreport.error.lang"})
	}
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		generation, err := s.Store.RequestReport(ctx, reviewID, lang, s.Now())
		if err != nil || generation == 0 {
			return err
		}
		return s.Jobs.ScheduleReport(ctx, reviewID, reviewSlug, generation)
	})
}

// Generate builds the review's report in the language requested and
// stores it, recording progress on the way; a failure is recorded too. A
// job of an earlier request than the last (generation) does nothing: a
// failed attempt waiting for its retry when the button was pressed again
// must not run beside the new one.
func (s *Service) Generate(ctx context.Context, reviewID int64, reviewSlug string, generation int64) (err error) {
	defer errs.Wrap(&err, "report.Generate(%q)", reviewSlug)
	st, err := s.Store.ReportState(ctx, reviewID)
	if err != nil || (generation != 0 && st.Generation > generation) {
		return err
	}
	if err := s.Store.ReportProgress(ctx, reviewID, StatusRunning, 0, 0, ""); err != nil {
		return err
	}
	env := s.Env
	env.Progress = s.progress(ctx, reviewID)
	r, err := Build(ctx, s.Store, reviewSlug, st.Lang, env)
	if err == nil {
		var data []byte
		if data, err = json.Marshal(r); err == nil {
			return s.Store.SaveReport(ctx, reviewID, data, s.Now())
		}
	}
	if ferr := s.Store.ReportProgress(context.WithoutCancel(ctx), reviewID, StatusFailed, 0, 0, err.Error()); ferr != nil {
		return ferr
	}
	return err
}

// progress records the engine's progress, at most every ProgressEvery
// (and the last step), from whichever goroutine reports it.
func (s *Service) progress(ctx context.Context, reviewID int64) func(done, total int) {
	every := s.ProgressEvery
	if every == 0 {
		every = time.Second
	}
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		if now.Sub(last) < every && done < total {
			return
		}
		last = now
		_ = s.Store.ReportProgress(ctx, reviewID, StatusRunning, done, total, "") // progress is a hint; the result is what counts
	}
}

// Curate checks an edit against the last generated report and stores the
// curation with it.
func (s *Service) Curate(ctx context.Context, reviewID int64, f EditForm) (err error) {
	defer errs.Wrap(&err, "report.Curate(%d, %q)", reviewID, f.Op)
	st, r, err := s.Generated(ctx, reviewID)
	if err != nil {
		return err
	}
	c, err := Curate(st.Curation, r, f)
	if err != nil {
		return err
	}
	return s.Store.SaveCuration(ctx, reviewID, c)
}

// Undo takes the last curation edit back.
func (s *Service) Undo(ctx context.Context, reviewID int64) error {
	st, err := s.Store.ReportState(ctx, reviewID)
	if err != nil {
		return err
	}
	return s.Store.SaveCuration(ctx, reviewID, UndoLast(st.Curation))
}

// Generated is the review's row and its last generated report, its text
// filled; NotFound before the first.
func (s *Service) Generated(ctx context.Context, reviewID int64) (*Stored, *Report, error) {
	st, err := s.Store.ReportState(ctx, reviewID)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.decode(st.Generated)
	return st, r, err
}

// Published is the review's published report, its text filled, and when
// it was published; NotFound while none is published. A source that stopped being public since the
// report was published (hidden, made private, its record taken back) is
// left out of it, and so is an organization that may no longer be named.
func (s *Service) Published(ctx context.Context, reviewID int64) (*Report, time.Time, error) {
	data, at, err := s.Store.PublishedReport(ctx, reviewID)
	if err != nil {
		return nil, time.Time{}, err
	}
	r, err := s.decode(data)
	if err != nil {
		return nil, time.Time{}, err
	}
	var refs []synthesis.SourceRef
	for _, src := range r.Sources {
		refs = append(refs, synthesis.SourceRef{Kind: src.Kind, ID: src.ID})
	}
	public, orgs, err := s.Store.StillPublic(ctx, reviewID, refs)
	if err != nil {
		return nil, time.Time{}, err
	}
	Redact(r, public, orgs)
	return r, at, nil
}

func (s *Service) decode(data []byte) (*Report, error) {
	if len(data) == 0 {
		return nil, errs.E(errs.NotFound, "adminreport.not_found")
	}
	r, err := Decode(data)
	if err != nil {
		return nil, err
	}
	FillText(r, s.Env.Catalog)
	return r, nil
}

// Publish publishes the last generated report (publish) or takes the
// published one down.
func (s *Service) Publish(ctx context.Context, reviewID int64, publish bool) error {
	if !publish {
		return s.Store.PublishReport(ctx, reviewID, nil)
	}
	now := s.Now()
	return s.Store.PublishReport(ctx, reviewID, &now)
}

// Curation is the review's stored curation.
func (s *Service) Curation(ctx context.Context, reviewID int64) (synthesis.Curation, error) {
	return s.Store.ReportCuration(ctx, reviewID)
}
