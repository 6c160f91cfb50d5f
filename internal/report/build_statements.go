package report

import (
	"context"
	"slices"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/opinion"
)

// Statement kinds.
const (
	StatementConsensus = "consensus"
	StatementDivisive  = "divisive"
)

// Divisive statements: at least minDivisiveVotes votes and at least
// divisiveShare of them on each side; the maxDivisive most balanced.
const (
	minDivisiveVotes = 5
	divisiveShare    = 0.3
	maxDivisive      = 5
)

// statements adds, for each consultation with a computed opinion map with
// votes, its consensus statements (the map's own, agree then disagree)
// and its most divisive ones. It reads the last computed map and never
// computes one.
func (b *builder) statements(ctx context.Context, r *Report) error {
	if b.env.Maps == nil {
		return nil
	}
	for _, c := range b.consultations {
		snap, err := b.env.Maps.Get(ctx, c.ID)
		if err != nil {
			return err
		}
		if snap == nil || snap.Result == nil || snap.Votes == 0 {
			continue
		}
		r.Statements = append(r.Statements, mapStatements(c.Slug, snap)...)
	}
	return nil
}

// mapStatements are one map's consensus and divisive statements.
func mapStatements(slug string, snap *opinion.Snapshot) []Statement {
	totals := map[int]opinion.Counts{}
	for _, s := range snap.Result.Statements {
		totals[s.TID] = s.Total
	}
	var out []Statement
	add := func(tid int, kind string) {
		st, ok := snap.Statement(tid)
		if !ok || st.Moderation == opinion.Rejected {
			return
		}
		out = append(out, statement(slug, st, totals[tid], kind))
	}
	for _, c := range snap.Result.ConsensusAgree {
		add(c.TID, StatementConsensus)
	}
	for _, c := range snap.Result.ConsensusDisagree {
		add(c.TID, StatementConsensus)
	}
	var divisive []Statement
	for _, s := range snap.Result.Statements {
		st, ok := snap.Statement(s.TID)
		if !ok || s.Rejected || st.Moderation == opinion.Rejected {
			continue
		}
		x := statement(slug, st, s.Total, StatementDivisive)
		if x.Votes >= minDivisiveVotes && x.Agree >= divisiveShare && x.Disagree >= divisiveShare {
			divisive = append(divisive, x)
		}
	}
	slices.SortStableFunc(divisive, func(a, b Statement) int {
		da, db := min(a.Agree, a.Disagree), min(b.Agree, b.Disagree)
		switch {
		case da > db:
			return -1
		case da < db:
			return 1
		}
		return int(a.ID - b.ID)
	})
	return append(out, divisive[:min(len(divisive), maxDivisive)]...)
}

func statement(slug string, st *opinion.Statement, c opinion.Counts, kind string) Statement {
	s := Statement{Consultation: slug, ID: int64(st.TID), Text: st.Body, Kind: kind, Votes: c.Agrees + c.Disagrees + c.Passes}
	if s.Votes > 0 {
		s.Agree, s.Disagree = float64(c.Agrees)/float64(s.Votes), float64(c.Disagrees)/float64(s.Votes)
	}
	return s
}

// FillText puts the report's fixed words in its language into r.Text:
// every id of TextIDs, from the catalog. A stored report is read back
// without them and filled again before it is rendered.
func FillText(r *Report, catalog *i18n.Catalog) {
	p := catalog.Printer(r.Lang)
	r.Text = map[string]string{}
	for _, id := range TextIDs() {
		r.Text[id] = p.T(id)
	}
}
