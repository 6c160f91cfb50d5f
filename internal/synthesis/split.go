package synthesis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a piece of a text by byte offsets: text[start:end].
type span struct{ start, end int }

// isAbbreviation tells the words that a full stop follows without ending
// the sentence, lowercased and without their final dot. "etc." is not
// among them: it often ends a sentence, and when it does not, a lowercase
// word follows, which the splitter already reads as a continuation.
func isAbbreviation(w string) bool {
	switch w {
	case "e.g", "i.e", "cf", "vs", "viz", "approx",
		"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr",
		"inc", "ltd", "co", "u.s", "u.k", "u.n", "gov",
		"sra", "dra", "mme", "mlle", "т.е", "т.д", "др":
		return true
	}
	return false
}

// isNumberAbbreviation tells the abbreviations that stand before a number
// ("No. 5", "p. 12", "art. 3"): only there do they keep the sentence
// going, since "no." also ends sentences ("The answer is no.").
func isNumberAbbreviation(w string) bool {
	switch w {
	case "no", "nos", "p", "pp", "art", "fig", "vol", "núm", "pág", "n.º", "г", "гг", "ст":
		return true
	}
	return false
}

// splitSentences cuts text into sentences and returns their spans, each
// trimmed of surrounding white space, in order. The rules:
//
//   - "。", "！" and "？" (written without a following space) end a
//     sentence where they stand;
//   - ".", "!", "?", "…", the Arabic "؟" and "؛" end one when white space
//     or the end of the text follows (after any closing quotes or
//     brackets), so decimals (3.5) and dotted names (e.g. www.itu.int)
//     stay whole; a run of them ("?!", "...") is one end;
//   - after "." and "…" the next sentence must not start with a lowercase
//     letter (a continuation), the word before "." must not be a known
//     abbreviation (e.g., Mr.; No. and p. only before a number), nor a
//     single capital letter (an initial), nor a number that starts a line
//     (a list item "1.");
//   - a blank line, or a line break before a list marker, always ends one.
func splitSentences(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		if s, ok := trimSpan(text, start, end); ok {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '。' || r == '！' || r == '？':
			emit(skipClosers(text, skipTerminators(text, i+size)))
		case r == '.' || r == '!' || r == '?' || r == '…' || r == '؟' || r == '؛':
			end := skipClosers(text, skipTerminators(text, i+size))
			if endsSentence(text, start, i, end, r) {
				emit(end)
				i = end
				continue
			}
		case r == '\n' && breaksAtNewline(text, i+size):
			emit(i)
		}
		i += size
	}
	emit(len(text))
	return out
}

// isTerminator tells the characters a run of sentence ends is made of.
func isTerminator(r rune) bool {
	return strings.ContainsRune(".!?…؟؛。！？", r)
}

func skipTerminators(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminator(r) {
			break
		}
		i += size
	}
	return i
}

// skipClosers steps over closing quotes and brackets after a sentence end.
func skipClosers(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune(`"')]}»”’」』）`, r) {
			break
		}
		i += size
	}
	return i
}

// endsSentence decides for a terminator r at dot whose run ends at end.
func endsSentence(text string, start, dot, end int, r rune) bool {
	if end < len(text) {
		next, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(next) {
			return false
		}
	}
	if r != '.' && r != '…' {
		return true
	}
	if nextLetterIsLower(text, end) {
		return false
	}
	if r == '…' || end > dot+1 {
		return true // an ellipsis or a run such as "?." is not an abbreviation
	}
	word := wordBefore(text, start, dot)
	lower := strings.ToLower(word)
	switch {
	case isAbbreviation(lower):
		return false
	case isNumberAbbreviation(lower) && nextIsDigit(text, end):
		return false
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]):
		return false // an initial: "J. Smith"
	case isListNumber(text, start, dot, word):
		return false
	}
	return true
}

// wordBefore is the run of letters, digits and inner dots just before i.
func wordBefore(text string, start, i int) string {
	j := i
	for j > start {
		r, size := utf8.DecodeLastRuneInString(text[start:j])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != 'º' && r != 'ª' {
			break
		}
		j -= size
	}
	return strings.Trim(text[j:i], ".")
}

// isListNumber tells a number of one to three digits that starts its
// sentence or line: "1. Replace…".
func isListNumber(text string, start, dot int, word string) bool {
	if word == "" || len(word) > 3 || strings.IndexFunc(word, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
		return false
	}
	before := strings.TrimRight(text[start:dot-len(word)], " \t")
	return before == "" || strings.HasSuffix(before, "\n") || strings.TrimSpace(before) == ""
}

func nextIsDigit(text string, i int) bool {
	rest := strings.TrimLeft(text[i:], " \t")
	return rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

func nextLetterIsLower(text string, i int) bool {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if !unicode.IsSpace(r) && !strings.ContainsRune(`"'(«“‘`, r) {
			return false
		}
		i += size
	}
	return false
}

// breaksAtNewline tells a line break that ends a sentence: a blank line
// follows, or a list marker ("-", "*", "•", "1.", "2)") starts the next line.
func breaksAtNewline(text string, i int) bool {
	line := text[i:]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
		if strings.TrimSpace(line) == "" {
			return true
		}
	}
	line = strings.TrimLeft(line, " \t")
	for _, m := range []string{"- ", "* ", "• ", "– "} {
		if strings.HasPrefix(line, m) {
			return true
		}
	}
	n := 0
	for n < len(line) && n < 3 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	return n > 0 && n < len(line) && (line[n] == '.' || line[n] == ')')
}

// trimSpan trims white space off text[start:end]; false when nothing is
// left.
func trimSpan(text string, start, end int) (span, bool) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return span{start, end}, end > start
}
