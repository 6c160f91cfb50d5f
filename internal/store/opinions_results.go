package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
)

// OpinionFingerprint changes whenever the consultation's votes, statements
// or their moderation do (see opinion.Source): every vote cast, a changed
// one included, adds to its statement's vote_events; a moderation decision
// moves the weighted sum. It reads the statements only, not the votes.
func (db *DB) OpinionFingerprint(ctx context.Context, consultationID int64) (fp string, err error) {
	defer errs.Wrap(&err, "store.OpinionFingerprint(%d)", consultationID)
	var statements, events, moderation int64
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(vote_events), 0),
		COALESCE(SUM((tid + 1) * (moderation + 2)), 0) FROM statements WHERE consultation_id = $1`,
		consultationID).Scan(&statements, &events, &moderation); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d/%d/%d", statements, events, moderation), nil
}

// OpinionData reads everything a consultation's opinion map is computed from.
func (db *DB) OpinionData(ctx context.Context, consultationID int64) (d *opinion.Data, err error) {
	defer errs.Wrap(&err, "store.OpinionData(%d)", consultationID)
	d = &opinion.Data{}
	// One read transaction, so the three reads agree with each other.
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if d.Statements, err = scanOpinionStatements(ctx, tx, consultationID); err != nil {
		return nil, err
	}
	if d.Participants, err = scanOpinionParticipants(ctx, tx, consultationID); err != nil {
		return nil, err
	}
	if d.Votes, err = db.scanVotes(ctx, tx, consultationID); err != nil {
		return nil, err
	}
	if d.Early, err = scanEarlyVotes(ctx, tx, consultationID); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

func scanOpinionStatements(ctx context.Context, tx *sql.Tx, cid int64) ([]opinion.Statement, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+statementCols+` FROM statements s WHERE s.consultation_id = $1 ORDER BY s.tid`, cid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []opinion.Statement
	for rows.Next() {
		s, err := scanStatement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

func scanOpinionParticipants(ctx context.Context, tx *sql.Tx, cid int64) ([]opinion.Participant, error) {
	rows, err := tx.QueryContext(ctx, `SELECT pid, stakeholder_group, country FROM opinion_participants
		WHERE consultation_id = $1 ORDER BY pid`, cid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []opinion.Participant
	for rows.Next() {
		p := opinion.Participant{ConsultationID: cid}
		if err := rows.Scan(&p.PID, &p.StakeholderGroup, &p.Country); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// scanVotes reads the votes one line per participant — "tid,vote;tid,vote…"
// aggregated by the database — rather than one row per vote: millions of
// rows cost far more in the driver than parsing the same numbers here.
func (db *DB) scanVotes(ctx context.Context, tx *sql.Tx, cid int64) ([]opinion.Cast, error) {
	rows, err := tx.QueryContext(ctx, `SELECT pid, `+db.dialect.voteList+` FROM votes WHERE consultation_id = $1 GROUP BY pid`, cid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []opinion.Cast
	var list []byte
	for rows.Next() {
		var pid int64
		if err := rows.Scan(&pid, &list); err != nil {
			return nil, err
		}
		if out, err = appendVotes(out, int32(pid), list); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// scanEarlyVotes reads, with the time each was first cast, the votes of
// the participants who have voted on fewer than opinion.MinVotes
// statements: the only ones whose admission depends on when they voted
// (opinion.Data.Early). They are few next to the votes, so one row each
// costs little.
func scanEarlyVotes(ctx context.Context, tx *sql.Tx, cid int64) ([]opinion.TimedCast, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.pid, v.tid, v.vote, v.first_voted_at, v.voted_at FROM votes v
		WHERE v.consultation_id = $1 AND v.pid IN (SELECT pid FROM votes WHERE consultation_id = $1
			GROUP BY pid HAVING COUNT(*) < $2)
		ORDER BY v.pid, v.tid`, cid, opinion.MinVotes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []opinion.TimedCast
	for rows.Next() {
		var pid, tid, vote int64
		var first sql.NullTime
		var at time.Time
		if err := rows.Scan(&pid, &tid, &vote, &first, &at); err != nil {
			return nil, err
		}
		if first.Valid {
			at = first.Time
		}
		out = append(out, opinion.TimedCast{Cast: opinion.Cast{PID: int32(pid), TID: int32(tid), Vote: opinion.Vote(vote)}, At: at.UTC()})
	}
	return out, rows.Err()
}

// appendVotes parses "tid,vote;tid,vote…" (vote −1, 0 or 1).
func appendVotes(out []opinion.Cast, pid int32, list []byte) ([]opinion.Cast, error) {
	tid, n, neg, inVote, digits := 0, 0, false, false, 0
	flush := func() error {
		if !inVote || digits == 0 || n > 1 {
			return fmt.Errorf("store: malformed vote list near %q", truncateBytes(list))
		}
		v := n
		if neg {
			v = -v
		}
		out = append(out, opinion.Cast{PID: pid, TID: int32(tid), Vote: opinion.Vote(v)})
		return nil
	}
	for _, b := range list {
		switch {
		case b >= '0' && b <= '9':
			n = n*10 + int(b-'0')
			digits++
		case b == '-' && inVote && digits == 0:
			neg = true
		case b == ',' && !inVote && digits > 0:
			tid, n, digits, inVote = n, 0, 0, true
		case b == ';':
			if err := flush(); err != nil {
				return nil, err
			}
			n, neg, inVote, digits = 0, false, false, 0
		default:
			return nil, fmt.Errorf("store: malformed vote list near %q", truncateBytes(list))
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func truncateBytes(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
