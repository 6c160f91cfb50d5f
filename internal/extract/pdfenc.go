package extract

import (
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// A simple font without a ToUnicode map says what its codes are by an
// encoding: a standard one (WinAnsi, MacRoman) and /Differences that name
// the glyph of some codes. LaTeX's fonts, for instance, put ligatures such
// as "fi" at low codes this way; without the names, "define" reads "de ne".

// glyphNames are the names of the Adobe Glyph List that words are made of
// beyond single letters and digits; accented letters are composed from
// their parts (see glyphText).
var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%",
	"ampersand": "&", "quotesingle": "'", "parenleft": "(", "parenright": ")", "asterisk": "*", "plus": "+",
	"comma": ",", "hyphen": "-", "period": ".", "slash": "/", "colon": ":", "semicolon": ";", "less": "<",
	"equal": "=", "greater": ">", "question": "?", "at": "@", "bracketleft": "[", "backslash": "\\",
	"bracketright": "]", "asciicircum": "^", "underscore": "_", "grave": "`", "braceleft": "{", "bar": "|",
	"braceright": "}", "asciitilde": "~", "quoteleft": "‘", "quoteright": "’", "quotedblleft": "“",
	"quotedblright": "”", "quotesinglbase": "‚", "quotedblbase": "„", "endash": "–", "emdash": "—",
	"bullet": "•", "ellipsis": "…", "fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl",
	"dagger": "†", "daggerdbl": "‡", "section": "§", "paragraph": "¶", "copyright": "©", "registered": "®",
	"trademark": "™", "degree": "°", "minus": "−", "multiply": "×", "divide": "÷", "Euro": "€",
	"germandbls": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "oslash": "ø", "Oslash": "Ø",
	"dotlessi": "ı", "guillemotleft": "«", "guillemotright": "»", "exclamdown": "¡", "questiondown": "¿",
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "nbspace": " ", "sterling": "£", "yen": "¥", "cent": "¢",
}

// accents are the combining marks named at the end of an accented letter's
// glyph name (eacute = e + acute).
var accents = map[string]string{
	"acute": "\u0301", "grave": "\u0300", "circumflex": "\u0302", "dieresis": "\u0308", "tilde": "\u0303",
	"cedilla": "\u0327", "ring": "\u030A", "caron": "\u030C", "macron": "\u0304", "breve": "\u0306",
	"dotaccent": "\u0307", "ogonek": "\u0328", "hungarumlaut": "\u030B",
}

// glyphText is the text a glyph name stands for, or "" when it is unknown.
func glyphText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 { // a.sc, one.oldstyle: variants of the same text
		name = name[:i]
	}
	if strings.Contains(name, "_") { // f_f_i: a ligature of its parts
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			b.WriteString(glyphText(part))
		}
		return b.String()
	}
	if t, ok := glyphNames[name]; ok {
		return t
	}
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name
	}
	if t, ok := unicodeGlyph(name); ok {
		return t
	}
	for accent, mark := range accents {
		if base, ok := strings.CutSuffix(name, accent); ok && len(base) == 1 {
			return norm.NFC.String(base + mark)
		}
	}
	return ""
}

// unicodeGlyph reads the names uniXXXX (one or more code units) and uXXXX[XX].
func unicodeGlyph(name string) (string, bool) {
	hex, size := "", 0
	switch {
	case strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0:
		hex, size = name[3:], 4
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hex, size = name[1:], len(name)-1
	default:
		return "", false
	}
	var b strings.Builder
	for i := 0; i+size <= len(hex); i += size {
		v, err := strconv.ParseUint(hex[i:i+size], 16, 32)
		if err != nil {
			return "", false
		}
		b.WriteRune(rune(v))
	}
	return b.String(), true
}

// simpleEncoding reads a simple font's /Encoding: nil when it is the
// default (Windows-1252 serves WinAnsi and the standard encoding alike).
func (rd *pdfReader) simpleEncoding(o types.Object) *[256]string {
	var base *charmap.Charmap
	var differences types.Array
	switch e := o.(type) {
	case types.Name:
		if e == "MacRomanEncoding" {
			base = charmap.Macintosh
		}
	case types.Dict:
		if n := e.NameEntry("BaseEncoding"); n != nil && *n == "MacRomanEncoding" {
			base = charmap.Macintosh
		}
		differences, _ = rd.x.DereferenceArray(e["Differences"])
	default:
		if d, err := rd.x.DereferenceDict(o); err == nil && d != nil {
			return rd.simpleEncoding(d)
		}
	}
	if base == nil && differences == nil {
		return nil
	}
	if base == nil {
		base = charmap.Windows1252
	}
	var table [256]string
	for c := range table {
		table[c] = string(base.DecodeByte(byte(c)))
	}
	code := -1
	for _, item := range differences {
		switch v := item.(type) {
		case types.Integer:
			code = int(v)
		case types.Name:
			if code >= 0 && code < 256 {
				table[code] = glyphText(string(v))
				code++
			}
		}
	}
	return &table
}
