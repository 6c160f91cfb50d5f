package opinion

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
