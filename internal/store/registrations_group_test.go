package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// txMail records each message in the caller's transaction, as the job
// queue does, and fails for the addresses starting with "fail-" after
// writing, so the registration and its message must both be undone.
type txMail struct{}

var errMailFailed = errors.New("enqueue failed")

func (txMail) Enqueue(ctx context.Context, m messages.Message) error {
	tx, ok := store.TxFrom(ctx)
	if !ok {
		return errors.New("no transaction")
	}
	var id, kind string
	switch m := m.(type) {
	case messages.Confirmation:
		id, kind = m.RegistrationID, "confirmation"
	case messages.AlreadyRegistered:
		id, kind = m.RegistrationID, "already"
	default:
		return fmt.Errorf("unexpected message %T", m)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO test_mail (registration_id, kind) VALUES ($1, $2)`, id, kind); err != nil {
		return err
	}
	var email string
	if err := tx.QueryRowContext(ctx, `SELECT email FROM registrations WHERE id=$1`, id).Scan(&email); err != nil {
		return err
	}
	if strings.HasPrefix(email, "fail-") {
		return errMailFailed
	}
	return nil
}

// Registrations sent at once share transactions on SQLite's one writer:
// each still gets its own outcome, a failed one is undone with its email
// alone, and the others commit with theirs.
func TestRegisterConcurrentGrouped(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Writer().ExecContext(ctx, `CREATE TABLE test_mail (registration_id TEXT NOT NULL, kind TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		var seq atomic.Int64
		svc := &registration.Service{Store: db, Mail: txMail{}, Now: func() time.Time { return now },
			NewID: func() string { return fmt.Sprintf("grouped-%04d", seq.Add(1)) },
			Rules: registration.Rules{ValidCountry: func(string) bool { return true }, ValidLanguage: func(string) bool { return true }}}
		emails := []string{"twice@example.org", "twice@example.org", "fail-1@example.org", "fail-2@example.org"}
		for i := range 60 {
			emails = append(emails, fmt.Sprintf("ok-%d@example.org", i))
		}
		errsOf := make([]error, len(emails))
		var wg sync.WaitGroup
		for i, email := range emails {
			wg.Go(func() {
				_, errsOf[i] = svc.Register(ctx, c, registration.Input{GivenName: "Ada", FamilyName: "Lovelace", Email: email,
					Organization: "Analytical Engines", StakeholderGroup: string(stakeholder.CivilSociety), Country: "GB",
					Language: "en", Consent: true})
			})
		}
		wg.Wait()
		for i, email := range emails {
			if want := strings.HasPrefix(email, "fail-"); (errsOf[i] != nil) != want || (want && !errors.Is(errsOf[i], errMailFailed)) {
				t.Errorf("%s: error %v, want failure %v", email, errsOf[i], want)
			}
		}
		if n := countRegistrations(t, db, c.ID); n != 61 {
			t.Errorf("%d registrations stored, want 61 (60 + one of the two alike, none that failed)", n)
		}
		var confirmations, already, orphans int
		err := db.Writer().QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM test_mail WHERE kind='confirmation'), (SELECT COUNT(*) FROM test_mail WHERE kind='already'),
			(SELECT COUNT(*) FROM test_mail m WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = m.registration_id))`).
			Scan(&confirmations, &already, &orphans)
		if err != nil {
			t.Fatal(err)
		}
		if confirmations != 61 || already != 1 || orphans != 0 {
			t.Errorf("messages: %d confirmations, %d already registered, %d without their registration; want 61, 1, 0",
				confirmations, already, orphans)
		}
	})
}
