package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// gate holds the reads that arrive while it is shut.
type gate struct {
	mu   sync.Mutex
	shut chan struct{} // nil: open
}

func (g *gate) close() {
	g.mu.Lock()
	g.shut = make(chan struct{})
	g.mu.Unlock()
}

func (g *gate) open() {
	g.mu.Lock()
	if g.shut != nil {
		close(g.shut)
		g.shut = nil
	}
	g.mu.Unlock()
}

func (g *gate) pass(ctx context.Context) error {
	g.mu.Lock()
	shut := g.shut
	g.mu.Unlock()
	if shut == nil {
		return nil
	}
	select {
	case <-shut:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// countingStore is a real store whose registration and sent-check reads,
// batch or single (were the mailer to read one by one again), are counted
// when they start, and held at a gate while the test shuts it.
type countingStore struct {
	*store.DB
	regReads, sentReads atomic.Int64
	regGate, sentGate   gate
}

func (s *countingStore) RegistrationsByIDs(ctx context.Context, ids []string) (map[string]*registration.Registration, error) {
	s.regReads.Add(1)
	if err := s.regGate.pass(ctx); err != nil {
		return nil, err
	}
	return s.DB.RegistrationsByIDs(ctx, ids)
}

func (s *countingStore) RegistrationByID(ctx context.Context, id string) (*registration.Registration, error) {
	s.regReads.Add(1)
	return s.DB.RegistrationByID(ctx, id)
}

func (s *countingStore) EmailsSent(ctx context.Context, keys []string) (map[string]bool, error) {
	s.sentReads.Add(1)
	if err := s.sentGate.pass(ctx); err != nil {
		return nil, err
	}
	return s.DB.EmailsSent(ctx, keys)
}

func (s *countingStore) EmailSent(ctx context.Context, key string) (bool, error) {
	s.sentReads.Add(1)
	return s.DB.EmailSent(ctx, key)
}

// toRegistrant is a message kind for the test: an email to the registrant
// it names, with the registrant's id as subject, so that what each sender
// sends shows the registration it was given. arrived counts the composes
// started, read the ones whose registrant was read.
type toRegistrant struct {
	ID            string
	arrived, read *atomic.Int64
}

func (toRegistrant) Kind() string                 { return "test_to_registrant" }
func (toRegistrant) InsertOpts() river.InsertOpts { return river.InsertOpts{} }
func (m toRegistrant) Key(time.Time) string       { return "to-registrant:" + m.ID }
func (m toRegistrant) Compose(ctx context.Context, env messages.Env) (*messages.Draft, error) {
	m.arrived.Add(1)
	r, err := env.Registrant(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	m.read.Add(1)
	return &messages.Draft{To: r.Email, Lang: "en", Dir: "ltr", Subject: r.ID, Greeting: "Hello", Footer: "Consulta"}, nil
}

// sink is an SMTP server in memory: the address each subject went to.
type sink struct {
	mu   sync.Mutex
	sent map[string][]string
}

func (s *sink) Send(_ context.Context, m mail.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent[m.Subject] = append(s.sent[m.Subject], m.To)
	return nil
}

func (s *sink) to(subject string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[subject]
}

// lookupFixture is a mailer over a countingStore of n registrations, and
// an SMTP sink.
type lookupFixture struct {
	db            *countingStore
	m             *jobs.Mailer
	smtp          *sink
	regs          []*registration.Registration
	arrived, read atomic.Int64
}

func newLookupFixture(t *testing.T, engine string, n int) *lookupFixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t, engine)
	first := pendingRegistration(t, db, time.Now())
	f := &lookupFixture{db: &countingStore{DB: db}, smtp: &sink{sent: map[string][]string{}},
		regs: []*registration.Registration{first}}
	for i := 1; i < n; i++ {
		f.regs = append(f.regs, registration.New(fmt.Sprintf("reg-%d", i), first.ConsultationID, registration.Input{
			GivenName: "Ada", FamilyName: "Lovelace", Email: fmt.Sprintf("r%d@example.org", i), Organization: "Engines",
			StakeholderGroup: string(stakeholder.CivilSociety), Country: "GB", Language: "en", Consent: true}, time.Now()))
	}
	if err := db.InsertRegistrations(ctx, f.regs[1:]); err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	f.m = jobs.NewMailer(jobs.Mailer{Store: f.db, Catalog: catalog, From: "consulta@example.org", SMTP: f.smtp,
		Links: links.NewURLs("http://consulta.test", links.NewSigner(make([]byte, 32)))})
	t.Cleanup(func() { // a failed test lets the reads it held go
		f.db.regGate.open()
		f.db.sentGate.open()
	})
	return f
}

func (f *lookupFixture) msg(id string) toRegistrant {
	return toRegistrant{ID: id, arrived: &f.arrived, read: &f.read}
}

// settle gives the senders counted by cond a moment to queue behind the
// reads held: a sender is counted just before it asks.
func settle(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitFor(t, what, cond)
	time.Sleep(50 * time.Millisecond)
}

// 64 emails composed and delivered at once, while the first reads are
// held, each get their own registrant (one of them a registration that
// does not exist, which fails as the single read does) and their own
// sent-check, with far fewer reads than emails: LookupLoaders lead at once and
// the others wait for one read together.
func TestMailerCoalescesLookups(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		const senders = 64
		f := newLookupFixture(t, engine, senders-1)
		_, wantErr := f.db.DB.RegistrationByID(ctx, "missing")
		f.db.regGate.close()
		f.db.sentGate.close()
		errc := make([]error, senders)
		var wg sync.WaitGroup
		for i := range senders {
			id := "missing"
			if i < len(f.regs) {
				id = f.regs[i].ID
			}
			wg.Go(func() { errc[i] = f.m.Send(ctx, f.msg(id), time.Now()) })
		}
		settle(t, "every sender to ask for its registrant", func() bool { return f.arrived.Load() == senders })
		f.db.regGate.open()
		settle(t, "every registrant to be read", func() bool { return f.read.Load() == senders-1 })
		f.db.sentGate.open()
		wg.Wait()

		for i, r := range f.regs {
			if errc[i] != nil {
				t.Errorf("%s: %v", r.ID, errc[i])
			} else if got := f.smtp.to(r.ID); len(got) != 1 || got[0] != r.Email {
				t.Errorf("%s: sent to %v, want %s once", r.ID, got, r.Email)
			}
		}
		err := errc[senders-1]
		if errs.KindOf(err) != errs.NotFound || errs.CodeOf(err) != errs.CodeOf(wantErr) {
			t.Errorf("a missing registration: %v, want %v", err, wantErr)
		}
		if n := f.db.regReads.Load(); n > senders/4 {
			t.Errorf("%d registration reads for %d emails, want a few", n, senders)
		}
		if n := f.db.sentReads.Load(); n > senders/4 {
			t.Errorf("%d sent-checks for %d emails, want a few", n, senders-1)
		}
		t.Logf("%d emails: %d registration reads, %d sent-checks", senders, f.db.regReads.Load(), f.db.sentReads.Load())

		// Sent already: the sent-check through the coalescer finds it.
		if err := f.m.Send(ctx, f.msg(f.regs[0].ID), time.Now()); err != nil {
			t.Fatal(err)
		}
		if got := f.smtp.to(f.regs[0].ID); len(got) != 1 {
			t.Errorf("sent again: %d messages", len(got))
		}
	})
}

// A sender whose context ends while it waits for a read returns at once
// with the context's error; the read goes on for the others, who get their
// answers, and the cancelled one takes no place among the readers, even
// when it was the only one waiting.
func TestMailerLookupCancelledWaiter(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := newLookupFixture(t, engine, 16)
		var wg sync.WaitGroup
		send := func(r *registration.Registration) {
			wg.Go(func() {
				if err := f.m.Send(ctx, f.msg(r.ID), time.Now()); err != nil {
					t.Errorf("%s: %v", r.ID, err)
				}
			})
		}
		const n = jobs.LookupLoaders
		// round holds n readers, queues a cancelled sender for regs[n]
		// and others for the rest of regs, and checks what each sent.
		round := func(regs []*registration.Registration) {
			t.Helper()
			f.db.regGate.close()
			f.arrived.Store(0)
			before := f.db.regReads.Load()
			for _, r := range regs[:n] {
				send(r)
			}
			waitFor(t, "the reads", func() bool { return f.db.regReads.Load() == before+n })
			cctx, cancel := context.WithCancel(ctx)
			cancelled := make(chan error, 1)
			go func() { cancelled <- f.m.Send(cctx, f.msg(regs[n].ID), time.Now()) }()
			for _, r := range regs[n+1:] { // waiting with it
				send(r)
			}
			settle(t, "the senders to queue", func() bool { return f.arrived.Load() == int64(len(regs)) })
			cancel()
			select {
			case err := <-cancelled:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("the cancelled sender: %v, want context.Canceled", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the cancelled sender still waits for the read held")
			}
			f.db.regGate.open()
			wg.Wait()
			for _, r := range regs {
				want := 1
				if r == regs[n] {
					want = 0
				}
				if got := f.smtp.to(r.ID); len(got) != want {
					t.Errorf("%s: sent %d times, want %d", r.ID, len(got), want)
				}
			}
		}
		round(f.regs[:n+2])        // with another sender waiting
		round(f.regs[n+2 : 2*n+3]) // alone

		// Every place to read is free again: n new senders read at once.
		f.db.regGate.close()
		before := f.db.regReads.Load()
		for _, r := range f.regs[2*n+3 : 3*n+3] {
			send(r)
		}
		deadline := time.Now().Add(5 * time.Second)
		for f.db.regReads.Load() < before+n {
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d senders read at once: a place was lost", f.db.regReads.Load()-before, n)
			}
			time.Sleep(10 * time.Millisecond)
		}
		f.db.regGate.open()
		wg.Wait()
	})
}
