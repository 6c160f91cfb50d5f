package web

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestAccountWaitDoublesToCapAndSuccessResets(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := newSignInLimiter(10, 5, clock.now)
	for i := range 5 {
		if ok, _ := l.beginAttempt("a@example.org"); !ok {
			t.Fatalf("free attempt %d refused", i+1)
		}
	}
	var waits []time.Duration
	for range 12 {
		ok, wait := l.beginAttempt("a@example.org")
		if ok {
			t.Fatal("attempt during the wait allowed")
		}
		waits = append(waits, wait)
		clock.advance(wait)
		if ok, _ := l.beginAttempt("a@example.org"); !ok {
			t.Fatal("attempt after the wait refused")
		}
	}
	want := []time.Duration{2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900}
	for i := range want {
		if waits[i] != want[i]*time.Second {
			t.Fatalf("waits = %v, want %v seconds", waits, want)
		}
	}
	l.succeeded("a@example.org")
	if ok, _ := l.beginAttempt("a@example.org"); !ok {
		t.Error("attempt after a success refused")
	}
}

func TestForgivenAttemptDoesNotCount(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := newSignInLimiter(10, 2, clock.now)
	l.beginAttempt("a@example.org")
	l.beginAttempt("a@example.org")
	l.forgive("a@example.org") // the second was never checked: the server was busy
	if ok, _ := l.beginAttempt("a@example.org"); !ok {
		t.Error("a forgiven attempt still counted")
	}
	if ok, _ := l.beginAttempt("a@example.org"); ok {
		t.Error("third real attempt allowed with two free")
	}
}

func TestNetworkBucketRefills(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := newSignInLimiter(3, 5, clock.now)
	for range 3 {
		if ok, _ := l.allowNetwork("192.0.2.1"); !ok {
			t.Fatal("attempt within the budget refused")
		}
	}
	ok, wait := l.allowNetwork("192.0.2.1")
	if ok || wait != 20*time.Second {
		t.Fatalf("4th attempt: allowed %v, wait %v; want refused, 20s", ok, wait)
	}
	if ok, _ := l.allowNetwork("192.0.2.2"); !ok {
		t.Error("another address refused")
	}
	clock.advance(wait)
	if ok, _ := l.allowNetwork("192.0.2.1"); !ok {
		t.Error("attempt after the refill refused")
	}
}

func TestSignInNetworkGroupsIPv6By64(t *testing.T) {
	cases := map[string]string{
		"192.0.2.7":          "192.0.2.7",
		"2001:db8:1:2::1":    "2001:db8:1:2::/64",
		"2001:db8:1:2:ff::9": "2001:db8:1:2::/64",
		"2001:db8:1:3::1":    "2001:db8:1:3::/64",
		"not-an-address":     "not-an-address",
	}
	for ip, want := range cases {
		if got := signInNetwork(ip); got != want {
			t.Errorf("signInNetwork(%q) = %q, want %q", ip, got, want)
		}
	}
}

// A flood of fresh addresses and accounts keeps both tables at their bound.
func TestSignInTablesStayBounded(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	l := newSignInLimiter(10, 5, clock.now)
	l.max = 100
	for i := range 1000 {
		l.allowNetwork(fmt.Sprintf("10.0.%d.%d", i/256, i%256))
		l.beginAttempt(fmt.Sprintf("u%d@example.org", i))
	}
	l.beginAttempt(strings.Repeat("x", 100000))
	if len(l.networks) > 100 || len(l.accounts) > 100 {
		t.Errorf("tables grew to %d networks, %d accounts; bound 100", len(l.networks), len(l.accounts))
	}
	for k := range l.accounts {
		if len(k) > maxAccountKey {
			t.Errorf("an account key of %d bytes is kept", len(k))
		}
	}
	clock.advance(2 * accountMemory)
	l.allowNetwork("192.0.2.1")
	if len(l.networks) != 1 || len(l.accounts) != 0 {
		t.Errorf("after two hours: %d networks, %d accounts kept; want 1 and 0", len(l.networks), len(l.accounts))
	}
}

// A full gate turns the next check away instead of starting it.
func TestPasswordGateRefusesWhenFull(t *testing.T) {
	g := newPasswordGate(1<<30, 1) // one core: one largest check
	held, release := make(chan struct{}), make(chan struct{})
	go func() {
		_ = g.run(context.Background(), largestCheckKiB, func() { close(held); <-release })
	}()
	<-held
	if _, err := g.compare(context.Background(), "pw", dummyHash); !errors.Is(err, errPasswordBusy) {
		t.Errorf("check while the budget is held: %v, want errPasswordBusy", err)
	}
	close(release)
	if match, err := g.compare(context.Background(), "pw", dummyHash); err != nil || match {
		t.Errorf("check after release: match %v, err %v", match, err)
	}
}

func TestPasswordGateBudget(t *testing.T) {
	cases := []struct {
		availableKiB int64
		procs        int
		want         int64
	}{
		{16 << 20, 2, 2 * largestCheckKiB},     // plenty of memory: one check per core
		{400 << 10, 8, 100 << 10},              // 400 MiB: a quarter
		{100 << 10, 4, largestCheckKiB},        // tiny: still one check
		{defaultMemoryKiB, 1, largestCheckKiB}, // unknown memory, one core
	}
	for _, tc := range cases {
		if got := newPasswordGate(tc.availableKiB, tc.procs).capacity; got != tc.want {
			t.Errorf("budget(%d KiB, %d cores) = %d KiB, want %d", tc.availableKiB, tc.procs, got, tc.want)
		}
	}
}

func TestNewHashesUseOWASPParamsAndOldOnesVerify(t *testing.T) {
	g := newPasswordGate(1<<30, 1)
	h, err := g.hash(context.Background(), "correct horse battery staple")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("new hash %q, %v", h, err)
	}
	if !strings.HasPrefix(dummyHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Error("the dummy hash costs differently from a real one")
	}
	old, _ := argon2id.CreateHash("old password", argon2id.DefaultParams) // m=65536,t=1,p=2
	if match, err := g.compare(context.Background(), "old password", old); !match || err != nil {
		t.Errorf("a hash with the old parameters no longer verifies: %v", err)
	}
}

func TestReadingAvailableMemory(t *testing.T) {
	if got := parseCgroupLimitKiB("max\n"); got != 0 {
		t.Errorf("cgroup v2 max = %d, want 0 (no limit)", got)
	}
	if got := parseCgroupLimitKiB("9223372036854771712\n"); got != 0 {
		t.Errorf("cgroup v1 unlimited = %d, want 0", got)
	}
	if got := parseCgroupLimitKiB("536870912\n"); got != 512<<10 {
		t.Errorf("cgroup 512 MiB = %d KiB", got)
	}
	meminfo := "MemTotal:       16314412 kB\nMemFree:         1034567 kB\nMemAvailable:    8123456 kB\n"
	if got := parseMemAvailableKiB(strings.NewReader(meminfo)); got != 8123456 {
		t.Errorf("MemAvailable = %d", got)
	}
	if got := availableMemoryKiB(); got <= 0 {
		t.Errorf("availableMemoryKiB() = %d", got)
	}
}
