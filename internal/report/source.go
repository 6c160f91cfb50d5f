package report

import (
	"context"
	"encoding/json"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/synthesis"
)

// DataSource is what Build reads (Source, in report.go, is a cited
// source): a review, its consultations, its written
// inputs and recorded interventions, the participation counts and the
// secretariat's curation. *store.DB implements it.
type DataSource interface {
	ReviewBySlug(ctx context.Context, slug string) (*consultation.Review, error)
	// ReportConsultations are the review's consultations by start, with
	// their texts and guiding questions.
	ReportConsultations(ctx context.Context, reviewID int64) ([]*consultation.Consultation, error)
	// ReportInputs are every written input of the review, each with the
	// version the report reads in Current: the published version of an
	// input the public sees (the text its permalink shows, so quotes are
	// found there verbatim), the latest of the others.
	ReportInputs(ctx context.Context, reviewID int64) ([]*inputs.Input, error)
	Interventions(ctx context.Context, consultationID int64) ([]live.Intervention, error)
	LiveSession(ctx context.Context, consultationID int64) (*live.Session, error)
	// ReportTallies are the participation counts of the review, grouped
	// by consultation, stakeholder group, country and gender.
	ReportTallies(ctx context.Context, reviewID int64) ([]Tally, error)
	// ReportDataChanged is the time of the latest change to the review's
	// registrations, inputs, interventions and content.
	ReportDataChanged(ctx context.Context, reviewID int64) (time.Time, error)
	ReportCuration(ctx context.Context, reviewID int64) (synthesis.Curation, error)
}

// Tally is one row of the participation counts: how many of each kind for
// one consultation (0: the review as a whole, for inputs to it), one
// stakeholder group, country and gender. Region is the M49 region an
// input recorded; Build derives it from the country otherwise.
type Tally struct {
	Consultation  int64
	Group         string
	Country       string
	Region        string
	Gender        string
	Registrations int
	Approved      int
	Attended      int
	Inputs        int
	Interventions int
}

// Store is what the generation job and the admin pages need besides
// DataSource: the reports table. *store.DB implements it.
type Store interface {
	DataSource
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	ReportState(ctx context.Context, reviewID int64) (*Stored, error)
	// PublishedReport is the published Report as JSON and when it was
	// published; NotFound while none is. It reads that column only: the
	// public pages ask for it on every view.
	PublishedReport(ctx context.Context, reviewID int64) ([]byte, time.Time, error)
	// RequestReport marks a generation as queued, in the transaction of
	// ctx (the job is inserted in the same one), and numbers it; 0 when
	// one is already queued or running.
	RequestReport(ctx context.Context, reviewID int64, lang string, at time.Time) (generation int64, err error)
	ReportProgress(ctx context.Context, reviewID int64, status string, done, total int, failure string) error
	SaveReport(ctx context.Context, reviewID int64, data []byte, generated time.Time) error
	// PublishReport copies the generated report to the published one at
	// at; nil takes the published one down.
	PublishReport(ctx context.Context, reviewID int64, at *time.Time) error
	SaveCuration(ctx context.Context, reviewID int64, c synthesis.Curation) error
	// StillPublic says which of refs the public may read now (inputs
	// published with consent, interventions of a published record), and
	// which organizations of the review may be named now.
	StillPublic(ctx context.Context, reviewID int64, refs []synthesis.SourceRef) (map[synthesis.SourceRef]bool, []string, error)
}

// StaleRun is how long a queued or running generation may go unfinished
// before a new request may replace it: longer than River can spend on one
// (three attempts of ten minutes, the rescue of an attempt whose process
// died, the backoff between attempts), so a generation whose attempts all
// died with their process never blocks the button for good.
const StaleRun = time.Hour

// The statuses of a generation.
const (
	StatusQueued  = "queued"
	StatusRunning = "running"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// Stored is a review's row of the reports table.
type Stored struct {
	ReviewID    int64
	Curation    synthesis.Curation
	Lang        string
	Status      string // "" (never generated), StatusQueued, StatusRunning, StatusDone, StatusFailed
	Generation  int64  // the number of the last request
	Done, Total int
	Error       string
	RequestedAt *time.Time
	Generated   []byte // the last generated Report as JSON; empty before the first
	GeneratedAt *time.Time
	Published   []byte // the published Report as JSON; empty while none is
	PublishedAt *time.Time
}

// Decode reads a stored report.
func Decode(data []byte) (*Report, error) {
	r := &Report{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, err
	}
	return r, nil
}
