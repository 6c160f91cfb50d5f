package jobs_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// A batch kept in the built-in outbox records its emails together: each
// pending registrant gets one, in their language, under their own key; a
// registration already confirmed gets none; one that is not there is
// handed back as failed without holding back the others; and the batch
// run again (after a crash) records nothing twice.
func TestOutboxBatchRecordsEachOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		db := dbtest.Open(t, engine)
		if _, err := demo.Load(ctx, db, time.Now()); err != nil {
			t.Fatal(err)
		}
		c, err := db.ConsultationBySlug(ctx, demo.LACSlug)
		if err != nil {
			t.Fatal(err)
		}
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
			if failed := m.SendConfirmations(ctx, ids, time.Now()); !slices.Equal(failed, []string{missing}) {
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
