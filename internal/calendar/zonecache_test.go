package calendar

import (
	"sync"
	"testing"

	ics "github.com/arran4/golang-ical"
)

func TestLoadZoneCachesKnownNamesOnly(t *testing.T) {
	a, err := loadZone("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := loadZone("America/Santiago")
	if a != b || a.String() != "America/Santiago" {
		t.Errorf("loadZone = %p then %p (%v)", a, b, a)
	}
	if _, err := loadZone("Nowhere/Special"); err == nil {
		t.Error("an unknown zone loaded")
	}
	if _, kept := zones.Load("Nowhere/Special"); kept {
		t.Error("an unknown zone name was kept")
	}
}

// The cached VTIMEZONE serializes exactly as a freshly built one, and
// calendars sharing it render the same bytes concurrently.
func TestCachedVTimezoneMatchesFresh(t *testing.T) {
	ev := santiagoEvent(t)
	loc := mustLoad(t, ev.TimeZone)
	cfg := &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
	for _, span := range []yearSpan{{2024, 2024}, {2023, 2026}} {
		fresh := vtimezone(ev.TimeZone, loc, span).Serialize(cfg)
		for range 2 {
			if got := cachedVTimezone(ev.TimeZone, loc, span).Serialize(cfg); got != fresh {
				t.Errorf("span %v: cached\n%s\nfresh\n%s", span, got, fresh)
			}
		}
	}
	want := render(t, MethodRequest, ev)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				b, err := Bytes(MethodRequest, "-//Consulta//Test//EN", ev)
				if err != nil || string(b) != want {
					t.Errorf("concurrent render differs (%v)", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestVTimezoneCacheIsBounded(t *testing.T) {
	defer func(n int64) { maxVTimezones = n }(maxVTimezones)
	maxVTimezones = vtzCount.Load()
	loc := mustLoad(t, "Asia/Tokyo")
	span := yearSpan{1990, 1991}
	a, b := cachedVTimezone("Asia/Tokyo", loc, span), cachedVTimezone("Asia/Tokyo", loc, span)
	if a == b {
		t.Error("a full cache still kept a new VTIMEZONE")
	}
	if _, kept := vtimezones.Load(vtzKey{"Asia/Tokyo", span}); kept {
		t.Error("a full cache still kept a new VTIMEZONE")
	}
}
