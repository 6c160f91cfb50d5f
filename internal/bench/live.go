package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/live"
)

// consulta bench live: N Server-Sent Events viewers, spread over K app
// instances on one database, each receive a queue change; the figures are
// the delivery times from the change's commit to each viewer.

type liveOptions struct {
	DB        string
	Viewers   int
	Instances int
	Changes   int
	Wait      time.Duration
	JSON      bool
	ViewersOf string // the child process's streams (live_viewers.go)
}

func parseLiveFlags(args []string, e Env) (liveOptions, error) {
	var o liveOptions
	fs := flag.NewFlagSet("consulta bench live", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.StringVar(&o.DB, "db", "", "postgres://… server to create a throw-away database on; empty: SQLite (one instance only)")
	fs.IntVar(&o.Viewers, "viewers", 1000, "concurrent SSE viewers, spread over the instances")
	fs.IntVar(&o.Instances, "instances", 1, "app instances on the one database (more than one needs --db)")
	fs.IntVar(&o.Changes, "changes", 3, "queue changes to deliver, one after the other")
	fs.DurationVar(&o.Wait, "wait", 10*time.Second, "how long a change may take before a viewer counts as missed")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.StringVar(&o.ViewersOf, "viewers-of", "", "internal: run as the viewers' process of these comma-separated stream URLs")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.Viewers < 1:
		return o, errors.New("--viewers must be at least 1")
	case o.Instances < 1:
		return o, errors.New("--instances must be at least 1")
	case o.Instances > 1 && o.DB == "":
		return o, errors.New("--instances above 1 needs --db (PostgreSQL): SQLite is one process's file")
	case o.Changes < 1:
		return o, errors.New("--changes must be at least 1")
	}
	return o, nil
}

// liveResult is what bench live prints.
type liveResult struct {
	Viewers   int     `json:"viewers"`
	Instances int     `json:"instances"`
	Changes   int     `json:"changes"`
	P50ms     float64 `json:"p50_ms"`
	P99ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	Missed    int     `json:"missed"`
}

func runLive(ctx context.Context, o liveOptions, e Env) error {
	if o.ViewersOf != "" {
		return runViewers(ctx, o, os.Stdin, e.Stdout)
	}
	// The servers' ends of the viewers' sockets, and the database pools.
	if limit, need := raiseOpenFiles(), uint64(o.Viewers)+256; limit > 0 && limit < need {
		return fmt.Errorf("bench live: %d viewers need %d open files in the servers' process, the limit is %d (raise `ulimit -Hn`)",
			o.Viewers, need, limit)
	}
	instances, stop, err := startInstances(ctx, o, e)
	if err != nil {
		return err
	}
	defer func() { _ = stop() }()
	app := instances[0].app
	c, err := app.DB.ConsultationBySlug(ctx, demoSlug)
	if err != nil {
		return err
	}
	var urls []string
	for _, in := range instances {
		urls = append(urls, in.base+"/c/"+demoSlug+"/live")
	}
	arrivals := make(chan time.Time, o.Viewers*o.Changes)
	viewers, err := startViewers(ctx, urls, o.Viewers, arrivals)
	if err != nil {
		return err
	}
	defer func() { _ = viewers.stop() }()
	svc := &live.Service{Store: app.DB, Now: time.Now, ValidGroup: func(string) bool { return true },
		ValidCountry: func(string) bool { return true }}
	var delays []time.Duration
	missed := 0
	for k := range o.Changes {
		start := time.Now()
		if _, err := svc.AddSpeaker(ctx, c, live.NewSpeaker{Name: fmt.Sprintf("Speaker %d", k+1)}, nil); err != nil {
			return err
		}
		got := 0
		timeout := time.After(o.Wait)
	collect:
		for got < o.Viewers {
			select {
			case at := <-arrivals:
				delays = append(delays, at.Sub(start))
				got++
			case <-timeout:
				break collect
			}
		}
		missed += o.Viewers - got
	}
	r := liveResult{Viewers: o.Viewers, Instances: o.Instances, Changes: o.Changes, Missed: missed}
	r.P50ms, r.P99ms, r.MaxMs = quantileMs(delays, 0.50), quantileMs(delays, 0.99), quantileMs(delays, 1)
	if o.JSON {
		return json.NewEncoder(e.Stdout).Encode(r)
	}
	fmt.Fprintf(e.Stdout, "live: %d viewers on %d instance(s), %d changes: p50 %.1f ms, p99 %.1f ms, max %.1f ms, missed %d\n",
		r.Viewers, r.Instances, r.Changes, r.P50ms, r.P99ms, r.MaxMs, r.Missed)
	return nil
}

// watch is one viewer: it connects, says it is ready once the stream has
// started, and sends the arrival time of each queue event.
func watch(ctx context.Context, client *http.Client, url string, connecting chan struct{}, ready *sync.WaitGroup,
	failed *atomic.Int64, out chan<- time.Time) {
	once := sync.OnceFunc(ready.Done)
	defer once()
	connecting <- struct{}{}
	connected := sync.OnceFunc(func() { <-connecting })
	defer connected()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := client.Do(req)
	if err == nil && resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		err = fmt.Errorf("status %s", resp.Status)
	}
	if err != nil {
		if failed.Add(1) == 1 {
			fmt.Fprintln(os.Stderr, "bench live: a viewer could not connect:", err)
		}
		return
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "retry:") {
			connected()
			once()
		}
		if line == "event: "+live.EventQueue {
			out <- time.Now()
		}
	}
}

func quantileMs(d []time.Duration, q float64) float64 {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := min(int(q*float64(len(s))), len(s)-1)
	return float64(s[i].Microseconds()) / 1000
}

// startInstances boots o.Instances apps on one fresh database: SQLite in
// a temp dir, or a new database on the --db PostgreSQL server.
func startInstances(ctx context.Context, o liveOptions, e Env) (list []*server, stop func() error, err error) {
	var cleanups []func() error
	stop = func() error {
		var first error
		for i := len(cleanups) - 1; i >= 0; i-- {
			if err := cleanups[i](); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	defer func() {
		if err != nil {
			_ = stop()
		}
	}()
	tmp, err := os.MkdirTemp("", "consulta-bench-live-")
	if err != nil {
		return nil, nil, err
	}
	cleanups = append(cleanups, func() error { return os.RemoveAll(tmp) })
	dbURL := o.DB
	if dbURL != "" {
		fresh, drop, err := createDatabase(ctx, dbURL)
		if err != nil {
			return nil, nil, err
		}
		cleanups = append(cleanups, drop)
		dbURL = fresh
	}
	for i := range o.Instances {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, err
		}
		cfg := &config.Config{DataDir: filepath.Join(tmp, fmt.Sprint("data", i)), DB: dbURL, Addr: ln.Addr().String(),
			MailFrom: "consulta@example.org", Demo: true}
		if err := cfg.Validate(); err != nil {
			ln.Close()
			return nil, nil, err
		}
		app, err := e.NewApp(ctx, cfg, errorLogger(e))
		if err != nil {
			ln.Close()
			return nil, nil, err
		}
		cleanups = append(cleanups, app.Close)
		serveCtx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- app.Serve(serveCtx, ln) }()
		cleanups = append(cleanups, func() error { cancel(); return <-done })
		list = append(list, &server{app: app, base: cfg.BaseURL})
	}
	return list, stop, nil
}
