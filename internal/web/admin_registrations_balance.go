package web

import (
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// balanceView is the live balance of the registrations holding a place:
// three tables of counts with their share of the total.
type balanceView struct {
	Total                    int
	Groups, Regions, Genders []balanceLine
}

// balanceLine is one row of a balance table.
type balanceLine struct {
	Label   string
	Count   int
	Percent string // localised, e.g. "42 %"
}

// balanceView aggregates the store's figures for display: groups in WSIS
// order, countries folded into their M49 continental region, genders with
// "" as "not given".
func (s *Server) balanceView(p *i18n.Printer, b store.Balance) balanceView {
	v := balanceView{Total: b.Total}
	for _, g := range stakeholder.All() {
		v.Groups = append(v.Groups, newBalanceLine(p, p.T(g.MessageID()), b.ByGroup[string(g)], b.Total))
	}
	byRegion := map[string]int{}
	for c, n := range b.ByCountry {
		byRegion[s.Countries.Region(c)] += n
	}
	for _, m49 := range s.Countries.Regions() {
		v.Regions = append(v.Regions, newBalanceLine(p, s.Countries.RegionName(m49, p.Lang()), byRegion[m49], b.Total))
	}
	if n := byRegion[""]; n > 0 {
		v.Regions = append(v.Regions, newBalanceLine(p, p.T("adminregs.balance.region_unknown"), n, b.Total))
	}
	for _, g := range registration.Genders() {
		v.Genders = append(v.Genders, newBalanceLine(p, p.T("gender."+g), b.ByGender[g], b.Total))
	}
	v.Genders = append(v.Genders, newBalanceLine(p, p.T("adminregs.balance.gender_not_given"), b.ByGender[""], b.Total))
	return v
}

// newBalanceLine computes the rounded share of n in total.
func newBalanceLine(p *i18n.Printer, label string, n, total int) balanceLine {
	pct := 0
	if total > 0 {
		pct = (n*100 + total/2) / total
	}
	return balanceLine{Label: label, Count: n, Percent: p.T("adminregs.percent", "Value", pct)}
}
