package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// provider is goose on this database's migrations, for the tests below.
func (db *DB) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, db.dialect.migrations)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(db.dialect.goose, db.write, sub)
}

// MigrateTo moves the schema to version v (down or up), for tests that
// write rows as an older version did and then upgrade.
func (db *DB) MigrateTo(ctx context.Context, v int64) error {
	p, err := db.provider()
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

// RedoMigration runs one migration down and up again, so that a test can
// check what its Up makes of data already in the tables.
func (db *DB) RedoMigration(ctx context.Context, version int64) error {
	p, err := db.provider()
	if err != nil {
		return err
	}
	if _, err := p.ApplyVersion(ctx, version, false); err != nil {
		return err
	}
	_, err = p.ApplyVersion(ctx, version, true)
	return err
}

// Exec runs a statement on the writer, for writing rows as an older
// version of the code did.
func (db *DB) Exec(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, q, args...)
	return err
}
