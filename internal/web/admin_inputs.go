package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

const adminInputsPageSize = 50

// adminInputsPage is the moderation list of a review's inputs and its
// calls for inputs.
type adminInputsPage struct {
	Review, Title string
	Status, Q     string
	Statuses      []adminInputFilter
	Rows          []adminInputRow
	Total         int
	Capped        bool
	Page          int
	Prev, Next    string
	Calls         []adminCallRow
	Consultations []inputChoice
	Notice        string
	Errors        map[string]string
}

type adminInputFilter struct {
	Value, Label, URL string
	Current           bool
}

type adminInputRow struct {
	ID                                  int64
	Received, Author, Organization      string
	Email, Group, Country, Consultation string
	Language, Detected                  string
	Mismatch                            bool
	Publication, Status, Source         string // catalog ids
}

type adminCallRow struct {
	Owner, Opens, Deadline string
	Open                   bool
}

// statusLabel is the catalog id of a status's name.
func statusLabel(st inputs.Status) string {
	switch st {
	case inputs.Unverified:
		return "inputs.status.unverified"
	case inputs.Submitted:
		return "inputs.status.submitted"
	case inputs.Published:
		return "inputs.status.published"
	case inputs.Rejected:
		return "inputs.status.rejected"
	}
	return "inputs.status.hidden"
}

func publicationLabel(p inputs.Publication) string {
	switch p {
	case inputs.Named:
		return "inputs.publication.named"
	case inputs.Anonymous:
		return "inputs.publication.anonymous"
	}
	return "inputs.publication.private"
}

func sourceLabel(s inputs.Source) string {
	switch s {
	case inputs.FromParticipant:
		return "inputs.source.participant"
	case inputs.FromPublic:
		return "inputs.source.public"
	}
	return "inputs.source.secretariat"
}

func viaLabel(v string) string {
	switch v {
	case inputs.ViaEmail:
		return "inputs.via.email"
	case inputs.ViaLetter:
		return "inputs.via.letter"
	case inputs.ViaOther:
		return "inputs.via.other"
	}
	return ""
}

// showAdminInputs is the secretariat's list: submitted inputs first, by
// status, with search, and the review's calls.
func (s *Server) showAdminInputs(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ir, err := s.loadInputsReview(ctx, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	status := q.Get("status")
	if status == "" {
		status = string(inputs.Submitted)
	}
	page, _ := boundedInt(q, "page", 1, 1, archiveMaxPage)
	f := store.InputFilter{ReviewID: ir.Review.ID, Query: q.Get("q"), Limit: adminInputsPageSize, Offset: (page - 1) * adminInputsPageSize}
	if status != "all" {
		f.Status = status
	}
	hits, total, capped, err := s.DB.Inputs(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(ctx, s.Catalog)
	rt, _ := ir.Review.Text(p.Lang())
	d := &adminInputsPage{Review: ir.Review.Slug, Title: rt.Title, Status: status, Q: f.Query, Total: total, Capped: capped,
		Page: page, Notice: noticeID(q.Get("notice"))}
	base := "/admin/reviews/" + ir.Review.Slug + "/inputs"
	for _, st := range append(inputs.Statuses(), "all") {
		label := "inputs.status.all"
		if st != "all" {
			label = statusLabel(st)
		}
		d.Statuses = append(d.Statuses, adminInputFilter{Value: string(st), Label: label, URL: base + "?status=" + string(st),
			Current: string(st) == status})
	}
	for _, h := range hits {
		d.Rows = append(d.Rows, s.adminInputRow(p, ir, h.Input))
	}
	if page > 1 {
		d.Prev = pageURL(r.URL, page-1)
	}
	if page*adminInputsPageSize < total {
		d.Next = pageURL(r.URL, page+1)
	}
	if err := s.adminCalls(r, p, ir, d); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin_inputs", s.newPage(r, p.T("inputs.admin.title", "Title", rt.Title), d))
}

// noticeID is the catalog id of a notice named in a redirect.
func noticeID(n string) string {
	switch n {
	case "call_saved":
		return "inputs.admin.call_saved"
	case "entered":
		return "inputs.admin.entered"
	}
	return ""
}

func (s *Server) adminInputRow(p *i18n.Printer, ir *inputsReview, in *inputs.Input) adminInputRow {
	row := adminInputRow{ID: in.ID, Received: p.Date(in.ReceivedAt), Author: in.AuthorName, Organization: in.Organization,
		Email: in.AuthorEmail, Group: in.StakeholderGroup.MessageID(), Country: s.Countries.Name(in.Country, p.Lang()),
		Language: i18n.Autonym(in.Current.Language), Mismatch: in.LanguageMismatch(),
		Publication: publicationLabel(in.Publication), Status: statusLabel(in.Status), Source: sourceLabel(in.Source)}
	if in.Current.DetectedLanguage != "" {
		row.Detected = i18n.Autonym(in.Current.DetectedLanguage)
	}
	if c := ir.consultationByID(in.ConsultationID); c != nil {
		t, _ := c.Text(p.Lang())
		row.Consultation = t.Title
	}
	return row
}

func (s *Server) adminCalls(r *http.Request, p *i18n.Printer, ir *inputsReview, d *adminInputsPage) error {
	calls, err := s.DB.InputCalls(r.Context(), ir.Review.ID)
	if err != nil {
		return err
	}
	for _, c := range calls {
		row := adminCallRow{Owner: d.Title, Opens: p.Date(c.OpensAt), Deadline: p.Date(c.Deadline) + " " + p.Clock(c.Deadline) + " UTC",
			Open: c.Open(s.Now())}
		if cn := ir.consultationByID(c.ConsultationID); cn != nil {
			t, _ := cn.Text(p.Lang())
			row.Owner = t.Title
		}
		d.Calls = append(d.Calls, row)
	}
	d.Consultations = ir.choices(p.Lang(), "")
	return nil
}

// saveInputCall opens a call for inputs, or moves its dates (UTC).
func (s *Server) saveInputCall(w http.ResponseWriter, r *http.Request) {
	ir, err := s.loadInputsReview(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := ir.consultation(r.PostFormValue("consultation"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	call := &inputs.Call{ReviewID: ir.Review.ID}
	if c != nil {
		call.ConsultationID = c.ID
	}
	bad := map[string]string{}
	var ok bool
	if call.OpensAt, ok = parseUTCMinute(r.PostFormValue("opens_at")); !ok {
		bad["opens_at"] = "inputs.error.date"
	}
	if call.Deadline, ok = parseUTCMinute(r.PostFormValue("deadline")); !ok || !call.Deadline.After(call.OpensAt) {
		bad["deadline"] = "inputs.error.deadline"
	}
	if len(bad) > 0 {
		s.fail(w, r, errs.InvalidFields(bad))
		return
	}
	if err := s.DB.SaveInputCall(r.Context(), call); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/reviews/"+ir.Review.Slug+"/inputs?notice=call_saved", http.StatusSeeOther)
}

// parseUTCMinute reads a datetime-local value, taken as UTC.
func parseUTCMinute(v string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02T15:04", v)
	return t.UTC(), err == nil
}

// adminInputPage is one input as the secretariat sees it: every version,
// the moderation log and the moderation form.
type adminInputPage struct {
	Row       adminInputRow
	Review    string
	Via       string
	Entered   string
	Versions  []adminVersion
	Log       []adminLogLine
	Permalink string // when public
	Errors    map[string]string
	Reason    string
	Moderate  bool
}

type adminVersion struct {
	Number             int
	Date               string
	Language, Detected string
	Lang, Dir          string
	Answers            []answerView
	Comments           string
	Current, Published bool
	Files              []attachmentView
}

type adminLogLine struct{ Action, Reason, Actor, Date string }

func actionLabel(a inputs.Action) string {
	switch a {
	case inputs.Publish:
		return "inputs.action.publish"
	case inputs.Reject:
		return "inputs.action.reject"
	}
	return "inputs.action.hide"
}

func (s *Server) adminInputData(r *http.Request, id int64) (*adminInputPage, error) {
	ctx := r.Context()
	in, err := s.DB.InputByID(ctx, id)
	if err != nil {
		return nil, err
	}
	rv, err := s.DB.ReviewByID(ctx, in.ReviewID)
	if err != nil {
		return nil, err
	}
	ir, err := s.loadInputsReview(ctx, rv.Slug)
	if err != nil {
		return nil, err
	}
	versions, err := s.DB.InputVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	log, err := s.DB.InputLog(ctx, id)
	if err != nil {
		return nil, err
	}
	p := langFrom(ctx, s.Catalog)
	d := &adminInputPage{Row: s.adminInputRow(p, ir, in), Review: rv.Slug, Via: viaLabel(in.Via), Entered: in.EnteredBy,
		Moderate: s.currentUser(r).May(staff.ModerateInputs) && in.Status != inputs.Unverified}
	if in.Public() {
		d.Permalink = links.InputPath(in.ID)
	}
	for i := len(versions) - 1; i >= 0; i-- {
		v := versions[i]
		av := adminVersion{Number: v.Number, Date: p.Date(v.CreatedAt), Language: i18n.Autonym(v.Language), Lang: v.Language,
			Dir: i18n.Dir(v.Language), Answers: ir.answers(p, v.Answers), Comments: v.Comments,
			Current: v.Number == in.Current.Number, Published: v.Number == in.PublishedVersion,
			Files: viewAttachments(p, in.ID, v.Attachments, v.Number)}
		if v.DetectedLanguage != "" {
			av.Detected = i18n.Autonym(v.DetectedLanguage)
		}
		d.Versions = append(d.Versions, av)
	}
	for _, e := range log {
		d.Log = append(d.Log, adminLogLine{Action: actionLabel(e.Action), Reason: e.Reason, Actor: e.Actor,
			Date: p.Date(e.At) + " " + p.Clock(e.At) + " UTC"})
	}
	return d, nil
}

func inputIDOf(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, errs.E(errs.NotFound, "inputs.not_found")
	}
	return id, nil
}

// showAdminInput is one input for the secretariat.
func (s *Server) showAdminInput(w http.ResponseWriter, r *http.Request) {
	id, err := inputIDOf(r)
	var d *adminInputPage
	if err == nil {
		d, err = s.adminInputData(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	s.render(w, r, http.StatusOK, "admin_inputs_show", s.newPage(r, p.T("inputs.admin.input_title", "Number", id), d))
}

// moderateInput publishes, rejects (with the reason emailed) or hides an
// input; a rejection without a reason shows the page again.
func (s *Server) moderateInput(w http.ResponseWriter, r *http.Request) {
	id, err := inputIDOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reason := r.PostFormValue("reason")
	_, err = s.Inputs.Moderate(r.Context(), id, inputs.Action(r.PostFormValue("action")), reason, s.currentUser(r).Email)
	if errs.KindOf(err) == errs.Invalid {
		d, derr := s.adminInputData(r, id)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		d.Errors, d.Reason = errs.FieldsOf(err), reason
		p := langFrom(r.Context(), s.Catalog)
		s.render(w, r, statusOf(err), "admin_inputs_show", s.newPage(r, p.T("inputs.admin.input_title", "Number", id), d))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/inputs/"+url.PathEscape(r.PathValue("id")), http.StatusSeeOther)
}

// showOnBehalfForm is the secretariat's form for an input that arrived by
// letter or email from a Member State or an organization.
func (s *Server) showOnBehalfForm(w http.ResponseWriter, r *http.Request) {
	ir, err := s.loadInputsReview(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := ir.target(r.URL.Query().Get("consultation"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.inputFormData(r, ir, t, inputs.Form{Language: langFrom(r.Context(), s.Catalog).Lang(), Via: inputs.ViaEmail}, nil)
	d.Action, d.OnBehalf = "/admin/reviews/"+ir.Review.Slug+"/inputs", true
	d.Consultations = ir.choices(langFrom(r.Context(), s.Catalog).Lang(), "/admin/reviews/"+ir.Review.Slug+"/inputs/new")
	s.renderInputForm(w, r, http.StatusOK, d)
}

// submitOnBehalf stores the secretariat's input, straight to moderation.
func (s *Server) submitOnBehalf(w http.ResponseWriter, r *http.Request) {
	ir, err := s.loadInputsReview(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := ir.target(r.PostFormValue("consultation"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := readInputForm(r, t.Questions())
	var in *inputs.Input
	if err = formError(r); err == nil {
		in, err = s.Inputs.Submit(r.Context(), t, inputs.Submitter{Source: inputs.FromSecretariat, Staff: s.currentUser(r).Email}, f)
	}
	if err != nil && errs.KindOf(err) == errs.Invalid {
		d := s.inputFormData(r, ir, t, f, errs.FieldsOf(err))
		d.Action, d.OnBehalf = "/admin/reviews/"+ir.Review.Slug+"/inputs", true
		reselectFiles(d, f, err)
		s.renderInputForm(w, r, statusOf(err), d)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/inputs/"+strconv.FormatInt(in.ID, 10), http.StatusSeeOther)
}
