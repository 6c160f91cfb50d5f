// Package opinion is the opinion map of a consultation: participants write
// short statements and vote agree / disagree / pass on each other's, and the
// package computes, the way Pol.is does, opinion groups, representative
// statements and consensus — then the same figures by stakeholder group and
// UN M49 region, which Pol.is knows nothing of.
//
// This file holds the domain types shared by the store and the web layer;
// the mathematics lives in matrix.go, pca.go, cluster.go, repness.go and
// breakdown.go, and docs/OPINIONS.md states every formula and parameter.
package opinion

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
)

// Vote is one participant's answer to one statement, in Pol.is's open-data
// convention (inside Pol.is the signs are the other way round).
type Vote int8

// The three answers.
const (
	Disagree Vote = -1
	Pass     Vote = 0
	Agree    Vote = 1
)

// Valid reports whether v is one of the three answers.
func (v Vote) Valid() bool { return v >= Disagree && v <= Agree }

// ParseVote reads "agree", "disagree" or "pass" (as a form or the API sends them).
func ParseVote(s string) (Vote, bool) {
	switch s {
	case "agree":
		return Agree, true
	case "disagree":
		return Disagree, true
	case "pass":
		return Pass, true
	}
	return 0, false
}

// String is the word ParseVote reads.
func (v Vote) String() string {
	switch v {
	case Agree:
		return "agree"
	case Disagree:
		return "disagree"
	}
	return "pass"
}

// MarshalText writes the vote as its word, so JSON says "agree".
func (v Vote) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Moderation is a statement's moderation state, with Pol.is's values.
type Moderation int8

// The three states.
const (
	Rejected    Moderation = -1
	Unmoderated Moderation = 0
	Accepted    Moderation = 1
)

// ParseModeration reads "accepted", "rejected" or "unmoderated".
func ParseModeration(s string) (Moderation, bool) {
	switch s {
	case "accepted":
		return Accepted, true
	case "rejected":
		return Rejected, true
	case "unmoderated":
		return Unmoderated, true
	}
	return 0, false
}

// String is the word ParseModeration reads.
func (m Moderation) String() string {
	switch m {
	case Accepted:
		return "accepted"
	case Rejected:
		return "rejected"
	}
	return "unmoderated"
}

// Settings say whether a consultation has an opinion map and who may take part.
type Settings struct {
	ConsultationID int64
	Enabled        bool
	// OpenToVerified lets anyone who proves an email address take part,
	// not only approved registrants.
	OpenToVerified bool
	// StrictModeration puts only accepted statements to the vote; otherwise
	// unmoderated ones are voted on too (Pol.is's default) and only rejected
	// ones are hidden.
	StrictModeration bool
	UpdatedAt        time.Time
}

// Votable reports whether a statement in state m is put to the vote.
func (s Settings) Votable(m Moderation) bool {
	if s.StrictModeration {
		return m == Accepted
	}
	return m != Rejected
}

// Participant is someone taking part in one consultation's opinion map.
// PID numbers participants 0, 1, 2… within the consultation, as Pol.is does.
type Participant struct {
	ID               int64
	ConsultationID   int64
	PID              int
	RegistrationID   string // "" when the participant has no registration
	Email            string // verified address of a participant without registration
	XID              string // external id of an imported participant
	StakeholderGroup string // stakeholder.Group code, "" if unknown
	Country          string // ISO 3166-1 alpha-2, "" if unknown
	CreatedAt        time.Time
}

// Statement is one short statement put to the vote. TID numbers statements
// 0, 1, 2… within the consultation (Pol.is's comment-id).
type Statement struct {
	ID             int64
	ConsultationID int64
	TID            int
	AuthorPID      int // BySecretariat when written by the secretariat
	Body           string
	Lang           string
	Moderation     Moderation
	IsSeed         bool // written by the secretariat to start the conversation
	IsMeta         bool // about the conversation rather than its subject
	CreatedAt      time.Time
}

// BySecretariat is the AuthorPID of a statement the secretariat wrote.
const BySecretariat = -1

// MaxStatementRunes bounds a statement: short enough to read and vote on in
// a few seconds (Pol.is allows 140 characters; translations run longer).
const MaxStatementRunes = 280

// MaxStatementsPerHour bounds how many statements one participant may
// write in an hour: enough for anyone taking part in earnest, too few to
// flood the moderators.
const MaxStatementsPerHour = 10

// NormalizeStatement trims body and folds its runs of white space, so two
// people typing the same sentence write the same statement.
func NormalizeStatement(body string) string {
	return strings.Join(strings.Fields(body), " ")
}

// ValidateStatement checks a normalised statement body; the error names the
// field "body" with a catalog message id.
func ValidateStatement(body string) error {
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return errs.InvalidFields(map[string]string{"body": "error.required"})
	case n > MaxStatementRunes:
		return errs.InvalidFields(map[string]string{"body": "opinions.error.statement_too_long"})
	}
	return nil
}
