package synthesis

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/consulta/consulta/internal/errs"
)

// engine is one computation: the language data, the corpus and the
// caller's options.
type engine struct {
	m   *model
	c   *corpus
	opt Options
	// unquoted are the quotes the secretariat removed, by source and text.
	unquoted map[quoteKey]bool
	stats    methodStats
	labeler  *analyser // tokenises members for their phrases
}

type quoteKey struct {
	ref  SourceRef
	text string
}

// Analyse finds the themes of each guiding question in docs. The docs'
// order does not matter; the same docs and options give the same Result.
func Analyse(ctx context.Context, docs []Doc, opt Options) (res *Result, err error) {
	defer errs.Wrap(&err, "synthesis.Analyse(%d docs)", len(docs))
	docs = dropExcluded(docs, opt.Curation.Excluded)
	sortDocs(docs)
	e := &engine{m: newModel(), opt: opt, unquoted: map[quoteKey]bool{}}
	for _, ed := range opt.Curation.Edits {
		if ed.Op == EditUnquote && ed.Quote != nil {
			e.unquoted[quoteKey{ed.Quote.Ref(), ed.Quote.Text}] = true
		}
	}
	if e.c, err = buildCorpus(ctx, e.m, docs); err != nil {
		return nil, err
	}
	res = &Result{Questions: make([]QuestionThemes, len(e.c.questions))}
	stats, err := e.questions(ctx, res.Questions)
	if err != nil {
		return nil, err
	}
	for _, s := range stats {
		e.stats.merge(s)
	}
	res.Sources = e.sourceTags()
	res.Method = e.method(res)
	return res, nil
}

// questions computes the questions on all cores, each on its own copy of
// the engine (its own figures and labeller), into out by index, so the
// result does not depend on which finishes first; Progress hears of each
// as it completes.
func (e *engine) questions(ctx context.Context, out []QuestionThemes) ([]methodStats, error) {
	stats := make([]methodStats, len(out))
	failed := make([]error, len(out))
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(out))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				qe := &engine{m: e.m, c: e.c, opt: e.opt, unquoted: e.unquoted}
				out[i], failed[i] = qe.question(ctx, e.c.questions[i])
				stats[i] = qe.stats
				mu.Lock()
				done++
				if e.opt.Progress != nil && failed[i] == nil {
					e.opt.Progress(done, len(out))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range out {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range failed {
		if err != nil {
			return nil, fmt.Errorf("question %d: %w", e.c.questions[i].id, err)
		}
	}
	return stats, nil
}

// dropExcluded copies docs without the excluded sources, so the caller's
// slice is neither reordered nor changed.
func dropExcluded(docs []Doc, excluded []SourceRef) []Doc {
	drop := make(map[SourceRef]bool, len(excluded))
	for _, ref := range excluded {
		drop[ref] = true
	}
	out := make([]Doc, 0, len(docs))
	for _, d := range docs {
		if !drop[d.Ref()] {
			out = append(out, d)
		}
	}
	return out
}

// question analyses one guiding question.
func (e *engine) question(ctx context.Context, q questionRange) (QuestionThemes, error) {
	d := e.c.weigh(q)
	groups, choice, err := e.cluster(ctx, d)
	if err != nil {
		return QuestionThemes{}, err
	}
	drafts := make([]draft, len(groups))
	for j, g := range groups {
		drafts[j] = draft{rows: g}
	}
	e.stats.addChoice(q.id, choice)
	drafts = e.assignIDs(d, drafts)
	drafts, err = e.curate(ctx, d, drafts)
	if err != nil {
		return QuestionThemes{}, err
	}
	qt := e.questionFigures(q)
	qt.Themes = e.finalize(d, drafts, qt)
	themed := 0
	for _, t := range qt.Themes {
		themed += t.Size
	}
	qt.Unthemed = qt.Units - themed
	e.stats.addQuestion(e, d, qt)
	return qt, nil
}
