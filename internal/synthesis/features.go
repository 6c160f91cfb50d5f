package synthesis

import (
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
)

// minContentTokens is the fewest content tokens (stems and glossary
// concepts, stop words left out) a unit needs to stand alone: shorter
// sentences ("I agree.", "Thank you.") say nothing a theme could be made
// of, so they join the next sentence of the same text (the last one joins
// the one before); a text that has fewer in all gives one unit that is
// not clustered.
const minContentTokens = 3

// conceptPrefix names the language-independent feature of a glossary
// concept.
const conceptPrefix = "concept:"

// unitFeatures is what one unit says: its stems, the glossary term
// matches (indices in model.sets) and its framing cue counts.
type unitFeatures struct {
	span    span
	terms   []string
	sets    []int
	framing [3]int
}

func (u *unitFeatures) content() int { return len(u.terms) + len(u.sets) }

// analyser turns texts into features. It caches stems, so each worker has
// its own.
type analyser struct {
	m     *model
	env   *snowballstem.Env
	stems map[string]map[string]string // by language: word → stem
	buf   []token                      // reused by tokens
}

func newAnalyser(m *model) *analyser {
	return &analyser{m: m, env: snowballstem.NewEnv(""), stems: map[string]map[string]string{}}
}

// docUnits splits text into units and analyses them, joining short
// sentences to their neighbour (minContentTokens).
func (a *analyser) docUnits(text, lang string) []unitFeatures {
	lm := a.m.lang(lang)
	var out []unitFeatures
	var pending *unitFeatures
	for _, s := range splitSentences(text) {
		u := a.analyse(text, s, lm)
		if pending != nil {
			pending.join(u)
		} else {
			pending = &u
		}
		if pending.content() >= minContentTokens {
			out = append(out, *pending)
			pending = nil
		}
	}
	if pending != nil {
		if len(out) > 0 {
			out[len(out)-1].join(*pending)
		} else {
			out = append(out, *pending)
		}
	}
	return out
}

// join extends u with the unit v that follows it in the same text.
func (u *unitFeatures) join(v unitFeatures) {
	u.span.end = v.span.end
	u.terms = append(u.terms, v.terms...)
	u.sets = append(u.sets, v.sets...)
	for i := range u.framing {
		u.framing[i] += v.framing[i]
	}
}

// analyse reads one sentence: tokens, glossary matches (longest first,
// left to right; a match replaces its words), then stems of the other
// words that are neither stop words, single letters nor numbers.
func (a *analyser) analyse(text string, s span, lm *langModel) unitFeatures {
	u := unitFeatures{span: s}
	toks := a.tokens(text, s)
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.han && t.concept > 0 {
			u.sets = append(u.sets, t.concept-1)
			i++
			continue
		}
		if !t.han {
			if l, v := lm.terms.longest(toks, i); l > 0 {
				u.sets = append(u.sets, v-1)
				i += l
				continue
			}
		}
		if keepWord(t, lm) {
			u.terms = append(u.terms, a.stem(t.norm, lm))
		}
		i++
	}
	u.framing = countCues(text, s, toks, lm)
	return u
}

// keepWord tells a content word: not a stop word, not a single letter
// outside Chinese (a stray initial or an "s" split off by an apostrophe),
// not a number (years, list items and amounts rarely name a topic).
func keepWord(t token, lm *langModel) bool {
	if lm.stop[t.norm] || isNumber(t.norm) {
		return false
	}
	return t.han || utf8.RuneCountInString(t.norm) > 1
}

// tokens scans s and segments its Han runs. The tokens live in the
// analyser's buffer until the next call.
func (a *analyser) tokens(text string, s span) []token {
	toks := scanTokens(text, s, a.buf[:0])
	a.buf = toks
	hasHan := false
	for _, t := range toks {
		hasHan = hasHan || t.han
	}
	if !hasHan {
		return toks
	}
	out := make([]token, 0, len(toks)*2)
	for _, t := range toks {
		if t.han {
			out = append(out, a.m.han.segment(t)...)
		} else {
			out = append(out, t)
		}
	}
	return out
}

func (a *analyser) stem(w string, lm *langModel) string {
	if lm.stem == nil {
		return w
	}
	cache := a.stems[lm.lang]
	if cache == nil {
		cache = map[string]string{}
		a.stems[lm.lang] = cache
	}
	if s, ok := cache[w]; ok {
		return s
	}
	a.env.SetCurrent(w)
	lm.stem(a.env)
	s := a.env.Current()
	cache[w] = s
	return s
}
