package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/staff"
)

// The agenda editor: one row per item (title, minutes, guiding question),
// and blank rows to add items. A row left blank is not an item.

type agendaEditPage struct {
	Slug, Title string
	Rows        []agendaEditRow
	Questions   []questionView
	Span        int // the consultation's minutes
	Errors      map[string]string
	Order       []string // fields in error, in the order of the form
	Languages   []agendaLanguage
}

// agendaLanguage links the translation form of the titles in one language.
type agendaLanguage struct{ Code, Name string }

type agendaEditRow struct {
	Index, Number         int
	ID                    int64
	Title, Minutes        string
	QuestionID            int64
	TitleField, MinField  string
	QuestionField, IDName string
}

// blankAgendaRows is how many empty rows the editor offers.
const blankAgendaRows = 3

func (s *Server) showAgendaEditor(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.DB.Agenda(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderAgendaEditor(w, r, http.StatusOK, items, nil)
}

func (s *Server) renderAgendaEditor(w http.ResponseWriter, r *http.Request, status int, items []live.Item, formErr error) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	v := s.viewConsultation(r.Context(), p, c, -1)
	d := agendaEditPage{Slug: c.Slug, Title: v.Title, Questions: v.Questions, Span: int(c.EndsAt.Sub(c.StartsAt).Minutes()),
		Errors: errs.FieldsOf(formErr)}
	for _, l := range i18n.Languages() {
		if l != c.OriginalLang && len(items) > 0 {
			d.Languages = append(d.Languages, agendaLanguage{Code: l, Name: i18n.Autonym(l)})
		}
	}
	for i := 0; i < len(items)+blankAgendaRows && i < live.MaxItems; i++ {
		row := agendaEditRow{Index: i, Number: i + 1, TitleField: live.ItemField(i, "title"), MinField: live.ItemField(i, "minutes"),
			QuestionField: live.ItemField(i, "question"), IDName: live.ItemField(i, "id")}
		if i < len(items) {
			row.ID, row.Title, row.QuestionID = items[i].ID, items[i].Title, items[i].QuestionID
			row.Minutes = strconv.Itoa(items[i].Minutes)
		}
		d.Rows = append(d.Rows, row)
		for _, f := range []string{row.TitleField, row.MinField, row.QuestionField} {
			if d.Errors[f] != "" {
				d.Order = append(d.Order, f)
			}
		}
	}
	if d.Errors["items"] != "" {
		d.Order = append(d.Order, "items")
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "admin_live_agenda", s.newPage(r, p.T("live.agenda.edit_title", "Title", v.Title), d))
}

// saveAgenda reads the rows and saves the agenda.
func (s *Server) saveAgenda(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var items []live.Item
	bad := map[string]string{}
	for i := 0; i < live.MaxItems+blankAgendaRows; i++ {
		title := strings.TrimSpace(r.PostFormValue(live.ItemField(i, "title")))
		mins := strings.TrimSpace(r.PostFormValue(live.ItemField(i, "minutes")))
		if title == "" && mins == "" {
			continue
		}
		it := live.Item{Title: title}
		it.ID, _ = strconv.ParseInt(r.PostFormValue(live.ItemField(i, "id")), 10, 64)
		it.QuestionID, _ = strconv.ParseInt(r.PostFormValue(live.ItemField(i, "question")), 10, 64)
		if it.Minutes, err = strconv.Atoi(mins); err != nil {
			bad[live.ItemField(len(items), "minutes")] = "live.agenda.minutes_invalid"
		}
		items = append(items, it)
	}
	if len(bad) > 0 {
		err = errs.InvalidFields(bad)
	} else {
		err = s.Live.SaveAgenda(r.Context(), c, items)
	}
	if errs.Is(err, errs.Invalid) {
		s.renderAgendaEditor(w, r, http.StatusUnprocessableEntity, items, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/live", http.StatusSeeOther)
}

// The agenda's titles in another language, on the translation form the
// consultation's texts use (admin_content_translation.go), one field per
// item with the original beside it.

func (s *Server) showAgendaTranslation(w http.ResponseWriter, r *http.Request) {
	s.showTranslation(w, r, s.agendaTranslation)
}

func (s *Server) saveAgendaTranslation(w http.ResponseWriter, r *http.Request) {
	s.saveTranslation(w, r, s.agendaTranslation)
}

// agendaTranslation loads the editor of the agenda's titles in the URL's
// language; the original language is edited on the agenda editor.
func (s *Server) agendaTranslation(r *http.Request) (*translationEditor, error) {
	lang, err := translationLang(r)
	if err != nil {
		return nil, err
	}
	c, err := s.adminConsultation(r)
	if err != nil {
		return nil, err
	}
	items, err := s.DB.Agenda(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	base := "/admin/consultations/" + c.Slug + "/live/agenda"
	titles := map[int64]string{}
	ed := newTranslationEditor(base, lang, c.OriginalLang, func() error { return nil },
		func() error { return s.Live.TranslateAgenda(r.Context(), c, lang, titles) })
	if ed.original != "" {
		ed.original = base
		return ed, nil
	}
	p := langFrom(r.Context(), s.Catalog)
	t, _ := c.Text(p.Lang())
	ed.form = newTranslationForm(p, p.T("live.agenda.edit_title", "Title", t.Title), base+"/translations/"+lang, lang)
	ed.form.Preview, ed.form.Needs = false, staff.RunSession
	var fields []adminField
	for i, it := range items {
		f := s.translationField(p, live.ItemField(i, "title"), "text", it.Title, c.OriginalLang, lang)
		f.Label = p.T("live.agenda.item", "Number", i+1)
		fields = append(fields, f)
	}
	ed.form.Sets = []adminFieldset{{Legend: p.T("live.agenda.heading"), Fields: fields}}
	ed.fill = func() {
		for i, it := range items {
			ed.form.Values[live.ItemField(i, "title")] = it.Titles[lang]
		}
	}
	ed.apply = func() {
		for i, it := range items {
			titles[it.ID] = ed.form.Values[live.ItemField(i, "title")]
		}
	}
	return ed, nil
}
