package report

import (
	"archive/zip"
	"fmt"
	"io"
	"time"
)

// renderDOCX writes the report as a Word document, WordprocessingML written
// here with archive/zip.
//
// Two libraries were looked at first. github.com/gomutex/godocx writes
// deterministically (it tests for it) and has headings, lists, tables and
// pictures, but no footnotes part; github.com/fumiama/go-docx has no
// footnotes either and builds its package from template files. Citations
// as real footnotes are the point of the Word output, and determinism must
// hold for every part (core.xml's dates, the zip's times and order), so the
// few parts a report needs are written directly: document.xml,
// footnotes.xml (with their relationships), a footer with the page number,
// styles.xml with Heading 1–3 and
// a table style, numbering.xml for the bullets, settings.xml, the charts as
// media/*.png, [Content_Types].xml and docProps/core.xml dated r.AsOf.
func renderDOCX(w io.Writer, r *Report) error {
	d := layout(r, true)
	body := newWML(d.Dir, d.Lang)
	if err := body.document(d); err != nil {
		return err
	}
	notes := newWML(d.Dir, d.Lang)
	notes.footnotes(d)
	parts := []part{
		{"[Content_Types].xml", []byte(contentTypes(body.media))},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", []byte(coreXML(d.Title, d.Lang, r.AsOf))},
		{"docProps/app.xml", []byte(appXML)},
		{"word/document.xml", []byte(body.String())},
		{"word/_rels/document.xml.rels", []byte(body.rels.xml(documentRels()))},
		{"word/styles.xml", []byte(stylesXML(d.Lang))},
		{"word/settings.xml", []byte(settingsXML)},
		{"word/numbering.xml", []byte(numberingXML)},
		{"word/footnotes.xml", []byte(notes.String())},
		{"word/footer1.xml", []byte(footerXML)},
		{"word/_rels/footnotes.xml.rels", []byte(notes.rels.xml(nil))},
	}
	for _, m := range body.media {
		parts = append(parts, part{"word/" + m.name, m.data})
	}
	return writeZip(w, parts, zipTime(r.AsOf))
}

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// writeZip writes the parts in the order given, each with the same time,
// so that the same report gives the same bytes.
func writeZip(w io.Writer, parts []part, at time.Time) error {
	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: at})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return fmt.Errorf("report: docx %s: %w", p.name, err)
		}
	}
	return zw.Close()
}

// zipTime is the time stamped on every file: the report's date (zip
// cannot hold a time before 1980).
func zipTime(asOf time.Time) time.Time {
	first := time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)
	if asOf.Before(first) {
		return first
	}
	return asOf.UTC().Truncate(2 * time.Second)
}
