package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// Without GOGC or GOMEMLIMIT, TuneGC sets the collector's target and a
// memory limit of half the machine; with either set, it leaves Go's own
// reading of them alone.
func TestTuneGC(t *testing.T) {
	prevPercent, prevLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(prevPercent); debug.SetMemoryLimit(prevLimit) }()
	none := func(string) (string, bool) { return "", false }
	TuneGC(none)
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	if runtime.GOOS == "linux" {
		if percent != gcPercent || limit <= 0 || uint64(limit) != totalMemory()/2 {
			t.Errorf("GOGC %d, limit %d; want %d and half of %d", percent, limit, gcPercent, totalMemory())
		}
	}
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		TuneGC(func(k string) (string, bool) { return "50", k == name })
		if percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64); percent != 100 || limit != math.MaxInt64 {
			t.Errorf("with %s set: GOGC %d, limit %d; want them untouched", name, percent, limit)
		}
	}
}
