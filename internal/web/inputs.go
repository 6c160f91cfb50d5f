package web

import (
	"errors"
	"net/http"
	"sort"
	"strconv"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
)

// inputFormPage is the data of every input form: the public call, a
// participant's, the author's edit and the secretariat's on behalf.
type inputFormPage struct {
	Review, Title        string // the review's slug and title
	Consultation         string // slug, "" for the review as a whole
	ConsultationTitle    string
	Consultations        []inputChoice // the calls one may answer instead
	Questions            []inputQuestion
	In                   inputs.Form
	ReceivedAt           string // yyyy-mm-dd as typed
	Errors               map[string]string
	Summary              []inputError
	Groups               []stakeholder.Group
	Countries            []country.Option
	Languages            []langLink
	Publications         []inputs.Publication
	Vias                 []string
	Action               string // where the form posts
	Closed               string // catalog id when the call is not open
	Deadline             string
	Participant, Author  bool // the author's details come from a registration / cannot change
	OnBehalf             bool
	Sent                 bool // the edit page just after a participant's submission
	Number, MaxAnswerLen int
	// Files are the current version's (the edit form); FileName names the
	// file refused, and Reselect says the files sent must be chosen again.
	Files                           []attachmentView
	FileName                        string
	Reselect                        bool
	MaxFiles, MaxFileMB, MaxFilesMB int
}

type inputChoice struct{ Slug, Title, URL string }

type inputQuestion struct {
	ID                  int64
	Number              int
	Field, Text, Answer string
	Lang, Dir           string
}

type inputError struct{ Field, Label, Message string }

// inputFormData builds the page for target t with what was typed.
func (s *Server) inputFormData(r *http.Request, ir *inputsReview, t inputs.Target, in inputs.Form, fieldErrs map[string]string) *inputFormPage {
	p := langFrom(r.Context(), s.Catalog)
	rt, _ := ir.Review.Text(p.Lang())
	d := &inputFormPage{Review: ir.Review.Slug, Title: rt.Title, In: in, Errors: fieldErrs, Groups: stakeholder.All(),
		Countries: s.Countries.Options(p.Lang()), Publications: inputs.Publications(), Vias: inputs.Vias(),
		MaxAnswerLen: inputs.MaxAnswer, MaxFiles: inputs.MaxAttachments, MaxFileMB: inputs.MaxAttachmentBytes >> 20,
		MaxFilesMB: inputs.MaxAttachmentsTotal >> 20}
	if !in.ReceivedAt.IsZero() {
		d.ReceivedAt = in.ReceivedAt.Format("2006-01-02")
	}
	if t.Consultation != nil {
		ct, _ := t.Consultation.Text(p.Lang())
		d.Consultation, d.ConsultationTitle = t.Consultation.Slug, ct.Title
	}
	for _, l := range i18n.Languages() {
		d.Languages = append(d.Languages, langLink{Code: l, Name: i18n.Autonym(l)})
	}
	sort.SliceStable(d.Languages, func(i, j int) bool { return d.Languages[i].Code == p.Lang() && d.Languages[j].Code != p.Lang() })
	answers := map[int64]string{}
	for _, a := range in.Answers {
		answers[a.QuestionID] = a.Text
	}
	for _, q := range t.Questions() {
		text, _ := q.Text(p.Lang())
		lang := contentLang(q.Texts, p.Lang(), q.OriginalLang)
		d.Questions = append(d.Questions, inputQuestion{ID: q.ID, Number: len(d.Questions) + 1,
			Field: inputs.AnswerField(q.ID), Text: text, Answer: answers[q.ID], Lang: lang, Dir: i18n.Dir(lang)})
	}
	for _, name := range inputFormFields(t.Questions()) {
		if id, ok := fieldErrs[name]; ok {
			d.Summary = append(d.Summary, inputError{Field: name, Label: inputFieldLabel(name), Message: id})
		}
	}
	return d
}

// callState says whether t's call is open now, with its deadline.
func (s *Server) callState(r *http.Request, d *inputFormPage, t inputs.Target) {
	call, err := s.DB.InputCall(r.Context(), t.Review.ID, consultationIDOf(t))
	switch {
	case err != nil:
		d.Closed = "inputs.no_call"
		return
	case !call.Open(s.Now()):
		d.Closed = "inputs.closed"
	}
	d.Deadline = langFrom(r.Context(), s.Catalog).Date(call.Deadline)
}

func consultationIDOf(t inputs.Target) int64 {
	if t.Consultation == nil {
		return 0
	}
	return t.Consultation.ID
}

func (s *Server) renderInputForm(w http.ResponseWriter, r *http.Request, status int, d *inputFormPage) {
	p := langFrom(r.Context(), s.Catalog)
	title := p.T("inputs.form.title", "Title", d.Title)
	if len(d.Summary) > 0 {
		title = p.T("inputs.form.title_errors", "Title", title)
	}
	name := "inputs_form"
	if d.OnBehalf {
		name = "admin_inputs_form"
	}
	s.render(w, r, status, name, s.newPage(r, title, d))
}

// showInputForm is the public call's form, for the review or (with
// ?consultation=) one of its consultations.
func (s *Server) showInputForm(w http.ResponseWriter, r *http.Request) {
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
	d := s.inputFormData(r, ir, t, inputs.Form{Language: langFrom(r.Context(), s.Catalog).Lang()}, nil)
	d.Action = "/reviews/" + ir.Review.Slug + "/inputs"
	s.callState(r, d, t)
	d.Consultations = ir.choices(langFrom(r.Context(), s.Catalog).Lang(), "/reviews/"+ir.Review.Slug+"/inputs/new")
	s.renderInputForm(w, r, http.StatusOK, d)
}

// submitInput stores the public's input, unverified, and sends the
// address its confirmation link; bad input shows the form again.
func (s *Server) submitInput(w http.ResponseWriter, r *http.Request) {
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
	if err = formError(r); err == nil {
		_, err = s.Inputs.Submit(r.Context(), t, inputs.Submitter{Source: inputs.FromPublic}, f)
	}
	if s.reshowInputForm(w, r, ir, t, f, err, "/reviews/"+ir.Review.Slug+"/inputs", nil) {
		return
	}
	http.Redirect(w, r, "/reviews/"+ir.Review.Slug+"/inputs/sent", http.StatusSeeOther)
}

// reshowInputForm shows the form again for bad input or a closed call and
// reports true; any other error fails the request (also true). prep, when
// not nil, completes the page (the edit form's files).
func (s *Server) reshowInputForm(w http.ResponseWriter, r *http.Request, ir *inputsReview, t inputs.Target, f inputs.Form,
	err error, action string, prep func(*inputFormPage)) bool {
	if err == nil {
		return false
	}
	switch errs.KindOf(err) {
	case errs.Invalid, errs.Closed:
	default:
		s.fail(w, r, err)
		return true
	}
	fieldErrs := errs.FieldsOf(err)
	if fieldErrs == nil {
		fieldErrs = map[string]string{}
	}
	d := s.inputFormData(r, ir, t, f, fieldErrs)
	d.Action = action
	if errs.KindOf(err) == errs.Closed {
		d.Closed = errs.CodeOf(err)
	}
	reselectFiles(d, f, err)
	if prep != nil {
		prep(d)
	}
	s.renderInputForm(w, r, statusOf(err), d)
	return true
}

// reselectFiles tells the form shown again which file was refused, and
// that the files sent are not kept: a browser cannot be given them back.
func reselectFiles(d *inputFormPage, f inputs.Form, err error) {
	var fe inputs.FileError
	if errors.As(err, &fe) {
		d.FileName = fe.Name
	}
	d.Reselect = len(f.Uploads) > 0
}

// showInputSent tells the public submitter to confirm from the email.
func (s *Server) showInputSent(w http.ResponseWriter, r *http.Request) {
	ir, err := s.loadInputsReview(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	rt, _ := ir.Review.Text(p.Lang())
	s.render(w, r, http.StatusOK, "inputs_sent", s.newPage(r, p.T("inputs.sent.title"),
		map[string]string{"Review": ir.Review.Slug, "Title": rt.Title}))
}

// participantFromToken checks a participant's signed link and loads their
// confirmed registration, which must be for a consultation of review ir.
func (s *Server) participantFromToken(r *http.Request, token string, ir *inputsReview) (*registration.Registration, *consultation.Consultation, error) {
	id, st := s.URLs.Signer().Check(links.InputParticipant, token, s.Now())
	switch st {
	case links.Expired:
		return nil, nil, errs.E(errs.NotFound, "link.expired")
	case links.Invalid:
		return nil, nil, errs.E(errs.NotFound, "link.invalid")
	}
	reg, err := s.DB.RegistrationByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	c := ir.consultationByID(reg.ConsultationID)
	if !reg.Verified() || c == nil {
		return nil, nil, errs.E(errs.NotFound, "link.invalid")
	}
	return reg, c, nil
}

// participantForm is a participant's form, prefilled from their
// registration; the address is theirs and cannot be changed.
func participantForm(reg *registration.Registration, f inputs.Form) inputs.Form {
	f.AuthorName, f.AuthorEmail = reg.FullName(), reg.Email
	if f.Organization == "" {
		f.Organization = reg.Organization
	}
	f.StakeholderGroup, f.Country = string(reg.StakeholderGroup), reg.Country
	if f.Language == "" {
		f.Language = reg.Language
	}
	return f
}

func (s *Server) participantInput(w http.ResponseWriter, r *http.Request, post bool) {
	ir, err := s.loadInputsReview(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reg, c, err := s.participantFromToken(r, r.PathValue("token"), ir)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := inputs.Target{Review: ir.Review, Consultation: c}
	action := "/reviews/" + ir.Review.Slug + "/inputs/new/" + r.PathValue("token")
	if !post {
		d := s.inputFormData(r, ir, t, participantForm(reg, inputs.Form{}), nil)
		d.Action, d.Participant = action, true
		s.callState(r, d, t)
		s.renderInputForm(w, r, http.StatusOK, d)
		return
	}
	f := participantForm(reg, readInputForm(r, t.Questions()))
	var in *inputs.Input
	if err = formError(r); err == nil {
		in, err = s.Inputs.Submit(r.Context(), t, inputs.Submitter{Source: inputs.FromParticipant, RegistrationID: reg.ID}, f)
	}
	if s.reshowInputForm(w, r, ir, t, f, err, action, nil) {
		return
	}
	call, err := s.DB.InputCall(r.Context(), ir.Review.ID, c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.URLs.InputEditPath(in.ID, call.Deadline)+"?sent=1", http.StatusSeeOther)
}

func (s *Server) showParticipantInputForm(w http.ResponseWriter, r *http.Request) {
	s.participantInput(w, r, false)
}
func (s *Server) submitParticipantInput(w http.ResponseWriter, r *http.Request) {
	s.participantInput(w, r, true)
}

// inputFromToken checks a signed input link for purpose.
func (s *Server) inputFromToken(r *http.Request, purpose string) (*inputs.Input, error) {
	id, st := s.URLs.Signer().Check(purpose, r.PathValue("token"), s.Now())
	switch st {
	case links.Expired:
		return nil, errs.E(errs.NotFound, "link.expired")
	case links.Invalid:
		return nil, errs.E(errs.NotFound, "link.invalid")
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, errs.E(errs.NotFound, "link.invalid")
	}
	return s.DB.InputByID(r.Context(), n)
}

// verifyInput is the emailed confirmation link: the page has a button,
// only its POST confirms (mail scanners fetch links).
func (s *Server) verifyInput(w http.ResponseWriter, r *http.Request) {
	in, err := s.inputFromToken(r, links.InputVerify)
	if err == nil && r.Method == http.MethodPost {
		in, err = s.Inputs.Verify(r.Context(), in.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	d := map[string]any{"Token": r.PathValue("token"), "Number": in.ID, "Done": in.Status != inputs.Unverified}
	s.render(w, r, http.StatusOK, "inputs_verify", s.newPage(r, p.T("inputs.verify.title"), d))
}
