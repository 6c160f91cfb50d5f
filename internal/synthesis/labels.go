package synthesis

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// labelSample is the most members per theme whose phrases are counted,
	// the closest to the centroid first: phrase frequencies settle well
	// before, and the bound keeps labelling independent of the data size.
	labelSample = 300
	// maxPhraseWords is the longest key phrase: longer n-grams repeat too
	// rarely to characterise a theme.
	maxPhraseWords = 3
	// maxKeyPhrases is how many key phrases a theme lists.
	maxKeyPhrases = 8
	// phraseBonus is the weight of each word beyond the first: a phrase of
	// n words found as often as a single word is more readable and more
	// specific, so it counts 1 + phraseBonus·(n − 1) times; a quarter, so
	// that a phrase repeated in only two members does not beat a word
	// found in many.
	phraseBonus = 0.25
	// glossaryBonus multiplies the score of a phrase that is a term of the
	// multilingual glossary ("meaningful connectivity", "Internet
	// Governance Forum"): it is the review's own vocabulary for a topic,
	// the name a secretariat would give the theme, where another phrase as
	// frequent may be a fragment of one sentence.
	glossaryBonus = 2.0
)

type labelOut struct {
	label   string
	phrases []string
}

// phraseCounts are one theme's n-grams: the member units (of the label
// language) holding each, by stemmed key, and the surface forms seen.
type phraseCounts struct {
	units    int
	tf       map[string]int
	surfaces map[string]map[string]int
	words    map[string]int
	glossary map[string]bool // phrases that are glossary terms
}

// labels gives each draft its key phrases by class-based TF-IDF over the
// surface n-grams of its members: the share of the theme's units holding
// the phrase times ln(1 + A/f), f the units of all themes holding it and A
// the mean units per theme (as BERTopic's c-TF-IDF). Members are those
// written in Options.Lang when the theme has some, else in its most
// common language.
func (e *engine) labels(d *qdata, drafts []draft, cs *centroids) []labelOut {
	counts := make([]phraseCounts, len(drafts))
	total := map[string]int{}
	meanUnits := 0.0
	for j, dr := range drafts {
		counts[j] = e.countPhrases(d, dr.rows, cs.c[j])
		for k, n := range counts[j].tf {
			total[k] += n
		}
		meanUnits += float64(counts[j].units) / float64(len(drafts))
	}
	out := make([]labelOut, len(drafts))
	for j := range drafts {
		out[j] = pickPhrases(counts[j], total, meanUnits)
	}
	return out
}

// countPhrases counts the n-grams of up to labelSample members in the
// label language, closest to the centroid first.
func (e *engine) countPhrases(d *qdata, rows []int, centroid []float64) phraseCounts {
	lang := e.labelLang(d, rows)
	var members []int
	cos := map[int]float64{}
	for _, r := range rows {
		if e.c.docs[e.c.units[d.units[r]].doc].Lang == lang {
			members = append(members, r)
			cos[r] = cosineTo(d.x, r, centroid)
		}
	}
	slices.SortStableFunc(members, func(a, b int) int { return cmp.Compare(cos[b], cos[a]) })
	members = members[:min(len(members), labelSample)]
	pc := phraseCounts{units: len(members), tf: map[string]int{}, surfaces: map[string]map[string]int{}, words: map[string]int{},
		glossary: map[string]bool{}}
	if e.labeler == nil {
		e.labeler = newAnalyser(e.m)
	}
	lm := e.m.lang(lang)
	for _, r := range members {
		u := e.c.units[d.units[r]]
		text := e.c.docs[u.doc].Text
		toks := e.labeler.tokens(text, span{int(u.start), int(u.end)})
		cue := cueTokens(toks, lm)
		seen := map[string]bool{}
		for i := range toks {
			for n := 1; n <= maxPhraseWords && i+n <= len(toks); n++ {
				if n > 1 && toks[i+n-1].broken {
					break
				}
				if cue[i+n-1] {
					break // every longer phrase holds this cue too
				}
				if !keepWord(toks[i], lm) || !keepWord(toks[i+n-1], lm) {
					continue
				}
				key := e.phraseKey(toks[i:i+n], lm)
				if l, _ := lm.terms.longest(toks, i); l == n && !toks[i].han {
					pc.glossary[key] = true
				}
				if seen[key] {
					continue
				}
				seen[key] = true
				pc.tf[key]++
				pc.words[key] = n
				if pc.surfaces[key] == nil {
					pc.surfaces[key] = map[string]int{}
				}
				pc.surfaces[key][text[toks[i].start:toks[i+n-1].end]]++
			}
		}
	}
	return pc
}

// cueTokens marks the tokens of the framing cues ("should", "has
// improved", "lack of"): no key phrase holds one, because a cue says how
// something is said — a success, a failure, an expectation, which the
// theme's framing reports — not what it is about, and a label must name
// what it is about ("IGF should receive" is a demand about the IGF).
func cueTokens(toks []token, lm *langModel) []bool {
	out := make([]bool, len(toks))
	for i := 0; i < len(toks); {
		if l, _ := lm.cues.longest(toks, i); l > 0 {
			for j := i; j < i+l; j++ {
				out[j] = true
			}
			i += l
			continue
		}
		i++
	}
	return out
}

// phraseKey joins the stems of a phrase's words.
func (e *engine) phraseKey(toks []token, lm *langModel) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = e.labeler.stem(t.norm, lm)
	}
	return strings.Join(parts, " ")
}

// labelLang is Options.Lang when some member is written in it, else the
// members' most common language (the first in alphabetical order on a
// tie).
func (e *engine) labelLang(d *qdata, rows []int) string {
	n := map[string]int{}
	for _, r := range rows {
		n[e.c.docs[e.c.units[d.units[r]].doc].Lang]++
	}
	if n[e.opt.Lang] > 0 {
		return e.opt.Lang
	}
	best := ""
	for l, c := range n {
		if best == "" || c > n[best] || (c == n[best] && l < best) {
			best = l
		}
	}
	return best
}

// pickPhrases ranks a theme's phrases and keeps the best that do not
// overlap one already kept (overlaps). A phrase must occur
// in two member units when the theme has two. The label is the best
// phrase, followed after a comma by the next one that shares no word
// with it and scores at least half as much (a second phrase adds
// information only when it is nearly as characteristic).
func pickPhrases(pc phraseCounts, total map[string]int, meanUnits float64) labelOut {
	support := min(2, pc.units)
	type scored struct {
		key   string
		score float64
	}
	var cands []scored
	for k, tf := range pc.tf {
		if tf < support {
			continue
		}
		s := float64(tf) / float64(pc.units) * math.Log(1+meanUnits/float64(total[k]))
		s *= 1 + phraseBonus*float64(pc.words[k]-1)
		if pc.glossary[k] {
			s *= glossaryBonus
		}
		cands = append(cands, scored{k, s})
	}
	slices.SortFunc(cands, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.key, b.key)) })
	// A glossary term found in at least half of the members leads: the
	// theme is about it, whatever its other phrases (which may be shared by
	// fewer members but by no other theme) add. Of several, the one of most
	// words — the most specific term of the review's vocabulary
	// ("meaningful connectivity" before "affordable") — then the best
	// scored.
	i := -1
	for j, c := range cands {
		if pc.glossary[c.key] && 2*pc.tf[c.key] >= pc.units && (i < 0 || pc.words[c.key] > pc.words[cands[i].key]) {
			i = j
		}
	}
	if i > 0 {
		lead := cands[i]
		lead.score = max(lead.score, cands[0].score)
		cands = append([]scored{lead}, slices.Delete(cands, i, i+1)...)
	}
	var keys []string
	var scores []float64
	out := labelOut{phrases: []string{}}
	for _, c := range cands {
		if len(keys) == maxKeyPhrases {
			break
		}
		if slices.ContainsFunc(keys, func(k string) bool { return overlaps(k, c.key) }) {
			continue
		}
		keys, scores = append(keys, c.key), append(scores, c.score)
		out.phrases = append(out.phrases, commonest(pc.surfaces[c.key]))
	}
	if len(keys) == 0 {
		return out
	}
	out.label = capitalise(out.phrases[0])
	for i := 1; i < len(keys); i++ {
		if scores[i]*2 < scores[0] {
			break
		}
		if !sharesWord(keys[0], keys[i]) {
			out.label += ", " + out.phrases[i]
			break
		}
	}
	return out
}

// sharesWord tells two phrase keys with a stem in common.
func sharesWord(a, b string) bool {
	words := strings.Fields(a)
	return slices.ContainsFunc(strings.Fields(b), func(w string) bool { return slices.Contains(words, w) })
}

// overlaps tells two phrase keys that are pieces of one phrase: one holds
// the other's words in a row, or one ends with the words the other starts
// with ("governance of artificial" and "artificial intelligence").
func overlaps(a, b string) bool {
	if strings.Contains(" "+a+" ", " "+b+" ") || strings.Contains(" "+b+" ", " "+a+" ") {
		return true
	}
	return chains(strings.Fields(a), strings.Fields(b)) || chains(strings.Fields(b), strings.Fields(a))
}

// chains tells words a whose last n words are b's first n, for some n.
func chains(a, b []string) bool {
	for n := 1; n <= min(len(a), len(b)); n++ {
		if slices.Equal(a[len(a)-n:], b[:n]) {
			return true
		}
	}
	return false
}

// commonest is the most frequent surface form (the first in order on a
// tie).
// commonest is the phrase's most frequent surface form, lowercase except
// for the words most of its occurrences write in capitals (IGF, AI, WSIS):
// an acronym keeps its capitals, a word capitalised only at the start of
// a sentence loses them.
func commonest(forms map[string]int) string {
	lower := map[string]int{}
	for f, n := range forms {
		lower[strings.ToLower(f)] += n
	}
	best := ""
	for f, n := range lower {
		if best == "" || n > lower[best] || (n == lower[best] && f < best) {
			best = f
		}
	}
	words := strings.Fields(best)
	caps := make([]int, len(words))
	for f, n := range forms {
		if strings.ToLower(f) != best {
			continue
		}
		for i, w := range strings.Fields(f) {
			if i < len(caps) && isAcronym(w) {
				caps[i] += n
			}
		}
	}
	changed := false
	for i := range words {
		if 2*caps[i] > lower[best] {
			words[i], changed = strings.ToUpper(words[i]), true
		}
	}
	if !changed {
		return best
	}
	return strings.Join(words, " ")
}

// isAcronym tells a word of two letters or more, all capitals.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
