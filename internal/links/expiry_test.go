package links

import (
	"strings"
	"testing"
	"time"
)

func TestSignUntilAndCheck(t *testing.T) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	now := time.Date(2026, time.December, 1, 12, 0, 0, 0, time.UTC)
	token := s.SignUntil(Cancel, "reg1", now.Add(time.Hour))
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not id.expiry.mac", token)
	}
	later := s.SignUntil(Cancel, "reg1", now.Add(48*time.Hour))
	laterExp := strings.Split(later, ".")[1]
	for name, tc := range map[string]struct {
		purpose, token string
		at             time.Time
		want           Status
	}{
		"before expiry":       {Cancel, token, now, Valid},
		"at expiry":           {Cancel, token, now.Add(time.Hour), Expired},
		"after expiry":        {Cancel, token, now.Add(2 * time.Hour), Expired},
		"other purpose":       {Confirm, token, now, Invalid},
		"expiry pushed back":  {Cancel, parts[0] + "." + laterExp + "." + parts[2], now.Add(2 * time.Hour), Invalid},
		"expiry not a number": {Cancel, parts[0] + ".soon." + parts[2], now, Invalid},
		"four parts":          {Cancel, token + ".x", now, Invalid},
		"empty id":            {Cancel, "." + parts[1] + "." + parts[2], now, Invalid},
	} {
		if _, got := s.Check(tc.purpose, tc.token, tc.at); got != tc.want {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
	if id, st := s.Check(Cancel, token, now); id != "reg1" || st != Valid {
		t.Errorf("Check = %q, %v", id, st)
	}
}

// Tokens signed before links carried an expiry: links in emails already
// sent, and participants' cookies, work until the transition date, then
// read as expired; a forged one is invalid whatever the date.
func TestLegacyTokens(t *testing.T) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	end := legacyUntil(Confirm)
	for _, p := range []string{Confirm, Cancel, OpinionJoin, OpinionSignIn, OpinionParticipant} {
		old := s.Sign(p, "reg1")
		if _, st := s.Check(p, old, end.Add(-time.Second)); st != Valid {
			t.Errorf("%s: old token before the transition date: %v", p, st)
		}
		if _, st := s.Check(p, old, end); st != Expired {
			t.Errorf("%s: old token at the transition date: %v", p, st)
		}
		if _, st := s.Check(p, "reg2"+old[len("reg1"):], end.Add(-time.Hour)); st != Invalid {
			t.Errorf("%s: forged old token: %v", p, st)
		}
	}
}
