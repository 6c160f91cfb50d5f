package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/consulta/consulta/internal/errs"
)

// mailRateKey is the settings row of the secretariat's send rate.
const mailRateKey = "mail_rate_per_minute"

// MaxMailRate is the highest send rate that may be set, in emails per
// minute per instance; more is "unlimited" (0).
const MaxMailRate = 1_000_000

// MailRate is how many emails per minute each instance may send over SMTP,
// as the secretariat set it (SMTP providers throttle); 0 means unlimited,
// which is also the value before anyone sets it.
func (db *DB) MailRate(ctx context.Context) (perMinute int, err error) {
	defer errs.Wrap(&err, "store.MailRate")
	var v string
	err = db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, mailRateKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}

// SetMailRate stores the send rate in emails per minute (0: unlimited).
func (db *DB) SetMailRate(ctx context.Context, perMinute int) (err error) {
	defer errs.Wrap(&err, "store.SetMailRate(%d)", perMinute)
	if perMinute < 0 || perMinute > MaxMailRate {
		return errs.InvalidFields(map[string]string{"per_minute": "deliveries.rate.invalid"})
	}
	_, err = db.write.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, mailRateKey, strconv.Itoa(perMinute))
	return err
}
