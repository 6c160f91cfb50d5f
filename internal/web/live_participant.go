package web

import (
	"context"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
)

// floorView is the participant page's "asking for the floor" section.
type floorView struct {
	Agenda   agendaView
	Open     []agendaRow // items one may ask to speak on
	Mine     *mineView   // the participant's own request, when waiting or speaking
	Errors   map[string]string
	Message  string // an error not tied to a field
	Approved bool
}

type mineView struct {
	Item, Topic string
	Place       int // in the queue, from 1
	Speaking    bool
}

// participantFloor is the floor section of reg's page, or nil when the
// consultation has no agenda.
func (s *Server) participantFloor(ctx context.Context, p *i18n.Printer, c *consultation.Consultation,
	reg *registration.Registration, floorErr error) (*floorView, error) {
	st, err := s.liveState(ctx, c)
	if err != nil || len(st.Agenda) == 0 {
		return nil, err
	}
	f := &floorView{Agenda: viewAgenda(p, c, st), Approved: reg.Approved(), Errors: errs.FieldsOf(floorErr)}
	if floorErr != nil && len(f.Errors) == 0 {
		f.Message = errs.CodeOf(floorErr)
	}
	for _, row := range f.Agenda.Items {
		if row.Open {
			f.Open = append(f.Open, row)
		}
	}
	titles := itemTitles(p, c, st.Agenda)
	if fl := st.Floor(); fl != nil && fl.RegistrationID == reg.ID {
		f.Mine = &mineView{Item: titles[fl.ItemID], Topic: fl.Topic, Speaking: true}
	}
	for i, sp := range st.Queue() {
		if sp.RegistrationID == reg.ID {
			f.Mine = &mineView{Item: titles[sp.ItemID], Topic: sp.Topic, Place: i + 1}
		}
	}
	return f, nil
}
