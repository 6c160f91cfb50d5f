package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/report"
)

// The published synthesis report: its page and its four downloads. They
// exist only once the secretariat has published a report (404 before),
// and show the published copy, never a later draft.

type publicReportPage struct {
	Slug, Title string
	AsOf        string
	Published   string
	Formats     []formatLink
	Counts      report.Counts
	Questions   int
	Themes      int
}

func (s *Server) showPublicReport(w http.ResponseWriter, r *http.Request) {
	rep, published, err := s.publishedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	d := publicReportPage{Slug: rep.Review.Slug, Title: rep.Review.Title, AsOf: p.Date(rep.AsOf), Formats: formatLinks(p),
		Counts: rep.Participation.Total, Questions: len(rep.Questions), Published: p.Date(published)}
	for _, q := range rep.Questions {
		d.Themes += len(q.Themes)
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	s.render(w, r, http.StatusOK, "report_public", s.newPage(r, p.T("adminreport.public.title", "Title", d.Title), d))
}

// downloadPublicReport is the published report in the format the path
// ends with.
func (s *Server) downloadPublicReport(w http.ResponseWriter, r *http.Request) {
	rep, _, err := s.publishedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	s.writeReport(w, r, rep, patternFormat(r))
}

// publishedReport is the review's published report and when it was
// published.
func (s *Server) publishedReport(r *http.Request) (*report.Report, time.Time, error) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, time.Time{}, err
	}
	return s.Reports.Published(r.Context(), rv.ID)
}

// formatLink is one of the report's downloads.
type formatLink struct{ Ext, Label string }

// formatLinks are the four formats, named in the reader's language.
func formatLinks(p *i18n.Printer) []formatLink {
	labels := map[string]string{report.FormatHTML: p.T("adminreport.format.html"), report.FormatMarkdown: p.T("adminreport.format.md"),
		report.FormatDOCX: p.T("adminreport.format.docx"), report.FormatJSON: p.T("adminreport.format.json")}
	var out []formatLink
	for _, f := range report.Formats() {
		out = append(out, formatLink{Ext: f, Label: labels[f]})
	}
	return out
}

// patternFormat is the format a report route's pattern ends with.
func patternFormat(r *http.Request) string {
	return r.Pattern[strings.LastIndexByte(r.Pattern, '.')+1:]
}

// reportDocumentCSP lets the report's own HTML document carry its print
// styles inline; it loads nothing else.
const reportDocumentCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// writeReport renders rep in format: HTML shown in the browser, the
// others downloaded under the review's name.
func (s *Server) writeReport(w http.ResponseWriter, r *http.Request, rep *report.Report, format string) {
	var buf bytes.Buffer
	if err := report.Render(&buf, rep, format); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", report.ContentType(format))
	h.Set("Content-Language", rep.Lang)
	if format == report.FormatHTML {
		h.Set("Content-Security-Policy", reportDocumentCSP)
	} else {
		h.Set("Content-Disposition", `attachment; filename="`+rep.Review.Slug+`-report-`+rep.Lang+report.Extension(format)+`"`)
	}
	_, _ = w.Write(buf.Bytes())
}

// apiPublishedReport is the published report as JSON (404 before).
func (s *Server) apiPublishedReport(w http.ResponseWriter, r *http.Request) {
	rep, _, err := s.publishedReport(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.Render(&buf, rep, report.FormatJSON); err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", report.ContentType(report.FormatJSON))
	w.Header().Set("Cache-Control", "public, max-age=60")
	_, _ = w.Write(buf.Bytes())
}
