package extract

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// maxWidthEntries caps the glyph widths read from one font's /W array.
const maxWidthEntries = 1 << 16

// pdfFont turns the bytes a text operator shows into text, and says how
// far along the line they take it.
type pdfFont struct {
	toUnicode *cmap        // the font's ToUnicode map, when it has one
	composite bool         // a Type0 font: two-byte codes, meaningless without ToUnicode
	encoding  *[256]string // a simple font's encoding, when not the default (pdfenc.go)
	widths    glyphWidths
}

// glyphWidths are a font's glyph widths, in thousandths of the font size.
type glyphWidths struct {
	first   int             // a simple font's first code in list
	list    []float64       // a simple font's /Widths
	byCode  map[int]float64 // a composite font's /W
	missing float64         // any other glyph
}

func (w *glyphWidths) of(code int) float64 {
	if i := code - w.first; i >= 0 && i < len(w.list) {
		return w.list[i]
	}
	if v, ok := w.byCode[code]; ok {
		return v
	}
	return w.missing
}

// show writes the text of the codes in s and returns how far they advance,
// in thousandths of the font size. The text comes through the font's
// ToUnicode map when there is one; for a simple font without one, through
// its encoding, Windows-1252 by default, which is what the standard fonts
// and most producers' encodings agree on; a composite font without one
// shows no text, its codes meaning nothing without it. A missing font
// (nil) is taken as a standard one.
func (f *pdfFont) show(s []byte, out *textOut) (float64, error) {
	if f == nil {
		f = &pdfFont{widths: glyphWidths{missing: 500}}
	}
	var advance float64
	for len(s) > 0 {
		n := 1
		switch {
		case f.toUnicode != nil:
			n = f.toUnicode.codeLen(s, f.composite)
		case f.composite && len(s) >= 2:
			n = 2
		}
		code := codeValue(s[:n])
		advance += f.widths.of(int(code))
		if err := f.write(n, code, out); err != nil {
			return advance, err
		}
		s = s[n:]
	}
	return advance, nil
}

// write writes the text of one code.
func (f *pdfFont) write(n int, code uint32, out *textOut) error {
	switch {
	case f.toUnicode != nil:
		for _, c := range f.toUnicode.lookup(n, code) {
			if err := writeGlyph(c, out); err != nil {
				return err
			}
		}
		return nil
	case f.composite:
		return nil
	case f.encoding != nil:
		return out.WriteString(f.encoding[code])
	}
	return out.writeRune(charmap.Windows1252.DecodeByte(byte(code)))
}

// fontsOf are the fonts a resource dictionary names, read once per document.
func (rd *pdfReader) fontsOf(resDict types.Dict) map[string]*pdfFont {
	fonts := map[string]*pdfFont{}
	if resDict == nil {
		return fonts
	}
	fontObj, ok := resDict.Find("Font")
	if !ok {
		return fonts
	}
	fontDict, err := rd.x.DereferenceDict(fontObj)
	if err != nil {
		return fonts
	}
	for name, o := range fontDict {
		ref, isRef := o.(types.IndirectRef)
		if isRef {
			if f, ok := rd.fonts[ref.ObjectNumber.Value()]; ok {
				fonts[name] = f
				continue
			}
		}
		f := rd.font(o)
		if isRef {
			rd.fonts[ref.ObjectNumber.Value()] = f
		}
		fonts[name] = f
	}
	return fonts
}

// font reads a font dictionary: its kind and its ToUnicode map.
func (rd *pdfReader) font(o types.Object) *pdfFont {
	d, err := rd.x.DereferenceDict(o)
	if err != nil || d == nil {
		return nil
	}
	f := &pdfFont{}
	if st := d.NameEntry("Subtype"); st != nil && *st == "Type0" {
		f.composite = true
	}
	if tu, ok := d.Find("ToUnicode"); ok {
		if data, err := rd.stream(tu); err == nil && data != nil {
			f.toUnicode = parseCMap(data)
		}
	}
	if f.toUnicode == nil && !f.composite {
		f.encoding = rd.simpleEncoding(d["Encoding"])
	}
	if f.composite {
		f.widths = rd.compositeWidths(d)
	} else {
		f.widths = rd.simpleWidths(d)
	}
	return f
}

// simpleWidths reads /FirstChar and /Widths; the standard fonts have none,
// and their glyphs are taken as half the font size wide.
func (rd *pdfReader) simpleWidths(d types.Dict) glyphWidths {
	w := glyphWidths{missing: 500}
	if desc, err := rd.x.DereferenceDict(d["FontDescriptor"]); err == nil && desc != nil {
		if v, ok := rd.number(desc["MissingWidth"]); ok && v > 0 {
			w.missing = v
		}
	}
	if first, ok := rd.number(d["FirstChar"]); ok {
		w.first = int(first)
	}
	list, _ := rd.x.DereferenceArray(d["Widths"])
	for _, o := range list[:min(len(list), 256)] {
		v, _ := rd.number(o)
		w.list = append(w.list, v)
	}
	return w
}

// compositeWidths reads a Type0 font's widths from its descendant font:
// /DW, and /W, whose entries are "first [w1 w2 …]" or "first last w".
// Codes are taken as CIDs, which they are with Identity-H, the encoding
// office suites write.
func (rd *pdfReader) compositeWidths(d types.Dict) glyphWidths {
	w := glyphWidths{missing: 1000, byCode: map[int]float64{}}
	descendants, _ := rd.x.DereferenceArray(d["DescendantFonts"])
	if len(descendants) == 0 {
		return w
	}
	cid, err := rd.x.DereferenceDict(descendants[0])
	if err != nil || cid == nil {
		return w
	}
	if v, ok := rd.number(cid["DW"]); ok {
		w.missing = v
	}
	list, _ := rd.x.DereferenceArray(cid["W"])
	for i := 0; i+1 < len(list) && len(w.byCode) < maxWidthEntries; {
		first, _ := rd.number(list[i])
		if widths, err := rd.x.DereferenceArray(list[i+1]); err == nil && widths != nil {
			for j, o := range widths[:min(len(widths), maxWidthEntries)] {
				w.byCode[int(first)+j], _ = rd.number(o)
			}
			i += 2
			continue
		}
		if i+2 >= len(list) {
			break
		}
		lastCode, _ := rd.number(list[i+1])
		width, _ := rd.number(list[i+2])
		for c := int(first); c <= int(lastCode) && len(w.byCode) < maxWidthEntries; c++ {
			w.byCode[c] = width
		}
		i += 3
	}
	return w
}

// number reads an integer or real, perhaps indirect.
func (rd *pdfReader) number(o types.Object) (float64, bool) {
	if o == nil {
		return 0, false
	}
	v, err := rd.x.DereferenceNumber(o)
	return v, err == nil
}

// writeGlyph writes a character a PDF shows. Presentation forms (the
// ligatures ﬁ and ﬂ, Arabic letters in their joined shapes) are how a
// glyph was drawn, not what was written, so they are written as the
// letters they stand for: search finds "financement" and "سلام" then.
func writeGlyph(c rune, out *textOut) error {
	if (c >= 0xFB00 && c <= 0xFB06) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) {
		return out.WriteString(norm.NFKC.String(string(c)))
	}
	return out.writeRune(c)
}
