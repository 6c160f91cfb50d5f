package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/regseed"
	"github.com/consulta/consulta/internal/testutil/smtpsink"
)

// Two instances on one PostgreSQL database: a release through one and a
// second release through the other send each registrant's join link once.
func TestReleaseOnTwoInstancesSendsEachOnce(t *testing.T) {
	if !slices.Contains(dbtest.Engines(), "postgres") {
		t.Skip("PostgreSQL is off")
	}
	const n = 300
	sink := smtpsink.Start(t)
	url := dbtest.NewPostgres(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: sink.URL(), DB: url})
	b := apptest.Start(t, apptest.Options{Demo: true, SMTP: sink.URL(), DB: url})
	ctx := context.Background()
	db := a.DB()
	c, err := db.ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	if err := regseed.Approved(ctx, db, c.ID, n, "two%03d@example.org"); err != nil {
		t.Fatal(err)
	}
	sec := a.AddStaff(t, "sec@example.org", adminPassword, "secretariat")
	token := a.APIToken(t, sec)
	path := "/api/v1/consultations/" + demo.LACSlug + "/link/release"
	apiJSON(t, a, "POST", path, token, "", http.StatusAccepted)
	apiJSON(t, b, "POST", path, token, "", http.StatusAccepted)
	deadline := time.Now().Add(time.Minute)
	for len(sink.Recipients("Your link to join")) < n && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // give a duplicate the chance to arrive
	got := sink.Recipients("Your link to join")
	for i := range n {
		if k := got[fmt.Sprintf("two%03d@example.org", i)]; k != 1 {
			t.Errorf("two%03d got %d join emails, want 1", i, k)
		}
	}
}
