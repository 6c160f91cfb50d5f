package lexicon

import (
	"embed"
	"slices"
	"sync"
)

// Kind is what a concept stands for.
type Kind string

// The kinds of concept.
const (
	ActionLine Kind = "action_line" // a WSIS Action Line, C1…C11
	SDG        Kind = "sdg"         // a Sustainable Development Goal, SDG1…SDG17
	Topic      Kind = "concept"     // a recurring topic of the review, named by a slug
)

// Concept is one entry of the multilingual glossary.
type Concept struct {
	ID    string // "C1".."C11", "SDG1".."SDG17", or a slug such as "digital-divide"
	Kind  Kind
	Names map[string]string   // display name per language
	Terms map[string][]string // surface forms that signal the concept, per language: lowercase, NFC
	// Parents are the Action Lines and SDGs the concept belongs to, so that
	// a match of a topic also tags them.
	Parents []string
}

//go:embed data
var dataFS embed.FS

// languages are the seven languages of the data, in the order Languages
// gives them.
var languages = []string{"ar", "en", "es", "fr", "pt", "ru", "zh"}

// loaded parses the embedded data once. The data is part of the binary and
// TestData checks it, so an error here is a build defect: the accessors
// panic with it rather than work on half a glossary.
var loaded = sync.OnceValues(func() (*lexicon, error) { return parse(dataFS) })

func get() *lexicon {
	lx, err := loaded()
	if err != nil {
		panic("lexicon: the embedded data is invalid: " + err.Error())
	}
	return lx
}

// Concepts returns every concept, in a fixed order: C1..C11, SDG1..SDG17,
// then the topics by ID. The caller may modify what it gets.
func Concepts() []Concept {
	lx := get()
	out := make([]Concept, len(lx.concepts))
	for i, c := range lx.concepts {
		out[i] = c.clone()
	}
	return out
}

// Lookup returns the concept with the given ID.
func Lookup(id string) (Concept, bool) {
	lx := get()
	i, ok := lx.byID[id]
	if !ok {
		return Concept{}, false
	}
	return lx.concepts[i].clone(), true
}

// Languages returns the seven languages of the data: "ar", "en", "es",
// "fr", "pt", "ru", "zh".
func Languages() []string { return slices.Clone(languages) }

// StopWords returns the function words of lang, lowercase; nil for a
// language the data does not know.
func StopWords(lang string) map[string]bool {
	words, ok := get().stopWords[lang]
	if !ok {
		return nil
	}
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[w] = true
	}
	return out
}

// Cues returns the cue phrases of lang by framing ("success", "failure",
// "expectation"), lowercase; nil for a language the data does not know.
func Cues(lang string) map[string][]string {
	cues, ok := get().cues[lang]
	if !ok {
		return nil
	}
	out := make(map[string][]string, len(cues))
	for framing, phrases := range cues {
		out[framing] = slices.Clone(phrases)
	}
	return out
}

// Words returns a segmentation dictionary for a language written without
// spaces between words: for "zh", the words of data/zh/words.txt, the stop
// words of several characters and the glossary's terms written in Chinese
// characters, sorted and without duplicates. It is nil for the other
// languages.
func Words(lang string) []string {
	return slices.Clone(get().words[lang])
}

func (c Concept) clone() Concept {
	out := c
	out.Names = make(map[string]string, len(c.Names))
	for lang, name := range c.Names {
		out.Names[lang] = name
	}
	out.Terms = make(map[string][]string, len(c.Terms))
	for lang, terms := range c.Terms {
		out.Terms[lang] = slices.Clone(terms)
	}
	out.Parents = slices.Clone(c.Parents)
	return out
}
