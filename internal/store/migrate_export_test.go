package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// MigrateTo moves the schema to version v (down or up), for tests that
// write rows as an older version did and then upgrade.
func (db *DB) MigrateTo(ctx context.Context, v int64) error {
	sub, err := fs.Sub(migrations, db.dialect.migrations)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(db.dialect.goose, db.write, sub)
	if err != nil {
		return err
	}
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		return err
	}
	if cur > v {
		_, err = p.DownTo(ctx, v)
	} else {
		_, err = p.UpTo(ctx, v)
	}
	if err != nil {
		return fmt.Errorf("migrate to %d: %w", v, err)
	}
	return nil
}

// Exec runs a statement on the writer, for writing rows as an older
// version of the code did.
func (db *DB) Exec(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, q, args...)
	return err
}
