package report

import (
	"maps"
	"slices"

	"github.com/consulta/consulta/internal/synthesis"
)

// questionAnchor and themeAnchor are the fragment ids the matrix and the
// convergence section link to.
func questionAnchor(id int64) string { return anchor("q", id) }

func themeAnchor(qid int64, theme string) string { return anchor("q", qid, "t", theme) }

// questionNumber is the question's number in the report, from 1.
func (r *Report) questionNumber(id int64) int {
	for i, q := range r.Questions {
		if q.ID == id {
			return i + 1
		}
	}
	return 0
}

// question adds one guiding question: its text, its figures, its themes.
func (d *doc) question(r *Report, i int) {
	q := r.Questions[i]
	h := heading(2, questionAnchor(q.ID), r.tf("report.question.heading", "n", i+1))
	h.Break = true
	d.add(h, para(txt(q.Text)))
	if q.Consultation == "" {
		d.add(para(txt(r.T("report.question.of_review"))))
	} else {
		d.add(para(txt(r.tf("report.question.of_consultation", "consultation", r.consultationTitle(q.Consultation)))))
	}
	d.add(para(txt(r.tf("report.question.figures", "sources", q.Sources, "units", q.QuestionThemes.Units, "unthemed", q.Unthemed))))
	if len(q.Themes) == 0 {
		d.add(para(txt(r.T("report.question.no_themes"))))
	}
	for _, t := range q.Themes {
		d.theme(r, q, t)
	}
}

// theme adds one theme: who raised it, in which languages, its tags, its
// quotes and its framing.
func (d *doc) theme(r *Report, q Question, t synthesis.Theme) {
	d.add(heading(3, themeAnchor(q.ID, t.ID), t.Label))
	if t.Curated {
		d.add(para(txt(r.T("report.theme.curated"))))
	}
	d.add(para(txt(r.tf("report.theme.size", "units", t.Size, "sources", t.Sources))))
	if len(t.KeyPhrases) > 0 {
		d.add(para(txt(r.tf("report.theme.key_phrases", "phrases", r.join(t.KeyPhrases)))))
	}
	d.add(para(txt(r.languages(t))))
	d.add(block{Kind: blockTable, Table: r.shareTable(themeAnchor(q.ID, t.ID)+"-groups",
		r.tf("report.theme.groups_caption", "theme", t.Label), "report.col.group", t.Groups, r.Names.Groups)})
	d.add(block{Kind: blockTable, Table: r.shareTable(themeAnchor(q.ID, t.ID)+"-regions",
		r.tf("report.theme.regions_caption", "theme", t.Label), "report.col.region", t.Regions, r.Names.Regions)})
	d.add(para(txt(r.significance(t))))
	if len(t.ActionLines) > 0 {
		d.add(para(txt(r.tf("report.theme.action_lines", "list", r.join(r.concepts(r.ActionLines, t.ActionLines))))))
	}
	if len(t.SDGs) > 0 {
		d.add(para(txt(r.tf("report.theme.sdgs", "list", r.join(r.concepts(r.SDGs, t.SDGs))))))
	}
	switch t.Spread {
	case "convergent":
		d.add(para(txt(r.tf("report.theme.convergent", "groups", t.GroupsCovered, "regions", t.RegionsCovered))))
	case "particular":
		d.add(para(txt(r.tf("report.theme.particular", "groups", t.GroupsCovered, "regions", t.RegionsCovered))))
	}
	if len(t.Quotes) > 0 {
		d.add(label(r.T("report.theme.quotes")))
		for _, qt := range t.Quotes {
			d.quote(r, qt)
		}
	}
	d.framing(r, t.Framing)
}

// framing adds the successes, failures and expectations of a theme.
func (d *doc) framing(r *Report, f synthesis.Framing) {
	for _, part := range []struct {
		id string
		synthesis.FramingPart
	}{
		{"report.framing.successes", f.Successes},
		{"report.framing.failures", f.Failures},
		{"report.framing.expectations", f.Expectations},
	} {
		if part.Count == 0 {
			continue
		}
		d.add(label(r.tf(part.id, "count", part.Count)))
		for _, qt := range part.Quotes {
			d.quote(r, qt)
		}
	}
}

// languages says how many of a theme's sources are not in English, and
// in which languages they are.
func (r *Report) languages(t synthesis.Theme) string {
	if t.NonEnglish == 0 {
		return r.T("report.theme.all_english")
	}
	var parts []string
	for _, lang := range slices.Sorted(maps.Keys(t.Languages)) {
		if lang != "en" {
			parts = append(parts, nameOf(r.Names.Languages, lang)+" "+r.count(t.Languages[lang]))
		}
	}
	return r.tf("report.theme.languages", "count", t.NonEnglish, "sources", t.Sources, "languages", r.join(parts))
}

// shareTable is a theme's share by group or region, by key.
func (r *Report) shareTable(id, caption, col string, shares map[string]synthesis.Share, names map[string]string) *table {
	t := &table{ID: id, Caption: caption, Head: []string{r.T(col), r.T("report.col.sources"),
		r.T("report.col.share"), r.T("report.col.base"), r.T("report.col.z")}}
	for _, k := range slices.Sorted(maps.Keys(shares)) {
		s := shares[k]
		name := nameOf(names, k)
		if s.Over {
			name += " ▲"
		} else if s.Under {
			name += " ▼"
		}
		t.Rows = append(t.Rows, []string{name, r.count(s.N), r.percent(s.Share), r.count(s.Of), r.decimal(s.Z, 2)})
	}
	return t
}

// significance names the groups and regions significantly over- and
// under-represented in a theme.
func (r *Report) significance(t synthesis.Theme) string {
	var over, under []string
	collect := func(shares map[string]synthesis.Share, names map[string]string) {
		for _, k := range slices.Sorted(maps.Keys(shares)) {
			if shares[k].Over {
				over = append(over, nameOf(names, k))
			}
			if shares[k].Under {
				under = append(under, nameOf(names, k))
			}
		}
	}
	collect(t.Groups, r.Names.Groups)
	collect(t.Regions, r.Names.Regions)
	var s string
	if len(over) > 0 {
		s = r.tf("report.theme.over", "list", r.join(over))
	}
	if len(under) > 0 {
		if s != "" {
			s += " "
		}
		s += r.tf("report.theme.under", "list", r.join(under))
	}
	if s == "" {
		return r.T("report.theme.none_significant")
	}
	return s
}

// concepts are Action Lines or SDGs as "C7 E-business" (the id alone when
// the report has no name for it).
func (r *Report) concepts(all []Concept, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for _, c := range all {
			if c.ID == id && c.Name != "" {
				out[i] = id + " " + c.Name
			}
		}
	}
	return out
}
