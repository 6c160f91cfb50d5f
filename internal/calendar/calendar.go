// Package calendar renders consultation events as RFC 5545 iCalendar
// (with RFC 5546 iTIP methods) on top of github.com/arran4/golang-ical.
//
// Times are written as local wall time with a TZID parameter plus a
// VTIMEZONE generated from Go's time zone database, so calendar clients
// show the meeting in the organiser's zone and still convert correctly.
//
// Privacy: Event.Location and Event.Description are published verbatim.
// Callers building the public feed MUST NOT put meeting/join URLs or
// passcodes in them; only send those in per-participant REQUEST messages.
package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Method is the iTIP method (RFC 5546) written as METHOD.
type Method string

// Supported methods.
const (
	MethodPublish Method = "PUBLISH" // public feed / download
	MethodRequest Method = "REQUEST" // invitation to a participant
	MethodCancel  Method = "CANCEL"  // withdraws a previous REQUEST
)

// DefaultProdID is used when Write is given an empty prodID, because
// PRODID is mandatory in every VCALENDAR.
const DefaultProdID = "-//Consulta//Consulta Calendar//EN"

// Event is one consultation session.
type Event struct {
	UID         string // stable across updates, e.g. "consultation-wsis20-lac@consulta"
	Sequence    int    // bump on every significant update so clients replace the old copy
	Title       string
	Description string // plain text; CR/LF normalised, control characters dropped
	// Location is e.g. "Virtual" or a venue. It is public: NEVER put a
	// meeting URL here for the public (PUBLISH) feed.
	Location  string
	URL       string // public page URL
	Start     time.Time
	End       time.Time
	TimeZone  string    // IANA name, e.g. "America/Santiago"; empty means UTC ("Z") times
	Organizer string    // email, optional for PUBLISH, required for REQUEST/CANCEL
	Updated   time.Time // DTSTAMP and LAST-MODIFIED; zero means "now" for DTSTAMP
	Cancelled bool      // STATUS:CANCELLED (always set for METHOD:CANCEL)
}

// serialization is how Write serializes: the library defaults to "\n" on
// Unix, RFC 5545 requires CRLF; it already folds at 75 octets on UTF-8
// rune boundaries. (The cached VTIMEZONEs keep their text as serialized
// with it.)
var serialization = ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}

// Write renders a VCALENDAR with the given method and events to w.
// Everything is validated before the first byte is written.
func Write(w io.Writer, method Method, prodID string, events ...Event) error {
	cal, err := build(method, prodID, events)
	if err != nil {
		return err
	}
	cfg := serialization // a copy: golang-ical gets a pointer
	return cal.SerializeTo(w, &cfg)
}

// Bytes is Write into a byte slice, for HTTP handlers and mail attachments.
func Bytes(method Method, prodID string, events ...Event) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, method, prodID, events...); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// build assembles the whole calendar so that validation errors never
// leave a half-written response behind.
func build(method Method, prodID string, events []Event) (*ics.Calendar, error) {
	if err := validateMethod(method); err != nil {
		return nil, err
	}
	cal := ics.NewCalendar()
	cal.SetProductId(cleanText(orDefault(prodID, DefaultProdID)))
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.Method(method))
	locs, err := loadZones(events)
	if err != nil {
		return nil, err
	}
	// As Calendar.AddVTimezone, with the cached VTIMEZONEs' own type.
	cal.Components = append(cal.Components, timezones(events, locs)...)
	for i, ev := range events {
		ve, err := buildEvent(method, ev, locs[ev.TimeZone])
		if err != nil {
			return nil, fmt.Errorf("calendar: event %d (%q): %w", i, ev.UID, err)
		}
		cal.AddVEvent(ve)
	}
	return cal, nil
}

// validateMethod restricts output to the three methods Consulta uses.
func validateMethod(m Method) error {
	switch m {
	case MethodPublish, MethodRequest, MethodCancel:
		return nil
	}
	return fmt.Errorf("calendar: unsupported method %q", m)
}

// buildEvent maps an Event onto a VEVENT.
func buildEvent(method Method, ev Event, loc *time.Location) (*ics.VEvent, error) {
	if err := validateEvent(method, ev); err != nil {
		return nil, err
	}
	ve := ics.NewEvent(cleanText(ev.UID))
	ve.SetDtStampTime(stamp(ev.Updated))
	if !ev.Updated.IsZero() {
		ve.SetModifiedAt(ev.Updated)
	}
	ve.SetSequence(ev.Sequence)
	setTime(&ve.ComponentBase, ics.ComponentPropertyDtStart, ev.Start, ev.TimeZone, loc)
	setTime(&ve.ComponentBase, ics.ComponentPropertyDtEnd, ev.End, ev.TimeZone, loc)
	ve.SetSummary(cleanText(ev.Title))
	setOptionalText(ve, ev)
	ve.SetStatus(status(method, ev))
	return ve, nil
}

// setOptionalText adds properties that are omitted when empty, because
// empty DESCRIPTION/LOCATION/URL lines confuse some clients.
func setOptionalText(ve *ics.VEvent, ev Event) {
	if ev.Description != "" {
		ve.SetDescription(cleanText(ev.Description))
	}
	if ev.Location != "" {
		ve.SetLocation(cleanText(ev.Location))
	}
	if ev.URL != "" {
		ve.SetURL(ev.URL)
	}
	if ev.Organizer != "" {
		ve.SetOrganizer(ev.Organizer)
	}
}

// status: iTIP CANCEL requires STATUS:CANCELLED on the cancelled event.
func status(method Method, ev Event) ics.ObjectStatus {
	if ev.Cancelled || method == MethodCancel {
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusConfirmed
}

// stamp returns the DTSTAMP instant; DTSTAMP is mandatory so fall back to now.
func stamp(updated time.Time) time.Time {
	if updated.IsZero() {
		return time.Now()
	}
	return updated
}

// validateEvent rejects input that would yield an invalid or unsafe
// calendar (missing UID, inverted times, header injection via URIs).
func validateEvent(method Method, ev Event) error {
	switch {
	case strings.TrimSpace(ev.UID) == "":
		return errors.New("UID is required")
	case ev.Start.IsZero() || ev.End.IsZero():
		return errors.New("start and end are required")
	case ev.End.Before(ev.Start):
		return errors.New("end is before start")
	case hasControl(ev.URL):
		return errors.New("URL contains control characters")
	}
	return validateOrganizer(method, ev.Organizer)
}

// validateOrganizer: iTIP REQUEST and CANCEL are meaningless without an
// ORGANIZER (RFC 5546 §3.2.2, §3.2.5); PUBLISH may omit it.
func validateOrganizer(method Method, org string) error {
	if org == "" {
		if method != MethodPublish {
			return fmt.Errorf("organizer is required for METHOD:%s", method)
		}
		return nil
	}
	if hasControl(org) || !strings.Contains(org, "@") {
		return fmt.Errorf("invalid organizer %q", org)
	}
	return nil
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
