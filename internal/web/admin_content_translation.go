package web

import (
	"fmt"
	"html/template"
	"net/http"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/staff"
)

// translationEditor edits one language version of a review or consultation;
// the handlers below are shared, the loaders fill in what differs.
type translationEditor struct {
	form     *adminForm
	fill     func() // show the stored version
	apply    func() // copy the typed version onto the thing
	validate func() error
	save     func() error
	done     string
	original string // edit page of the original language
}

// newTranslationEditor starts the editor of the lang version of the
// content whose admin pages are under base. For the original language it
// only points to the main edit form (original is set; no form to build).
func newTranslationEditor(base, lang, originalLang string, validate, save func() error) *translationEditor {
	ed := &translationEditor{done: base + "/translations/" + lang + "?saved=1", validate: validate, save: save}
	if lang == originalLang {
		ed.original = base + "/edit"
	}
	return ed
}

// translationLang is the language in the URL; the original language is
// edited on the main form.
func translationLang(r *http.Request) (string, error) {
	lang := r.PathValue("lang")
	if !i18n.Supported(lang) {
		return "", errs.E(errs.NotFound, "admin.error.language")
	}
	return lang, nil
}

// translationField is a field of a translation form with the original
// alongside (long texts rendered from their Markdown).
func (s *Server) translationField(p *i18n.Printer, name, kind, orig, origLang, lang string) adminField {
	f := field(p, name, kind, false)
	f.Hint, f.OrigLang, f.Lang = "", origLang, lang
	f.Orig = template.HTML(template.HTMLEscapeString(orig)) //nolint:gosec // escaped
	if kind == "textarea" {
		f.Rows, f.Orig = 6, s.markdown.HTML(orig)
	}
	return f
}

// questionFields are one field per question, named question_1, question_2…
func (s *Server) questionFields(p *i18n.Printer, qs []consultation.Question, lang string) []adminField {
	var out []adminField
	for i, q := range qs {
		f := s.translationField(p, questionName(i), "text", q.Texts[q.OriginalLang], q.OriginalLang, lang)
		f.Label = p.T("admin.field.question_n", "Number", i+1)
		out = append(out, f)
	}
	return out
}

func questionName(i int) string { return fmt.Sprintf("question_%d", i+1) }

// fillQuestions shows the questions' texts in lang.
func fillQuestions(v map[string]string, qs []consultation.Question, lang string) {
	for i, q := range qs {
		v[questionName(i)] = q.Texts[lang]
	}
}

// applyQuestions sets or, when empty or removed, deletes each question's text in lang.
func applyQuestions(v map[string]string, qs []consultation.Question, lang string, remove bool) {
	for i := range qs {
		if text := v[questionName(i)]; text != "" && !remove {
			qs[i].Texts[lang] = text
		} else if lang != qs[i].OriginalLang {
			delete(qs[i].Texts, lang)
		}
	}
}

// newTranslationForm starts the form of a language version.
func newTranslationForm(p *i18n.Printer, title, action, lang string) *adminForm {
	f := newAdminForm(p.T("admin.translation.title", "Title", title, "Language", i18n.Autonym(lang)), action, p.T("admin.save"))
	f.Preview, f.Needs = true, staff.EditContent
	return f
}

// titleField is the title of a language version; emptying it removes the version.
func (s *Server) titleField(p *i18n.Printer, orig, origLang, lang string) adminField {
	f := s.translationField(p, "title", "text", orig, origLang, lang)
	f.Hint = p.T("admin.hint.translation_title")
	return f
}

// showTranslation is the form of one language version.
func (s *Server) showTranslation(w http.ResponseWriter, r *http.Request, load func(*http.Request) (*translationEditor, error)) {
	ed, err := load(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ed.original != "" {
		http.Redirect(w, r, ed.original, http.StatusSeeOther)
		return
	}
	ed.fill()
	ed.form.Saved = r.URL.Query().Get("saved") != ""
	s.renderForm(w, r, http.StatusOK, ed.form)
}

// saveTranslation stores or removes one language version.
func (s *Server) saveTranslation(w http.ResponseWriter, r *http.Request, load func(*http.Request) (*translationEditor, error)) {
	ed, err := load(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ed.original != "" {
		http.Redirect(w, r, ed.original, http.StatusSeeOther)
		return
	}
	ed.form.readValues(r)
	ed.apply()
	s.submitContent(w, r, ed.form, nil, ed.validate, ed.save, func() string { return ed.done })
}

func (s *Server) showConsultationTranslation(w http.ResponseWriter, r *http.Request) {
	s.showTranslation(w, r, s.consultationTranslation)
}

func (s *Server) saveConsultationTranslation(w http.ResponseWriter, r *http.Request) {
	s.saveTranslation(w, r, s.consultationTranslation)
}

func (s *Server) showReviewTranslation(w http.ResponseWriter, r *http.Request) {
	s.showTranslation(w, r, s.reviewTranslation)
}

func (s *Server) saveReviewTranslation(w http.ResponseWriter, r *http.Request) {
	s.saveTranslation(w, r, s.reviewTranslation)
}

// consultationTranslation loads the editor of a consultation's language version.
func (s *Server) consultationTranslation(r *http.Request) (*translationEditor, error) {
	lang, err := translationLang(r)
	if err != nil {
		return nil, err
	}
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	ed := newTranslationEditor("/admin/consultations/"+c.Slug, lang, c.OriginalLang, c.Validate,
		func() error { return s.DB.SaveConsultation(r.Context(), c) })
	if ed.original != "" {
		return ed, nil
	}
	p, o := langFrom(r.Context(), s.Catalog), c.Texts[c.OriginalLang]
	ed.form = newTranslationForm(p, o.Title, "/admin/consultations/"+c.Slug+"/translations/"+lang, lang)
	tf := func(name, kind, orig string) adminField {
		return s.translationField(p, name, kind, orig, c.OriginalLang, lang)
	}
	ed.form.Sets = []adminFieldset{
		{Legend: p.T("admin.set.texts"), Fields: []adminField{s.titleField(p, o.Title, c.OriginalLang, lang),
			tf("place", "text", o.Place), tf("background", "textarea", o.Background), tf("objectives", "textarea", o.Objectives),
			tf("opening_remarks", "textarea", o.OpeningRemarks), tf("notice", "text", o.Notice)}},
		{Legend: p.T("admin.set.questions"), Fields: s.questionFields(p, c.Questions, lang)},
	}
	ed.fill = func() { fillConsultationText(ed.form.Values, c, lang) }
	ed.apply = func() { s.applyConsultationText(ed.form, c, lang) }
	return ed, nil
}

func fillConsultationText(v map[string]string, c *consultation.Consultation, lang string) {
	t := c.Texts[lang]
	v["title"], v["place"], v["background"], v["objectives"] = t.Title, t.Place, t.Background, t.Objectives
	v["opening_remarks"], v["notice"] = t.OpeningRemarks, t.Notice
	fillQuestions(v, c.Questions, lang)
}

func (s *Server) applyConsultationText(f *adminForm, c *consultation.Consultation, lang string) {
	v := f.Values
	t := consultation.Text{Title: v["title"], Place: v["place"], Background: v["background"], Objectives: v["objectives"],
		OpeningRemarks: v["opening_remarks"], Notice: v["notice"]}
	if t.Title == "" {
		delete(c.Texts, lang)
	} else {
		c.Texts[lang] = t
	}
	applyQuestions(v, c.Questions, lang, t.Title == "")
	f.Previews = []previewBlock{{Label: f.label("background"), HTML: s.markdown.HTML(t.Background)},
		{Label: f.label("objectives"), HTML: s.markdown.HTML(t.Objectives)}}
}

// reviewTranslation loads the editor of a review's language version.
func (s *Server) reviewTranslation(r *http.Request) (*translationEditor, error) {
	lang, err := translationLang(r)
	if err != nil {
		return nil, err
	}
	rev, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	ed := newTranslationEditor("/admin/reviews/"+rev.Slug, lang, rev.OriginalLang, rev.Validate,
		func() error { return s.DB.SaveReview(r.Context(), rev) })
	if ed.original != "" {
		return ed, nil
	}
	p, o := langFrom(r.Context(), s.Catalog), rev.Texts[rev.OriginalLang]
	ed.form = newTranslationForm(p, o.Title, "/admin/reviews/"+rev.Slug+"/translations/"+lang, lang)
	ed.form.Sets = []adminFieldset{
		{Legend: p.T("admin.set.texts"), Fields: []adminField{s.titleField(p, o.Title, rev.OriginalLang, lang),
			s.translationField(p, "description", "textarea", o.Description, rev.OriginalLang, lang)}},
		{Legend: p.T("admin.set.questions"), Fields: s.questionFields(p, rev.Questions, lang)},
	}
	ed.fill = func() {
		t := rev.Texts[lang]
		ed.form.Values["title"], ed.form.Values["description"] = t.Title, t.Description
		fillQuestions(ed.form.Values, rev.Questions, lang)
	}
	ed.apply = func() { s.applyReviewText(ed.form, rev, lang) }
	return ed, nil
}

func (s *Server) applyReviewText(f *adminForm, rev *consultation.Review, lang string) {
	t := consultation.ReviewText{Title: f.Values["title"], Description: f.Values["description"]}
	if t.Title == "" {
		delete(rev.Texts, lang)
	} else {
		rev.Texts[lang] = t
	}
	applyQuestions(f.Values, rev.Questions, lang, t.Title == "")
	f.Previews = []previewBlock{{Label: f.label("description"), HTML: s.markdown.HTML(t.Description)}}
}
