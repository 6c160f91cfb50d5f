package opinion

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// VotableStates lists the moderation states whose statements are put to the
// vote under s (see Settings.Votable).
func (s Settings) VotableStates() []Moderation {
	if s.StrictModeration {
		return []Moderation{Accepted}
	}
	return []Moderation{Accepted, Unmoderated}
}

// Progress is how far one participant has got through the statements put
// to the vote: Voted of Total, their own statements left out of both.
type Progress struct {
	Voted, Total int
}

// Done reports whether nothing is left to vote on.
func (p Progress) Done() bool { return p.Voted >= p.Total }

// StatementCounts is a statement with its tally of votes.
type StatementCounts struct {
	Statement
	Agrees, Disagrees, Passes int
}

// Votes is the number of votes cast on the statement.
func (s StatementCounts) Votes() int { return s.Agrees + s.Disagrees + s.Passes }

// Purposes of the signed tokens of the opinion map (links.Signer).
const (
	// LinkJoin signs a registration id: the link a confirmed registrant
	// follows to take part.
	LinkJoin = "opinions"
	// LinkSignIn signs SignInID: the link emailed to prove an address.
	LinkSignIn = "opinions-email"
	// TokenParticipant signs a participant's row id: the cookie, and the
	// bearer token of the API.
	TokenParticipant = "opinions-participant"
)

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
