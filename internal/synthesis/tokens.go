package synthesis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of a text: its byte offsets in the text, its
// normalised form (lowercase, NFC; for Arabic without short vowels and
// tatweel), and whether punctuation separates it from the token before
// (a phrase never spans such a break).
type token struct {
	start, end int
	norm       string
	han        bool // a piece of a run of Chinese characters
	broken     bool // punctuation (not only white space) comes before it
	concept    int  // in a Han run: the glossary concept matched, +1; 0 for none
}

// isWordRune tells the characters words are made of outside Chinese:
// letters, digits and combining marks (Arabic short vowels, Devanagari
// vowel signs), so hyphens and apostrophes separate words as spaces do
// ("capacity-building" and "capacity building" read the same).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isHan tells the characters of text written without spaces: Chinese
// (and Japanese kana, segmented the same way).
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// scanTokens cuts text[s.start:s.end] into words and runs of Han
// characters (one token per run, segmented later by segmentHan),
// appended to out.
func scanTokens(text string, s span, out []token) []token {
	broken := false
	for i := s.start; i < s.end; {
		r, size := utf8.DecodeRuneInString(text[i:s.end])
		switch {
		case isHan(r):
			j := i + size
			for j < s.end {
				r2, size2 := utf8.DecodeRuneInString(text[j:s.end])
				if !isHan(r2) {
					break
				}
				j += size2
			}
			out = append(out, token{start: i, end: j, norm: text[i:j], han: true, broken: broken})
			broken, i = false, j
		case isWordRune(r):
			j := i + size
			for j < s.end {
				r2, size2 := utf8.DecodeRuneInString(text[j:s.end])
				if !isWordRune(r2) || isHan(r2) {
					break
				}
				j += size2
			}
			out = append(out, token{start: i, end: j, norm: normalizeWord(text[i:j]), broken: broken})
			broken, i = false, j
		default:
			if !unicode.IsSpace(r) {
				broken = true
			}
			i += size
		}
	}
	return out
}

// normalizeWord lowercases w in NFC; Arabic loses its optional short
// vowels (harakat) and the tatweel, which writers add or leave out.
func normalizeWord(w string) string {
	if !norm.NFC.IsNormalString(w) {
		w = norm.NFC.String(w)
	}
	w = strings.ToLower(w)
	if strings.IndexFunc(w, isArabicOptional) >= 0 {
		w = strings.Map(func(r rune) rune {
			if isArabicOptional(r) {
				return -1
			}
			return r
		}, w)
	}
	return w
}

// isArabicOptional tells the harakat (U+064B–U+0652), the superscript
// alef and the tatweel.
func isArabicOptional(r rune) bool {
	return (r >= 0x064B && r <= 0x0652) || r == 0x0670 || r == 0x0640
}

// isNumber tells a token made only of digits.
func isNumber(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// hanDict segments runs of Chinese characters: glossary terms first
// (matched anywhere), then forward maximum matching against the word
// list, then overlapping character bigrams for what the word list does not
// cover.
type hanDict struct {
	words   map[string]bool
	terms   map[string]int // glossary term → concept index + 1
	maxRune int            // the longest word or term, in characters
}

// maxHanWord bounds the dictionary's longest word: longer entries are
// idioms and names a forward match would rarely reach, and the bound keeps
// the match linear in the text.
const maxHanWord = 8

func newHanDict(words []string, terms map[string]int) *hanDict {
	d := &hanDict{words: make(map[string]bool, len(words)), terms: terms}
	for _, w := range words {
		if n := utf8.RuneCountInString(w); n <= maxHanWord {
			d.words[w] = true
			d.maxRune = max(d.maxRune, n)
		}
	}
	for t := range terms {
		d.maxRune = max(d.maxRune, min(utf8.RuneCountInString(t), maxHanWord))
	}
	return d
}

// segment cuts one Han run token into tokens.
func (d *hanDict) segment(run token) []token {
	text := run.norm
	bounds := runeBounds(text)
	n := len(bounds) - 1
	var out []token
	add := func(a, b, concept int) {
		out = append(out, token{start: run.start + bounds[a], end: run.start + bounds[b],
			norm: text[bounds[a]:bounds[b]], han: true, broken: run.broken && len(out) == 0, concept: concept})
	}
	covered := d.coverTerms(text, bounds)
	gap := -1 // start of a run the word list does not cover
	flush := func(end int) {
		if gap < 0 {
			return
		}
		if end-gap == 1 {
			add(gap, end, 0)
		}
		for j := gap; j+1 < end; j++ {
			add(j, j+2, 0)
		}
		gap = -1
	}
	for i := 0; i < n; {
		if covered[i] > 0 {
			flush(i)
			l := 1
			for i+l < n && covered[i+l] == -1 {
				l++
			}
			add(i, i+l, covered[i])
			i += l
			continue
		}
		l, _ := d.longest(text, bounds, i, false)
		for j := 1; j < l; j++ {
			if covered[i+j] != 0 {
				l = j // a word never runs into a glossary term
				break
			}
		}
		if l > 0 && d.words[text[bounds[i]:bounds[i+l]]] {
			flush(i)
			add(i, i+l, 0)
			i += l
			continue
		}
		if gap < 0 {
			gap = i
		}
		i++
	}
	flush(n)
	return out
}

// coverTerms finds the glossary terms of a run, longest at each position,
// left to right: for each rune, the term's set index + 1 at its first rune,
// -1 inside a term, 0 elsewhere.
func (d *hanDict) coverTerms(text string, bounds []int) []int {
	n := len(bounds) - 1
	covered := make([]int, n)
	for i := 0; i < n; {
		l, c := d.longest(text, bounds, i, true)
		if l == 0 {
			i++
			continue
		}
		covered[i] = c
		for j := i + 1; j < i+l; j++ {
			covered[j] = -1
		}
		i += l
	}
	return covered
}

// longest is the length in runes of the longest term (or word) starting
// at rune i, and the term's concept+1; 0 when none.
func (d *hanDict) longest(text string, bounds []int, i int, terms bool) (int, int) {
	n := len(bounds) - 1
	for l := min(d.maxRune, n-i); l >= 1; l-- {
		w := text[bounds[i]:bounds[i+l]]
		if terms {
			if c, ok := d.terms[w]; ok {
				return l, c
			}
		} else if d.words[w] {
			return l, 0
		}
	}
	return 0, 0
}

// runeBounds are the byte offsets of each rune of s, and len(s).
func runeBounds(s string) []int {
	out := make([]int, 0, len(s)/3+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}
