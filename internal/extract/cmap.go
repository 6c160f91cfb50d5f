package extract

import (
	"unicode/utf16"
)

// cmap is a font's ToUnicode map: which codes its strings are made of
// (codespace ranges, one to four bytes long) and the text each code stands
// for (bfchar entries, and bfrange ranges kept as ranges, never expanded).
type cmap struct {
	spaces []codeRange
	chars  map[uint64][]rune // by codeKey
	ranges []bfRange
}

type codeRange struct {
	n      int // bytes per code
	lo, hi uint32
}

// bfRange maps lo…hi either to base, its last character counting up, or to
// one text per code (list).
type bfRange struct {
	codeRange
	base []rune
	list [][]rune
}

func codeKey(n int, code uint32) uint64 { return uint64(n)<<32 | uint64(code) }

func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// utf16Text decodes a CMap destination, UTF-16BE.
func utf16Text(b []byte) []rune {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return utf16.Decode(units)
}

// Caps on a CMap's ranges: every code is looked up through them, so a
// map with a million ranges would make each character slow. Real maps
// have a few hundred at most.
const (
	maxCodeSpaces = 16
	maxBfRanges   = 1024
)

// parseCMap reads the parts of a CMap that map codes to text. It is
// PostScript, but the operands of these sections are plain strings and
// arrays, so the content lexer reads it; anything else is ignored.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint64][]rune{}}
	lx := &lexer{b: data}
	section := ""
	var args []operand
	for {
		tok := lx.next()
		switch tok.kind {
		case tokEOF:
			return m
		case tokArrayOpen:
			args = append(args, operand{items: lx.array()})
		case tokString, tokNumber, tokName:
			args = append(args, operand{tok: tok})
		case tokOp:
			switch op := string(tok.b); op {
			case "begincodespacerange", "beginbfchar", "beginbfrange":
				section = op
			case "endcodespacerange", "endbfchar", "endbfrange":
				m.add(section, args)
				section = ""
			}
			args = args[:0]
		}
		if section == "" {
			args = args[:0]
		}
	}
}

// add records the entries of one section.
func (m *cmap) add(section string, args []operand) {
	switch section {
	case "begincodespacerange":
		for i := 0; i+1 < len(args); i += 2 {
			if r, ok := rangeOf(args[i].tok, args[i+1].tok); ok && len(m.spaces) < maxCodeSpaces {
				m.spaces = append(m.spaces, r)
			}
		}
	case "beginbfchar":
		for i := 0; i+1 < len(args); i += 2 {
			src, dst := args[i].tok, args[i+1].tok
			if src.kind == tokString && len(src.b) >= 1 && len(src.b) <= 4 && dst.kind == tokString {
				m.chars[codeKey(len(src.b), codeValue(src.b))] = utf16Text(dst.b)
			}
		}
	case "beginbfrange":
		for i := 0; i+2 < len(args); i += 3 {
			r, ok := rangeOf(args[i].tok, args[i+1].tok)
			if !ok || len(m.ranges) >= maxBfRanges {
				continue
			}
			br := bfRange{codeRange: r}
			if dst := args[i+2]; dst.items != nil {
				for _, it := range dst.items {
					br.list = append(br.list, utf16Text(it.b))
				}
			} else {
				br.base = utf16Text(dst.tok.b)
			}
			m.ranges = append(m.ranges, br)
		}
	}
}

// rangeOf reads a range given by two strings of the same length.
func rangeOf(lo, hi token) (codeRange, bool) {
	if lo.kind != tokString || hi.kind != tokString || len(lo.b) != len(hi.b) || len(lo.b) < 1 || len(lo.b) > 4 {
		return codeRange{}, false
	}
	r := codeRange{n: len(lo.b), lo: codeValue(lo.b), hi: codeValue(hi.b)}
	return r, r.lo <= r.hi
}

// codeLen is the length of the code at the start of s: the codespace range
// it falls in, or one byte (two for a composite font) when none says.
func (m *cmap) codeLen(s []byte, composite bool) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		v := codeValue(s[:n])
		for _, r := range m.spaces {
			if r.n == n && v >= r.lo && v <= r.hi {
				return n
			}
		}
	}
	if composite && len(s) >= 2 {
		return 2
	}
	return 1
}

// lookup is the text for a code; nil when the map has none.
func (m *cmap) lookup(n int, v uint32) []rune {
	if t, ok := m.chars[codeKey(n, v)]; ok {
		return t
	}
	for _, r := range m.ranges {
		if r.n != n || v < r.lo || v > r.hi {
			continue
		}
		off := v - r.lo
		if r.list != nil {
			if int(off) < len(r.list) {
				return r.list[off]
			}
			return nil
		}
		if len(r.base) == 0 {
			return nil
		}
		t := append([]rune(nil), r.base...)
		t[len(t)-1] += rune(off)
		return t
	}
	return nil
}
