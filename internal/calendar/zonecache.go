package calendar

import (
	"io"
	"strings"
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

// cachedVTimezone is vtimezone, cached per (zone, year span), with its text.
func cachedVTimezone(name string, loc *time.Location, span yearSpan) *frozenTimezone {
	k := vtzKey{name, span}
	if tz, ok := vtimezones.Load(k); ok {
		return tz.(*frozenTimezone)
	}
	tz := freeze(vtimezone(name, loc, span))
	if vtzCount.Load() >= maxVTimezones {
		return tz
	}
	got, loaded := vtimezones.LoadOrStore(k, tz)
	if !loaded {
		vtzCount.Add(1)
	}
	return got.(*frozenTimezone)
}

// frozenTimezone is a VTIMEZONE that is never modified again, with its
// text as serialized with Write's configuration: serializing it again
// with that configuration writes the text, with any other it serializes
// the component as golang-ical does.
type frozenTimezone struct {
	*ics.VTimezone
	text string
}

func freeze(tz *ics.VTimezone) *frozenTimezone {
	var b strings.Builder
	cfg := serialization
	if err := tz.SerializeTo(&b, &cfg); err != nil {
		return &frozenTimezone{VTimezone: tz} // no text: serialized each time
	}
	return &frozenTimezone{VTimezone: tz, text: b.String()}
}

// SerializeTo implements ics.Component.
func (f *frozenTimezone) SerializeTo(w io.Writer, cfg *ics.SerializationConfiguration) error {
	if f.text != "" && *cfg == serialization {
		_, err := io.WriteString(w, f.text)
		return err
	}
	return f.VTimezone.SerializeTo(w, cfg)
}
