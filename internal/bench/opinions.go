package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/stakeholder"
)

// opinionsOptions are the flags of "bench opinions".
type opinionsOptions struct {
	Participants, Statements, Votes int
	JSON                            bool
	WithDB                          bool
	DB                              string
	Seed                            uint64
	CPUProfile                      string
}

// opinionsResult is what "bench opinions --json" prints.
type opinionsResult struct {
	Participants int     `json:"participants"`
	Statements   int     `json:"statements"`
	Votes        int     `json:"votes"`
	Seconds      float64 `json:"seconds"`
	PeakRSSBytes int64   `json:"peak_rss_bytes"`
	Groups       int     `json:"groups"`
	Cores        int     `json:"cores"`
	// With --with-db: reading the data from the database and recomputing
	// (a page view after votes changed), and the engine.
	LoadSeconds   float64 `json:"load_and_compute_seconds,omitempty"`
	ImportSeconds float64 `json:"import_seconds,omitempty"`
	Engine        string  `json:"engine,omitempty"`
}

func parseOpinionsFlags(args []string, e Env) (opinionsOptions, error) {
	var o opinionsOptions
	fs := flag.NewFlagSet("consulta bench opinions", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.IntVar(&o.Participants, "participants", 10_000, "participants")
	fs.IntVar(&o.Statements, "statements", 2_000, "statements")
	fs.IntVar(&o.Votes, "votes", 2_000_000, "votes (at most one per participant and statement)")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the generated conversation")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the computation to this file")
	fs.BoolVar(&o.WithDB, "with-db", false, "also store the conversation in a throw-away database and time reading it back and recomputing")
	fs.StringVar(&o.DB, "db", "", "with --with-db: postgres://… server to create a throw-away database on; empty: SQLite in a temp dir")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.Participants < 1 || o.Statements < 1:
		return o, errors.New("--participants and --statements must be at least 1")
	case o.Votes < 0 || int64(o.Votes) > int64(o.Participants)*int64(o.Statements):
		return o, errors.New("--votes must be between 0 and participants × statements")
	}
	return o, nil
}

// runOpinions generates a conversation with opinion groups and stakeholder
// groups, then times one full recomputation of its opinion map: matrix,
// PCA, clustering, repness, consensus and the breakdowns by stakeholder
// group and region — what a page view pays when the votes have changed.
func runOpinions(ctx context.Context, args []string, e Env) error {
	o, err := parseOpinionsFlags(args, e)
	if err != nil {
		return err
	}
	data := generateConversation(o)
	countries := country.New()
	var groups []string
	for _, g := range stakeholder.All() {
		groups = append(groups, string(g))
	}
	seg := opinion.Segmenter{StakeholderGroups: groups, Regions: countries.Regions(), RegionOf: countries.Region}
	runtime.GC()
	stop, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	defer stop()
	start := time.Now()
	snap := opinion.Compute(data, seg, nil)
	elapsed := time.Since(start)
	res := opinionsResult{Participants: o.Participants, Statements: o.Statements, Votes: len(data.Votes),
		Seconds: elapsed.Seconds(), PeakRSSBytes: peakRSS(), Groups: len(snap.Result.Groups), Cores: runtime.GOMAXPROCS(0)}
	if o.WithDB {
		load, imported, err := timeFromDB(ctx, e, o.DB, data, seg)
		if err != nil {
			return err
		}
		res.LoadSeconds, res.ImportSeconds, res.Engine = load.Seconds(), imported.Seconds(), "sqlite"
		if o.DB != "" {
			res.Engine = "postgres"
		}
	}
	if o.JSON {
		return json.NewEncoder(e.Stdout).Encode(res)
	}
	fmt.Fprintf(e.Stdout, "opinion map of %d participants × %d statements, %d votes\n", res.Participants, res.Statements, res.Votes)
	fmt.Fprintf(e.Stdout, "full recomputation: %.3f s on %d cores, %d groups\n", res.Seconds, res.Cores, res.Groups)
	fmt.Fprintf(e.Stdout, "peak resident memory: %.0f MiB\n", float64(res.PeakRSSBytes)/(1<<20))
	if o.WithDB {
		fmt.Fprintf(e.Stdout, "%s: import %.1f s; read back and recompute %.3f s\n", res.Engine, res.ImportSeconds, res.LoadSeconds)
	}
	return nil
}

// generateConversation makes a deterministic conversation: participants
// belong to one of four latent opinion groups, each statement has an
// agreement probability per latent group, and participants vote on
// statements chosen with a preference for early ones (as the voting order
// spreads votes but early statements collect more), at most once each.
func generateConversation(o opinionsOptions) *opinion.Data {
	rng := rand.New(rand.NewPCG(o.Seed, 0x636f6e73756c7461))
	const latent = 4
	agree := make([][latent]float64, o.Statements)
	d := &opinion.Data{Votes: make([]opinion.Cast, 0, o.Votes)}
	for j := range o.Statements {
		for g := range latent {
			agree[j][g] = rng.Float64()
		}
		d.Statements = append(d.Statements, opinion.Statement{TID: j, AuthorPID: opinion.BySecretariat, Moderation: opinion.Accepted,
			Body: "Statement " + strconv.Itoa(j)})
	}
	groups := stakeholder.All()
	countries := []string{"AR", "BR", "CL", "MX", "KE", "NG", "ZA", "FR", "DE", "IN", "CN", "JP", "AU", "US", "CA"}
	for p := range o.Participants {
		d.Participants = append(d.Participants, opinion.Participant{PID: p,
			StakeholderGroup: string(groups[rng.IntN(len(groups))]), Country: countries[rng.IntN(len(countries))]})
	}
	// Spread the votes: participant p casts about votes/participants,
	// varying ±50 %, never more than there are statements.
	seen := make([]bool, o.Statements)
	remaining := o.Votes
	for p := range o.Participants {
		left := o.Participants - p
		n := remaining / left
		if left > 1 {
			n = min(o.Statements, max(0, n/2+rng.IntN(n+1)))
		}
		n = min(n, o.Statements, remaining)
		g := p % latent
		clear(seen)
		for k := 0; k < n; {
			j := int(float64(o.Statements) * rng.Float64() * rng.Float64()) // favours early statements
			if k >= o.Statements/2 {
				j = rng.IntN(o.Statements)
			}
			if seen[j] {
				continue
			}
			seen[j] = true
			k++
			v := opinion.Disagree
			switch x := rng.Float64(); {
			case x < 0.15:
				v = opinion.Pass
			case x < 0.15+0.85*agree[j][g]:
				v = opinion.Agree
			}
			d.Votes = append(d.Votes, opinion.Cast{PID: int32(p), TID: int32(j), Vote: v})
		}
		remaining -= n
	}
	return d
}

// peakRSS is the process's peak resident set size (VmHWM), or 0 where
// /proc is not available.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
