package web

import (
	"net/http"
	"strconv"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/synthesis"
)

// The secretariat's report page: generate the synthesis report (a durable
// job; the page shows its progress), preview and download the draft in
// the four formats, curate its themes, and publish it.

type adminReportPage struct {
	Slug, Title       string
	Status            string
	Done, Total       int
	Percent           int
	Error             string
	Requested         string
	Generated         string
	Published         string
	Running           bool // queued or running: the page reloads itself
	Lang              string
	Langs             []langOption
	Formats           []formatLink
	Questions         []adminReportQuestion
	Edits             int
	Excluded          int
	CanPublish        bool
	Values, Errors    map[string]string
	FormKey           string // the form that Values and Errors belong to
	HasGenerated      bool
	PublishedIsLatest bool
}

type langOption struct{ Code, Name string }

type adminReportQuestion struct {
	ID     int64
	Text   string
	Themes []adminReportTheme
}

type adminReportTheme struct {
	Key        string // unique in the page: "q3-t_ab12"
	ID         string
	Label      string
	Size       int
	Sources    int
	Spread     string
	Curated    bool
	KeyPhrases []string
	Quotes     []adminReportQuote
	Others     []adminReportOther // the question's other themes, for a merge
	Members    []string           // its sources, "input:12", for a pin
}

type adminReportQuote struct {
	Text, Source, Group, Country string
	URL                          string
	Pinned                       bool
}

type adminReportOther struct{ ID, Label string }

func (s *Server) showAdminReport(w http.ResponseWriter, r *http.Request) {
	s.renderAdminReport(w, r, http.StatusOK, "", nil, nil)
}

func (s *Server) renderAdminReport(w http.ResponseWriter, r *http.Request, status int, formKey string, values map[string]string, formErr error) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, rep, err := s.Reports.Generated(r.Context(), rv.ID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	d := adminReportData(p, rv, st, rep)
	d.CanPublish = s.currentUser(r).May(staff.PublishReport)
	d.FormKey, d.Values, d.Errors = formKey, values, errs.FieldsOf(formErr)
	if d.Values == nil {
		d.Values = map[string]string{}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "admin_report", s.newPage(r, p.T("adminreport.title", "Title", d.Title), d))
}

// adminReportData is the page's view of the review's report row.
func adminReportData(p *i18n.Printer, rv *consultation.Review, st *report.Stored, rep *report.Report) *adminReportPage {
	title, _ := rv.Text(p.Lang())
	d := &adminReportPage{Slug: rv.Slug, Title: title.Title, Formats: formatLinks(p), Lang: p.Lang()}
	for _, l := range i18n.Languages() {
		d.Langs = append(d.Langs, langOption{Code: l, Name: i18n.Autonym(l)})
	}
	if st == nil {
		return d
	}
	d.Status, d.Done, d.Total, d.Error = st.Status, st.Done, st.Total, st.Error
	d.Running = st.Status == report.StatusQueued || st.Status == report.StatusRunning
	if st.Total > 0 {
		d.Percent = 100 * st.Done / st.Total
	}
	if st.Status != "" {
		d.Lang = st.Lang
	}
	d.Requested, d.Generated, d.Published = utcLabel(p, st.RequestedAt), utcLabel(p, st.GeneratedAt), utcLabel(p, st.PublishedAt)
	d.Edits, d.Excluded = len(st.Curation.Edits), len(st.Curation.Excluded)
	d.HasGenerated = rep != nil
	d.PublishedIsLatest = len(st.Published) > 0 && string(st.Published) == string(st.Generated)
	if rep != nil {
		d.Questions = adminReportQuestions(rep)
	}
	return d
}

// adminReportQuestions are the generated report's questions and themes as
// the curation forms show them.
func adminReportQuestions(rep *report.Report) []adminReportQuestion {
	urls := map[string]string{}
	for _, src := range rep.Sources {
		urls[report.FormatRef(synthesis.SourceRef{Kind: src.Kind, ID: src.ID})] = src.URL
	}
	var out []adminReportQuestion
	for _, q := range rep.Questions {
		aq := adminReportQuestion{ID: q.ID, Text: q.Text}
		for _, t := range q.Themes {
			at := adminReportTheme{Key: themeKey(q.ID, t.ID), ID: t.ID, Label: t.Label, Size: t.Size, Sources: t.Sources,
				Spread: t.Spread, Curated: t.Curated, KeyPhrases: t.KeyPhrases}
			for _, qu := range t.Quotes {
				ref := report.FormatRef(qu.Ref())
				at.Quotes = append(at.Quotes, adminReportQuote{Text: qu.Text, Source: ref, URL: urls[ref],
					Group: rep.Names.Groups[qu.Group], Country: rep.Names.Countries[qu.Country], Pinned: qu.Pinned})
			}
			for _, o := range q.Themes {
				if o.ID != t.ID {
					at.Others = append(at.Others, adminReportOther{ID: o.ID, Label: o.Label})
				}
			}
			seen := map[string]bool{}
			for _, m := range t.Members {
				ref := report.FormatRef(synthesis.SourceRef{Kind: m.SourceKind, ID: m.SourceID})
				if !seen[ref] {
					seen[ref] = true
					at.Members = append(at.Members, ref)
				}
			}
			aq.Themes = append(aq.Themes, at)
		}
		out = append(out, aq)
	}
	return out
}

// themeKey names a theme's forms in the page.
func themeKey(questionID int64, themeID string) string {
	return "q" + strconv.FormatInt(questionID, 10) + "-" + themeID
}

// generateReport schedules the generation (one run however many clicks).
func (s *Server) generateReport(w http.ResponseWriter, r *http.Request) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err == nil {
		err = s.Reports.Request(r.Context(), rv.ID, rv.Slug, r.PostFormValue("lang"))
	}
	if errs.Is(err, errs.Invalid) {
		s.renderAdminReport(w, r, http.StatusUnprocessableEntity, "generate", map[string]string{"lang": r.PostFormValue("lang")}, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminReportPath(rv.Slug), http.StatusSeeOther)
}

// publishReport publishes the last generated report, or takes it down.
func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	publish := r.PostFormValue("publish")
	if err == nil && publish != "yes" && publish != "no" {
		err = errs.InvalidFields(map[string]string{"publish": "adminreport.error.publish_choice"})
	}
	if err == nil {
		err = s.Reports.Publish(r.Context(), rv.ID, publish == "yes")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminReportPath(rv.Slug), http.StatusSeeOther)
}

// downloadDraftReport is the last generated report in the format the path
// ends with: the secretariat's preview, published or not.
func (s *Server) downloadDraftReport(w http.ResponseWriter, r *http.Request) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, rep, err := s.Reports.Generated(r.Context(), rv.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeReport(w, r, rep, patternFormat(r))
}

func adminReportPath(slug string) string { return "/admin/reviews/" + slug + "/report" }
