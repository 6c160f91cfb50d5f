package extract

import (
	"context"
	"math"
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

// operand is one operand of a content operator; an array (of TJ) keeps its items.
type operand struct {
	tok   token
	items []token
}

// painter writes the text of one page's content.
type painter struct {
	ctx context.Context
	out *textOut
	pos textPos
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
	out, pos := p.out, &p.pos
	last := func(n int) token { return ops[len(ops)-n].tok } // the nth operand from the end
	switch {
	case op == "Tf" && len(ops) >= 2 && last(2).kind == tokName:
		f.font = f.res.fonts[string(last(2).b)]
		pos.size = last(1).num
	case op == "Tj" || op == "'" || op == "\"":
		if op != "Tj" {
			pos.nextLine()
		}
		if len(ops) > 0 && last(1).kind == tokString {
			pos.beforeShow(out)
			return p.show(f.font, last(1).b)
		}
	case op == "TJ" && len(ops) > 0:
		pos.beforeShow(out)
		return p.showArray(ops[len(ops)-1].items, f.font)
	case (op == "Td" || op == "TD") && len(ops) >= 2:
		pos.move(last(2).num, last(1).num)
	case op == "Tm" && len(ops) >= 6:
		pos.setMatrix(last(6).num, last(5).num, last(3).num, last(2).num, last(1).num)
	case op == "T*":
		pos.nextLine()
	case op == "BT":
		pos.begin()
	case op == "ID":
		f.lx.skipInlineImage()
	case op == "Do" && len(ops) >= 1 && last(1).kind == tokName && f.depth < maxFormDepth:
		return p.drawForm(f.res, string(last(1).b), f.depth)
	}
	return nil
}

// show writes a string of the current font and moves past it.
func (p *painter) show(font *pdfFont, s []byte) error {
	advance, err := font.show(s, p.out)
	p.pos.advance(advance)
	return err
}

// showArray writes TJ's strings. Its numbers move the text back (or, when
// negative, forward) by thousandths of the font size; a move forward of
// more than a fifth of it is a space between words.
func (p *painter) showArray(items []token, font *pdfFont) error {
	for _, it := range items {
		switch it.kind {
		case tokString:
			if err := p.show(font, it.b); err != nil {
				return err
			}
		case tokNumber:
			p.pos.advance(-it.num)
			if it.num < -200 {
				p.out.blank()
			}
		}
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

// textPos follows where text is drawn, roughly, to tell words and lines
// apart: text shown at another height than the text before it starts a
// new line, and text shown further along the line than where the text
// before it ended, by more than a fifth of the font size, is a new word.
// Many producers place words, and some every glyph, on their own (Td,
// Tm), so the widths of the glyphs shown are followed too.
type textPos struct {
	lineX, lineY   float64 // the start of the line (the text line matrix)
	x, y           float64 // where the next glyph goes
	scaleX, scaleY float64 // the text matrix's scale
	size           float64 // the font size
	endX, shownY   float64 // where the text last shown ended, and its height
	started        bool    // some text has been shown
}

// begin starts a text object: the text matrix is the identity.
func (t *textPos) begin() {
	t.lineX, t.lineY, t.x, t.y, t.scaleX, t.scaleY = 0, 0, 0, 0, 1, 1
}

// setMatrix sets the text matrix (Tm a b c d e f; c does not matter here).
func (t *textPos) setMatrix(a, b, d, e, f float64) {
	t.scaleX, t.scaleY = math.Hypot(a, b), d
	if t.scaleX == 0 {
		t.scaleX = 1
	}
	t.lineX, t.lineY, t.x, t.y = e, f, e, f
}

// move starts a new line at an offset from the start of this one (Td).
func (t *textPos) move(tx, ty float64) {
	t.lineX += tx * t.scaleX
	t.lineY += ty * t.scaleY
	t.x, t.y = t.lineX, t.lineY
}

// nextLine moves to the next line (T*); the leading is not followed.
func (t *textPos) nextLine() { t.move(0, -max(t.size, 1)) }

// beforeShow writes the line break or blank due before text shown here.
func (t *textPos) beforeShow(out *textOut) {
	em := math.Abs(t.size * t.scaleX)
	switch gap := t.x - t.endX; {
	case !t.started:
	case t.y != t.shownY:
		out.lineBreak()
	case gap > em/5 || gap < -em:
		out.blank()
	}
	t.shownY, t.started = t.y, true
}

// advance moves along the line by thousandths of the font size.
func (t *textPos) advance(units float64) {
	t.x += units / 1000 * t.size * t.scaleX
	t.endX = t.x
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
