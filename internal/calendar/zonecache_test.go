package calendar

import (
	"bytes"
	"strings"
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
	lf := &ics.SerializationConfiguration{MaxLength: 60, PropertyMaxLength: 60, NewLine: "\n"}
	for _, span := range []yearSpan{{2024, 2024}, {2023, 2026}} {
		for _, c := range []*ics.SerializationConfiguration{cfg, lf} {
			fresh := vtimezone(ev.TimeZone, loc, span).Serialize(c)
			for range 2 {
				var b strings.Builder
				if err := cachedVTimezone(ev.TimeZone, loc, span).SerializeTo(&b, c); err != nil || b.String() != fresh {
					t.Errorf("span %v, %+v: cached (%v)\n%s\nfresh\n%s", span, c, err, b.String(), fresh)
				}
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

// Write's output is golang-ical's serialization of the calendar with fresh
// VTIMEZONEs and the options Write used to pass.
func TestWriteMatchesUncachedSerialization(t *testing.T) {
	ev := santiagoEvent(t)
	later := ev
	later.UID, later.TimeZone = "later@consulta", "Europe/Paris"
	later.Start, later.End = later.Start.AddDate(2, 0, 0), later.End.AddDate(2, 0, 0)
	for _, events := range [][]Event{{ev}, {ev, later}} {
		for range 2 {
			got, err := Bytes(MethodRequest, "", events...)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := build(MethodRequest, "", events)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range cal.Components {
				if f, ok := c.(*frozenTimezone); ok {
					cal.Components[i] = f.VTimezone
				}
			}
			var want bytes.Buffer
			if err := cal.SerializeTo(&want, ics.WithNewLineWindows, ics.WithLineLength(75)); err != nil {
				t.Fatal(err)
			}
			// DTSTAMP is the event's Updated, so both renderings are the same.
			if string(got) != want.String() {
				t.Errorf("Write:\n%s\nuncached:\n%s", got, want.String())
			}
		}
	}
}
