// Package opinionseed gives the demo LAC consultation's opinion map a
// polarised set of votes, for the tests of the map pages and the browser.
package opinionseed

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// The demo LAC seeds, by tid: 0 connectivity first, 1 action lines still
// useful, 2 IGF mandate, 3 GDC through WSIS, 4 open data, 5 AI action
// line, 6 indigenous peoples (es), 7 cybersecurity (es).
const (
	// RejectedText is a statement Polarised adds and rejects.
	RejectedText = "This rejected statement must never be shown."
	StrictText   = "This unmoderated statement is hidden under strict moderation."
)

// Polarised gives the LAC consultation 24 government participants
// from the Americas and 24 civil-society participants from Africa who
// disagree on statements 0–3, and all agree with statement 6. It adds a
// rejected and an unmoderated statement with votes.
func Polarised(t testing.TB, a *apptest.App) {
	t.Helper()
	ctx := context.Background()
	db := a.DB()
	c, err := db.ConsultationHeadBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	rejected := &opinion.Statement{ConsultationID: c.ID, AuthorPID: opinion.BySecretariat, Body: RejectedText, Lang: "en", Moderation: opinion.Accepted, IsSeed: true}
	hidden := &opinion.Statement{ConsultationID: c.ID, AuthorPID: opinion.BySecretariat, Body: StrictText, Lang: "en", Moderation: opinion.Accepted, IsSeed: true}
	for _, st := range []*opinion.Statement{rejected, hidden} {
		if err := db.AddStatement(ctx, st, now); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 48 {
		gov := i%2 == 0
		in := registration.Input{GivenName: "P", FamilyName: fmt.Sprint(i), Email: fmt.Sprintf("p%d@example.org", i),
			Organization: "Org", StakeholderGroup: "civil_society", Country: "KE", Language: "en", Consent: true}
		if gov {
			in.StakeholderGroup, in.Country = "government", "CL"
		}
		r := registration.New(fmt.Sprintf("reg-%d", i), c.ID, in, now)
		if _, err := db.Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmRegistration(ctx, r.ID, now); err != nil {
			t.Fatal(err)
		}
		p, err := db.OpinionParticipantForRegistration(ctx, r, now)
		if err != nil {
			t.Fatal(err)
		}
		side := opinion.Agree
		if !gov {
			side = opinion.Disagree
		}
		votes := map[int]opinion.Vote{0: side, 1: side, 2: -side, 3: -side, 6: opinion.Agree,
			rejected.TID: opinion.Agree, hidden.TID: opinion.Agree}
		if i%3 == 0 {
			votes[4] = opinion.Pass
		}
		// Some variety within each side, so each group is spread out.
		votes[5] = []opinion.Vote{opinion.Agree, opinion.Disagree, opinion.Pass}[i%3]
		if i%4 < 2 {
			votes[7] = side
		}
		for tid, v := range votes {
			if err := db.CastVote(ctx, c.ID, tid, p.PID, v, now); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.ModerateStatement(ctx, c.ID, rejected.TID, opinion.Rejected); err != nil {
		t.Fatal(err)
	}
	if err := db.ModerateStatement(ctx, c.ID, hidden.TID, opinion.Unmoderated); err != nil {
		t.Fatal(err)
	}
	s, err := db.OpinionSettings(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.StrictModeration = true
	if err := db.SaveOpinionSettings(ctx, s, now); err != nil {
		t.Fatal(err)
	}
	// Pages never compute a map (a job does, a few seconds after a
	// change): do the job's work now, so the pages show these votes.
	if _, err := a.App.Maps.Recompute(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
}
