package web

import (
	"net/http"
	"sort"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// The closing record, public once published (staff who record see it
// before): attendance (the personal join links and manual check-in) by
// stakeholder group, region and gender, the interventions per guiding question, and the
// interventions themselves.

type closingPage struct {
	Slug, Title   string
	Published     bool
	Attended      int
	ByGroup       []countRow
	ByRegion      []countRow
	ByGender      []countRow
	PerQuestion   []countRow
	Interventions []interventionRow
	raw           []live.Intervention // for the staff export's times
}

type countRow struct {
	Label string
	N     int
}

// counted turns counts by key into rows, largest first, labelled.
func counted(m map[string]int, label func(string) string) []countRow {
	var rows []countRow
	for k, n := range m {
		rows = append(rows, countRow{Label: label(k), N: n})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].N != rows[j].N {
			return rows[i].N > rows[j].N
		}
		return rows[i].Label < rows[j].Label
	})
	return rows
}

func (s *Server) showClosingRecord(w http.ResponseWriter, r *http.Request) {
	d, err := s.closingRecord(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	s.render(w, r, http.StatusOK, "live_record", s.newPage(r, p.T("live.closing.title", "Title", d.Title), d))
}

// closingRecord is the closing record of the request's consultation in the
// reader's language. The public has it once published; staff who record
// (within their limit, userMay) before. forStaff is the staff export's
// call, whose guard has checked the right already.
func (s *Server) closingRecord(r *http.Request, forStaff bool) (d closingPage, err error) {
	c, err := s.publicConsultation(r)
	if forStaff {
		c, err = s.adminConsultation(r)
	}
	if err != nil {
		return d, err
	}
	st, err := s.liveState(r.Context(), c)
	if err != nil {
		return d, err
	}
	published := st.Session.PublishedAt != nil
	if !published && !forStaff && !userMay(r, s.currentUser(r), staff.RecordInterventions) {
		return d, errs.E(errs.NotFound, "live.record.not_published")
	}
	att, err := s.DB.Attendance(r.Context(), c.ID)
	if err != nil {
		return d, err
	}
	list, err := s.DB.Interventions(r.Context(), c.ID)
	if err != nil {
		return d, err
	}
	p := langFrom(r.Context(), s.Catalog)
	v := s.viewConsultation(r.Context(), p, c, -1)
	d = closingPage{Slug: c.Slug, Title: v.Title, Published: published, Interventions: s.interventionRows(p, c, list), raw: list}
	d.ByGroup, d.ByRegion, d.ByGender, d.Attended = s.attendanceRows(p, att)
	perQuestion := map[string]int{}
	for _, row := range d.Interventions {
		key := p.T("live.closing.no_question")
		if row.QuestionNumber > 0 {
			key = p.T("live.agenda.question", "Number", row.QuestionNumber) + " " + row.Question
		}
		perQuestion[key]++
	}
	d.PerQuestion = counted(perQuestion, func(k string) string { return k })
	return d, nil
}

// attendanceRows are the attendance figures by group, region and gender.
func (s *Server) attendanceRows(p *i18n.Printer, att []store.Attendee) (groups, regions, genders []countRow, total int) {
	g, rg, gd := map[string]int{}, map[string]int{}, map[string]int{}
	for _, a := range att {
		total += a.N
		g[a.StakeholderGroup] += a.N
		rg[s.Countries.Region(a.Country)] += a.N
		gd[a.Gender] += a.N
	}
	groups = counted(g, func(k string) string { return p.T(stakeholder.Group(k).MessageID()) })
	regions = counted(rg, func(k string) string { return s.Countries.RegionName(k, p.Lang()) })
	known := map[string]bool{}
	for _, x := range registration.Genders() {
		known[x] = true
	}
	genders = counted(gd, func(k string) string {
		if known[k] {
			return p.T("gender." + k)
		}
		return p.T("live.closing.gender_not_given")
	})
	return groups, regions, genders, total
}
