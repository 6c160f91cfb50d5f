package opinion_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// serviceFixture is the demo's Santiago consultation with its opinion map
// enabled, on a real database, and a service whose clock the test moves.
type serviceFixture struct {
	db  *store.DB
	c   *consultation.Consultation
	svc *opinion.Service
	now time.Time
}

func newServiceFixture(t *testing.T, engine string) *serviceFixture {
	t.Helper()
	ctx := context.Background()
	f := &serviceFixture{db: dbtest.Open(t, engine), now: time.Date(2024, 11, 20, 12, 0, 0, 0, time.UTC)}
	if _, err := demo.Load(ctx, f.db, f.now); err != nil {
		t.Fatal(err)
	}
	c, err := f.db.ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	f.c = c
	f.setEnabled(t, true)
	f.svc = &opinion.Service{Store: f.db, URLs: links.NewURLs("http://consulta.test", links.NewSigner(make([]byte, 32))),
		Now: func() time.Time { return f.now }}
	return f
}

// eachServiceFixture runs test on a fresh fixture on each engine.
func eachServiceFixture(t *testing.T, test func(t *testing.T, f *serviceFixture)) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { test(t, newServiceFixture(t, engine)) })
	}
}

func (f *serviceFixture) setEnabled(t *testing.T, on bool) {
	t.Helper()
	if err := f.db.SaveOpinionSettings(context.Background(), opinion.Settings{ConsultationID: f.c.ID, Enabled: on}, f.now); err != nil {
		t.Fatal(err)
	}
}

// participant registers and confirms email and makes its participant.
func (f *serviceFixture) participant(t *testing.T, email string) *opinion.Participant {
	t.Helper()
	ctx := context.Background()
	r := registration.New(links.NewID(), f.c.ID, registration.Input{GivenName: "Ana", FamilyName: "Souza", Email: email,
		Organization: "Instituto", StakeholderGroup: string(stakeholder.CivilSociety), Country: "BR", Language: "pt",
		Consent: true}, f.now)
	if _, err := f.db.Register(ctx, f.c, r, f.now); err != nil {
		t.Fatal(err)
	}
	p, err := f.db.OpinionParticipantForRegistration(ctx, r, f.now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func wantCode(t *testing.T, err error, kind errs.Kind, code string) {
	t.Helper()
	if errs.KindOf(err) != kind || errs.CodeOf(err) != code {
		t.Fatalf("err = %v, want kind %d code %q", err, kind, code)
	}
}

// A participant's statement starts unmoderated and counts as their agree
// vote; the secretariat's is an accepted seed; a disabled map takes no
// participant statements, though the secretariat may still prepare seeds.
func TestServiceAddStatement(t *testing.T) {
	eachServiceFixture(t, func(t *testing.T, f *serviceFixture) {
		ctx := context.Background()
		a := f.participant(t, "ana@example.org")
		mine, err := f.svc.AddStatement(ctx, f.c, a, "  Local languages   online matter. ", "pt")
		if err != nil {
			t.Fatal(err)
		}
		if mine.Moderation != opinion.Unmoderated || mine.IsSeed || mine.AuthorPID != a.PID || mine.Body != "Local languages online matter." {
			t.Fatalf("participant statement %+v: want unmoderated, not seed, by %d, normalised", mine, a.PID)
		}
		if v, ok, err := f.db.Vote(ctx, f.c.ID, mine.TID, a.PID); err != nil || !ok || v != opinion.Agree {
			t.Fatalf("author's vote %v %v %v", v, ok, err)
		}
		seed, err := f.svc.AddStatement(ctx, f.c, nil, "Connectivity is a right.", "en")
		if err != nil || seed.Moderation != opinion.Accepted || !seed.IsSeed || seed.AuthorPID != opinion.BySecretariat {
			t.Fatalf("seed %+v, %v", seed, err)
		}
		_, err = f.svc.AddStatement(ctx, f.c, a, strings.Repeat("x", opinion.MaxStatementRunes+1), "en")
		if got := errs.FieldsOf(err)["body"]; got != "opinions.error.statement_too_long" {
			t.Errorf("too long: %v", err)
		}

		f.setEnabled(t, false)
		_, err = f.svc.AddStatement(ctx, f.c, a, "Too late.", "en")
		wantCode(t, err, errs.Closed, "opinions.error.disabled")
		if _, err := f.svc.AddStatement(ctx, f.c, nil, "A seed prepared early.", "en"); err != nil {
			t.Errorf("seed on a disabled map: %v", err)
		}
	})
}

// A participant may write MaxStatementsPerHour statements an hour; the
// secretariat's seeds are not limited.
func TestServiceStatementsPerHourLimit(t *testing.T) {
	eachServiceFixture(t, func(t *testing.T, f *serviceFixture) {
		ctx := context.Background()
		p := f.participant(t, "prolific@example.org")
		start := f.now
		write := func(i int, at time.Time) error {
			f.now = at
			_, err := f.svc.AddStatement(ctx, f.c, p, fmt.Sprintf("Statement number %d.", i), "en")
			return err
		}
		for i := range opinion.MaxStatementsPerHour {
			if err := write(i, start.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatalf("statement %d: %v", i, err)
			}
		}
		wantCode(t, write(99, start.Add(30*time.Minute)), errs.Closed, "vote.error.too_many_statements")
		for i := range 3 {
			if _, err := f.svc.AddStatement(ctx, f.c, nil, fmt.Sprintf("Seed %d.", i), "en"); err != nil {
				t.Fatalf("seed %d: %v", i, err)
			}
		}
		// An hour after the first, there is room again.
		if err := write(100, start.Add(61*time.Minute)); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}

// A participant's own links work until 90 days after the consultation
// ends; past that the join and sign-in links say they expired (not that
// they are forged) and the participant token lets nobody in.
func TestServiceLinksExpire(t *testing.T) {
	eachServiceFixture(t, func(t *testing.T, f *serviceFixture) {
		ctx := context.Background()
		p := f.participant(t, "ana@example.org")
		if _, err := f.db.ConfirmRegistration(ctx, p.RegistrationID, f.now); err != nil {
			t.Fatal(err)
		}
		set := opinion.Settings{ConsultationID: f.c.ID, Enabled: true, OpenToVerified: true}
		signer := f.svc.URLs.Signer()
		token := f.svc.Token(f.c, p)
		if got, err := f.svc.Participant(ctx, f.c, set, token); err != nil || got == nil || got.ID != p.ID {
			t.Fatalf("fresh participant token: %+v, %v", got, err)
		}
		signIn := strings.TrimPrefix(f.svc.URLs.OpinionSignInPath(f.c.Slug, f.c.ID, "new@example.org", f.c.EndsAt),
			links.OpinionsPath(f.c.Slug)+"/signin/")
		if _, err := f.svc.SignIn(ctx, f.c, set, signIn); err != nil {
			t.Fatalf("fresh sign-in link: %v", err)
		}

		f.now = f.c.EndsAt.Add(links.AfterEnd + time.Minute)
		if got, err := f.svc.Participant(ctx, f.c, set, token); err != nil || got != nil {
			t.Errorf("participant token past its life let %+v in (%v)", got, err)
		}
		_, err := f.svc.SignIn(ctx, f.c, set, signIn)
		wantCode(t, err, errs.NotFound, "link.expired")
		old := signer.SignUntil(links.OpinionJoin, "some-registration", f.now.Add(-time.Hour))
		_, err = f.svc.Join(ctx, f.c, set, old)
		wantCode(t, err, errs.NotFound, "link.expired")
		forged := old[:len(old)-2] + "xx"
		_, err = f.svc.Join(ctx, f.c, set, forged)
		wantCode(t, err, errs.NotFound, "link.invalid")
	})
}

// txChanges records each map change and whether it came inside the
// transaction of the change that caused it.
type txChanges struct{ inTx []bool }

func (c *txChanges) Changed(ctx context.Context, consultationID int64) error {
	_, ok := store.TxFrom(ctx)
	c.inTx = append(c.inTx, ok)
	return nil
}

// A vote, a statement and a moderation each schedule the map's
// recomputation in their own transaction.
func TestServiceChangesScheduleInTheirTransaction(t *testing.T) {
	eachServiceFixture(t, func(t *testing.T, f *serviceFixture) {
		ctx := context.Background()
		changes := &txChanges{}
		f.svc.Maps = changes
		a := f.participant(t, "ana@example.org")
		st, err := f.svc.AddStatement(ctx, f.c, nil, "Connectivity is a right.", "en")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Vote(ctx, f.c, a, st.TID, opinion.Agree); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Moderate(ctx, f.c, st.TID, opinion.Rejected); err != nil {
			t.Fatal(err)
		}
		if len(changes.inTx) != 3 || !changes.inTx[0] || !changes.inTx[1] || !changes.inTx[2] {
			t.Fatalf("changes scheduled (in a transaction?) %v, want three, all in one", changes.inTx)
		}
		got, err := f.db.StatementByTID(ctx, f.c.ID, st.TID)
		if err != nil || got.Moderation != opinion.Rejected {
			t.Fatalf("moderated statement %+v, %v", got, err)
		}
		wantCode(t, f.svc.Moderate(ctx, f.c, 99, opinion.Accepted), errs.NotFound, "opinions.error.no_statement")
	})
}
