package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/cli"
	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

func run(t *testing.T, env map[string]string, args ...string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	code := cli.Run(context.Background(), args, lookup, &out, &errOut)
	return out.String() + errOut.String(), code
}

func TestUserAndTokenCommands(t *testing.T) {
	env := map[string]string{"CONSULTA_DATA": t.TempDir()}
	out, code := run(t, env, "user", "add", "--email", "Sec@Example.org", "--role", "admin")
	if code != 0 || !strings.Contains(out, "/admin/set-password/") {
		t.Fatalf("user add: %d %s", code, out)
	}
	if out, code := run(t, env, "user", "add", "--email", "sec@example.org"); code == 0 {
		t.Fatalf("second user add with the same email succeeded: %s", out)
	}
	if out, code := run(t, env, "user", "add", "--email", "x@example.org", "--role", "king"); code == 0 || !strings.Contains(out, "--role") {
		t.Fatalf("bad role accepted: %s", out)
	}
	out, code = run(t, env, "token", "add", "--email", "sec@example.org")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	if code != 0 || len(token) < 40 {
		t.Fatalf("token add: %d %q", code, out)
	}
	db, err := store.Open(context.Background(), &config.Config{DataDir: env["CONSULTA_DATA"]})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByToken(context.Background(), store.TokenAPI, links.Hash(token), time.Now())
	if err != nil || u.Email != "sec@example.org" {
		t.Fatalf("the printed token does not authenticate: %v", err)
	}
	if out, code := run(t, env, "token", "add", "--email", "nobody@example.org"); code == 0 {
		t.Fatalf("token for unknown user: %s", out)
	}
}

func TestMigrateAndDemoAreIdempotent(t *testing.T) {
	env := map[string]string{"CONSULTA_DATA": t.TempDir()}
	for range 2 {
		if out, code := run(t, env, "migrate"); code != 0 {
			t.Fatalf("migrate: %s", out)
		}
	}
	if out, code := run(t, env, "demo"); code != 0 || !strings.Contains(out, "loaded") {
		t.Fatalf("demo: %s", out)
	}
	if out, code := run(t, env, "demo"); code != 0 || !strings.Contains(out, "already") {
		t.Fatalf("second demo: %s", out)
	}
	if out, code := run(t, env, "version"); code != 0 || !strings.HasPrefix(out, "consulta ") {
		t.Fatalf("version: %s", out)
	}
	if _, code := run(t, env, "frobnicate"); code != 2 {
		t.Fatal("unknown command did not exit 2")
	}
	if out, code := run(t, map[string]string{"CONSULTA_DB": "mysql://x"}, "migrate"); code == 0 || !strings.Contains(out, "--db") {
		t.Fatalf("bad --db accepted: %s", out)
	}
}

// buildBinary builds consulta once per test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "consulta")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/consulta/consulta/cmd/consulta")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startServe(t *testing.T, bin, data, addr string, extra ...string) *exec.Cmd {
	t.Helper()
	args := append([]string{"serve", "--data", data, "--addr", addr, "--demo", "--register-rate", "0"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return cmd
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	t.Fatal("server did not become healthy")
	return nil
}

func register(t *testing.T, addr, email string) {
	t.Helper()
	form := url.Values{"given_name": {"Ana"}, "family_name": {"Souza"}, "email": {email}, "organization": {"Nupef"},
		"stakeholder_group": {"civil_society"}, "country": {"BR"}, "language": {"pt"}, "consent": {"yes"}}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/c/wsis20-lac/register", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register %s: status %d", email, resp.StatusCode)
	}
}

// An acknowledged registration and its email survive kill -9; the email is
// sent exactly once after the restart.
func TestRegistrationSurvivesKill9(t *testing.T) {
	bin, data, addr := buildBinary(t), t.TempDir(), freeAddr(t)
	srv := startServe(t, bin, data, addr)
	const n = 20
	for i := range n {
		register(t, addr, fmt.Sprintf("crash%d@example.org", i))
	}
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	srv = startServe(t, bin, data, addr)
	defer func() { _ = srv.Process.Signal(syscall.SIGTERM); _ = srv.Wait() }()
	db, err := store.Open(context.Background(), &config.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cons, err := db.ConsultationBySlug(context.Background(), "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	if _, total, _ := db.Registrations(context.Background(), store.RegistrationFilter{ConsultationID: cons.ID}); total != n {
		t.Fatalf("%d registrations after kill -9, want %d", total, n)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		mails, err := db.Emails(context.Background(), "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(mails) == n {
			break
		}
		if len(mails) > n || time.Now().After(deadline) {
			t.Fatalf("%d confirmation emails after restart, want exactly %d", len(mails), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// SIGTERM lets the server finish and exit cleanly.
func TestServeStopsOnSIGTERM(t *testing.T) {
	bin, addr := buildBinary(t), freeAddr(t)
	srv := startServe(t, bin, t.TempDir(), addr)
	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGTERM", err)
		}
	case <-time.After(30 * time.Second):
		_ = srv.Process.Kill()
		t.Fatal("serve did not exit after SIGTERM")
	}
}

// Instances starting together on one PostgreSQL database migrate one after
// the other instead of failing.
func TestConcurrentMigrateOnPostgres(t *testing.T) {
	env := map[string]string{"CONSULTA_DB": dbtest.NewPostgres(t), "CONSULTA_DATA": t.TempDir()}
	errc := make(chan string, 3)
	for range 3 {
		go func() {
			out, code := run(t, env, "migrate")
			if code != 0 {
				out = "failed: " + out
			}
			errc <- out
		}()
	}
	for range 3 {
		if out := <-errc; strings.HasPrefix(out, "failed") {
			t.Fatal(out)
		}
	}
}
