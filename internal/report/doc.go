package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/consulta/consulta/internal/synthesis"
)

// doc is the report laid out once as a sequence of blocks, in reading
// order, so that the HTML, Markdown and Word renderers only differ in how
// they write a heading, a table or a note, never in what the report says.
type doc struct {
	Lang, Dir string
	charts    bool // lay out the participation charts (Markdown has only their tables)
	Title     string
	Blocks    []block
	Notes     []note // the citations, numbered from 1 in the order they are cited
}

// The kinds of block.
const (
	blockHeading = "heading"
	blockPara    = "para"
	blockList    = "list"
	blockQuote   = "quote"
	blockTable   = "table"
	blockChart   = "chart"
)

// block is one heading, paragraph, list, quote, table or chart.
type block struct {
	Kind  string
	Level int    // heading: 1…3
	ID    string // heading: its anchor
	Break bool   // heading: starts a new page in print
	Label bool   // para: a run-in label (bold) introducing what follows
	Text  []inline
	Items [][]inline // list
	Lang  string     // quote: the language it is written in
	Table *table
	Chart *chart
}

// inline is a run of text, a link, or a note reference.
type inline struct {
	Text string
	Href string // a link when set
	Note int    // a reference to note n when > 0 (Text is then empty)
}

// table is a data table: its first column heads each row.
type table struct {
	ID      string
	Caption string
	Head    []string
	Rows    [][]string
	Total   []string // a last row set apart, or nil
	Wide    int      // the column of words, which takes the width the figures leave
}

// note is one citation.
type note struct {
	N    int
	Text []inline
}

func txt(s string) inline { return inline{Text: s} }

func para(parts ...inline) block { return block{Kind: blockPara, Text: parts} }

func label(s string) block { return block{Kind: blockPara, Label: true, Text: []inline{txt(s)}} }

func heading(level int, id, s string) block {
	return block{Kind: blockHeading, Level: level, ID: id, Text: []inline{txt(s)}}
}

// layout builds the doc of a report, with or without charts.
func layout(r *Report, charts bool) *doc {
	d := &doc{Lang: r.Lang, Dir: dir(r.Lang), charts: charts, Title: r.tf("report.title", "review", r.Review.Title)}
	d.add(heading(1, "top", d.Title))
	d.add(para(txt(r.tf("report.as_of", "date", r.date(r.AsOf)))))
	d.consultations(r)
	d.participation(r)
	d.organizations(r)
	for i := range r.Questions {
		d.question(r, i)
	}
	d.matrix(r)
	d.convergence(r)
	d.method(r)
	return d
}

func (d *doc) add(b ...block) { d.Blocks = append(d.Blocks, b...) }

// cite adds the note citing q's source and returns its reference.
func (d *doc) cite(r *Report, q synthesis.Quote) inline {
	n := len(d.Notes) + 1
	d.Notes = append(d.Notes, note{N: n, Text: citation(r, q.SourceKind, q.SourceID)})
	return inline{Note: n}
}

// quote adds a quote and its citation.
func (d *doc) quote(r *Report, q synthesis.Quote) {
	d.add(block{Kind: blockQuote, Lang: q.Lang, Text: []inline{txt(q.Text), d.cite(r, q)}})
}

// citation says where a source is: its kind and id (linked), consultation,
// stakeholder group, country and, only when it may be named, its name.
func citation(r *Report, kind string, id int64) []inline {
	src, ok := findSource(r.Sources, kind, id)
	what := r.tf("report.cite.input", "id", id)
	if kind == synthesis.SourceIntervention {
		what = r.tf("report.cite.intervention", "id", id)
	}
	if !ok {
		return []inline{txt(what + ".")}
	}
	var rest []string
	tags := strings.Join(append(slices.Clone(src.ActionLines), src.SDGs...), " ")
	for _, part := range []string{r.consultationTitle(src.Consultation), src.Group, src.Country, src.Name, tags} {
		if part != "" {
			rest = append(rest, part)
		}
	}
	// The separator before the rest is the list's own: "{a}, {b}" with a empty.
	return []inline{{Text: what, Href: r.link(src.URL)}, txt(r.join(append([]string{""}, rest...)) + ".")}
}

func findSource(sources []Source, kind string, id int64) (Source, bool) {
	i, ok := slices.BinarySearchFunc(sources, Source{Kind: kind, ID: id}, func(a, b Source) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	if !ok {
		// Sources should be sorted by kind then id; look through them anyway.
		for _, s := range sources {
			if s.Kind == kind && s.ID == id {
				return s, true
			}
		}
		return Source{}, false
	}
	return sources[i], true
}

// consultationTitle is a consultation's title by slug.
func (r *Report) consultationTitle(slug string) string {
	if t := r.Names.Consultation[slug]; t != "" {
		return t
	}
	for _, c := range r.Consultations {
		if c.Slug == slug {
			return c.Title
		}
	}
	return slug
}

// nameOf is a code's label in names, the code itself when it has none.
func nameOf(names map[string]string, code string) string {
	if s := names[code]; s != "" {
		return s
	}
	return code
}

// link makes a path of the site ("/inputs/12") a full URL with BaseURL.
func (r *Report) link(u string) string {
	if r.BaseURL == "" || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	return strings.TrimRight(r.BaseURL, "/") + u
}
