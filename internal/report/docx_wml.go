package report

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// wml writes the WordprocessingML of one part (the document or the
// footnotes), with the relationships its links and pictures need.
type wml struct {
	strings.Builder
	dir, lang string
	rels      *rels
	bookmarks map[string]string // heading id → bookmark name
	media     []media
}

// media is a picture of the document.
type media struct {
	name, relID string
	data        []byte
}

func newWML(dir, lang string) *wml {
	return &wml{dir: dir, lang: lang, rels: &rels{}, bookmarks: map[string]string{}}
}

// The namespaces every part declares.
const wmlNamespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`

// document writes the body: every block, then the A4 section.
func (x *wml) document(d *doc) error {
	for i, b := range d.Blocks {
		if b.Kind == blockHeading {
			x.bookmarks[b.ID] = "h" + strconv.Itoa(i)
		}
	}
	x.WriteString(xml.Header + `<w:document ` + wmlNamespaces + `><w:body>`)
	charts := 0
	for _, b := range d.Blocks {
		switch b.Kind {
		case blockHeading:
			x.para(paraOpts{style: "Heading" + strconv.Itoa(b.Level), pageBreak: b.Break, bookmark: x.bookmarks[b.ID]}, b.Text)
		case blockPara:
			x.para(paraOpts{bold: b.Label, keepNext: b.Label}, b.Text)
		case blockList:
			for _, item := range b.Items {
				x.para(paraOpts{style: "ListBullet", bullet: true}, item)
			}
		case blockQuote:
			x.para(paraOpts{style: "Quote", lang: b.Lang}, b.Text)
		case blockTable:
			x.table(b.Table)
		case blockChart:
			charts++
			if err := x.chart(b.Chart, charts); err != nil {
				return err
			}
		}
	}
	sect := `<w:sectPr><w:footerReference w:type="default" r:id="rId5"/><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>` +
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1247" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>`
	if x.dir == "rtl" {
		sect += `<w:bidi/>`
	}
	x.WriteString(sect + `</w:sectPr></w:body></w:document>`)
	return nil
}

// footnotes writes the footnotes part: the two separators Word expects,
// then one footnote per citation.
func (x *wml) footnotes(d *doc) {
	x.WriteString(xml.Header + `<w:footnotes ` + wmlNamespaces + `>` +
		`<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for _, n := range d.Notes {
		fmt.Fprintf(x, `<w:footnote w:id="%d">`, n.N)
		x.para(paraOpts{style: "FootnoteText", footnoteMark: true}, append([]inline{txt(" ")}, n.Text...))
		x.WriteString(`</w:footnote>`)
	}
	x.WriteString(`</w:footnotes>`)
}

// paraOpts are a paragraph's properties.
type paraOpts struct {
	style              string
	lang               string // the text's language when it is not the report's
	pageBreak          bool
	keepNext           bool
	bullet             bool
	bold               bool
	bookmark           string
	footnoteMark       bool // a footnote's own number first
	align              string
	tableHead, noSpace bool
}

// para writes one paragraph of runs, links and footnote references.
func (x *wml) para(o paraOpts, parts []inline) {
	lang := x.lang
	if o.lang != "" {
		lang = o.lang
	}
	rtl := dir(lang) == "rtl" && !latinOnly(parts)
	x.WriteString(`<w:p><w:pPr>`)
	if o.style != "" {
		fmt.Fprintf(x, `<w:pStyle w:val="%s"/>`, o.style)
	}
	if o.keepNext {
		x.WriteString(`<w:keepNext/>`)
	}
	if o.pageBreak {
		x.WriteString(`<w:pageBreakBefore/>`)
	}
	if o.bullet {
		x.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`)
	}
	if rtl {
		x.WriteString(`<w:bidi/>`)
	} else if x.dir == "rtl" {
		x.WriteString(`<w:bidi w:val="0"/>`) // the default is right to left
	}
	if o.noSpace {
		x.WriteString(`<w:spacing w:before="0" w:after="0"/>`)
	}
	if o.align != "" {
		fmt.Fprintf(x, `<w:jc w:val="%s"/>`, o.align)
	}
	x.WriteString(`</w:pPr>`)
	if o.bookmark != "" {
		fmt.Fprintf(x, `<w:bookmarkStart w:id="%s" w:name="%s"/>`, strings.TrimPrefix(o.bookmark, "h"), o.bookmark)
	}
	if o.footnoteMark {
		x.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>`)
	}
	for _, p := range parts {
		x.inline(p, runOpts{lang: lang, rtl: rtl, bold: o.bold || o.tableHead, small: o.tableHead})
	}
	if o.bookmark != "" {
		fmt.Fprintf(x, `<w:bookmarkEnd w:id="%s"/>`, strings.TrimPrefix(o.bookmark, "h"))
	}
	x.WriteString(`</w:p>`)
}

// inline writes a run, a link or a footnote reference.
func (x *wml) inline(p inline, o runOpts) {
	switch {
	case p.Note > 0:
		fmt.Fprintf(x, `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>`, p.Note)
	case strings.HasPrefix(p.Href, "#"):
		fmt.Fprintf(x, `<w:hyperlink w:anchor="%s">`, x.bookmarks[p.Href[1:]])
		x.run(p.Text, "Hyperlink", o)
		x.WriteString(`</w:hyperlink>`)
	case p.Href != "":
		fmt.Fprintf(x, `<w:hyperlink r:id="%s" w:history="1">`, x.rels.add(relHyperlink, p.Href, true))
		x.run(p.Text, "Hyperlink", o)
		x.WriteString(`</w:hyperlink>`)
	default:
		x.run(p.Text, "", o)
	}
}

// runOpts are a run's properties.
type runOpts struct {
	lang             string
	rtl, bold, small bool // small: a table's column titles
}

// run writes text in one run. In a right-to-left paragraph a run is marked
// right to left when it holds Arabic (a title or a name in Latin script,
// and figures, keep their own order).
func (x *wml) run(s, style string, o runOpts) {
	if s == "" {
		return
	}
	x.WriteString(`<w:r><w:rPr>`)
	if style != "" {
		fmt.Fprintf(x, `<w:rStyle w:val="%s"/>`, style)
	}
	if o.bold {
		x.WriteString(`<w:b/><w:bCs/>`)
	}
	if o.small {
		x.WriteString(`<w:sz w:val="17"/><w:szCs w:val="17"/>`)
	}
	if o.rtl && hasArabic(s) {
		x.WriteString(`<w:rtl/>`)
	}
	x.WriteString(runLang(o.lang))
	x.WriteString(`</w:rPr><w:t xml:space="preserve">`)
	x.WriteString(xmlText(s))
	x.WriteString(`</w:t></w:r>`)
}

// runLang is a run's language, in the attribute Word reads for its script.
func runLang(lang string) string {
	switch lang {
	case "ar":
		return `<w:lang w:bidi="ar"/>`
	case "zh":
		return `<w:lang w:eastAsia="zh-CN"/>`
	}
	return `<w:lang w:val="` + lang + `"/>`
}

// xmlText escapes s for XML text or an attribute; characters XML cannot
// hold become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
