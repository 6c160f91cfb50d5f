package web

import (
	"cmp"
	"net/http"
	"net/url"
	"strconv"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
)

// moderationFilters are the list's filters, in the order the page offers them.
func moderationFilters() []string { return []string{"unmoderated", "accepted", "rejected", "all"} }

// adminOpinionsPage is the data of the admin opinion-map page.
type adminOpinionsPage struct {
	Slug, Title string
	Public      bool
	Settings    opinion.Settings
	Filter      string
	Filters     []moderationFilterLink
	Rows        []adminStatementRow
	Seed        string            // the seed statement typed
	Errors      map[string]string // field -> catalog id
	Order       []string
	Notice      string
	MaxRunes    int
}

type moderationFilterLink struct {
	Value, URL string
	Count      int
	Current    bool
}

// adminStatementRow is one statement in the moderation list.
type adminStatementRow struct {
	TID                       int
	Body, Lang, Dir, Author   string
	Moderation                string
	Agrees, Disagrees, Passes int
	Actions                   []string // moderation states it can be moved to
}

// parseModerationFilter reads ?moderation=, unmoderated by default.
func parseModerationFilter(q url.Values) string {
	f := q.Get("moderation")
	for _, x := range moderationFilters() {
		if f == x {
			return f
		}
	}
	return "unmoderated"
}

func (s *Server) adminOpinionsData(r *http.Request, c *consultation.Consultation, filter string) (*adminOpinionsPage, error) {
	p := langFrom(r.Context(), s.Catalog)
	set, err := s.DB.OpinionSettings(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	counts, err := s.DB.ModerationCounts(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	f := store.StatementFilter{ConsultationID: c.ID}
	if m, ok := opinion.ParseModeration(filter); ok {
		f.States = []opinion.Moderation{m}
	}
	list, err := s.DB.Statements(r.Context(), f)
	if err != nil {
		return nil, err
	}
	t, _ := c.Text(p.Lang())
	d := &adminOpinionsPage{Slug: c.Slug, Title: t.Title, Public: c.Public(), Settings: set, Filter: filter,
		MaxRunes: opinion.MaxStatementRunes}
	base := "/admin/consultations/" + c.Slug + "/opinions"
	for _, x := range moderationFilters() {
		n := counts[opinion.Accepted] + counts[opinion.Rejected] + counts[opinion.Unmoderated]
		if m, ok := opinion.ParseModeration(x); ok {
			n = counts[m]
		}
		d.Filters = append(d.Filters, moderationFilterLink{Value: x, URL: base + "?moderation=" + x, Count: n, Current: x == filter})
	}
	for _, st := range list {
		d.Rows = append(d.Rows, adminStatementRowOf(p, st))
	}
	return d, nil
}

func adminStatementRowOf(p *i18n.Printer, st opinion.StatementCounts) adminStatementRow {
	row := adminStatementRow{TID: st.TID, Body: st.Body, Lang: st.Lang, Dir: dirOf(st.Lang),
		Moderation: st.Moderation.String(), Agrees: st.Agrees, Disagrees: st.Disagrees, Passes: st.Passes,
		Author: p.T("adminopinions.author.participant", "PID", st.AuthorPID)}
	if st.AuthorPID < 0 {
		row.Author = p.T("adminopinions.author.secretariat")
	}
	for _, m := range []opinion.Moderation{opinion.Accepted, opinion.Rejected, opinion.Unmoderated} {
		if m != st.Moderation {
			row.Actions = append(row.Actions, m.String())
		}
	}
	return row
}

func (s *Server) renderAdminOpinions(w http.ResponseWriter, r *http.Request, status int, d *adminOpinionsPage) {
	if _, ok := d.Errors["seed"]; ok {
		d.Order = []string{"seed"}
	}
	p := langFrom(r.Context(), s.Catalog)
	title := p.T("adminopinions.title", "Title", d.Title)
	if len(d.Errors) > 0 {
		title = p.T("register.title_errors", "Title", title)
	}
	s.render(w, r, status, "admin_opinions", s.newPage(r, title, d))
}

// showAdminOpinions is the settings, seed form and moderation list.
func (s *Server) showAdminOpinions(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.adminOpinionsData(r, c, parseModerationFilter(r.URL.Query()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "settings":
		d.Notice = "adminopinions.notice.settings"
	case "seed":
		d.Notice = "adminopinions.notice.seed"
	case "moderated":
		d.Notice = "adminopinions.notice.moderated"
	}
	s.renderAdminOpinions(w, r, http.StatusOK, d)
}

func adminOpinionsURL(slug, filter, done string) string {
	v := url.Values{}
	if filter != "" {
		v.Set("moderation", filter)
	}
	if done != "" {
		v.Set("done", done)
	}
	return withQuery("/admin/consultations/"+slug+"/opinions", v)
}

// saveOpinionSettings stores the three switches.
func (s *Server) saveOpinionSettings(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	set := opinion.Settings{ConsultationID: c.ID, Enabled: r.PostFormValue("enabled") == "yes",
		OpenToVerified: r.PostFormValue("open_to_verified") == "yes", StrictModeration: r.PostFormValue("strict_moderation") == "yes"}
	if err := s.DB.SaveOpinionSettings(r.Context(), set, s.Now()); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminOpinionsURL(c.Slug, "", "settings"), http.StatusSeeOther)
}

// addSeedStatement stores a secretariat statement, accepted.
func (s *Server) addSeedStatement(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body := r.PostFormValue("seed")
	lang := c.OriginalLang
	if l := r.PostFormValue("lang"); i18n.Supported(l) {
		lang = l
	}
	if err = formError(r); err == nil {
		_, err = s.Opinions.AddStatement(r.Context(), c, nil, body, lang)
	}
	if err == nil {
		http.Redirect(w, r, adminOpinionsURL(c.Slug, "accepted", "seed"), http.StatusSeeOther)
		return
	}
	if !errs.Is(err, errs.Invalid) {
		s.fail(w, r, err)
		return
	}
	d, derr := s.adminOpinionsData(r, c, parseModerationFilter(r.URL.Query()))
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	d.Seed, d.Errors = body, map[string]string{"seed": cmp.Or(errs.FieldsOf(err)["body"], errs.FieldsOf(err)["seed"])}
	s.renderAdminOpinions(w, r, statusOf(err), d)
}

// moderateStatement accepts, rejects or un-moderates one statement and
// returns to the list as it was filtered.
func (s *Server) moderateStatement(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tid, terr := strconv.Atoi(r.PathValue("tid"))
	m, ok := opinion.ParseModeration(r.PostFormValue("moderation"))
	switch {
	case terr != nil:
		err = errs.E(errs.NotFound, "opinions.error.no_statement")
	case !ok:
		err = errs.E(errs.Invalid, "error.choice")
	default:
		err = s.Opinions.Moderate(r.Context(), c, tid, m)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminOpinionsURL(c.Slug, parseModerationFilter(url.Values{"moderation": {r.PostFormValue("filter")}}), "moderated")+
		"#statements-title", http.StatusSeeOther)
}
