package report

import (
	"slices"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/synthesis"
	"github.com/consulta/consulta/internal/synthesis/lexicon"
)

// fill writes everything but the statements and the text into r.
func (b *builder) fill(r *Report, res *synthesis.Result, tallies []Tally) {
	title, _ := b.review.Text(b.lang)
	r.Review = Review{Slug: b.review.Slug, Title: title.Title, URL: PublicPath(b.review.Slug)}
	r.Names = Names{Groups: map[string]string{}, Regions: map[string]string{}, Countries: map[string]string{},
		Languages: map[string]string{}, Consultation: map[string]string{}}
	for _, c := range b.consultations {
		r.Consultations = append(r.Consultations, b.consultation(c, r))
	}
	r.Questions = b.questions(res)
	b.dropUnquotable(r)
	r.Participation = b.participation(tallies, r)
	r.Organizations = b.organizations()
	r.ActionLines, r.SDGs = concepts("C", 11, b.lang), concepts("SDG", 17, b.lang)
	for _, q := range r.Questions {
		for _, t := range q.Themes {
			ref := ThemeRef{QuestionID: q.ID, ThemeID: t.ID, Label: t.Label}
			switch t.Spread {
			case "convergent":
				r.Convergent = append(r.Convergent, ref)
			case "particular":
				r.Particular = append(r.Particular, ref)
			}
		}
	}
	r.Sources = b.sources(r)
	b.tags(r, res)
	b.names(r)
}

// tags gives every source the public may read its Action Lines and SDGs
// (Report.SourceTags), and each cited source its own for its footnote.
func (b *builder) tags(r *Report, res *synthesis.Result) {
	byRef := map[synthesis.SourceRef]synthesis.SourceTags{}
	for _, t := range res.Sources {
		ref := synthesis.SourceRef{Kind: t.SourceKind, ID: t.SourceID}
		if !b.quotable[ref] || (len(t.ActionLines) == 0 && len(t.SDGs) == 0) {
			continue
		}
		byRef[ref] = t
		r.SourceTags = append(r.SourceTags, t)
	}
	for i := range r.Sources {
		if t, ok := byRef[synthesis.SourceRef{Kind: r.Sources[i].Kind, ID: r.Sources[i].ID}]; ok {
			r.Sources[i].ActionLines, r.Sources[i].SDGs = t.ActionLines, t.SDGs
		}
	}
}

// consultation is c as the report lists it.
func (b *builder) consultation(c *consultation.Consultation, r *Report) Consultation {
	text, _ := c.Text(b.lang)
	place := b.p.T("format." + string(c.Format))
	if text.Place != "" {
		place = b.p.T("place."+string(c.Format), "Place", text.Place)
	}
	r.Names.Consultation[c.Slug] = text.Title
	return Consultation{Slug: c.Slug, Title: text.Title, Start: c.StartsAt.UTC(), End: c.EndsAt.UTC(), Zone: c.TimeZone,
		Place: place, Held: c.EndsAt.Before(r.AsOf), URL: "/c/" + c.Slug}
}

// questions pairs the synthesis of each question with the question: the
// review's own first, then each consultation's, then general comments.
func (b *builder) questions(res *synthesis.Result) []Question {
	byID := map[int64]synthesis.QuestionThemes{}
	for _, qt := range res.Questions {
		byID[qt.QuestionID] = qt
	}
	var out []Question
	add := func(q consultation.Question, slug string) {
		qt, ok := byID[q.ID]
		if !ok {
			return
		}
		text, _ := q.Text(b.lang)
		b.nameUnlabelled(qt.Themes)
		out = append(out, Question{ID: q.ID, Text: text, Consultation: slug, QuestionThemes: qt})
		delete(byID, q.ID)
	}
	for _, q := range b.review.Questions {
		add(q, "")
	}
	for _, c := range b.consultations {
		for _, q := range c.Questions {
			add(q, c.Slug)
		}
	}
	if qt, ok := byID[0]; ok {
		b.nameUnlabelled(qt.Themes)
		out = append(out, Question{ID: 0, Text: b.p.T("adminreport.general_comments"), QuestionThemes: qt})
	}
	return out
}

// nameUnlabelled gives a theme the engine left without a label (too few
// words in common) the names of the glossary concepts its ID is made of,
// in the report's language, or else "Untitled theme": a heading and a
// link always have words.
func (b *builder) nameUnlabelled(themes []synthesis.Theme) {
	for i := range themes {
		t := &themes[i]
		if strings.TrimSpace(t.Label) != "" {
			continue
		}
		var names []string
		for _, part := range strings.Split(t.ID, "_") {
			if c, ok := lexicon.Lookup(part); ok && len(names) < 3 {
				names = append(names, firstNonEmpty(c.Names[b.lang], c.Names["en"]))
			}
		}
		t.Label = strings.Join(names, ", ")
		if t.Label == "" {
			t.Label = b.p.T("adminreport.untitled_theme")
		}
	}
}

// dropUnquotable removes any quote whose source may not be quoted. The
// engine is told which documents are quotable; this is the report's own
// guarantee that a secretariat-only or unpublished source is never
// quoted, whatever the engine does.
func (b *builder) dropUnquotable(r *Report) {
	Redact(r, b.quotable, r.Organizations)
}

// organizations are those of inputs the public sees with the name.
func (b *builder) organizations() []string {
	var out []string
	for _, in := range b.inputs {
		if in.Public() && in.ShowsAuthor() && in.Organization != "" {
			out = append(out, in.Organization)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// concepts are prefix1…prefixN named in lang from the glossary (English,
// then the id, where it has no name).
func concepts(prefix string, n int, lang string) []Concept {
	var out []Concept
	for i := 1; i <= n; i++ {
		id := prefix + strconv.Itoa(i)
		name := id
		if c, ok := lexicon.Lookup(id); ok {
			name = firstNonEmpty(c.Names[lang], c.Names["en"], id)
		}
		out = append(out, Concept{ID: id, Name: name})
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// quoteLists are every list of quotes of r.
func quoteLists(r *Report) [][]synthesis.Quote {
	var out [][]synthesis.Quote
	for _, q := range r.Questions {
		for _, t := range q.Themes {
			out = append(out, t.Quotes, t.Framing.Successes.Quotes, t.Framing.Failures.Quotes, t.Framing.Expectations.Quotes)
		}
	}
	return out
}

// sources are the sources quoted, by kind then id.
func (b *builder) sources(r *Report) []Source {
	seen := map[synthesis.SourceRef]bool{}
	var out []Source
	for _, list := range quoteLists(r) {
		for _, q := range list {
			if seen[q.Ref()] {
				continue
			}
			seen[q.Ref()] = true
			if s, ok := b.source(q.Ref()); ok {
				out = append(out, s)
			}
		}
	}
	slices.SortFunc(out, func(a, c Source) int {
		if a.Kind != c.Kind {
			return strings.Compare(a.Kind, c.Kind)
		}
		return int(a.ID - c.ID)
	})
	return out
}

// source is the footnote of one quoted source.
func (b *builder) source(ref synthesis.SourceRef) (Source, bool) {
	s := Source{Kind: ref.Kind, ID: ref.ID}
	switch ref.Kind {
	case synthesis.SourceInput:
		in, ok := b.inputs[ref.ID]
		if !ok {
			return s, false
		}
		s.URL, s.Consultation, s.Lang = links.InputPath(in.ID), b.slugOf[in.ConsultationID], in.Current.Language
		s.Group, s.Country = b.groupName(string(in.StakeholderGroup)), b.countryName(in.Country)
		s.Date = in.ReceivedAt.UTC()
		if in.PublishedAt != nil {
			s.Date = in.PublishedAt.UTC()
		}
		if in.Public() && in.ShowsAuthor() {
			s.Name = in.AuthorName
			if in.Organization != "" {
				s.Name = firstNonEmpty(in.AuthorName+" ("+in.Organization+")", in.Organization)
			}
		}
	case synthesis.SourceIntervention:
		iv, ok := b.interventions[ref.ID]
		if !ok {
			return s, false
		}
		slug := b.slugOf[iv.ConsultationID]
		s.URL, s.Consultation, s.Date = InterventionPath(slug, iv.ID), slug, iv.RecordedAt.UTC()
		s.Group, s.Country, s.Name = b.groupName(iv.StakeholderGroup), b.countryName(iv.Country), iv.Name
		for _, c := range b.consultations {
			if c.ID == iv.ConsultationID {
				s.Lang = interventionLang(c)
			}
		}
	default:
		return s, false
	}
	return s, true
}

func (b *builder) groupName(g string) string {
	if g == "" {
		return ""
	}
	return b.p.T("stakeholder." + g)
}

func (b *builder) countryName(code string) string {
	if code == "" || b.env.Countries == nil {
		return code
	}
	return b.env.Countries.Name(code, b.lang)
}

// names fills the labels of every code the report uses.
func (b *builder) names(r *Report) {
	for _, q := range r.Questions {
		for g := range q.Groups {
			r.Names.Groups[g] = b.groupName(g)
		}
		for m := range q.Regions {
			r.Names.Regions[m] = b.regionName(m)
		}
		for _, t := range q.Themes {
			for l := range t.Languages {
				r.Names.Languages[l] = b.p.LanguageName(l)
			}
		}
	}
	t := r.Participation.Total
	for _, row := range t.ByGroup {
		r.Names.Groups[row.Key] = row.Label
	}
	for _, row := range t.ByRegion {
		r.Names.Regions[row.Key] = row.Label
	}
	for _, row := range t.ByCountry {
		r.Names.Countries[row.Key] = row.Label
	}
	for _, s := range r.Sources {
		r.Names.Languages[s.Lang] = b.p.LanguageName(s.Lang)
	}
}

func (b *builder) regionName(m49 string) string {
	if m49 == "" || b.env.Countries == nil {
		return m49
	}
	return b.env.Countries.RegionName(m49, b.lang)
}
