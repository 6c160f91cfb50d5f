package cli_test

import (
	"context"
	"fmt"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/regseed"
	"github.com/consulta/consulta/internal/testutil/smtpsink"
)

// A release to 2,000 registrants survives kill -9 while it sends: after
// the restart every one has their join link, and the only duplicates are
// emails that were in an SMTP conversation at the kill (at most the
// concurrent senders).
func TestReleaseSurvivesKill9(t *testing.T) {
	bin := buildBinary(t)
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			releaseSurvivesKill9(t, bin, engine)
		})
	}
}

// maxDuplicates bounds the emails sent twice after a kill: one per email
// in an SMTP conversation at that moment, i.e. per concurrent sender
// (River's workers for mail, jobs.Options.MaxWorkers, at most 64).
const maxDuplicates = 64

func releaseSurvivesKill9(t *testing.T, bin, engine string) {
	const n = 2000
	ctx := context.Background()
	sink := smtpsink.Start(t)
	data, addr, dbURL := t.TempDir(), freeAddr(t), dbtest.AppDB(t, engine)
	flags := []string{"--smtp", sink.URL()}
	if dbURL != "" {
		flags = append(flags, "--db", dbURL)
	}
	srv := startServe(t, bin, data, addr, flags...)
	db, err := store.Open(ctx, &config.Config{DataDir: data, DB: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.ConsultationBySlug(ctx, "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	if err := regseed.Approved(ctx, db, c.ID, n, "r%04d@example.org"); err != nil {
		t.Fatal(err)
	}
	u := &store.User{Email: "sec@example.org", Role: "secretariat", PasswordHash: "unused"}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	secret := links.NewSecret()
	if err := db.AddToken(ctx, u.ID, store.TokenAPI, links.Hash(secret), nil); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v1/consultations/wsis20-lac/link/release", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("release: %d", resp.StatusCode)
	}
	const subject = "Your link to join"
	waitRecipients(t, sink, subject, n/10, time.Minute)
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	atKill := len(sink.Recipients(subject))
	srv = startServe(t, bin, data, addr, flags...)
	defer func() { _ = srv.Process.Signal(syscall.SIGTERM); _ = srv.Wait() }()
	// On PostgreSQL a job left running by the killed process is rescued
	// after jobs' RescueStuckJobsAfter (2 minutes).
	got := waitRecipients(t, sink, subject, n, 4*time.Minute)
	dups := 0
	for i := range n {
		k := got[fmt.Sprintf("r%04d@example.org", i)]
		if k == 0 {
			t.Errorf("r%04d has no join link after the restart", i)
		}
		dups += max(k-1, 0)
	}
	t.Logf("%s: %d of %d sent at the kill; %d duplicates", engine, atKill, n, dups)
	if atKill >= n {
		t.Log("every email went out before the kill: the restart was not tested")
	}
	if dups > maxDuplicates {
		t.Errorf("%d duplicates, want at most %d", dups, maxDuplicates)
	}
}

// waitRecipients waits until at least n recipients had a message with the
// subject prefix, and returns the counts.
func waitRecipients(t *testing.T, sink *smtpsink.Sink, prefix string, n int, timeout time.Duration) map[string]int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := sink.Recipients(prefix)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d recipients after %s", len(got), n, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
