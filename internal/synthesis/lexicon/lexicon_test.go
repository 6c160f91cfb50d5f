package lexicon

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// written are the languages whose data is complete: all of them.
var written = Languages()

func TestData(t *testing.T) {
	if _, err := parse(dataFS); err != nil {
		t.Fatal(err)
	}
}

func TestConceptsComplete(t *testing.T) {
	for _, c := range Concepts() {
		for _, lang := range written {
			if c.Names[lang] == "" {
				t.Errorf("%s: no %s name", c.ID, lang)
			}
			if len(c.Terms[lang]) == 0 {
				t.Errorf("%s: no %s term", c.ID, lang)
			}
		}
	}
}

func TestConceptIDs(t *testing.T) {
	var want []string
	for i := 1; i <= 11; i++ {
		want = append(want, fmt.Sprintf("C%d", i))
	}
	for i := 1; i <= 17; i++ {
		want = append(want, fmt.Sprintf("SDG%d", i))
	}
	seen := map[string]bool{}
	var ids, topics []string
	for _, c := range Concepts() {
		if seen[c.ID] {
			t.Errorf("%s twice", c.ID)
		}
		seen[c.ID] = true
		ids = append(ids, c.ID)
		if c.Kind == Topic {
			topics = append(topics, c.ID)
		}
		if got, ok := Lookup(c.ID); !ok || got.ID != c.ID {
			t.Errorf("Lookup(%q) = %v, %v", c.ID, got.ID, ok)
		}
	}
	if len(ids) < len(want) || !slices.Equal(ids[:len(want)], want) {
		t.Errorf("Concepts() starts %v, want %v", ids, want)
	}
	if !slices.IsSorted(topics) || len(topics) < 30 {
		t.Errorf("topics %v: want at least 30, sorted", topics)
	}
	if _, ok := Lookup("C12"); ok {
		t.Error("Lookup(C12) found something")
	}
}

func TestTermsForm(t *testing.T) {
	for _, c := range Concepts() {
		for lang, terms := range c.Terms {
			stop := StopWords(lang)
			for _, term := range terms {
				if term != strings.TrimSpace(term) || term != strings.ToLower(term) || !norm.NFC.IsNormalString(term) {
					t.Errorf("%s %s: %q is not lowercase NFC without spaces around", c.ID, lang, term)
				}
				if stop[term] {
					t.Errorf("%s %s: %q is a stop word", c.ID, lang, term)
				}
				if !phraseRunes(term) {
					t.Errorf("%s %s: %q holds punctuation, which a phrase is never matched across", c.ID, lang, term)
				}
			}
		}
	}
}

// TestTermsAlike checks that terms which read the same once hyphens and
// apostrophes separate words ("open-source software", "open source
// software") signal the same concepts: the engine cannot tell them apart.
func TestTermsAlike(t *testing.T) {
	for _, lang := range Languages() {
		concepts := map[string]map[string][]string{} // words → term → concept ids
		for _, c := range Concepts() {
			for _, term := range c.Terms[lang] {
				key := strings.Join(wordsOf(term), " ")
				if concepts[key] == nil {
					concepts[key] = map[string][]string{}
				}
				concepts[key][term] = append(concepts[key][term], c.ID)
			}
		}
		for _, terms := range concepts {
			var first []string
			for term, ids := range terms {
				if first != nil && !slices.Equal(first, ids) {
					t.Errorf("%s %q: %v, but another spelling of it %v", lang, term, ids, first)
				}
				first = ids
			}
		}
	}
}

func TestParents(t *testing.T) {
	for _, c := range Concepts() {
		if c.Kind != Topic && len(c.Parents) > 0 {
			t.Errorf("%s: an Action Line or SDG with parents", c.ID)
		}
		if c.Kind == Topic && len(c.Parents) == 0 {
			t.Errorf("%s: a topic with no Action Line or SDG", c.ID)
		}
		for _, p := range c.Parents {
			if _, ok := Lookup(p); !ok {
				t.Errorf("%s: parent %s does not exist", c.ID, p)
			}
		}
	}
}

func TestStopWords(t *testing.T) {
	for _, lang := range written {
		if n := len(StopWords(lang)); n < 100 || n > 300 {
			t.Errorf("%s: %d stop words, want 100 to 300", lang, n)
		}
	}
	for _, lang := range Languages() {
		for w := range StopWords(lang) {
			if strings.ContainsFunc(w, func(r rune) bool { return !isWordRune(r) }) {
				t.Errorf("%s: stop word %q holds a character that separates words", lang, w)
			}
		}
	}
	if StopWords("xx") != nil {
		t.Error("StopWords(xx) is not nil")
	}
}

func TestCues(t *testing.T) {
	for _, lang := range written {
		cues := Cues(lang)
		for _, f := range framings {
			if n := len(cues[f]); n < 15 || n > 40 {
				t.Errorf("%s %s: %d cues, want 15 to 40", lang, f, n)
			}
		}
		for f, phrases := range cues {
			for _, p := range phrases {
				if !phraseRunes(p) {
					t.Errorf("%s %s: cue %q holds punctuation", lang, f, p)
				}
			}
		}
		if len(cues) != len(framings) {
			t.Errorf("%s: framings %v", lang, cues)
		}
	}
	if Cues("xx") != nil {
		t.Error("Cues(xx) is not nil")
	}
}

func TestWords(t *testing.T) {
	zh := Words("zh")
	if len(zh) < 400+100 || !slices.IsSorted(zh) || len(slices.Compact(slices.Clone(zh))) != len(zh) {
		t.Errorf("Words(zh): %d words, want over 500 (the list and the glossary), sorted, no duplicates", len(zh))
	}
	for _, w := range []string{"互联网", "数字鸿沟", "人工智能治理", "发展中国家", "可负担", "我们", "因此"} {
		if !slices.Contains(zh, w) {
			t.Errorf("Words(zh) lacks %s", w)
		}
	}
	for _, w := range zh {
		if utf8.RuneCountInString(w) < 2 || strings.ContainsFunc(w, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
			t.Errorf("Words(zh) holds %q, not a word of several Chinese characters", w)
		}
	}
	for _, lang := range []string{"xx", "en", "ar", "ru"} {
		if w := Words(lang); w != nil {
			t.Errorf("Words(%q) = %d words, want nil", lang, len(w))
		}
	}
}

func TestAccessorsCopy(t *testing.T) {
	c, _ := Lookup("digital-divide")
	c.Terms["en"][0] = "changed"
	StopWords("en")["changed"] = true
	if again, _ := Lookup("digital-divide"); again.Terms["en"][0] == "changed" || StopWords("en")["changed"] {
		t.Error("a caller's change reached the data")
	}
}

// TestSentences checks that texts as people write them, inflections
// included, contain a term of the concept they are about.
func TestSentences(t *testing.T) {
	cases := []struct{ lang, concept, text string }{
		{"en", "digital-divide", "Despite two decades of effort, the digital divides between urban and rural areas remain wide."},
		{"en", "artificial-intelligence", "The governance of AI must not be left to a handful of companies."},
		{"es", "digital-divide", "En nuestra región, las brechas digitales siguen afectando sobre todo a las comunidades rurales."},
		{"es", "artificial-intelligence", "La gobernanza de la inteligencia artificial debe incluir a los países del Sur Global."},
		{"fr", "digital-divide", "Les fractures numériques se creusent entre les zones urbaines et les campagnes africaines."},
		{"fr", "artificial-intelligence", "L'Intelligence Artificielle doit être gouvernée dans le respect des droits humains."},
		{"pt", "digital-divide", "O fosso digital entre as regiões Norte e Sul do Brasil ainda é profundo."},
		{"pt", "artificial-intelligence", "A governança da inteligência artificial precisa ouvir os países em desenvolvimento."},
		{"ru", "digital-divide", "Для преодоления цифрового разрыва между городом и селом нужны новые инвестиции."},
		{"ru", "artificial-intelligence", "Правила в области управления искусственным интеллектом должны разрабатываться с участием всех стран."},
		{"ar", "digital-divide", "ولا يزال الاهتمام بالفجوة الرقمية ضعيفا في الخطط الوطنية."},
		{"ar", "artificial-intelligence", "وللذكاء الاصطناعي آثار كبيرة على سوق العمل في منطقتنا."},
		{"zh", "digital-divide", "城乡之间的数字鸿沟依然很大，农村妇女受影响最深。"},
		{"zh", "artificial-intelligence", "人工智能治理应当以人为本，兼顾发展中国家的关切。"},
		{"en", "gender-digital-divide", "Closing the gender digital divide requires affordable devices for women."},
		{"es", "meaningful-connectivity", "Sin conectividad significativa, las escuelas rurales no pueden usar la plataforma."},
		{"fr", "multistakeholder", "Le modèle multipartite de l'IGF a fait ses preuves."},
		{"pt", "digital-divide", "A exclusão digital atinge sobretudo as mulheres das periferias."},
		{"ru", "digital-divide", "Мы уделяем особое внимание цифровому неравенству в сельских районах."},
		{"ru", "global-digital-compact", "Осуществление Глобального цифрового договора должно опираться на ВВУИО."},
		{"ar", "data-protection", "ونطالب بحماية البيانات الشخصية للمستخدمين في المنطقة العربية."},
		{"zh", "meaningful-connectivity", "许多农村地区仍然无法实现有意义的连通。"},
	}
	for _, tc := range cases {
		c, ok := Lookup(tc.concept)
		if !ok {
			t.Fatalf("no concept %s", tc.concept)
		}
		text := strings.ToLower(norm.NFC.String(tc.text))
		if !slices.ContainsFunc(c.Terms[tc.lang], func(term string) bool { return containsTerm(text, term, tc.lang) }) {
			t.Errorf("%s %s: no term in %q", tc.lang, tc.concept, tc.text)
		}
	}
}

// containsTerm says whether term occurs in text as whole words (anywhere in
// Chinese), as the engine matches it.
func containsTerm(text, term, lang string) bool {
	if lang == "zh" {
		return strings.Contains(text, term)
	}
	words, want := wordsOf(text), wordsOf(term)
	for i := 0; i+len(want) <= len(words); i++ {
		if slices.Equal(words[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !isWordRune(r)
	})
}

// phraseRunes says whether s is made of words, spaces, hyphens and
// apostrophes only.
func phraseRunes(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return !isWordRune(r) && r != ' ' && r != '-' && r != '\'' })
}

// isWordRune tells the characters words are made of, as the engine cuts
// them: hyphens and apostrophes separate words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func TestArabicProclitics(t *testing.T) {
	got := arabicProclitics("اللغات المحلية")
	want := []string{"واللغات المحلية", "باللغات المحلية", "للغات المحلية", "وباللغات المحلية", "وللغات المحلية"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := arabicProclitics("فجوة رقمية"); got[2] != "لفجوة رقمية" {
		t.Errorf("got %q", got)
	}
	terms := withArabicForms([]string{"الإنترنت"})
	for _, want := range []string{"الإنترنت", "بالإنترنت", "الانترنت", "بالانترنت", "للانترنت"} {
		if !slices.Contains(terms, want) {
			t.Errorf("withArabicForms(الإنترنت) lacks %s: %q", want, terms)
		}
	}
	if got := arabicProclitics("5g"); got != nil {
		t.Errorf("got %q for 5g", got)
	}
}

func TestMalformed(t *testing.T) {
	// Rows for data/concepts.tsv are added to it; other files are replaced.
	cases := []struct{ name, file, content, want string }{
		{"unknown kind", "data/concepts.tsv", "C1\taction\n", "unknown kind"},
		{"too many SDGs", "data/concepts.tsv", "SDG18\tsdg\n", "only 17"},
		{"bad slug", "data/concepts.tsv", "Digital_Divide\tconcept\n", "slug"},
		{"duplicate id", "data/concepts.tsv", "C1\taction_line\n", "twice"},
		{"unknown parent", "data/concepts.tsv", "x\tconcept\tC99\n", "parent"},
		{"missing column", "data/en/concepts.tsv", "C1\tOnly a name\n", "fields"},
		{"unknown concept", "data/en/concepts.tsv", "C99\tName\tterm\n", "not in data/concepts.tsv"},
		{"upper-case term", "data/en/concepts.tsv", "C1\tName\tICT policy\n", "lowercase"},
		{"empty term", "data/en/concepts.tsv", "C1\tName\tict policy;;policies\n", "empty"},
		{"concept missing", "data/en/concepts.tsv", "C1\tName\tict policy\n", "missing"},
		{"duplicate stop word", "data/en/stopwords.txt", "the a the\n", "twice"},
		{"unknown framing", "data/en/cues.txt", "[hope]\nwe hope\n", "section"},
		{"missing framing", "data/en/cues.txt", "[success]\nachieved\n[failure]\nfailed\n", "no [expectation]"},
		{"cue before a section", "data/en/cues.txt", "achieved\n", "before"},
		{"not NFC", "data/es/stopwords.txt", "e\u0301xito\n", "normalization"},
		{"language missing", "data/ru/concepts.tsv", "", "missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := copyData(t)
			if tc.file == "data/concepts.tsv" {
				tc.content = string(fsys[tc.file].Data) + tc.content
			}
			fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.content)}
			_, err := parse(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parse = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func copyData(t *testing.T) fstest.MapFS { return copyDataFS(t) }

func copyDataFS(t testing.TB) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(dataFS, "data", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataFS, name)
		out[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzParse checks that no file content makes the loader panic: it either
// reads the data or says what is wrong.
func FuzzParse(f *testing.F) {
	f.Add("data/ar/concepts.tsv", "C1\tاسم\tفجوة; ; ال\n")
	f.Add("data/en/cues.txt", "[success]\n\n[failure\n")
	f.Add("data/concepts.tsv", "C\taction_line\nSDG0\tsdg\n-\tconcept\t,\n")
	f.Add("data/zh/words.txt", "\xff\xfe 数字")
	base := copyDataFS(f)
	f.Fuzz(func(t *testing.T, name, content string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
		_, _ = parse(fsys)
	})
}
