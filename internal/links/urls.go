package links

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Purposes of the opinion map's signed tokens.
const (
	// OpinionJoin signs a registration id: the link a registrant who may
	// take part follows.
	OpinionJoin = "opinions"
	// OpinionSignIn signs SignInID: the link emailed to prove an address.
	OpinionSignIn = "opinions-email"
	// OpinionParticipant signs a participant's row id: the cookie, and the
	// bearer token of the API.
	OpinionParticipant = "opinions-participant"
)

// URLs builds the links Consulta hands out: the paths its pages link to
// and the absolute, signed URLs its emails carry. The routes table in
// internal/web serves these paths; a route and the links to it change
// together here.
type URLs struct {
	base   string
	signer *Signer
}

// NewURLs returns a builder for absolute URLs under base (no trailing
// slash), signing with s.
func NewURLs(base string, s *Signer) URLs {
	return URLs{base: strings.TrimRight(base, "/"), signer: s}
}

// Host is the host name of the base URL (for calendar UIDs).
func (u URLs) Host() string {
	if p, err := url.Parse(u.base); err == nil && p.Hostname() != "" {
		return p.Hostname()
	}
	return "consulta"
}

// Signer is the signer the URLs are made with, for checking tokens.
func (u URLs) Signer() *Signer { return u.signer }

// Absolute turns a path into a URL a reader can follow from an email, in
// the language lang ("" = none given).
func (u URLs) Absolute(path, lang string) string {
	if lang == "" {
		return u.base + path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return u.base + path + sep + "lang=" + url.QueryEscape(lang)
}

// SetPasswordPath is a staff account's link to choose its password
// (`consulta user add`, the forgot-password email).
func SetPasswordPath(token string) string { return "/admin/set-password/" + url.PathEscape(token) }

// ConsultationPath is a consultation's public page.
func ConsultationPath(slug string) string { return "/c/" + slug }

// OpinionsPath is a consultation's opinion map.
func OpinionsPath(slug string) string { return ConsultationPath(slug) + "/opinions" }

// ConfirmPath is the double opt-in link of registration regID, made at
// registered: it works for ConfirmLife.
func (u URLs) ConfirmPath(regID string, registered time.Time) string {
	return "/r/confirm/" + u.signer.SignUntil(Confirm, regID, registered.Add(ConfirmLife))
}

// CancelPath is the link that cancels registration regID of a
// consultation ending at ends: it works until AfterEnd past the end.
func (u URLs) CancelPath(regID string, ends time.Time) string {
	return "/r/cancel/" + u.signer.SignUntil(Cancel, regID, ends.Add(AfterEnd))
}

// Purposes of a registrant's own links.
const (
	// Join signs a registration id: the personal join link, which leads to
	// the meeting only while the registrant is approved.
	Join = "join"
	// Participant signs a registration id: the registrant's own page,
	// reached from every email.
	Participant = "participant"
)

// JoinPath is registrant regID's personal join link (/j/{token}).
func (u URLs) JoinPath(regID string, ends time.Time) string {
	return "/j/" + u.signer.SignUntil(Join, regID, ends.Add(AfterEnd))
}

// ParticipantPath is registrant regID's own page (/p/{token}).
func (u URLs) ParticipantPath(regID string, ends time.Time) string {
	return "/p/" + u.signer.SignUntil(Participant, regID, ends.Add(AfterEnd))
}

// ReviewCalendarPath is the public calendar feed of a review's
// consultations, without any meeting link.
func ReviewCalendarPath(reviewSlug string) string { return "/reviews/" + reviewSlug + "/calendar.ics" }

// The opinion map's links and tokens are a participant's own: they work
// until AfterEnd past the end of the consultation (ends).

// OpinionJoinPath lets registrant regID into the opinion map of slug.
func (u URLs) OpinionJoinPath(slug, regID string, ends time.Time) string {
	return OpinionsPath(slug) + "/join/" + u.signer.SignUntil(OpinionJoin, regID, ends.Add(AfterEnd))
}

// OpinionSignInPath lets the owner of email into the opinion map of
// consultation id (slug) once they follow it.
func (u URLs) OpinionSignInPath(slug string, consultationID int64, email string, ends time.Time) string {
	return OpinionsPath(slug) + "/signin/" + u.signer.SignUntil(OpinionSignIn, SignInID(consultationID, email), ends.Add(AfterEnd))
}

// ParticipantToken is the opinion-map participant's cookie and API token.
func (u URLs) ParticipantToken(participantID int64, ends time.Time) string {
	return u.signer.SignUntil(OpinionParticipant, strconv.FormatInt(participantID, 10), ends.Add(AfterEnd))
}

// SignInID is the signed subject of an emailed sign-in link: the
// consultation and the address, which a token id may not hold as is
// (it must not contain a dot).
func SignInID(consultationID int64, email string) string {
	return strconv.FormatInt(consultationID, 10) + "-" + base64.RawURLEncoding.EncodeToString([]byte(email))
}

// ParseSignInID reverses SignInID.
func ParseSignInID(id string) (consultationID int64, email string, ok bool) {
	cid, enc, found := strings.Cut(id, "-")
	n, err := strconv.ParseInt(cid, 10, 64)
	if !found || err != nil {
		return 0, "", false
	}
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil || len(b) == 0 {
		return 0, "", false
	}
	return n, string(b), true
}

// Written inputs: the permalink the synthesis report cites, and the signed
// links that verify an address, edit an input and let a registered
// participant in (each signs an id with its own purpose).
const (
	InputVerify      = "input-verify"      // signs an input id: the public's double opt-in
	InputEdit        = "input-edit"        // signs an input id: its author's edit link
	InputParticipant = "input-participant" // signs a registration id: a participant's form and API token
)

// InputPath is an input's stable public page.
func InputPath(id int64) string { return "/inputs/" + strconv.FormatInt(id, 10) }

// InputAttachmentPath is file n of input id: a version that keeps the
// file keeps its number, so the address stays while the file is published.
func InputAttachmentPath(id int64, n int) string {
	return InputPath(id) + "/attachments/" + strconv.Itoa(n)
}

// InputVerifyPath confirms the address of input id; it works until until.
func (u URLs) InputVerifyPath(id int64, until time.Time) string {
	return "/inputs/verify/" + u.signer.SignUntil(InputVerify, strconv.FormatInt(id, 10), until)
}

// InputEditPath lets the author edit input id until the call's deadline.
func (u URLs) InputEditPath(id int64, deadline time.Time) string {
	return "/inputs/edit/" + u.signer.SignUntil(InputEdit, strconv.FormatInt(id, 10), deadline)
}

// InputParticipantPath is registrant regID's own form for the call on
// review reviewSlug, prefilled from their registration; the personal page
// links to it. It works until until (the call's deadline).
func (u URLs) InputParticipantPath(reviewSlug, regID string, until time.Time) string {
	return "/reviews/" + reviewSlug + "/inputs/new/" + u.signer.SignUntil(InputParticipant, regID, until)
}
