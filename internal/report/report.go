// Package report is the synthesis report of a review: what the
// secretariat edits into the text that informs the CSTD's discussion. A
// Report holds everything the outputs show — participation, the themes of
// every guiding question with their cited quotes, the Action Line matrix,
// convergence and divergence, the opinion map's consensus and divisive
// statements, and the method annex — already in the report's language, so
// that each renderer (HTML, Markdown, Word, JSON) only lays it out and the
// same Report always gives the same bytes.
package report

import (
	"time"

	"github.com/consulta/consulta/internal/synthesis"
)

// Formats the renderers write.
const (
	FormatHTML     = "html"
	FormatMarkdown = "md"
	FormatDOCX     = "docx"
	FormatJSON     = "json"
)

// Formats lists them in the order the admin page offers them.
func Formats() []string { return []string{FormatHTML, FormatMarkdown, FormatDOCX, FormatJSON} }

// Report is one synthesis report.
type Report struct {
	Review Review `json:"review"`
	Lang   string `json:"lang"` // the language of the report's own words
	// AsOf is the time of the latest change to the data the report was made
	// from (never the clock), so the same data gives the same report.
	AsOf time.Time `json:"as_of"`
	// BaseURL is the site's address ("https://consulta.example.org"): the
	// renderers put it before the URLs of the report that are paths
	// ("/inputs/12"), so that the links of a downloaded file lead back to
	// the site. Empty, paths stay as they are.
	BaseURL       string         `json:"base_url,omitempty"`
	Consultations []Consultation `json:"consultations"` // as the review's data gives them, by start
	Participation Participation  `json:"participation"`
	Questions     []Question     `json:"questions"` // the review's guiding questions, then each consultation's
	// Organizations are the contributing organizations that may be named
	// (inputs published with the name), sorted, each once.
	Organizations []string `json:"organizations"`
	// ActionLines and SDGs are the columns of the question × Action Line
	// matrix and the names of the tags, in the report's language.
	ActionLines []Concept `json:"action_lines"`
	SDGs        []Concept `json:"sdgs"`
	// Convergent and Particular list the themes raised across most groups
	// and regions, and those particular to one.
	Convergent []ThemeRef `json:"convergent"`
	Particular []ThemeRef `json:"particular"`
	// Statements are the opinion maps' consensus and divisive statements,
	// where a consultation has a map with votes.
	Statements []Statement `json:"statements"`
	// Sources are every source quoted, for the citations (footnotes), by
	// kind then id.
	Sources []Source `json:"sources"`
	// SourceTags are the WSIS Action Lines and SDGs of every source the
	// public may read (a secretariat-only input is never named, even by its
	// id), by kind then id.
	SourceTags []synthesis.SourceTags `json:"source_tags,omitempty"`
	// Names give the labels of the codes the figures use, in the report's
	// language.
	Names  Names            `json:"names"`
	Method synthesis.Method `json:"method"`
	// Text holds the report's fixed words (headings, column titles, the
	// method annex's sentences) in its language, by catalog id; the
	// builder fills it from the catalog so the renderers need no catalog.
	Text map[string]string `json:"-"`
}

// T is the report's text for a catalog id (the id itself when missing, so
// a gap shows rather than hides).
func (r *Report) T(id string) string {
	if s, ok := r.Text[id]; ok {
		return s
	}
	return id
}

// Review is the review the report is about.
type Review struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"` // its public page
}

// Consultation is one consultation of the review.
type Consultation struct {
	Slug  string    `json:"slug"`
	Title string    `json:"title"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Zone  string    `json:"zone"`  // IANA name
	Place string    `json:"place"` // format and place, as the pages show them
	Held  bool      `json:"held"`  // its end is before AsOf
	URL   string    `json:"url"`
}

// Participation is who took part, per consultation and in total.
type Participation struct {
	Total           Counts              `json:"total"`
	PerConsultation []ConsultationCount `json:"per_consultation"`
}

// ConsultationCount is one consultation's participation.
type ConsultationCount struct {
	Slug   string `json:"slug"`
	Counts Counts `json:"counts"`
}

// Counts are the figures of participation and their breakdowns.
type Counts struct {
	Registrations int `json:"registrations"` // confirmed addresses (every status but pending confirmation)
	Approved      int `json:"approved"`
	Attended      int `json:"attended"` // used their personal join link
	Inputs        int `json:"inputs"`   // written inputs received (every consent; not rejected)
	Interventions int `json:"interventions"`
	// Breakdowns, each sorted by key; ByGender has no inputs column (inputs
	// do not ask it).
	ByGroup   []Breakdown `json:"by_group"`
	ByRegion  []Breakdown `json:"by_region"`
	ByCountry []Breakdown `json:"by_country"`
	ByGender  []Breakdown `json:"by_gender"`
}

// Breakdown is one row of a breakdown.
type Breakdown struct {
	Key           string `json:"key"`   // group id, M49 region code, ISO country code, gender value ("" → not stated)
	Label         string `json:"label"` // in the report's language
	Registrations int    `json:"registrations"`
	Approved      int    `json:"approved"`
	Attended      int    `json:"attended"`
	Inputs        int    `json:"inputs"`
	Interventions int    `json:"interventions"`
}

// Question is one guiding question and its themes.
type Question struct {
	ID           int64  `json:"id"`
	Text         string `json:"text"`         // in the report's language where translated
	Consultation string `json:"consultation"` // slug; "" for a question of the review as a whole
	synthesis.QuestionThemes
}

// Concept is an Action Line or an SDG.
type Concept struct {
	ID   string `json:"id"`   // "C1"…"C11", "SDG1"…"SDG17"
	Name string `json:"name"` // in the report's language
}

// ThemeRef points at one theme of one question.
type ThemeRef struct {
	QuestionID int64  `json:"question_id"`
	ThemeID    string `json:"theme_id"`
	Label      string `json:"label"`
}

// Statement is a consensus or divisive statement of an opinion map.
type Statement struct {
	Consultation string  `json:"consultation"`
	ID           int64   `json:"id"`
	Text         string  `json:"text"`
	Kind         string  `json:"kind"`  // "consensus" or "divisive"
	Agree        float64 `json:"agree"` // share of those who saw it
	Disagree     float64 `json:"disagree"`
	Votes        int     `json:"votes"`
}

// Source is one cited source: what a footnote says.
type Source struct {
	Kind         string    `json:"kind"` // synthesis.SourceInput or SourceIntervention
	ID           int64     `json:"id"`
	URL          string    `json:"url"` // the input's permalink, or the intervention's anchor in the closing record
	Consultation string    `json:"consultation"`
	Group        string    `json:"group"`          // label
	Country      string    `json:"country"`        // label
	Name         string    `json:"name,omitempty"` // the author or organization, only when it may be named
	Lang         string    `json:"lang"`
	Date         time.Time `json:"date"`
	// ActionLines and SDGs are the source's tags, as its footnote lists them.
	ActionLines []string `json:"action_lines,omitempty"`
	SDGs        []string `json:"sdgs,omitempty"`
}

// Names are the labels of codes, in the report's language.
type Names struct {
	Groups       map[string]string `json:"groups"`
	Regions      map[string]string `json:"regions"`
	Countries    map[string]string `json:"countries"`
	Languages    map[string]string `json:"languages"`
	Consultation map[string]string `json:"consultations"` // slug → title
}
