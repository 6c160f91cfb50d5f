package synthesis

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// npmiTerms is how many of a theme's heaviest terms its coherence is
// measured on: ten, as topic-model evaluations usually do.
const npmiTerms = 10

const kRule = "best mean silhouette (cosine distance) of spherical k-means (best of 8 k-means++ seedings, each refined by single moves) on a deterministic sample of at most 1,000 units, over k = 2…min(12, √(units/2)), among the k whose largest theme holds at most half the sample (else the best of all); one theme for fewer than 6 units, none for fewer than 3"

// methodStats gathers what the method annex reports as the questions are
// computed.
type methodStats struct {
	ks              []string // "question:themes" for each question
	chosen          []string // "question:k:silhouette" for each question clustered
	maxK            int
	coherence       []float64 // NPMI of each theme
	terms           map[int32]bool
	curationSkipped int
}

// merge adds the figures of the next question.
func (s *methodStats) merge(o methodStats) {
	s.ks = append(s.ks, o.ks...)
	s.chosen = append(s.chosen, o.chosen...)
	s.maxK = max(s.maxK, o.maxK)
	s.coherence = append(s.coherence, o.coherence...)
	if s.terms == nil {
		s.terms = map[int32]bool{}
	}
	for f := range o.terms {
		s.terms[f] = true
	}
	s.curationSkipped += o.curationSkipped
}

func (s *methodStats) addChoice(q int64, c kChoice) {
	s.maxK = max(s.maxK, c.k)
	if c.centroids != nil {
		s.chosen = append(s.chosen, fmt.Sprintf("%d:%d:%.3f", q, c.k, c.silhouette))
	}
}

// addQuestion records a question's k and vocabulary.
func (s *methodStats) addQuestion(e *engine, d *qdata, qt QuestionThemes) {
	s.ks = append(s.ks, fmt.Sprintf("%d:%d", qt.QuestionID, len(qt.Themes)))
	if s.terms == nil {
		s.terms = map[int32]bool{}
	}
	for _, f := range d.feats {
		s.terms[f] = true
	}
}

// themeNPMI is each theme's coherence: the mean normalised pointwise
// mutual information ln(p(a,b)/(p(a)p(b))) / −ln p(a,b) over the pairs of
// its npmiTerms heaviest terms, the probabilities taken over the
// question's units (−1 for a pair never seen together).
func themeNPMI(x *matrix, groups [][]int, cs *centroids, name func(int) string) []float64 {
	tops := make([][]int, len(groups))
	for j := range groups {
		tops[j] = topFeatures(cs.c[j], npmiTerms, name)
	}
	single, pair := cooccurrences(x, tops)
	n := float64(x.rows())
	out := make([]float64, 0, len(groups))
	for j := range groups {
		sum, pairs := 0.0, 0
		for a := range tops[j] {
			for b := a + 1; b < len(tops[j]); b++ {
				sum += npmi(float64(single[j][a])/n, float64(single[j][b])/n, float64(pair[j][a*npmiTerms+b])/n)
				pairs++
			}
		}
		if pairs > 0 {
			out = append(out, sum/float64(pairs))
		}
	}
	return out
}

// cooccurrences counts, for each theme's top terms, the rows holding each
// term and each pair (a < b at a·npmiTerms + b), in one pass over the rows.
func cooccurrences(x *matrix, tops [][]int) (single, pair [][]int) {
	type slot struct{ theme, term int }
	slots := map[int32][]slot{}
	for j, top := range tops {
		for t, f := range top {
			slots[int32(f)] = append(slots[int32(f)], slot{j, t})
		}
	}
	single, pair = make([][]int, len(tops)), make([][]int, len(tops))
	present := make([][]int, len(tops))
	for j := range tops {
		single[j], pair[j] = make([]int, npmiTerms), make([]int, npmiTerms*npmiTerms)
	}
	for r := range x.rows() {
		for j := range present {
			present[j] = present[j][:0]
		}
		idx, _ := x.row(r)
		for _, f := range idx {
			for _, s := range slots[f] {
				present[s.theme] = append(present[s.theme], s.term)
			}
		}
		for j, terms := range present {
			for a, ta := range terms {
				single[j][ta]++
				for _, tb := range terms[a+1:] {
					pair[j][min(ta, tb)*npmiTerms+max(ta, tb)]++
				}
			}
		}
	}
	return single, pair
}

func npmi(pa, pb, pab float64) float64 {
	switch {
	case pab == 0:
		return -1
	case pab == 1:
		return 1
	}
	return math.Log(pab/(pa*pb)) / -math.Log(pab)
}

// method fills the annex.
func (e *engine) method(res *Result) Method {
	m := Method{Algorithm: "tfidf-spherical-kmeans", Unit: "sentence", KRule: kRule, MaxK: e.stats.maxK,
		ZThreshold: zThreshold, SpreadRule: spreadRule, Glossary: len(e.m.concepts),
		Documents: len(e.c.docs), Units: len(e.c.units), Terms: len(e.stats.terms), CurationSkipped: e.stats.curationSkipped}
	m.Parameters = map[string]string{
		"min_content_tokens": strconv.Itoa(minContentTokens),
		"tf":                 "1 + ln(tf)",
		"idf":                "ln((1 + N) / (1 + df)) + 1 over the question's units",
		"min_doc_freq":       strconv.Itoa(minDocFreq),
		"concept_weight":     fmtFloat(conceptWeight),
		"max_iterations":     strconv.Itoa(maxIterations),
		"restarts":           strconv.Itoa(restarts),
		"refine_passes":      strconv.Itoa(refinePasses),
		"sample_size":        strconv.Itoa(sampleSize),
		"max_themes":         strconv.Itoa(maxThemes),
		"seed":               strconv.Itoa(seed),
		"min_theme_units":    strconv.Itoa(minThemeUnits),
		"min_theme_sources":  strconv.Itoa(minThemeSources),
		"min_member_cosine":  fmtFloat(minMemberCosine),
		"label_sample":       strconv.Itoa(labelSample),
		"min_tag_share":      fmtFloat(minTagShare),
		"min_edit_jaccard":   fmtFloat(minEditJaccard),
		"z_test":             "two-proportion, shares (n + 1)/(N + 2)",
		"stemmers":           "Snowball (ar en es fr pt ru); zh: dictionary segmentation, bigrams elsewhere",
		"themes_by_question": strings.Join(e.stats.ks, " "),
		"k_silhouette":       strings.Join(e.stats.chosen, " "),
	}
	if len(e.stats.coherence) > 0 {
		sum := 0.0
		for _, c := range e.stats.coherence {
			sum += c
		}
		m.NPMI = sum / float64(len(e.stats.coherence))
	}
	e.shareFigures(res, &m)
	return m
}

// shareFigures counts the sources, the share of quotable ones quoted and
// the share with a unit in a theme.
func (e *engine) shareFigures(res *Result, m *Method) {
	sources, quotable := map[SourceRef]bool{}, map[SourceRef]bool{}
	for _, d := range e.c.docs {
		sources[d.Ref()] = true
		if d.Quotable {
			quotable[d.Ref()] = true
		}
	}
	cited, themed := map[SourceRef]bool{}, map[SourceRef]bool{}
	for _, q := range res.Questions {
		m.Themes += len(q.Themes)
		for _, t := range q.Themes {
			for _, quotes := range [][]Quote{t.Quotes, t.Framing.Successes.Quotes, t.Framing.Failures.Quotes, t.Framing.Expectations.Quotes} {
				for _, qu := range quotes {
					cited[qu.Ref()] = true
				}
			}
			for _, mb := range t.Members {
				themed[SourceRef{mb.SourceKind, mb.SourceID}] = true
			}
		}
	}
	m.Sources = len(sources)
	if len(quotable) > 0 {
		m.ShareCited = float64(len(cited)) / float64(len(quotable))
	}
	if len(sources) > 0 {
		m.ShareInTheme = float64(len(themed)) / float64(len(sources))
	}
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
