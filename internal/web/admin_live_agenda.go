package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
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
}

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
