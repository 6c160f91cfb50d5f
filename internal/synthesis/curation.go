package synthesis

import (
	"context"
	"math/rand/v2"
	"slices"
)

// minEditJaccard is the least overlap (Jaccard index of the sources) an
// edit's remembered members must have with a theme for the edit to find
// it when its ID is gone: at one half, the theme holds most of what the
// edited one held and little else, and no two themes can both qualify
// unless they share sources.
const minEditJaccard = 0.5

// curate applies the question's edits in order to the drafts. An edit
// that finds no theme counts in Method.CurationSkipped.
func (e *engine) curate(ctx context.Context, d *qdata, drafts []draft) ([]draft, error) {
	for _, ed := range e.opt.Curation.Edits {
		if ed.QuestionID != d.q.id {
			continue
		}
		j := e.findTheme(d, drafts, ed.Theme, ed.Members, -1)
		applied := j >= 0
		if applied {
			var err error
			drafts, applied, err = e.applyEdit(ctx, d, drafts, j, ed)
			if err != nil {
				return nil, err
			}
		}
		if !applied && ed.Op != EditUnquote {
			e.stats.curationSkipped++
		}
	}
	return e.assignIDs(d, drafts), nil
}

// applyEdit applies ed to theme j; false when it cannot apply.
func (e *engine) applyEdit(ctx context.Context, d *qdata, drafts []draft, j int, ed Edit) ([]draft, bool, error) {
	switch ed.Op {
	case EditRename:
		drafts[j].label, drafts[j].curated = ed.Label, true
	case EditMerge:
		return e.merge(d, drafts, j, ed), true, nil
	case EditSplit:
		return e.split(ctx, d, drafts, j)
	case EditPin:
		if ed.Quote == nil || !e.stillQuotable(*ed.Quote) {
			return drafts, false, nil
		}
		q := *ed.Quote
		q.Pinned = true
		drafts[j].pins, drafts[j].curated = append(drafts[j].pins, q), true
	case EditUnquote:
		drafts[j].curated = true
	default:
		return drafts, false, nil
	}
	return drafts, true, nil
}

// findTheme is the draft with the given ID, else the one whose sources
// overlap members the most (at least minEditJaccard); -1 when none.
// skip is a draft not to return.
func (e *engine) findTheme(d *qdata, drafts []draft, id string, members []SourceRef, skip int) int {
	for j, dr := range drafts {
		if j != skip && id != "" && dr.id == id {
			return j
		}
	}
	want := map[SourceRef]bool{}
	for _, m := range members {
		want[m] = true
	}
	best, bestJ := -1, 0.0
	for j, dr := range drafts {
		if j == skip || len(want) == 0 {
			continue
		}
		have := map[SourceRef]bool{}
		for _, r := range dr.rows {
			have[e.c.docs[e.c.units[d.units[r]].doc].Ref()] = true
		}
		both := 0
		for ref := range have {
			if want[ref] {
				both++
			}
		}
		jac := float64(both) / float64(len(have)+len(want)-both)
		if jac >= minEditJaccard && jac > bestJ {
			best, bestJ = j, jac
		}
	}
	return best
}

// merge joins the other themes into theme j; j keeps its ID and its
// label (the one computed now, unless it was renamed).
func (e *engine) merge(d *qdata, drafts []draft, j int, ed Edit) []draft {
	if drafts[j].label == "" {
		drafts[j].label = e.labels(d, drafts, centroidsOf(d.x, rowsOf(drafts)))[j].label
	}
	drop := map[int]bool{}
	for i, id := range ed.Others {
		var members []SourceRef
		if i < len(ed.OthersMembers) {
			members = ed.OthersMembers[i]
		}
		o := e.findTheme(d, drafts, id, members, j)
		if o < 0 || drop[o] {
			e.stats.curationSkipped++ // this other theme is gone
			continue
		}
		drop[o] = true
		drafts[j].rows = append(drafts[j].rows, drafts[o].rows...)
		drafts[j].pins = append(drafts[j].pins, drafts[o].pins...)
	}
	slices.Sort(drafts[j].rows)
	drafts[j].curated = true
	var out []draft
	for i, dr := range drafts {
		if !drop[i] {
			out = append(out, dr)
		}
	}
	return out
}

// split re-clusters theme j into two with spherical k-means (k = 2); both
// get new IDs. It does not apply to a theme too small to give two themes.
func (e *engine) split(ctx context.Context, d *qdata, drafts []draft, j int) ([]draft, bool, error) {
	rows := drafts[j].rows
	if len(rows) < 2*minThemeUnits {
		return drafts, false, nil
	}
	cs := seedPlusPlus(d.x, rows, 2, rand.New(rand.NewPCG(seed, uint64(len(rows)))))
	assign, _, err := kmeans(ctx, d.x, rows, cs)
	if err != nil {
		return nil, false, err
	}
	if assign, err = refine(ctx, d.x, rows, assign, 2); err != nil {
		return nil, false, err
	}
	var parts [2][]int
	for p, a := range assign {
		parts[a] = append(parts[a], rows[p])
	}
	if len(parts[0]) == 0 || len(parts[1]) == 0 {
		return drafts, false, nil
	}
	out := slices.Clone(drafts[:j])
	out = append(out, draft{rows: parts[0], curated: true}, draft{rows: parts[1], curated: true})
	// The parts get their IDs now, so that a later edit can name them.
	return e.assignIDs(d, append(out, drafts[j+1:]...)), true, nil
}
