package report

import (
	"maps"
	"slices"
)

// matrix adds the question × Action Line table: the distinct sources of
// each question tagged with each Action Line.
func (d *doc) matrix(r *Report) {
	d.add(heading(2, "matrix", r.T("report.matrix.heading")))
	d.add(para(txt(r.T("report.matrix.intro"))))
	t := &table{ID: "matrix-table", Caption: r.T("report.matrix.caption"), Head: []string{r.T("report.col.question")}}
	for _, al := range r.ActionLines {
		t.Head = append(t.Head, al.ID)
	}
	for i, q := range r.Questions {
		row := []string{r.tf("report.question.heading", "n", i+1)}
		for _, al := range r.ActionLines {
			row = append(row, r.count(q.ActionLines[al.ID]))
		}
		t.Rows = append(t.Rows, row)
	}
	d.add(block{Kind: blockTable, Table: t})
	var legend [][]inline
	for _, al := range r.ActionLines {
		legend = append(legend, []inline{txt(al.ID + " " + al.Name)})
	}
	if len(legend) > 0 {
		d.add(label(r.T("report.matrix.legend")), block{Kind: blockList, Items: legend})
	}
}

// convergence adds the convergent and particular themes and the opinion
// maps' consensus and divisive statements.
func (d *doc) convergence(r *Report) {
	d.add(heading(2, "convergence", r.T("report.convergence.heading")))
	for _, part := range []struct {
		id, heading string
		refs        []ThemeRef
	}{
		{"convergent", "report.convergence.convergent", r.Convergent},
		{"particular", "report.convergence.particular", r.Particular},
	} {
		d.add(heading(3, part.id, r.T(part.heading)))
		var items [][]inline
		for _, ref := range part.refs {
			name := inline{Text: ref.Label}
			if r.hasTheme(ref) {
				name.Href = "#" + themeAnchor(ref.QuestionID, ref.ThemeID)
			}
			items = append(items, []inline{name,
				txt(" " + r.tf("report.convergence.theme_of", "question", r.tf("report.question.heading", "n", r.questionNumber(ref.QuestionID))))})
		}
		d.list(r, items)
	}
	for _, part := range []struct{ kind, heading string }{
		{"consensus", "report.convergence.consensus"},
		{"divisive", "report.convergence.divisive"},
	} {
		d.add(heading(3, part.kind, r.T(part.heading)))
		t := &table{ID: part.kind + "-statements", Caption: r.tf("report.convergence.statements_caption", "what", r.T(part.heading)),
			Head: []string{r.T("report.col.statement"), r.T("report.col.consultation"), r.T("report.col.agree"),
				r.T("report.col.disagree"), r.T("report.col.votes")}}
		for _, s := range r.Statements {
			if s.Kind == part.kind {
				t.Rows = append(t.Rows, []string{s.Text, r.consultationTitle(s.Consultation), r.percent(s.Agree),
					r.percent(s.Disagree), r.count(s.Votes)})
			}
		}
		if len(t.Rows) == 0 {
			d.add(para(txt(r.T("report.convergence.no_statements"))))
			continue
		}
		d.add(block{Kind: blockTable, Table: t})
	}
}

// method adds the method annex: how the themes were found, with what
// parameters, on how much, and how good they are.
func (d *doc) method(r *Report) {
	m := r.Method
	h := heading(2, "method", r.T("report.method.heading"))
	h.Break = true
	d.add(h)
	unit := m.Unit
	switch m.Unit {
	case "sentence":
		unit = r.T("report.method.unit_sentence")
	case "paragraph":
		unit = r.T("report.method.unit_paragraph")
	}
	d.add(para(txt(r.tf("report.method.algorithm", "algorithm", m.Algorithm, "unit", unit))))
	d.add(para(txt(r.tf("report.method.k_rule", "rule", m.KRule, "max", m.MaxK))))
	d.add(para(txt(r.tf("report.method.z", "z", r.decimal(m.ZThreshold, 2)))))
	if m.SpreadRule != "" {
		d.add(para(txt(r.tf("report.method.spread", "rule", m.SpreadRule))))
	}
	d.add(para(txt(r.tf("report.method.glossary", "count", m.Glossary))))
	if len(m.Parameters) > 0 {
		t := &table{ID: "method-parameters", Caption: r.T("report.method.parameters_caption"),
			Head: []string{r.T("report.col.parameter"), r.T("report.col.value")}}
		for _, k := range slices.Sorted(maps.Keys(m.Parameters)) {
			t.Rows = append(t.Rows, []string{k, m.Parameters[k]})
		}
		d.add(block{Kind: blockTable, Table: t})
	}
	counts := &table{ID: "method-counts", Caption: r.T("report.method.counts_caption"),
		Head: []string{r.T("report.col.figure"), r.T("report.col.value")}}
	for _, row := range []struct {
		id string
		n  int
	}{
		{"report.method.documents", m.Documents}, {"report.method.sources", m.Sources},
		{"report.method.units", m.Units}, {"report.method.terms", m.Terms}, {"report.method.themes", m.Themes},
	} {
		counts.Rows = append(counts.Rows, []string{r.T(row.id), r.count(row.n)})
	}
	d.add(block{Kind: blockTable, Table: counts})
	d.add(para(txt(r.tf("report.method.npmi", "npmi", r.decimal(m.NPMI, 3)))))
	d.add(para(txt(r.tf("report.method.share_cited", "share", r.percent(m.ShareCited)))))
	d.add(para(txt(r.tf("report.method.share_in_theme", "share", r.percent(m.ShareInTheme)))))
	if m.CurationSkipped > 0 {
		d.add(para(txt(r.tf("report.method.curation_skipped", "count", m.CurationSkipped))))
	}
}

// hasTheme reports whether the report holds the theme ref points at, so
// that a link to it leads somewhere.
func (r *Report) hasTheme(ref ThemeRef) bool {
	for _, q := range r.Questions {
		for _, t := range q.Themes {
			if q.ID == ref.QuestionID && t.ID == ref.ThemeID {
				return true
			}
		}
	}
	return false
}
