package web

import (
	"net/http"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/staff"
)

// The live session's API: the agenda, the events stream (live.go), adding
// a speaker, the record of the interventions, and the check-in.

type apiAgendaItem struct {
	ID         int64             `json:"id"`
	Position   int               `json:"position"`
	Title      string            `json:"title"`
	Titles     map[string]string `json:"titles,omitempty"` // in other languages than the original
	Minutes    int               `json:"minutes"`
	QuestionID *int64            `json:"question_id"`
	Current    bool              `json:"current"`
}

type apiAgenda struct {
	Consultation        string          `json:"consultation"`
	InterventionSeconds int             `json:"intervention_seconds"`
	CurrentItemID       *int64          `json:"current_item_id"`
	ItemStartedAt       *time.Time      `json:"item_started_at"`
	Items               []apiAgendaItem `json:"items"`
}

func (s *Server) apiAgenda(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultationHead(r)
	var st *live.State
	if err == nil {
		st, err = s.liveState(r.Context(), c)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiAgenda{Consultation: c.Slug, InterventionSeconds: int(st.Session.InterventionTime / time.Second),
		ItemStartedAt: st.Session.ItemStartedAt, Items: []apiAgendaItem{}}
	if cur := st.Current(); cur != nil {
		out.CurrentItemID = &cur.ID
	}
	for _, it := range st.Agenda {
		row := apiAgendaItem{ID: it.ID, Position: it.Position, Title: it.Title, Titles: it.Titles, Minutes: it.Minutes,
			Current: it.ID == st.Session.CurrentItemID}
		if it.QuestionID != 0 {
			row.QuestionID = &it.QuestionID
		}
		out.Items = append(out.Items, row)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

type apiNewSpeaker struct {
	RegistrationID   string `json:"registration_id"`
	Name             string `json:"name"`
	StakeholderGroup string `json:"stakeholder_group"`
	Country          string `json:"country"`
	Topic            string `json:"topic"`
	ItemID           int64  `json:"item_id"`
}

type apiSpeaker struct {
	ID               int64  `json:"id"`
	ItemID           int64  `json:"item_id"`
	RegistrationID   string `json:"registration_id,omitempty"`
	Name             string `json:"name"`
	StakeholderGroup string `json:"stakeholder_group"`
	Country          string `json:"country"`
	Topic            string `json:"topic"`
	Position         int    `json:"position"`
	State            string `json:"state"`
}

// apiAddSpeaker adds a registrant (by id) or a speaker by name to the queue.
func (s *Server) apiAddSpeaker(w http.ResponseWriter, r *http.Request) {
	var in apiNewSpeaker
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := s.adminConsultation(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	n := live.NewSpeaker{ItemID: in.ItemID, Name: in.Name, StakeholderGroup: in.StakeholderGroup, Country: in.Country, Topic: in.Topic}
	var sp *live.Speaker
	if in.RegistrationID != "" {
		reg, rerr := s.DB.RegistrationByID(r.Context(), in.RegistrationID)
		if rerr != nil {
			s.apiFail(w, r, errs.InvalidFields(map[string]string{"registration_id": "live.speaker.not_participant"}))
			return
		}
		n.RegistrationID = reg.ID
		sp, err = s.Live.AddSpeaker(r.Context(), c, n, reg)
	} else {
		sp, err = s.Live.AddSpeaker(r.Context(), c, n, nil)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, apiSpeaker{ID: sp.ID, ItemID: sp.ItemID, RegistrationID: sp.RegistrationID, Name: sp.Name,
		StakeholderGroup: sp.StakeholderGroup, Country: sp.Country, Topic: sp.Topic, Position: sp.Position, State: string(sp.State)})
}

type apiIntervention struct {
	ID               int64      `json:"id"`
	Name             string     `json:"name"`
	StakeholderGroup string     `json:"stakeholder_group"`
	Country          string     `json:"country"`
	QuestionID       *int64     `json:"question_id"`
	Summary          string     `json:"summary"`
	KeyPoints        []string   `json:"key_points"`
	StartedAt        *time.Time `json:"started_at"`
	EndedAt          *time.Time `json:"ended_at"`
	RecordedAt       time.Time  `json:"recorded_at"`
}

// apiInterventions is the record: public once published; before that,
// only to a token whose owner may record.
func (s *Server) apiInterventions(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultationHead(r)
	var st *live.State
	if err == nil {
		st, err = s.liveState(r.Context(), c)
	}
	if err == nil && st.Session.PublishedAt == nil {
		if err = s.staffMay(r, staff.RecordInterventions); errs.Is(err, errs.Unauthorized) {
			err = errs.E(errs.NotFound, "live.record.not_published")
		}
	}
	var list []live.Intervention
	if err == nil {
		list, err = s.DB.Interventions(r.Context(), c.ID)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := []apiIntervention{}
	for _, iv := range list {
		row := apiIntervention{ID: iv.ID, Name: iv.Name, StakeholderGroup: iv.StakeholderGroup, Country: iv.Country,
			Summary: iv.Summary, KeyPoints: iv.Points(), StartedAt: iv.StartedAt, EndedAt: iv.EndedAt, RecordedAt: iv.RecordedAt}
		if row.KeyPoints == nil {
			row.KeyPoints = []string{}
		}
		if iv.QuestionID != 0 {
			row.QuestionID = &iv.QuestionID
		}
		out = append(out, row)
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"consultation": c.Slug, "published": st.Session.PublishedAt != nil,
		"interventions": out})
}

// apiCheckInInput marks a registrant present (or, with false, undoes it).
type apiCheckInInput struct {
	RegistrationID string `json:"registration_id"`
	Present        *bool  `json:"present"`
}

// apiCheckIn is the check-in page's button for an API client.
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) {
	var in apiCheckInInput
	if err := s.checkInByAPI(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"registration_id": in.RegistrationID, "present": *in.Present})
}

func (s *Server) checkInByAPI(w http.ResponseWriter, r *http.Request, in *apiCheckInInput) error {
	if err := decodeJSON(w, r, in); err != nil {
		return err
	}
	if in.RegistrationID == "" || in.Present == nil {
		return errs.InvalidFields(map[string]string{"registration_id": "error.required", "present": "error.required"})
	}
	c, err := s.adminConsultation(r)
	if err != nil {
		return err
	}
	u, err := s.bearerUser(r)
	if err != nil {
		return err
	}
	return live.SetPresent(r.Context(), s.DB, s.Now(), c.ID, in.RegistrationID, u.ID, *in.Present)
}
