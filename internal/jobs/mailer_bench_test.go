package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
)

// BenchmarkConfirmationEmails measures how fast the workers drain a
// backlog of confirmation emails into the outbox (SQLite): registrations
// are stored with their email jobs first, then the workers start and the
// clock runs until the last email is recorded. Reported as emails/s.
//
//	go test -run '^$' -bench ConfirmationEmails -benchtime 1x ./internal/jobs
func BenchmarkConfirmationEmails(b *testing.B) {
	for _, workers := range []int{8, 32} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for range b.N {
				drainEmails(b, workers, 2000)
			}
		})
	}
}

func drainEmails(b *testing.B, workers, n int) {
	ctx := context.Background()
	db, c := demoConsultation(b, "sqlite")
	c.Capacity = 0 // as consulta bench register does
	if err := db.SaveConsultation(ctx, c); err != nil {
		b.Fatal(err)
	}
	catalog, err := i18n.New()
	if err != nil {
		b.Fatal(err)
	}
	urls := links.NewURLs("http://consulta.test", links.NewSigner(make([]byte, 32)))
	mailer := jobs.NewMailer(jobs.Mailer{Store: db, Opinions: &opinion.Service{Store: db, URLs: urls, Now: time.Now},
		Catalog: catalog, Links: urls, From: "consulta@example.org"})
	insert, err := jobs.New(db, jobs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	regs := &registration.Service{Store: db, Mail: insert, Now: time.Now, NewID: links.NewID,
		Rules: registration.Rules{ValidCountry: func(string) bool { return true }, ValidLanguage: i18n.Supported}}
	for i := range n {
		if _, err := regs.Register(ctx, c, registration.Input{GivenName: "Ana", FamilyName: "Souza",
			Email: fmt.Sprintf("bench-%d@example.org", i), Organization: "Org", StakeholderGroup: "civil_society",
			Country: "BR", Language: "pt", Consent: true}); err != nil {
			b.Fatal(err)
		}
	}
	q, err := jobs.New(db, jobs.Options{Work: true, Mailer: mailer, MaxWorkers: workers})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = q.Stop(ctx) }()
	for sent := 0; sent < n; time.Sleep(10 * time.Millisecond) {
		if err := db.Writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM emails`).Scan(&sent); err != nil {
			b.Fatal(err)
		}
		if time.Since(start) > 2*time.Minute {
			b.Fatalf("%d of %d emails after two minutes", sent, n)
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "emails/s")
}
