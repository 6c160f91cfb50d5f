package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/mail"
)

// EmailRecord is one sent message to record under its idempotency key.
type EmailRecord struct {
	Key, Transport string
	Message        mail.Message
}

// emailRowsPerInsert are the sizes of SQLite's multi-row INSERTs a batch
// is cut into, largest first: powers of two, so a batch of any size takes
// at most one statement per size, and only these six for the
// prepared-statement caches.
var emailRowsPerInsert = []int{32, 16, 8, 4, 2, 1}

// RecordEmails stores many sent messages at once: the mailer's group
// commit, where each sender waits for it before its job completes, so a
// batch costs one commit. Keys already recorded are skipped. On
// PostgreSQL the batch is one statement over arrays, atomic by itself: a
// single round trip whatever its size (a transaction around multi-row
// INSERTs took three or more, and most batches are a few emails).
func (db *DB) RecordEmails(ctx context.Context, list []EmailRecord) (err error) {
	defer errs.Wrap(&err, "store.RecordEmails(%d)", len(list))
	now := time.Now().UTC()
	if db.dialect.name == Postgres {
		var ex querier = db.write
		if tx, ok := TxFrom(ctx); ok {
			ex = tx
		}
		return insertEmailArrays(ctx, ex, list, now)
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for len(list) > 0 {
			n := 1
			for _, size := range emailRowsPerInsert {
				if len(list) >= size {
					n = size
					break
				}
			}
			if err := db.insertEmails(ctx, tx, list[:n], now); err != nil {
				return err
			}
			list = list[n:]
		}
		return nil
	})
}

const emailInsertCols = 9

// insertEmails inserts rows with one statement.
func (db *DB) insertEmails(ctx context.Context, tx *sql.Tx, rows []EmailRecord, now time.Time) error {
	args := make([]any, 0, emailInsertCols*len(rows))
	for _, e := range rows {
		m := e.Message
		args = append(args, e.Key, m.To, m.Subject, m.Text, m.HTML, m.Lang, jsonText(m.Attachments), e.Transport, now)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO emails (key, to_addr, subject, text_body, html_body, lang, attachments,
		transport, created_at) VALUES `+multiRowValues(db.dialect, len(rows), emailInsertCols)+` ON CONFLICT (key) DO NOTHING`,
		args...)
	return err
}

// insertEmailArrays inserts rows on PostgreSQL with one statement, a
// column an array: the same statement for every batch size. A key twice in
// one batch is stored once, as with the multi-row INSERT.
func insertEmailArrays(ctx context.Context, ex querier, rows []EmailRecord, now time.Time) error {
	var cols [emailInsertCols - 1][]string
	for i := range cols {
		cols[i] = make([]string, len(rows))
	}
	for r, e := range rows {
		m := e.Message
		for i, v := range [...]string{e.Key, m.To, m.Subject, m.Text, m.HTML, m.Lang, jsonText(m.Attachments), e.Transport} {
			cols[i][r] = v
		}
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO emails (key, to_addr, subject, text_body, html_body, lang, attachments,
		transport, created_at) SELECT k, t, s, tb, hb, l, a, tr, $9 FROM unnest($1::text[], $2::text[], $3::text[],
		$4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(k, t, s, tb, hb, l, a, tr)
		ON CONFLICT (key) DO NOTHING`, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], now)
	return err
}
