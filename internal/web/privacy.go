package web

import (
	"net/http"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/privacy"
)

// privacyPage is what the notice names: who controls the data, where to
// write, how long unconfirmed registrations wait, and the version.
type privacyPage struct {
	Controller, Contact string
	UnconfirmedHours    int
	Version             string // privacy.NoticeVersion, also machine-readable
	VersionDate         string
}

// showPrivacy is the privacy notice registrants consent to; each
// registration records its version (privacy.NoticeVersion).
func (s *Server) showPrivacy(w http.ResponseWriter, r *http.Request) {
	p := langFrom(r.Context(), s.Catalog)
	c := s.Config
	if c == nil {
		c = &config.Config{}
	}
	ttl := c.UnconfirmedTTL
	if ttl == 0 {
		ttl = config.DefaultUnconfirmedTTL
	}
	d := privacyPage{Controller: or(c.DataController, p.T("privacy.controller_default")), Contact: c.PrivacyContact,
		UnconfirmedHours: int(ttl.Hours()), Version: privacy.NoticeVersion, VersionDate: p.Date(privacy.NoticeDate())}
	pg := s.newPage(r, p.T("privacy.title"), d)
	pg.Meta = s.meta(p, "/privacy", p.T("privacy.who"))
	s.render(w, r, http.StatusOK, "privacy", pg)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
