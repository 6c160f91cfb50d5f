package web

import (
	"net/http"
	"net/url"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/stakeholder"
)

// Manual check-in: the approved registrants of a consultation, searched by
// name or organization and filtered, each with one button to mark them
// present or take it back. Attendance counts them with those who used
// their personal join link (store.Attendance).

type checkinPage struct {
	Slug, Title string
	Filter      live.CheckInFilter
	Groups      []stakeholder.Group
	Rows        []checkinRow
	More        bool   // more matched than the page lists: search to narrow
	Back        string // the list's query, kept by each button
	Done        string // the name just checked in or out, for the status line
	DoneIn      bool
	PageSize    int
}

type checkinRow struct {
	ID, Name, Organization, Group, Country string
	Joined, CheckedIn                      bool
	When, By                               string // of the check-in
}

// checkinFilter reads the list's filters from the query (or the button's
// copy of it).
func checkinFilter(q url.Values, consultationID int64) live.CheckInFilter {
	f := live.CheckInFilter{ConsultationID: consultationID, Search: q.Get("q"), Presence: live.Presence(q.Get("presence"))}
	if g := stakeholder.Group(q.Get("group")); g.Valid() {
		f.StakeholderGroup = string(g)
	}
	if f.Normalise() != nil {
		f.Presence = live.AnyPresence
	}
	return f
}

// checkinQuery is the query of a filtered list.
func checkinQuery(f live.CheckInFilter) string {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Search, "group": f.StakeholderGroup, "presence": string(f.Presence)} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

func (s *Server) showCheckIn(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	f := checkinFilter(r.URL.Query(), c.ID)
	f.Limit = live.CheckInPage + 1
	list, err := s.DB.Attendees(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, _ := c.Text(p.Lang())
	d := checkinPage{Slug: c.Slug, Title: t.Title, Filter: f, Groups: stakeholder.All(), Back: checkinQuery(f),
		More: len(list) > live.CheckInPage, PageSize: live.CheckInPage, DoneIn: r.URL.Query().Get("done") == "in"}
	for i, a := range list[:min(len(list), live.CheckInPage)] {
		d.Rows = append(d.Rows, s.checkinRow(p, a))
		if a.RegistrationID == r.URL.Query().Get("id") {
			d.Done = list[i].Name
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "admin_checkin", s.newPage(r, p.T("checkin.title", "Title", t.Title), d))
}

func (s *Server) checkinRow(p *i18n.Printer, a live.Attendee) checkinRow {
	row := checkinRow{ID: a.RegistrationID, Name: a.Name, Organization: a.Organization,
		Group: p.T(stakeholder.Group(a.StakeholderGroup).MessageID()), Country: s.Countries.Name(a.Country, p.Lang()),
		Joined: a.JoinedAt != nil, CheckedIn: a.CheckedInAt != nil, By: a.CheckedInBy}
	if a.CheckedInAt != nil {
		row.When = p.Clock(*a.CheckedInAt) + " UTC"
	}
	return row
}

// checkIn marks one registrant present (present=1) or takes it back, and
// goes back to the same list.
func (s *Server) checkIn(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, present := r.PathValue("id"), r.PostFormValue("present") == "1"
	u := s.currentUser(r)
	if err := live.SetPresent(r.Context(), s.DB, s.Now(), c.ID, id, u.ID, present); err != nil {
		s.fail(w, r, err)
		return
	}
	back, _ := url.ParseQuery(r.PostFormValue("back"))
	q, _ := url.ParseQuery(checkinQuery(checkinFilter(back, c.ID))) // only the known filters go back
	q.Set("id", id)
	q.Set("done", map[bool]string{true: "in", false: "out"}[present])
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/checkin?"+q.Encode()+"#r-"+url.PathEscape(id), http.StatusSeeOther)
}
