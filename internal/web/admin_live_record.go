package web

import (
	"net/http"
	"strconv"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/stakeholder"
)

// The rapporteur's page: the interventions recorded so far and the form
// for the next one, the speaker chosen from those who had the floor or
// written in; publishing the record after the session.

type recordPage struct {
	Slug, Title    string
	Speakers       []speakerRow // who had the floor, latest first
	Interventions  []interventionRow
	Questions      []questionView
	Groups         []stakeholder.Group
	Countries      []country.Option
	Values, Errors map[string]string
	Published      bool
	CanPublish     bool
}

type interventionRow struct {
	ID                          int64
	Name, Group, Country        string
	Question                    string
	QuestionNumber              int
	Summary                     string
	Points                      []string
	Recorded, Started, Duration string
}

// interventionRows are the record as the pages show it.
func (s *Server) interventionRows(p *i18n.Printer, c *consultation.Consultation, list []live.Intervention) []interventionRow {
	numbers, texts := map[int64]int{}, map[int64]string{}
	for i, q := range c.Questions {
		numbers[q.ID] = i + 1
		texts[q.ID], _ = q.Text(p.Lang())
	}
	var rows []interventionRow
	for _, iv := range list {
		row := interventionRow{ID: iv.ID, Name: iv.Name, Group: p.T(stakeholder.Group(iv.StakeholderGroup).MessageID()),
			Country: s.Countries.Name(iv.Country, p.Lang()), Question: texts[iv.QuestionID], QuestionNumber: numbers[iv.QuestionID],
			Summary: iv.Summary, Points: iv.Points(), Recorded: utcLabel(p, &iv.RecordedAt), Started: utcLabel(p, iv.StartedAt)}
		if iv.StartedAt != nil && iv.EndedAt != nil {
			row.Duration = newClock(iv.EndedAt.Sub(*iv.StartedAt)).Label
		}
		rows = append(rows, row)
	}
	return rows
}

func (s *Server) showRecord(w http.ResponseWriter, r *http.Request) {
	s.renderRecord(w, r, http.StatusOK, map[string]string{}, nil)
}

func (s *Server) renderRecord(w http.ResponseWriter, r *http.Request, status int, values map[string]string, formErr error) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.liveState(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.DB.Interventions(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	v := s.viewConsultation(r.Context(), p, c, -1)
	d := recordPage{Slug: c.Slug, Title: v.Title, Questions: v.Questions, Groups: stakeholder.All(),
		Countries: s.Countries.Options(p.Lang()), Values: values, Errors: errs.FieldsOf(formErr),
		Interventions: s.interventionRows(p, c, list), Published: st.Session.PublishedAt != nil,
		CanPublish: s.currentUser(r).May(staff.PublishRecord)}
	_, floor, past := s.speakerRows(p, c, st)
	if floor != nil {
		d.Speakers = append(d.Speakers, *floor)
	}
	for i := len(past) - 1; i >= 0; i-- {
		if past[i].State == string(live.Spoken) {
			d.Speakers = append(d.Speakers, past[i])
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "admin_live_record", s.newPage(r, p.T("live.record.title", "Title", v.Title), d))
}

// recordIntervention stores the rapporteur's record of one intervention.
func (s *Server) recordIntervention(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	iv := &live.Intervention{Name: r.PostFormValue("name"), StakeholderGroup: r.PostFormValue("stakeholder_group"),
		Country: r.PostFormValue("country"), Summary: r.PostFormValue("summary"), KeyPoints: r.PostFormValue("key_points")}
	iv.SpeakerID, _ = strconv.ParseInt(r.PostFormValue("speaker"), 10, 64)
	iv.QuestionID, _ = strconv.ParseInt(r.PostFormValue("question"), 10, 64)
	err = s.Live.Record(r.Context(), c, iv)
	if errs.Is(err, errs.Invalid) {
		values := map[string]string{}
		for k := range r.PostForm {
			values[k] = r.PostFormValue(k)
		}
		s.renderRecord(w, r, http.StatusUnprocessableEntity, values, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/live/record", http.StatusSeeOther)
}

// publishRecord publishes the record, or takes it back.
func (s *Server) publishRecord(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	publish := r.PostFormValue("publish")
	if err == nil && publish != "yes" && publish != "no" {
		err = errs.InvalidFields(map[string]string{"publish": "live.record.publish_choice"})
	}
	if err == nil {
		err = s.Live.Publish(r.Context(), c, publish == "yes")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/live/record", http.StatusSeeOther)
}
