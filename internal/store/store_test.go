package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// eachEngine runs fn as a parallel subtest per engine, each with its own
// fresh database. The calling test runs in parallel with the others.
func eachEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Parallel()
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, dbtest.Open(t, engine))
		})
	}
}

// base is a fixed instant with sub-second precision (microseconds, which
// both engines keep), so round trips prove more than second precision.
var base = time.Date(2031, time.March, 10, 9, 30, 15, 123456000, time.UTC)

func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// wantErr checks err's kind and (when code != "") its catalog code.
func wantErr(t *testing.T, err error, kind errs.Kind, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want kind %d code %q", kind, code)
	}
	if got := errs.KindOf(err); got != kind {
		t.Fatalf("kind = %d, want %d (err: %v)", got, kind, err)
	}
	if code != "" && errs.CodeOf(err) != code {
		t.Fatalf("code = %q, want %q (err: %v)", errs.CodeOf(err), code, err)
	}
}

// sameTime checks that got is in UTC and equal to want to the microsecond
// (PostgreSQL rounds to microseconds; SQLite keeps nanoseconds).
func sameTime(t *testing.T, name string, got, want time.Time) {
	t.Helper()
	if got.Location() != time.UTC {
		t.Errorf("%s: location %v, want UTC", name, got.Location())
	}
	if d := got.Sub(want); d >= time.Microsecond || d <= -time.Microsecond {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func sameTimePtr(t *testing.T, name string, got, want *time.Time) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %v, want %v", name, got, want)
	default:
		sameTime(t, name, *got, *want)
	}
}

// recent checks that a store-assigned timestamp is in UTC and about now.
func recent(t *testing.T, name string, got time.Time) {
	t.Helper()
	if got.Location() != time.UTC {
		t.Errorf("%s: location %v, want UTC", name, got.Location())
	}
	if d := time.Since(got); d < -time.Minute || d > time.Minute {
		t.Errorf("%s = %v, not about now", name, got)
	}
}

func ptr[T any](v T) *T { return &v }

func newReview(t *testing.T, db *store.DB, slug string) *consultation.Review {
	t.Helper()
	r := &consultation.Review{
		Slug:         slug,
		OriginalLang: "en",
		Texts:        map[string]consultation.ReviewText{"en": {Title: "Review " + slug}},
	}
	if err := db.SaveReview(context.Background(), r); err != nil {
		t.Fatalf("SaveReview(%s): %v", slug, err)
	}
	return r
}

// newConsultation saves a published, open, unlimited consultation of
// review, after applying edit.
func newConsultation(t *testing.T, db *store.DB, reviewID int64, slug string, edit func(c *consultation.Consultation)) *consultation.Consultation {
	t.Helper()
	c := &consultation.Consultation{
		ReviewID:     reviewID,
		Slug:         slug,
		OriginalLang: "en",
		Texts:        map[string]consultation.Text{"en": {Title: "Consultation " + slug}},
		Region:       "001",
		Format:       consultation.Virtual,
		TimeZone:     "UTC",
		StartsAt:     base,
		EndsAt:       base.Add(2 * time.Hour),
		Status:       consultation.Published,
	}
	if edit != nil {
		edit(c)
	}
	if err := db.SaveConsultation(context.Background(), c); err != nil {
		t.Fatalf("SaveConsultation(%s): %v", slug, err)
	}
	return c
}

// newRegistration is a pending registration of email for c, created at at.
func newRegistration(c *consultation.Consultation, email string, at time.Time) *registration.Registration {
	return registration.New(randomID(), c.ID, registration.Input{
		GivenName: "Ada", FamilyName: "Lovelace", Email: email, Organization: "Analytical Engines",
		StakeholderGroup: string(stakeholder.CivilSociety), Country: "GB", Language: "en", Consent: true,
	}, at)
}

// registerThen stores r and runs after with the outcome in the same
// transaction, as registration.Service does with the email it enqueues.
func registerThen(ctx context.Context, db *store.DB, c *consultation.Consultation, r *registration.Registration,
	at time.Time, after func(ctx context.Context, o registration.Outcome) error) (out registration.Outcome, err error) {
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if out, err = db.Register(ctx, c, r, at); err != nil {
			return err
		}
		return after(ctx, out)
	})
	return out, err
}

// approveThen approves registration id and, when this call approved it,
// runs then in the same transaction, as registration.Service does.
func approveThen(ctx context.Context, db *store.DB, consultationID int64, id string, at time.Time,
	then func(ctx context.Context) error) (r *registration.Registration, err error) {
	err = db.WithTx(ctx, func(ctx context.Context) error {
		ch, err := db.ApproveRegistration(ctx, consultationID, id, at)
		if r = ch.Reg; err != nil || !ch.Changed() {
			return err
		}
		return then(ctx)
	})
	return r, err
}

func TestMigrateIdempotent(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// dbtest.Open has migrated once; a second run must change nothing.
		for i := range 2 {
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("Migrate #%d: %v", i+2, err)
			}
			if err := jobs.Migrate(ctx, db); err != nil {
				t.Fatalf("jobs.Migrate #%d: %v", i+2, err)
			}
		}
		if got := db.Dialect(); !strings.HasSuffix(t.Name(), "/"+string(got)) {
			t.Errorf("Dialect() = %q for subtest %s", got, t.Name())
		}
	})
}

func TestSecretStable(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		first, err := db.Secret(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) != 32 {
			t.Errorf("len(secret) = %d, want 32", len(first))
		}
		for range 2 {
			again, err := db.Secret(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Fatalf("secret changed: %x then %x", first, again)
			}
		}
	})
}

// Instances starting together on a fresh database agree on one secret.
func TestSecretConcurrentFirstUse(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		const n = 8
		keys := make([][]byte, n)
		failures := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { keys[i], failures[i] = db.Secret(context.Background()) })
		}
		wg.Wait()
		for i := range n {
			if failures[i] != nil {
				t.Fatalf("Secret #%d: %v", i, failures[i])
			}
			if !bytes.Equal(keys[i], keys[0]) || len(keys[i]) != 32 {
				t.Fatalf("Secret #%d = %x, #0 = %x", i, keys[i], keys[0])
			}
		}
	})
}

func stakeholderGroup(s string) stakeholder.Group { return stakeholder.Group(s) }

// regOf is the registration a status change left.
func regOf(ch registration.Change, err error) (*registration.Registration, error) { return ch.Reg, err }
