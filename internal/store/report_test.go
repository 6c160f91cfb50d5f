package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/synthesis"
)

// The reports table: a review never generated has an empty row; a
// request is let through only when none is queued or running; the
// curation round-trips; publishing copies the generated report and needs
// one.
func TestReportState(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "report-state")
		st, err := db.ReportState(ctx, rv.ID)
		if err != nil || st.Status != "" || len(st.Generated) != 0 || st.Lang != "en" {
			t.Fatalf("fresh state: %+v %v", st, err)
		}
		if err := db.PublishReport(ctx, rv.ID, &base); !errs.Is(err, errs.NotFound) {
			t.Errorf("publishing nothing: %v, want NotFound", err)
		}
		c := synthesis.Curation{Excluded: []synthesis.SourceRef{{Kind: "input", ID: 7}},
			Edits: []synthesis.Edit{{Op: synthesis.EditRename, QuestionID: 3, Theme: "t", Label: "Financing"}}}
		if err := db.SaveCuration(ctx, rv.ID, c); err != nil {
			t.Fatal(err)
		}
		if got, err := db.ReportCuration(ctx, rv.ID); err != nil || len(got.Edits) != 1 || got.Edits[0].Label != "Financing" || got.Excluded[0].ID != 7 {
			t.Errorf("curation: %+v %v", got, err)
		}
		requestAt := func(at time.Time, want int64) {
			t.Helper()
			var gen int64
			err := db.WithTx(ctx, func(ctx context.Context) (err error) {
				gen, err = db.RequestReport(ctx, rv.ID, "fr", at)
				return err
			})
			if err != nil || gen != want {
				t.Errorf("request: generation %d %v, want %d", gen, err, want)
			}
		}
		request := func(want int64) { t.Helper(); requestAt(base, want) }
		request(1)
		request(0) // queued
		if err := db.ReportProgress(ctx, rv.ID, report.StatusRunning, 3, 10, ""); err != nil {
			t.Fatal(err)
		}
		request(0) // running
		if err := db.SaveReport(ctx, rv.ID, []byte(`{"lang":"fr"}`), base.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		st, _ = db.ReportState(ctx, rv.ID)
		if st.Status != report.StatusDone || st.Lang != "fr" || st.Done != 3 || st.Total != 10 || string(st.Generated) != `{"lang":"fr"}` ||
			st.GeneratedAt == nil || !st.GeneratedAt.Equal(base.Add(time.Minute)) || len(st.Curation.Edits) != 1 {
			t.Errorf("after generation: %+v", st)
		}
		if err := db.PublishReport(ctx, rv.ID, &base); err != nil {
			t.Fatal(err)
		}
		request(2) // done: a new run
		if err := db.SaveReport(ctx, rv.ID, []byte(`{"lang":"en"}`), base); err != nil {
			t.Fatal(err)
		}
		st, _ = db.ReportState(ctx, rv.ID)
		if string(st.Published) != `{"lang":"fr"}` || st.PublishedAt == nil {
			t.Errorf("a later generation changed the published report: %s", st.Published)
		}
		if err := db.PublishReport(ctx, rv.ID, nil); err != nil {
			t.Fatal(err)
		}
		if st, _ = db.ReportState(ctx, rv.ID); len(st.Published) != 0 || st.PublishedAt != nil {
			t.Errorf("taken down: %s %v", st.Published, st.PublishedAt)
		}

		// A generation whose every attempt died with its process stays
		// "running"; after report.StaleRun a new request replaces it.
		requestAt(base, 3)
		if err := db.ReportProgress(ctx, rv.ID, report.StatusRunning, 1, 10, ""); err != nil {
			t.Fatal(err)
		}
		requestAt(base.Add(report.StaleRun-time.Minute), 0)
		requestAt(base.Add(report.StaleRun+time.Minute), 4)
		if st, _ = db.ReportState(ctx, rv.ID); st.Generation != 4 || st.Status != report.StatusQueued {
			t.Errorf("after the stale run: generation %d, %s", st.Generation, st.Status)
		}
	})
}
