package lexicon

import (
	"slices"
	"strings"
)

// withArabicForms adds to Arabic terms the forms a text writes them in
// after the conjunction و and the prepositions ب and ل, which are written
// joined to the word: الفجوة الرقمية → والفجوة الرقمية, بالفجوة الرقمية,
// للفجوة الرقمية, وبالفجوة الرقمية, وللفجوة الرقمية. The data lists the
// bare forms only (with and without the article), so a translator does not
// write each term six times.
//
// Each term is also given in the spelling without hamza on alif (الانترنت
// for الإنترنت, الالكترونية for الإلكترونية), which many writers use.
func withArabicForms(terms []string) []string {
	out := slices.Clone(terms)
	seen := make(map[string]bool, 12*len(terms))
	for _, t := range terms {
		seen[t] = true
	}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, t := range terms {
		spellings := []string{t}
		if bare := arabicBareAlef.Replace(t); bare != t {
			spellings = append(spellings, bare)
		}
		for _, s := range spellings {
			add(s)
			for _, f := range arabicProclitics(s) {
				add(f)
			}
		}
	}
	return out
}

// arabicBareAlef writes alif with hamza or madda as a bare alif.
var arabicBareAlef = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا")

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
