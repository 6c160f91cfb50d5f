package polis

import "github.com/consulta/consulta/internal/opinion"

// Input is the conversation as Consulta's opinion mathematics reads it:
// every comment (rejected ones marked, with its time), each participant's
// latest vote on each comment, and who was admitted to the conversation
// by the end, worked out from the votes' times (opinion.Admit). Groups is
// left empty: the mathematics computes them.
func (e *Export) Input() opinion.Input {
	in := opinion.Input{Statements: make([]opinion.StatementRef, 0, len(e.Comments))}
	for _, c := range e.Comments {
		in.Statements = append(in.Statements, opinion.StatementRef{TID: c.ID, Rejected: c.Moderated == -1 || c.IsMeta, At: c.Timestamp})
	}
	in.Admitted = opinion.Admit(in.Statements, e.TimedVotes()).All()
	latest := e.LatestVotes()
	in.Votes = make([]opinion.Cast, 0, len(latest))
	for _, v := range latest {
		in.Votes = append(in.Votes, opinion.Cast{PID: int32(v.VoterID), TID: int32(v.CommentID), Vote: opinion.Vote(v.Vote)})
	}
	return in
}

// TimedVotes are every row of votes.csv, repeats included, with their
// times, for opinion.Replay.
func (e *Export) TimedVotes() []opinion.TimedCast {
	out := make([]opinion.TimedCast, 0, len(e.Votes))
	for _, v := range e.Votes {
		out = append(out, opinion.TimedCast{Cast: opinion.Cast{PID: int32(v.VoterID), TID: int32(v.CommentID),
			Vote: opinion.Vote(v.Vote)}, At: v.Timestamp})
	}
	return out
}
