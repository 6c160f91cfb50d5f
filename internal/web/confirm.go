package web

import (
	"net/http"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
)

// The emailed links open a page with a button; only the button's POST
// changes anything, so mail scanners that pre-fetch links confirm nothing.

type linkPage struct {
	C           consultationView
	Token       string
	Done        bool
	Status      string
	OpinionsURL string // the confirmed registrant's link to the opinion map
	// AwaitingApproval: confirmed, but the secretariat has yet to approve.
	AwaitingApproval bool
	// ParticipantURL is the registrant's own page (status, join link,
	// calendar, cancelling, their data).
	ParticipantURL string
}

func (s *Server) registrationFromToken(r *http.Request, purpose string) (*registration.Registration, error) {
	id, st := s.URLs.Signer().Check(purpose, r.PathValue("token"), s.Now())
	switch st {
	case links.Expired: // a true link, only too old: say so, not "invalid"
		return nil, errs.E(errs.NotFound, "link.expired")
	case links.Invalid:
		return nil, errs.E(errs.NotFound, "link.invalid")
	}
	reg, err := s.DB.RegistrationByID(r.Context(), id)
	if errs.Is(err, errs.NotFound) {
		// We signed this id, so it existed; registrations are deleted only
		// when they expire unconfirmed (jobs.PurgeUnconfirmed).
		return nil, errs.E(errs.NotFound, "registration.expired")
	}
	return reg, err
}

func (s *Server) showLinkPage(w http.ResponseWriter, r *http.Request, purpose, name string, reg *registration.Registration, done bool) {
	c, err := s.DB.ConsultationByID(r.Context(), reg.ConsultationID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	lp := linkPage{C: s.viewConsultation(r.Context(), p, c, -1), Token: r.PathValue("token"), Done: done, Status: string(reg.Status)}
	if purpose == links.Confirm && done {
		if lp.OpinionsURL, err = s.Opinions.JoinPath(r.Context(), c, reg); err != nil {
			s.fail(w, r, err)
			return
		}
		lp.AwaitingApproval = reg.Status == registration.Confirmed
		lp.ParticipantURL = s.URLs.ParticipantPath(reg.ID, c.EndsAt)
	}
	s.render(w, r, http.StatusOK, name, s.newPage(r, p.T(name+".title"), lp))
}

// showConfirm asks the registrant to press Confirm.
func (s *Server) showConfirm(w http.ResponseWriter, r *http.Request) {
	reg, err := s.registrationFromToken(r, links.Confirm)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showLinkPage(w, r, links.Confirm, "confirm", reg, reg.Verified())
}

// confirmRegistration confirms and shows the confirmation page: approved,
// awaiting approval, or waitlisted when every place was taken meanwhile.
func (s *Server) confirmRegistration(w http.ResponseWriter, r *http.Request) {
	reg, err := s.registrationFromToken(r, links.Confirm)
	if err == nil {
		reg, err = s.Registrations.Confirm(r.Context(), reg.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showLinkPage(w, r, links.Confirm, "confirm", reg, true)
}

// showCancel asks the registrant to press Cancel registration.
func (s *Server) showCancel(w http.ResponseWriter, r *http.Request) {
	reg, err := s.registrationFromToken(r, links.Cancel)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showLinkPage(w, r, links.Cancel, "cancel", reg, reg.Status == registration.Cancelled)
}

// cancelRegistration cancels and says so.
func (s *Server) cancelRegistration(w http.ResponseWriter, r *http.Request) {
	reg, err := s.registrationFromToken(r, links.Cancel)
	if err == nil {
		reg, err = s.Registrations.Cancel(r.Context(), reg)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showLinkPage(w, r, links.Cancel, "cancel", reg, true)
}
