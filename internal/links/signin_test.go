package links

import (
	"slices"
	"testing"
)

func TestSignInIDRoundTrip(t *testing.T) {
	for _, email := range []string{"ana@example.org", "a.b-c+d@sub.example.org", "ñandú@example.org"} {
		id := SignInID(42, email)
		if slices.Contains([]byte(id), '.') {
			t.Errorf("SignInID(%q) = %q holds a dot, which a signed token's id may not", email, id)
		}
		cid, got, ok := ParseSignInID(id)
		if !ok || cid != 42 || got != email {
			t.Errorf("ParseSignInID(%q) = %d, %q, %v", id, cid, got, ok)
		}
	}
	for _, bad := range []string{"", "42", "x-YQ", "42-", "42-!!"} {
		if _, _, ok := ParseSignInID(bad); ok {
			t.Errorf("ParseSignInID(%q) accepted", bad)
		}
	}
}
