package lexicon

import (
	"slices"
	"strings"
)

// withArabicProclitics adds to Arabic terms the forms a text writes them in
// after the conjunction و and the prepositions ب and ل, which are written
// joined to the word: الفجوة الرقمية → والفجوة الرقمية, بالفجوة الرقمية,
// للفجوة الرقمية, وبالفجوة الرقمية, وللفجوة الرقمية. The data lists the
// bare forms only (with and without the article), so a translator does not
// write each term six times.
func withArabicProclitics(terms []string) []string {
	out := slices.Clone(terms)
	for _, t := range terms {
		for _, f := range arabicProclitics(t) {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// arabicProclitics gives the prefixed forms of one term, none for a term
// that does not start with an Arabic letter ("5g").
func arabicProclitics(t string) []string {
	first := []rune(t)[0]
	if first < 'ء' || first > 'ي' {
		return nil
	}
	li := "ل" + t
	if rest, ok := strings.CutPrefix(t, "ال"); ok {
		// ل + ال is written لل, and ل + ال + ل… as لل… (للغات, not لللغات).
		li = "لل" + rest
		if strings.HasPrefix(rest, "ل") {
			li = "ل" + rest
		}
	}
	return []string{"و" + t, "ب" + t, li, "وب" + t, "و" + li}
}
