package links

import (
	"strings"
	"testing"
	"time"
)

func TestSignVerify(t *testing.T) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	token := s.Sign(Confirm, "reg1")
	if id, ok := s.Verify(Confirm, token); !ok || id != "reg1" {
		t.Fatalf("own token refused: %q %v", id, ok)
	}
	other := NewSigner([]byte("another installation's secret key"))
	for name, tc := range map[string]struct {
		signer         *Signer
		purpose, token string
	}{
		"other purpose":      {s, Cancel, token},
		"other installation": {other, Confirm, token},
		"id swapped":         {s, Confirm, "reg2" + token[len("reg1"):]},
		"no signature":       {s, Confirm, "reg1"},
		"empty id":           {s, Confirm, "." + token[len("reg1."):]},
	} {
		if _, ok := tc.signer.Verify(tc.purpose, tc.token); ok {
			t.Errorf("%s: token accepted", name)
		}
	}
}

func TestIDsAndSecretsDiffer(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id, secret := NewID(), NewSecret()
		if seen[id] || seen[secret] || len(id) != 26 {
			t.Fatalf("repeated or malformed id %q / secret", id)
		}
		seen[id], seen[secret] = true, true
	}
	first := Hash("a")
	if Hash("b") == first || Hash("a") != first {
		t.Fatal("Hash is not a function of its input")
	}
}

// Ordered ids sort as they were made (the point of them: appended to their
// index), are all different within one millisecond, and stay opaque
// tokens of the same shape as NewID's.
func TestOrderedIDsSortByTime(t *testing.T) {
	var latest string // the greatest id so far
	seen := map[string]bool{}
	for i := range 2000 {
		if i%500 == 0 {
			time.Sleep(2 * time.Millisecond) // a later millisecond sorts after
		}
		id := NewOrderedID()
		if seen[id] || len(id) != 26 || strings.Trim(id, "0123456789abcdefghijklmnopqrstuv") != "" {
			t.Fatalf("repeated or malformed id %q", id)
		}
		seen[id] = true
		if i%500 == 0 && id <= latest {
			t.Fatalf("id %q made a millisecond after %q sorts before it", id, latest)
		}
		latest = max(latest, id)
	}
	a, b := NewOrderedID(), NewOrderedID()
	if a[10:] == b[10:] {
		t.Fatalf("two ids share their random part: %q %q", a, b)
	}
}
