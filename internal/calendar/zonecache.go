package calendar

import (
	"sync"
	"sync/atomic"
	"time"

	ics "github.com/arran4/golang-ical"
)

// zones keeps every time zone loaded, once per name for the whole process:
// time.LoadLocation caches nothing and reads and parses the zone file on
// each call, once per invitation attached to an email. Entries are never
// evicted: only names of the IANA time zone database resolve (a few
// hundred, fixed for a process); a name that fails is not kept, so its
// error is reported afresh every time. (internal/consultation has the
// same cache; calendar keeps its own so that it stays independent of the
// domain packages, and because it must report unknown names as errors
// where consultation falls back to UTC.)
var zones sync.Map // name → *time.Location

// loadZone is time.LoadLocation, cached.
func loadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	got, _ := zones.LoadOrStore(name, loc)
	return got.(*time.Location), nil
}

// vtzKey names one generated VTIMEZONE: a zone and the years it covers.
type vtzKey struct {
	name string
	span yearSpan
}

// vtimezones keeps generated VTIMEZONEs. vtimezone is deterministic for a
// zone name and a year span (the zone is the cached, immutable
// *time.Location of that name), and golang-ical only reads a component
// when it serializes it (Calendar.AddVTimezone appends the pointer,
// SerializeTo walks the properties), so one value can go into every
// calendar, concurrently. Nothing may modify a cached VTIMEZONE: build
// adds it to a calendar that only Write serializes and that never leaves
// this package. Spans come from event dates, so the cache is bounded:
// once it holds maxVTimezones entries, further ones are built each time
// and not kept.
var (
	vtimezones    sync.Map // vtzKey → *ics.VTimezone
	vtzCount      atomic.Int64
	maxVTimezones = int64(4096)
)

// cachedVTimezone is vtimezone, cached per (zone, year span).
func cachedVTimezone(name string, loc *time.Location, span yearSpan) *ics.VTimezone {
	k := vtzKey{name, span}
	if tz, ok := vtimezones.Load(k); ok {
		return tz.(*ics.VTimezone)
	}
	tz := vtimezone(name, loc, span)
	if vtzCount.Load() >= maxVTimezones {
		return tz
	}
	got, loaded := vtimezones.LoadOrStore(k, tz)
	if !loaded {
		vtzCount.Add(1)
	}
	return got.(*ics.VTimezone)
}
