package inputs

import (
	"strings"

	"github.com/pemistahl/lingua-go"
)

// Detector tells which of Consulta's seven languages a text is written in.
type Detector struct{ d lingua.LanguageDetector }

// NewDetector builds a detector restricted to ar zh en fr ru es pt: only
// their models are loaded, and a text can only be told one of them. Low
// accuracy mode uses the smaller trigram models (a fraction of the memory
// on a 2-core machine) and is as good as the full models from a paragraph
// on, which is what inputs are; a few words may stay undetected ("").
func NewDetector() *Detector {
	d := lingua.NewLanguageDetectorBuilder().
		FromLanguages(lingua.Arabic, lingua.Chinese, lingua.English, lingua.French, lingua.Russian, lingua.Spanish,
			lingua.Portuguese).
		WithLowAccuracyMode().
		WithMinimumRelativeDistance(0.05).
		Build()
	return &Detector{d: d}
}

// Detect returns the ISO 639-1 code of text's language, "" when it cannot
// tell.
func (d *Detector) Detect(text string) string {
	lang, ok := d.d.DetectLanguageOf(text)
	if !ok {
		return ""
	}
	return strings.ToLower(lang.IsoCode639_1().String())
}

// Text is the whole text of a version, answers then comments, as the
// detector and the search index read it.
func (v *Version) Text() string {
	var b strings.Builder
	for _, a := range v.Answers {
		b.WriteString(a.Text)
		b.WriteString("\n\n")
	}
	b.WriteString(v.Comments)
	return strings.TrimSpace(b.String())
}
