package synthesis

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"
)

// unitRec is one unit of the corpus: its doc, its byte offsets in the
// doc's text, its index within its source's text on the question, and its
// framing (index of framingName, -1 for none).
type unitRec struct {
	doc        int32
	start, end int32
	seq        int32
	framing    int8
}

// corpus holds every unit with its raw counts as a sparse matrix (CSR:
// unit u's features are feat[ptr[u]:ptr[u+1]], ascending, with val their
// counts, later their TF-IDF weights), the glossary concepts each unit
// matched, and the questions as ranges of docs and units (docs are
// sorted by question, so each question's units are contiguous).
type corpus struct {
	docs      []Doc
	units     []unitRec
	ptr       []int
	feat      []int32
	val       []float32
	cptr      []int
	cset      []int32 // concept indices, ascending, distinct per unit
	vocab     []string
	isConcept []bool
	questions []questionRange
	// sourceOf is, for each doc, the index of the first doc of the same
	// source (a source answers several questions).
	sourceOf []int32
}

type questionRange struct {
	id             int64
	docLo, docHi   int
	unitLo, unitHi int
}

// sortDocs orders the docs by question, source, language and text, so
// that the result does not depend on the order they were given in.
func sortDocs(docs []Doc) {
	slices.SortStableFunc(docs, func(a, b Doc) int {
		return cmp.Or(cmp.Compare(a.QuestionID, b.QuestionID), cmp.Compare(a.SourceKind, b.SourceKind),
			cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.Lang, b.Lang), cmp.Compare(a.Text, b.Text),
			cmp.Compare(a.Group, b.Group), cmp.Compare(a.Region, b.Region), cmp.Compare(a.Country, b.Country))
	})
}

// analyseChunk is how many docs are analysed between two merges into the
// corpus: enough to keep the workers busy, few enough that the per-doc
// features in flight stay small next to the corpus.
const analyseChunk = 2048

// buildCorpus analyses the (sorted) docs on all cores and interns their
// features in doc order, so feature ids do not depend on scheduling.
func buildCorpus(ctx context.Context, m *model, docs []Doc) (*corpus, error) {
	c := &corpus{docs: docs, ptr: []int{0}, cptr: []int{0}}
	ids := map[string]int32{}
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	analysers := make([]*analyser, workers)
	for i := range analysers {
		analysers[i] = newAnalyser(m)
	}
	for lo := 0; lo < len(docs); lo += analyseChunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hi := min(lo+analyseChunk, len(docs))
		out := make([][]unitFeatures, hi-lo)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo + w; i < hi; i += workers {
					out[i-lo] = analysers[w].docUnits(docs[i].Text, docs[i].Lang)
				}
			}()
		}
		wg.Wait()
		for i, units := range out {
			c.addDoc(m, ids, lo+i, units)
		}
	}
	c.splitQuestions()
	c.findSources()
	return c, nil
}

// addDoc interns one doc's units. A glossary match gives the feature of
// each concept its term serves and of each of their parents (the Action
// Lines and SDGs a topic belongs to): sentences on data protection and on
// online fraud are both about C5, in every language.
func (c *corpus) addDoc(m *model, ids map[string]int32, di int, units []unitFeatures) {
	seq := int32(0)
	if n := len(c.units); n > 0 {
		prev := c.docs[c.units[n-1].doc]
		if d := c.docs[di]; prev.QuestionID == d.QuestionID && prev.Ref() == d.Ref() {
			seq = c.units[n-1].seq + 1 // the same source's second text on the question
		}
	}
	intern := func(s string, concept bool) int32 {
		id, ok := ids[s]
		if !ok {
			id = int32(len(c.vocab))
			ids[s] = id
			c.vocab = append(c.vocab, s)
			c.isConcept = append(c.isConcept, concept)
		}
		return id
	}
	var row []int32
	for _, u := range units {
		row = row[:0]
		for _, t := range u.terms {
			row = append(row, intern(t, false))
		}
		var concepts []int32
		for _, si := range u.sets {
			for _, ci := range m.sets[si] {
				row = append(row, intern(conceptPrefix+m.concepts[ci].ID, true))
				for _, p := range m.concepts[ci].Parents {
					row = append(row, intern(conceptPrefix+p, true))
				}
				concepts = append(concepts, int32(ci))
			}
		}
		c.appendRow(row)
		slices.Sort(concepts)
		c.cset = append(c.cset, slices.Compact(concepts)...)
		c.cptr = append(c.cptr, len(c.cset))
		c.units = append(c.units, unitRec{doc: int32(di), start: int32(u.span.start), end: int32(u.span.end),
			seq: seq, framing: int8(classifyFraming(u.framing))})
		seq++
	}
}

// appendRow adds one unit's feature ids as sorted (id, count) pairs.
func (c *corpus) appendRow(row []int32) {
	slices.Sort(row)
	for i := 0; i < len(row); {
		j := i
		for j < len(row) && row[j] == row[i] {
			j++
		}
		c.feat = append(c.feat, row[i])
		c.val = append(c.val, float32(j-i))
		i = j
	}
	c.ptr = append(c.ptr, len(c.feat))
}

func (c *corpus) findSources() {
	first := map[SourceRef]int32{}
	c.sourceOf = make([]int32, len(c.docs))
	for i, d := range c.docs {
		f, ok := first[d.Ref()]
		if !ok {
			f = int32(i)
			first[d.Ref()] = f
		}
		c.sourceOf[i] = f
	}
}

// splitQuestions finds each question's range of docs and units.
func (c *corpus) splitQuestions() {
	u := 0
	for d := 0; d < len(c.docs); {
		q := questionRange{id: c.docs[d].QuestionID, docLo: d, unitLo: u}
		for d < len(c.docs) && c.docs[d].QuestionID == q.id {
			d++
		}
		for u < len(c.units) && int(c.units[u].doc) < d {
			u++
		}
		q.docHi, q.unitHi = d, u
		c.questions = append(c.questions, q)
	}
}

// row is unit u's features and weights.
func (c *corpus) row(u int) ([]int32, []float32) {
	return c.feat[c.ptr[u]:c.ptr[u+1]], c.val[c.ptr[u]:c.ptr[u+1]]
}

// unitText is unit u's verbatim text.
func (c *corpus) unitText(u int) string {
	r := c.units[u]
	return c.docs[r.doc].Text[r.start:r.end]
}

func (c *corpus) concepts(u int) []int32 { return c.cset[c.cptr[u]:c.cptr[u+1]] }
