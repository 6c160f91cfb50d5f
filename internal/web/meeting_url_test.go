package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
)

// A consultation form drawn without the meeting URL (for a role that may
// not read it) neither shows nor reads it: a post carrying an empty or a
// forged meeting_url leaves the stored link alone.
func TestFormWithoutMeetingURLKeepsIt(t *testing.T) {
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer("en")
	for _, tc := range []struct {
		shown bool
		typed string
		want  string
	}{
		{false, "", "https://meet.example.org/secret"},
		{false, "https://evil.example.org/", "https://meet.example.org/secret"},
		{true, "https://meet.example.org/new", "https://meet.example.org/new"},
		{true, "", ""},
	} {
		f := newAdminForm("", "", "")
		f.Sets = consultationFieldsets(p, tc.shown)
		r, _ := http.NewRequest(http.MethodPost, "/", strings.NewReader(url.Values{"meeting_url": {tc.typed}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		f.readValues(r)
		c := &consultation.Consultation{MeetingURL: "https://meet.example.org/secret"}
		applyMeetingURL(f, c)
		if c.MeetingURL != tc.want {
			t.Errorf("shown=%v typed %q: meeting URL %q, want %q", tc.shown, tc.typed, c.MeetingURL, tc.want)
		}
		if _, has := f.Values["meeting_url"]; has != tc.shown {
			t.Errorf("shown=%v: the form read meeting_url=%v", tc.shown, has)
		}
	}
}
