package report

import (
	"slices"
	"strings"
)

// participation sums the tallies per consultation and in total. Inputs to
// the review as a whole count in the total only.
func (b *builder) participation(tallies []Tally, r *Report) Participation {
	total := newCounter()
	per := map[int64]*counter{}
	for _, c := range b.consultations {
		per[c.ID] = newCounter()
	}
	for _, t := range tallies {
		t.Region = b.regionOf(t.Region, t.Country)
		total.add(t)
		if c := per[t.Consultation]; c != nil {
			c.add(t)
		}
	}
	p := Participation{Total: b.counts(total), PerConsultation: []ConsultationCount{}}
	for _, c := range b.consultations {
		p.PerConsultation = append(p.PerConsultation, ConsultationCount{Slug: c.Slug, Counts: b.counts(per[c.ID])})
	}
	return p
}

// counter sums tallies and their breakdowns.
type counter struct {
	all                        Breakdown
	group, region, nation, sex map[string]*Breakdown
}

func newCounter() *counter {
	return &counter{group: map[string]*Breakdown{}, region: map[string]*Breakdown{}, nation: map[string]*Breakdown{},
		sex: map[string]*Breakdown{}}
}

func (c *counter) add(t Tally) {
	addTo(&c.all, t)
	row(c.group, t.Group, t)
	row(c.region, t.Region, t)
	row(c.nation, t.Country, t)
	if t.Inputs == 0 { // inputs do not ask the gender
		row(c.sex, t.Gender, t)
	}
}

func row(m map[string]*Breakdown, key string, t Tally) {
	b := m[key]
	if b == nil {
		b = &Breakdown{Key: key}
		m[key] = b
	}
	addTo(b, t)
}

func addTo(b *Breakdown, t Tally) {
	b.Registrations += t.Registrations
	b.Approved += t.Approved
	b.Attended += t.Attended
	b.Inputs += t.Inputs
	b.Interventions += t.Interventions
}

// counts turns a counter into the report's figures, the rows labelled in
// the report's language and sorted by key.
func (b *builder) counts(c *counter) Counts {
	a := c.all
	return Counts{Registrations: a.Registrations, Approved: a.Approved, Attended: a.Attended, Inputs: a.Inputs,
		Interventions: a.Interventions,
		ByGroup:       rows(c.group, b.groupLabel),
		ByRegion:      rows(c.region, b.regionLabel),
		ByCountry:     rows(c.nation, b.countryLabel),
		ByGender:      rows(c.sex, b.genderLabel)}
}

func rows(m map[string]*Breakdown, label func(string) string) []Breakdown {
	out := []Breakdown{}
	for _, r := range m {
		r.Label = label(r.Key)
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Breakdown) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func (b *builder) notStated(label string) string {
	if label == "" {
		return b.p.T("adminreport.not_stated")
	}
	return label
}

func (b *builder) groupLabel(g string) string   { return b.notStated(b.groupName(g)) }
func (b *builder) regionLabel(m string) string  { return b.notStated(b.regionName(m)) }
func (b *builder) countryLabel(c string) string { return b.notStated(b.countryName(c)) }

func (b *builder) genderLabel(g string) string {
	if g == "" {
		return b.notStated("")
	}
	return b.p.T("gender." + g)
}
