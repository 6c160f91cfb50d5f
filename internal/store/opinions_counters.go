package store

import (
	"context"
	"database/sql"

	"github.com/consulta/consulta/internal/errs"
)

// Participants and statements are numbered densely within their
// consultation (pid, tid), as in Pol.is. The next numbers live in the
// consultation's row of opinion_counters. A transaction that inserts one
// first locks that row (lockOpinionNumbers), then checks what it must
// (is this person already a participant? is this statement a duplicate?)
// and takes a number (takeOpinionNumber) only when it inserts. So on
// PostgreSQL inserts in one consultation run one after the other, and
// each check sees every insert committed before it (read committed takes
// a fresh snapshot per statement); on SQLite, where writers are serial
// anyway, the lock costs nothing. A rollback gives the number back.

// opinionCounter is a column of opinion_counters.
type opinionCounter string

const (
	nextPID opinionCounter = "next_pid"
	nextTID opinionCounter = "next_tid"
)

// lockOpinionNumbers locks the counters of consultation cid for the rest
// of tx, creating them (at 0) for the consultation's first number. An
// unknown consultation is NotFound.
func lockOpinionNumbers(ctx context.Context, tx *sql.Tx, cid int64) error {
	// An update that changes nothing still takes the row lock, and the
	// upsert makes the first insert in a consultation wait like the rest.
	_, err := tx.ExecContext(ctx, `INSERT INTO opinion_counters (consultation_id) VALUES ($1)
		ON CONFLICT (consultation_id) DO UPDATE SET next_pid = opinion_counters.next_pid`, cid)
	if classify(err) == foreignKeyViolation {
		return errs.E(errs.NotFound, "consultation.not_found")
	}
	return err
}

// takeOpinionNumber takes the next number of counter c in consultation
// cid; tx must hold the counters' lock (lockOpinionNumbers).
func takeOpinionNumber(ctx context.Context, tx *sql.Tx, cid int64, c opinionCounter) (n int, err error) {
	col := string(c)
	err = tx.QueryRowContext(ctx, `UPDATE opinion_counters SET `+col+` = `+col+` + 1 WHERE consultation_id=$1
		RETURNING `+col+` - 1`, cid).Scan(&n)
	return n, err
}

// resetOpinionNumbers sets consultation cid's counters just past the
// highest pid and tid it holds, as after an import, which brings its own.
func resetOpinionNumbers(ctx context.Context, tx *sql.Tx, cid int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE opinion_counters SET
		next_pid = (SELECT COALESCE(MAX(pid) + 1, 0) FROM opinion_participants WHERE consultation_id=$1),
		next_tid = (SELECT COALESCE(MAX(tid) + 1, 0) FROM statements WHERE consultation_id=$1)
		WHERE consultation_id=$1`, cid)
	return err
}
