package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// mustLoad loads an IANA zone or fails the test.
func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// santiagoEvent is the reference consultation used across tests.
func santiagoEvent(t *testing.T) Event {
	loc := mustLoad(t, "America/Santiago")
	return Event{
		UID:         "consultation-wsis20-lac@consulta",
		Sequence:    2,
		Title:       "WSIS+20 regional consultation: Latin America & Caribbean",
		Description: "Open to all stakeholders.",
		Location:    "Virtual",
		URL:         "https://consulta.example.org/c/wsis20-lac",
		Start:       time.Date(2024, 12, 5, 11, 0, 0, 0, loc),
		End:         time.Date(2024, 12, 5, 13, 0, 0, 0, loc),
		TimeZone:    "America/Santiago",
		Organizer:   "secretariat@example.org",
		Updated:     time.Date(2024, 11, 20, 9, 30, 0, 0, time.UTC),
	}
}

// render produces output and checks the line-level invariants every
// test relies on (CRLF, ≤75 octets, whole UTF-8 sequences).
func render(t *testing.T, m Method, events ...Event) string {
	t.Helper()
	b, err := Bytes(m, "-//Consulta//Test//EN", events...)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, string(b))
	return string(b)
}

// checkLines asserts RFC 5545 §3.1 line rules on raw output.
func checkLines(t *testing.T, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatal("output does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR/LF: %q", i, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, line)
		}
	}
}

// unfold reverses RFC 5545 folding.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// parse reads output back with golang-ical's parser.
func parse(t *testing.T, out string) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	return cal
}

// prop returns the value of a property on a parsed event.
func prop(ev *ics.VEvent, p ics.ComponentProperty) string {
	if v := ev.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestSantiagoDecember(t *testing.T) {
	out := render(t, MethodPublish, santiagoEvent(t))
	u := unfold(out)
	for _, want := range []string{
		"METHOD:PUBLISH\r\n",
		"DTSTART;TZID=America/Santiago:20241205T110000\r\n",
		"DTEND;TZID=America/Santiago:20241205T130000\r\n",
		"TZID:America/Santiago\r\n",
		"SEQUENCE:2\r\n",
		"DTSTAMP:20241120T093000Z\r\n",
		"ORGANIZER:mailto:secretariat@example.org\r\n",
		"STATUS:CONFIRMED\r\n",
	} {
		if !strings.Contains(u, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	cal := parse(t, out)
	tzs := cal.Timezones()
	if len(tzs) != 1 || tzs[0].GetProperty(ics.ComponentPropertyTzid).Value != "America/Santiago" {
		t.Fatalf("want one VTIMEZONE America/Santiago, got %d", len(tzs))
	}
	if got := offsetAt(t, tzs[0], "20241205T110000"); got != "-0300" {
		t.Errorf("December offset from VTIMEZONE = %s, want -0300", got)
	}
	if got := offsetAt(t, tzs[0], "20240715T110000"); got != "-0400" {
		t.Errorf("July offset from VTIMEZONE = %s, want -0400", got)
	}
	start, err := cal.Events()[0].GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	if got := start.UTC().Format(utcFormat); got != "20241205T140000Z" {
		t.Errorf("start in UTC = %s, want 20241205T140000Z", got)
	}
}

func TestZoneWithoutDST(t *testing.T) {
	for _, zone := range []string{"Asia/Tashkent", "UTC"} {
		t.Run(zone, func(t *testing.T) {
			loc := mustLoad(t, zone)
			ev := santiagoEvent(t)
			ev.TimeZone = zone
			ev.Start = time.Date(2025, 3, 10, 9, 0, 0, 0, loc)
			ev.End = ev.Start.Add(90 * time.Minute)
			out := render(t, MethodPublish, ev)
			if !strings.Contains(out, "DTSTART;TZID="+zone+":20250310T090000\r\n") {
				t.Errorf("DTSTART not in local time:\n%s", out)
			}
			tz := parse(t, out).Timezones()[0]
			if n := len(tz.Components); n != 1 {
				t.Fatalf("want a single observance, got %d:\n%s", n, out)
			}
			if _, ok := tz.Components[0].(*ics.Standard); !ok {
				t.Fatalf("observance is %T, want STANDARD", tz.Components[0])
			}
			_, off := ev.Start.Zone()
			if got := offsetAt(t, tz, "20250310T090000"); got != formatOffset(off) {
				t.Errorf("offset %s, want %s", got, formatOffset(off))
			}
		})
	}
}

func TestFoldingAndEscaping(t *testing.T) {
	ev := santiagoEvent(t)
	ev.Title = "Consulta, fase 2; LAC"
	ev.Location = `Sala 1\2, Santiago`
	ev.Description = strings.Repeat("مشاورة إقليمية بشأن مستقبل مجتمع المعلومات، ", 4) +
		"\r\n" + strings.Repeat("信息社会世界峰会区域磋商，欢迎所有利益攸关方参加。", 4) +
		"\nend; a,b"
	out := render(t, MethodPublish, ev)
	u := unfold(out)
	for _, want := range []string{
		`SUMMARY:Consulta\, fase 2\; LAC` + "\r\n",
		`LOCATION:Sala 1\\2\, Santiago` + "\r\n",
		`\nend\; a\,b` + "\r\n",
	} {
		if !strings.Contains(u, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if !strings.Contains(out, "\r\n ") {
		t.Error("long description was not folded")
	}
	got := prop(parse(t, out).Events()[0], ics.ComponentPropertyDescription)
	if want := strings.ReplaceAll(ev.Description, "\r\n", "\n"); got != want {
		t.Errorf("description round trip:\n got %q\nwant %q", got, want)
	}
}

func TestCancel(t *testing.T) {
	t.Run("cancelled flag", func(t *testing.T) {
		ev := santiagoEvent(t)
		ev.Cancelled = true
		out := render(t, MethodPublish, ev)
		if !strings.Contains(out, "STATUS:CANCELLED\r\n") {
			t.Errorf("missing STATUS:CANCELLED:\n%s", out)
		}
	})
	t.Run("method cancel", func(t *testing.T) {
		ev := santiagoEvent(t)
		ev.Sequence++
		out := render(t, MethodCancel, ev)
		cal := parse(t, out)
		if !strings.Contains(out, "METHOD:CANCEL\r\n") {
			t.Errorf("missing METHOD:CANCEL:\n%s", out)
		}
		if got := prop(cal.Events()[0], ics.ComponentPropertyStatus); got != "CANCELLED" {
			t.Errorf("STATUS = %q, want CANCELLED", got)
		}
	})
}

func TestValidation(t *testing.T) {
	ok := santiagoEvent(t)
	noOrg := ok
	noOrg.Organizer = ""
	inverted := ok
	inverted.End = ok.Start.Add(-time.Hour)
	badZone := ok
	badZone.TimeZone = "Mars/Olympus_Mons"
	badURL := ok
	badURL.URL = "https://x\r\nATTACH:evil"
	cases := map[string]struct {
		m  Method
		ev Event
	}{
		"bad method":           {"ADD", ok},
		"request without org":  {MethodRequest, noOrg},
		"cancel without org":   {MethodCancel, noOrg},
		"end before start":     {MethodPublish, inverted},
		"unknown zone":         {MethodPublish, badZone},
		"control chars in URL": {MethodPublish, badURL},
		"missing uid":          {MethodPublish, Event{Start: ok.Start, End: ok.End}},
	}
	for name, c := range cases {
		var buf bytes.Buffer
		if err := Write(&buf, c.m, "", c.ev); err == nil {
			t.Errorf("%s: want error", name)
		} else if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes despite error", name, buf.Len())
		}
	}
	if _, err := Bytes(MethodPublish, "", noOrg); err != nil {
		t.Errorf("PUBLISH without organizer: %v", err)
	}
}

func TestNoTimeZoneUsesUTC(t *testing.T) {
	ev := santiagoEvent(t)
	ev.TimeZone = ""
	out := render(t, MethodPublish, ev)
	if !strings.Contains(out, "DTSTART:20241205T140000Z\r\n") || strings.Contains(out, "VTIMEZONE") {
		t.Errorf("want UTC times and no VTIMEZONE:\n%s", out)
	}
}
