package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

// Revoking by id removes that API token only; revoking an account removes
// every token it has.
func TestRevokeTokens(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ana, ben := &store.User{Email: "ana@example.org", Role: "secretariat"}, &store.User{Email: "ben@example.org", Role: "moderator"}
		for _, u := range []*store.User{ana, ben} {
			if err := db.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		exp := base.Add(90 * 24 * time.Hour)
		for _, tk := range []struct {
			u       *store.User
			purpose string
			hash    string
		}{{ana, store.TokenAPI, "ana-api-one-xxxx"}, {ana, store.TokenAPI, "ana-api-two-xxxx"},
			{ana, store.TokenSetPassword, "ana-link-xxxxxx"}, {ben, store.TokenAPI, "ben-api-one-xxxx"}} {
			if err := db.AddToken(ctx, tk.u.ID, tk.purpose, tk.hash, &exp); err != nil {
				t.Fatal(err)
			}
		}
		list, err := db.Tokens(ctx, ana.ID, store.TokenAPI)
		if err != nil || len(list) != 2 || list[0].ID != store.TokenID("ana-api-one-xxxx") || list[0].ExpiresAt == nil {
			t.Fatalf("Tokens = %+v, %v", list, err)
		}
		sameTime(t, "ExpiresAt", *list[0].ExpiresAt, exp)

		if err := db.RevokeToken(ctx, store.TokenID("ana-api-one-xxxx")); err != nil {
			t.Fatal(err)
		}
		wantToken(t, db, "ana-api-one-xxxx", false)
		wantToken(t, db, "ana-api-two-xxxx", true)
		wantErr(t, db.RevokeToken(ctx, store.TokenID("ana-api-one-xxxx")), errs.NotFound, "token.not_found")
		// A set-password link is not an API token: its id revokes nothing.
		wantErr(t, db.RevokeToken(ctx, store.TokenID("ana-link-xxxxxx")), errs.NotFound, "token.not_found")

		if n, err := db.RevokeTokens(ctx, ana.ID); err != nil || n != 2 {
			t.Fatalf("RevokeTokens = %d, %v; want 2 (one API token, one link)", n, err)
		}
		wantToken(t, db, "ana-api-two-xxxx", false)
		if _, err := db.UserByToken(ctx, store.TokenSetPassword, "ana-link-xxxxxx", base); err == nil {
			t.Error("the set-password link survived revoking the account's tokens")
		}
		wantToken(t, db, "ben-api-one-xxxx", true)
	})
}

func wantToken(t *testing.T, db *store.DB, hash string, valid bool) {
	t.Helper()
	_, err := db.UserByToken(context.Background(), store.TokenAPI, hash, base)
	if valid && err != nil {
		t.Errorf("token %q refused: %v", hash, err)
	}
	if !valid && err == nil {
		t.Errorf("token %q still accepted", hash)
	}
}

// Upgrading: API tokens made without an expiry get one 90 days away (they
// work now, not forever), tokens get their public id, and a role the
// staff table does not know becomes the rapporteur's.
func TestMigrationGivesOldTokensAnExpiry(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.MigrateTo(ctx, 4); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		if err := db.Exec(ctx, `INSERT INTO users (id, email, role, created_at) VALUES (1, 'old@example.org', 'owner', $1)`, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(ctx, `INSERT INTO user_tokens (hash, user_id, purpose, created_at) VALUES ('old-api-token-hash', 1, 'api', $1)`, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		for at, want := range map[time.Duration]bool{0: true, 89 * 24 * time.Hour: true, 91 * 24 * time.Hour: false} {
			_, err := db.UserByToken(ctx, store.TokenAPI, "old-api-token-hash", now.Add(at))
			if (err == nil) != want {
				t.Errorf("old token at now+%v: err %v, want accepted=%v", at, err, want)
			}
		}
		list, err := db.Tokens(ctx, 1, store.TokenAPI)
		if err != nil || len(list) != 1 || list[0].ID != "old-api-toke" {
			t.Errorf("Tokens = %+v, %v", list, err)
		}
		if u, err := db.UserByID(ctx, 1); err != nil || u.Role != "rapporteur" {
			t.Errorf("unknown role migrated to %+v, %v", u, err)
		}
	})
}
