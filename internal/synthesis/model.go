package synthesis

import (
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"

	"github.com/consulta/consulta/internal/synthesis/lexicon"
)

// framingName is the framing of index i in the per-unit cue counts.
func framingName(i int) string {
	return [3]string{FramingSuccess, FramingFailure, FramingExpectation}[i]
}

// model is the language data of one computation, read from the lexicon:
// per language its stop words, stemmer, glossary terms and cue phrases,
// and the Chinese segmentation dictionary.
type model struct {
	concepts []lexicon.Concept
	// sets are the concept indices a term serves (a term may serve two).
	sets  [][]int
	byID  map[string]int // concept id → index in concepts
	langs map[string]*langModel
	plain *langModel // a language the data does not know: no stop words, stemmer or glossary
	han   *hanDict
}

type langModel struct {
	lang  string
	stop  map[string]bool
	stem  func(*snowballstem.Env) bool // nil: no stemmer (Chinese)
	terms *trieNode                    // token sequences → index in model.sets + 1
	cues  *trieNode                    // token sequences → framing index + 1
	// hanCues are the cue phrases written in Chinese characters, matched
	// as substrings of the unit (Chinese has no word boundaries).
	hanCues [3][]string
}

// stemmers are the Snowball stemmers by language; Chinese has none (its
// words do not inflect).
func stemmerFor(lang string) func(*snowballstem.Env) bool {
	switch lang {
	case "en":
		return english.Stem
	case "es":
		return spanish.Stem
	case "fr":
		return french.Stem
	case "pt":
		return portuguese.Stem
	case "ru":
		return russian.Stem
	case "ar":
		return arabic.Stem
	}
	return nil
}

// trieNode is a trie over normalised tokens.
type trieNode struct {
	next  map[string]*trieNode
	value int // 0: no phrase ends here
}

func (t *trieNode) insert(words []string, value int) {
	n := t
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c, ok := n.next[w]
		if !ok {
			c = &trieNode{}
			n.next[w] = c
		}
		n = c
	}
	if n.value == 0 {
		n.value = value // the first listing wins: the data's order decides
	}
}

// longest is the length of the longest phrase starting at toks[i] and its
// value; 0, 0 when none. A phrase does not run over punctuation.
func (t *trieNode) longest(toks []token, i int) (int, int) {
	n, bestLen, best := t, 0, 0
	for j := i; j < len(toks) && n != nil; j++ {
		if j > i && toks[j].broken {
			break
		}
		n = n.next[toks[j].norm]
		if n != nil && n.value != 0 {
			bestLen, best = j-i+1, n.value
		}
	}
	return bestLen, best
}

func newModel() *model {
	m := &model{concepts: lexicon.Concepts(), langs: map[string]*langModel{}, plain: &langModel{terms: &trieNode{}, cues: &trieNode{}}}
	m.byID = make(map[string]int, len(m.concepts))
	for i, c := range m.concepts {
		m.byID[c.ID] = i
	}
	setIndex := map[string]int{} // "lang\x00term" → index in m.sets
	hanTerms := map[string]int{}
	for _, lang := range lexicon.Languages() {
		lm := &langModel{lang: lang, stop: stopWords(lang), stem: stemmerFor(lang), terms: &trieNode{}, cues: &trieNode{}}
		m.langs[lang] = lm
		for ci, c := range m.concepts {
			for _, term := range c.Terms[lang] {
				key := lang + "\x00" + term
				si, ok := setIndex[key]
				if !ok {
					si = len(m.sets)
					setIndex[key] = si
					m.sets = append(m.sets, nil)
					m.addTerm(lm, term, si, hanTerms)
				}
				m.sets[si] = append(m.sets[si], ci)
			}
		}
		cues := lexicon.Cues(lang)
		for fi := range 3 {
			name := framingName(fi)
			for _, cue := range cues[name] {
				if words := phraseWords(cue); len(words) > 0 && !words[0].han {
					lm.cues.insert(norms(words), fi+1)
				} else if len(words) > 0 {
					lm.hanCues[fi] = append(lm.hanCues[fi], strings.ToLower(cue))
				}
			}
		}
	}
	m.han = newHanDict(lexicon.Words("zh"), hanTerms)
	return m
}

// addTerm files one glossary term: a term written in Chinese characters
// goes to the segmenter, which finds it anywhere in a run; the others to
// the language's trie, matched on word boundaries.
func (m *model) addTerm(lm *langModel, term string, si int, hanTerms map[string]int) {
	words := phraseWords(term)
	if len(words) == 1 && words[0].han {
		if _, ok := hanTerms[words[0].norm]; !ok {
			hanTerms[words[0].norm] = si + 1
		}
		return
	}
	if len(words) > 0 {
		lm.terms.insert(norms(words), si+1)
	}
}

// phraseWords tokenises a glossary term or cue phrase as texts are.
func phraseWords(phrase string) []token {
	return scanTokens(phrase, span{0, len(phrase)}, nil)
}

func norms(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.norm
	}
	return out
}

func (m *model) lang(lang string) *langModel {
	if lm, ok := m.langs[lang]; ok {
		return lm
	}
	return m.plain
}

// stopWords are the lexicon's stop words of lang, cut into tokens as texts
// are: "don't" gives "don" and "t", as "don't" in a text does.
func stopWords(lang string) map[string]bool {
	out := map[string]bool{}
	for w := range lexicon.StopWords(lang) {
		for _, t := range phraseWords(w) {
			out[t.norm] = true
		}
	}
	return out
}
