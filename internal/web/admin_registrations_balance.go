package web

import (
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// balanceView is the live balance of the registrations holding a place:
// tables of counts with their share of the total.
type balanceView struct {
	Total                                             int
	Groups, Regions, SubRegions, Commissions, Genders []balanceLine
}

// balanceLine is one row of a balance table.
type balanceLine struct {
	Label   string
	Count   int
	Percent string // localised, e.g. "42 %"
	Nested  bool   // a part of the row above (an intermediate region, a commission's associate members)
}

// balanceView aggregates the store's figures for display: groups in WSIS
// order, countries folded into their M49 regions and into the regional
// commissions they belong to, genders with "" as "not given".
func (s *Server) balanceView(p *i18n.Printer, b store.Balance) balanceView {
	v := balanceView{Total: b.Total}
	for _, g := range stakeholder.All() {
		v.Groups = append(v.Groups, newBalanceLine(p, p.T(g.MessageID()), b.ByGroup[string(g)], b.Total))
	}
	v.Regions, v.SubRegions = s.regionBalance(p, b)
	v.Commissions = s.commissionBalance(p, b)
	for _, g := range registration.Genders() {
		v.Genders = append(v.Genders, newBalanceLine(p, p.T("gender."+g), b.ByGender[g], b.Total))
	}
	v.Genders = append(v.Genders, newBalanceLine(p, p.T("adminregs.balance.gender_not_given"), b.ByGender[""], b.Total))
	return v
}

// regionBalance counts by M49 region and by sub-region, each intermediate
// region nested under its sub-region. Countries the directory no longer
// lists (a code removed since registering) count as "region unknown".
func (s *Server) regionBalance(p *i18n.Printer, b store.Balance) (regions, subs []balanceLine) {
	byM49 := map[string]int{}
	for c, n := range b.ByCountry {
		if s.Countries.Region(c) == "" {
			byM49[""] += n
			continue
		}
		byM49[s.Countries.Region(c)] += n
		byM49[s.Countries.SubRegion(c)] += n
		byM49[s.Countries.IntermediateRegion(c)] += n
	}
	for _, m49 := range s.Countries.Regions() {
		regions = append(regions, newBalanceLine(p, s.Countries.RegionName(m49, p.Lang()), byM49[m49], b.Total))
	}
	for _, m49 := range s.Countries.SubRegions() {
		l := newBalanceLine(p, s.Countries.RegionName(m49, p.Lang()), byM49[m49], b.Total)
		l.Nested = s.Countries.Parent(s.Countries.Parent(m49)) != ""
		subs = append(subs, l)
	}
	if n := byM49[""]; n > 0 {
		unknown := newBalanceLine(p, p.T("adminregs.balance.region_unknown"), n, b.Total)
		regions, subs = append(regions, unknown), append(subs, unknown)
	}
	return regions, subs
}

// commissionBalance counts the participants from each regional
// commission's member States and associate members, with the associate
// members again on a nested row. A country can be in several commissions
// (the United States is in ECE, ECLAC and ESCAP), so rows do not add up.
func (s *Server) commissionBalance(p *i18n.Printer, b store.Balance) []balanceLine {
	var lines []balanceLine
	for _, c := range s.Countries.Commissions() {
		all, assoc := 0, 0
		for country, n := range b.ByCountry {
			if s.Countries.InCommission(country, c.Code) {
				all += n
			}
			if s.Countries.IsAssociate(country, c.Code) {
				assoc += n
			}
		}
		lines = append(lines, newBalanceLine(p, s.Countries.CommissionLabel(c.Code, p.Lang()), all, b.Total))
		if len(c.Associates) > 0 {
			l := newBalanceLine(p, p.T("adminregs.balance.associates"), assoc, b.Total)
			l.Nested = true
			lines = append(lines, l)
		}
	}
	return lines
}

// newBalanceLine computes the rounded share of n in total.
func newBalanceLine(p *i18n.Printer, label string, n, total int) balanceLine {
	pct := 0
	if total > 0 {
		pct = (n*100 + total/2) / total
	}
	return balanceLine{Label: label, Count: n, Percent: p.T("adminregs.percent", "Value", pct)}
}
