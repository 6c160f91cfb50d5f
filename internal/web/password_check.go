package web

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"
	"golang.org/x/sync/semaphore"
)

// passwordParams are OWASP's first recommended argon2id setting (19 MiB,
// two passes, one lane): as strong as the library's default of 64 MiB
// with one pass, for less than a third of the memory per check, so more
// checks fit in the same budget. Hashes made earlier keep their own
// parameters (the encoded hash carries them) and still verify.
func passwordParams() *argon2id.Params {
	return &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// dummyHash has passwordParams and is compared against when the email is
// unknown, so a wrong address costs as much as a wrong password.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$hf3hax2dvREbBAuy+dXe2g$X+IXYDiw6uyHhoP180BI52j9czgknDuQEqrZLKG7uAU"

const (
	// largestCheckKiB is the most memory one check is planned for: the
	// library default that hashes made before passwordParams use.
	largestCheckKiB = 64 * 1024
	// defaultMemoryKiB is assumed when the available memory cannot be read.
	defaultMemoryKiB = 2 * 1024 * 1024
	// passwordWait is how long a check waits for memory before the
	// server answers "busy": long enough to ride out a burst of staff
	// signing in, short enough that a flood is turned away, not queued.
	passwordWait = 200 * time.Millisecond
)

// errPasswordBusy means too many password checks are running already.
var errPasswordBusy = errors.New("web: password checks at capacity")

// passwordGate bounds the memory that argon2id checks and hashes use at
// once: each holds its hash's memory parameter (KiB) of a fixed budget.
type passwordGate struct {
	sem      *semaphore.Weighted
	capacity int64 // KiB

	mu       sync.Mutex
	inUse    int64 // KiB held now
	peak     int64 // most KiB ever held at once, for tests and operators
	inFlight int   // checks running now
	maxRuns  int   // most checks ever running at once
}

// newPasswordGate sizes the budget: a quarter of the memory this process
// may use, but no more than one largest check per core (more would only
// queue for the CPU), and never less than one largest check.
func newPasswordGate(availableKiB int64, procs int) *passwordGate {
	capacity := min(availableKiB/4, int64(procs)*largestCheckKiB)
	capacity = max(capacity, largestCheckKiB)
	return &passwordGate{sem: semaphore.NewWeighted(capacity), capacity: capacity}
}

// defaultPasswordGate sizes the gate from this machine.
func defaultPasswordGate() *passwordGate {
	return newPasswordGate(availableMemoryKiB(), runtime.GOMAXPROCS(0))
}

// run does fn holding memKiB of the budget, waiting at most passwordWait.
func (g *passwordGate) run(ctx context.Context, memKiB int64, fn func()) error {
	weight := min(max(memKiB, 1), g.capacity)
	wctx, cancel := context.WithTimeout(ctx, passwordWait)
	defer cancel()
	if err := g.sem.Acquire(wctx, weight); err != nil {
		return errPasswordBusy
	}
	g.note(weight, 1)
	defer func() {
		g.note(-weight, -1)
		g.sem.Release(weight)
	}()
	fn()
	return nil
}

// note records what is held, keeping the peaks.
func (g *passwordGate) note(kib int64, runs int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inUse += kib
	g.inFlight += runs
	g.peak = max(g.peak, g.inUse)
	g.maxRuns = max(g.maxRuns, g.inFlight)
}

// compare checks password against hash within the budget.
func (g *passwordGate) compare(ctx context.Context, password, hash string) (bool, error) {
	params, _, _, err := argon2id.DecodeHash(hash)
	if err != nil {
		return false, err
	}
	var match bool
	var cerr error
	if err := g.run(ctx, int64(params.Memory), func() {
		match, cerr = argon2id.ComparePasswordAndHash(password, hash)
	}); err != nil {
		return false, err
	}
	return match, cerr
}

// hash makes a new hash of password with passwordParams within the budget.
func (g *passwordGate) hash(ctx context.Context, password string) (string, error) {
	var h string
	var herr error
	if err := g.run(ctx, int64(passwordParams().Memory), func() {
		h, herr = argon2id.CreateHash(password, passwordParams())
	}); err != nil {
		return "", err
	}
	return h, herr
}

// outdatedHash reports whether hash was made with other parameters than
// passwordParams (an account from before them), so it should be remade.
func outdatedHash(hash string) bool {
	p, _, _, err := argon2id.DecodeHash(hash)
	want := passwordParams()
	return err == nil && (p.Memory != want.Memory || p.Iterations != want.Iterations || p.Parallelism != want.Parallelism)
}

// availableMemoryKiB is the least of the cgroup limit (v2, then v1) and
// the kernel's MemAvailable; defaultMemoryKiB when none can be read.
func availableMemoryKiB() int64 {
	best := int64(0)
	for _, kib := range []int64{
		readCgroupLimitKiB("/sys/fs/cgroup/memory.max"),
		readCgroupLimitKiB("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
		readMemAvailableKiB("/proc/meminfo"),
	} {
		if kib > 0 && (best == 0 || kib < best) {
			best = kib
		}
	}
	if best == 0 {
		return defaultMemoryKiB
	}
	return best
}

// readCgroupLimitKiB reads a cgroup memory limit in bytes; 0 when the file
// is absent or says there is no limit ("max", or v1's huge number).
func readCgroupLimitKiB(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return parseCgroupLimitKiB(string(data))
}

func parseCgroupLimitKiB(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n >= 1<<60 {
		return 0
	}
	return n / 1024
}

// readMemAvailableKiB reads MemAvailable from /proc/meminfo; 0 if absent.
func readMemAvailableKiB(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	return parseMemAvailableKiB(f)
}

func parseMemAvailableKiB(r io.Reader) int64 {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			n, _ := strconv.ParseInt(fields[1], 10, 64)
			return n
		}
	}
	return 0
}
