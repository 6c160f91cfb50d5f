// Package synthesis finds what a review's inputs say: for each guiding
// question it groups the sentences of the written inputs and of the
// recorded interventions into themes, in every one of the seven languages,
// labels each theme from its own key phrases, says who raised it (share by
// stakeholder group and by region, with the groups significantly over- or
// under-represented), picks representative quotes that cover different
// groups, classifies sentences as successes, failures or expectations,
// tags WSIS Action Lines and SDGs, and says how it was done (the method and
// its quality figures). It is plain computation on gonum: no SQL, no HTTP,
// no clock, no model downloaded; the same documents give the same result.
//
// The report (internal/report) turns a Result into HTML, Markdown, Word and
// JSON; the store gives the documents.
package synthesis

// The kinds of source a document comes from. The ids are those the API
// serves: GET /api/v1/inputs/{id} for an input, the interventions list of a
// consultation for an intervention.
const (
	SourceInput        = "input"
	SourceIntervention = "intervention"
)

// Doc is one text to analyse: the answer of one input to one guiding
// question (or its general comments), or one recorded intervention (its
// summary and key points).
type Doc struct {
	SourceKind string // SourceInput or SourceIntervention
	SourceID   int64
	QuestionID int64  // 0: general comments, or an intervention on no question in particular
	Lang       string // ar en es fr pt ru zh: the language the text is written in
	Text       string
	Group      string // stakeholder group id (internal/stakeholder)
	Region     string // M49 region code of the country ("019" for the Americas); "" when unknown
	Country    string // ISO 3166-1 alpha-2; "" when unknown
	// Quotable is false for a text that counts in the figures and the themes
	// but is never quoted or named: a secretariat-only input, an
	// intervention whose record is not published.
	Quotable bool
}

// SourceRef names a source.
type SourceRef struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

// Ref is d's source.
func (d Doc) Ref() SourceRef { return SourceRef{Kind: d.SourceKind, ID: d.SourceID} }

// Options are the caller's choices. The zero value is valid.
type Options struct {
	// Lang is the language of the report: labels are taken, where the theme
	// holds text in it, from the members written in it.
	Lang string
	// Curation is the secretariat's edits, re-applied to every computation.
	Curation Curation
	// Progress, when set, is told how far the computation has come: done
	// of total questions, called as each completes, one call at a time
	// (from the goroutines that compute them).
	Progress func(done, total int)
}

// Result is the synthesis of a set of documents.
type Result struct {
	Questions []QuestionThemes `json:"questions"` // by QuestionID, ascending (0, general comments, first when present)
	Sources   []SourceTags     `json:"sources"`   // every source analysed, by kind then id
	Method    Method           `json:"method"`
}

// QuestionThemes is what the documents say on one guiding question.
type QuestionThemes struct {
	QuestionID int64 `json:"question_id"`
	Units      int   `json:"units"`    // sentences (or paragraphs) analysed
	Sources    int   `json:"sources"`  // distinct sources that answered
	Unthemed   int   `json:"unthemed"` // units in no theme
	// Groups and Regions count the distinct sources of each stakeholder
	// group and region among those that answered: the base of the shares.
	Groups  map[string]int `json:"groups"`
	Regions map[string]int `json:"regions"`
	Themes  []Theme        `json:"themes"` // largest first, then by ID
	// ActionLines counts, per Action Line id ("C1"…"C11"), the distinct
	// sources of this question tagged with it: one row of the
	// question × Action Line matrix.
	ActionLines map[string]int `json:"action_lines"`
}

// Theme is one group of units that say the same thing.
type Theme struct {
	// ID names the theme across computations (derived from its key terms);
	// curation names themes by it.
	ID          string           `json:"id"`
	Label       string           `json:"label"`
	KeyPhrases  []string         `json:"key_phrases"` // words and phrases that occur in its members, most characteristic first
	Size        int              `json:"size"`        // units
	Sources     int              `json:"sources"`     // distinct sources
	NonEnglish  int              `json:"non_english"` // distinct sources not written in English
	Languages   map[string]int   `json:"languages"`   // distinct sources by language
	Groups      map[string]Share `json:"groups"`      // by stakeholder group id
	Regions     map[string]Share `json:"regions"`     // by M49 region code
	Quotes      []Quote          `json:"quotes"`      // two or three, covering different groups; only quotable sources
	Framing     Framing          `json:"framing"`
	ActionLines []string         `json:"action_lines"` // Action Line ids, most frequent first
	SDGs        []string         `json:"sdgs"`         // "SDG1"…"SDG17", most frequent first
	// Spread is "convergent" when the theme is raised across most
	// stakeholder groups and regions of the question, "particular" when it
	// comes from one group or one region, "" otherwise (the rule is in
	// Method).
	Spread         string   `json:"spread"`
	GroupsCovered  int      `json:"groups_covered"`
	RegionsCovered int      `json:"regions_covered"`
	Curated        bool     `json:"curated"` // renamed, merged, split or its quotes edited by the secretariat
	Members        []Member `json:"members"`
}

// Share is one stakeholder group's (or region's) part of a theme, tested
// against its part of the question.
type Share struct {
	N     int     `json:"n"`     // distinct sources of the group in the theme
	Of    int     `json:"of"`    // distinct sources of the group in the question
	Share float64 `json:"share"` // N / the theme's sources
	Z     float64 `json:"z"`     // two-proportion z statistic (theme against the rest of the question)
	Over  bool    `json:"over"`  // significantly over-represented (Method.ZThreshold)
	Under bool    `json:"under"` // significantly under-represented
}

// Quote is a verbatim piece of a source: Text occurs, byte for byte, in the
// text of the source it cites.
type Quote struct {
	Text       string `json:"text"`
	SourceKind string `json:"source_kind"`
	SourceID   int64  `json:"source_id"`
	Group      string `json:"group"`
	Region     string `json:"region"`
	Country    string `json:"country"`
	Lang       string `json:"lang"`
	Pinned     bool   `json:"pinned,omitempty"` // chosen by the secretariat
}

// Ref is the quote's source.
func (q Quote) Ref() SourceRef { return SourceRef{Kind: q.SourceKind, ID: q.SourceID} }

// Member is one unit of a theme.
type Member struct {
	SourceKind string `json:"source_kind"`
	SourceID   int64  `json:"source_id"`
	Unit       int    `json:"unit"`              // the unit's index within its source's text on this question
	Framing    string `json:"framing,omitempty"` // FramingSuccess, FramingFailure, FramingExpectation or ""
}

// The event's own framing of what is said.
const (
	FramingSuccess     = "success"
	FramingFailure     = "failure"
	FramingExpectation = "expectation"
)

// Framing counts a theme's units classified as successes, failures and
// expectations, each with a few quotes (quotable sources only).
type Framing struct {
	Successes    FramingPart `json:"successes"`
	Failures     FramingPart `json:"failures"`
	Expectations FramingPart `json:"expectations"`
}

// FramingPart is one of the three.
type FramingPart struct {
	Count  int     `json:"count"`
	Quotes []Quote `json:"quotes"`
}

// SourceTags are the Action Lines and SDGs one source touches.
type SourceTags struct {
	SourceKind  string   `json:"source_kind"`
	SourceID    int64    `json:"source_id"`
	ActionLines []string `json:"action_lines"`
	SDGs        []string `json:"sdgs"`
}

// Method says how the result was made: the report's method annex.
type Method struct {
	Algorithm string `json:"algorithm"` // e.g. "tfidf-spherical-kmeans"
	Unit      string `json:"unit"`      // "sentence" or "paragraph"
	// KRule names the criterion that chose the number of themes.
	KRule string `json:"k_rule"`
	MaxK  int    `json:"max_k"`
	// Parameters, by name, as the annex lists them (min document frequency,
	// iterations, seed, stemmer per language…).
	Parameters map[string]string `json:"parameters"`
	ZThreshold float64           `json:"z_threshold"` // |z| above which a share is significant
	// SpreadRule states the rule of Theme.Spread in words an annex can print.
	SpreadRule string `json:"spread_rule"`
	Glossary   int    `json:"glossary_concepts"` // concepts of the multilingual glossary used to bridge languages
	Documents  int    `json:"documents"`
	Sources    int    `json:"sources"`
	Units      int    `json:"units"`
	Terms      int    `json:"terms"` // vocabulary after stemming, stop words and the glossary
	Themes     int    `json:"themes"`
	// Quality figures.
	NPMI         float64 `json:"npmi"`           // mean topic coherence (normalised PMI of each theme's top terms over the units)
	ShareCited   float64 `json:"share_cited"`    // share of quotable sources quoted at least once
	ShareInTheme float64 `json:"share_in_theme"` // share of sources with at least one unit in a theme
	// Curation edits that found no theme to apply to in this computation.
	CurationSkipped int `json:"curation_skipped"`
}

// Curation is the secretariat's edits, stored and re-applied whenever the
// synthesis is computed again (new inputs arrived). Themes are named by
// their ID and, so that an edit finds its theme again after the themes
// moved, by the sources it held when the edit was made.
type Curation struct {
	Excluded []SourceRef `json:"excluded,omitempty"` // sources left out of the analysis altogether
	Edits    []Edit      `json:"edits,omitempty"`    // applied in order
}

// The kinds of Edit.
const (
	EditRename  = "rename"  // Label
	EditMerge   = "merge"   // Theme and Others become one
	EditSplit   = "split"   // Theme becomes two
	EditPin     = "pin"     // Quote becomes one of the theme's quotes
	EditUnquote = "unquote" // Quote is never chosen again
)

// Edit is one curation edit on a question's theme.
type Edit struct {
	Op            string        `json:"op"`
	QuestionID    int64         `json:"question_id"`
	Theme         string        `json:"theme"`                    // the theme's ID when the edit was made
	Members       []SourceRef   `json:"members,omitempty"`        // the theme's sources then
	Label         string        `json:"label,omitempty"`          // rename
	Others        []string      `json:"others,omitempty"`         // merge: the other themes' IDs
	OthersMembers [][]SourceRef `json:"others_members,omitempty"` // merge: their sources then
	Quote         *Quote        `json:"quote,omitempty"`          // pin, unquote
}
