package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// registerOptions are the flags of "bench register".
type registerOptions struct {
	DB         string
	Duration   time.Duration
	Rate       int
	Workers    int
	JSON       bool
	Target     string // "api" (JSON, 202) or "form" (HTML form, 303)
	CPUProfile string
	Stored     int  // registrations stored first, with a capacity set; -1 = none and no capacity
	Capacity   bool // with Stored: a capacity above the stored registrations (false: none)
}

// parseRegisterFlags reads and checks the flags of "bench register".
func parseRegisterFlags(args []string, e Env) (registerOptions, error) {
	var o registerOptions
	fs := flag.NewFlagSet("consulta bench register", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.StringVar(&o.DB, "db", "", "postgres://… server to create a throw-away database on; empty: SQLite in a temp dir")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "how long to send requests")
	fs.IntVar(&o.Rate, "rate", 0, "requests per second; 0 = as fast as --workers allow")
	fs.IntVar(&o.Workers, "workers", 32, "concurrent clients")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.StringVar(&o.Target, "target", "api", "endpoint: api (POST /api/v1/…/registrations) or form (POST /c/…/register)")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the load phase (server and client) to this file")
	fs.IntVar(&o.Stored, "stored", -1, "store this many registrations first and set a capacity above them; -1: none, no capacity")
	fs.BoolVar(&o.Capacity, "capacity", true, "with --stored: set a capacity above the stored registrations (false: none, the same run without the places check)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case !o.Capacity && o.Stored < 0:
		return o, errors.New("--capacity=false needs --stored (without it there is no capacity already)")
	case o.Target != "api" && o.Target != "form":
		return o, fmt.Errorf("--target must be api or form, not %q", o.Target)
	case o.Duration <= 0:
		return o, errors.New("--duration must be positive")
	case o.Rate < 0:
		return o, errors.New("--rate must be 0 or more")
	case o.Workers < 1:
		return o, errors.New("--workers must be at least 1")
	case o.Stored < -1:
		return o, errors.New("--stored must be -1 (none) or more")
	}
	return o, nil
}

// registerResult is what "bench register --json" prints: the app's
// figures, and with --stored the floor's, measured in the same run.
type registerResult struct {
	loadResult
	Stored     *int     `json:"stored,omitempty"`
	Capacity   *bool    `json:"capacity,omitempty"` // with stored: whether a capacity was set
	FloorRPS   *float64 `json:"floor_requests_per_second,omitempty"`
	FloorP99ms *float64 `json:"floor_p99_ms,omitempty"`
	Ratio      *float64 `json:"ratio,omitempty"` // requests_per_second / floor_requests_per_second
}

// runRegister boots a server on a fresh database, sends registrations for
// o.Duration, then checks the stored registrations and the emails.
func runRegister(ctx context.Context, o registerOptions, e Env) (err error) {
	srv, err := startServer(ctx, o.DB, e)
	if err != nil {
		return err
	}
	defer func() {
		if serr := srv.stop(); err == nil {
			err = serr
		}
	}()
	if o.Stored >= 0 {
		if err := prefill(ctx, srv.app, o.Stored, o.Capacity); err != nil {
			return err
		}
	}
	stopProfile, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	drain, err := newOutboxDrain(ctx, srv.app)
	if err != nil {
		return err
	}
	res, err := loadRegister(srv.base, o, func(answered int) { drain.wait(ctx, answered) })
	stopProfile()
	if err != nil {
		return err
	}
	return reportRegister(ctx, o, e, srv, res)
}

// loadRegister sends the registrations; with --stored, in alternate
// slices with the same registrations sent to the floor's one durable
// insert, so the ratio compares the same moments of a shared machine, and
// after each of the app's slices settle waits for its emails (counted as
// the app's time).
func loadRegister(base string, o registerOptions, settle func(answered int)) (*registerResult, error) {
	if o.Stored < 0 {
		return &registerResult{loadResult: *attack(base, o)}, nil
	}
	fl, err := startFloor()
	if err != nil {
		return nil, err
	}
	defer fl.close()
	hdr := http.Header{"Content-Type": {"application/json"}}
	var seq atomic.Uint64
	floorTargets := func(t *vegeta.Target) error {
		body, err := json.Marshal(registrationInput(seq.Add(1)))
		*t = vegeta.Target{Method: http.MethodPost, URL: fl.base + "/insert", Header: hdr, Body: body}
		return err
	}
	app, f := alternate(newRegisterTargeter(base, o.Target), floorTargets, o.Workers, o.Rate, o.Duration,
		registered, func(code int) bool { return code == http.StatusAccepted }, settle)
	if f.Errors > 0 {
		return nil, fmt.Errorf("bench: floor: %d of %d inserts failed: %s", f.Errors, f.requests, f.firstError)
	}
	stored, r := o.Stored, ratio(app.RequestsPerSecond, f.RequestsPerSecond)
	return &registerResult{loadResult: *app, Stored: &stored, Capacity: &o.Capacity, FloorRPS: &f.RequestsPerSecond, FloorP99ms: &f.P99ms, Ratio: &r}, nil
}

// reportRegister checks the database after the load and prints the figures.
func reportRegister(ctx context.Context, o registerOptions, e Env, srv *server, res *registerResult) error {
	stored, emails, err := countAfterLoad(ctx, srv.app, res.successes)
	if err != nil {
		return err
	}
	stored -= max(0, o.Stored) // the pre-filled ones
	if o.JSON {
		fmt.Fprintf(e.Stderr, "bench: %d registrations stored for %d successful requests; %d emails in the outbox\n",
			stored, res.successes, emails)
		return json.NewEncoder(e.Stdout).Encode(res)
	}
	printRegister(e, o, srv, res, stored, emails)
	if stored != res.successes {
		return fmt.Errorf("%d registrations stored, want %d", stored, res.successes)
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed", res.Errors, res.requests)
	}
	return nil
}

// attack runs the load. Success is 2xx or 303 (the form's redirect, which
// is not followed).
func attack(base string, o registerOptions) *loadResult {
	return load(newRegisterTargeter(base, o.Target), o.Workers, o.Rate, o.Duration, registered)
}

func registered(code int) bool { return code/100 == 2 || code == 303 }

// outboxDrain waits, after each of the app's slices, for the
// confirmation emails of the registrations answered so far: the issue's
// measure is that the outbox keeps up with the registrations, so the
// slice's time runs until the outbox holds as many emails as there were
// registrations. River's own bookkeeping is not waited for: it marks jobs
// completed in batches, at most every quarter of a second, so a job whose
// email is already in the outbox can show as running that long.
type outboxDrain struct {
	app      *App
	last     int64 // the highest email id counted
	recorded int   // emails recorded since the load began
}

// newOutboxDrain starts counting the emails recorded after this moment.
func newOutboxDrain(ctx context.Context, app *App) (*outboxDrain, error) {
	d := &outboxDrain{app: app}
	err := app.DB.Writer().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM emails`).Scan(&d.last)
	return d, err
}

// wait returns once the outbox holds want emails recorded since the load
// began, or the app's queue has no email job waiting or running (an email
// that fails waits for its retry, and is not waited for), or after 30 s.
// Each look counts only the rows after the last one counted, so it costs
// the emails of the moment, not of the table. (On PostgreSQL a row can
// commit after a row with a higher id and be missed; the queue being empty
// then ends the wait, a little later.)
func (d *outboxDrain) wait(ctx context.Context, want int) {
	db := d.app.DB.Writer()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(id), $1) FROM emails WHERE id > $1`,
			d.last).Scan(&n, &d.last); err != nil {
			return
		}
		if d.recorded += n; d.recorded >= want {
			return
		}
		var pending int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job
			WHERE state IN ('available', 'running')`).Scan(&pending); err != nil || pending == 0 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// countAfterLoad counts the stored registrations and waits up to 30 s for
// the confirmation-email jobs to fill the outbox.
func countAfterLoad(ctx context.Context, app *App, want int) (stored, emails int, err error) {
	db := app.DB.Writer()
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM registrations r JOIN consultations c ON c.id = r.consultation_id
		WHERE c.slug = $1`, demoSlug).Scan(&stored)
	if err != nil {
		return 0, 0, fmt.Errorf("count registrations: %w", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM emails`).Scan(&emails); err != nil {
			return 0, 0, fmt.Errorf("count emails: %w", err)
		}
		if emails >= want || time.Now().After(deadline) {
			return stored, emails, nil
		}
		select {
		case <-ctx.Done():
			return stored, emails, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func printRegister(e Env, o registerOptions, srv *server, r *registerResult, stored, emails int) {
	rate := "max"
	if o.Rate > 0 {
		rate = fmt.Sprintf("%d/s", o.Rate)
	}
	w := e.Stdout
	fmt.Fprintf(w, "consulta bench register: %s, target %s, %s, rate %s, %d workers\n",
		srv.app.DB.Dialect(), o.Target, o.Duration, rate, o.Workers)
	fmt.Fprintf(w, "  registrations/s  %.1f\n", r.RequestsPerSecond)
	fmt.Fprintf(w, "  latency p50      %.2f ms\n", r.P50ms)
	fmt.Fprintf(w, "  latency p99      %.2f ms\n", r.P99ms)
	fmt.Fprintf(w, "  requests         %d (status codes %v)\n", r.requests, r.codes)
	fmt.Fprintf(w, "  errors           %d\n", r.Errors)
	if r.firstError != "" {
		fmt.Fprintf(w, "  first error      %s\n", r.firstError)
	}
	fmt.Fprintf(w, "  stored           %d registrations by the run\n", stored)
	fmt.Fprintf(w, "  emails           %d in the outbox (waited up to 30 s for the jobs)\n", emails)
	if r.Ratio != nil {
		places := "capacity set above them"
		if !*r.Capacity {
			places = "no capacity"
		}
		fmt.Fprintf(w, "  pre-filled       %d registrations, %s\n", *r.Stored, places)
		fmt.Fprintf(w, "  floor            %.1f inserts/s, p99 %.2f ms (net/http + one durable SQLite insert)\n", *r.FloorRPS, *r.FloorP99ms)
		fmt.Fprintf(w, "  ratio            %.3f of the floor\n", *r.Ratio)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
