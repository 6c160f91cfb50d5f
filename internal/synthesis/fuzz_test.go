package synthesis

import (
	"context"
	"strings"
	"testing"
)

// FuzzAnalyse: any text, in any language, gives a result without panic,
// units inside the text, and quotes that are pieces of it.
func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{"", "Mr. . . 1. e.g.", "数字鸿沟。。！？", "الفجوة ؟؛ الرقمية", "\xff\xfe broadband \x00 prices.", "a\n\n- b\n1) c", "…?!.\"'»"} {
		f.Add(s, "en")
		f.Add(s, "zh")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		for _, s := range splitSentences(text) {
			if s.start < 0 || s.end > len(text) || s.start >= s.end {
				t.Fatalf("span %v of a text of %d bytes", s, len(text))
			}
		}
		var docs []Doc
		for i, part := range strings.SplitAfter(text+" "+text, ".") {
			docs = append(docs, Doc{SourceKind: SourceInput, SourceID: int64(i + 1), QuestionID: 1, Lang: lang, Text: part + " broadband prices rural households", Quotable: true})
		}
		res, err := Analyse(context.Background(), docs, Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		checkQuotes(t, docs, res)
	})
}
