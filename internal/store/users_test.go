package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

func TestUsers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &store.User{Email: "sec@example.org", Name: "Secretariat", Role: "secretariat", PasswordHash: "$argon2id$x"}
		if err := db.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 {
			t.Fatal("CreateUser did not set ID")
		}
		wantErr(t, db.CreateUser(ctx, &store.User{Email: "sec@example.org", Role: "moderator"}), errs.Conflict, "user.exists")

		for name, load := range map[string]func() (*store.User, error){
			"UserByEmail": func() (*store.User, error) { return db.UserByEmail(ctx, "sec@example.org") },
			"UserByID":    func() (*store.User, error) { return db.UserByID(ctx, u.ID) },
		} {
			got, err := load()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got.ID != u.ID || got.Email != u.Email || got.Name != u.Name || got.Role != u.Role || got.PasswordHash != u.PasswordHash {
				t.Errorf("%s = %+v, want %+v", name, got, u)
			}
			sameTime(t, name+" CreatedAt", got.CreatedAt, u.CreatedAt)
		}
		_, err := db.UserByEmail(ctx, "nobody@example.org")
		wantErr(t, err, errs.NotFound, "user.not_found")
		_, err = db.UserByID(ctx, 999999)
		wantErr(t, err, errs.NotFound, "user.not_found")

		if err := db.SetPasswordHash(ctx, u.ID, "new-hash"); err != nil {
			t.Fatal(err)
		}
		if got, err := db.UserByID(ctx, u.ID); err != nil || got.PasswordHash != "new-hash" {
			t.Errorf("after SetPasswordHash: %+v, %v", got, err)
		}
		wantErr(t, db.SetPasswordHash(ctx, 999999, "x"), errs.NotFound, "user.not_found")
	})
}

func TestTokens(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &store.User{Email: "mod@example.org", Role: "moderator"}
		if err := db.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		expires := base.Add(time.Hour)
		if err := db.AddToken(ctx, u.ID, store.TokenSetPassword, "h-link", &expires); err != nil {
			t.Fatal(err)
		}
		if err := db.AddToken(ctx, u.ID, store.TokenAPI, "h-api", nil); err != nil {
			t.Fatal(err)
		}
		if err := db.AddToken(ctx, u.ID, store.TokenAPI, "h-api", nil); err == nil {
			t.Error("duplicate token hash accepted")
		}

		for _, tc := range []struct {
			name, purpose, hash string
			at                  time.Time
			found               bool
		}{
			{"before expiry", store.TokenSetPassword, "h-link", base, true},
			{"just before expiry", store.TokenSetPassword, "h-link", expires.Add(-time.Millisecond), true},
			{"at expiry", store.TokenSetPassword, "h-link", expires, false},
			{"after expiry", store.TokenSetPassword, "h-link", expires.Add(time.Second), false},
			{"never expires", store.TokenAPI, "h-api", base.AddDate(50, 0, 0), true},
			{"wrong purpose", store.TokenAPI, "h-link", base, false},
			{"unknown hash", store.TokenAPI, "nope", base, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := db.UserByToken(ctx, tc.purpose, tc.hash, tc.at)
				if !tc.found {
					wantErr(t, err, errs.NotFound, "user.not_found")
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.ID != u.ID {
					t.Errorf("user %d, want %d", got.ID, u.ID)
				}
			})
		}

		if err := db.DeleteToken(ctx, "h-link"); err != nil {
			t.Fatal(err)
		}
		_, err := db.UserByToken(ctx, store.TokenSetPassword, "h-link", base)
		wantErr(t, err, errs.NotFound, "user.not_found")
		if err := db.DeleteToken(ctx, "h-link"); err != nil {
			t.Errorf("deleting a deleted token: %v", err)
		}
		if _, err := db.UserByToken(ctx, store.TokenAPI, "h-api", base); err != nil {
			t.Errorf("other token gone: %v", err)
		}
	})
}

func TestSessionStore(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := db.Sessions()
		future := time.Now().Add(time.Hour)

		if _, found, err := s.Find("missing"); err != nil || found {
			t.Errorf("Find(missing) found=%v err=%v", found, err)
		}
		if err := s.Commit("tok", []byte("one"), future); err != nil {
			t.Fatal(err)
		}
		data, found, err := s.Find("tok")
		if err != nil || !found || !bytes.Equal(data, []byte("one")) {
			t.Errorf("Find = %q, %v, %v", data, found, err)
		}
		// Commit again replaces the data (and expiry).
		if err := s.CommitCtx(ctx, "tok", []byte{0, 1, 2, 0xff}, future.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		data, found, err = s.FindCtx(ctx, "tok")
		if err != nil || !found || !bytes.Equal(data, []byte{0, 1, 2, 0xff}) {
			t.Errorf("Find after update = %q, %v, %v", data, found, err)
		}

		// An expired session is not found; a re-commit revives it.
		if err := s.Commit("tok", []byte("old"), time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, found, err := s.Find("tok"); err != nil || found {
			t.Errorf("expired: found=%v err=%v", found, err)
		}
		if err := s.Commit("tok", []byte("new"), future); err != nil {
			t.Fatal(err)
		}
		if data, found, _ := s.Find("tok"); !found || string(data) != "new" {
			t.Errorf("revived: %q, %v", data, found)
		}

		if err := s.Delete("tok"); err != nil {
			t.Fatal(err)
		}
		if _, found, err := s.Find("tok"); err != nil || found {
			t.Errorf("deleted: found=%v err=%v", found, err)
		}
		if err := s.DeleteCtx(ctx, "tok"); err != nil {
			t.Errorf("delete twice: %v", err)
		}
	})
}

// One account per address, whatever the case it is typed in.
func TestUserEmailIgnoresCase(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.CreateUser(ctx, &store.User{Email: "Sec@Example.org", Role: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, &store.User{Email: "sec@example.ORG", Role: "admin"}); errs.KindOf(err) != errs.Conflict {
			t.Fatalf("second account for the same address: %v", err)
		}
		if u, err := db.UserByEmail(ctx, " SEC@example.org"); err != nil || u.Email != "sec@example.org" {
			t.Fatalf("UserByEmail: %v %v", u, err)
		}
	})
}
