package consultation_test

import (
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
)

func TestZonesLoadOnceAndFallBackToUTC(t *testing.T) {
	var z consultation.Zones
	c := &consultation.Consultation{TimeZone: "America/Santiago"}
	first, again := z.Of(c), z.Of(c)
	if first.String() != "America/Santiago" || first != again {
		t.Errorf("Of = %v then %v, want the same America/Santiago", first, again)
	}
	if got := z.Load("Nowhere/Special"); got != time.UTC {
		t.Errorf("unknown zone = %v, want UTC", got)
	}
	at := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	if got, want := at.In(z.Of(c)).Format(time.RFC3339), at.In(c.Location()).Format(time.RFC3339); got != want {
		t.Errorf("cached zone gives %s, Location gives %s", got, want)
	}
}
