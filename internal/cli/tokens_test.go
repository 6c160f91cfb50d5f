package cli_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
)

// addToken runs token add and returns the secret (the last line) and the
// token's id.
func addToken(t *testing.T, env map[string]string, args ...string) (secret, id string) {
	t.Helper()
	out, code := run(t, env, append([]string{"token", "add"}, args...)...)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 2 {
		t.Fatalf("token add %v: %d %s", args, code, out)
	}
	secret = lines[len(lines)-1]
	return secret, store.TokenID(links.Hash(secret))
}

// Tokens expire (90 days unless --expires says otherwise) and can be
// revoked one by one or all of an account's at once.
func TestTokenExpiryAndRevoke(t *testing.T) {
	env := map[string]string{"CONSULTA_DATA": t.TempDir()}
	for _, email := range []string{"sec@example.org", "rap@example.org"} {
		if out, code := run(t, env, "user", "add", "--email", email, "--role", "secretariat"); code != 0 {
			t.Fatalf("user add: %s", out)
		}
	}
	short, shortID := addToken(t, env, "--email", "sec@example.org", "--expires", "2d")
	long, _ := addToken(t, env, "--email", "sec@example.org")
	other, _ := addToken(t, env, "--email", "rap@example.org", "--expires", "36h")
	for _, bad := range []string{"0d", "-3d", "soon", "d"} {
		if out, code := run(t, env, "token", "add", "--email", "sec@example.org", "--expires", bad); code == 0 {
			t.Errorf("--expires %q accepted: %s", bad, out)
		}
	}
	db, err := store.Open(context.Background(), &config.Config{DataDir: env["CONSULTA_DATA"]})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	valid := func(secret string, at time.Duration) bool {
		_, err := db.UserByToken(context.Background(), store.TokenAPI, links.Hash(secret), time.Now().Add(at))
		return err == nil
	}
	day := 24 * time.Hour
	for name, ok := range map[string]bool{
		"2d token tomorrow": valid(short, day), "2d token in 3 days": !valid(short, 3*day),
		"default in 89 days": valid(long, 89*day), "default in 91 days": !valid(long, 91*day),
		"36h token in 37h": !valid(other, 37*time.Hour),
	} {
		if !ok {
			t.Errorf("%s: wrong", name)
		}
	}
	if out, _ := run(t, env, "token", "list", "--email", "sec@example.org"); !strings.Contains(out, shortID) {
		t.Errorf("token list does not show %s: %s", shortID, out)
	}

	if out, code := run(t, env, "token", "revoke", "--id", shortID); code != 0 || valid(short, 0) || !valid(long, 0) {
		t.Fatalf("revoke --id: %d %s", code, out)
	}
	if out, code := run(t, env, "token", "revoke", "--id", shortID); code == 0 {
		t.Errorf("revoking a revoked token succeeded: %s", out)
	}
	if out, code := run(t, env, "token", "revoke", "--email", "sec@example.org"); code != 0 || valid(long, 0) || !valid(other, 0) {
		t.Fatalf("revoke --email: %d %s", code, out)
	}
	for _, args := range [][]string{{}, {"--id", "x", "--email", "sec@example.org"}} {
		if out, code := run(t, env, append([]string{"token", "revoke"}, args...)...); code == 0 {
			t.Errorf("revoke %v succeeded: %s", args, out)
		}
	}
}
