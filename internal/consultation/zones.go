package consultation

import (
	"sync"
	"time"
)

// Zones loads each time zone once. time.LoadLocation (and so Location)
// caches nothing: every call reads and parses the zone file, which was a
// fifth of the API's CPU when every timestamp of a list converted through
// it. The set of zones in use is small and fixed for a process, so entries
// are never evicted. The zero value is ready; whoever renders
// consultations on a hot path owns one (the web server), never the
// package, and a Consultation stays a plain value.
type Zones struct {
	mu     sync.RWMutex
	byName map[string]*time.Location
}

// Of is c's time zone, as Consultation.Location but loaded once.
func (z *Zones) Of(c *Consultation) *time.Location { return z.Load(c.TimeZone) }

// Load is time.LoadLocation with the result kept; an unknown name is UTC,
// as in Consultation.Location, and is not kept.
func (z *Zones) Load(name string) *time.Location {
	z.mu.RLock()
	loc, ok := z.byName[name]
	z.mu.RUnlock()
	if ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	z.mu.Lock()
	if z.byName == nil {
		z.byName = map[string]*time.Location{}
	}
	z.byName[name] = loc
	z.mu.Unlock()
	return loc
}
