package calendar

import (
	"strings"
	"unicode"
)

// newlines normalises CRLF and lone CR to LF: the library escapes only
// "\n" as `\n`, so a raw CR would otherwise reach the output.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cleanText prepares a TEXT value: RFC 5545 forbids control characters
// other than HTAB, and LF is encoded as `\n` by the library (which also
// escapes backslash, comma and semicolon).
func cleanText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 { // the replacer costs even when it has nothing to do
		s = newlines.Replace(s)
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, s)
}

// hasControl reports characters that could break a content line (for
// URI/CAL-ADDRESS values, which are not escaped).
func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}
