package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

// apiInputBody is what POST /api/v1/inputs takes.
type apiInputBody struct {
	Review       string `json:"review"`
	Consultation string `json:"consultation"`
	inputs.Form
}

// inputsAPICaller is who calls an inputs route: a staff member (by API token),
// a registered participant (by their signed token), or the public.
type inputsAPICaller struct {
	user        *store.User
	participant *registration.Registration
}

// sees reports whether the caller reads every input (the secretariat).
func (c inputsAPICaller) sees() bool { return c.user.May(staff.ReadInputs) }

// inputsCaller reads the bearer token, if any: a participant's signed
// token, else a staff API token. A token that is neither is refused.
func (s *Server) inputsCaller(r *http.Request) (inputsAPICaller, error) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return inputsAPICaller{}, nil
	}
	token := strings.TrimSpace(strings.TrimPrefix(auth, "Bearer "))
	if id, st := s.URLs.Signer().Check(links.InputParticipant, token, s.Now()); st == links.Valid {
		reg, err := s.DB.RegistrationByID(r.Context(), id)
		if err != nil || !reg.Verified() {
			return inputsAPICaller{}, errs.E(errs.Unauthorized, "error.unauthorized")
		}
		return inputsAPICaller{participant: reg}, nil
	}
	u, err := s.bearerUser(r)
	return inputsAPICaller{user: u}, err
}

// inputRefs names reviews and consultations by slug for the records.
func (s *Server) inputRefs(ctx context.Context) (inputs.Refs, error) {
	return s.DB.InputRefs(ctx, func(id int64) string { return s.URLs.Absolute(links.InputPath(id), "") })
}

// apiSubmitInput: a participant's input (their details from their
// registration) or one the secretariat enters, straight to moderation.
func (s *Server) apiSubmitInput(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	caller, err := s.inputsCaller(r)
	if err == nil && caller.participant == nil && !caller.user.May(staff.SubmitInputsOnBehalf) {
		err = errs.E(errs.Unauthorized, "error.unauthorized")
		if caller.user != nil {
			err = errs.E(errs.Forbidden, "error.forbidden")
		}
	}
	var body apiInputBody
	if err == nil {
		err = decodeInputBody(w, r, &body)
	}
	var in *inputs.Input
	if err == nil {
		in, err = s.apiSubmit(r, caller, body)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, map[string]any{"id": in.ID, "status": in.Status,
		"url": s.URLs.Absolute(links.InputPath(in.ID), "")})
}

// decodeInputBody reads the input from a JSON body, or from the JSON part
// "input" of a multipart body whose parts "attachments" are its files
// (read by the edge, readUploads).
func decodeInputBody(w http.ResponseWriter, r *http.Request, body *apiInputBody) error {
	if !isMultipart(r) {
		return decodeJSON(w, r, body)
	}
	part, ok := r.PostForm["input"]
	if !ok || len(part) != 1 {
		return errs.InvalidFields(map[string]string{"input": "error.required"})
	}
	if err := decodeJSONBody([]byte(part[0]), r.Pattern, body); err != nil {
		return err
	}
	body.Uploads = uploadsOf(r)
	return nil
}

func (s *Server) apiSubmit(r *http.Request, caller inputsAPICaller, body apiInputBody) (*inputs.Input, error) {
	ir, err := s.loadInputsReview(r.Context(), body.Review)
	if errs.Is(err, errs.NotFound) {
		return nil, errs.InvalidFields(map[string]string{"review": "inputs.no_review"})
	}
	if err != nil {
		return nil, err
	}
	t, err := ir.target(body.Consultation)
	if err != nil {
		return nil, errs.InvalidFields(map[string]string{"consultation": "inputs.no_consultation"})
	}
	if caller.participant != nil {
		if t.Consultation == nil || t.Consultation.ID != caller.participant.ConsultationID {
			return nil, errs.InvalidFields(map[string]string{"consultation": "inputs.not_your_consultation"})
		}
		f := participantForm(caller.participant, body.Form)
		return s.Inputs.Submit(r.Context(), t, inputs.Submitter{Source: inputs.FromParticipant, RegistrationID: caller.participant.ID}, f)
	}
	f := body.Form
	if f.Via == "" { // through the API, unless the client says how it came
		f.Via = inputs.ViaOther
	}
	if f.ReceivedAt.IsZero() {
		f.ReceivedAt = s.Now().UTC()
	}
	return s.Inputs.Submit(r.Context(), t, inputs.Submitter{Source: inputs.FromSecretariat, Staff: caller.user.Email}, f)
}

// apiModerate publishes or rejects input {id}.
func (s *Server) apiModerate(w http.ResponseWriter, r *http.Request, a inputs.Action) {
	id, err := inputIDOf(r)
	var body struct {
		Reason string `json:"reason"`
	}
	if err == nil && a == inputs.Reject {
		err = decodeJSON(w, r, &body)
	}
	var in *inputs.Input
	if err == nil {
		u, _ := s.bearerUser(r)
		in, err = s.Inputs.Moderate(r.Context(), id, a, strings.TrimSpace(body.Reason), u.Email)
	}
	var refs inputs.Refs
	if err == nil {
		refs, err = s.inputRefs(r.Context())
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, inputs.NewStaffRecord(in, refs))
}

func (s *Server) apiPublishInput(w http.ResponseWriter, r *http.Request) {
	s.apiModerate(w, r, inputs.Publish)
}
func (s *Server) apiRejectInput(w http.ResponseWriter, r *http.Request) {
	s.apiModerate(w, r, inputs.Reject)
}

// apiInputsPageSize is the API's page: 50 inputs.
const apiInputsPageSize = 50

// apiListInputs lists inputs: the public's published ones, or every one
// for a staff token that may read them.
func (s *Server) apiListInputs(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Authorization")
	caller, err := s.inputsCaller(r)
	var f store.InputFilter
	var page int
	if err == nil {
		f, page, err = s.apiInputFilter(r, caller.sees())
	}
	var hits []store.InputHit
	var total int
	if err == nil {
		hits, total, _, err = s.DB.Inputs(r.Context(), f)
	}
	var refs inputs.Refs
	if err == nil {
		refs, err = s.inputRefs(r.Context())
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	list := make([]any, 0, len(hits))
	for _, h := range hits {
		if caller.sees() {
			list = append(list, inputs.NewStaffRecord(h.Input, refs))
		} else {
			list = append(list, inputs.PublicRecord(h.Input, refs))
		}
	}
	if !caller.sees() {
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"inputs": list, "total": total, "page": page,
		"per_page": apiInputsPageSize, "licence": inputs.Licence})
}

// apiInputFilter reads the list's query; an unknown review, consultation
// or question is a 404, a bad page a 422.
func (s *Server) apiInputFilter(r *http.Request, all bool) (store.InputFilter, int, error) {
	q := r.URL.Query()
	f := store.InputFilter{Public: !all, Group: q.Get("group"), Region: q.Get("region"), Country: strings.ToUpper(q.Get("country")),
		Language: q.Get("lang"), Query: q.Get("q"), Limit: apiInputsPageSize}
	if all {
		f.Status = q.Get("status")
	}
	page, ok := boundedInt(q, "page", 1, 1, archiveMaxPage)
	if !ok {
		return f, 0, errs.InvalidFields(map[string]string{"page": "inputs.error.page"})
	}
	f.Offset = (page - 1) * apiInputsPageSize
	if slug := q.Get("review"); slug != "" {
		ir, err := s.loadInputsReview(r.Context(), slug)
		if err != nil {
			return f, 0, err
		}
		f.ReviewID = ir.Review.ID
		c, err := ir.consultation(q.Get("consultation"))
		if err != nil {
			return f, 0, err
		}
		if c != nil {
			f.ConsultationID = c.ID
		}
	} else if q.Get("consultation") != "" {
		c, err := s.DB.ConsultationHeadBySlug(r.Context(), q.Get("consultation"))
		if err != nil {
			return f, 0, err
		}
		f.ConsultationID = c.ID
	}
	if v := q.Get("question"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, 0, errs.InvalidFields(map[string]string{"question": "inputs.no_question"})
		}
		f.QuestionID = id
	}
	return f, page, nil
}

// apiShowInput is one input: as published, or everything for a staff
// token that may read inputs; 404 for what the caller may not see.
func (s *Server) apiShowInput(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Authorization")
	caller, err := s.inputsCaller(r)
	var id int64
	if err == nil {
		id, err = inputIDOf(r)
	}
	var in *inputs.Input
	if err == nil && caller.sees() {
		in, err = s.DB.InputByID(r.Context(), id)
	} else if err == nil {
		in, err = s.DB.PublicInput(r.Context(), id)
	}
	var refs inputs.Refs
	if err == nil {
		refs, err = s.inputRefs(r.Context())
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var files []inputs.Attachment
	if files, err = s.DB.InputAttachments(r.Context(), id, in.Current.Number); err != nil {
		s.apiFail(w, r, err)
		return
	}
	fileURL := func(n int) string { return s.URLs.Absolute(links.InputAttachmentPath(id, n), "") }
	if !caller.sees() {
		rec := inputs.PublicRecord(in, refs)
		rec.Attachments = inputs.FileRecords(files, fileURL)
		s.writeJSON(w, r, http.StatusOK, rec)
		return
	}
	rec := inputs.NewStaffRecord(in, refs)
	rec.Attachments = inputs.FileRecords(files, fileURL)
	if rec.Versions, err = s.DB.InputVersions(r.Context(), id); err == nil {
		rec.Log, err = s.DB.InputLog(r.Context(), id)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, rec)
}
