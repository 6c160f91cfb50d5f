// Package polis reads and writes Pol.is's open-data export: the folder of
// CSV files the Computational Democracy Project publishes for each
// conversation (github.com/compdemocracy/openData). Consulta imports such a
// folder into a consultation's opinion map and exports its own maps in the
// same shape, so Pol.is's tools and Consulta's analysis read each other's data.
//
// A folder holds:
//
//	summary.csv             key,value rows without a header (optional on Read)
//	comments.csv            one row per comment (statement)
//	votes.csv               every vote cast, a later one replacing an earlier one
//	participants-votes.csv  one row per participant with their latest votes (optional on Read)
//
// Read finds columns by header name, ignores columns it does not know (such
// as datetime, which only restates timestamp in the exporting server's time
// zone) and accepts files without the optional columns; the exports of
// different Pol.is versions differ. Write always writes the fuller column
// set of recent exports:
//
//	comments.csv:  timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,
//	               is-meta,is-seed[,group-informed-consensus],comment-body
//	votes.csv:     timestamp,datetime,comment-id,voter-id,vote
//	participants-votes.csv: participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,
//	               then one column per comment-id
//
// group-informed-consensus is written only when some comment has a value;
// datetime is written in UTC ("Mon Jan 02 15:04:05 UTC 2006"). Timestamps
// are milliseconds since 1970 UTC. Votes use the open-data convention:
// agree = 1, disagree = -1, pass = 0.
//
// The data in testdata/polis that the tests read is CC BY 4.0,
// The Computational Democracy Project (see ATTRIBUTION.md there).
package polis

import (
	"slices"
	"strconv"
	"time"
)

// The votes, as the open-data files write them.
const (
	Agree    int8 = 1
	Disagree int8 = -1
	Pass     int8 = 0
)

// Export is one conversation's open-data folder.
type Export struct {
	Summary  Summary
	Comments []Comment // in file order
	// Votes are the rows of votes.csv as they are, duplicates included:
	// Pol.is records a changed vote as a new row. LatestVotes dedupes.
	Votes        []VoteRow
	Participants []ParticipantRow // rows of participants-votes.csv in file order
	// VoteColumns are the comment ids heading participants-votes.csv's vote
	// columns, in order. Pol.is sometimes leaves a comment out; nil means
	// every comment in id order.
	VoteColumns []int
}

// Comment is one row of comments.csv.
type Comment struct {
	ID       int
	AuthorID int // participant id; -1 when no participant wrote it (Consulta's secretariat)
	// Timestamp is when the comment was written, to the millisecond, in UTC.
	Timestamp time.Time
	// Agrees and Disagrees are as the file states them; Pol.is counts
	// every vote row, so a changed vote may count twice. Recount counts
	// latest votes only.
	Agrees, Disagrees int
	Moderated         int // 1 accepted, -1 rejected, 0 not yet moderated
	IsMeta, IsSeed    bool
	// GroupInformedConsensus is Pol.is's consensus measure across opinion
	// groups, when HasGroupInformedConsensus.
	GroupInformedConsensus    float64
	HasGroupInformedConsensus bool
	Body                      string
}

// VoteRow is one row of votes.csv.
type VoteRow struct {
	Timestamp time.Time // UTC, to the millisecond
	CommentID int
	VoterID   int
	Vote      int8 // Agree, Disagree or Pass
}

// ParticipantRow is one row of participants-votes.csv.
type ParticipantRow struct {
	ID      int
	XID     string // external id given by the embedding site, often ""
	GroupID int    // Pol.is opinion group; -1 when blank (not clustered)

	NComments, NVotes, NAgree, NDisagree int

	// Votes maps a comment id to this participant's latest vote on it;
	// comments not voted on are absent.
	Votes map[int]int8
}

// LatestVotes returns each participant's latest vote on each comment — the
// row with the latest timestamp, or the later in the file when timestamps
// are equal — in file order.
func (e *Export) LatestVotes() []VoteRow {
	type key struct{ voter, comment int }
	keep := make(map[key]int, len(e.Votes))
	for i, v := range e.Votes {
		k := key{v.VoterID, v.CommentID}
		if j, ok := keep[k]; !ok || !v.Timestamp.Before(e.Votes[j].Timestamp) {
			keep[k] = i
		}
	}
	idx := make([]int, 0, len(keep))
	for _, i := range keep {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	out := make([]VoteRow, len(idx))
	for n, i := range idx {
		out[n] = e.Votes[i]
	}
	return out
}

// GroupIDs maps each participant with a group-id to it; participants with
// a blank group-id are left out.
func (e *Export) GroupIDs() map[int]int {
	m := make(map[int]int)
	for _, p := range e.Participants {
		if p.GroupID >= 0 {
			m[p.ID] = p.GroupID
		}
	}
	return m
}

// SetGroups sets every participant's group-id from groups (participant id →
// group id; absent → blank) and the summary's groups count.
func (e *Export) SetGroups(groups map[int]int) {
	distinct := map[int]bool{}
	for i := range e.Participants {
		g, ok := groups[e.Participants[i].ID]
		if !ok || g < 0 {
			g = -1
		} else {
			distinct[g] = true
		}
		e.Participants[i].GroupID = g
	}
	e.Summary.Set("groups", strconv.Itoa(len(distinct)))
}

// SetGroupInformedConsensus sets each comment's group-informed consensus
// from gic (comment id → value); comments absent from gic get none.
func (e *Export) SetGroupInformedConsensus(gic map[int]float64) {
	for i := range e.Comments {
		v, ok := gic[e.Comments[i].ID]
		e.Comments[i].GroupInformedConsensus, e.Comments[i].HasGroupInformedConsensus = v, ok
	}
}

// Recount derives every count from the comments and the latest votes: each
// comment's agrees and disagrees, each participant's n-* columns and vote
// cells (adding a row, without xid or group, for a voter or author missing
// from Participants), and the summary's voters, voters-in-conv, commenters
// and comments. VoteColumns is reset to every comment.
func (e *Export) Recount() {
	latest := e.LatestVotes()
	comments := make(map[int]*Comment, len(e.Comments))
	for i := range e.Comments {
		c := &e.Comments[i]
		c.Agrees, c.Disagrees = 0, 0
		comments[c.ID] = c
	}
	rows := e.participantIndex()
	row := func(id int) *ParticipantRow {
		i, ok := rows[id]
		if !ok {
			i = len(e.Participants)
			rows[id] = i
			e.Participants = append(e.Participants, ParticipantRow{ID: id, GroupID: -1, Votes: map[int]int8{}})
		}
		return &e.Participants[i]
	}
	for _, v := range latest {
		p := row(v.VoterID)
		p.Votes[v.CommentID] = v.Vote
		p.NVotes++
		c := comments[v.CommentID]
		if c == nil {
			c = &Comment{} // a vote on an unknown comment counts for its voter only
		}
		switch v.Vote {
		case Agree:
			p.NAgree++
			c.Agrees++
		case Disagree:
			p.NDisagree++
			c.Disagrees++
		}
	}
	commenters := map[int]bool{}
	for _, c := range e.Comments {
		if c.AuthorID >= 0 {
			row(c.AuthorID).NComments++
			commenters[c.AuthorID] = true
		}
	}
	e.VoteColumns = nil
	e.recountSummary(len(commenters))
}

// participantIndex maps participant ids to their index in Participants and
// clears the counts Recount fills.
func (e *Export) participantIndex() map[int]int {
	rows := make(map[int]int, len(e.Participants))
	for i := range e.Participants {
		p := &e.Participants[i]
		p.NComments, p.NVotes, p.NAgree, p.NDisagree = 0, 0, 0, 0
		p.Votes = map[int]int8{}
		rows[p.ID] = i
	}
	return rows
}

func (e *Export) recountSummary(commenters int) {
	voters := 0
	for _, p := range e.Participants {
		if p.NVotes > 0 {
			voters++
		}
	}
	e.Summary.Set("voters", strconv.Itoa(voters))
	e.Summary.Set("voters-in-conv", strconv.Itoa(voters))
	e.Summary.Set("commenters", strconv.Itoa(commenters))
	e.Summary.Set("comments", strconv.Itoa(len(e.Comments)))
}

// voteColumns returns the comment ids heading participants-votes.csv.
func (e *Export) voteColumns() []int {
	if e.VoteColumns != nil {
		return e.VoteColumns
	}
	ids := make([]int, len(e.Comments))
	for i, c := range e.Comments {
		ids[i] = c.ID
	}
	slices.Sort(ids)
	return ids
}

// SummaryKeys returns the keys of summary.csv in Pol.is's order.
func SummaryKeys() []string {
	return []string{"topic", "url", "views", "voters", "voters-in-conv", "commenters", "comments", "groups",
		"conversation-description"}
}

// Field is one key,value row of summary.csv.
type Field struct{ Key, Value string }

// Summary is summary.csv: key,value rows in file order.
type Summary []Field

// Get returns the value of key.
func (s Summary) Get(key string) (string, bool) {
	for _, f := range s {
		if f.Key == key {
			return f.Value, true
		}
	}
	return "", false
}

// Int returns the value of key as an integer.
func (s Summary) Int(key string) (int, bool) {
	v, ok := s.Get(key)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// Set replaces the value of key, or appends the key in SummaryKeys order.
func (s *Summary) Set(key, value string) {
	for i := range *s {
		if (*s)[i].Key == key {
			(*s)[i].Value = value
			return
		}
	}
	keys := SummaryKeys()
	rank := func(k string) int {
		if i := slices.Index(keys, k); i >= 0 {
			return i
		}
		return len(keys)
	}
	at := len(*s)
	for i, f := range *s {
		if rank(f.Key) > rank(key) {
			at = i
			break
		}
	}
	*s = slices.Insert(*s, at, Field{key, value})
}
