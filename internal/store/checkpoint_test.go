package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The writer never stops to checkpoint, and still the log is copied back
// into the database file while the store is open: the file grows with
// what was written, without any connection closing.
func TestSQLiteLogCopiedBackOffTheWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "consulta.db")
	db := openSQLite(t, path)
	var auto int
	if err := db.Writer().QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("the writer's wal_autocheckpoint = %d (%v), want 0: it must not checkpoint on a commit", auto, err)
	}
	if _, err := db.Writer().ExecContext(ctx, `CREATE TABLE checkpointed (body TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	const rows, rowBytes = 2000, 1000 // about 2 MB, far past one checkpoint's worth
	for range rows {
		if _, err := db.Writer().ExecContext(ctx, `INSERT INTO checkpointed (body) VALUES ($1)`, strings.Repeat("x", rowBytes)); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(10 * time.Second); size()-before < rows*rowBytes; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("database file grew %d bytes in 10 s after %d bytes were committed: the log is not copied back",
				size()-before, rows*rowBytes)
		}
	}
}
