package consultation

import (
	"sync"
	"time"
)

// zones is the process-wide time zone cache behind Location, LoadZone and
// Zones. time.LoadLocation caches nothing: every call reads and parses the
// zone file, which was a fifth of the API's CPU when every timestamp of a
// list converted through it, and a few per cent of each email composed.
// Entries are never evicted: only names of the IANA time zone database
// resolve (a few hundred, a fixed set for a process), and unknown names,
// which could be anything, are not kept. A *time.Location is immutable and
// safe for concurrent use, so one value serves every caller.
var zones sync.Map // name → *time.Location

// LoadZone is time.LoadLocation loaded once per name for the whole
// process; an unknown name is UTC, as in Consultation.Location, and is
// not kept.
func LoadZone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	got, _ := zones.LoadOrStore(name, loc)
	return got.(*time.Location)
}

// Zones is the time zone cache as a value, for the callers that hold one
// (the web server). It keeps no state of its own: every Zones shares the
// process-wide cache of LoadZone. The zero value is ready.
type Zones struct{}

// Of is c's time zone, as Consultation.Location.
func (z *Zones) Of(c *Consultation) *time.Location { return LoadZone(c.TimeZone) }

// Load is LoadZone: time.LoadLocation with the result kept; an unknown
// name is UTC and is not kept.
func (z *Zones) Load(name string) *time.Location { return LoadZone(name) }
