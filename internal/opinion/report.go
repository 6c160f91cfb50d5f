package opinion

import "strconv"

// Report is the JSON form of a result, as `consulta opinions analyse
// --json` prints it and the API serves it (with texts).
type Report struct {
	// Groups maps each participant in the conversation (by id, as a JSON
	// key) to their group number; others are absent.
	Groups         map[string]int     `json:"groups"`
	OpinionGroups  []ReportGroup      `json:"opinion_groups"`
	Statements     []ReportStatement  `json:"statements"`
	Consensus      ReportConsensus    `json:"consensus"`
	Silhouettes    map[string]float64 `json:"silhouettes,omitempty"`
	Participants   int                `json:"participants"`
	InConversation int                `json:"in_conversation"`
}

// ReportGroup is one opinion group.
type ReportGroup struct {
	ID             int        `json:"id"`
	Label          string     `json:"label"`
	Members        int        `json:"members"`
	Centre         [2]float64 `json:"centre"`
	Representative []int      `json:"representative"` // statement ids, in display order
}

// ReportStatement is one statement's figures.
type ReportStatement struct {
	ID                     int       `json:"id"`
	Text                   string    `json:"text,omitempty"`
	Rejected               bool      `json:"rejected,omitempty"`
	Agrees                 int       `json:"agrees"`
	Disagrees              int       `json:"disagrees"`
	Passes                 int       `json:"passes"`
	GroupInformedConsensus float64   `json:"group_informed_consensus"`
	ByGroup                []Counts  `json:"by_group"`
	Repness                []Repness `json:"repness"`
}

// ReportConsensus lists the consensus statements.
type ReportConsensus struct {
	Agree    []Consensual `json:"agree"`
	Disagree []Consensual `json:"disagree"`
}

// GroupLabel names group g as Pol.is does: A, B, C…
func GroupLabel(g int) string { return string(rune('A' + g)) }

// Report builds the JSON form. text, when not nil, gives each statement's
// text (and false to leave it out).
func (r *Result) Report(text func(tid int) (string, bool)) *Report {
	rep := &Report{Groups: map[string]int{}, Participants: len(r.Participants), InConversation: r.InConversation,
		OpinionGroups: []ReportGroup{}, Statements: []ReportStatement{},
		Consensus: ReportConsensus{Agree: nonNil(r.ConsensusAgree), Disagree: nonNil(r.ConsensusDisagree)}}
	for _, p := range r.Participants {
		if p.Group >= 0 {
			rep.Groups[strconv.Itoa(p.PID)] = p.Group
		}
	}
	for _, g := range r.Groups {
		rg := ReportGroup{ID: g.ID, Label: GroupLabel(g.ID), Members: g.Members, Centre: g.Centre, Representative: []int{}}
		for _, x := range g.Representative {
			rg.Representative = append(rg.Representative, x.TID)
		}
		rep.OpinionGroups = append(rep.OpinionGroups, rg)
	}
	if len(r.Silhouettes) > 0 {
		rep.Silhouettes = map[string]float64{}
		for k, s := range r.Silhouettes {
			rep.Silhouettes[strconv.Itoa(k)] = s
		}
	}
	for _, s := range r.Statements {
		rs := ReportStatement{ID: s.TID, Rejected: s.Rejected, Agrees: s.Total.Agrees, Disagrees: s.Total.Disagrees,
			Passes: s.Total.Passes, GroupInformedConsensus: s.GroupInformedConsensus,
			ByGroup: nonNil(s.ByGroup), Repness: nonNil(s.Repness)}
		if text != nil {
			t, ok := text(s.TID)
			if !ok {
				continue
			}
			rs.Text = t
		}
		rep.Statements = append(rep.Statements, rs)
	}
	return rep
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
