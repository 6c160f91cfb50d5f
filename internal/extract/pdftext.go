package extract

import (
	"context"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
)

// maxOperands bounds the operand stack of the content interpreter: no text
// operator takes more than a few, so a stream of numbers cannot grow it.
const maxOperands = 16

// maxFormDepth bounds forms drawn inside forms (a form may even draw itself).
const maxFormDepth = 4

// resources are what a content stream may name: its fonts, and the form
// XObjects it draws with Do (content streams of their own, often used for
// letterheads and repeated blocks).
type resources struct {
	fonts map[string]*pdfFont
	// form returns the content and resources of the form called name;
	// ok is false when there is no such form (an image, say).
	form func(name string) (content []byte, res *resources, ok bool, err error)
}

// pdfFont turns the bytes a text operator shows into text.
type pdfFont struct {
	toUnicode *cmap        // the font's ToUnicode map, when it has one
	composite bool         // a Type0 font: two-byte codes, meaningless without ToUnicode
	encoding  *[256]string // a simple font's encoding, when not the default (pdfenc.go)
}

// operand is one operand of a content operator; an array (of TJ) keeps its items.
type operand struct {
	tok   token
	items []token
}

// painter writes the text of one page's content.
type painter struct {
	ctx  context.Context
	out  *textOut
	line lines
}

// frame is one content stream being read: a page's, or a form's it draws.
type frame struct {
	lx    *lexer
	res   *resources
	depth int      // forms drawn around this one
	font  *pdfFont // the font chosen by the last Tf
}

// interpret writes the text that a page's content stream shows: the
// strings of Tj, TJ, ' and ", with a line break where the text moves to
// another line and a blank where TJ leaves a gap as wide as a space, and
// the text of the forms it draws (Do). Other operators (graphics, images,
// marked content) are skipped. The position of the text is followed
// across the forms a page draws.
func (p *painter) interpret(content []byte, res *resources, depth int) error {
	f := &frame{lx: &lexer{b: content}, res: res, depth: depth}
	var ops []operand
	for i := 0; ; i++ {
		if i%4096 == 0 && p.ctx.Err() != nil {
			return p.ctx.Err()
		}
		switch tok := f.lx.next(); tok.kind {
		case tokEOF:
			return nil
		case tokArrayOpen:
			ops = push(ops, operand{items: f.lx.array()})
		case tokDictOpen:
			f.lx.skipDict()
		case tokOp:
			if err := p.operator(f, string(tok.b), ops); err != nil {
				return err
			}
			ops = ops[:0]
		default:
			ops = push(ops, operand{tok: tok})
		}
	}
}

// operator carries out one operator of a content stream on its operands.
func (p *painter) operator(f *frame, op string, ops []operand) error {
	out, line := p.out, &p.line
	last := func(n int) token { return ops[len(ops)-n].tok } // the nth operand from the end
	switch {
	case op == "Tf" && len(ops) >= 2 && last(2).kind == tokName:
		f.font = f.res.fonts[string(last(2).b)]
	case op == "Tj" || op == "'" || op == "\"":
		if op != "Tj" {
			line.nextLine()
		}
		line.show(out)
		if len(ops) > 0 && last(1).kind == tokString {
			return f.font.show(last(1).b, out)
		}
	case op == "TJ" && len(ops) > 0:
		line.show(out)
		return showArray(ops[len(ops)-1].items, f.font, out)
	case (op == "Td" || op == "TD") && len(ops) >= 2:
		line.moveTo(line.y+last(1).num, out)
	case op == "Tm" && len(ops) >= 6:
		line.moveTo(last(1).num, out)
	case op == "T*":
		line.nextLine()
	case op == "BT":
		line.y = 0 // the text matrix starts again from the identity
	case op == "ET":
		out.blank()
	case op == "ID":
		f.lx.skipInlineImage()
	case op == "Do" && len(ops) >= 1 && last(1).kind == tokName && f.depth < maxFormDepth:
		return p.drawForm(f.res, string(last(1).b), f.depth)
	}
	return nil
}

// drawForm writes the text of the form called name.
func (p *painter) drawForm(res *resources, name string, depth int) error {
	if res.form == nil {
		return nil
	}
	content, sub, ok, err := res.form(name)
	if err != nil || !ok {
		return err
	}
	p.out.blank()
	err = p.interpret(content, sub, depth+1)
	p.out.blank()
	return err
}

// lines follows the vertical position of the text, to tell a new line
// from a move along the same line: text shown at another height than the
// text before it starts a new line.
type lines struct {
	y, shownY float64 // where the text is, and where it was last shown
	started   bool    // some text has been shown
}

// moveTo puts the text at height y.
func (l *lines) moveTo(y float64, out *textOut) {
	l.y = y
	out.blank()
}

// nextLine moves to the next line by the leading, whose value is not followed.
func (l *lines) nextLine() { l.y-- }

// show is called before text is shown: a line break if it is on another line.
func (l *lines) show(out *textOut) {
	if l.started && l.y != l.shownY {
		out.lineBreak()
	}
	l.shownY, l.started = l.y, true
}

// push adds an operand, dropping the oldest when the stack is full.
func push(ops []operand, o operand) []operand {
	if len(ops) == maxOperands {
		ops = append(ops[:0], ops[1:]...)
	}
	return append(ops, o)
}

// array reads the items of an array after its [, flattening nested ones.
func (l *lexer) array() []token {
	var items []token
	for depth := 1; ; {
		tok := l.next()
		switch tok.kind {
		case tokEOF:
			return items
		case tokArrayOpen:
			depth++
		case tokArrayClose:
			if depth--; depth == 0 {
				return items
			}
		case tokDictOpen:
			l.skipDict()
		default:
			items = append(items, tok)
		}
	}
}

// skipDict moves past a dictionary after its <<, nested ones included.
func (l *lexer) skipDict() {
	for depth := 1; depth > 0; {
		switch l.next().kind {
		case tokEOF:
			return
		case tokDictOpen:
			depth++
		case tokDictClose:
			depth--
		}
	}
}

// showArray writes TJ's strings; a gap of more than a fifth of the font size
// (a number below -200, in thousandths of it) is a space between words.
func showArray(items []token, f *pdfFont, out *textOut) error {
	for _, it := range items {
		switch {
		case it.kind == tokString:
			if err := f.show(it.b, out); err != nil {
				return err
			}
		case it.kind == tokNumber && it.num < -200:
			out.blank()
		}
	}
	return nil
}

// show writes the text of the codes in s: through the font's ToUnicode map
// when there is one; for a simple font without one, through its encoding,
// Windows-1252 by default, which is what the standard fonts and most
// producers' encodings agree on; and
// not at all for a composite font without one, whose codes mean nothing
// without it.
func (f *pdfFont) show(s []byte, out *textOut) error {
	switch {
	case f != nil && f.toUnicode != nil:
		return f.toUnicode.decode(s, f.composite, out)
	case f != nil && f.composite:
		return nil
	case f != nil && f.encoding != nil:
		for _, c := range s {
			if err := out.WriteString(f.encoding[c]); err != nil {
				return err
			}
		}
		return nil
	}
	for _, c := range s {
		if err := out.writeRune(charmap.Windows1252.DecodeByte(c)); err != nil {
			return err
		}
	}
	return nil
}

// resources reads a resource dictionary: its fonts now, its forms when drawn.
func (rd *pdfReader) resources(res types.Object) *resources {
	resDict, err := rd.x.DereferenceDict(res)
	if err != nil {
		resDict = nil
	}
	r := &resources{fonts: rd.fontsOf(resDict)}
	r.form = func(name string) ([]byte, *resources, bool, error) { return rd.form(resDict, res, name) }
	return r
}

// form finds the form XObject called name; a form without resources of
// its own uses those of the page that draws it.
func (rd *pdfReader) form(resDict types.Dict, parentRes types.Object, name string) ([]byte, *resources, bool, error) {
	xobjects, err := rd.x.DereferenceDict(resDict["XObject"])
	if err != nil || xobjects == nil {
		return nil, nil, false, nil
	}
	o, ok := xobjects[name]
	if !ok {
		return nil, nil, false, nil
	}
	sd, _, err := rd.x.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, nil, false, nil
	}
	if st := sd.Dict.NameEntry("Subtype"); st == nil || *st != "Form" {
		return nil, nil, false, nil
	}
	content, err := rd.stream(o)
	if err != nil || content == nil {
		return nil, nil, false, err
	}
	formRes, ok := sd.Dict.Find("Resources")
	if !ok {
		formRes = parentRes
	}
	return content, rd.resources(formRes), true, nil
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
	return f
}
