package calendar

import (
	"fmt"
	"slices"
	"time"

	ics "github.com/arran4/golang-ical"
)

const (
	localFormat = "20060102T150405"  // DATE-TIME "form #3" (with TZID) and VTIMEZONE DTSTART
	utcFormat   = "20060102T150405Z" // DATE-TIME "form #2"
	// maxTransitions guards the transition walk against a misbehaving
	// zone; real zones have at most a handful of transitions per year.
	maxTransitions = 1000
)

// loadZones resolves every distinct Event.TimeZone once. "Local" is
// rejected because it is not an IANA name a client could interpret.
func loadZones(events []Event) (map[string]*time.Location, error) {
	locs := map[string]*time.Location{"": nil}
	for _, ev := range events {
		if _, ok := locs[ev.TimeZone]; ok {
			continue
		}
		if ev.TimeZone == "Local" {
			return nil, fmt.Errorf("calendar: time zone %q is not an IANA name", ev.TimeZone)
		}
		loc, err := loadZone(ev.TimeZone)
		if err != nil {
			return nil, fmt.Errorf("calendar: event %q: %w", ev.UID, err)
		}
		locs[ev.TimeZone] = loc
	}
	return locs, nil
}

// yearSpan is the range of local years a zone must cover.
type yearSpan struct{ from, to int }

// timezones builds one VTIMEZONE per zone in use, covering every year in
// which one of its events starts or ends, in stable (sorted) order.
func timezones(events []Event, locs map[string]*time.Location) []ics.Component {
	spans := map[string]yearSpan{}
	for _, ev := range events {
		loc := locs[ev.TimeZone]
		if loc == nil {
			continue
		}
		spans[ev.TimeZone] = widen(spans[ev.TimeZone], ev.Start.In(loc).Year(), ev.End.In(loc).Year())
	}
	var out []ics.Component
	for _, name := range slices.Sorted(mapKeys(spans)) {
		out = append(out, cachedVTimezone(name, locs[name], spans[name]))
	}
	return out
}

// widen extends s to include years a..b (a zero span is empty).
func widen(s yearSpan, a, b int) yearSpan {
	if s.from == 0 || a < s.from {
		s.from = a
	}
	if b > s.to {
		s.to = b
	}
	return s
}

// mapKeys yields the keys of m (for sorting).
func mapKeys(m map[string]yearSpan) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// vtimezone emits the observance in force on 1 January of span.from plus
// every real transition up to the end of span.to. Transitions come from
// time.Time.ZoneBounds, i.e. the exact instants in Go's tz database
// (including the POSIX-TZ rule used for future years), so no bisection
// error is possible. Each onset is its own STANDARD/DAYLIGHT without RRULE,
// which is valid RFC 5545 and avoids guessing recurrence rules.
func vtimezone(name string, loc *time.Location, span yearSpan) *ics.VTimezone {
	tz := ics.NewTimezone(name)
	from := time.Date(span.from, time.January, 1, 0, 0, 0, 0, loc)
	to := time.Date(span.to+1, time.January, 1, 0, 0, 0, 0, loc)
	start, end := from.ZoneBounds()
	tz.Components = append(tz.Components, observance(loc, start, from))
	for i := 0; i < maxTransitions && !end.IsZero() && end.Before(to); i++ {
		tz.Components = append(tz.Components, observance(loc, end, end))
		next := nextTransition(end)
		if !next.IsZero() && !next.After(end) {
			break // defensive: never loop on a non-advancing bound
		}
		end = next
	}
	return tz
}

// nextTransition returns the end of the zone period containing t.
func nextTransition(t time.Time) time.Time {
	_, end := t.ZoneBounds()
	return end
}

// observance describes the zone period beginning at onset; sample is any
// instant inside it. A zero onset means "since the beginning of time"
// (e.g. UTC), written as a 1970 onset with equal from/to offsets.
func observance(loc *time.Location, onset, sample time.Time) ics.Component {
	abbr, toOff := sample.In(loc).Zone()
	fromOff, dtstart := toOff, "19700101T000000"
	if !onset.IsZero() {
		_, fromOff = onset.Add(-time.Second).In(loc).Zone()
		// RFC 5545 §3.6.5: onset DTSTART is local time in the *previous* offset.
		dtstart = onset.UTC().Add(time.Duration(fromOff) * time.Second).Format(localFormat)
	}
	cb := ics.ComponentBase{}
	cb.SetProperty(ics.ComponentPropertyDtStart, dtstart)
	cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), formatOffset(fromOff))
	cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), formatOffset(toOff))
	cb.SetProperty(ics.ComponentProperty(ics.PropertyTzname), abbr)
	if sample.In(loc).IsDST() {
		return &ics.Daylight{ComponentBase: cb}
	}
	return &ics.Standard{ComponentBase: cb}
}

// formatOffset renders a UTC-OFFSET (±hhmm, ±hhmmss for LMT-style offsets).
func formatOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// setTime writes DTSTART/DTEND as TZID-qualified local time. It falls back
// to UTC when there is no zone, or when the wall time is ambiguous (the
// repeated hour at a DST end), since RFC 5545 would read an ambiguous
// local time as its first occurrence and shift the event.
func setTime(cb *ics.ComponentBase, prop ics.ComponentProperty, t time.Time, zone string, loc *time.Location) {
	t = t.Truncate(time.Second)
	if loc == nil || !wallTimeUnique(t.In(loc)) {
		cb.SetProperty(prop, t.UTC().Format(utcFormat))
		return
	}
	cb.SetProperty(prop, t.In(loc).Format(localFormat), ics.WithTZID(zone))
}

// wallTimeUnique reports whether t's wall clock maps back to t itself.
func wallTimeUnique(t time.Time) bool {
	back := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, t.Location())
	return back.Equal(t)
}
