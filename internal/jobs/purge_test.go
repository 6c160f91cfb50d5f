package jobs_test

import (
	"context"
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

// A started queue runs the periodic purge (at start, then every 15
// minutes): a registration older than the TTL is deleted, on both engines.
func TestQueueRunsThePurge(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.Open(t, engine)
			old := pendingRegistration(t, db, time.Now().Add(-2*time.Hour))
			q, err := jobs.New(db, jobs.Options{Work: true, Mailer: &jobs.Mailer{}, UnconfirmedTTL: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = q.Stop(context.Background()) })
			deadline := time.Now().Add(20 * time.Second)
			for {
				_, err := db.RegistrationByID(ctx, old.ID)
				if errs.KindOf(err) == errs.NotFound {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("registration not purged: %v", err)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

func pendingRegistration(t *testing.T, db *store.DB, at time.Time) *registration.Registration {
	t.Helper()
	ctx := context.Background()
	rv := &consultation.Review{Slug: "wsis", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "WSIS"}}}
	if err := db.SaveReview(ctx, rv); err != nil {
		t.Fatal(err)
	}
	c := &consultation.Consultation{ReviewID: rv.ID, Slug: "open", OriginalLang: "en",
		Texts: map[string]consultation.Text{"en": {Title: "Open"}}, Region: "001", Format: consultation.Virtual,
		TimeZone: "UTC", StartsAt: at.Add(48 * time.Hour), EndsAt: at.Add(50 * time.Hour), Status: consultation.Published}
	if err := db.SaveConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	r := registration.New("old-registration", c.ID, registration.Input{GivenName: "Ada", FamilyName: "Lovelace",
		Email: "ada@example.org", Organization: "Engines", StakeholderGroup: string(stakeholder.CivilSociety),
		Country: "GB", Language: "en", Consent: true}, at)
	if _, err := db.Register(ctx, c, r, at); err != nil {
		t.Fatal(err)
	}
	return r
}
