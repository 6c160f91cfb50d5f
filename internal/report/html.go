package report

import (
	"embed"
	"html/template"
	"io"
)

//go:embed templates/report.html
var templateFS embed.FS

// htmlView is what the HTML template reads: the laid-out report and the
// few words the template itself writes.
type htmlView struct {
	*doc
	ContentsHeading, NotesHeading string
}

// renderHTML writes the report as one self-contained, print-ready HTML
// document: no script, no external resource, the charts as inline SVG.
func renderHTML(w io.Writer, r *Report) error {
	d := layout(r, true)
	svgs := map[*chart]template.HTML{}
	for _, b := range d.Blocks {
		if b.Chart != nil {
			s, err := b.Chart.svg()
			if err != nil {
				return err
			}
			// The SVG is gonum/plot's, which escapes the text it draws;
			// the title and description are escaped by chart.svg.
			svgs[b.Chart] = template.HTML(s)
		}
	}
	t, err := template.New("report").Funcs(template.FuncMap{
		"svg":      func(c *chart) template.HTML { return svgs[c] },
		"quoteDir": quoteDir,
		"ownDir": func(parts []inline) string {
			if d.Dir == "rtl" && latinOnly(parts) {
				return "ltr"
			}
			return ""
		},
		"backLabel": func(n int) string { return r.tf("report.notes.back", "n", n) },
	}).ParseFS(templateFS, "templates/report.html")
	if err != nil {
		return err
	}
	return t.ExecuteTemplate(w, "report", htmlView{doc: d,
		ContentsHeading: r.T("report.contents"), NotesHeading: r.T("report.notes.heading")})
}

// quoteDir is the dir attribute a quote in lang needs inside a document
// written in direction docDir ("" when it inherits the right one).
func quoteDir(docDir, lang string) string {
	if d := dir(lang); d != docDir {
		return d
	}
	return ""
}
