package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
)

// apiOpinionMap is GET /api/v1/consultations/{slug}/opinions: the opinion
// map's groups, representative and consensus statements, every shown
// statement's figures, and the participants' places (anonymous points).
type apiOpinionMap struct {
	*opinion.Report
	// Groups hides the report's participant → group map: participant
	// numbers stay out of the public API.
	Groups     *struct{}  `json:"groups,omitempty"`
	Votes      int        `json:"votes"`
	ComputedAt time.Time  `json:"computed_at"`
	Points     []apiPoint `json:"points"`
}

type apiPoint struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Group int     `json:"group"`
}

// apiOpinionMapOf loads the request's map, answering (false) when there is
// none to show: the first map on its way is 503 with Retry-After, not an
// error of the request.
func (s *Server) apiOpinionMapOf(w http.ResponseWriter, r *http.Request) (opinion.Settings, *opinion.Snapshot, bool) {
	_, set, snap, err := s.opinionMap(r)
	if errs.CodeOf(err) == mapComputing {
		w.Header().Set("Retry-After", "5")
		s.apiError(w, r, http.StatusServiceUnavailable, apiErrorDetail{Code: "computing", Message: mapComputing})
		return set, nil, false
	}
	if err != nil {
		s.apiFail(w, r, err)
		return set, nil, false
	}
	return set, snap, true
}

func (s *Server) apiOpinionMap(w http.ResponseWriter, r *http.Request) {
	set, snap, ok := s.apiOpinionMapOf(w, r)
	if !ok {
		return
	}
	text := func(tid int) (string, bool) {
		st, ok := snap.Statement(tid)
		if !ok || !shown(set, st) {
			return "", false
		}
		return st.Body, true
	}
	rep := snap.Result.Report(text)
	visible := func(tid int) bool { _, ok := text(tid); return ok }
	for i := range rep.OpinionGroups {
		rep.OpinionGroups[i].Representative = slices.DeleteFunc(rep.OpinionGroups[i].Representative,
			func(tid int) bool { return !visible(tid) })
	}
	hidden := func(c opinion.Consensual) bool { return !visible(c.TID) }
	rep.Consensus.Agree = slices.DeleteFunc(rep.Consensus.Agree, hidden)
	rep.Consensus.Disagree = slices.DeleteFunc(rep.Consensus.Disagree, hidden)
	out := apiOpinionMap{Report: rep, Votes: snap.Votes, ComputedAt: snap.ComputedAt.UTC(), Points: []apiPoint{}}
	for _, p := range snap.Result.Participants {
		if p.Group >= 0 {
			out.Points = append(out.Points, apiPoint{X: p.X, Y: p.Y, Group: p.Group})
		}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// apiOpinionBreakdown is GET /api/v1/consultations/{slug}/opinions/breakdown
// ?by=stakeholder_group|region: agreement by segment with the thresholds.
type apiOpinionBreakdown struct {
	By         string                 `json:"by"`
	Thresholds apiBreakdownThresholds `json:"thresholds"`
	Segments   []string               `json:"segments"`
	Statements []apiSegmented         `json:"statements"`
}

type apiBreakdownThresholds struct {
	CommonGroundShare float64 `json:"common_ground_share"`
	DivergenceGap     float64 `json:"divergence_gap"`
	MinStatementVotes int     `json:"min_statement_votes"`
	MinSegmentVotes   int     `json:"min_segment_votes"`
}

type apiSegmented struct {
	Text string `json:"text"`
	opinion.SegmentedStatement
}

func (s *Server) apiOpinionBreakdown(w http.ResponseWriter, r *http.Request) {
	set, snap, ok := s.apiOpinionMapOf(w, r)
	if !ok {
		return
	}
	by := r.URL.Query().Get("by")
	b := snap.ByStakeholder
	switch by {
	case "", "stakeholder_group":
		by = "stakeholder_group"
	case "region":
		b = snap.ByRegion
	default:
		s.apiFail(w, r, errs.InvalidFields(map[string]string{"by": "error.choice"}))
		return
	}
	out := apiOpinionBreakdown{By: by, Segments: b.Segments, Statements: []apiSegmented{},
		Thresholds: apiBreakdownThresholds{CommonGroundShare: opinion.CommonGroundShare, DivergenceGap: opinion.DivergenceGap,
			MinStatementVotes: opinion.MinStatementVotes, MinSegmentVotes: opinion.MinSegmentVotes}}
	for _, st := range b.Statements {
		if t, ok := snap.Statement(st.TID); ok && shown(set, t) {
			out.Statements = append(out.Statements, apiSegmented{Text: t.Body, SegmentedStatement: st})
		}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}
