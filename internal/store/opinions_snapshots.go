package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
)

// The last computed opinion map of each consultation (opinion.Maps): the
// job stores it, every instance reads it.

// OpinionSnapshotStamp says what the stored map was computed from and
// when; NotFound when none is stored. It reads one short row, so readers
// may ask often.
func (db *DB) OpinionSnapshotStamp(ctx context.Context, consultationID int64) (s opinion.Stamp, err error) {
	defer errs.Wrap(&err, "store.OpinionSnapshotStamp(%d)", consultationID)
	var micros int64
	err = db.read.QueryRowContext(ctx, `SELECT fingerprint, computed_at FROM opinion_snapshots WHERE consultation_id = $1`,
		consultationID).Scan(&s.Fingerprint, &micros)
	if errors.Is(err, sql.ErrNoRows) {
		return s, errs.E(errs.NotFound, "opinions.computing")
	}
	s.ComputedAt = time.UnixMicro(micros).UTC()
	return s, err
}

// OpinionSnapshot reads the stored map; NotFound when none is stored or it
// was encoded by another version (opinion.DecodeSnapshot).
func (db *DB) OpinionSnapshot(ctx context.Context, consultationID int64) (s *opinion.Snapshot, err error) {
	defer errs.Wrap(&err, "store.OpinionSnapshot(%d)", consultationID)
	var data []byte
	err = db.read.QueryRowContext(ctx, `SELECT data FROM opinion_snapshots WHERE consultation_id = $1`,
		consultationID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(errs.NotFound, "opinions.computing")
	}
	if err != nil {
		return nil, err
	}
	return opinion.DecodeSnapshot(data)
}

// SaveOpinionSnapshot stores s as the consultation's map unless one
// computed later is stored: two computations that overlap (on two
// instances) leave the newer data, whichever finishes last.
func (db *DB) SaveOpinionSnapshot(ctx context.Context, consultationID int64, s *opinion.Snapshot) (err error) {
	defer errs.Wrap(&err, "store.SaveOpinionSnapshot(%d)", consultationID)
	data, err := opinion.EncodeSnapshot(s)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO opinion_snapshots (consultation_id, fingerprint, computed_at, data)
			VALUES ($1, $2, $3, $4) ON CONFLICT (consultation_id) DO UPDATE
			SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at, data = excluded.data
			WHERE excluded.computed_at > opinion_snapshots.computed_at`,
			consultationID, s.Fingerprint, s.ComputedAt.UnixMicro(), data)
		return err
	})
}
