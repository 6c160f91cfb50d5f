package web

import (
	"net/http"
	"slices"

	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
)

// editInput is the author's edit link: the form with the current version,
// and a new version on POST.
func (s *Server) editInput(w http.ResponseWriter, r *http.Request) {
	in, err := s.inputFromToken(r, links.InputEdit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.DB.ReviewByID(r.Context(), in.ReviewID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ir, err := s.loadInputsReview(r.Context(), rv.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := inputs.Target{Review: ir.Review, Consultation: ir.consultationByID(in.ConsultationID)}
	action := "/inputs/edit/" + r.PathValue("token")
	f := inputs.Form{Answers: in.Current.Answers, Comments: in.Current.Comments, Language: in.Current.Language,
		Publication: string(in.Publication)}
	files, err := s.DB.InputAttachments(r.Context(), in.ID, in.Current.Number)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	listFiles := func(d *inputFormPage, removed []int) {
		d.Author, d.Number = true, int(in.ID)
		d.Files = viewAttachments(langFrom(r.Context(), s.Catalog), in.ID, files, 0)
		for i := range d.Files {
			d.Files[i].Removed = slices.Contains(removed, d.Files[i].N)
		}
	}
	saved := false
	if r.Method == http.MethodPost {
		f = readInputForm(r, t.Questions())
		var edited *inputs.Input
		if err = formError(r); err == nil {
			edited, err = s.Inputs.Edit(r.Context(), t, in.ID, f)
		}
		if s.reshowInputForm(w, r, ir, t, authorForm(in, f), err, action, func(d *inputFormPage) { listFiles(d, f.Remove) }) {
			return
		}
		if files, err = s.DB.InputAttachments(r.Context(), in.ID, edited.Current.Number); err != nil {
			s.fail(w, r, err)
			return
		}
		saved = true
	}
	d := s.inputFormData(r, ir, t, authorForm(in, f), nil)
	d.Action, d.Sent = action, saved || r.URL.Query().Get("sent") == "1"
	listFiles(d, nil)
	s.callState(r, d, t)
	s.renderInputForm(w, r, http.StatusOK, d)
}

// authorForm shows an input's author details, which an edit keeps.
func authorForm(in *inputs.Input, f inputs.Form) inputs.Form {
	f.AuthorName, f.AuthorEmail, f.Organization = in.AuthorName, in.AuthorEmail, in.Organization
	f.StakeholderGroup, f.Country = string(in.StakeholderGroup), in.Country
	return f
}
