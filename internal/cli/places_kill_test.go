package cli_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// Confirmations acknowledged before a kill -9 are counted after the
// restart: the places counter moved in the confirmation's transaction.
func TestPlacesCounterSurvivesKill9(t *testing.T) {
	bin, data, addr := buildBinary(t), t.TempDir(), freeAddr(t)
	srv := startServe(t, bin, data, addr)
	const n = 12
	for i := range n {
		register(t, addr, fmt.Sprintf("place%d@example.org", i))
	}
	signer, ids := pendingIDs(t, data)
	for i, id := range ids {
		if i%3 == 2 {
			continue // some stay pending, and hold no place
		}
		confirm(t, addr, "/r/confirm/"+signer.Sign(links.Confirm, id))
	}
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	srv = startServe(t, bin, data, addr)
	defer func() { _ = srv.Process.Signal(syscall.SIGTERM); _ = srv.Wait() }()

	db := openData(t, data)
	c, err := db.ConsultationBySlug(context.Background(), "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	taken, err := db.TakenPlaces(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, confirmed, err := db.Registrations(context.Background(),
		store.RegistrationFilter{ConsultationID: c.ID, Status: string(registration.Approved)})
	if err != nil {
		t.Fatal(err)
	}
	if want := n - n/3; confirmed != want || taken != confirmed {
		t.Fatalf("after kill -9: %d confirmed (want %d), places_taken %d", confirmed, want, taken)
	}
}

func openData(t *testing.T, data string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), &config.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// pendingIDs reads the registrations and the installation's link signer
// from the running server's database (SQLite allows a second reader).
func pendingIDs(t *testing.T, data string) (*links.Signer, []string) {
	t.Helper()
	db := openData(t, data)
	ctx := context.Background()
	c, err := db.ConsultationBySlug(ctx, "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := db.Registrations(ctx, store.RegistrationFilter{ConsultationID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := db.Secret(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range list {
		ids = append(ids, r.ID)
	}
	return links.NewSigner(secret), ids
}

// confirm presses the button of a confirmation link; a 200 is the
// acknowledgement.
func confirm(t *testing.T, addr, path string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(""))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("confirm %s: %d", path, resp.StatusCode)
	}
}
