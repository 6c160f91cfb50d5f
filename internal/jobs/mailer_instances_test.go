package jobs_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

// Two `consulta serve` on one PostgreSQL database share a backlog of
// emails, both work it, and every address gets its email exactly once.
func TestTwoInstancesSendEachEmailOnce(t *testing.T) {
	if !slices.Contains(dbtest.Engines(), "postgres") {
		t.Skip("PostgreSQL is off")
	}
	const n = 300
	mp := mailpit.Start(t)
	db := dbtest.NewPostgres(t)
	a := apptest.Start(t, apptest.Options{DB: db, SMTP: mp.SMTPURL, Demo: true})
	apptest.Start(t, apptest.Options{DB: db, SMTP: mp.SMTPURL, Demo: true})
	ctx := context.Background()
	c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	var regs []*registration.Registration
	var msgs []messages.Message
	for i := range n {
		r := registration.New(links.NewID(), c.ID, registration.Input{GivenName: "Ana", FamilyName: "Souza",
			Email: fmt.Sprintf("twice-%d@example.org", i), Organization: "Org", StakeholderGroup: string(stakeholder.CivilSociety),
			Country: "BR", Language: "pt", Consent: true}, time.Now())
		regs, msgs = append(regs, r), append(msgs, messages.Approved{RegistrationID: r.ID})
	}
	if err := a.DB().InsertRegistrations(ctx, regs); err != nil {
		t.Fatal(err)
	}
	if err := a.DB().WithTx(ctx, func(ctx context.Context) error { return a.App.Queue.EnqueueMany(ctx, msgs) }); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "every job finished", func() bool {
		var left int
		if err := a.DB().Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job
			WHERE kind = 'registration_approved' AND state <> 'completed'`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		return left == 0
	})
	perAddress := map[string]int{}
	for _, m := range mp.Messages(t) {
		for _, to := range m.To {
			perAddress[to]++
		}
	}
	for i := range n {
		if to := fmt.Sprintf("twice-%d@example.org", i); perAddress[to] != 1 {
			t.Errorf("%s got %d emails, want 1", to, perAddress[to])
		}
	}
	var workers int
	if err := a.DB().Writer().QueryRowContext(ctx, `SELECT COUNT(DISTINCT attempted_by[1]) FROM river_job
		WHERE kind = 'registration_approved'`).Scan(&workers); err != nil {
		t.Fatal(err)
	}
	if workers != 2 {
		t.Errorf("%d instances worked the backlog, want both", workers)
	}
}
