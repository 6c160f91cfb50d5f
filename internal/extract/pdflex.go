package extract

import (
	"bytes"
	"strconv"
)

// tokKind is the kind of a token of PDF content (page content streams and
// the CMaps that map a font's codes to Unicode share the syntax).
type tokKind int

const (
	tokEOF tokKind = iota
	tokNumber
	tokString // a literal (…) or hex <…> string, decoded to its bytes
	tokName   // /Name, without the slash
	tokOp     // an operator or keyword: Tj, BT, beginbfchar, true…
	tokArrayOpen
	tokArrayClose
	tokDictOpen
	tokDictClose
)

type token struct {
	kind tokKind
	b    []byte  // the bytes of a string, name or operator
	num  float64 // a number's value
}

// lexer splits PDF content into tokens. It never fails: malformed input
// gives odd tokens, which the interpreter ignores, and the end of input
// gives tokEOF.
type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (l *lexer) skipSpace() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

func (l *lexer) next() token {
	l.skipSpace()
	if l.i >= len(l.b) {
		return token{kind: tokEOF}
	}
	c := l.b[l.i]
	switch {
	case c == '(':
		l.i++
		return token{kind: tokString, b: l.literal()}
	case c == '<' && l.peek(1) == '<':
		l.i += 2
		return token{kind: tokDictOpen}
	case c == '>' && l.peek(1) == '>':
		l.i += 2
		return token{kind: tokDictClose}
	case c == '<':
		l.i++
		return token{kind: tokString, b: l.hex()}
	case c == '[':
		l.i++
		return token{kind: tokArrayOpen}
	case c == ']':
		l.i++
		return token{kind: tokArrayClose}
	case c == '/':
		l.i++
		return token{kind: tokName, b: l.name()}
	case isDelim(c): // a stray ) > { }: skip it
		l.i++
		return token{kind: tokOp, b: []byte{c}}
	}
	word := l.regular()
	if n, err := strconv.ParseFloat(string(word), 64); err == nil && (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
		return token{kind: tokNumber, num: n}
	}
	return token{kind: tokOp, b: word}
}

func (l *lexer) peek(ahead int) byte {
	if l.i+ahead < len(l.b) {
		return l.b[l.i+ahead]
	}
	return 0
}

// regular reads a run of regular characters (a number, an operator).
func (l *lexer) regular() []byte {
	start := l.i
	for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
		l.i++
	}
	return l.b[start:l.i]
}

// name reads a name after its slash, decoding #xx escapes.
func (l *lexer) name() []byte {
	raw := l.regular()
	if bytes.IndexByte(raw, '#') < 0 {
		return raw
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return out
}

// literal reads a (string) after its opening parenthesis: balanced
// parentheses, backslash escapes and octal codes.
func (l *lexer) literal() []byte {
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return out
			}
		case '\\':
			if b, ok := l.escape(); ok {
				out = append(out, b)
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// escape reads what follows a backslash in a literal string; ok is false
// for a line continuation, which stands for nothing.
func (l *lexer) escape() (b byte, ok bool) {
	if l.i >= len(l.b) {
		return 0, false
	}
	c := l.b[l.i]
	l.i++
	switch c {
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case '\r':
		if l.peek(0) == '\n' {
			l.i++
		}
		return 0, false
	case '\n':
		return 0, false
	}
	if c < '0' || c > '7' {
		return c, true
	}
	v := int(c - '0')
	for n := 1; n < 3 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; n++ {
		v = v*8 + int(l.b[l.i]-'0')
		l.i++
	}
	return byte(v), true
}

// hex reads a <hex string> after its opening bracket; a missing last digit is 0.
func (l *lexer) hex() []byte {
	var out []byte
	var hi byte
	half := false
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		if c == '>' {
			break
		}
		v, ok := hexDigit(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// skipInlineImage moves past the data of an inline image, which follows its
// ID operator and ends with EI between blanks: it is binary, not tokens.
func (l *lexer) skipInlineImage() {
	if l.i < len(l.b) && isSpace(l.b[l.i]) {
		l.i++
	}
	for l.i < len(l.b) {
		j := bytes.Index(l.b[l.i:], []byte("EI"))
		if j < 0 {
			l.i = len(l.b)
			return
		}
		at := l.i + j
		l.i = at + 2
		if (at == 0 || isSpace(l.b[at-1])) && (l.i >= len(l.b) || isSpace(l.b[l.i]) || isDelim(l.b[l.i])) {
			return
		}
	}
}
