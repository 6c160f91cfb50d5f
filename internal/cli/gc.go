package cli

import (
	"runtime/debug"

	"github.com/consulta/consulta/internal/config"
)

// Consulta's live heap is small — the catalogs, the templates and the
// caches, about 40 MB — while a busy instance allocates much more per
// second: an email takes about 100 KB (composed, encoded, recorded) and a
// page tens of KB. With Go's default (GOGC=100) the collector runs each
// time the heap doubles, dozens of times a second under load; in consulta
// bench mail it was a fifth of the process's CPU. gcPercent lets the heap
// grow to five times what is live between collections instead, which cut
// the process's CPU per email by a fifth (docs/BENCHMARKS.md), and a soft
// limit of half the machine's memory makes the collector work harder
// before a large live heap (an opinion map of millions of votes) could
// take more than that.
const gcPercent = 400

// TuneGC applies gcPercent and the memory limit, unless the operator set
// GOGC or GOMEMLIMIT (then Go's own reading of them stands) or the
// machine's memory is unknown (then Go's defaults stand: without a limit,
// a larger GOGC could let a large heap grow unchecked).
func TuneGC(lookup config.Env) {
	if _, ok := lookup("GOGC"); ok {
		return
	}
	if _, ok := lookup("GOMEMLIMIT"); ok {
		return
	}
	total := totalMemory()
	if total == 0 {
		return
	}
	debug.SetMemoryLimit(int64(total / 2))
	debug.SetGCPercent(gcPercent)
}
