package web

import (
	"net/http"
	"strconv"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/report"
)

// curateReport stores one curation edit (rename, merge, split, pin or
// remove a quote, exclude a source), checked against the last generated
// report; it applies from the next generation on. A refused edit shows
// the page again with the error beside its field and what was typed.
func (s *Server) curateReport(w http.ResponseWriter, r *http.Request) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := report.EditForm{Op: r.PostFormValue("op"), Theme: r.PostFormValue("theme"), Label: r.PostFormValue("label"),
		Others: r.PostForm["others"], Source: r.PostFormValue("source"), QuoteText: r.PostFormValue("quote_text")}
	f.QuestionID, _ = strconv.ParseInt(r.PostFormValue("question"), 10, 64)
	err = s.Reports.Curate(r.Context(), rv.ID, f)
	if errs.Is(err, errs.Invalid) {
		values := map[string]string{}
		for k := range r.PostForm {
			values[k] = r.PostFormValue(k)
		}
		s.renderAdminReport(w, r, http.StatusUnprocessableEntity, r.PostFormValue("form"), values, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminReportPath(rv.Slug)+"?curated=1#curation", http.StatusSeeOther)
}

// undoCuration takes the last curation edit back.
func (s *Server) undoCuration(w http.ResponseWriter, r *http.Request) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err == nil {
		err = s.Reports.Undo(r.Context(), rv.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminReportPath(rv.Slug)+"#curation", http.StatusSeeOther)
}
