// Package links makes and checks the signed tokens in emailed links
// (confirm, cancel, later the personal join link). A token is the subject id
// and an HMAC over purpose and id, so nothing needs storing and a token for
// one purpose never works for another.
package links

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"strings"
	"time"
)

// Purposes of signed links.
const (
	Confirm = "confirm"
	Cancel  = "cancel"
)

// Signer signs and verifies tokens with the installation's secret.
type Signer struct{ key []byte }

// NewSigner returns a signer for key (at least 32 bytes).
func NewSigner(key []byte) *Signer { return &Signer{key: key} }

// Sign returns the token for id and purpose.
func (s *Signer) Sign(purpose, id string) string {
	return id + "." + s.mac(purpose, id)
}

// Verify returns the id inside a token valid for purpose now (see Check,
// which also tells an expired token from a forged one).
func (s *Signer) Verify(purpose, token string) (id string, ok bool) {
	id, st := s.Check(purpose, token, time.Now())
	return id, st == Valid
}

func (s *Signer) mac(purpose, id string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose + "\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// NewID returns a random opaque identifier (128 bits, lower-case base32).
func NewID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// NewSecret returns a random token for one-time links and API tokens.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Hash is how secrets are stored: SHA-256, hex-free base64.
func Hash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// NewOrderedID returns an opaque identifier that sorts after the ones made
// before it: 48 bits of the time in milliseconds, then 80 random bits,
// in base32's ordered alphabet (0-9, a-v). Rows keyed by it are appended to
// the end of their index instead of into a random page of it, so a write
// touches the same few pages as the last one; the random part keeps it
// unguessable (and a link to it is signed besides).
func NewOrderedID() string {
	var b [16]byte
	ms := uint64(time.Now().UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	_, _ = rand.Read(b[6:])
	return strings.ToLower(base32.HexEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
