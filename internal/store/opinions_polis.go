package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"github.com/consulta/consulta/internal/links"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/polis"
)

// ImportStats counts what ImportPolis wrote.
type ImportStats struct {
	Participants, Statements, Votes int
}

// ImportPolis loads a Pol.is export into the opinion map of a consultation
// that has none yet (errs.Conflict otherwise), in one transaction, and
// enables the map. Pol.is participant ids become pids and comment ids tids;
// every voter and author gets a participant row (created at their first
// vote or comment); each participant's latest vote on a statement is kept.
// Votes come from votes.csv; participants-votes.csv contributes participant
// ids and xids only (its vote cells restate votes.csv, its groups are
// recomputed). A comment whose author-id is -1 has no author (written by
// the secretariat).
func (db *DB) ImportPolis(ctx context.Context, consultationID int64, e *polis.Export, now time.Time) (st ImportStats, err error) {
	defer errs.Wrap(&err, "store.ImportPolis(%d)", consultationID)
	in, err := newPolisImport(e, now.UTC())
	if err != nil {
		return st, err
	}
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		// The counters' lock keeps first sign-ins and statements out until
		// the import is in (they then number past it), or the import out
		// of a map they got into first.
		if err := lockOpinionNumbers(ctx, tx, consultationID); err != nil {
			return err
		}
		if err := checkOpinionsEmpty(ctx, tx, consultationID); err != nil {
			return err
		}
		if err := in.insert(ctx, tx, db.dialect, consultationID, now.UTC()); err != nil {
			return err
		}
		return resetOpinionNumbers(ctx, tx, consultationID)
	})
	if err != nil {
		return ImportStats{}, err
	}
	return ImportStats{len(in.participants), len(in.comments), len(in.votes)}, nil
}

// polisImport is an export checked and arranged for inserting.
type polisImport struct {
	participants []polisParticipant
	comments     []polis.Comment
	votes        []polis.VoteRow
	firstAt      []time.Time // when each of votes' pairs was first voted on
}

type polisParticipant struct {
	pid       int
	xid       string
	createdAt time.Time
}

// newPolisImport checks what the database would refuse (so the error says
// which row is at fault) and collects the participants.
func newPolisImport(e *polis.Export, now time.Time) (*polisImport, error) {
	in := &polisImport{comments: slices.Clone(e.Comments), votes: e.LatestVotes()}
	slices.SortFunc(in.comments, func(a, b polis.Comment) int { return cmp.Compare(a.ID, b.ID) })
	known := map[int]bool{}
	for _, c := range in.comments {
		switch {
		case c.ID < 0 || known[c.ID]:
			return nil, invalidImport("comment id %d is negative or appears twice", c.ID)
		case c.Moderated < -1 || c.Moderated > 1:
			return nil, invalidImport("comment %d: moderated %d is not -1, 0 or 1", c.ID, c.Moderated)
		case c.AuthorID < -1:
			return nil, invalidImport("comment %d: author-id %d is not a participant", c.ID, c.AuthorID)
		}
		known[c.ID] = true
	}
	for _, v := range in.votes {
		switch {
		case !known[v.CommentID]:
			return nil, invalidImport("vote by participant %d on comment %d, which is not in the export", v.VoterID, v.CommentID)
		case v.VoterID < 0:
			return nil, invalidImport("vote on comment %d by participant %d", v.CommentID, v.VoterID)
		case v.Vote < polis.Disagree || v.Vote > polis.Agree:
			return nil, invalidImport("vote %d by participant %d is not 1, -1 or 0", v.Vote, v.VoterID)
		}
	}
	in.firstAt = firstVoteTimes(e, in.votes)
	var err error
	in.participants, err = polisParticipants(e, now)
	return in, err
}

// firstVoteTimes gives, for each of latest's votes, the time its voter
// first voted on its comment: the export keeps every vote, a changed one
// too, and admission counts a statement from the first (see
// opinion.Admit).
func firstVoteTimes(e *polis.Export, latest []polis.VoteRow) []time.Time {
	type key struct{ voter, comment int }
	first := make(map[key]time.Time, len(latest))
	for _, v := range e.Votes {
		k := key{v.VoterID, v.CommentID}
		if at, ok := first[k]; !ok || v.Timestamp.Before(at) {
			first[k] = v.Timestamp
		}
	}
	out := make([]time.Time, len(latest))
	for i, v := range latest {
		out[i] = first[key{v.VoterID, v.CommentID}].UTC()
	}
	return out
}

func invalidImport(format string, args ...any) error {
	return &errs.Error{Kind: errs.Invalid, Code: "opinions.error.import_invalid", Err: fmt.Errorf(format, args...)}
}

// polisParticipants lists the participants of participants-votes.csv and
// every voter and author besides, in pid order, each created at their first
// vote or comment (now if they have neither).
func polisParticipants(e *polis.Export, now time.Time) ([]polisParticipant, error) {
	byPID := map[int]*polisParticipant{}
	add := func(pid int, at time.Time) {
		p := byPID[pid]
		if p == nil {
			p = &polisParticipant{pid: pid}
			byPID[pid] = p
		}
		if !at.IsZero() && (p.createdAt.IsZero() || at.Before(p.createdAt)) {
			p.createdAt = at
		}
	}
	for _, r := range e.Participants {
		if r.ID < 0 || byPID[r.ID] != nil {
			return nil, invalidImport("participant id %d is negative or appears twice", r.ID)
		}
		add(r.ID, time.Time{})
		byPID[r.ID].xid = r.XID
	}
	for _, v := range e.Votes {
		add(v.VoterID, v.Timestamp)
	}
	for _, c := range e.Comments {
		if c.AuthorID >= 0 {
			add(c.AuthorID, c.Timestamp)
		}
	}
	list := make([]polisParticipant, 0, len(byPID))
	for _, p := range byPID {
		if p.createdAt.IsZero() {
			p.createdAt = now
		}
		p.createdAt = p.createdAt.UTC()
		list = append(list, *p)
	}
	slices.SortFunc(list, func(a, b polisParticipant) int { return cmp.Compare(a.pid, b.pid) })
	return list, nil
}

// checkOpinionsEmpty fails unless the consultation exists and its opinion
// map has no participants (hence no votes) and no statements.
func checkOpinionsEmpty(ctx context.Context, tx *sql.Tx, consultationID int64) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM consultations WHERE id=$1`, consultationID).Scan(&n)
	if err == nil && n == 0 {
		return errs.E(errs.NotFound, "consultation.not_found")
	}
	if err == nil {
		err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM opinion_participants WHERE consultation_id=$1)
			+ (SELECT COUNT(*) FROM statements WHERE consultation_id=$1)`, consultationID).Scan(&n)
	}
	if err == nil && n > 0 {
		return errs.E(errs.Conflict, "opinions.error.import_not_empty")
	}
	return err
}

func (in *polisImport) insert(ctx context.Context, tx *sql.Tx, d dialect, cid int64, now time.Time) error {
	err := insertInBatches(ctx, tx, d, `INSERT INTO opinion_participants (consultation_id, pid, xid, created_at) VALUES `,
		4, len(in.participants), func(i int, args []any) []any {
			p := in.participants[i]
			return append(args, cid, p.pid, p.xid, p.createdAt)
		})
	if err != nil {
		return err
	}
	err = insertInBatches(ctx, tx, d, `INSERT INTO statements (consultation_id, tid, author_pid, body, moderation, is_seed,
		is_meta, created_at) VALUES `, 8, len(in.comments), func(i int, args []any) []any {
		c := in.comments[i]
		author := sql.NullInt64{Int64: int64(c.AuthorID), Valid: c.AuthorID >= 0}
		return append(args, cid, c.ID, author, c.Body, c.Moderated, c.IsSeed, c.IsMeta, c.Timestamp.UTC())
	})
	if err != nil {
		return err
	}
	err = insertInBatches(ctx, tx, d, `INSERT INTO votes (consultation_id, tid, pid, vote, voted_at, first_voted_at) VALUES `,
		6, len(in.votes), func(i int, args []any) []any {
			v := in.votes[i]
			return append(args, cid, v.CommentID, v.VoterID, int(v.Vote), v.Timestamp.UTC(), in.firstAt[i])
		})
	if err != nil {
		return err
	}
	// The statements' tallies, counted once from the imported votes.
	_, err = tx.ExecContext(ctx, `UPDATE statements SET
		agrees    = (SELECT COUNT(*) FROM votes v WHERE v.consultation_id=$1 AND v.tid=statements.tid AND v.vote=1),
		disagrees = (SELECT COUNT(*) FROM votes v WHERE v.consultation_id=$1 AND v.tid=statements.tid AND v.vote=-1),
		passes    = (SELECT COUNT(*) FROM votes v WHERE v.consultation_id=$1 AND v.tid=statements.tid AND v.vote=0)
		WHERE consultation_id=$1`, cid)
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, `UPDATE statements SET vote_events = agrees + disagrees + passes WHERE consultation_id=$1`,
		cid); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO opinion_settings (consultation_id, enabled, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (consultation_id) DO UPDATE SET enabled=excluded.enabled, updated_at=excluded.updated_at`, cid, true, now)
	return err
}

// maxBatchParams bounds the parameters of one multi-row INSERT, under
// SQLite's limit of 32766 (PostgreSQL allows 65535).
const maxBatchParams = 30000

// insertInBatches inserts n rows of width columns with multi-row INSERTs of
// as many rows as maxBatchParams allows; head ends in "VALUES " and row
// appends row i's arguments.
func insertInBatches(ctx context.Context, tx *sql.Tx, d dialect, head string, width, n int, row func(i int, args []any) []any) error {
	per := maxBatchParams / width
	args := make([]any, 0, min(n, per)*width)
	for start := 0; start < n; start += per {
		end := min(n, start+per)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		if _, err := tx.ExecContext(ctx, head+multiRowValues(d, end-start, width), args...); err != nil {
			return err
		}
	}
	return nil
}

// multiRowValues returns "($1,$2),($3,$4)" for 2 rows of width 2, or
// "(?,?),(?,?)" where the dialect binds anonymous parameters faster (SQLite).
func multiRowValues(d dialect, rows, width int) string {
	var b strings.Builder
	b.Grow(rows * width * 7)
	n := 1
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range width {
			if c > 0 {
				b.WriteByte(',')
			}
			if d.anonymousParams {
				b.WriteByte('?')
			} else {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(n))
			}
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// ExportPolis builds the Pol.is export of a consultation's opinion map from
// one consistent snapshot: every participant, every statement, each
// participant's latest votes (votes.csv has no history: Consulta keeps only
// the latest), counts derived from them, and a summary whose url is the
// base-less path of the map. Group ids are blank and group-informed
// consensus absent; the caller fills them from the analysis with
// SetGroups and SetGroupInformedConsensus. A statement written by the
// secretariat has author-id -1.
func (db *DB) ExportPolis(ctx context.Context, consultationID int64) (e *polis.Export, err error) {
	defer errs.Wrap(&err, "store.ExportPolis(%d)", consultationID)
	c, err := db.ConsultationByID(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	e = &polis.Export{}
	for _, load := range []func(context.Context, *sql.Tx, int64, *polis.Export) error{
		exportParticipants, exportComments, exportVotes,
	} {
		if err := load(ctx, tx, consultationID, e); err != nil {
			return nil, err
		}
	}
	e.Recount()
	text := c.Texts[c.OriginalLang]
	e.Summary.Set("topic", text.Title)
	e.Summary.Set("url", links.OpinionsPath(c.Slug))
	// Consulta counts no page views; the participants are those who came.
	e.Summary.Set("views", strconv.Itoa(len(e.Participants)))
	e.Summary.Set("groups", "0")
	e.Summary.Set("conversation-description", text.Background)
	return e, nil
}

func exportParticipants(ctx context.Context, tx *sql.Tx, cid int64, e *polis.Export) error {
	return eachRow(ctx, tx, `SELECT pid, xid FROM opinion_participants WHERE consultation_id=$1 ORDER BY pid`,
		cid, func(rows *sql.Rows) error {
			p := polis.ParticipantRow{GroupID: -1}
			err := rows.Scan(&p.ID, &p.XID)
			e.Participants = append(e.Participants, p)
			return err
		})
}

func exportComments(ctx context.Context, tx *sql.Tx, cid int64, e *polis.Export) error {
	return eachRow(ctx, tx, `SELECT tid, author_pid, body, moderation, is_seed, is_meta, created_at
		FROM statements WHERE consultation_id=$1 ORDER BY tid`, cid, func(rows *sql.Rows) error {
		var c polis.Comment
		var author sql.NullInt64
		err := rows.Scan(&c.ID, &author, &c.Body, &c.Moderated, &c.IsSeed, &c.IsMeta, &c.Timestamp)
		c.AuthorID, c.Timestamp = -1, c.Timestamp.UTC()
		if author.Valid {
			c.AuthorID = int(author.Int64)
		}
		e.Comments = append(e.Comments, c)
		return err
	})
}

func exportVotes(ctx context.Context, tx *sql.Tx, cid int64, e *polis.Export) error {
	return eachRow(ctx, tx, `SELECT tid, pid, vote, voted_at FROM votes WHERE consultation_id=$1
		ORDER BY voted_at, tid, pid`, cid, func(rows *sql.Rows) error {
		var v polis.VoteRow
		err := rows.Scan(&v.CommentID, &v.VoterID, &v.Vote, &v.Timestamp)
		v.Timestamp = v.Timestamp.UTC()
		e.Votes = append(e.Votes, v)
		return err
	})
}

// eachRow runs a query with one argument and calls scan on each row.
func eachRow(ctx context.Context, q querier, query string, arg any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Segment is what the breakdowns need to know of a participant.
type Segment struct {
	StakeholderGroup string
	Country          string
}

// SetParticipantSegments records the stakeholder group and country of
// participants who have no registration to take them from (imported or
// illustrative ones), by pid, in one transaction.
func (db *DB) SetParticipantSegments(ctx context.Context, consultationID int64, segs map[int]Segment) (err error) {
	defer errs.Wrap(&err, "store.SetParticipantSegments(%d)", consultationID)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for pid, s := range segs {
			if _, err := tx.ExecContext(ctx, `UPDATE opinion_participants SET stakeholder_group=$1, country=$2
				WHERE consultation_id=$3 AND pid=$4`, s.StakeholderGroup, s.Country, consultationID, pid); err != nil {
				return err
			}
		}
		return nil
	})
}
