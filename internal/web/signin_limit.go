package web

import (
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/consulta/consulta/internal/config"
)

const (
	// maxSignInDelay caps the growing wait after repeated failures.
	maxSignInDelay = 15 * time.Minute
	// accountMemory is how long an account's failures are remembered
	// after its last attempt.
	accountMemory = time.Hour
	// maxSignInEntries bounds each table (networks, accounts), so a flood
	// of addresses cannot grow the server's memory without limit.
	maxSignInEntries = 10000
	// maxAccountKey bounds the bytes of a typed address kept as a key; a
	// longer one is not an email address anyway.
	maxAccountKey = 320
)

// signInLimiter throttles password attempts on its own, apart from the
// registration limit: a token bucket per client network and, per account
// (the address typed, known or not), a delay that doubles with each
// failure past the free ones. State is in this process's memory.
type signInLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	perMin   int // attempts per network per minute
	free     int // failures per account before attempts must wait
	max      int // entries per table
	networks map[string]*bucket
	accounts map[string]*accountFailures
	swept    time.Time
}

// accountFailures is what is known about one typed address.
type accountFailures struct {
	fails int       // attempts since the last success
	next  time.Time // no attempt before this
	seen  time.Time // last attempt
}

func newSignInLimiter(perMin, free int, now func() time.Time) *signInLimiter {
	if perMin <= 0 {
		perMin = config.DefaultSignInPerIP
	}
	if free <= 0 {
		free = config.DefaultSignInPerAccount
	}
	return &signInLimiter{now: now, perMin: perMin, free: free, max: maxSignInEntries,
		networks: map[string]*bucket{}, accounts: map[string]*accountFailures{}}
}

// signInNetwork is the key a client's attempts count under: an IPv4
// address, or an IPv6 /64 (one subscriber usually holds a whole /64).
func signInNetwork(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || !a.Is6() {
		return ip
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// allowNetwork takes one attempt from the network's bucket, or says how
// long until one is free.
func (l *signInLimiter) allowNetwork(network string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b, ok := l.networks[network]
	if !ok {
		l.makeRoom(now, func() int { return len(l.networks) }, func() { evictSome(l.networks) })
		b = &bucket{lim: rate.NewLimiter(rate.Limit(float64(l.perMin)/60), l.perMin)}
		l.networks[network] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if wait := res.DelayFrom(now); wait > 0 {
		res.CancelAt(now)
		return false, wait
	}
	return true, 0
}

// beginAttempt counts an attempt for account before its password is
// checked, so parallel guesses cannot slip past the count; it refuses
// while the account must wait. The answer depends only on what was typed,
// never on whether the account exists.
func (l *signInLimiter) beginAttempt(account string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	key := accountKey(account)
	a, ok := l.accounts[key]
	if !ok {
		l.makeRoom(now, func() int { return len(l.accounts) }, func() { evictSome(l.accounts) })
		a = &accountFailures{}
		l.accounts[key] = a
	}
	if now.Before(a.next) {
		return false, a.next.Sub(now)
	}
	a.fails++
	a.seen = now
	if a.fails >= l.free {
		a.next = now.Add(failureDelay(a.fails - l.free))
	}
	return true, 0
}

// failureDelay is 2^(k+1) seconds for the k-th failure past the free ones,
// capped at maxSignInDelay.
func failureDelay(k int) time.Duration {
	if k >= 20 {
		return maxSignInDelay
	}
	return min(time.Duration(math.Pow(2, float64(k+1)))*time.Second, maxSignInDelay)
}

// forgive takes back an attempt whose password was never checked (the
// server was busy).
func (l *signInLimiter) forgive(account string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.accounts[accountKey(account)]
	if !ok || a.fails == 0 {
		return
	}
	a.fails--
	if a.fails < l.free {
		a.next = time.Time{}
	}
}

// succeeded forgets an account's failures after a correct password.
func (l *signInLimiter) succeeded(account string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.accounts, accountKey(account))
}

func accountKey(account string) string {
	if len(account) > maxAccountKey {
		return account[:maxAccountKey]
	}
	return account
}

// sweep drops, every few minutes, the entries that no longer matter: full
// buckets and accounts silent for accountMemory.
func (l *signInLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < 5*time.Minute {
		return
	}
	l.swept = now
	l.dropStale(now)
}

func (l *signInLimiter) dropStale(now time.Time) {
	for k, b := range l.networks {
		if now.Sub(b.seen) >= time.Minute { // refilled: same as a new bucket
			delete(l.networks, k)
		}
	}
	for k, a := range l.accounts {
		if now.Sub(a.seen) >= accountMemory && !now.Before(a.next) {
			delete(l.accounts, k)
		}
	}
}

// makeRoom keeps a table under its bound before an insert: first the stale
// entries go, then, if it is still full, some at random.
func (l *signInLimiter) makeRoom(now time.Time, size func() int, evict func()) {
	if size() < l.max {
		return
	}
	if l.dropStale(now); size() >= l.max {
		evict()
	}
}

// evictSome deletes about a tenth of a full table, picked by Go's random
// map order, so an insert into a full table costs little on average.
func evictSome[V any](m map[string]V) {
	n := max(1, len(m)/10)
	for k := range m {
		if n == 0 {
			return
		}
		delete(m, k)
		n--
	}
}

// signInLimited throttles a sign-in or set-password post per client
// network, whatever the registration limit (--register-rate) is.
func (s *Server) signInLimited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.signIns.allowNetwork(signInNetwork(s.clientIP(r))); !ok {
			s.signInRefused(w, r, wait)
			return
		}
		h(w, r)
	}
}

// signInRefused answers a throttled attempt: the same page whether the
// network or the account must wait, and whether or not the account exists.
func (s *Server) signInRefused(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	s.errorPage(w, r, http.StatusTooManyRequests, "admin.login.throttled")
}

// passwordBusy answers when the password-check budget stays full.
func (s *Server) passwordBusy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "2")
	s.errorPage(w, r, http.StatusServiceUnavailable, "admin.password.busy")
}

// errorPage renders the error page with a status and a catalog message.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	pg := s.newPage(r, "", map[string]any{"Status": status, "Message": msg})
	pg.Title = pg.T("error.title")
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "error", pg)
}
