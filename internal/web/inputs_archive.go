package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// Archive pages: 20 inputs each, and no deeper than page 500 (a crawler
// asking for page 10⁹ costs one clamped query, not a scan).
const (
	archivePageSize = 20
	archiveMaxPage  = 500
)

// inputsArchivePage is the data of a review's public archive.
type inputsArchivePage struct {
	Review, Title                                           string
	Consultation, Question, Group, Region, Country, Lang, Q string
	Consultations                                           []inputChoice
	Questions                                               []country.Option // Code: the id
	Groups                                                  []stakeholder.Group
	Regions, Countries                                      []country.Option
	Languages                                               []langLink
	Inputs                                                  []inputView
	Total                                                   int
	Capped, Filtered                                        bool
	Page, Pages                                             int
	Prev, Next                                              string
	FormURL, Deadline                                       string // the open call
	Downloads                                               []inputChoice
}

// archiveFilter reads the archive's query parameters into a public filter.
func archiveFilter(q url.Values, ir *inputsReview) (store.InputFilter, int, error) {
	f := store.InputFilter{Public: true, ReviewID: ir.Review.ID, Group: q.Get("group"), Region: q.Get("region"),
		Country: q.Get("country"), Language: q.Get("language"), Query: q.Get("q"), Limit: archivePageSize}
	if c, err := ir.consultation(q.Get("consultation")); err != nil {
		return f, 0, err
	} else if c != nil {
		f.ConsultationID = c.ID
	}
	if v := q.Get("question"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || ir.questions[id].ID == 0 {
			return f, 0, errs.E(errs.NotFound, "inputs.no_question")
		}
		f.QuestionID = id
	}
	page, _ := boundedInt(q, "page", 1, 1, archiveMaxPage)
	f.Offset = (page - 1) * archivePageSize
	return f, page, nil
}

// showInputsArchive is the public archive of a review's published inputs:
// filters, search with highlighted snippets, pages and downloads.
func (s *Server) showInputsArchive(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ir, err := s.loadInputsReview(ctx, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f, page, err := archiveFilter(q, ir)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hits, total, capped, err := s.DB.Inputs(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(ctx, s.Catalog)
	d := s.archiveData(r, p, ir)
	d.Consultation, d.Question, d.Group, d.Region, d.Country = q.Get("consultation"), q.Get("question"), f.Group, f.Region, f.Country
	d.Lang, d.Q, d.Total, d.Capped, d.Page = f.Language, f.Query, total, capped, page
	d.Filtered = q.Encode() != "" && q.Encode() != "page="+q.Get("page")
	for _, h := range hits {
		d.Inputs = append(d.Inputs, s.viewInput(p, ir, h.Input, h.Snippet))
	}
	d.Pages = min(archiveMaxPage, max(1, (total+archivePageSize-1)/archivePageSize))
	if page > 1 {
		d.Prev = pageURL(r.URL, page-1)
	}
	if page < d.Pages {
		d.Next = pageURL(r.URL, page+1)
	}
	s.render(w, r, http.StatusOK, "inputs_archive", s.newPage(r, p.T("inputs.archive.title", "Title", d.Title), d))
}

func pageURL(u *url.URL, page int) string {
	q := u.Query()
	q.Set("page", strconv.Itoa(page))
	return u.Path + "?" + q.Encode()
}

// archiveData is the part of the archive page that does not depend on
// the filter: the choices, the call, the downloads.
func (s *Server) archiveData(r *http.Request, p *i18n.Printer, ir *inputsReview) *inputsArchivePage {
	rt, _ := ir.Review.Text(p.Lang())
	base := "/reviews/" + ir.Review.Slug + "/inputs"
	d := &inputsArchivePage{Review: ir.Review.Slug, Title: rt.Title, Groups: stakeholder.All(),
		Countries: s.Countries.Options(p.Lang())}
	d.Consultations = ir.choices(p.Lang(), "")
	for _, q := range questionRefs(ir, p) {
		d.Questions = append(d.Questions, country.Option{Code: strconv.FormatInt(q.id, 10), Name: q.label})
	}
	for _, m49 := range s.Countries.Regions() {
		d.Regions = append(d.Regions, country.Option{Code: m49, Name: s.Countries.RegionName(m49, p.Lang())})
	}
	for _, l := range i18n.Languages() {
		d.Languages = append(d.Languages, langLink{Code: l, Name: i18n.Autonym(l)})
	}
	if call, err := s.DB.InputCall(r.Context(), ir.Review.ID, 0); err == nil && call.Open(s.Now()) {
		d.FormURL, d.Deadline = base+"/new", p.Date(call.Deadline)
	}
	for _, format := range []string{"csv", "xlsx", "json", "zip"} {
		d.Downloads = append(d.Downloads, inputChoice{Slug: format, URL: base + "." + format})
	}
	return d
}

type inputsQuestionRef struct {
	id    int64
	label string
}

// questionRefs labels every question of the review: its number and the
// consultation it belongs to.
func questionRefs(ir *inputsReview, p *i18n.Printer) []inputsQuestionRef {
	var out []inputsQuestionRef
	rt, _ := ir.Review.Text(p.Lang())
	for i, q := range ir.Review.Questions {
		text, _ := q.Text(p.Lang())
		out = append(out, inputsQuestionRef{q.ID, p.T("inputs.archive.question_label", "Owner", rt.Title, "Number", i+1, "Text", text)})
	}
	for _, c := range ir.Consultations {
		ct, _ := c.Text(p.Lang())
		for i, q := range c.Questions {
			text, _ := q.Text(p.Lang())
			out = append(out, inputsQuestionRef{q.ID, p.T("inputs.archive.question_label", "Owner", ct.Title, "Number", i+1, "Text", text)})
		}
	}
	return out
}

// inputPermalinkPage is one published input and its public history.
type inputPermalinkPage struct {
	Input          inputView
	Review, Title  string
	Received       string
	History        []inputHistoryLine
	Files          []attachmentView // of the published version
	LatestVersion  int
	PublishedShown bool
}

type inputHistoryLine struct {
	Version int
	Date    string
	At      string // RFC 3339
}

// showInput is an input's stable permalink: the published version, its
// date, and when each version was published. What the public may not see
// is "not found", whether or not it exists.
func (s *Server) showInput(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, errs.E(errs.NotFound, "inputs.not_found"))
		return
	}
	in, err := s.DB.PublicInput(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.DB.ReviewByID(ctx, in.ReviewID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ir, err := s.loadInputsReview(ctx, rv.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	log, err := s.DB.InputLog(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(ctx, s.Catalog)
	rt, _ := rv.Text(p.Lang())
	files, err := s.DB.InputAttachments(ctx, id, in.PublishedVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := inputPermalinkPage{Input: s.viewInput(p, ir, in, ""), Review: rv.Slug, Title: rt.Title, Received: p.Date(in.ReceivedAt),
		Files: viewAttachments(p, id, files, 0)}
	for _, e := range log {
		if e.Action == inputs.Publish {
			d.History = append(d.History, inputHistoryLine{Version: e.Version, Date: p.Date(e.At), At: e.At.Format("2006-01-02T15:04:05Z")})
		}
	}
	s.render(w, r, http.StatusOK, "inputs_show", s.newPage(r, p.T("inputs.show.title", "Number", in.ID, "Title", rt.Title), d))
}
