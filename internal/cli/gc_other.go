//go:build !linux

package cli

// totalMemory is unknown here: Go's GC defaults stand (TuneGC).
func totalMemory() uint64 { return 0 }
