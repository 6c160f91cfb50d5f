package bench

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/mail"
)

// The sink counts per recipient what a real SMTP client delivers, and the
// figures call a second message a duplicate and a registrant without one
// missing.
func TestSinkCountsDuplicatesAndMissing(t *testing.T) {
	sk, err := startSink(2)
	if err != nil {
		t.Fatal(err)
	}
	defer sk.close()
	s, err := mail.NewSMTP(sk.url(), "consulta@example.org")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	long := make([]byte, 10_000) // a line longer than the sink's buffer
	for i := range long {
		long[i] = 'x'
	}
	for _, to := range []string{"a@example.org", "A@example.org", "b@example.org"} {
		if err := s.Send(context.Background(), mail.Message{To: to, Subject: "s", Text: ".\r\n" + string(long)}); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-sk.all:
	case <-time.After(10 * time.Second):
		t.Fatal("the sink never saw both recipients")
	}
	got := sk.count()
	if got.messages != 3 {
		t.Fatalf("sink counted %d messages, want 3", got.messages)
	}
	r := mailFigures(got, map[string]bool{"a@example.org": true, "b@example.org": true, "c@example.org": true}, time.Now())
	if r.Emails != 3 || r.Duplicates != 1 || r.Missing != 1 {
		t.Errorf("figures %+v, want 3 emails, 1 duplicate, 1 missing", r)
	}
}
