package links

import (
	"crypto/hmac"
	"strconv"
	"strings"
	"time"
)

// Status is what checking a token found.
type Status int

// The outcomes of Check. Expired is reported only for a token whose
// signature is right, so a forged token never reads as "expired".
const (
	Invalid Status = iota
	Valid
	Expired
)

// How long emailed links work.
const (
	// ConfirmLife: a registration not confirmed within 30 days is stale.
	ConfirmLife = 30 * 24 * time.Hour
	// AfterEnd: a participant's own links work until the consultation
	// ends plus 90 days (cancelling, reading the follow-up).
	AfterEnd = 90 * 24 * time.Hour
)

// legacyUntil is when tokens signed before links carried an expiry
// (id.mac) stop working for purpose; the zero time means they still do.
// Links in emails already sent, and participants' cookies already set,
// keep working through a transition.
func legacyUntil(purpose string) time.Time {
	switch purpose {
	case Confirm, Cancel, OpinionJoin, OpinionSignIn, OpinionParticipant:
		return time.Date(2027, time.June, 30, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// SignUntil returns a token for id and purpose that works until until:
// id.expiry.mac, the expiry (Unix seconds) inside the signature.
func (s *Signer) SignUntil(purpose, id string, until time.Time) string {
	exp := strconv.FormatInt(until.Unix(), 10)
	return id + "." + exp + "." + s.mac(purpose, id+"\x00"+exp)
}

// Check returns the id inside a token for purpose and whether, at now,
// it is valid, expired or not a token of this installation at all.
func (s *Signer) Check(purpose, token string, now time.Time) (id string, st Status) {
	parts := strings.Split(token, ".")
	switch {
	case len(parts) == 2 && parts[0] != "":
		if !hmac.Equal([]byte(parts[1]), []byte(s.mac(purpose, parts[0]))) {
			return "", Invalid
		}
		if end := legacyUntil(purpose); !end.IsZero() && !now.Before(end) {
			return parts[0], Expired
		}
		return parts[0], Valid
	case len(parts) == 3 && parts[0] != "":
		exp, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil || !hmac.Equal([]byte(parts[2]), []byte(s.mac(purpose, parts[0]+"\x00"+parts[1]))) {
			return "", Invalid
		}
		if !now.Before(time.Unix(exp, 0)) {
			return parts[0], Expired
		}
		return parts[0], Valid
	}
	return "", Invalid
}
