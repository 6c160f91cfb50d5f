package jobs_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/smtpsink"
)

// A batch kept in the built-in outbox records its emails together: each
// pending registrant gets one, in their language, under their own key; a
// registration already confirmed gets none; one that is not there is
// handed back as failed without holding back the others; and the batch
// run again (after a crash) records nothing twice.
func TestOutboxBatchRecordsEachOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		db, c := demoConsultation(t, engine)
		var regs []*registration.Registration
		for _, p := range []struct{ email, lang string }{{"ana@example.org", "es"}, {"joao@example.org", "pt"}, {"done@example.org", "en"}} {
			regs = append(regs, registration.New(links.NewOrderedID(), c.ID, registration.Input{GivenName: "P", FamilyName: "Q",
				Email: p.email, Organization: "Org", StakeholderGroup: "civil_society", Country: "BR", Language: p.lang, Consent: true}, time.Now()))
		}
		if err := db.InsertRegistrations(ctx, regs); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Writer().ExecContext(ctx, `UPDATE registrations SET status = 'confirmed' WHERE id = $1`, regs[2].ID); err != nil {
			t.Fatal(err)
		}
		m := newMailer(t, db, nil)
		missing := links.NewOrderedID()
		ids := []string{regs[0].ID, missing, regs[1].ID, regs[2].ID}
		for round := range 2 {
			if failed := m.SendConfirmations(ctx, ids, time.Now()); !slices.Equal(failed, []messages.Confirmation{{RegistrationID: missing}}) {
				t.Errorf("round %d: failed %v, want only the missing registration %s", round, failed, missing)
			}
		}
		list, err := db.Emails(ctx, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range list {
			got[e.Message.To] = e.Message.Lang
			if !strings.Contains(e.Key, "confirm:") || e.Transport != "outbox" {
				t.Errorf("email %q kept as %s", e.Key, e.Transport)
			}
		}
		if len(list) != 2 || got["ana@example.org"] != "es" || got["joao@example.org"] != "pt" {
			t.Errorf("the outbox holds %d emails %v, want one to each pending registrant in their language", len(list), got)
		}
	})
}

// A batch sent over SMTP hands an email its recipient's server refused for
// good to a job of its own carrying the reply: that job fails with it at
// once, without asking the server again; the others are sent once.
func TestBatchRefusedForGoodIsNotSentAgain(t *testing.T) {
	ctx := context.Background()
	db, c := demoConsultation(t, "sqlite")
	var ids []string
	var regs []*registration.Registration
	for _, email := range []string{"ana@example.org", "gone@example.org", "joao@example.org"} {
		r := registration.New(links.NewOrderedID(), c.ID, registration.Input{GivenName: "P", FamilyName: "Q",
			Email: email, Organization: "Org", StakeholderGroup: "civil_society", Country: "BR", Language: "es", Consent: true}, time.Now())
		regs, ids = append(regs, r), append(ids, r.ID)
	}
	if err := db.InsertRegistrations(ctx, regs); err != nil {
		t.Fatal(err)
	}
	sink := smtpsink.Start(t)
	sink.Refuse("gone@example.org", "550 5.1.1 mailbox unavailable")
	smtp, err := mail.NewSMTP(sink.URL(), "consulta@example.org")
	if err != nil {
		t.Fatal(err)
	}
	m := newMailer(t, db, smtp)
	failed := m.SendConfirmations(ctx, ids, time.Now())
	if len(failed) != 1 || failed[0].RegistrationID != ids[1] || !strings.Contains(failed[0].Refused, "550") {
		t.Fatalf("handed over %+v, want the refused one with the server's reply", failed)
	}
	err = m.Send(ctx, failed[0], time.Now())
	var cancel *river.JobCancelError
	if !errors.As(err, &cancel) || !strings.Contains(err.Error(), "mailbox unavailable") {
		t.Errorf("the handed-over job: %v, want it failed for good with the reply", err)
	}
	if n := sink.Refused("gone@example.org"); n != 1 {
		t.Errorf("the refused address was tried %d times, want 1", n)
	}
	for _, to := range []string{"ana@example.org", "joao@example.org"} {
		if n := sink.Count(to, ""); n != 1 {
			t.Errorf("%s got %d emails, want 1", to, n)
		}
	}
}

// demoConsultation opens a database on engine with the demo data and
// returns it with the demo's regional consultation.
func demoConsultation(t testing.TB, engine string) (*store.DB, *consultation.Consultation) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t, engine)
	if _, err := demo.Load(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	c, err := db.ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	return db, c
}
