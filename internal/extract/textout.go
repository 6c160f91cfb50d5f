package extract

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errTextFull stops an extractor once MaxText characters are kept; Text
// treats it as success.
var errTextFull = errors.New("extract: text limit reached")

// textOut gathers extracted text as the store keeps it: valid UTF-8 with no
// control characters, runs of blanks as one space, one line per paragraph,
// and no more than max characters.
type textOut struct {
	b         strings.Builder
	n, max    int  // characters written, and allowed
	space, nl bool // a blank or a line break is due before the next character
}

func newTextOut(max int) *textOut { return &textOut{max: max} }

// WriteString adds text; blanks inside it collapse, control characters and
// invalid bytes are dropped. It returns errTextFull once the limit is reached.
func (t *textOut) WriteString(s string) error {
	for _, c := range s {
		if err := t.writeRune(c); err != nil {
			return err
		}
	}
	return nil
}

func (t *textOut) writeRune(c rune) error {
	switch {
	case c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029':
		t.lineBreak()
		return nil
	case unicode.IsSpace(c):
		t.blank()
		return nil
	case c == utf8.RuneError || c == '\uFEFF' || !utf8.ValidRune(c) || unicode.IsControl(c):
		return nil
	}
	if t.n >= t.max {
		return errTextFull
	}
	if t.b.Len() > 0 {
		switch {
		case t.nl:
			t.b.WriteByte('\n')
		case t.space:
			t.b.WriteByte(' ')
		}
	}
	t.space, t.nl = false, false
	t.b.WriteRune(c)
	t.n++
	return nil
}

// blank asks for a space before the next character.
func (t *textOut) blank() { t.space = true }

// lineBreak ends the current line (a paragraph, a line break).
func (t *textOut) lineBreak() { t.nl = true }

func (t *textOut) String() string { return t.b.String() }
