package calendar

import (
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// offsetAt resolves a local wall time against a parsed VTIMEZONE the way
// a client does: the observance with the latest onset ≤ local time wins.
// Onsets use the fixed-width localFormat, so string order is time order.
func offsetAt(t *testing.T, tz *ics.VTimezone, local string) string {
	t.Helper()
	best, off := "", ""
	for _, c := range tz.Components {
		cb := observanceBase(t, c)
		onset := cb.GetProperty(ics.ComponentPropertyDtStart).Value
		if onset <= local && onset > best {
			best = onset
			off = cb.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto)).Value
		}
	}
	if off == "" {
		t.Fatalf("no observance covers %s", local)
	}
	return off
}

// observanceBase unwraps a STANDARD/DAYLIGHT sub-component.
func observanceBase(t *testing.T, c ics.Component) *ics.ComponentBase {
	switch o := c.(type) {
	case *ics.Standard:
		return &o.ComponentBase
	case *ics.Daylight:
		return &o.ComponentBase
	}
	t.Fatalf("unexpected VTIMEZONE child %T", c)
	return nil
}

// TestVTimezoneMatchesGo checks, every 6 hours across all covered years,
// that the generated VTIMEZONE yields the same offset as Go. Samples avoid
// the ambiguous/skipped local hours by using unambiguous instants only.
func TestVTimezoneMatchesGo(t *testing.T) {
	zones := []string{"America/Santiago", "Europe/Berlin", "America/New_York",
		"Australia/Lord_Howe", "Asia/Tashkent", "Africa/Casablanca", "UTC"}
	for _, zone := range zones {
		loc := mustLoad(t, zone)
		ev := Event{UID: "u@c", TimeZone: zone,
			Start: time.Date(2024, 3, 1, 10, 0, 0, 0, loc),
			End:   time.Date(2025, 11, 1, 10, 0, 0, 0, loc)}
		tz := parse(t, render(t, MethodPublish, ev)).Timezones()[0]
		from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, loc), time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
		for at := from; at.Before(to); at = at.Add(6 * time.Hour) {
			local := at.In(loc)
			if !wallTimeUnique(local) {
				continue
			}
			_, off := local.Zone()
			if got := offsetAt(t, tz, local.Format(localFormat)); got != formatOffset(off) {
				t.Fatalf("%s %s: VTIMEZONE offset %s, Go %s", zone, local, got, formatOffset(off))
			}
		}
	}
}

func TestAmbiguousWallTimeFallsBackToUTC(t *testing.T) {
	loc := mustLoad(t, "America/Santiago")
	// 2024-04-06 23:30 local happens twice (DST ends at 24:00 → 23:00).
	for _, utc := range []time.Time{
		time.Date(2024, 4, 7, 2, 30, 0, 0, time.UTC),
		time.Date(2024, 4, 7, 3, 30, 0, 0, time.UTC),
	} {
		ev := Event{UID: "u@c", TimeZone: "America/Santiago", Start: utc.In(loc), End: utc.Add(time.Hour)}
		start, err := parse(t, render(t, MethodPublish, ev)).Events()[0].GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		if !start.Equal(utc) {
			t.Errorf("start %s round-tripped to %s", utc, start.UTC())
		}
	}
}

func TestFormatOffset(t *testing.T) {
	for sec, want := range map[int]string{-10800: "-0300", 19800: "+0530", 0: "+0000", -16966: "-044246"} {
		if got := formatOffset(sec); got != want {
			t.Errorf("formatOffset(%d) = %s, want %s", sec, got, want)
		}
	}
}
