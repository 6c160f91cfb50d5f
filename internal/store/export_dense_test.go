package store

import (
	"context"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// RedoMigration runs one migration down and up again, so that a test can
// check what its Up makes of data already in the tables.
func (db *DB) RedoMigration(ctx context.Context, version int64) error {
	sub, err := fs.Sub(migrations, db.dialect.migrations)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(db.dialect.goose, db.write, sub)
	if err != nil {
		return err
	}
	if _, err := p.ApplyVersion(ctx, version, false); err != nil {
		return err
	}
	_, err = p.ApplyVersion(ctx, version, true)
	return err
}
