package report

import (
	"encoding/json"
	"io"

	"github.com/consulta/consulta/internal/errs"
)

// Render writes r in one of the Formats. The same Report always gives the
// same bytes: nothing read from the clock, the machine or a map's order.
func Render(w io.Writer, r *Report, format string) (err error) {
	defer errs.Wrap(&err, "report.Render(%q)", format)
	switch format {
	case FormatHTML:
		return renderHTML(w, r)
	case FormatMarkdown:
		return renderMarkdown(w, r)
	case FormatDOCX:
		return renderDOCX(w, r)
	case FormatJSON:
		return renderJSON(w, r)
	}
	return errs.E(errs.Invalid, "report.format_unknown")
}

// ContentType is the media type of a format ("" for an unknown one).
func ContentType(format string) string {
	switch format {
	case FormatHTML:
		return "text/html; charset=utf-8"
	case FormatMarkdown:
		return "text/markdown; charset=utf-8"
	case FormatDOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case FormatJSON:
		return "application/json"
	}
	return ""
}

// Extension is a format's file name extension, with its dot.
func Extension(format string) string {
	switch format {
	case FormatHTML:
		return ".html"
	case FormatMarkdown:
		return ".md"
	case FormatDOCX:
		return ".docx"
	case FormatJSON:
		return ".json"
	}
	return ""
}

// renderJSON writes the whole Report with its json tags, indented, ending
// in a newline (encoding/json writes maps by sorted key).
func renderJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
