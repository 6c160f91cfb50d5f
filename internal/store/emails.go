package store

import (
	"context"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/mail"
)

// Email is one message Consulta sent (or, with the built-in outbox, kept).
// The unique Key makes sending idempotent: a job retried after a crash
// finds its key and does not send again.
type Email struct {
	ID        int64
	Key       string
	Message   mail.Message
	Transport string // "outbox" or "smtp"
	CreatedAt time.Time
}

// EmailSent reports whether a message with this key was already sent: the
// one-key EmailsSent (the mailer asks through its coalesced reads).
func (db *DB) EmailSent(ctx context.Context, key string) (bool, error) {
	sent, err := db.EmailsSent(ctx, []string{key})
	return sent[key], err
}

// RecordEmail stores a sent message; it reports false when the key was
// already recorded.
func (db *DB) RecordEmail(ctx context.Context, key, transport string, m mail.Message) (inserted bool, err error) {
	defer errs.Wrap(&err, "store.RecordEmail")
	res, err := db.write.ExecContext(ctx, `INSERT INTO emails (key, to_addr, subject, text_body, html_body, lang,
		attachments, transport, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (key) DO NOTHING`,
		key, m.To, m.Subject, m.Text, m.HTML, m.Lang, jsonText(m.Attachments), transport, time.Now().UTC())
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

const emailCols = `id, key, to_addr, subject, text_body, html_body, lang, attachments, transport, created_at`

func scanEmail(row rowScanner) (*Email, error) {
	e := &Email{}
	err := row.Scan(&e.ID, &e.Key, &e.Message.To, &e.Message.Subject, &e.Message.Text, &e.Message.HTML,
		&e.Message.Lang, jsonCol{&e.Message.Attachments}, &e.Transport, &e.CreatedAt)
	e.CreatedAt = e.CreatedAt.UTC()
	return e, err
}

// Emails lists sent messages, newest first, optionally only to one address.
func (db *DB) Emails(ctx context.Context, to string, limit int) (list []*Email, err error) {
	defer errs.Wrap(&err, "store.Emails")
	rows, err := db.read.QueryContext(ctx, `SELECT `+emailCols+` FROM emails WHERE ($1 = '' OR to_addr = $1)
		ORDER BY id DESC LIMIT $2`, to, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEmail(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// EmailByID loads one sent message.
func (db *DB) EmailByID(ctx context.Context, id int64) (e *Email, err error) {
	defer errs.Wrap(&err, "store.EmailByID(%d)", id)
	e, err = scanEmail(db.read.QueryRowContext(ctx, `SELECT `+emailCols+` FROM emails WHERE id=$1`, id))
	return e, notFound(err, "email.not_found")
}
