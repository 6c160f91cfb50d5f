package opinion

import (
	"cmp"
	"slices"
)

// Input is one conversation as the mathematics reads it.
type Input struct {
	Statements []StatementRef
	// Votes, at most one per (PID, TID); when a pair repeats, the last wins.
	Votes []Cast
	// Groups, when set, fixes each participant's group (pid → group
	// number, as in Pol.is's export) instead of computing groups; the
	// participants it names are the ones in the conversation.
	Groups map[int]int
	// Admitted lists participants (PIDs) who entered the conversation
	// earlier (Admit): they stay in, whatever their count of votes is
	// against today's number of statements.
	Admitted []int
	// Previous, when set, is the state the last computation left: the
	// power iteration and every k-means start from it, participants once
	// in the conversation stay in, and the number of groups changes only
	// after the new one has won several updates in a row — as Pol.is
	// evolves its map while votes arrive.
	Previous *State
	// mapOnly stops after the map and its groups (no statement figures):
	// Replay's intermediate computations need only the state.
	mapOnly bool
}

// State is what one computation hands to the next.
type State struct {
	Components     Components
	Base           []Cluster         // base clusters (members: PIDs)
	Groups         map[int][]Cluster // for each k tried, its groups (members: base-cluster IDs)
	K              int               // the k shown
	LastK          int               // the best k of this update
	LastKCount     int               // updates in a row LastK has been the best
	InConversation []int             // participants admitted to the conversation (PIDs; not the top-up to 15)
}

// Result is the opinion map of one conversation.
type Result struct {
	Participants []ParticipantResult // by PID ascending, every participant who voted
	Groups       []Group             // by group number
	Statements   []StatementResult   // by TID ascending
	// Consensus statements over everyone in the conversation.
	ConsensusAgree    []Consensual
	ConsensusDisagree []Consensual
	Components        Components
	// State is handed to the next computation as Input.Previous.
	State *State
	// Silhouette of the chosen grouping, and of each k tried.
	Silhouette  float64
	Silhouettes map[int]float64
	// InConversation counts participants in the conversation.
	InConversation int
}

// ParticipantResult places one participant on the map.
type ParticipantResult struct {
	PID            int
	Votes          int
	InConversation bool
	X, Y           float64
	Group          int // -1 when not in the conversation
}

// Group is one opinion group.
type Group struct {
	ID             int
	Members        int
	Centre         [2]float64
	Representative []Repness
}

// StatementResult is everything computed about one statement.
type StatementResult struct {
	TID      int
	Rejected bool
	// Total counts every vote on the statement, in or out of the conversation.
	Total Counts
	// ByGroup counts the votes of each group's members; InConversation
	// is their sum (every participant in the conversation).
	ByGroup        []Counts
	InConversation Counts
	// GroupInformedConsensus is Π_g (A_g + 1)/(S_g + 2).
	GroupInformedConsensus float64
	// Repness scores the statement for each group.
	Repness []Repness
}

// Analyse computes the opinion map: the vote matrix, its two principal
// components and every participant's place on them, opinion groups (unless
// given), each group's representative statements, consensus and
// group-informed consensus. It is deterministic: the same input gives the
// same result.
func Analyse(in Input) *Result {
	m := newMatrix(in.Statements, in.Votes)
	var warm *Components
	if in.Previous != nil {
		warm = &in.Previous.Components
	}
	comp := m.pca(warm)
	xy := m.project(comp)
	res := &Result{Components: Components{TIDs: slices.Clone(m.tids), Vectors: comp}}
	res.State = &State{Components: res.Components}

	inConv := m.admitted()
	if in.Previous != nil {
		m.keepIn(inConv, in.Previous.InConversation)
	}
	m.keepIn(inConv, in.Admitted)
	for i, ok := range inConv {
		if ok {
			res.State.InConversation = append(res.State.InConversation, m.pids[i])
		}
	}
	m.topUp(inConv)
	group := make([]int, len(m.pids))
	for i := range group {
		group[i] = -1
	}
	nGroups := 0
	if in.Groups != nil {
		for i, pid := range m.pids {
			g, ok := in.Groups[pid]
			inConv[i] = ok
			if ok {
				group[i] = g
				nGroups = max(nGroups, g+1)
			}
		}
	} else {
		var rows, pids []int
		var pts [][2]float64
		for i, ok := range inConv {
			if ok {
				rows = append(rows, i)
				pids = append(pids, m.pids[i])
				pts = append(pts, xy[i])
			}
		}
		cl := cluster(pids, pts, in.Previous, res.State)
		for k, i := range rows {
			group[i] = cl.group[k]
		}
		nGroups = cl.k
		res.Silhouette, res.Silhouettes = cl.silhouette, cl.silhouettes
	}

	res.Participants = make([]ParticipantResult, len(m.pids))
	for i, pid := range m.pids {
		res.Participants[i] = ParticipantResult{PID: pid, Votes: m.nVotes[i], InConversation: inConv[i],
			X: xy[i][0], Y: xy[i][1], Group: group[i]}
		if inConv[i] {
			res.InConversation++
		}
	}
	res.Groups = make([]Group, nGroups)
	for g := range res.Groups {
		res.Groups[g].ID = g
	}
	for i, g := range group {
		if g >= 0 {
			res.Groups[g].Members++
			res.Groups[g].Centre[0] += xy[i][0]
			res.Groups[g].Centre[1] += xy[i][1]
		}
	}
	for g := range res.Groups {
		if n := float64(res.Groups[g].Members); n > 0 {
			res.Groups[g].Centre[0] /= n
			res.Groups[g].Centre[1] /= n
		}
	}

	if in.mapOnly {
		return res
	}
	res.Statements = m.statementResults(group, inConv, nGroups)
	inConvTotal := make([]Counts, len(m.tids))
	for j, s := range res.Statements {
		inConvTotal[j] = s.InConversation
	}
	res.ConsensusAgree, res.ConsensusDisagree = consensus(m.tids, inConvTotal, m.rejected)
	for g := range res.Groups {
		var cands []Repness
		for j, s := range res.Statements {
			if !m.rejected[j] {
				cands = append(cands, s.Repness[g])
			}
		}
		rep := selectRepresentative(cands)
		res.Groups[g].Representative = rep
		for _, r := range rep {
			j := m.col[r.TID]
			res.Statements[j].Repness[g].Representative = true
		}
	}
	return res
}

// keepIn marks the participants pids (PIDs) as in the conversation: once
// in, a participant stays in.
func (m *matrix) keepIn(inConv []bool, pids []int) {
	for _, pid := range pids {
		if i, ok := slices.BinarySearch(m.pids, pid); ok {
			inConv[i] = true
		}
	}
}

// statementResults counts votes per statement, overall and per group, and
// scores each statement for each group.
func (m *matrix) statementResults(group []int, inConv []bool, nGroups int) []StatementResult {
	nc := len(m.tids)
	out := make([]StatementResult, nc)
	byGroup := make([]Counts, nc*nGroups)
	for j := range out {
		out[j] = StatementResult{TID: m.tids[j], Rejected: m.rejected[j], ByGroup: byGroup[j*nGroups : (j+1)*nGroups : (j+1)*nGroups]}
	}
	for i := range m.pids {
		g := group[i]
		for k := m.start[i]; k < m.start[i+1]; k++ {
			j, v := m.cols[k], m.raw[k]
			out[j].Total.add(v)
			if g >= 0 && inConv[i] {
				out[j].ByGroup[g].add(v)
			}
		}
	}
	for j := range out {
		s := &out[j]
		s.InConversation = sum(s.ByGroup)
		s.GroupInformedConsensus = groupInformedConsensus(s.ByGroup)
		s.Repness = make([]Repness, nGroups)
		for g, c := range s.ByGroup {
			r := repness(c, s.InConversation.Minus(c))
			r.TID, r.Group = s.TID, g
			s.Repness[g] = r
		}
	}
	return out
}

// Statement returns the result for tid, if any.
func (r *Result) Statement(tid int) (*StatementResult, bool) {
	i, ok := slices.BinarySearchFunc(r.Statements, tid, func(s StatementResult, t int) int { return cmp.Compare(s.TID, t) })
	if !ok {
		return nil, false
	}
	return &r.Statements[i], true
}
