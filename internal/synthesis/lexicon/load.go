package lexicon

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// lexicon is the parsed data.
type lexicon struct {
	concepts  []Concept
	byID      map[string]int
	stopWords map[string][]string            // by language
	cues      map[string]map[string][]string // by language, then framing
	words     map[string][]string            // by language: "zh" only
}

// framings are the sections of a cues file.
var framings = []string{"success", "failure", "expectation"}

var (
	actionLineID = regexp.MustCompile(`^C([1-9][0-9]*)$`)
	sdgID        = regexp.MustCompile(`^SDG([1-9][0-9]*)$`)
	topicID      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// parse reads and validates the data of fsys, laid out as doc.go says.
func parse(fsys fs.FS) (*lexicon, error) {
	lx := &lexicon{
		byID:      map[string]int{},
		stopWords: map[string][]string{},
		cues:      map[string]map[string][]string{},
		words:     map[string][]string{},
	}
	if err := lx.readConcepts(fsys, "data/concepts.tsv"); err != nil {
		return nil, err
	}
	if err := lx.checkParents(); err != nil {
		return nil, err
	}
	for _, lang := range languages {
		if err := lx.readLanguage(fsys, lang); err != nil {
			return nil, err
		}
	}
	lx.sortConcepts()
	lx.words["zh"] = mergeWords(lx.words["zh"], lx.stopWords["zh"], lx.concepts)
	return lx, nil
}

func (lx *lexicon) readLanguage(fsys fs.FS, lang string) error {
	dir := path.Join("data", lang)
	if err := lx.readNames(fsys, path.Join(dir, "concepts.tsv"), lang); err != nil {
		return err
	}
	words, err := readWordList(fsys, path.Join(dir, "stopwords.txt"))
	if err != nil {
		return err
	}
	lx.stopWords[lang] = words
	if lx.cues[lang], err = readCues(fsys, path.Join(dir, "cues.txt")); err != nil {
		return err
	}
	if lang == "zh" {
		lx.words[lang], err = readWordList(fsys, path.Join(dir, "words.txt"))
	}
	return err
}

// line is one line of a data file that is neither blank nor a comment.
type line struct {
	file string
	n    int
	text string
}

func (l line) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", l.file, l.n, fmt.Sprintf(format, args...))
}

// readLines returns the lines of name that hold data: blank lines and lines
// starting with # are comments.
func readLines(fsys fs.FS, name string) ([]line, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if !norm.NFC.IsNormal(b) {
		return nil, fmt.Errorf("%s: not in Unicode normalization form C", name)
	}
	var out []line
	for i, text := range strings.Split(string(b), "\n") {
		text = strings.TrimSuffix(text, "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		out = append(out, line{file: name, n: i + 1, text: text})
	}
	return out, nil
}

func (lx *lexicon) readConcepts(fsys fs.FS, name string) error {
	lines, err := readLines(fsys, name)
	if err != nil {
		return err
	}
	for _, l := range lines {
		f := strings.Split(l.text, "\t")
		if len(f) < 2 || len(f) > 3 {
			return l.errorf("want id, kind and parents separated by tabs, got %d fields", len(f))
		}
		c := Concept{ID: f[0], Kind: Kind(f[1]), Names: map[string]string{}, Terms: map[string][]string{}}
		if err := checkID(c.ID, c.Kind); err != nil {
			return l.errorf("%v", err)
		}
		if _, dup := lx.byID[c.ID]; dup {
			return l.errorf("concept %s listed twice", c.ID)
		}
		if len(f) == 3 && f[2] != "" {
			c.Parents = strings.Split(f[2], ",")
		}
		lx.byID[c.ID] = len(lx.concepts)
		lx.concepts = append(lx.concepts, c)
	}
	return nil
}

func checkID(id string, kind Kind) error {
	switch kind {
	case ActionLine:
		return checkNumbered(id, actionLineID, 11)
	case SDG:
		return checkNumbered(id, sdgID, 17)
	case Topic:
		if !topicID.MatchString(id) {
			return fmt.Errorf("topic id %q is not a lowercase slug", id)
		}
		return nil
	}
	return fmt.Errorf("unknown kind %q", kind)
}

func checkNumbered(id string, re *regexp.Regexp, max int) error {
	m := re.FindStringSubmatch(id)
	if m == nil {
		return fmt.Errorf("id %q does not match %s", id, re)
	}
	if n, _ := strconv.Atoi(m[1]); n > max {
		return fmt.Errorf("id %q: there are only %d", id, max)
	}
	return nil
}

// readNames reads a language's names and terms: id, name, terms separated
// by semicolons.
func (lx *lexicon) readNames(fsys fs.FS, name, lang string) error {
	lines, err := readLines(fsys, name)
	if err != nil {
		return err
	}
	for _, l := range lines {
		f := strings.Split(l.text, "\t")
		if len(f) != 3 {
			return l.errorf("want id, name and terms separated by tabs, got %d fields", len(f))
		}
		i, ok := lx.byID[f[0]]
		if !ok {
			return l.errorf("concept %q is not in data/concepts.tsv", f[0])
		}
		c := &lx.concepts[i]
		if _, dup := c.Names[lang]; dup {
			return l.errorf("concept %s given twice", c.ID)
		}
		if strings.TrimSpace(f[1]) != f[1] || f[1] == "" {
			return l.errorf("concept %s: empty name or spaces around it", c.ID)
		}
		terms, err := splitTerms(f[2])
		if err != nil {
			return l.errorf("concept %s: %v", c.ID, err)
		}
		if lang == "ar" {
			terms = withArabicForms(terms)
		}
		c.Names[lang], c.Terms[lang] = f[1], terms
	}
	for _, c := range lx.concepts {
		if _, ok := c.Names[lang]; !ok {
			return fmt.Errorf("%s: concept %s is missing", name, c.ID)
		}
	}
	return nil
}

func splitTerms(s string) ([]string, error) {
	var terms []string
	for _, t := range strings.Split(s, ";") {
		t = strings.TrimSpace(t)
		if err := checkPhrase(t); err != nil {
			return nil, err
		}
		if slices.Contains(terms, t) {
			return nil, fmt.Errorf("term %q given twice", t)
		}
		terms = append(terms, t)
	}
	return terms, nil
}

// checkPhrase checks a term, a stop word, a cue or a word: lowercase (NFC
// is checked on the whole file), single spaces inside, none around.
func checkPhrase(s string) error {
	switch {
	case s == "":
		return errors.New("empty term")
	case strings.ToLower(s) != s:
		return fmt.Errorf("%q is not lowercase", s)
	case strings.TrimSpace(s) != s || strings.Contains(s, "  "):
		return fmt.Errorf("%q has stray spaces", s)
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) }):
		return fmt.Errorf("%q holds a control character", s)
	}
	return nil
}

// readWordList reads whitespace-separated words.
func readWordList(fsys fs.FS, name string) ([]string, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var words []string
	for _, l := range lines {
		for _, w := range strings.Fields(l.text) {
			if err := checkPhrase(w); err != nil {
				return nil, l.errorf("%v", err)
			}
			if seen[w] {
				return nil, l.errorf("%q given twice", w)
			}
			seen[w] = true
			words = append(words, w)
		}
	}
	return words, nil
}

// readCues reads a cues file: a [success], [failure] or [expectation]
// header, then one phrase a line.
func readCues(fsys fs.FS, name string) (map[string][]string, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	cues := map[string][]string{}
	framing := ""
	for _, l := range lines {
		text := strings.TrimSpace(l.text)
		if h, ok := strings.CutPrefix(text, "["); ok {
			framing = strings.TrimSuffix(h, "]")
			if !slices.Contains(framings, framing) || cues[framing] != nil {
				return nil, l.errorf("unknown or repeated section %s", text)
			}
			cues[framing] = []string{}
			continue
		}
		if framing == "" {
			return nil, l.errorf("cue before the first [section]")
		}
		if err := checkPhrase(text); err != nil {
			return nil, l.errorf("%v", err)
		}
		if slices.Contains(cues[framing], text) {
			return nil, l.errorf("cue %q given twice in [%s]", text, framing)
		}
		cues[framing] = append(cues[framing], text)
	}
	for _, f := range framings {
		if len(cues[f]) == 0 {
			return nil, fmt.Errorf("%s: no [%s] cues", name, f)
		}
	}
	return cues, nil
}

func (lx *lexicon) checkParents() error {
	for _, c := range lx.concepts {
		for _, p := range c.Parents {
			i, ok := lx.byID[p]
			if !ok {
				return fmt.Errorf("data/concepts.tsv: %s: parent %q is not a concept", c.ID, p)
			}
			if k := lx.concepts[i].Kind; k != ActionLine && k != SDG {
				return fmt.Errorf("data/concepts.tsv: %s: parent %s is neither an Action Line nor an SDG", c.ID, p)
			}
		}
	}
	return nil
}

// sortConcepts puts C1..C11 first, then SDG1..SDG17, then the topics by ID.
func (lx *lexicon) sortConcepts() {
	rank := map[Kind]int{ActionLine: 0, SDG: 1, Topic: 2}
	number := func(id string) int {
		n, _ := strconv.Atoi(strings.TrimLeft(id, "CSDG"))
		return n
	}
	slices.SortStableFunc(lx.concepts, func(a, b Concept) int {
		if a.Kind != b.Kind {
			return rank[a.Kind] - rank[b.Kind]
		}
		if a.Kind != Topic {
			return number(a.ID) - number(b.ID)
		}
		return strings.Compare(a.ID, b.ID)
	})
	for i, c := range lx.concepts {
		lx.byID[c.ID] = i
	}
}

// mergeWords adds to the Chinese word list the stop words of several
// characters (因此, 我们) and the glossary's Chinese terms written in
// Chinese characters only (数字鸿沟, not 5g网络), sorted and without
// duplicates, so that the segmenter keeps each of them whole.
func mergeWords(words, stopWords []string, concepts []Concept) []string {
	out := slices.Clone(words)
	add := func(w string) {
		if utf8.RuneCountInString(w) > 1 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
			out = append(out, w)
		}
	}
	for _, w := range stopWords {
		add(w)
	}
	for _, c := range concepts {
		for _, t := range c.Terms["zh"] {
			add(t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
