package web

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/i18n"
)

// badCharacters is the catalog id of a field refused for its characters.
const badCharacters = "error.bad_characters"

// badText reports whether s is not text we store: invalid UTF-8 (which
// PostgreSQL refuses with SQLSTATE 22021 and SQLite would keep as raw
// bytes), NUL or another control character. Tab, CR and LF are text only in
// a multi-line field.
func badText(s string, multiLine bool) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, c := range s {
		if c == '\t' || c == '\n' || c == '\r' {
			if !multiLine {
				return true
			}
			continue
		}
		if unicode.IsControl(c) {
			return true
		}
	}
	return false
}

// showable replaces what badText refuses with U+FFFD, so a refused value
// can still be shown back in the form, as close as possible to what was typed.
func showable(s string, multiLine bool) string {
	return strings.Map(func(c rune) rune {
		if (c == '\t' || c == '\n' || c == '\r') && multiLine {
			return c
		}
		if unicode.IsControl(c) {
			return utf8.RuneError
		}
		return c
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}

// multiLineFields are, per route, the fields that may hold tabs and line
// breaks: free texts typed in a textarea (the registration's accessibility
// needs, statements, the secretariat's background texts and lists). Every
// other field is one line.
func multiLineFields(pattern string) []string {
	switch pattern {
	case "POST /c/{slug}/register", "POST /api/v1/consultations/{slug}/registrations":
		return []string{"accessibility_needs"}
	case "POST /c/{slug}/opinions/statements":
		return []string{"statement"}
	case "POST /api/v1/consultations/{slug}/statements":
		return []string{"text"}
	case "POST /admin/consultations/{slug}/opinions/statements":
		return []string{"seed"}
	case "POST /admin/consultations/{slug}/live/record":
		return []string{"summary", "key_points"}
	case "POST /admin/consultations/{slug}/messages":
		fields := []string{"body"}
		for _, l := range i18n.Languages() {
			fields = append(fields, "body_"+l)
		}
		return fields
	case "POST /api/v1/consultations/{slug}/messages":
		return []string{"body"} // the original's and each translation's
	case "PATCH /api/v1/consultations/{slug}":
		return []string{"background_markdown", "objectives_markdown", "opening_remarks"}
	case "POST /api/v1/inputs":
		return []string{"answers.text", "comments"}
	case "POST /api/v1/inputs/{id}/reject", "POST /admin/inputs/{id}/moderate":
		return []string{"reason"}
	}
	if isInputForm(pattern) { // answer_<question id> and the comments
		return []string{"answer_*", "comments"}
	}
	if isContentForm(pattern) {
		return []string{"description", "questions", "mandate", "partners", "reporting_chain",
			"background", "objectives", "opening_remarks", "moderators"}
	}
	return nil
}

// jsonTextProblems checks every string value of a JSON body, by the name of
// the key it is under: encoding/json silently turns invalid UTF-8 and lone
// surrogate escapes ("\ud800") into U+FFFD, so they are found in the raw
// bytes of each token, and NUL or control characters in the decoded text.
// A syntax error stops the scan; decoding then reports it.
func jsonTextProblems(body []byte, multiLine []string) map[string]string {
	if plainJSON(body) {
		return map[string]string{}
	}
	return jsonTextProblemsWalk(body, multiLine)
}

// jsonTextProblemsWalk is jsonTextProblems, token by token.
func jsonTextProblemsWalk(body []byte, multiLine []string) map[string]string {
	bad := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(body))
	var w jsonWalk
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break
		}
		s, isString := tok.(string)
		if isString && !w.atKey() {
			field := w.field()
			if badJSONString(body[start:dec.InputOffset()]) || badText(s, slices.Contains(multiLine, field)) {
				bad[field] = badCharacters
			}
		}
		w.step(tok)
	}
	return bad
}

// plainJSON reports that no string of body can hold what jsonTextProblems
// refuses, without walking its tokens (most of a registration's decoding
// time): body is valid UTF-8 with no escape, so each string decodes to its
// own bytes, and has no control character but the tab, newline and return
// that may separate tokens (one of them inside a string is invalid JSON,
// which decoding refuses anyway).
func plainJSON(body []byte) bool {
	if !utf8.Valid(body) || bytes.IndexByte(body, '\\') >= 0 {
		return false
	}
	for i := 0; i < len(body); {
		c, size := rune(body[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRune(body[i:])
		}
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
		i += size
	}
	return true
}

// jsonWalk follows where a token stream is: the open containers and, in
// each object, its current key.
type jsonWalk struct{ frames []jsonFrame }

type jsonFrame struct {
	object bool
	key    string
	atKey  bool // the next string of this object is a key
}

func (w *jsonWalk) atKey() bool {
	return len(w.frames) > 0 && w.frames[len(w.frames)-1].object && w.frames[len(w.frames)-1].atKey
}

// field names the value being read: the keys of the enclosing objects,
// joined with dots ("" outside any object).
func (w *jsonWalk) field() string {
	var keys []string
	for _, f := range w.frames {
		if f.object && f.key != "" {
			keys = append(keys, f.key)
		}
	}
	return strings.Join(keys, ".")
}

func (w *jsonWalk) step(tok json.Token) {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' || t == '[' {
			w.frames = append(w.frames, jsonFrame{object: t == '{', atKey: t == '{'})
			return
		}
		w.frames = w.frames[:len(w.frames)-1]
	case string:
		if w.atKey() {
			top := &w.frames[len(w.frames)-1]
			top.key, top.atKey = t, false
			return
		}
	}
	// A value ended: the enclosing object expects its next key.
	if n := len(w.frames); n > 0 && w.frames[n-1].object {
		w.frames[n-1].atKey = true
	}
}

// badJSONString reports whether the raw bytes of a string token (with any
// separator before it) hold invalid UTF-8 or a \u escape of a surrogate
// that is not half of a valid pair.
func badJSONString(raw []byte) bool {
	if !utf8.Valid(raw) {
		return true
	}
	for i := bytes.IndexByte(raw, '"') + 1; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		if i+1 < len(raw) && raw[i+1] != 'u' {
			i++
			continue
		}
		c, ok := hex4(raw, i+2)
		switch {
		case !ok:
			return true
		case c >= 0xDC00 && c <= 0xDFFF:
			return true // a low half with no high half before it
		case c >= 0xD800 && c <= 0xDBFF:
			lo, ok := hex4(raw, i+8)
			if !ok || raw[i+6] != '\\' || raw[i+7] != 'u' || lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			i += 6 // the low half is part of this pair
		}
		i += 5
	}
	return false
}

// hex4 reads four hex digits at raw[i:].
func hex4(raw []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(raw) {
		return 0, false
	}
	var c rune
	for _, b := range raw[i : i+4] {
		switch {
		case b >= '0' && b <= '9':
			c = c<<4 | rune(b-'0')
		case b >= 'a' && b <= 'f':
			c = c<<4 | rune(b-'a'+10)
		case b >= 'A' && b <= 'F':
			c = c<<4 | rune(b-'A'+10)
		default:
			return 0, false
		}
	}
	return c, true
}
