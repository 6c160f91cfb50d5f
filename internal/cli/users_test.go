package cli_test

import (
	"context"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/store"
)

// consulta user add --consultation and consulta user limit: a moderator
// or rapporteur limited to one consultation, and freed again.
func TestUserLimit(t *testing.T) {
	env := map[string]string{"CONSULTA_DATA": t.TempDir()}
	if out, code := run(t, env, "demo"); code != 0 {
		t.Fatalf("demo: %s", out)
	}
	out, code := run(t, env, "user", "add", "--email", "mod@example.org", "--role", "moderator", "--consultation", "wsis20-lac")
	if code != 0 || !strings.Contains(out, "limited to wsis20-lac") {
		t.Fatalf("user add --consultation: %d %s", code, out)
	}
	for _, args := range [][]string{
		{"user", "add", "--email", "sec@example.org", "--role", "secretariat", "--consultation", "wsis20-lac"},
		{"user", "add", "--email", "rap@example.org", "--role", "rapporteur", "--consultation", "no-such-consultation"},
		{"user", "limit", "--email", "nobody@example.org", "--consultation", "wsis20-lac"},
	} {
		if out, code := run(t, env, args...); code == 0 {
			t.Errorf("%v succeeded: %s", args, out)
		}
	}
	scope := func() string {
		t.Helper()
		db, err := store.Open(context.Background(), &config.Config{DataDir: env["CONSULTA_DATA"]})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		u, err := db.UserByEmail(context.Background(), "mod@example.org")
		if err != nil {
			t.Fatal(err)
		}
		return u.Consultation
	}
	if got := scope(); got != "wsis20-lac" {
		t.Fatalf("limit = %q", got)
	}
	if out, code := run(t, env, "user", "limit", "--email", "mod@example.org", "--consultation", ""); code != 0 ||
		!strings.Contains(out, "every consultation") {
		t.Fatalf("user limit '': %d %s", code, out)
	}
	if got := scope(); got != "" {
		t.Fatalf("limit after lifting = %q", got)
	}
}
