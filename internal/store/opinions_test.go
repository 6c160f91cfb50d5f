package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// opinionFixture is a consultation with the map enabled.
type opinionFixture struct {
	db  *store.DB
	cid int64
	s   opinion.Settings
}

func newOpinionFixture(t *testing.T, db *store.DB, slug string) *opinionFixture {
	t.Helper()
	rv := newReview(t, db, "rv-"+slug)
	c := newConsultation(t, db, rv.ID, slug, nil)
	s := opinion.Settings{ConsultationID: c.ID, Enabled: true}
	if err := db.SaveOpinionSettings(context.Background(), s, now); err != nil {
		t.Fatal(err)
	}
	return &opinionFixture{db: db, cid: c.ID, s: s}
}

// registration registers email in the fixture's consultation.
func (f *opinionFixture) registration(t *testing.T, email string) *registration.Registration {
	t.Helper()
	ctx := context.Background()
	c, err := f.db.ConsultationByID(ctx, f.cid)
	if err != nil {
		t.Fatal(err)
	}
	r := newRegistration(c, email, now)
	if _, err := f.db.Register(ctx, c, r, now); err != nil {
		t.Fatal(err)
	}
	return r
}

// participant registers email and makes its participant.
func (f *opinionFixture) participant(t *testing.T, email string) *opinion.Participant {
	t.Helper()
	p, err := f.db.OpinionParticipantForRegistration(context.Background(), f.registration(t, email), now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *opinionFixture) seed(t *testing.T, body string, m opinion.Moderation) *opinion.Statement {
	t.Helper()
	st := &opinion.Statement{ConsultationID: f.cid, AuthorPID: -1, Body: body, Lang: "en", Moderation: m, IsSeed: true}
	if err := f.db.AddStatement(context.Background(), st, now); err != nil {
		t.Fatal(err)
	}
	return st
}

func (f *opinionFixture) vote(t *testing.T, tid, pid int, v opinion.Vote) {
	t.Helper()
	if err := f.db.CastVote(context.Background(), f.cid, tid, pid, v, now); err != nil {
		t.Fatalf("vote tid %d pid %d: %v", tid, pid, err)
	}
}

func TestOpinionSettings(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "op", nil)
		s, err := db.OpinionSettings(ctx, c.ID)
		if err != nil || s.Enabled || s.OpenToVerified || s.StrictModeration || s.ConsultationID != c.ID {
			t.Fatalf("default settings %+v, %v; want disabled", s, err)
		}
		want := opinion.Settings{ConsultationID: c.ID, Enabled: true, StrictModeration: true}
		if err := db.SaveOpinionSettings(ctx, want, now); err != nil {
			t.Fatal(err)
		}
		want.OpenToVerified, want.StrictModeration = true, false
		if err := db.SaveOpinionSettings(ctx, want, base); err != nil {
			t.Fatal(err)
		}
		got, err := db.OpinionSettings(ctx, c.ID)
		if err != nil || !got.Enabled || !got.OpenToVerified || got.StrictModeration {
			t.Fatalf("settings %+v, %v", got, err)
		}
		sameTime(t, "updated_at", got.UpdatedAt, base)
		err = db.SaveOpinionSettings(ctx, opinion.Settings{ConsultationID: c.ID + 999, Enabled: true}, now)
		wantErr(t, err, errs.NotFound, "consultation.not_found")
	})
}

func TestOpinionParticipants(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		other := newOpinionFixture(t, db, "other")
		a := f.participant(t, "a@example.org")
		b := f.participant(t, "b@example.org")
		if a.PID != 0 || b.PID != 1 || a.StakeholderGroup != "civil_society" || a.Country != "GB" || a.RegistrationID == "" {
			t.Fatalf("participants %+v %+v", a, b)
		}
		// The other consultation numbers from 0 too.
		if x := other.participant(t, "a@example.org"); x.PID != 0 {
			t.Fatalf("other consultation's first pid = %d", x.PID)
		}
		// Finding again returns the same participant.
		reg, err := db.RegistrationByID(ctx, a.RegistrationID)
		if err != nil {
			t.Fatal(err)
		}
		again, err := db.OpinionParticipantForRegistration(ctx, reg, now)
		if err != nil || again.ID != a.ID || again.PID != 0 {
			t.Fatalf("again %+v, %v", again, err)
		}
		// A verified address: a new participant, found again case-blind.
		e, err := db.OpinionParticipantForEmail(ctx, f.cid, "Visitor@Example.org", now)
		if err != nil || e.PID != 2 || e.Email != "visitor@example.org" || e.RegistrationID != "" {
			t.Fatalf("email participant %+v, %v", e, err)
		}
		e2, err := db.OpinionParticipantForEmail(ctx, f.cid, "visitor@example.org", now)
		if err != nil || e2.ID != e.ID {
			t.Fatalf("email participant again %+v, %v", e2, err)
		}
		// The address of a confirmed registration is that registrant.
		if _, err := regOf(db.ConfirmRegistration(ctx, a.RegistrationID, now)); err != nil {
			t.Fatal(err)
		}
		viaEmail, err := db.OpinionParticipantForEmail(ctx, f.cid, "a@example.org", now)
		if err != nil || viaEmail.ID != a.ID {
			t.Fatalf("confirmed registrant by email %+v, %v; want pid %d", viaEmail, err, a.PID)
		}
		loaded, err := db.OpinionParticipant(ctx, b.ID)
		if err != nil || loaded.PID != 1 || loaded.ConsultationID != f.cid {
			t.Fatalf("load %+v, %v", loaded, err)
		}
		sameTime(t, "created_at", loaded.CreatedAt, now)
		_, err = db.OpinionParticipant(ctx, 987654)
		wantErr(t, err, errs.NotFound, "")
	})
}

// Participants created at once still get 0…n-1, each once.
func TestOpinionParticipantsDenseUnderConcurrency(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		const n = 12
		var wg sync.WaitGroup
		pids := make([]int, n)
		errsSeen := make([]error, n)
		for i := range n {
			wg.Go(func() {
				p, err := db.OpinionParticipantForEmail(ctx, f.cid, fmt.Sprintf("p%d@example.org", i), now)
				if err == nil {
					pids[i] = p.PID
				}
				errsSeen[i] = err
			})
		}
		wg.Wait()
		seen := map[int]bool{}
		for i, pid := range pids {
			if errsSeen[i] != nil {
				t.Fatalf("participant %d: %v", i, errsSeen[i])
			}
			seen[pid] = true
		}
		for pid := range n {
			if !seen[pid] {
				t.Fatalf("pids %v are not 0…%d", pids, n-1)
			}
		}
	})
}

func TestStatementsAndModeration(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		a := f.participant(t, "a@example.org")
		s0 := f.seed(t, "  Connectivity   is a right. ", opinion.Accepted)
		if s0.TID != 0 || s0.Body != "Connectivity is a right." || s0.AuthorPID != -1 {
			t.Fatalf("seed %+v", s0)
		}
		// A participant's statement is stored as opinion.Service gives it
		// (TestServiceAddStatement checks what it gives).
		mine := &opinion.Statement{ConsultationID: f.cid, AuthorPID: a.PID, Body: "Local languages online matter.",
			Lang: "en", Moderation: opinion.Unmoderated}
		if err := db.AddStatement(ctx, mine, now); err != nil {
			t.Fatal(err)
		}
		if mine.TID != 1 {
			t.Fatalf("participant statement %+v: want tid 1", mine)
		}
		// The author's own agree vote is recorded, as in Pol.is.
		if v, ok, err := db.Vote(ctx, f.cid, mine.TID, a.PID); err != nil || !ok || v != opinion.Agree {
			t.Fatalf("author's vote %v %v %v", v, ok, err)
		}
		// Validation: empty, too long, duplicate (after normalising).
		for body, code := range map[string]string{
			"   ":                               "error.required",
			strings.Repeat("x", 281):            "opinions.error.statement_too_long",
			"connectivity is a right.":          "",
			"Connectivity is  a right.":         "opinions.error.duplicate",
			"Local languages online matter.   ": "opinions.error.duplicate",
		} {
			err := db.AddStatement(ctx, &opinion.Statement{ConsultationID: f.cid, AuthorPID: a.PID, Body: body}, now)
			if code == "" {
				if err != nil {
					t.Errorf("%q: %v", body, err)
				}
				continue
			}
			if got := errs.FieldsOf(err)["body"]; got != code {
				t.Errorf("%q: field error %q, want %q (%v)", body, got, code, err)
			}
		}
		// An unknown author is refused.
		err := db.AddStatement(ctx, &opinion.Statement{ConsultationID: f.cid, AuthorPID: 77, Body: "Ghost writer."}, now)
		wantErr(t, err, errs.NotFound, "opinions.error.not_participant")

		if err := db.ModerateStatement(ctx, f.cid, mine.TID, opinion.Rejected); err != nil {
			t.Fatal(err)
		}
		wantErr(t, db.ModerateStatement(ctx, f.cid, 99, opinion.Accepted), errs.NotFound, "opinions.error.no_statement")
		rejected, err := db.Statements(ctx, store.StatementFilter{ConsultationID: f.cid, States: []opinion.Moderation{opinion.Rejected}})
		if err != nil || len(rejected) != 1 || rejected[0].TID != mine.TID || rejected[0].Agrees != 1 {
			t.Fatalf("rejected list %+v, %v", rejected, err)
		}
		all, err := db.Statements(ctx, store.StatementFilter{ConsultationID: f.cid})
		if err != nil || len(all) != 3 || all[0].TID != 0 || all[2].TID != 2 {
			t.Fatalf("all statements %+v, %v", all, err)
		}
		counts, err := db.ModerationCounts(ctx, f.cid)
		if err != nil || counts[opinion.Accepted] != 1 || counts[opinion.Rejected] != 1 || counts[opinion.Unmoderated] != 1 {
			t.Fatalf("counts %v, %v", counts, err)
		}
		got, err := db.StatementByTID(ctx, f.cid, 0)
		if err != nil || got.Body != "Connectivity is a right." || !got.IsSeed {
			t.Fatalf("statement 0 %+v, %v", got, err)
		}
		_, err = db.StatementByTID(ctx, f.cid, 42)
		wantErr(t, err, errs.NotFound, "")

	})
}

func TestVotes(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		a := f.participant(t, "a@example.org")
		st := f.seed(t, "Open data helps.", opinion.Unmoderated)

		f.vote(t, st.TID, a.PID, opinion.Agree)
		f.vote(t, st.TID, a.PID, opinion.Disagree) // replaces the agree
		if v, ok, err := db.Vote(ctx, f.cid, st.TID, a.PID); err != nil || !ok || v != opinion.Disagree {
			t.Fatalf("vote after change %v %v %v", v, ok, err)
		}
		c, err := db.StatementByTID(ctx, f.cid, st.TID)
		if err != nil || c.Agrees != 0 || c.Disagrees != 1 || c.Passes != 0 {
			t.Fatalf("tally %+v, %v: the later vote must replace the earlier", c, err)
		}

		wantErr(t, db.CastVote(ctx, f.cid, 99, a.PID, opinion.Agree, now), errs.NotFound, "opinions.error.no_statement")
		wantErr(t, db.CastVote(ctx, f.cid, st.TID, 55, opinion.Agree, now), errs.NotFound, "opinions.error.not_participant")
		wantErr(t, db.CastVote(ctx, f.cid, st.TID, a.PID, opinion.Vote(2), now), errs.Invalid, "")

		// Strict moderation: the unmoderated statement is no longer put to the vote.
		f.s.StrictModeration = true
		if err := db.SaveOpinionSettings(ctx, f.s, now); err != nil {
			t.Fatal(err)
		}
		wantErr(t, db.CastVote(ctx, f.cid, st.TID, a.PID, opinion.Pass, now), errs.Closed, "opinions.error.not_votable")
		// Rejected statements never are.
		f.s.StrictModeration = false
		if err := db.SaveOpinionSettings(ctx, f.s, now); err != nil {
			t.Fatal(err)
		}
		if err := db.ModerateStatement(ctx, f.cid, st.TID, opinion.Rejected); err != nil {
			t.Fatal(err)
		}
		wantErr(t, db.CastVote(ctx, f.cid, st.TID, a.PID, opinion.Pass, now), errs.Closed, "opinions.error.not_votable")
		// Nor on a disabled map.
		if err := db.ModerateStatement(ctx, f.cid, st.TID, opinion.Accepted); err != nil {
			t.Fatal(err)
		}
		f.s.Enabled = false
		if err := db.SaveOpinionSettings(ctx, f.s, now); err != nil {
			t.Fatal(err)
		}
		wantErr(t, db.CastVote(ctx, f.cid, st.TID, a.PID, opinion.Pass, now), errs.Closed, "opinions.error.disabled")
	})
}

func TestNextStatementAndProgress(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		var ps []*opinion.Participant
		for i := range 4 {
			ps = append(ps, f.participant(t, fmt.Sprintf("p%d@example.org", i)))
		}
		s0 := f.seed(t, "Statement zero.", opinion.Accepted)
		s1 := f.seed(t, "Statement one.", opinion.Accepted)
		s2 := f.seed(t, "Statement two.", opinion.Unmoderated)
		f.seed(t, "Statement rejected.", opinion.Rejected)
		// s0 has two votes, s1 one, s2 none.
		f.vote(t, s0.TID, ps[1].PID, opinion.Agree)
		f.vote(t, s0.TID, ps[2].PID, opinion.Agree)
		f.vote(t, s1.TID, ps[1].PID, opinion.Pass)

		me := ps[0]
		next := func() int {
			t.Helper()
			st, err := db.NextStatement(ctx, f.s, me.PID)
			if err != nil {
				t.Fatal(err)
			}
			if st == nil {
				return -1
			}
			return st.TID
		}
		progress := func() opinion.Progress {
			t.Helper()
			p, err := db.OpinionProgress(ctx, f.s, me.PID)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		if got := next(); got != s2.TID {
			t.Fatalf("first statement %d, want %d (fewest votes)", got, s2.TID)
		}
		if p := progress(); p != (opinion.Progress{Voted: 0, Total: 3}) {
			t.Fatalf("progress %+v, want 0 of 3", p)
		}
		f.vote(t, s2.TID, me.PID, opinion.Agree)
		// s1 (1 vote) and s2 (1 vote) tie, but s2 is voted; s1 next.
		if got := next(); got != s1.TID {
			t.Fatalf("second statement %d, want %d", got, s1.TID)
		}
		f.vote(t, s1.TID, me.PID, opinion.Disagree)
		if got := next(); got != s0.TID {
			t.Fatalf("third statement %d, want %d", got, s0.TID)
		}
		f.vote(t, s0.TID, me.PID, opinion.Pass)
		if got, p := next(), progress(); got != -1 || p != (opinion.Progress{Voted: 3, Total: 3}) || !p.Done() {
			t.Fatalf("after everything: next %d, progress %+v", got, p)
		}
		// Changing a vote does not count twice.
		f.vote(t, s0.TID, me.PID, opinion.Agree)
		if p := progress(); p.Voted != 3 {
			t.Fatalf("progress after changing a vote %+v", p)
		}

		// Own statements are never put to their author.
		author := ps[3]
		own := &opinion.Statement{ConsultationID: f.cid, AuthorPID: author.PID, Body: "My own view."}
		if err := db.AddStatement(ctx, own, now); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			st, err := db.NextStatement(ctx, f.s, author.PID)
			if err != nil {
				t.Fatal(err)
			}
			if st == nil {
				break
			}
			if st.TID == own.TID {
				t.Fatal("a participant was shown their own statement")
			}
			f.vote(t, st.TID, author.PID, opinion.Pass)
		}
		if p, _ := db.OpinionProgress(ctx, f.s, author.PID); p.Total != 3 || p.Voted != 3 {
			t.Fatalf("author's progress %+v, want 3 of 3 (own statement left out)", p)
		}
		// With strict moderation only accepted statements count.
		strict := f.s
		strict.StrictModeration = true
		if p, _ := db.OpinionProgress(ctx, strict, me.PID); p.Total != 2 {
			t.Fatalf("strict progress %+v, want total 2", p)
		}
		// The newcomer sees the new statement first: it has the fewest votes.
		if st, _ := db.NextStatement(ctx, f.s, me.PID); st == nil || st.TID != own.TID {
			t.Fatalf("next for me after the new statement: %+v", st)
		}
	})
}
