// Package polisdata locates the four real Pol.is conversations kept in
// testdata/polis (CC BY 4.0, see testdata/polis/ATTRIBUTION.md) for tests.
package polisdata

import (
	"path/filepath"
	"runtime"
	"testing"
)

// Conversations are the folders under testdata/polis.
var Conversations = []string{"15-per-hour-seattle", "bg2050-volunteers", "brexit-consensus", "scoop-hivemind.ubi"}

// Root is the absolute path of testdata/polis.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "polis")
}

// Dir is the folder of one conversation.
func Dir(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(Root(), name)
}
