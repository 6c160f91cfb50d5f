package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
)

// The live pages' event log. An event's number comes from its
// consultation's session row, advanced by UPDATE … RETURNING in the
// writing transaction: PostgreSQL locks the row until commit (SQLite has
// one writer), so a consultation's events commit in the order of their
// numbers and a reader that sees number n sees every number below it.

// AppendEvent numbers e and stores it.
func (db *DB) AppendEvent(ctx context.Context, e *live.Event) (err error) {
	defer errs.Wrap(&err, "store.AppendEvent(%d, %q)", e.ConsultationID, e.Kind)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := ensureLiveSession(ctx, tx, e.ConsultationID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `UPDATE live_sessions SET event_seq = event_seq + 1
			WHERE consultation_id=$1 RETURNING event_seq`, e.ConsultationID).Scan(&e.Seq); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO live_events (consultation_id, seq, kind, data, created_at)
			VALUES ($1, $2, $3, $4, $5)`, e.ConsultationID, e.Seq, e.Kind, e.Data, e.At.UTC())
		return err
	})
}

// LatestEventSeq is the number of a consultation's last event (0: none).
func (db *DB) LatestEventSeq(ctx context.Context, consultationID int64) (seq int64, err error) {
	defer errs.Wrap(&err, "store.LatestEventSeq(%d)", consultationID)
	err = db.read.QueryRowContext(ctx, `SELECT event_seq FROM live_sessions WHERE consultation_id=$1`, consultationID).Scan(&seq)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return seq, err
}

// EventsAfter are, for each consultation of after, its events numbered
// above the value, in order; at most limit in all. One query, however
// many consultations.
func (db *DB) EventsAfter(ctx context.Context, after map[int64]int64, limit int) (list []live.Event, err error) {
	defer errs.Wrap(&err, "store.EventsAfter(%d consultations)", len(after))
	if len(after) == 0 {
		return nil, nil
	}
	var where []string
	args := []any{limit}
	for id, seq := range after {
		n := len(args)
		where = append(where, "(consultation_id=$"+strconv.Itoa(n+1)+" AND seq > $"+strconv.Itoa(n+2)+")")
		args = append(args, id, seq)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT consultation_id, seq, kind, data, created_at FROM live_events
		WHERE `+strings.Join(where, " OR ")+` ORDER BY consultation_id, seq LIMIT $1`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e live.Event
		if err := rows.Scan(&e.ConsultationID, &e.Seq, &e.Kind, &e.Data, &e.At); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		list = append(list, e)
	}
	return list, rows.Err()
}
