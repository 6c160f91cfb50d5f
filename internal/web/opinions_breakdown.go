package web

import (
	"github.com/consulta/consulta/internal/errs"
	"net/http"
	"slices"

	"github.com/consulta/consulta/internal/opinion"
)

type segmentOption struct {
	Code, Name string
}

type breakdownPage struct {
	Slug, Title     string
	By              string // "stakeholder_group" or "region"
	Segments        []segmentOption
	A, B            string
	AName, BName    string
	CommonGround    []segmentRow
	Dividing        []divideRow
	Rows            []segmentRow
	CommonGroundPct int
	DivergencePct   int
	MinStatement    int
	MinSegment      int
}

type segmentRow struct {
	statementView
	Votes  int
	Cells  []segmentCell
	Common bool
	Apart  bool
}

type segmentCell struct {
	Percent int
	Votes   int
	Counted bool
}

type divideRow struct {
	statementView
	A, B segmentCell
	Gap  int
}

// showOpinionBreakdown is the opinion map's agreement figures by
// stakeholder group (or, with ?by=region, by UN M49 region): common
// ground, what divides two chosen groups, and every statement's figures.
func (s *Server) showOpinionBreakdown(w http.ResponseWriter, r *http.Request) {
	c, set, snap, err := s.opinionMap(r)
	if errs.CodeOf(err) == mapComputing {
		s.showMapComputing(w, r, c)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	text, _ := c.Text(p.Lang())
	v := breakdownPage{Slug: c.Slug, Title: text.Title, By: "stakeholder_group",
		CommonGroundPct: percent(opinion.CommonGroundShare), DivergencePct: percent(opinion.DivergenceGap),
		MinStatement: opinion.MinStatementVotes, MinSegment: opinion.MinSegmentVotes}
	b := snap.ByStakeholder
	name := func(code string) string { return p.T("stakeholder." + code) }
	v.A, v.B = "government", "civil_society"
	if r.URL.Query().Get("by") == "region" {
		v.By, b = "region", snap.ByRegion
		name = func(code string) string { return s.Countries.RegionName(code, p.Lang()) }
		v.A, v.B = b.Segments[0], b.Segments[1]
	}
	for _, code := range b.Segments {
		v.Segments = append(v.Segments, segmentOption{Code: code, Name: name(code)})
	}
	// Unknown choices fall back to the defaults rather than failing.
	if a := r.URL.Query().Get("a"); slices.Contains(b.Segments, a) {
		v.A = a
	}
	if bb := r.URL.Query().Get("b"); slices.Contains(b.Segments, bb) {
		v.B = bb
	}
	v.AName, v.BName = name(v.A), name(v.B)

	for _, st := range b.CommonGround() {
		if row, ok := segmentRowOf(snap, set, st); ok {
			v.CommonGround = append(v.CommonGround, row)
		}
	}
	for _, d := range b.Dividing(v.A, v.B) {
		sv, ok := viewStatement(snap, set, d.TID)
		if !ok {
			continue
		}
		v.Dividing = append(v.Dividing, divideRow{statementView: sv, A: cellOf(d.A), B: cellOf(d.B), Gap: percent(d.Gap)})
	}
	for _, st := range b.Statements {
		if row, ok := segmentRowOf(snap, set, st); ok {
			v.Rows = append(v.Rows, row)
		}
	}
	title := p.T("opinions.breakdown_title_stakeholder")
	if v.By == "region" {
		title = p.T("opinions.breakdown_title_region")
	}
	s.render(w, r, http.StatusOK, "opinions_breakdown", s.newPage(r, title+" · "+text.Title, v))
}

func cellOf(sh opinion.Share) segmentCell {
	return segmentCell{Percent: percent(sh.Agreement), Votes: sh.Seen(), Counted: sh.Counted}
}

func segmentRowOf(snap *opinion.Snapshot, set opinion.Settings, st opinion.SegmentedStatement) (segmentRow, bool) {
	sv, ok := viewStatement(snap, set, st.TID)
	if !ok {
		return segmentRow{}, false
	}
	row := segmentRow{statementView: sv, Votes: st.Votes, Common: st.CommonGround, Apart: st.Divergent}
	for _, sh := range st.Shares {
		row.Cells = append(row.Cells, cellOf(sh))
	}
	return row, true
}
