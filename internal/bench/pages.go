package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"strconv"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// pagesOptions are the flags of "bench pages".
type pagesOptions struct {
	DB         string
	Stored     int
	Duration   time.Duration
	Workers    int
	Rate       int // requests per second, 0: as fast as the workers are answered
	JSON       bool
	CPUProfile string
}

// benchPages are the paths "bench pages" reads: the pages and the API list
// every visitor and client hits.
var benchPages = []string{"/c/" + demoSlug, "/c/" + demoSlug + "/register", "/c/" + demoSlug + "/opinions", "/api/v1/consultations"}

func parsePagesFlags(args []string, e Env) (pagesOptions, error) {
	var o pagesOptions
	fs := flag.NewFlagSet("consulta bench pages", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.StringVar(&o.DB, "db", "", "postgres://… server to create a throw-away database on; empty: SQLite in a temp dir")
	fs.IntVar(&o.Stored, "stored", 0, "registrations to store for the consultation before the run (its capacity is set above them)")
	fs.DurationVar(&o.Duration, "duration", 5*time.Second, "how long to read each path (and its floor)")
	fs.IntVar(&o.Workers, "workers", 64, "concurrent clients")
	fs.IntVar(&o.Rate, "rate", 0, "requests per second by the --workers clients; 0 = each sends as soon as it is answered")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the app's load phases to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.Duration <= 0:
		return o, errors.New("--duration must be positive")
	case o.Rate < 0:
		return o, errors.New("--rate must be 0 or more")
	case o.Workers < 1:
		return o, errors.New("--workers must be at least 1")
	case o.Stored < 0:
		return o, errors.New("--stored must be 0 or more")
	}
	return o, nil
}

// pageResult is one path's figures next to its floor's.
type pageResult struct {
	Path string `json:"path"`
	loadResult
	Bytes       int     `json:"bytes"` // mean response size
	FloorRPS    float64 `json:"floor_requests_per_second"`
	FloorP99ms  float64 `json:"floor_p99_ms"`
	Ratio       float64 `json:"ratio"` // requests_per_second / floor_requests_per_second
	floorErrors int
}

// pagesResult is what "bench pages --json" prints.
type pagesResult struct {
	Engine  string       `json:"engine"`
	Stored  int          `json:"stored"`
	Workers int          `json:"workers"`
	Rate    int          `json:"rate"` // 0: closed loop
	Paths   []pageResult `json:"paths"`
}

// runPages boots a server on a fresh database with o.Stored registrations,
// then reads each path and the floor at the same size, one after the other.
func runPages(ctx context.Context, o pagesOptions, e Env) (err error) {
	srv, err := startServer(ctx, o.DB, e)
	if err != nil {
		return err
	}
	defer func() {
		if serr := srv.stop(); err == nil {
			err = serr
		}
	}()
	if err := prefill(ctx, srv.app, o.Stored, true); err != nil {
		return err
	}
	fl, err := startFloor()
	if err != nil {
		return err
	}
	defer fl.close()
	res := pagesResult{Engine: string(srv.app.DB.Dialect()), Stored: o.Stored, Workers: o.Workers, Rate: o.Rate}
	stop, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	for _, p := range benchPages {
		res.Paths = append(res.Paths, measurePage(srv.base, fl, p, o))
	}
	stop()
	return reportPages(o, e, res)
}

// measurePage reads path on the app and the floor page of the same size
// in alternate slices (the size from a first short read of the app).
func measurePage(base string, fl *floor, path string, o pagesOptions) pageResult {
	ok := func(code int) bool { return code == http.StatusOK }
	probe := load(getTargeter(base+path), o.Workers, 0, min(o.Duration, 300*time.Millisecond), ok)
	var size int
	if probe.successes > 0 {
		size = int(probe.bytes / uint64(probe.successes))
	}
	app, f := alternate(getTargeter(base+path), getTargeter(fl.base+"/page?bytes="+strconv.Itoa(size)),
		o.Workers, o.Rate, o.Duration, ok, ok, nil)
	r := pageResult{Path: path, loadResult: *app, Bytes: size}
	r.FloorRPS, r.FloorP99ms, r.floorErrors = f.RequestsPerSecond, f.P99ms, f.Errors
	r.Ratio = ratio(r.RequestsPerSecond, r.FloorRPS)
	return r
}

func getTargeter(url string) vegeta.Targeter {
	return func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: http.MethodGet, URL: url}
		return nil
	}
}

// reportPages prints the figures; any failed request fails the command.
func reportPages(o pagesOptions, e Env, res pagesResult) error {
	if o.JSON {
		if err := json.NewEncoder(e.Stdout).Encode(res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.Stdout, "consulta bench pages: %s, %d registrations stored, %d workers, %s per path\n",
			res.Engine, res.Stored, res.Workers, o.Duration)
		fmt.Fprintf(e.Stdout, "  %-32s %10s %9s %9s %10s %9s %7s\n", "path", "req/s", "p50 ms", "p99 ms", "floor/s", "floor p99", "ratio")
		for _, p := range res.Paths {
			fmt.Fprintf(e.Stdout, "  %-32s %10.1f %9.2f %9.2f %10.1f %9.2f %7.3f\n",
				p.Path, p.RequestsPerSecond, p.P50ms, p.P99ms, p.FloorRPS, p.FloorP99ms, p.Ratio)
		}
	}
	for _, p := range res.Paths {
		if p.Errors > 0 || p.floorErrors > 0 {
			return fmt.Errorf("%s: %d of %d requests failed (%v; first: %s), %d on the floor",
				p.Path, p.Errors, p.requests, p.codes, p.firstError, p.floorErrors)
		}
	}
	return nil
}
