package synthesis

import (
	"context"
	"fmt"

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
	res = &Result{Questions: []QuestionThemes{}}
	for i, q := range e.c.questions {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		qt, err := e.question(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("question %d: %w", q.id, err)
		}
		res.Questions = append(res.Questions, qt)
		if opt.Progress != nil {
			opt.Progress(i+1, len(e.c.questions))
		}
	}
	res.Sources = e.sourceTags()
	res.Method = e.method(res)
	return res, nil
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
