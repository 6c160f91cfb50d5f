package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/mail"
)

// EmailRecord is one sent message to record under its idempotency key.
type EmailRecord struct {
	Key, Transport string
	Message        mail.Message
}

// emailRowsPerInsert are the sizes of the multi-row INSERTs a batch is
// cut into, largest first: few round trips, and only three statements for
// the prepared-statement caches whatever the batch size.
var emailRowsPerInsert = []int{32, 8, 1}

// RecordEmails stores many sent messages in one transaction: the mailer's
// group commit, where each sender waits for it before its job completes,
// so a batch costs one commit. Keys already recorded are skipped.
func (db *DB) RecordEmails(ctx context.Context, list []EmailRecord) (err error) {
	defer errs.Wrap(&err, "store.RecordEmails(%d)", len(list))
	now := time.Now().UTC()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for len(list) > 0 {
			n := emailRowsPerInsert[len(emailRowsPerInsert)-1]
			for _, size := range emailRowsPerInsert {
				if len(list) >= size {
					n = size
					break
				}
			}
			if err := insertEmails(ctx, tx, list[:n], now); err != nil {
				return err
			}
			list = list[n:]
		}
		return nil
	})
}

const emailInsertCols = 9

// insertEmails inserts rows with one statement.
func insertEmails(ctx context.Context, tx *sql.Tx, rows []EmailRecord, now time.Time) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO emails (key, to_addr, subject, text_body, html_body, lang, attachments, transport,
		created_at) VALUES `)
	args := make([]any, 0, emailInsertCols*len(rows))
	for i, e := range rows {
		if i > 0 {
			q.WriteString(",")
		}
		q.WriteString("(")
		for j := range emailInsertCols {
			if j > 0 {
				q.WriteString(",")
			}
			fmt.Fprintf(&q, "$%d", i*emailInsertCols+j+1)
		}
		q.WriteString(")")
		m := e.Message
		args = append(args, e.Key, m.To, m.Subject, m.Text, m.HTML, m.Lang, jsonText(m.Attachments), e.Transport, now)
	}
	q.WriteString(` ON CONFLICT (key) DO NOTHING`)
	_, err := tx.ExecContext(ctx, q.String(), args...)
	return err
}
