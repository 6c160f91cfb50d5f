package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// renderMarkdown writes the report in pandoc's Markdown: a metadata block
// with the language and direction, headings with their ids, pipe tables
// with captions, quotes in bracketed spans carrying their language, and
// the citations as footnotes [^n]. The charts are left out: their tables
// hold the same figures.
func renderMarkdown(w io.Writer, r *Report) error {
	d := layout(r, false)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "---\nlang: %s\ndir: %s\ntitle-meta: %s\n---\n", d.Lang, d.Dir, yamlString(d.Title))
	for _, b := range d.Blocks {
		bw.WriteString("\n")
		bw.WriteString(mdBlock(d, b))
	}
	if len(d.Notes) > 0 {
		bw.WriteString("\n")
		for _, n := range d.Notes {
			fmt.Fprintf(bw, "[^%d]: %s\n", n.N, mdInlines(n.Text))
		}
	}
	return bw.Flush()
}

func mdBlock(d *doc, b block) string {
	switch b.Kind {
	case blockHeading:
		return fmt.Sprintf("%s %s {#%s}\n", strings.Repeat("#", b.Level), mdInlines(b.Text), b.ID)
	case blockPara:
		if b.Label {
			return "**" + mdInlines(b.Text) + "**\n"
		}
		return mdLineStart(mdInlines(b.Text)) + "\n"
	case blockList:
		var s strings.Builder
		for _, item := range b.Items {
			s.WriteString("- " + mdInlines(item) + "\n")
		}
		return s.String()
	case blockQuote:
		attrs := "lang=" + b.Lang
		if q := quoteDir(d.Dir, b.Lang); q != "" {
			attrs += " dir=" + q
		}
		// The note reference stays outside the span, after the quote.
		return "> [" + mdInlines(b.Text[:1]) + "]{" + attrs + "}" + mdInlines(b.Text[1:]) + "\n"
	case blockTable:
		return mdTable(b.Table)
	}
	return ""
}

// mdTable is a pipe table with its caption after it (pandoc's table_captions).
func mdTable(t *table) string {
	var s strings.Builder
	row := func(cells []string) {
		s.WriteString("|")
		for _, c := range cells {
			s.WriteString(" " + mdCell(c) + " |")
		}
		s.WriteString("\n")
	}
	row(t.Head)
	s.WriteString("|")
	for i := range t.Head {
		if i == 0 {
			s.WriteString(":---|")
		} else {
			s.WriteString("---:|")
		}
	}
	s.WriteString("\n")
	for _, r := range t.Rows {
		row(r)
	}
	if t.Total != nil {
		total := make([]string, len(t.Total))
		for i, c := range t.Total {
			total[i] = "**" + mdCell(c) + "**"
		}
		s.WriteString("| " + strings.Join(total, " | ") + " |\n")
	}
	fmt.Fprintf(&s, "\n: %s\n", mdText(t.Caption))
	return s.String()
}

func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

// mdInlines writes text, links and note references.
func mdInlines(parts []inline) string {
	var s strings.Builder
	for _, p := range parts {
		switch {
		case p.Note > 0:
			fmt.Fprintf(&s, "[^%d]", p.Note)
		case p.Href != "":
			fmt.Fprintf(&s, "[%s](%s)", mdText(p.Text), mdURL(p.Href))
		default:
			s.WriteString(mdText(p.Text))
		}
	}
	return s.String()
}

// mdText escapes the characters pandoc's Markdown would read as markup
// (emphasis, links, footnotes, citations, math, super- and subscripts,
// raw HTML and entities), and folds line breaks into spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '{', '}', '<', '>', '#', '|', '~', '^', '$', '@', '&':
			b.WriteRune('\\')
			b.WriteRune(c)
		case '\n', '\r':
			b.WriteRune(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// mdLineStart escapes what would make a paragraph a list item, a heading
// or a quote: a leading "-", "+", ":", "=" or a number followed by "." or ")".
func mdLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', ':', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// mdURL keeps a link's destination in one piece.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// yamlString quotes s for the metadata block.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s) + `"`
}
