package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/stakeholder"
)

// The moderator's page: the agenda and its current item, the queue with
// the balance hint, the floor and its clock, adding a speaker.

type liveAdminPage struct {
	Slug, Title     string
	Agenda          agendaView
	Queue           []speakerRow
	Floor           *speakerRow
	Past            []speakerRow // spoken, skipped or withdrawn
	MissingGroups   []string     // translated
	MissingRegions  []string     // translated
	InterventionSec int
	Groups          []stakeholder.Group
	Countries       []country.Option
	Values, Errors  map[string]string
	Message         string
	CanRecord       bool
	Actions         []speakerAction // on each waiting speaker
}

// speakerAction is a button on each waiting speaker: its path segment,
// its text and its accessible name (with the speaker's name).
type speakerAction struct{ Name, Label, For string }

// speakerActions are the moderator's buttons on a waiting speaker.
func speakerActions() []speakerAction {
	return []speakerAction{{"floor", "live.queue.floor", "live.queue.floor_for"}, {"up", "live.queue.up", "live.queue.up_for"},
		{"down", "live.queue.down", "live.queue.down_for"}, {"skip", "live.queue.skip", "live.queue.skip_for"}}
}

// stateLabels name what became of a request for the floor.
var stateLabels = map[live.SpeakerState]string{live.Spoken: "live.state.spoken", live.Skipped: "live.state.skipped",
	live.Withdrawn: "live.state.withdrawn"}

// speakerRow is one request for the floor as the staff pages show it.
type speakerRow struct {
	ID                                 int64
	Name, Group, Country, Region, Item string
	Topic, State, StateLabel, Asked    string
	Registered                         bool
	Spoke                              string // how long, once done
	Place                              int    // in the queue, from 1
}

func (s *Server) speakerRows(p *i18n.Printer, c *consultation.Consultation, st *live.State) (queue []speakerRow, floor *speakerRow,
	past []speakerRow) {
	titles := itemTitles(p, c, st.Agenda)
	row := func(sp *live.Speaker) speakerRow {
		r := speakerRow{ID: sp.ID, Name: sp.Name, Country: s.Countries.Name(sp.Country, p.Lang()), Item: titles[sp.ItemID],
			Topic: sp.Topic, State: string(sp.State), StateLabel: stateLabels[sp.State], Registered: sp.RegistrationID != "", Asked: p.Clock(sp.AskedAt) + " UTC"}
		if sp.StakeholderGroup != "" {
			r.Group = p.T(stakeholder.Group(sp.StakeholderGroup).MessageID())
		}
		if sp.Country != "" {
			r.Region = s.Countries.RegionName(s.Countries.Region(sp.Country), p.Lang())
		}
		if sp.StartedAt != nil && sp.EndedAt != nil {
			r.Spoke = newClock(sp.EndedAt.Sub(*sp.StartedAt)).Label
		}
		return r
	}
	for i, sp := range st.Queue() {
		r := row(sp)
		r.Place = i + 1
		queue = append(queue, r)
	}
	if f := st.Floor(); f != nil {
		r := row(f)
		floor = &r
	}
	for i := range st.Speakers {
		if sp := &st.Speakers[i]; sp.State != live.Waiting && sp.State != live.Speaking {
			past = append(past, row(sp))
		}
	}
	return queue, floor, past
}

func (s *Server) showLive(w http.ResponseWriter, r *http.Request) {
	s.renderLive(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderLive(w http.ResponseWriter, r *http.Request, status int, values map[string]string, formErr error) {
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
	p := langFrom(r.Context(), s.Catalog)
	t, _ := c.Text(p.Lang())
	d := liveAdminPage{Slug: c.Slug, Title: t.Title, Agenda: viewAgenda(p, c, st), Groups: stakeholder.All(),
		Countries: s.Countries.Options(p.Lang()), Values: values, Errors: errs.FieldsOf(formErr),
		InterventionSec: int(st.Session.InterventionTime / time.Second), CanRecord: s.currentUser(r).May(staff.RecordInterventions),
		Actions: speakerActions()}
	if formErr != nil && len(d.Errors) == 0 {
		d.Message = errs.CodeOf(formErr)
	}
	d.Queue, d.Floor, d.Past = s.speakerRows(p, c, st)
	var groups []string
	for _, g := range stakeholder.All() {
		groups = append(groups, string(g))
	}
	mg, mr := st.Balance(groups, s.Countries.Regions(), s.Countries.Region)
	for _, g := range mg {
		d.MissingGroups = append(d.MissingGroups, p.T(stakeholder.Group(g).MessageID()))
	}
	for _, rg := range mr {
		d.MissingRegions = append(d.MissingRegions, s.Countries.RegionName(rg, p.Lang()))
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "admin_live", s.newPage(r, p.T("live.moderator.title", "Title", t.Title), d))
}

// liveAction runs one of the moderator's changes and shows the page again:
// after a redirect, or with the error.
func (s *Server) liveAction(w http.ResponseWriter, r *http.Request, fn func(c *consultation.Consultation) error) {
	c, err := s.adminConsultation(r)
	if err == nil {
		err = fn(c)
	}
	switch {
	case errs.Is(err, errs.Invalid), errs.Is(err, errs.Conflict):
		values := map[string]string{}
		for k := range r.PostForm {
			values[k] = r.PostFormValue(k)
		}
		s.renderLive(w, r, http.StatusUnprocessableEntity, values, err)
	case err != nil:
		s.fail(w, r, err)
	default:
		http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/live", http.StatusSeeOther)
	}
}

// startLiveItem makes an agenda item the current one.
func (s *Server) startLiveItem(w http.ResponseWriter, r *http.Request) {
	s.liveAction(w, r, func(c *consultation.Consultation) error {
		id, _ := strconv.ParseInt(r.PostFormValue("item"), 10, 64)
		return s.Live.StartItem(r.Context(), c, id)
	})
}

// saveInterventionTime sets the time per intervention (seconds).
func (s *Server) saveInterventionTime(w http.ResponseWriter, r *http.Request) {
	s.liveAction(w, r, func(c *consultation.Consultation) error {
		secs, err := strconv.Atoi(r.PostFormValue("intervention_seconds"))
		if err != nil {
			return errs.InvalidFields(map[string]string{"intervention_seconds": "live.session.time_invalid"})
		}
		return s.Live.SetInterventionTime(r.Context(), c, time.Duration(secs)*time.Second)
	})
}

// addLiveSpeaker adds a speaker by name (or a registrant by id).
func (s *Server) addLiveSpeaker(w http.ResponseWriter, r *http.Request) {
	s.liveAction(w, r, func(c *consultation.Consultation) error {
		item, _ := strconv.ParseInt(r.PostFormValue("item"), 10, 64)
		n := live.NewSpeaker{ItemID: item, Name: r.PostFormValue("name"), StakeholderGroup: r.PostFormValue("stakeholder_group"),
			Country: r.PostFormValue("country"), Topic: r.PostFormValue("topic")}
		_, err := s.Live.AddSpeaker(r.Context(), c, n, nil)
		return err
	})
}

// speakerAction is up, down, floor or skip on one request.
func (s *Server) speakerAction(w http.ResponseWriter, r *http.Request) {
	s.liveAction(w, r, func(c *consultation.Consultation) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return errs.E(errs.NotFound, "live.speaker.not_found")
		}
		switch r.PathValue("action") {
		case "up":
			return s.Live.Move(r.Context(), c, id, -1)
		case "down":
			return s.Live.Move(r.Context(), c, id, 1)
		case "floor":
			return s.Live.GiveFloor(r.Context(), c, id)
		case "skip":
			return s.Live.Skip(r.Context(), c, id)
		}
		return errs.E(errs.NotFound, "live.speaker.not_found")
	})
}

// endFloor ends the current intervention.
func (s *Server) endFloor(w http.ResponseWriter, r *http.Request) {
	s.liveAction(w, r, func(c *consultation.Consultation) error { return s.Live.EndFloor(r.Context(), c) })
}
