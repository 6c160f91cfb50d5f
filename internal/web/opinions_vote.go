package web

import (
	"cmp"
	"github.com/consulta/consulta/internal/links"
	"net/http"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/opinion"
)

// The voting side of the opinion map. Who may take part is opinion.Service's
// rule. Following a join or sign-in link sets a signed, HttpOnly,
// SameSite=Lax cookie holding the participant token, scoped to the
// consultation's opinion pages; the API takes the same token as a bearer
// token.

// opinionCookie is the cookie holding the participant token.
const opinionCookie = "consulta_opinions"

// opinionConsultation loads the public consultation of the URL and its
// settings; a map that is not enabled is not found.
func (s *Server) opinionConsultation(r *http.Request, head bool) (*consultation.Consultation, opinion.Settings, error) {
	load := s.publicConsultation
	if head {
		load = s.publicConsultationHead
	}
	c, err := load(r)
	if err != nil {
		return nil, opinion.Settings{}, err
	}
	set, err := s.DB.OpinionSettings(r.Context(), c.ID)
	if err == nil && !set.Enabled {
		err = errs.E(errs.NotFound, "opinions.error.disabled")
	}
	return c, set, err
}

// cookieParticipant is the participant of the request's cookie, or nil.
func (s *Server) cookieParticipant(r *http.Request, c *consultation.Consultation, set opinion.Settings) (*opinion.Participant, error) {
	ck, err := r.Cookie(opinionCookie)
	if err != nil {
		return nil, nil
	}
	return s.Opinions.Participant(r.Context(), c, set, ck.Value)
}

// setParticipantCookie lets p in on this browser.
func (s *Server) setParticipantCookie(w http.ResponseWriter, c *consultation.Consultation, p *opinion.Participant) {
	http.SetCookie(w, &http.Cookie{Name: opinionCookie, Value: s.Opinions.Token(c, p), Path: links.OpinionsPath(c.Slug),
		MaxAge: int((180 * 24 * time.Hour).Seconds()), HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.Config.SecureCookies()})
}

// votePage is the data of the voting page.
type votePage struct {
	C            consultationView
	Settings     opinion.Settings
	Participant  bool
	Statement    *opinion.Statement
	StatementDir string
	Progress     opinion.Progress
	Typed        string            // what the participant typed as a new statement
	Email        string            // what a visitor typed to sign in
	Errors       map[string]string // field -> catalog id
	Order        []string
	Notice       string // catalog id of a message about the last action
	Alert        bool   // the notice is an error
	Token        string // the participant's API token
	MaxRunes     int
	ResultsURL   string
}

// votePageData builds the voting page for c; p is nil for visitors.
func (s *Server) votePageData(r *http.Request, c *consultation.Consultation, set opinion.Settings, p *opinion.Participant) (*votePage, error) {
	pr := langFrom(r.Context(), s.Catalog)
	d := &votePage{C: s.viewConsultation(r.Context(), pr, c, c.PlacesTaken), Settings: set, Participant: p != nil,
		MaxRunes: opinion.MaxStatementRunes, ResultsURL: links.OpinionsPath(c.Slug)}
	switch r.URL.Query().Get("done") {
	case "statement":
		d.Notice = "vote.notice.statement_added"
		if set.StrictModeration {
			d.Notice = "vote.notice.statement_awaits"
		}
	case "sent":
		d.Notice = "vote.notice.signin_sent"
	}
	if p == nil {
		return d, nil
	}
	d.Token = s.Opinions.Token(c, p)
	var err error
	if d.Statement, err = s.DB.NextStatement(r.Context(), set, p.PID); err != nil {
		return nil, err
	}
	if d.Statement != nil {
		d.StatementDir = dirOf(d.Statement.Lang)
	}
	d.Progress, err = s.DB.OpinionProgress(r.Context(), set, p.PID)
	return d, err
}

// dirOf is the text direction of a statement's language ("" = unknown).
func dirOf(lang string) string {
	if lang == "" {
		return "auto"
	}
	return i18n.Dir(lang)
}

// renderVote shows the voting page with a status.
func (s *Server) renderVote(w http.ResponseWriter, r *http.Request, status int, d *votePage) {
	for _, name := range []string{"statement", "email"} {
		if _, ok := d.Errors[name]; ok {
			d.Order = append(d.Order, name)
		}
	}
	pr := langFrom(r.Context(), s.Catalog)
	title := pr.T("vote.title", "Title", d.C.Title)
	if len(d.Errors) > 0 {
		title = pr.T("register.title_errors", "Title", title)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "opinions_vote", s.newPage(r, title, d))
}

// showVote is the voting page: one statement and three buttons for a
// participant; for anyone else, how to take part.
func (s *Server) showVote(w http.ResponseWriter, r *http.Request) {
	c, set, err := s.opinionConsultation(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cookieParticipant(r, c, set)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.votePageData(r, c, set, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderVote(w, r, http.StatusOK, d)
}

// requireParticipant loads the consultation and the cookie's participant,
// answering with the explanation page (403) when there is none.
func (s *Server) requireParticipant(w http.ResponseWriter, r *http.Request) (*consultation.Consultation, opinion.Settings, *opinion.Participant, bool) {
	c, set, err := s.opinionConsultation(r, false)
	if err != nil {
		s.fail(w, r, err)
		return nil, set, nil, false
	}
	p, err := s.cookieParticipant(r, c, set)
	if err != nil {
		s.fail(w, r, err)
		return nil, set, nil, false
	}
	if p == nil {
		d, err := s.votePageData(r, c, set, nil)
		if err != nil {
			s.fail(w, r, err)
			return nil, set, nil, false
		}
		d.Notice, d.Alert = "vote.error.not_participant", true
		s.renderVote(w, r, http.StatusForbidden, d)
		return nil, set, nil, false
	}
	return c, set, p, true
}

// submitVote records a vote and shows the next statement (303 back to the
// page). A later vote on the same statement replaces the earlier one.
func (s *Server) submitVote(w http.ResponseWriter, r *http.Request) {
	c, set, p, ok := s.requireParticipant(w, r)
	if !ok {
		return
	}
	tid, terr := strconv.Atoi(r.PostFormValue("tid"))
	v, vok := opinion.ParseVote(r.PostFormValue("vote"))
	var err error = errs.E(errs.Invalid, "vote.error.bad_vote")
	if terr == nil && vok {
		err = s.Opinions.Vote(r.Context(), c, p, tid, v)
	}
	if err == nil {
		http.Redirect(w, r, links.OpinionsPath(c.Slug)+"/vote", http.StatusSeeOther)
		return
	}
	s.voteFailed(w, r, c, set, p, err, func(d *votePage) {
		d.Notice, d.Alert = errs.CodeOf(err), true
		if errs.Is(err, errs.NotFound) || errs.Is(err, errs.Closed) {
			d.Notice = "opinions.error.not_votable"
		}
	})
}

// voteFailed shows the voting page again after a refused vote or
// statement, with edit adding the error; internal errors fail as usual.
func (s *Server) voteFailed(w http.ResponseWriter, r *http.Request, c *consultation.Consultation, set opinion.Settings,
	p *opinion.Participant, err error, edit func(d *votePage)) {
	if statusOf(err) == http.StatusInternalServerError {
		s.fail(w, r, err)
		return
	}
	d, derr := s.votePageData(r, c, set, p)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	edit(d)
	s.renderVote(w, r, statusOf(err), d)
}

// submitStatement stores a participant's statement; invalid input shows
// the page again with the text kept and the error beside the field.
func (s *Server) submitStatement(w http.ResponseWriter, r *http.Request) {
	c, set, p, ok := s.requireParticipant(w, r)
	if !ok {
		return
	}
	body := r.PostFormValue("statement")
	err := formError(r)
	if err == nil {
		_, err = s.Opinions.AddStatement(r.Context(), c, p, body, langFrom(r.Context(), s.Catalog).Lang())
	}
	if err == nil {
		http.Redirect(w, r, links.OpinionsPath(c.Slug)+"/vote?done=statement", http.StatusSeeOther)
		return
	}
	s.voteFailed(w, r, c, set, p, err, func(d *votePage) {
		d.Typed = body
		if f := errs.FieldsOf(err); f != nil {
			d.Errors = map[string]string{"statement": cmp.Or(f["body"], f["statement"])}
		} else {
			d.Notice, d.Alert = errs.CodeOf(err), true
		}
	})
}

// joinOpinions is the link a confirmed registrant follows: it makes them a
// participant on this browser and opens the voting page.
func (s *Server) joinOpinions(w http.ResponseWriter, r *http.Request) {
	c, set, err := s.opinionConsultation(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Opinions.Join(r.Context(), c, set, r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setParticipantCookie(w, c, p)
	http.Redirect(w, r, links.OpinionsPath(c.Slug)+"/vote", http.StatusSeeOther)
}

// requestOpinionSignIn emails a sign-in link to the address typed, when
// the map is open to verified addresses. The answer is the same for any
// valid address.
func (s *Server) requestOpinionSignIn(w http.ResponseWriter, r *http.Request) {
	c, set, err := s.opinionConsultation(r, false)
	if err == nil {
		err = formError(r)
	}
	if err == nil {
		err = s.Opinions.RequestSignIn(r.Context(), c, set, r.PostFormValue("email"), langFrom(r.Context(), s.Catalog).Lang())
	}
	if f := errs.FieldsOf(err); f != nil {
		d, derr := s.votePageData(r, c, set, nil)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		d.Email, d.Errors = r.PostFormValue("email"), f
		s.renderVote(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, links.OpinionsPath(c.Slug)+"/vote?done=sent", http.StatusSeeOther)
}

// opinionSignIn is the emailed link: the address is proven, so its owner
// becomes a participant on this browser.
func (s *Server) opinionSignIn(w http.ResponseWriter, r *http.Request) {
	c, set, err := s.opinionConsultation(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Opinions.SignIn(r.Context(), c, set, r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setParticipantCookie(w, c, p)
	http.Redirect(w, r, links.OpinionsPath(c.Slug)+"/vote", http.StatusSeeOther)
}
