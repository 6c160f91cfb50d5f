package synthesis

import (
	"reflect"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"plain", "Access is costly. Skills are lacking! Why? Because.", []string{"Access is costly.", "Skills are lacking!", "Why?", "Because."}},
		{"abbreviations", "Mr. Smith spoke, e.g. on spectrum. See No. 5 of the report. Dr. Ruiz agreed.",
			[]string{"Mr. Smith spoke, e.g. on spectrum.", "See No. 5 of the report.", "Dr. Ruiz agreed."}},
		{"decimals and names", "Growth was 3.5 % in 2023. Visit www.itu.int for more.", []string{"Growth was 3.5 % in 2023.", "Visit www.itu.int for more."}},
		{"lowercase continues", "It costs 5 USD. per month. Then it rises.", []string{"It costs 5 USD. per month.", "Then it rises."}},
		{"ellipsis", "We waited… and waited… Nothing came.", []string{"We waited… and waited…", "Nothing came."}},
		{"quotes", `He said "enough." They left.`, []string{`He said "enough."`, "They left."}},
		{"initial", "J. Smith wrote it. It stands.", []string{"J. Smith wrote it.", "It stands."}},
		{"list", "Steps:\n1. Replace the benefit; 2. index it.\n2. Expand it.", []string{"Steps:", "1. Replace the benefit; 2. index it.", "2. Expand it."}},
		{"blank line", "A title\n\nA paragraph without a stop", []string{"A title", "A paragraph without a stop"}},
		{"chinese", "数字鸿沟仍在扩大。我们需要投资！为什么？", []string{"数字鸿沟仍在扩大。", "我们需要投资！", "为什么？"}},
		{"arabic", "الفجوة الرقمية تتسع؟ نعم؛ يجب الاستثمار. شكرا", []string{"الفجوة الرقمية تتسع؟", "نعم؛", "يجب الاستثمار.", "شكرا"}},
		{"spanish abbreviation", "La Sra. Pérez habló. Luego votamos.", []string{"La Sra. Pérez habló.", "Luego votamos."}},
		{"no at the end", "The answer is no. We disagree.", []string{"The answer is no.", "We disagree."}},
		{"page", "See p. 12 and art. 3. Fine.", []string{"See p. 12 and art. 3.", "Fine."}},
		{"runs", "Really?! Yes...", []string{"Really?!", "Yes..."}},
		{"empty", "  \n ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(tc.text) {
				got = append(got, tc.text[s.start:s.end])
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestShortUnitsJoin: a sentence with fewer than minContentTokens content
// tokens joins the next one; the last joins the one before; the unit's
// text stays a verbatim piece of the source.
func TestShortUnitsJoin(t *testing.T) {
	a := newAnalyser(newModel())
	text := "I agree. Broadband prices must come down for rural households. Thank you."
	units := a.docUnits(text, "en")
	if len(units) != 1 {
		t.Fatalf("%d units, want 1", len(units))
	}
	if got := text[units[0].span.start:units[0].span.end]; got != text {
		t.Fatalf("unit %q, want the whole text", got)
	}
	units = a.docUnits("Broadband prices must come down for rural households. Teachers need digital skills training now.", "en")
	if len(units) != 2 {
		t.Fatalf("%d units, want 2", len(units))
	}
}

func TestChineseSegmentation(t *testing.T) {
	a := newAnalyser(newModel())
	text := "缩小数字鸿沟需要投资宽带。"
	u := a.analyse(text, span{0, len(text)}, a.m.lang("zh"))
	found := false
	for _, si := range u.sets {
		for _, ci := range a.m.sets[si] {
			found = found || a.m.concepts[ci].ID == "digital-divide"
		}
	}
	if !found {
		t.Errorf("数字鸿沟 not matched as digital-divide: %+v", u)
	}
	if len(u.terms) == 0 {
		t.Errorf("no terms in %q", text)
	}
	// A run the dictionary does not cover gives character bigrams.
	toks := a.m.han.segment(token{start: 0, end: len("龘靐齉"), norm: "龘靐齉", han: true})
	var got []string
	for _, tk := range toks {
		got = append(got, tk.norm)
	}
	if !reflect.DeepEqual(got, []string{"龘靐", "靐齉"}) {
		t.Errorf("uncovered run: %q, want bigrams", got)
	}
}
