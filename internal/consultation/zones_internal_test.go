package consultation

import (
	"testing"
	"time"
)

func TestLoadZoneKeepsNoUnknownName(t *testing.T) {
	if got := LoadZone("Nowhere/Unknown"); got != time.UTC {
		t.Fatalf("unknown zone = %v, want UTC", got)
	}
	if _, kept := zones.Load("Nowhere/Unknown"); kept {
		t.Error("an unknown zone name was kept in the cache")
	}
	LoadZone("Asia/Kolkata")
	if _, kept := zones.Load("Asia/Kolkata"); !kept {
		t.Error("a known zone was not kept")
	}
}
