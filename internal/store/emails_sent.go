package store

import (
	"context"

	"github.com/consulta/consulta/internal/errs"
)

// EmailsSent reports which of keys have a message recorded, as EmailSent
// does for one (from the reader pool), with one query per keysPerLookup's
// largest list. A key not recorded is absent from the map.
func (db *DB) EmailsSent(ctx context.Context, keys []string) (sent map[string]bool, err error) {
	defer errs.Wrap(&err, "store.EmailsSent(%d)", len(keys))
	sent = make(map[string]bool, len(keys))
	err = db.inChunks(keys, func(in string, args []any) error {
		rows, err := db.read.QueryContext(ctx, `SELECT key FROM emails WHERE key IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			if err := rows.Scan(&key); err != nil {
				return err
			}
			sent[key] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return sent, nil
}
