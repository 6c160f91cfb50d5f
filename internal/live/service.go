package live

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// Store is the storage the service needs; writes join the transaction of
// ctx (WithTx).
type Store interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	LiveSession(ctx context.Context, consultationID int64) (*Session, error)
	SaveInterventionTime(ctx context.Context, consultationID int64, d time.Duration) error
	SetCurrentItem(ctx context.Context, consultationID, itemID int64, at time.Time) error
	PublishRecord(ctx context.Context, consultationID int64, at *time.Time) error
	Agenda(ctx context.Context, consultationID int64) ([]Item, error)
	// ReplaceAgenda keeps the items with an id (updated), adds those
	// without, and deletes the consultation's others.
	ReplaceAgenda(ctx context.Context, consultationID int64, items []Item) error
	// SaveAgendaTitles stores the items' titles in other languages.
	SaveAgendaTitles(ctx context.Context, consultationID int64, items []Item) error
	Speakers(ctx context.Context, consultationID int64) ([]Speaker, error)
	AddSpeaker(ctx context.Context, sp *Speaker) error
	UpdateSpeaker(ctx context.Context, sp *Speaker) error
	AddIntervention(ctx context.Context, iv *Intervention) error
	Interventions(ctx context.Context, consultationID int64) ([]Intervention, error)
	AppendEvent(ctx context.Context, e *Event) error
}

// Service is the live session's use cases.
type Service struct {
	Store        Store
	Now          func() time.Time
	ValidGroup   func(string) bool
	ValidCountry func(string) bool
	// Hub, when set, is told of each change so its viewers hear of it
	// at once rather than at its next poll.
	Hub *Hub
}

// State is everything the live pages show at one moment.
type State struct {
	Session  *Session
	Agenda   []Item
	Speakers []Speaker // every request, in queue order
	Now      time.Time
}

// Load reads a consultation's live state.
func (s *Service) Load(ctx context.Context, consultationID int64) (st *State, err error) {
	defer errs.Wrap(&err, "live.Load(%d)", consultationID)
	st = &State{Now: s.Now().UTC()}
	if st.Session, err = s.Store.LiveSession(ctx, consultationID); err != nil {
		return nil, err
	}
	if st.Agenda, err = s.Store.Agenda(ctx, consultationID); err != nil {
		return nil, err
	}
	if st.Speakers, err = s.Store.Speakers(ctx, consultationID); err != nil {
		return nil, err
	}
	return st, nil
}

// questionSet is the ids of the consultation's guiding questions.
func questionSet(c *consultation.Consultation) map[int64]bool {
	set := map[int64]bool{}
	for _, q := range c.Questions {
		set[q.ID] = true
	}
	return set
}

// change runs fn and appends its event in one transaction, then tells
// the hub.
func (s *Service) change(ctx context.Context, consultationID int64, kind string, data map[string]any,
	fn func(ctx context.Context) error) error {
	err := s.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := fn(ctx); err != nil {
			return err
		}
		body, _ := json.Marshal(data)
		return s.Store.AppendEvent(ctx, &Event{ConsultationID: consultationID, Kind: kind, Data: string(body), At: s.Now().UTC()})
	})
	if err == nil && s.Hub != nil {
		s.Hub.Poke()
	}
	return err
}

// SaveAgenda replaces the agenda of c after checking it fits c's time.
func (s *Service) SaveAgenda(ctx context.Context, c *consultation.Consultation, items []Item) (err error) {
	defer errs.Wrap(&err, "live.SaveAgenda(%q)", c.Slug)
	if err := ValidateAgenda(items, c.EndsAt.Sub(c.StartsAt), questionSet(c)); err != nil {
		return err
	}
	return s.change(ctx, c.ID, EventAgenda, map[string]any{"items": len(items)}, func(ctx context.Context) error {
		return s.Store.ReplaceAgenda(ctx, c.ID, items)
	})
}

// SetInterventionTime sets the time per intervention.
func (s *Service) SetInterventionTime(ctx context.Context, c *consultation.Consultation, d time.Duration) (err error) {
	defer errs.Wrap(&err, "live.SetInterventionTime(%q)", c.Slug)
	if err := ValidInterventionTime(d); err != nil {
		return err
	}
	return s.change(ctx, c.ID, EventTimer, map[string]any{"intervention_seconds": int(d.Seconds())}, func(ctx context.Context) error {
		return s.Store.SaveInterventionTime(ctx, c.ID, d)
	})
}

// StartItem makes itemID the current agenda item, its clock starting now.
func (s *Service) StartItem(ctx context.Context, c *consultation.Consultation, itemID int64) (err error) {
	defer errs.Wrap(&err, "live.StartItem(%q, %d)", c.Slug, itemID)
	items, err := s.Store.Agenda(ctx, c.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(items, func(it Item) bool { return it.ID == itemID }) {
		return errs.InvalidFields(map[string]string{"item": "live.agenda.item_unknown"})
	}
	now := s.Now().UTC()
	return s.change(ctx, c.ID, EventAgenda, map[string]any{"current_item": itemID, "started_at": now},
		func(ctx context.Context) error { return s.Store.SetCurrentItem(ctx, c.ID, itemID, now) })
}

// AskFloor is an approved participant asking to speak on the current or a
// later item. A registrant has at most one waiting request.
func (s *Service) AskFloor(ctx context.Context, c *consultation.Consultation, reg *registration.Registration,
	itemID int64, topic string) (err error) {
	defer errs.Wrap(&err, "live.AskFloor(%q)", c.Slug)
	if !reg.Approved() || reg.ConsultationID != c.ID {
		return errs.E(errs.Forbidden, "live.floor.not_participant")
	}
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return err
	}
	if st.Waiting(reg.ID) != nil {
		return errs.E(errs.Conflict, "live.floor.already_asked")
	}
	if !slices.ContainsFunc(st.OpenItems(), func(it Item) bool { return it.ID == itemID }) {
		return errs.InvalidFields(map[string]string{"item": "live.floor.item_closed"})
	}
	n := NewSpeaker{ItemID: itemID, RegistrationID: reg.ID, Topic: topic}
	if err := n.normalise(s.ValidGroup, s.ValidCountry); err != nil {
		return err
	}
	name := reg.GivenName + " " + reg.FamilyName
	sp := &Speaker{ConsultationID: c.ID, ItemID: itemID, RegistrationID: reg.ID, Name: name,
		StakeholderGroup: string(reg.StakeholderGroup), Country: reg.Country, Topic: n.Topic}
	return s.addSpeaker(ctx, st, sp)
}

func (s *Service) addSpeaker(ctx context.Context, st *State, sp *Speaker) error {
	sp.State, sp.AskedAt, sp.Position = Waiting, s.Now().UTC(), st.lastPosition()+1
	return s.change(ctx, sp.ConsultationID, EventQueue, map[string]any{"waiting": len(st.Queue()) + 1},
		func(ctx context.Context) error { return s.Store.AddSpeaker(ctx, sp) })
}

// Withdraw takes back a registrant's waiting request.
func (s *Service) Withdraw(ctx context.Context, c *consultation.Consultation, reg *registration.Registration) (err error) {
	defer errs.Wrap(&err, "live.Withdraw(%q)", c.Slug)
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return err
	}
	sp := st.Waiting(reg.ID)
	if sp == nil {
		return errs.E(errs.Conflict, "live.floor.not_waiting")
	}
	sp.State = Withdrawn
	return s.updateSpeakers(ctx, st, EventQueue, sp)
}

// AddSpeaker is the moderator adding a speaker: a registrant of c, or
// someone by name (the Chair, a speaker in the room). With no item, the
// current one (or the first).
func (s *Service) AddSpeaker(ctx context.Context, c *consultation.Consultation, n NewSpeaker,
	reg *registration.Registration) (sp *Speaker, err error) {
	defer errs.Wrap(&err, "live.AddSpeaker(%q)", c.Slug)
	if err := n.normalise(s.ValidGroup, s.ValidCountry); err != nil {
		return nil, err
	}
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	open := st.OpenItems()
	if len(open) == 0 {
		return nil, errs.InvalidFields(map[string]string{"item": "live.agenda.empty"})
	}
	if n.ItemID == 0 {
		n.ItemID = open[0].ID
	} else if !slices.ContainsFunc(open, func(it Item) bool { return it.ID == n.ItemID }) {
		return nil, errs.InvalidFields(map[string]string{"item": "live.floor.item_closed"})
	}
	sp = &Speaker{ConsultationID: c.ID, ItemID: n.ItemID, Name: n.Name, StakeholderGroup: n.StakeholderGroup,
		Country: n.Country, Topic: n.Topic}
	if reg != nil {
		if reg.ConsultationID != c.ID || !reg.Approved() {
			return nil, errs.InvalidFields(map[string]string{"registration_id": "live.speaker.not_participant"})
		}
		if st.Waiting(reg.ID) != nil {
			return nil, errs.E(errs.Conflict, "live.floor.already_asked")
		}
		sp.RegistrationID, sp.Name = reg.ID, reg.GivenName+" "+reg.FamilyName
		sp.StakeholderGroup, sp.Country = string(reg.StakeholderGroup), reg.Country
	}
	return sp, s.addSpeaker(ctx, st, sp)
}

// Move moves a waiting speaker one place up (delta -1) or down (+1) in
// the queue.
func (s *Service) Move(ctx context.Context, c *consultation.Consultation, speakerID int64, delta int) (err error) {
	defer errs.Wrap(&err, "live.Move(%q, %d)", c.Slug, speakerID)
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return err
	}
	q := st.Queue()
	i := slices.IndexFunc(q, func(sp *Speaker) bool { return sp.ID == speakerID })
	if i < 0 {
		return errs.E(errs.NotFound, "live.speaker.not_found")
	}
	j := i + delta
	if j < 0 || j >= len(q) {
		return nil
	}
	q[i].Position, q[j].Position = q[j].Position, q[i].Position
	return s.updateSpeakers(ctx, st, EventQueue, q[i], q[j])
}

// GiveFloor gives the floor to a waiting speaker; whoever held it has
// spoken. The times are recorded.
func (s *Service) GiveFloor(ctx context.Context, c *consultation.Consultation, speakerID int64) (err error) {
	defer errs.Wrap(&err, "live.GiveFloor(%q, %d)", c.Slug, speakerID)
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return err
	}
	sp := st.speaker(speakerID)
	if sp == nil || sp.State != Waiting {
		return errs.E(errs.Conflict, "live.speaker.not_waiting")
	}
	now := s.Now().UTC()
	changed := []*Speaker{sp}
	if cur := st.Floor(); cur != nil {
		cur.State, cur.EndedAt = Spoken, &now
		changed = append(changed, cur)
	}
	sp.State, sp.StartedAt = Speaking, &now
	return s.updateSpeakers(ctx, st, EventFloor, changed...)
}

// EndFloor ends the current intervention.
func (s *Service) EndFloor(ctx context.Context, c *consultation.Consultation) (err error) {
	defer errs.Wrap(&err, "live.EndFloor(%q)", c.Slug)
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return err
	}
	cur := st.Floor()
	if cur == nil {
		return nil
	}
	now := s.Now().UTC()
	cur.State, cur.EndedAt = Spoken, &now
	return s.updateSpeakers(ctx, st, EventFloor, cur)
}

// Skip passes over a waiting speaker.
func (s *Service) Skip(ctx context.Context, c *consultation.Consultation, speakerID int64) (err error) {
	defer errs.Wrap(&err, "live.Skip(%q, %d)", c.Slug, speakerID)
	st, err := s.Load(ctx, c.ID)
	if err != nil {
		return err
	}
	sp := st.speaker(speakerID)
	if sp == nil || sp.State != Waiting {
		return errs.E(errs.Conflict, "live.speaker.not_waiting")
	}
	sp.State = Skipped
	return s.updateSpeakers(ctx, st, EventQueue, sp)
}

// updateSpeakers stores the changed speakers and the event of kind, whose
// data is what the public page shows: the floor's clock and the queue's
// length, never a name.
func (s *Service) updateSpeakers(ctx context.Context, st *State, kind string, changed ...*Speaker) error {
	data := map[string]any{"waiting": len(st.Queue())}
	if f := st.Floor(); f != nil {
		data["floor_started_at"] = f.StartedAt
		data["intervention_seconds"] = int(st.Session.InterventionTime.Seconds())
	}
	return s.change(ctx, st.Session.ConsultationID, kind, data, func(ctx context.Context) error {
		for _, sp := range changed {
			if err := s.Store.UpdateSpeaker(ctx, sp); err != nil {
				return err
			}
		}
		return nil
	})
}

// Record stores the rapporteur's record of an intervention. With a
// speaker id, the speaker's registration and times come from the queue.
func (s *Service) Record(ctx context.Context, c *consultation.Consultation, iv *Intervention) (err error) {
	defer errs.Wrap(&err, "live.Record(%q)", c.Slug)
	iv.ConsultationID = c.ID
	if iv.SpeakerID != 0 {
		sps, err := s.Store.Speakers(ctx, c.ID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(sps, func(sp Speaker) bool { return sp.ID == iv.SpeakerID })
		if i < 0 {
			return errs.InvalidFields(map[string]string{"speaker": "live.speaker.not_found"})
		}
		sp := sps[i]
		iv.RegistrationID, iv.StartedAt, iv.EndedAt = sp.RegistrationID, sp.StartedAt, sp.EndedAt
		if iv.Name == "" {
			iv.Name = sp.Name
		}
		if iv.StakeholderGroup == "" {
			iv.StakeholderGroup = sp.StakeholderGroup
		}
		if iv.Country == "" {
			iv.Country = sp.Country
		}
	}
	if err := iv.validate(s.ValidGroup, s.ValidCountry, questionSet(c)); err != nil {
		return err
	}
	iv.RecordedAt = s.Now().UTC()
	return s.change(ctx, c.ID, EventRecord, map[string]any{}, func(ctx context.Context) error {
		return s.Store.AddIntervention(ctx, iv)
	})
}

// Publish makes the record public (publish), once the session is over,
// or takes it back.
func (s *Service) Publish(ctx context.Context, c *consultation.Consultation, publish bool) (err error) {
	defer errs.Wrap(&err, "live.Publish(%q)", c.Slug)
	var at *time.Time
	if publish {
		now := s.Now().UTC()
		if now.Before(c.EndsAt) {
			return errs.E(errs.Conflict, "live.record.session_not_over")
		}
		at = &now
	}
	return s.change(ctx, c.ID, EventRecord, map[string]any{"published": publish}, func(ctx context.Context) error {
		return s.Store.PublishRecord(ctx, c.ID, at)
	})
}
