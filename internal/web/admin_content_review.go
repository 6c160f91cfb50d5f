package web

import (
	"net/http"
	"strings"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/staff"
)

// reviewForm lays out the review editor.
func (s *Server) reviewForm(r *http.Request, heading, action string) *adminForm {
	p := langFrom(r.Context(), s.Catalog)
	f := newAdminForm(heading, action, p.T("admin.save"))
	f.Preview, f.Needs = true, staff.EditContent
	desc, questions := field(p, "description", "textarea", false), field(p, "questions", "textarea", false)
	desc.Rows, questions.Rows = 10, 6
	f.Sets = []adminFieldset{
		{Legend: p.T("admin.set.basics"), Fields: []adminField{field(p, "slug", "text", true),
			field(p, "original_lang", "select", true), field(p, "title", "text", true), desc}},
		{Legend: p.T("admin.set.governance"), Fields: []adminField{field(p, "mandate", "textarea", false),
			field(p, "secretariat", "text", false), field(p, "partners", "textarea", false),
			field(p, "reporting_chain", "textarea", false)}},
		{Legend: p.T("admin.set.questions"), Fields: []adminField{questions}},
	}
	f.Options["original_lang"] = languageOptions()
	return f
}

// fillReview shows a stored review in the form.
func fillReview(f *adminForm, rev *consultation.Review) {
	t := rev.Texts[rev.OriginalLang]
	v := f.Values
	v["slug"], v["original_lang"], v["title"], v["description"] = rev.Slug, rev.OriginalLang, t.Title, t.Description
	v["mandate"], v["secretariat"] = strings.Join(rev.Mandate, "\n"), rev.Secretariat
	v["partners"], v["reporting_chain"] = strings.Join(rev.Partners, "\n"), strings.Join(rev.ReportingChain, "\n")
	v["questions"] = questionLines(rev.Questions, rev.OriginalLang)
}

// applyReview copies the typed values onto rev, keeping its translations;
// it returns errors the domain's Validate cannot see.
func applyReview(f *adminForm, rev *consultation.Review) map[string]string {
	v, bad := f.Values, map[string]string{}
	rev.Slug, rev.OriginalLang = v["slug"], v["original_lang"]
	if !i18n.Supported(rev.OriginalLang) {
		bad["original_lang"] = "error.choice"
	}
	if rev.Texts == nil {
		rev.Texts = map[string]consultation.ReviewText{}
	}
	rev.Texts[rev.OriginalLang] = consultation.ReviewText{Title: v["title"], Description: v["description"]}
	rev.Mandate, rev.Secretariat = lines(v["mandate"]), v["secretariat"]
	rev.Partners, rev.ReportingChain = lines(v["partners"]), lines(v["reporting_chain"])
	rev.Questions = mergeQuestions(rev.Questions, lines(v["questions"]), rev.OriginalLang)
	return bad
}

// showNewReview is the empty review editor.
func (s *Server) showNewReview(w http.ResponseWriter, r *http.Request) {
	p := langFrom(r.Context(), s.Catalog)
	f := s.reviewForm(r, p.T("admin.review.new"), "/admin/reviews")
	f.Values["original_lang"] = i18n.Source
	s.renderForm(w, r, http.StatusOK, f)
}

// createReview saves a new review.
func (s *Server) createReview(w http.ResponseWriter, r *http.Request) {
	p := langFrom(r.Context(), s.Catalog)
	s.submitReview(w, r, s.reviewForm(r, p.T("admin.review.new"), "/admin/reviews"), &consultation.Review{})
}

// showEditReview is the editor of a stored review.
func (s *Server) showEditReview(w http.ResponseWriter, r *http.Request) {
	rev, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.editReviewForm(r, rev)
	fillReview(f, rev)
	f.Saved = r.URL.Query().Get("saved") != ""
	s.renderForm(w, r, http.StatusOK, f)
}

// updateReview saves changes to a stored review.
func (s *Server) updateReview(w http.ResponseWriter, r *http.Request) {
	rev, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.submitReview(w, r, s.editReviewForm(r, rev), rev)
}

func (s *Server) editReviewForm(r *http.Request, rev *consultation.Review) *adminForm {
	p := langFrom(r.Context(), s.Catalog)
	base := "/admin/reviews/" + rev.Slug
	f := s.reviewForm(r, p.T("admin.review.edit_title", "Title", rev.Texts[rev.OriginalLang].Title), base)
	f.Links = translationLinks(base, rev.OriginalLang)
	return f
}

// submitReview reads the form onto rev and previews or saves it.
func (s *Server) submitReview(w http.ResponseWriter, r *http.Request, f *adminForm, rev *consultation.Review) {
	f.readValues(r)
	bad := applyReview(f, rev)
	f.Previews = []previewBlock{{Label: f.label("description"), HTML: s.markdown.HTML(f.Values["description"])}}
	s.submitContent(w, r, f, bad, rev.Validate, func() error { return s.DB.SaveReview(r.Context(), rev) },
		func() string { return "/admin/reviews/" + rev.Slug + "/edit?saved=1" })
}

// submitContent finishes a content form: a preview re-renders it; errors
// (from parsing, validation or the store) re-render it with 422 and save
// nothing; otherwise it saves and redirects to done.
func (s *Server) submitContent(w http.ResponseWriter, r *http.Request, f *adminForm, bad map[string]string,
	validate, save func() error, done func() string) {
	if r.PostFormValue("action") == "preview" {
		f.setErrors(bad)
		s.renderForm(w, r, http.StatusOK, f)
		return
	}
	f.Previews = nil
	err := validate()
	refused := len(bad) > 0 || len(f.Errors) > 0 // f.Errors: characters refused by readValues
	if err == nil && !refused {
		err = save()
	}
	if err != nil && errs.KindOf(err) != errs.Invalid {
		s.fail(w, r, err)
		return
	}
	if err != nil || refused {
		f.setErrors(errs.FieldsOf(err))
		f.setErrors(bad)
		if len(f.Order) == 0 {
			f.Message = "error.invalid"
		}
		s.renderForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	http.Redirect(w, r, done(), http.StatusSeeOther)
}

// label is the translated label of a field of the form.
func (f *adminForm) label(name string) string {
	for _, set := range f.Sets {
		for _, fl := range set.Fields {
			if fl.Name == name {
				return fl.Label
			}
		}
	}
	return name
}

// questionLines shows questions one per line in lang.
func questionLines(qs []consultation.Question, lang string) string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Texts[lang])
	}
	return strings.Join(out, "\n")
}

// mergeQuestions turns one-per-line texts into questions, reusing the ids
// of existing questions position by position (contributions refer to them).
// A question whose text is unchanged keeps its translations.
func mergeQuestions(old []consultation.Question, texts []string, lang string) []consultation.Question {
	out := make([]consultation.Question, len(texts))
	for i, text := range texts {
		q := consultation.Question{OriginalLang: lang, Texts: map[string]string{lang: text}}
		if i < len(old) {
			q.ID = old[i].ID
			if old[i].OriginalLang == lang && old[i].Texts[lang] == text {
				q.Texts = old[i].Texts
			}
		}
		out[i] = q
	}
	return out
}
