package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
)

// mailOptions are the flags of "bench mail".
type mailOptions struct {
	Count      int
	DB         string
	JSON       bool
	Floor      bool
	CPUProfile string
}

func parseMailFlags(args []string, e Env) (mailOptions, error) {
	var o mailOptions
	fs := flag.NewFlagSet("consulta bench mail", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.IntVar(&o.Count, "count", 100_000, "emails to send, one per registration")
	fs.StringVar(&o.DB, "db", "", "postgres://… server to create a throw-away database on; empty: SQLite in a temp dir")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.BoolVar(&o.Floor, "floor", false, "also measure the floor (SMTP alone, no database or job queue) and the ratio")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the delivery (app and sink) to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.Count < 1 {
		return o, errors.New("--count must be at least 1")
	}
	return o, nil
}

// mailResult is what "bench mail --json" prints.
type mailResult struct {
	Emails          int     `json:"emails"`
	Seconds         float64 `json:"seconds"`
	EmailsPerSecond float64 `json:"emails_per_second"`
	Duplicates      int     `json:"duplicates"` // messages beyond the first per recipient, and to no registrant
	Missing         int     `json:"missing"`    // registrants who got none
	// With --floor: the same number of messages sent straight through the
	// SMTP client to a sink, and emails_per_second over it.
	FloorEmailsPerSecond *float64 `json:"floor_emails_per_second,omitempty"`
	Ratio                *float64 `json:"ratio,omitempty"`
	// With --floor: the process's CPU time per email while delivering.
	CPUMillisPerEmail *float64 `json:"cpu_ms_per_email,omitempty"`
}

// joinEmail is the email "bench mail" sends each registrant: their
// personal join link with its calendar invitation, as a release sends.
func joinEmail(registrationID string) messages.Message {
	return messages.JoinLink{RegistrationID: registrationID, Version: 1}
}

// stallAfter is how long the delivery may go without a single message
// arriving before the benchmark gives up.
const stallAfter = time.Minute

// runMail stores o.Count registrations on a fresh database with one email
// job each (newMail's kind, enqueued in bulk, as a release does), then
// starts the app with SMTP pointed at a local sink and measures until the
// last email arrives. Duplicates and missing ones are counted from what
// the sink received, after every job has finished.
func runMail(ctx context.Context, o mailOptions, e Env, newMail func(registrationID string) messages.Message) error {
	sk, err := startSink(o.Count)
	if err != nil {
		return err
	}
	defer sk.close()
	app, ln, cleanup, err := startMailApp(ctx, o.DB, sk.url(), e)
	if err != nil {
		return err
	}
	defer cleanup()
	want, err := enqueueMail(ctx, app, o.Count, newMail)
	if err != nil {
		return err
	}
	if err := approveAll(ctx, app); err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	serveCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	cpuBefore := processCPU()
	start := time.Now()
	go func() { done <- app.Serve(serveCtx, ln) }()
	waitErr := awaitDelivery(ctx, sk, done)
	cpu := processCPU() - cpuBefore
	stopProfile()
	if waitErr == nil {
		waitErr = awaitJobs(ctx, app)
	}
	stop()
	if err := <-done; waitErr == nil {
		waitErr = err
	}
	if waitErr != nil {
		return waitErr
	}
	res := mailFigures(sk.count(), want, start)
	if o.Floor {
		floor, err := measureMailFloor(ctx, o.Count)
		if err != nil {
			return err
		}
		r, perEmail := ratio(res.EmailsPerSecond, floor), round2(float64(cpu.Microseconds())/1000/float64(o.Count))
		res.FloorEmailsPerSecond, res.Ratio, res.CPUMillisPerEmail = &floor, &r, &perEmail
	}
	return reportMail(o, e, app, res)
}

// approveAll makes the stored registrants participants of a released
// consultation, as approvals and a release would have before the join
// links go out (InsertRegistrations stores pending ones only).
func approveAll(ctx context.Context, app *App) error {
	c, err := app.DB.ConsultationBySlug(ctx, demoSlug)
	if err != nil {
		return err
	}
	if _, err := app.DB.Writer().ExecContext(ctx, `UPDATE registrations SET status='approved', confirmed_at=$1,
		approved_at=$1, link_version=1 WHERE consultation_id=$2 AND status='pending_confirmation'`, time.Now().UTC(), c.ID); err != nil {
		return fmt.Errorf("bench: approve: %w", err)
	}
	_, err = app.DB.ReleaseLink(ctx, c.ID, time.Now())
	return err
}

// startMailApp boots the app on a fresh database with the demo data and
// SMTP to the sink; it does not serve yet.
func startMailApp(ctx context.Context, dbURL, smtpURL string, e Env) (*App, net.Listener, func(), error) {
	tmp, err := os.MkdirTemp("", "consulta-bench-mail-")
	if err != nil {
		return nil, nil, nil, err
	}
	cleanups := []func() error{func() error { return os.RemoveAll(tmp) }}
	cleanup := func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			_ = cleanups[i]()
		}
	}
	fail := func(err error) (*App, net.Listener, func(), error) { cleanup(); return nil, nil, nil, err }
	if dbURL != "" {
		fresh, drop, err := createDatabase(ctx, dbURL)
		if err != nil {
			return fail(err)
		}
		cleanups = append(cleanups, drop)
		dbURL = fresh
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail(err)
	}
	cleanups = append(cleanups, func() error { ln.Close(); return nil })
	cfg := &config.Config{DataDir: filepath.Join(tmp, "data"), DB: dbURL, Addr: ln.Addr().String(),
		SMTP: smtpURL, MailFrom: "consulta@example.org", Demo: true}
	if err := cfg.Validate(); err != nil {
		return fail(err)
	}
	app, err := e.NewApp(ctx, cfg, errorLogger(e))
	if err != nil {
		return fail(err)
	}
	cleanups = append(cleanups, app.Close)
	return app, ln, cleanup, nil
}

// mailChunk is how many registrations, and then email jobs, one
// transaction stores.
const mailChunk = 10_000

// enqueueMail stores n registrations for the demo consultation and one
// email job each, and returns the addresses that must get one.
func enqueueMail(ctx context.Context, app *App, n int, newMail func(string) messages.Message) (map[string]bool, error) {
	c, err := app.DB.ConsultationBySlug(ctx, demoSlug)
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool, n)
	now := time.Now().UTC()
	for start := 0; start < n; start += mailChunk {
		regs := make([]*registration.Registration, 0, min(mailChunk, n-start))
		msgs := make([]messages.Message, 0, cap(regs))
		for i := start; i < min(start+mailChunk, n); i++ {
			in := registrationInput(uint64(i))
			in.Email = "mail-" + strconv.Itoa(i) + "@example.org"
			r := registration.New(links.NewOrderedID(), c.ID, in, now)
			regs, msgs = append(regs, r), append(msgs, newMail(r.ID))
			want[in.Email] = true
		}
		if err := app.DB.InsertRegistrations(ctx, regs); err != nil {
			return nil, fmt.Errorf("bench: registrations: %w", err)
		}
		if err := app.DB.WithTx(ctx, func(ctx context.Context) error { return app.EnqueueMail(ctx, msgs) }); err != nil {
			return nil, fmt.Errorf("bench: enqueue: %w", err)
		}
	}
	return want, nil
}

// awaitDelivery returns when every registrant got an email, or fails when
// none arrived for stallAfter or the app stopped.
func awaitDelivery(ctx context.Context, sk *sink, served <-chan error) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	seen, since := 0, time.Now()
	for {
		select {
		case <-sk.all:
			return nil
		case err := <-served:
			return fmt.Errorf("bench: the app stopped while sending: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		if n := sk.count().messages; n != seen {
			seen, since = n, time.Now()
		} else if time.Since(since) > stallAfter {
			return fmt.Errorf("bench: %d emails arrived, then none for %s", n, stallAfter)
		}
	}
}

// awaitJobs waits until no job is left to run, so that a duplicate sent
// by a retry would have arrived before the count.
func awaitJobs(ctx context.Context, app *App) error {
	// Jobs scheduled for later (the demo's reminders, scheduled by the
	// meeting sweep) are not the benchmark's.
	deadline := time.Now().Add(stallAfter)
	for {
		var left int
		if err := app.DB.Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job
			WHERE state NOT IN ('completed', 'discarded', 'cancelled', 'scheduled')`).Scan(&left); err != nil {
			return fmt.Errorf("bench: count jobs: %w", err)
		}
		if left == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: %d jobs still not finished", left)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// mailFigures compares what arrived with the registrants.
func mailFigures(got sinkCount, want map[string]bool, start time.Time) mailResult {
	r := mailResult{Emails: got.messages, Seconds: got.last.Sub(start).Seconds()}
	for addr, n := range got.perRcpt {
		if want[addr] {
			r.Duplicates += n - 1
		} else {
			r.Duplicates += n
		}
	}
	for addr := range want {
		if got.perRcpt[addr] == 0 {
			r.Missing++
		}
	}
	if r.Seconds > 0 {
		r.EmailsPerSecond = round2(float64(len(want)-r.Missing) / r.Seconds)
	}
	r.Seconds = round2(r.Seconds)
	return r
}

func reportMail(o mailOptions, e Env, app *App, r mailResult) error {
	if o.JSON {
		if err := json.NewEncoder(e.Stdout).Encode(r); err != nil {
			return err
		}
	} else {
		w := e.Stdout
		fmt.Fprintf(w, "consulta bench mail: %s, %d emails to a local SMTP sink\n", app.DB.Dialect(), o.Count)
		fmt.Fprintf(w, "  emails/s    %.1f\n", r.EmailsPerSecond)
		fmt.Fprintf(w, "  seconds     %.2f (until the last arrived)\n", r.Seconds)
		fmt.Fprintf(w, "  arrived     %d\n", r.Emails)
		fmt.Fprintf(w, "  duplicates  %d\n", r.Duplicates)
		fmt.Fprintf(w, "  missing     %d\n", r.Missing)
		if r.Ratio != nil {
			fmt.Fprintf(w, "  floor       %.1f emails/s (the SMTP client alone to a sink, same run)\n", *r.FloorEmailsPerSecond)
			fmt.Fprintf(w, "  ratio       %.3f of the floor\n", *r.Ratio)
			fmt.Fprintf(w, "  CPU         %.2f ms per email (the whole process, sink included)\n", *r.CPUMillisPerEmail)
		}
	}
	if r.Duplicates > 0 || r.Missing > 0 {
		return fmt.Errorf("bench: %d duplicates, %d missing", r.Duplicates, r.Missing)
	}
	return nil
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
