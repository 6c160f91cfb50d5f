package consultation

import (
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

func lac() *Consultation {
	start := time.Date(2030, 12, 5, 14, 0, 0, 0, time.UTC)
	return &Consultation{Slug: "wsis20-lac", OriginalLang: "en", Format: Virtual, Status: Published,
		TimeZone: "America/Santiago", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Texts: map[string]Text{"en": {Title: "WSIS at 20", Background: "bg", Notice: "moved"},
			"es": {Title: "La CMSI a los 20 años"}}}
}

func TestRegistrationState(t *testing.T) {
	now := time.Date(2030, 12, 1, 0, 0, 0, 0, time.UTC)
	later, earlier := now.Add(time.Hour), now.Add(-time.Hour)
	cases := []struct {
		name   string
		edit   func(*Consultation)
		taken  int
		open   bool
		reason string
		left   int
	}{
		{"open without limit", func(*Consultation) {}, 10, true, "", -1},
		{"places left", func(c *Consultation) { c.Capacity = 3 }, 2, true, "", 1},
		{"full: open, to the waiting list", func(c *Consultation) { c.Capacity = 3 }, 3, true, "", 0},
		{"not open yet", func(c *Consultation) { c.RegistrationOpens = &later }, 0, false, "registration.not_open_yet", -1},
		{"window closed", func(c *Consultation) { c.RegistrationEnds = &earlier }, 0, false, "registration.closed", -1},
		{"meeting over", func(c *Consultation) { c.EndsAt = earlier; c.StartsAt = earlier.Add(-time.Hour) }, 0, false, "registration.closed", -1},
		{"draft", func(c *Consultation) { c.Status = Draft }, 0, false, "registration.closed", -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := lac()
			tc.edit(c)
			st := c.RegistrationState(now, tc.taken)
			if st.Open != tc.open || st.Reason != tc.reason || st.Left != tc.left || st.Waitlist != (tc.left == 0) {
				t.Fatalf("got %+v", st)
			}
		})
	}
}

func TestTextFallsBackFieldByField(t *testing.T) {
	c := lac()
	es, fellBack := c.Text("es")
	if es.Title != "La CMSI a los 20 años" || es.Background != "bg" || !fellBack {
		t.Fatalf("es: %+v fellBack=%v", es, fellBack)
	}
	fr, fellBack := c.Text("fr")
	if fr.Title != "WSIS at 20" || !fellBack {
		t.Fatalf("fr: %+v fellBack=%v", fr, fellBack)
	}
	if _, fellBack := c.Text("en"); fellBack {
		t.Fatal("the original language fell back")
	}
}

func TestValidate(t *testing.T) {
	cases := map[string]func(*Consultation){
		"slug":          func(c *Consultation) { c.Slug = "Not A Slug" },
		"title":         func(c *Consultation) { c.Texts["en"] = Text{} },
		"format":        func(c *Consultation) { c.Format = "radio" },
		"time_zone":     func(c *Consultation) { c.TimeZone = "Mars/Olympus" },
		"ends_at":       func(c *Consultation) { c.EndsAt = c.StartsAt },
		"contact_email": func(c *Consultation) { c.ContactEmail = "nobody" },
		"capacity":      func(c *Consultation) { c.Capacity = -1 },
		"meeting_url":   func(c *Consultation) { c.MeetingURL = "javascript:alert(1)" },
	}
	for field, edit := range cases {
		c := lac()
		edit(c)
		if got := errs.FieldsOf(c.Validate()); got[field] == "" {
			t.Errorf("%s: fields %v", field, got)
		}
	}
	if err := lac().Validate(); err != nil {
		t.Fatalf("valid consultation refused: %v", err)
	}
	for _, u := range []string{"ftp://meet.example.org/x", "meet.example.org/room", "https://", "/relative"} {
		if ValidMeetingURL(u) {
			t.Errorf("ValidMeetingURL(%q) = true", u)
		}
	}
	if !ValidMeetingURL("https://unctad.zoom.us/j/123?pwd=abc") {
		t.Error("a Zoom link refused")
	}
}
