package store

import (
	"strconv"
	"strings"
	"unicode"
)

// Highlight markers: ts_headline and snippet() put them around the words
// found, and the web layer turns them into <mark> after escaping the rest.
// They are private-use characters, taken out of every text indexed, so no
// input can forge one.
const (
	MarkStart = '\uE000'
	MarkEnd   = '\uE001'
)

// searchConfigs is PostgreSQL's text search configuration per language;
// Chinese has none and uses 'simple' over the spaced characters.
var searchConfigs = map[string]string{"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese",
	"ru": "russian", "ar": "arabic"}

func searchConfig(lang string) string {
	if c, ok := searchConfigs[lang]; ok {
		return c
	}
	return "simple"
}

// ideographic reports whether r is written without spaces between words
// (Han, kana, Hangul): such characters are indexed one by one.
func ideographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// searchBody prepares text for the index: markers removed, and a space
// after every ideographic character followed by anything but a space, so
// that both engines see each such character as a word of its own.
func searchBody(text string) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/3)
	prevIdeo := false
	for _, r := range text {
		if r == MarkStart || r == MarkEnd {
			continue
		}
		if prevIdeo && !unicode.IsSpace(r) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prevIdeo = ideographic(r)
	}
	return b.String()
}

// unspace undoes searchBody's spaces in a snippet: a space after an
// ideographic character (markers aside) goes, unless another space
// follows; two highlights that end up touching become one.
func unspace(s string) string {
	if !strings.ContainsFunc(s, ideographic) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && ideographic(neighbour(rs, i, -1)) && !unicode.IsSpace(neighbour(rs, i, 1)) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(b.String(), string(MarkEnd)+string(MarkStart), "")
}

// neighbour is the first rune from i in direction dir that is not a marker.
func neighbour(rs []rune, i, dir int) rune {
	for j := i + dir; j >= 0 && j < len(rs); j += dir {
		if rs[j] != MarkStart && rs[j] != MarkEnd {
			return rs[j]
		}
	}
	return 0
}

// searchTerms splits a query into its words, each prepared as the index
// was (ideographic characters spaced).
func searchTerms(q string) []string {
	var terms []string
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, `"'`)
		if w = searchBody(w); w != "" {
			terms = append(terms, w)
		}
	}
	return terms
}

// ftsQuery is SQLite's MATCH expression for q: every word as a quoted
// string, so nothing in it is FTS5 syntax and a spaced Chinese word is a
// phrase; all required.
func ftsQuery(q string) string {
	var terms []string
	for _, t := range searchTerms(q) {
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	return strings.Join(terms, " ")
}

// tsQueryText is the text handed to websearch_to_tsquery: words with
// ideographic characters quoted, which makes them phrases of their
// characters ('数' <-> '据'); the others as typed.
func tsQueryText(q string) string {
	var parts []string
	for _, t := range searchTerms(q) {
		if strings.ContainsFunc(t, ideographic) {
			t = `"` + t + `"`
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}

// Results of a search come newest first, on both engines: ranking by
// relevance scores every match (bm25, ts_rank), a cost that grows with
// the archive on every request, while newest first lets the index stop
// after one page.

// searchSQL is what a search adds to the archive query: the table the
// query starts from (when not inputs), a join, a condition, the snippet
// expression and the ranking.
type searchSQL struct {
	from, join, cond, snippet, order string
	// orderFew, when set, replaces order once the count found fewer
	// matches than it counts to (see postgresSearch).
	orderFew string
	// probeJoin, when set, is join restricted to the newest indexed
	// inputs: a count that finds more than it counts to among them is
	// done without asking the whole index (see postgresSearch).
	probeJoin string
	args      []any
}

// sqliteSearch finds q in the FTS5 table; arg is the number of the first
// parameter it may use.
func sqliteSearch(q string, arg int) (searchSQL, bool) {
	match := ftsQuery(q)
	if match == "" {
		return searchSQL{}, false
	}
	// The FTS table leads (CROSS JOIN fixes SQLite's join order): left to
	// itself the planner walks the review's inputs and runs the MATCH once
	// per row, hundreds of milliseconds at 10,000 inputs.
	return searchSQL{from: `input_search CROSS JOIN inputs i ON i.id = input_search.rowid`,
		cond:    `input_search MATCH $` + strconv.Itoa(arg),
		snippet: `snippet(input_search, 0, char(57344), char(57345), '…', 24)`,
		order:   `input_search.rowid DESC`, args: []any{match}}, true
}

// searchProbe is how many of the newest indexed inputs a PostgreSQL count
// looks at first.
const searchProbe = 4000

// postgresSearch finds q in the tsvector of each input's language: the
// query is parsed by every language's configuration and the results are
// ORed, so a word is found in whichever language it was written, stemmed
// as that language stems it.
func postgresSearch(q string, arg int) (searchSQL, bool) {
	text := tsQueryText(q)
	if text == "" {
		return searchSQL{}, false
	}
	p := "$" + strconv.Itoa(arg)
	var qs []string
	for _, c := range []string{"english", "french", "spanish", "portuguese", "russian", "arabic", "simple"} {
		qs = append(qs, `websearch_to_tsquery('`+c+`', `+p+`)`)
	}
	// The distinct alternatives only: most words parse alike in several
	// configurations, and seven copies of a rare word made the planner
	// expect seven times the matches and scan the table (30 ms at 30,000
	// inputs) instead of asking the GIN index.
	tq := ` CROSS JOIN (SELECT string_agg(DISTINCT '(' || x::text || ')', ' | ')::tsquery AS q
			FROM unnest(ARRAY[` + strings.Join(qs, ", ") + `]) AS x WHERE numnode(x) > 0) tq`
	return searchSQL{
		join: ` JOIN input_search s ON s.input_id = i.id` + tq,
		// A common word's count asked the GIN index for every match (a
		// bitmap of 30,000 rows at 100,000 inputs, most of the search's
		// time) to count to 200; among the newest 4,000 it finds them in
		// a few milliseconds. A rarer word pays the probe, then the index.
		probeJoin: ` JOIN (SELECT input_id, tsv FROM input_search ORDER BY input_id DESC LIMIT ` + strconv.Itoa(searchProbe) +
			`) s ON s.input_id = i.id` + tq,
		cond: `s.tsv @@ tq.q`,
		snippet: `ts_headline(s.config, s.body, tq.q, 'StartSel=` + string(MarkStart) + `, StopSel=` + string(MarkEnd) +
			`, MaxWords=35, MinWords=15')`,
		// Many matches: walking the index newest first finds a page at
		// once. Few: that walk tests nearly every row (a second at
		// 100,000 inputs for one match), so the order is made an
		// expression the index cannot give and the GIN index finds them.
		order: `s.input_id DESC`, orderFew: `s.input_id + 0 DESC`,
		args: []any{text},
	}, true
}
