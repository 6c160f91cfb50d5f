package web

import (
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
)

// applyTimes reads the start, end and registration window as wall-clock
// times in the consultation's own zone (UTC while the zone is invalid; the
// zone's own error says so).
func applyTimes(v map[string]string, c *consultation.Consultation, bad map[string]string) {
	c.TimeZone = v["time_zone"]
	loc := c.Location()
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"starts_at", &c.StartsAt}, {"ends_at", &c.EndsAt}} {
		at, ok := parseLocal(v[t.name], loc)
		if !ok {
			bad[t.name] = "error.datetime"
		}
		*t.dst = at
	}
	for _, t := range []struct {
		name string
		dst  **time.Time
	}{{"registration_opens", &c.RegistrationOpens}, {"registration_ends", &c.RegistrationEnds}} {
		at, ok := parseLocal(v[t.name], loc)
		if !ok {
			bad[t.name] = "error.datetime"
		}
		*t.dst = nil
		if !at.IsZero() {
			*t.dst = &at
		}
	}
}

// formatLocalPtr is formatLocal for an optional time.
func formatLocalPtr(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return formatLocal(*t, loc)
}

// moderatorLines shows moderators one per line as "Name | Organization".
func moderatorLines(people []consultation.Person) string {
	var out []string
	for _, m := range people {
		line := m.Name
		if m.Organization != "" {
			line += " | " + m.Organization
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// parseModerators reads "Name | Organization" lines; the organization is optional.
func parseModerators(s string) []consultation.Person {
	var out []consultation.Person
	for _, l := range lines(s) {
		name, org, _ := strings.Cut(l, "|")
		out = append(out, consultation.Person{Name: strings.TrimSpace(name), Organization: strings.TrimSpace(org)})
	}
	return out
}

// fillSchedule shows the meeting link's schedule: the release as a
// wall-clock time in the consultation's zone, durations as typed.
func fillSchedule(v map[string]string, c *consultation.Consultation, loc *time.Location) {
	v["link_release_at"] = formatLocalPtr(c.LinkReleaseAt, loc)
	v["link_release_before"] = ""
	if c.LinkReleaseBefore != nil {
		v["link_release_before"] = consultation.FormatDuration(*c.LinkReleaseBefore)
	}
	v["join_opens_before"] = consultation.FormatDuration(c.JoinOpensBefore)
	v["reminders"] = consultation.FormatDurations(c.Reminders)
}

// applySchedule reads the schedule (after applyTimes set the zone): an
// empty "join opens" means the default, empty reminders mean none.
func applySchedule(v map[string]string, c *consultation.Consultation, bad map[string]string) {
	at, ok := parseLocal(v["link_release_at"], c.Location())
	if !ok {
		bad["link_release_at"] = "error.datetime"
	}
	c.LinkReleaseAt = nil
	if !at.IsZero() {
		c.LinkReleaseAt = &at
	}
	c.LinkReleaseBefore = nil
	if s := strings.TrimSpace(v["link_release_before"]); s != "" {
		if d, ok := consultation.ParseDuration(s); ok {
			c.LinkReleaseBefore = &d
		} else {
			bad["link_release_before"] = "error.duration"
		}
	}
	c.JoinOpensBefore = consultation.DefaultJoinOpensBefore
	if s := strings.TrimSpace(v["join_opens_before"]); s != "" {
		if d, ok := consultation.ParseDuration(s); ok {
			c.JoinOpensBefore = d
		} else {
			bad["join_opens_before"] = "error.duration"
		}
	}
	if ds, ok := consultation.ParseDurations(v["reminders"]); ok {
		c.Reminders = ds
	} else {
		bad["reminders"] = "error.duration"
	}
}
