package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// consultations lists the consultations held, then those still to come.
func (d *doc) consultations(r *Report) {
	d.add(heading(2, "consultations", r.T("report.consultations.heading")))
	var held, planned [][]inline
	for _, c := range r.Consultations {
		item := []inline{{Text: c.Title, Href: r.link(c.URL)}}
		if when := r.when(c); when != "" {
			item = append(item, txt(" — "+when))
		}
		if c.Held {
			held = append(held, item)
		} else {
			planned = append(planned, item)
		}
	}
	d.list(r, held)
	if len(planned) > 0 {
		d.add(label(r.T("report.consultations.planned")))
		d.list(r, planned)
	}
}

// when is a consultation's dates (one date, or first and last) and place.
func (r *Report) when(c Consultation) string {
	start, end := r.date(c.Start), r.date(c.End)
	if end != "" && end != start {
		start += "–" + end
	}
	switch {
	case start == "":
		return c.Place
	case c.Place == "":
		return start
	}
	return r.tf("report.consultations.item", "date", start, "place", c.Place)
}

// list adds a list, or says there is nothing.
func (d *doc) list(r *Report, items [][]inline) {
	if len(items) == 0 {
		d.add(para(txt(r.T("report.none"))))
		return
	}
	d.add(block{Kind: blockList, Items: items})
}

// participation adds the summary table, then the breakdowns in total (with
// the charts) and per consultation.
func (d *doc) participation(r *Report) {
	p := r.Participation
	d.add(heading(2, "participation", r.T("report.participation.heading")))
	sum := &table{ID: "participation-summary", Caption: r.T("report.participation.summary"),
		Head: append([]string{r.T("report.col.consultation")}, r.countHeads(true)...)}
	for _, pc := range p.PerConsultation {
		sum.Rows = append(sum.Rows, append([]string{r.consultationTitle(pc.Slug)}, r.countCells(pc.Counts, true)...))
	}
	sum.Total = append([]string{r.T("report.col.total")}, r.countCells(p.Total, true)...)
	d.add(block{Kind: blockTable, Table: sum})

	d.add(heading(3, "participation-total", r.T("report.participation.all")))
	d.breakdowns(r, "total", r.T("report.participation.all"), p.Total, true)
	for _, pc := range p.PerConsultation {
		title := r.consultationTitle(pc.Slug)
		d.add(heading(3, anchor("participation", pc.Slug), title))
		d.breakdowns(r, anchor(pc.Slug), title, pc.Counts, false)
	}
}

// breakdowns adds the four breakdown tables of one set of counts, the
// group and region ones with their chart when charts is set.
func (d *doc) breakdowns(r *Report, key, of string, c Counts, charts bool) {
	parts := []struct {
		id, caption, col, chart string
		rows                    []Breakdown
		inputs                  bool
	}{
		{"group", "report.participation.by_group", "report.col.group", "report.participation.chart_group", c.ByGroup, true},
		{"region", "report.participation.by_region", "report.col.region", "report.participation.chart_region", c.ByRegion, true},
		{"country", "report.participation.by_country", "report.col.country", "", c.ByCountry, true},
		{"gender", "report.participation.by_gender", "report.col.gender", "", c.ByGender, false},
	}
	for _, part := range parts {
		if len(part.rows) == 0 {
			continue
		}
		caption := r.tf("report.participation.of", "what", r.T(part.caption), "of", of)
		t := &table{ID: "participation-" + key + "-" + part.id, Caption: caption,
			Head: append([]string{r.T(part.col)}, r.countHeads(part.inputs)...)}
		for _, b := range part.rows {
			t.Rows = append(t.Rows, append([]string{r.breakdownLabel(b)}, r.breakdownCells(b, part.inputs)...))
		}
		if charts && d.charts && part.chart != "" {
			ch := participationChart(r, t.ID+"-chart", r.T(part.chart), part.rows)
			if ch.Keyed {
				ch.keyHeads(t)
				keyTable(r, t)
			}
			d.add(block{Kind: blockChart, Chart: ch})
		}
		d.add(block{Kind: blockTable, Table: t})
	}
}

// keyTable puts the chart's keys (1, 2, …) before each row of its table.
func keyTable(r *Report, t *table) {
	t.Head = append([]string{r.T("report.participation.key")}, t.Head...)
	t.Wide = 1
	for i := range t.Rows {
		t.Rows[i] = append([]string{strconv.Itoa(i + 1)}, t.Rows[i]...)
	}
}

func (r *Report) breakdownLabel(b Breakdown) string {
	switch {
	case b.Label != "":
		return b.Label
	case b.Key == "":
		return r.T("report.participation.not_stated")
	}
	return b.Key
}

// countHeads are the column titles of the figures; gender has no inputs.
func (r *Report) countHeads(inputs bool) []string {
	heads := []string{r.T("report.col.registrations"), r.T("report.col.approved"), r.T("report.col.attended")}
	if inputs {
		heads = append(heads, r.T("report.col.inputs"))
	}
	return append(heads, r.T("report.col.interventions"))
}

func (r *Report) countCells(c Counts, inputs bool) []string {
	return r.breakdownCells(Breakdown{Registrations: c.Registrations, Approved: c.Approved, Attended: c.Attended,
		Inputs: c.Inputs, Interventions: c.Interventions}, inputs)
}

func (r *Report) breakdownCells(b Breakdown, inputs bool) []string {
	cells := []string{r.count(b.Registrations), r.count(b.Approved), r.count(b.Attended)}
	if inputs {
		cells = append(cells, r.count(b.Inputs))
	}
	return append(cells, r.count(b.Interventions))
}

// organizations lists the contributing organizations that may be named.
func (d *doc) organizations(r *Report) {
	d.add(heading(2, "organizations", r.T("report.organizations.heading")))
	if len(r.Organizations) == 0 {
		d.add(para(txt(r.T("report.none"))))
		return
	}
	d.add(para(txt(r.tf("report.organizations.intro", "count", len(r.Organizations)))))
	items := make([][]inline, len(r.Organizations))
	for i, o := range r.Organizations {
		items[i] = []inline{txt(o)}
	}
	d.add(block{Kind: blockList, Items: items})
}

// join joins labels with the separator of the report's language (report.list
// is "{a}, {b}": the catalog trims a message's spaces, not a marker's).
func (r *Report) join(names []string) string {
	isolated := make([]string, len(names))
	for i, n := range names {
		isolated[i] = r.iso(n)
	}
	return strings.Join(isolated, r.tf("report.list", "a", "", "b", ""))
}

// anchor makes a fragment id from parts: letters and digits kept, any
// other character a hyphen (an id holds no space).
func anchor(parts ...any) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = fmt.Sprint(p)
	}
	return strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' {
			return c
		}
		return '-'
	}, strings.Join(s, "-"))
}
