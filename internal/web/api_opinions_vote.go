package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

// The opinion map's participation API: statements and votes. Participants
// authenticate with their participant token (the voting page shows it) as
// a bearer token; staff API tokens add seed statements and moderate.

// apiStatement is a statement in the API; id is its number within the
// consultation (Pol.is's tid).
type apiStatement struct {
	ID         int    `json:"id"`
	Text       string `json:"text"`
	Lang       string `json:"lang"`
	Seed       bool   `json:"seed"`
	Moderation string `json:"moderation"`
	Agrees     int    `json:"agrees"`
	Disagrees  int    `json:"disagrees"`
	Passes     int    `json:"passes"`
	CreatedAt  string `json:"created_at"`
}

func apiStatementOf(c opinion.StatementCounts) apiStatement {
	return apiStatement{ID: c.TID, Text: c.Body, Lang: c.Lang, Seed: c.IsSeed, Moderation: c.Moderation.String(),
		Agrees: c.Agrees, Disagrees: c.Disagrees, Passes: c.Passes, CreatedAt: c.CreatedAt.UTC().Format(time.RFC3339)}
}

// apiCaller is who sent an opinion-map request: a participant of the
// consultation, a staff member, or (both nil) nobody known.
type apiCaller struct {
	participant *opinion.Participant
	staff       *store.User
}

// apiOpinionCaller authenticates the bearer token as a participant token
// of c or a staff API token. A participant token of another consultation,
// or of someone no longer allowed to take part, is Forbidden.
func (s *Server) apiOpinionCaller(r *http.Request, c *consultation.Consultation, set opinion.Settings) (apiCaller, error) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	token = strings.TrimSpace(token)
	if !ok || token == "" {
		return apiCaller{}, errs.E(errs.Unauthorized, "error.unauthorized")
	}
	if s.Opinions.IsParticipantToken(token) {
		p, err := s.Opinions.Participant(r.Context(), c, set, token)
		if err == nil && p == nil {
			err = errs.E(errs.Forbidden, "opinions.error.not_participant")
		}
		return apiCaller{participant: p}, err
	}
	u, err := s.bearerUser(r)
	if err != nil {
		return apiCaller{}, err
	}
	return apiCaller{staff: u}, nil
}

// apiOpinionConsultation loads the public consultation of the URL with its
// settings; a map that is not enabled is not found.
func (s *Server) apiOpinionConsultation(w http.ResponseWriter, r *http.Request) (*consultation.Consultation, opinion.Settings, bool) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Add("Vary", "Authorization")
	c, set, err := s.opinionConsultation(r, true)
	if err != nil {
		s.apiFail(w, r, err)
		return nil, set, false
	}
	return c, set, true
}

// apiListStatements lists the statements put to the vote with their tallies.
// Staff may ask for any moderation state with ?moderation=.
func (s *Server) apiListStatements(w http.ResponseWriter, r *http.Request) {
	c, set, ok := s.apiOpinionConsultation(w, r)
	if !ok {
		return
	}
	f := store.StatementFilter{ConsultationID: c.ID, States: set.VotableStates()}
	if q := r.URL.Query().Get("moderation"); q != "" {
		if err := s.staffMay(r, staff.ReadOpinions); err != nil {
			s.apiFail(w, r, err)
			return
		}
		m, ok := opinion.ParseModeration(q)
		switch {
		case q == "all":
			f.States = nil
		case !ok:
			s.apiFail(w, r, errs.InvalidFields(map[string]string{"moderation": "error.choice"}))
			return
		default:
			f.States = []opinion.Moderation{m}
		}
	}
	list, err := s.DB.Statements(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := []apiStatement{}
	for _, st := range list {
		out = append(out, apiStatementOf(st))
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"statements": out, "strict_moderation": set.StrictModeration})
}

// apiStatementInput is the body of a new statement.
type apiStatementInput struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

// apiAddStatement stores a participant's statement (unmoderated) or, for
// staff whose role may seed, a seed statement (accepted).
func (s *Server) apiAddStatement(w http.ResponseWriter, r *http.Request) {
	c, set, ok := s.apiOpinionConsultation(w, r)
	if !ok {
		return
	}
	caller, err := s.apiOpinionCaller(r, c, set)
	if err == nil && caller.staff != nil && !userMay(r, caller.staff, staff.SeedStatements) {
		err = errs.E(errs.Forbidden, "error.forbidden")
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiStatementInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if in.Lang == "" {
		in.Lang = langFrom(r.Context(), s.Catalog).Lang()
	}
	st, err := s.Opinions.AddStatement(r.Context(), c, caller.participant, in.Text, in.Lang)
	if err != nil {
		s.apiFail(w, r, renameField(err, "body", "text"))
		return
	}
	out := apiStatementOf(opinion.StatementCounts{Statement: *st})
	if caller.participant != nil {
		out.Agrees = 1 // the author's own vote
	}
	s.writeJSON(w, r, http.StatusCreated, out)
}

// renameField gives an Invalid error's field the name the API uses.
func renameField(err error, from, to string) error {
	f := errs.FieldsOf(err)
	if msg, ok := f[from]; ok {
		return errs.InvalidFields(map[string]string{to: msg})
	}
	return err
}

// apiVoteInput is the body of a vote.
type apiVoteInput struct {
	StatementID *int   `json:"statement_id"`
	Vote        string `json:"vote"`
}

// apiVote records a participant's vote; a later vote on the same statement
// replaces the earlier one.
func (s *Server) apiVote(w http.ResponseWriter, r *http.Request) {
	c, set, ok := s.apiOpinionConsultation(w, r)
	if !ok {
		return
	}
	caller, err := s.apiOpinionCaller(r, c, set)
	if err == nil && caller.participant == nil {
		err = errs.E(errs.Forbidden, "opinions.error.not_participant")
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiVoteInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	bad := map[string]string{}
	if in.StatementID == nil {
		bad["statement_id"] = "error.required"
	}
	v, vok := opinion.ParseVote(in.Vote)
	if in.Vote == "" {
		bad["vote"] = "error.required"
	} else if !vok {
		bad["vote"] = "vote.error.bad_vote"
	}
	if len(bad) > 0 {
		s.apiFail(w, r, errs.InvalidFields(bad))
		return
	}
	if err := s.DB.CastVote(r.Context(), c.ID, *in.StatementID, caller.participant.PID, v, s.Now()); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"statement_id": *in.StatementID, "vote": v.String()})
}

// apiModerationInput is the body of a moderation change.
type apiModerationInput struct {
	Moderation string `json:"moderation"`
}

// apiModerateStatement sets a statement's moderation state (staff who may
// moderate: the route's guard).
func (s *Server) apiModerateStatement(w http.ResponseWriter, r *http.Request) {
	c, _, ok := s.apiOpinionConsultation(w, r)
	if !ok {
		return
	}
	tid, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, errs.E(errs.NotFound, "opinions.error.no_statement"))
		return
	}
	var in apiModerationInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, ok := opinion.ParseModeration(in.Moderation)
	if !ok {
		code := "error.choice"
		if in.Moderation == "" {
			code = "error.required"
		}
		s.apiFail(w, r, errs.InvalidFields(map[string]string{"moderation": code}))
		return
	}
	if err := s.Opinions.Moderate(r.Context(), c, tid, m); err != nil {
		s.apiFail(w, r, err)
		return
	}
	st, err := s.DB.StatementByTID(r.Context(), c.ID, tid)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, apiStatementOf(st))
}
