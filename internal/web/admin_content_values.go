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
