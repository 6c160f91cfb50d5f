package bench

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/store"
)

// timeFromDB stores the generated conversation in a throw-away database
// (SQLite in a temp dir, or a fresh database on the PostgreSQL server of
// dbURL) and times what a page view pays when votes changed: reading the
// data and recomputing the map. It returns that time and the time the
// import took.
func timeFromDB(ctx context.Context, e Env, dbURL string, data *opinion.Data, seg opinion.Segmenter) (load, imported time.Duration, err error) {
	tmp, err := os.MkdirTemp("", "consulta-bench-opinions-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(tmp)
	if dbURL != "" {
		fresh, drop, err := createDatabase(ctx, dbURL)
		if err != nil {
			return 0, 0, err
		}
		defer func() { _ = drop() }()
		dbURL = fresh
	}
	// The app opens and migrates the database as serve does; it is never
	// served, only its store is used.
	app, err := e.NewApp(ctx, &config.Config{DataDir: filepath.Join(tmp, "data"), DB: dbURL}, errorLogger(e))
	if err != nil {
		return 0, 0, err
	}
	defer app.Close()
	db := app.DB
	cid, err := createConsultation(ctx, db)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	export, segs := exportOf(data)
	if _, err := db.ImportPolis(ctx, cid, export, start); err != nil {
		return 0, 0, err
	}
	if err := db.SetParticipantSegments(ctx, cid, segs); err != nil {
		return 0, 0, err
	}
	imported = time.Since(start)
	start = time.Now()
	if _, err := opinion.NewMaps(db, seg, 0).Get(ctx, cid); err != nil {
		return 0, 0, err
	}
	return time.Since(start), imported, nil
}

// createConsultation creates the consultation the conversation goes into.
func createConsultation(ctx context.Context, db *store.DB) (int64, error) {
	r := &consultation.Review{Slug: "bench", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "Bench"}}}
	if err := db.SaveReview(ctx, r); err != nil {
		return 0, err
	}
	at := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	c := &consultation.Consultation{ReviewID: r.ID, Slug: "bench-opinions", OriginalLang: "en", Region: "001",
		Texts: map[string]consultation.Text{"en": {Title: "Opinion map benchmark"}}, Format: consultation.Virtual,
		TimeZone: "UTC", StartsAt: at, EndsAt: at.Add(time.Hour), Status: consultation.Published}
	return c.ID, db.SaveConsultation(ctx, c)
}

// exportOf writes the generated conversation as a Pol.is export, the
// fastest way in (batched inserts), with the participants' segments.
func exportOf(d *opinion.Data) (*polis.Export, map[int]store.Segment) {
	at := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	e := &polis.Export{Votes: make([]polis.VoteRow, 0, len(d.Votes))}
	for _, s := range d.Statements {
		e.Comments = append(e.Comments, polis.Comment{ID: s.TID, AuthorID: -1, Timestamp: at, Moderated: int(s.Moderation), Body: s.Body})
	}
	for _, v := range d.Votes {
		e.Votes = append(e.Votes, polis.VoteRow{Timestamp: at, CommentID: int(v.TID), VoterID: int(v.PID), Vote: int8(v.Vote)})
	}
	segs := make(map[int]store.Segment, len(d.Participants))
	for _, p := range d.Participants {
		segs[p.PID] = store.Segment{StakeholderGroup: p.StakeholderGroup, Country: p.Country}
	}
	return e, segs
}
