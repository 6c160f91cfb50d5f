package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

const (
	throttledText = "Too many sign-in attempts."
	busyText      = "The server is checking many passwords right now."
)

// behindProxy starts the app behind a trusted load balancer (the loopback),
// so each test request can name its client in X-Forwarded-For.
func behindProxy(t *testing.T, engine string, registerRate int) *apptest.App {
	t.Helper()
	return apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine), RegisterRate: registerRate,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
}

// signInFrom posts the sign-in form as client ip and returns status,
// Retry-After and body.
func signInFrom(t *testing.T, app *apptest.App, ip, email, pw string) (int, string, string) {
	t.Helper()
	form := url.Values{"email": {email}, "password": {pw}, "next": {"/admin"}}
	req, err := http.NewRequest(http.MethodPost, app.URL+"/admin/login", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Forwarded-For", ip)
	resp, err := app.Client().Do(req)
	if err != nil {
		t.Error(err) // t.Fatal must not be called from the parallel posters
		return 0, "", ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), string(body)
}

// eachEngine runs a test on an app per database engine.
func eachEngine(t *testing.T, test func(t *testing.T, engine string)) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { test(t, engine) })
	}
}

// Sixty wrong passwords at once, each from its own address and for its own
// account so that no throttle stops them first, never hold more argon2id
// memory than the budget: past it the server says it is busy.
func TestParallelSignInsStayWithinPasswordBudget(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		app := behindProxy(t, engine, 0)
		app.AddStaff(t, "sec@example.org", adminPassword, "admin")
		statuses := make([]int, 60)
		bodies := make([]string, 60)
		retry := make([]string, 60)
		var wg sync.WaitGroup
		for i := range 60 {
			wg.Go(func() {
				email := fmt.Sprintf("guess%d@example.org", i)
				if i%2 == 0 {
					email = "sec@example.org"
				}
				statuses[i], retry[i], bodies[i] = signInFrom(t, app, fmt.Sprintf("198.51.100.%d", i), email, "wrong password")
			})
		}
		wg.Wait()
		busy := 0
		for i, code := range statuses {
			switch {
			case code == http.StatusServiceUnavailable && retry[i] != "" && strings.Contains(bodies[i], busyText):
				busy++
			case code != http.StatusUnauthorized && code != http.StatusTooManyRequests:
				t.Errorf("post %d: status %d, Retry-After %q", i, code, retry[i])
			}
		}
		peak, capacity, runs := app.App.Web.PasswordChecksPeak()
		t.Logf("%d busy; peak %d KiB of %d KiB, %d checks at once", busy, peak, capacity, runs)
		if peak > capacity || runs < 1 {
			t.Errorf("password checks held %d KiB at once (%d checks), budget %d KiB", peak, runs, capacity)
		}
		if busy == 0 {
			t.Error("no post was turned away although 60 checks cannot fit the budget")
		}
	})
}

// With --register-rate 0 there is still a sign-in limit, per address and
// per account.
func TestSignInThrottledWithoutRegisterRate(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		app := behindProxy(t, engine, 0)
		for i := range 10 {
			if code, _, _ := signInFrom(t, app, "203.0.113.7", fmt.Sprintf("u%d@example.org", i), "wrong"); code != http.StatusUnauthorized {
				t.Fatalf("attempt %d from one address: %d, want 401", i+1, code)
			}
		}
		code, retry, body := signInFrom(t, app, "203.0.113.7", "u10@example.org", "wrong")
		if code != http.StatusTooManyRequests || retry == "" || !strings.Contains(body, throttledText) {
			t.Fatalf("11th attempt from one address: %d, Retry-After %q", code, retry)
		}
		// The same /64 is the same client.
		for i := range 10 {
			signInFrom(t, app, fmt.Sprintf("2001:db8:1:2::%x", i+1), fmt.Sprintf("v%d@example.org", i), "wrong")
		}
		if code, _, _ := signInFrom(t, app, "2001:db8:1:2:ffff::1", "v10@example.org", "wrong"); code != http.StatusTooManyRequests {
			t.Errorf("11th attempt from one IPv6 /64: %d, want 429", code)
		}
		for i := range 5 {
			if code, _, _ := signInFrom(t, app, fmt.Sprintf("192.0.2.%d", i), "target@example.org", "wrong"); code != http.StatusUnauthorized {
				t.Fatalf("failure %d on one account: %d", i+1, code)
			}
		}
		if code, _, _ := signInFrom(t, app, "192.0.2.200", "Target@Example.org ", "wrong"); code != http.StatusTooManyRequests {
			t.Errorf("6th attempt on one account from a fresh address: %d, want 429", code)
		}
	})
}

// Forty wrong passwords for account A from one address leave that
// address's registrations alone and, once A's wait is over, let A in from
// elsewhere.
func TestSignInLockoutIsItsOwn(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		app := behindProxy(t, engine, 30)
		app.AddStaff(t, "a@example.org", adminPassword, "admin")
		for range 40 {
			signInFrom(t, app, "203.0.113.9", "a@example.org", "wrong")
		}
		if code := postFrom(t, app, "203.0.113.9", "after-attack@example.org"); code != http.StatusSeeOther {
			t.Errorf("registration from the attacking address: %d, want 303", code)
		}
		code, retry, _ := signInFrom(t, app, "198.51.100.77", "a@example.org", adminPassword)
		wait, err := strconv.Atoi(retry)
		if code != http.StatusTooManyRequests || err != nil {
			t.Fatalf("A from another address during the wait: %d, Retry-After %q; want 429", code, retry)
		}
		time.Sleep(time.Duration(wait) * time.Second)
		if code, _, body := signInFrom(t, app, "198.51.100.77", "a@example.org", adminPassword); code != http.StatusSeeOther {
			t.Errorf("A's correct password after the wait: %d %s", code, body)
		}
	})
}

// After the free failures, each further failure doubles the wait.
func TestSignInDelayGrows(t *testing.T) {
	app := behindProxy(t, "sqlite", 0)
	fail := func(ip string) (int, int) {
		code, retry, _ := signInFrom(t, app, ip, "grow@example.org", "wrong")
		n, _ := strconv.Atoi(retry)
		return code, n
	}
	for i := range 5 {
		if code, _ := fail(fmt.Sprintf("192.0.2.%d", i)); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, code)
		}
	}
	var waits []int
	for i := range 2 {
		code, wait := fail(fmt.Sprintf("198.51.100.%d", i))
		if code != http.StatusTooManyRequests {
			t.Fatalf("attempt during the wait: %d, want 429", code)
		}
		waits = append(waits, wait)
		time.Sleep(time.Duration(wait) * time.Second)
		if code, _ := fail(fmt.Sprintf("203.0.113.%d", i)); code != http.StatusUnauthorized {
			t.Fatalf("attempt after the wait: %d, want 401", code)
		}
	}
	// Retry-After counts down from 2 s, then from 4 s, while requests run.
	if len(waits) != 2 || waits[0] < 1 || waits[0] > 2 || waits[1] < 3 || waits[1] > 4 {
		t.Errorf("waits = %v seconds, want [2 4] (or a second less)", waits)
	}
}

// A known and an unknown address get the same answers, attempt by attempt.
func TestSignInThrottleRevealsNoAccount(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		app := behindProxy(t, engine, 0)
		app.AddStaff(t, "known@example.org", adminPassword, "admin")
		for i := range 8 {
			kc, kr, kb := signInFrom(t, app, fmt.Sprintf("192.0.2.%d", i), "known@example.org", "wrong")
			uc, ur, ub := signInFrom(t, app, fmt.Sprintf("198.51.100.%d", i), "unknown@example.org", "wrong")
			kb = strings.ReplaceAll(kb, "known@example.org", "EMAIL")
			ub = strings.ReplaceAll(ub, "unknown@example.org", "EMAIL")
			// Retry-After counts down with the clock, so only its presence
			// and its bound (the first wait, 2 s) are compared.
			if kc != uc || (kr == "") != (ur == "") || kb != ub || !atMost(kr, 2) || !atMost(ur, 2) {
				t.Errorf("attempt %d: known %d (Retry-After %q), unknown %d (%q); bodies equal: %v",
					i+1, kc, kr, uc, ur, kb == ub)
			}
		}
	})
}

// A password hashed with the old parameters (64 MiB) still signs in, and
// the sign-in remakes its hash with the current ones.
func TestOldHashVerifiesAndIsUpgraded(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		app := behindProxy(t, engine, 0)
		app.AddStaff(t, "old@example.org", adminPassword, "admin") // argon2id.DefaultParams
		for i := range 2 {
			if code, _, body := signInFrom(t, app, "192.0.2.1", "old@example.org", adminPassword); code != http.StatusSeeOther {
				t.Fatalf("sign-in %d: %d %s", i+1, code, body)
			}
			u, err := app.DB().UserByEmail(context.Background(), "old@example.org")
			if err != nil || !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
				t.Fatalf("hash after sign-in %d: %v", i+1, err)
			}
		}
	})
}

// atMost reports whether a Retry-After is absent or at most max seconds.
func atMost(retry string, max int) bool {
	n, err := strconv.Atoi(retry)
	return retry == "" || (err == nil && n >= 1 && n <= max)
}

// Setting a password draws on the same budget as checking one: while it is
// full, both forms say the server is busy, and the link stays usable.
func TestPasswordSettingSharesTheBudget(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		app := behindProxy(t, engine, 0)
		ctx := context.Background()
		u := &store.User{Email: "new@example.org", Role: "admin"}
		if err := app.DB().CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		secret := links.NewSecret()
		expires := time.Now().Add(time.Hour)
		if err := app.DB().AddToken(ctx, u.ID, store.TokenSetPassword, links.Hash(secret), &expires); err != nil {
			t.Fatal(err)
		}
		setPassword := url.Values{"new_password": {adminPassword}, "confirm_password": {adminPassword}}
		release := app.App.Web.HoldPasswordBudget()
		resp, body := post(t, app, app.Client(), "/admin/set-password/"+secret, setPassword)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, busyText) {
			t.Errorf("set password while the budget is full: %d", resp.StatusCode)
		}
		code, retry, body := signInFrom(t, app, "192.0.2.1", "new@example.org", adminPassword)
		if code != http.StatusServiceUnavailable || retry == "" || !strings.Contains(body, busyText) {
			t.Errorf("sign in while the budget is full: %d", code)
		}
		release()
		if resp, _ := post(t, app, app.Client(), "/admin/set-password/"+secret, setPassword); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("set password once the budget is free: %d", resp.StatusCode)
		}
	})
}
