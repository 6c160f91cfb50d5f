package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// registrationsPerPage is the length of one page of the admin list.
const registrationsPerPage = 50

// maxListPage bounds ?page= (200,000 pages of 50: far more registrations
// than any consultation has).
const maxListPage = 200_000

// regQuery is the admin list's filter as the reader chose it; values that
// are not valid choices are dropped, so a bad link shows everything.
type regQuery struct {
	Status, Group, Country, Region, Commission string
	Page                                       int
}

// parseRegQuery reads the filter from the query string.
func (s *Server) parseRegQuery(q url.Values) regQuery {
	rq := regQuery{Status: q.Get("status"), Group: q.Get("group"), Country: country.Normalize(q.Get("country")),
		Region: q.Get("region"), Commission: q.Get("commission")}
	if !slices.Contains(registration.Statuses(), registration.Status(rq.Status)) {
		rq.Status = ""
	}
	if !stakeholder.Group(rq.Group).Valid() {
		rq.Group = ""
	}
	if !s.Countries.Valid(rq.Country) {
		rq.Country = ""
	}
	if !s.knownRegion(rq.Region) {
		rq.Region = ""
	}
	if !s.Countries.KnownCommission(rq.Commission) {
		rq.Commission = ""
	}
	// Clamped: a page past the end is simply empty, and an OFFSET that
	// overflows is a database error on PostgreSQL.
	rq.Page, _ = boundedInt(q, "page", 1, 1, maxListPage)
	return rq
}

// knownRegion reports whether m49 is one of the regions offered in the filter.
func (s *Server) knownRegion(m49 string) bool {
	return slices.ContainsFunc(s.Countries.RegionOptions(i18n.Source), func(o country.Option) bool { return o.Code == m49 })
}

// filter turns the query into a store filter for consultation id; the
// region and the regional commission become the lists of their countries
// (a commission's member States and associate members).
func (s *Server) regFilter(id int64, rq regQuery) store.RegistrationFilter {
	f := store.RegistrationFilter{ConsultationID: id, Status: rq.Status, StakeholderGroup: rq.Group}
	if rq.Country != "" {
		f.Countries = []string{rq.Country}
	}
	if rq.Region != "" {
		f.Countries = s.countriesIn(func(c string) bool { return s.Countries.InRegion(c, rq.Region) }, f.Countries)
	}
	if rq.Commission != "" {
		f.Countries = s.countriesIn(func(c string) bool { return s.Countries.InCommission(c, rq.Commission) }, f.Countries)
	}
	return f
}

// countriesIn keeps the candidates (all countries when nil) for which in
// holds; the result is never nil, so an empty group matches nothing.
func (s *Server) countriesIn(in func(country string) bool, candidates []string) []string {
	if candidates == nil {
		candidates = s.Countries.Codes()
	}
	kept := []string{}
	for _, c := range candidates {
		if in(c) {
			kept = append(kept, c)
		}
	}
	return kept
}

// values is the query string for this filter on another page (0 = none).
func (rq regQuery) values(page int) url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"status": rq.Status, "group": rq.Group, "country": rq.Country, "region": rq.Region,
		"commission": rq.Commission} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// adminConsultation loads the consultation named in the path, public or not.
func (s *Server) adminConsultation(r *http.Request) (*consultation.Consultation, error) {
	return s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
}

// registrationsPage is the data of the admin registrations page.
type registrationsPage struct {
	Slug, Title        string
	ApprovalRequired   bool
	Approved           string // name of the registrant just acted on, for the status message
	NowStatus          string // the status that action left
	Bulk               string // "changed/selected" after a bulk action
	Return             string // this page's query, to come back to after approving
	Query              regQuery
	Rows               []registrationRow
	Total, Pages       int
	PrevURL, NextURL   string
	CSVURL, XLSXURL    string
	Balance            balanceView
	Statuses           []registration.Status
	Groups             []stakeholder.Group
	Countries, Regions []country.Option
	Commissions        []country.Option // the regional commissions, for the filter
}

// registrationRow is one registration as the list shows it.
type registrationRow struct {
	ID                                                          string
	Name, Email, Organization, Group, Country, Language, Status string
	// What the secretariat may do with it: approve (confirmed, waitlisted
	// or rejected), reject (standing), move back (approved).
	CanApprove, CanReject, CanUnapprove bool
	RegisteredAt                        time.Time
	Registered                          string
	LinkSent, Attended                  string // when, "" if not
}

// showRegistrations lists a consultation's registrations with filters,
// pagination and the live balance figures.
func (s *Server) showRegistrations(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	rq := s.parseRegQuery(r.URL.Query())
	f := s.regFilter(c.ID, rq)
	f.Limit, f.Offset = registrationsPerPage, (rq.Page-1)*registrationsPerPage
	list, total, err := s.DB.Registrations(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bal, err := s.DB.RegistrationBalance(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := s.registrationsData(p, c, rq, list, total)
	data.Balance = s.balanceView(p, bal)
	q := r.URL.Query()
	data.Approved, data.NowStatus, data.Bulk = q.Get("approved"), q.Get("now"), q.Get("bulk")
	if !validStatus(data.NowStatus) {
		data.NowStatus = ""
	}
	s.render(w, r, http.StatusOK, "admin_registrations", s.newPage(r, p.T("adminregs.title", "Title", data.Title), data))
}

// registrationsData builds the page around one page of results.
func (s *Server) registrationsData(p *i18n.Printer, c *consultation.Consultation, rq regQuery,
	list []*registration.Registration, total int) registrationsPage {
	t, _ := c.Text(p.Lang())
	d := registrationsPage{Slug: c.Slug, Title: t.Title, Query: rq, Total: total, ApprovalRequired: c.ApprovalRequired,
		Return:   rq.values(rq.Page).Encode(),
		Pages:    max(1, (total+registrationsPerPage-1)/registrationsPerPage),
		Statuses: registration.Statuses(), Groups: stakeholder.All(),
		Countries: s.Countries.Options(p.Lang()), Regions: s.Countries.RegionOptions(p.Lang()),
		Commissions: s.Countries.CommissionOptions(p.Lang())}
	base := "/admin/consultations/" + c.Slug + "/registrations"
	d.CSVURL, d.XLSXURL = withQuery(base+".csv", rq.values(0)), withQuery(base+".xlsx", rq.values(0))
	if rq.Page > 1 {
		d.PrevURL = withQuery(base, rq.values(rq.Page-1))
	}
	if rq.Page < d.Pages {
		d.NextURL = withQuery(base, rq.values(rq.Page+1))
	}
	for _, reg := range list {
		row := s.registrationRow(p, reg)
		if reg.Status == registration.Confirmed {
			row.Status = p.T("adminregs.status.awaiting_approval")
		}
		d.Rows = append(d.Rows, row)
	}
	return d
}

func (s *Server) registrationRow(p *i18n.Printer, reg *registration.Registration) registrationRow {
	st := reg.Status
	return registrationRow{ID: reg.ID, Name: reg.FullName(), Email: reg.Email, Organization: reg.Organization,
		Group: p.T(reg.StakeholderGroup.MessageID()), Country: s.Countries.Name(reg.Country, p.Lang()),
		Language: i18n.Autonym(reg.Language), Status: p.T("adminregs.status." + string(st)),
		CanApprove:   st == registration.Confirmed || st == registration.Waitlisted || st == registration.Rejected,
		CanReject:    st == registration.Confirmed || st == registration.Waitlisted || st == registration.Approved,
		CanUnapprove: st == registration.Approved,
		RegisteredAt: reg.CreatedAt, Registered: p.Date(reg.CreatedAt) + " " + p.Clock(reg.CreatedAt) + " UTC",
		LinkSent: utcLabel(p, reg.LinkSentAt), Attended: utcLabel(p, reg.FirstJoinedAt)}
}

// withQuery appends a query string to path when there is one.
func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// approveRegistration records the secretariat's approval (or waitlists
// the registrant when every place is held) and goes back to the list.
func (s *Server) approveRegistration(w http.ResponseWriter, r *http.Request) {
	s.registrationAction(w, r, func(c *consultation.Consultation, id string) (*registration.Registration, error) {
		return s.Registrations.Approve(r.Context(), c, id)
	})
}

// rejectRegistration refuses a registration with the reason typed.
func (s *Server) rejectRegistration(w http.ResponseWriter, r *http.Request) {
	s.registrationAction(w, r, func(c *consultation.Consultation, id string) (*registration.Registration, error) {
		return s.Registrations.Reject(r.Context(), c, id, r.PostFormValue("reason"))
	})
}

// unapproveRegistration moves an approved registration back to awaiting
// approval.
func (s *Server) unapproveRegistration(w http.ResponseWriter, r *http.Request) {
	s.registrationAction(w, r, func(c *consultation.Consultation, id string) (*registration.Registration, error) {
		return s.Registrations.Unapprove(r.Context(), c, id)
	})
}

// registrationAction runs one action on the registration in the path and
// goes back to the list it was made from, saying what happened.
func (s *Server) registrationAction(w http.ResponseWriter, r *http.Request,
	act func(c *consultation.Consultation, id string) (*registration.Registration, error)) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reg, err := act(c, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back, _ := url.ParseQuery(r.PostFormValue("return"))
	rq := s.parseRegQuery(back)
	q := rq.values(rq.Page)
	q.Set("approved", reg.FullName())
	q.Set("now", string(reg.Status))
	http.Redirect(w, r, withQuery("/admin/consultations/"+c.Slug+"/registrations", q), http.StatusSeeOther)
}

// maxBulk bounds one bulk action: a page of the list at most many times
// over, so one request never holds the writer for long.
const maxBulk = 1000

// bulkRegistrations applies one action to the registrations ticked on
// the list, each in its own transaction with its email.
func (s *Server) bulkRegistrations(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids := r.PostForm["id"]
	if len(ids) == 0 || len(ids) > maxBulk {
		s.fail(w, r, errs.InvalidFields(map[string]string{"id": "adminregs.bulk.none"}))
		return
	}
	res, err := s.Registrations.BulkAction(r.Context(), c, r.PostFormValue("action"), ids, r.PostFormValue("reason"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back, _ := url.ParseQuery(r.PostFormValue("return"))
	rq := s.parseRegQuery(back)
	q := rq.values(rq.Page)
	q.Set("bulk", strconv.Itoa(res.Changed)+"/"+strconv.Itoa(len(ids)))
	http.Redirect(w, r, withQuery("/admin/consultations/"+c.Slug+"/registrations", q), http.StatusSeeOther)
}

// utcLabel is an optional time as "1 December 2026 10:30 UTC", or "".
func utcLabel(p *i18n.Printer, t *time.Time) string {
	if t == nil {
		return ""
	}
	return p.Date(*t) + " " + p.Clock(*t) + " UTC"
}
