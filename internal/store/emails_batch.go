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

// RecordEmails stores many sent messages in one transaction: the mailer's
// group commit, where each sender waits for it before its job completes,
// so a batch costs one commit. Keys already recorded are skipped. One
// single-row statement, repeated, keeps the prepared-statement cache to one
// entry whatever the batch size.
func (db *DB) RecordEmails(ctx context.Context, list []EmailRecord) (err error) {
	defer errs.Wrap(&err, "store.RecordEmails(%d)", len(list))
	now := time.Now().UTC()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for _, e := range list {
			m := e.Message
			if _, err := tx.ExecContext(ctx, `INSERT INTO emails (key, to_addr, subject, text_body, html_body, lang,
				attachments, transport, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (key) DO NOTHING`,
				e.Key, m.To, m.Subject, m.Text, m.HTML, m.Lang, jsonText(m.Attachments), e.Transport, now); err != nil {
				return err
			}
		}
		return nil
	})
}
