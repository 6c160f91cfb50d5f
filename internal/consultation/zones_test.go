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

func TestLocationSharesOneZonePerName(t *testing.T) {
	a := &consultation.Consultation{TimeZone: "Europe/Paris"}
	b := &consultation.Consultation{TimeZone: "Europe/Paris"}
	var z1, z2 consultation.Zones
	first := a.Location()
	for _, got := range []*time.Location{b.Location(), consultation.LoadZone("Europe/Paris"), z1.Of(a), z2.Load("Europe/Paris")} {
		if got != first {
			t.Errorf("got %p (%v), want the one cached %p (%v)", got, got, first, first)
		}
	}
	if first.String() != "Europe/Paris" {
		t.Errorf("zone = %v", first)
	}
	for _, name := range []string{"Nowhere/Special", "../etc/passwd", "Local/"} {
		if got := (&consultation.Consultation{TimeZone: name}).Location(); got != time.UTC {
			t.Errorf("Location(%q) = %v, want UTC", name, got)
		}
		if got := consultation.LoadZone(name); got != time.UTC {
			t.Errorf("LoadZone(%q) = %v, want UTC", name, got)
		}
	}
}

func TestLoadZoneConcurrent(t *testing.T) {
	names := []string{"America/Santiago", "Asia/Tokyo", "Africa/Nairobi", "Nowhere/Special", "UTC", ""}
	done := make(chan []*time.Location)
	for range 8 {
		go func() {
			var got []*time.Location
			for _, n := range names {
				got = append(got, consultation.LoadZone(n))
			}
			done <- got
		}()
	}
	first := <-done
	for range 7 {
		for i, loc := range <-done {
			if loc != first[i] {
				t.Errorf("%q: %p and %p", names[i], loc, first[i])
			}
		}
	}
}
