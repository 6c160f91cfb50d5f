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

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// txMail records each message in the caller's transaction, as the job
// queue does. A batch holding a message for an address starting with
// "fail-" fails after writing, so that batch's registrations and messages
// must all be undone, and their requests told.
type txMail struct{}

var errMailFailed = errors.New("enqueue failed")

func (m txMail) Enqueue(ctx context.Context, msg messages.Message) error {
	return m.EnqueueMany(ctx, []messages.Message{msg})
}

func (txMail) EnqueueMany(ctx context.Context, list []messages.Message) error {
	tx, ok := store.TxFrom(ctx)
	if !ok {
		return errors.New("no transaction")
	}
	failed := false
	for _, m := range list {
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
		failed = failed || strings.HasPrefix(email, "fail-")
	}
	if failed {
		return errMailFailed
	}
	return nil
}

// Registrations sent at once share transactions on SQLite's one writer
// (on PostgreSQL each has its own): each still gets its own outcome; one
// refused by the database (here a duplicate id) is undone alone; a failed
// batch of emails undoes its whole transaction and every request in it is
// told; and no registration is stored without its email, or the reverse.
func TestRegisterConcurrentGrouped(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Writer().ExecContext(ctx, `CREATE TABLE test_mail (registration_id TEXT NOT NULL, kind TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		emails := []string{"twice@example.org", "twice@example.org", "fail-1@example.org", "fail-2@example.org"}
		for i := range 120 {
			emails = append(emails, fmt.Sprintf("ok-%d@example.org", i))
		}
		// The first two registrations to ask get the same id: the second
		// to be written is refused by the database, inside its savepoint.
		var seq atomic.Int64
		svc := &registration.Service{Store: db, Mail: txMail{}, Now: func() time.Time { return now },
			NewID: func() string {
				if n := seq.Add(1); n > 2 {
					return fmt.Sprintf("grouped-%04d", n)
				}
				return "grouped-same"
			},
			Rules: registration.Rules{ValidCountry: func(string) bool { return true }, ValidLanguage: func(string) bool { return true }}}
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
		stored := map[string]int{}
		rows, err := db.Writer().QueryContext(ctx, `SELECT email, COUNT(*) FROM registrations WHERE consultation_id=$1 GROUP BY email`, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var email string
			var n int
			if err := rows.Scan(&email, &n); err != nil {
				t.Fatal(err)
			}
			stored[email] = n
		}
		rows.Close()
		refused := 0 // by the database, not by a failed batch of emails
		for i, email := range emails {
			err := errsOf[i]
			switch {
			case strings.HasPrefix(email, "fail-") && !errors.Is(err, errMailFailed):
				t.Errorf("%s: error %v, want the enqueue's failure", email, err)
			case err == nil && stored[email] != 1:
				t.Errorf("%s: answered success but %d stored", email, stored[email])
			case err != nil && email != "twice@example.org" && stored[email] != 0:
				t.Errorf("%s: answered %v but stored", email, err)
			case err != nil && !errors.Is(err, errMailFailed):
				refused++
			}
		}
		if refused > 1 {
			t.Errorf("%d registrations refused by the database, want at most the one under a taken id", refused)
		}
		if stored["twice@example.org"] > 1 {
			t.Errorf("twice@example.org stored %d times", stored["twice@example.org"])
		}
		var sameID int
		if err := db.Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM registrations WHERE id='grouped-same'`).Scan(&sameID); err != nil || sameID > 1 {
			t.Errorf("%d registrations under one id (%v)", sameID, err)
		}
		var orphanMail, unmailed int
		err = db.Writer().QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM test_mail m WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = m.registration_id)),
			(SELECT COUNT(*) FROM registrations r WHERE r.consultation_id = $1
				AND NOT EXISTS (SELECT 1 FROM test_mail m WHERE m.registration_id = r.id AND m.kind = 'confirmation'))`, c.ID).
			Scan(&orphanMail, &unmailed)
		if err != nil {
			t.Fatal(err)
		}
		if orphanMail != 0 || unmailed != 0 {
			t.Errorf("%d messages without their registration, %d registrations without their confirmation; want 0, 0", orphanMail, unmailed)
		}
	})
}

// A group's transaction reads each consultation's rules once (ShareRules):
// two consultations in one group keep their own rules, looked up by id or
// by slug, and the next transaction reads them again, so a registration
// window closed between two groups refuses the second.
func TestShareRulesPerConsultationAndTransaction(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		open := newConsultation(t, db, rv.ID, "open", nil)
		closed := newConsultation(t, db, rv.ID, "closed", func(c *consultation.Consultation) {
			c.RegistrationEnds = ptr(now.Add(-time.Minute))
		})
		register := func(ctx context.Context, c *consultation.Consultation, email string) error {
			_, err := db.Register(ctx, c, newRegistration(c, email, now), now)
			return err
		}
		err := db.WithTx(ctx, func(ctx context.Context) error {
			ctx = db.ShareRules(ctx)
			for i, c := range []*consultation.Consultation{open, {Slug: "open"}, closed, {Slug: "closed"}, open} {
				err := register(ctx, c, fmt.Sprintf("p%d@example.org", i))
				if want := c.Slug == "closed"; errs.Is(err, errs.Closed) != want || (!want && err != nil) {
					t.Errorf("registration %d to %q: %v", i, c.Slug, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := countRegistrations(t, db, open.ID); n != 3 {
			t.Errorf("%d registrations for the open consultation, want 3", n)
		}
		open.RegistrationEnds = ptr(now.Add(-time.Minute))
		if err := db.SaveConsultation(ctx, open); err != nil {
			t.Fatal(err)
		}
		err = db.WithTx(ctx, func(ctx context.Context) error {
			return register(db.ShareRules(ctx), &consultation.Consultation{Slug: "open"}, "late@example.org")
		})
		if !errs.Is(err, errs.Closed) {
			t.Errorf("after its window closed: %v, want closed", err)
		}
	})
}
