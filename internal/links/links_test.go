package links

import "testing"

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
