package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/synthesis"
	"github.com/consulta/consulta/internal/synthesis/lexicon"
)

// synthesisOptions are the flags of "bench synthesis".
type synthesisOptions struct {
	Inputs     int
	JSON       bool
	Seed       uint64
	CPUProfile string
}

// synthesisResult is what "bench synthesis --json" prints.
type synthesisResult struct {
	Inputs       int     `json:"inputs"`
	Seconds      float64 `json:"seconds"`
	PeakRSSBytes int64   `json:"peak_rss_bytes"`
	Themes       int     `json:"themes"`
	Units        int     `json:"units"`
	Cores        int     `json:"cores"`
	// CPUSeconds is the user and system time the process spent in the
	// computation: on a shared machine, wall time also counts the waits.
	CPUSeconds float64 `json:"cpu_seconds"`
}

func parseSynthesisFlags(args []string, e Env) (synthesisOptions, error) {
	var o synthesisOptions
	fs := flag.NewFlagSet("consulta bench synthesis", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.IntVar(&o.Inputs, "inputs", 10_000, "written inputs to generate and analyse")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the generated text")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the computation to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.Inputs < 1 {
		return o, errors.New("--inputs must be at least 1")
	}
	return o, nil
}

// runSynthesis generates multilingual inputs and times one synthesis of
// them: units, features, themes and every figure of the report.
func runSynthesis(ctx context.Context, args []string, e Env) error {
	o, err := parseSynthesisFlags(args, e)
	if err != nil {
		return err
	}
	docs := generateInputs(o.Inputs, o.Seed)
	runtime.GC()
	stop, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	defer stop()
	start, cpuStart := time.Now(), cpuTime()
	res, err := synthesis.Analyse(ctx, docs, synthesis.Options{Lang: "en"})
	if err != nil {
		return err
	}
	out := synthesisResult{Inputs: o.Inputs, Seconds: time.Since(start).Seconds(), PeakRSSBytes: peakRSS(),
		Themes: res.Method.Themes, Units: res.Method.Units, Cores: runtime.GOMAXPROCS(0), CPUSeconds: (cpuTime() - cpuStart).Seconds()}
	if o.JSON {
		return json.NewEncoder(e.Stdout).Encode(out)
	}
	fmt.Fprintf(e.Stdout, "synthesis of %d inputs (%d units): %.2f s on %d cores, %d themes\n", out.Inputs, out.Units, out.Seconds, out.Cores, out.Themes)
	fmt.Fprintf(e.Stdout, "CPU time: %.2f s; peak resident memory: %.0f MiB\n", out.CPUSeconds, float64(out.PeakRSSBytes)/(1<<20))
	return nil
}

// cpuTime is the process's user and system time so far; 0 where the
// system does not say.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The generated text's shape.
const (
	genQuestions      = 6    // guiding questions
	genTopics         = 24   // latent topics, eight per question
	genTopicsPerQ     = 8    // topics a question's inputs draw from
	genVocabulary     = 4000 // words per language
	genTopicWords     = 150  // words per topic and language
	genFunctionWords  = 40   // when the lexicon has no stop words for a language
	genTopicShare     = 0.55 // of a sentence's words, from its topic
	genFunctionShare  = 0.30 // function words; the rest from the whole vocabulary
	genGlossaryChance = 0.3  // a sentence names its topic's glossary concept
)

// genLanguage is one language's generated vocabulary.
type genLanguage struct {
	code      string
	weight    float64
	words     []string
	function  []string
	topics    [][]string
	concepts  [][]string // per topic: the glossary terms of its concept
	end, join string     // sentence end and word separator
}

// generateInputs makes n written inputs in the seven languages, each on
// one latent topic of its question: sentences mixing the topic's words
// (Zipf-like: a few frequent, many rare), function words and background
// words, sometimes a glossary term of the topic's concept. The same n and
// seed give the same inputs.
func generateInputs(n int, seed uint64) []synthesis.Doc {
	rng := rand.New(rand.NewPCG(seed, 0x73796e7468657369))
	langs := genLanguages(rng)
	countries := country.New()
	codes := []string{"AR", "BR", "CL", "MX", "KE", "NG", "ZA", "EG", "FR", "DE", "RU", "IN", "CN", "JP", "AU", "US", "CA"}
	groups := stakeholder.All()
	docs := make([]synthesis.Doc, n)
	for i := range docs {
		l := pickLanguage(langs, rng.Float64())
		q := rng.IntN(genQuestions)
		topic := (q*genTopicsPerQ/2 + rng.IntN(genTopicsPerQ)) % genTopics
		var b strings.Builder
		for s := range 1 + rng.IntN(4) {
			if s > 0 && l.join != "" {
				b.WriteString(" ")
			}
			b.WriteString(genSentence(l, topic, rng))
		}
		c := codes[rng.IntN(len(codes))]
		docs[i] = synthesis.Doc{SourceKind: synthesis.SourceInput, SourceID: int64(i + 1), QuestionID: int64(q + 1), Lang: l.code,
			Text: b.String(), Group: string(groups[rng.IntN(len(groups))]), Region: countries.Region(c), Country: c, Quotable: rng.IntN(10) > 0}
	}
	return docs
}

func pickLanguage(langs []*genLanguage, x float64) *genLanguage {
	for _, l := range langs {
		if x -= l.weight; x < 0 {
			return l
		}
	}
	return langs[len(langs)-1]
}

// genSentence writes one sentence of 8 to 16 words.
func genSentence(l *genLanguage, topic int, rng *rand.Rand) string {
	words := make([]string, 0, 18)
	for range 8 + rng.IntN(9) {
		switch x := rng.Float64(); {
		case x < genTopicShare:
			u := rng.Float64()
			words = append(words, l.topics[topic][int(u*u*float64(len(l.topics[topic])))])
		case x < genTopicShare+genFunctionShare:
			words = append(words, l.function[rng.IntN(len(l.function))])
		default:
			words = append(words, l.words[rng.IntN(len(l.words))])
		}
	}
	if terms := l.concepts[topic]; len(terms) > 0 && rng.Float64() < genGlossaryChance {
		words = slices.Insert(words, rng.IntN(len(words)), terms[rng.IntN(len(terms))])
	}
	s := strings.Join(words, l.join)
	if r, size := utf8.DecodeRuneInString(s); l.join != "" {
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	return s + l.end
}

// genLanguages builds the seven vocabularies from each script's letters,
// with the lexicon's stop words as function words where it has them.
func genLanguages(rng *rand.Rand) []*genLanguage {
	latin := []rune("bcdfghjklmnprstvz")
	vowels := []rune("aeiou")
	specs := []struct {
		code   string
		weight float64
		word   func() string
		end    string
		join   string
	}{
		{"en", 0.40, func() string { return genWord(rng, latin, vowels) }, ".", " "},
		{"es", 0.15, func() string { return genWord(rng, latin, []rune("aeioué")) }, ".", " "},
		{"fr", 0.15, func() string { return genWord(rng, latin, []rune("aeiouè")) }, ".", " "},
		{"pt", 0.07, func() string { return genWord(rng, latin, []rune("aeiouã")) }, ".", " "},
		{"ru", 0.08, func() string { return genWord(rng, []rune("бвгдзклмнпрстф"), []rune("аеиоуя")) }, ".", " "},
		{"ar", 0.08, func() string {
			return genWord(rng, []rune("بتثجحدرزسشصطعفقكلمنهو"), []rune("اوي"))
		}, ".", " "},
		{"zh", 0.07, func() string { return string([]rune{rune(0x4E00 + rng.IntN(3000)), rune(0x4E00 + rng.IntN(3000))}) }, "。", ""},
	}
	concepts := lexicon.Concepts()
	var out []*genLanguage
	for _, s := range specs {
		l := &genLanguage{code: s.code, weight: s.weight, end: s.end, join: s.join}
		seen := map[string]bool{}
		for len(l.words) < genVocabulary {
			if w := s.word(); !seen[w] {
				seen[w] = true
				l.words = append(l.words, w)
			}
		}
		for w := range lexicon.StopWords(s.code) {
			l.function = append(l.function, w)
		}
		slices.Sort(l.function) // the map's order would change the text
		for len(l.function) < genFunctionWords {
			l.function = append(l.function, l.words[rng.IntN(len(l.words))])
		}
		for t := range genTopics {
			perm := rng.Perm(len(l.words))[:genTopicWords]
			topic := make([]string, len(perm))
			for i, p := range perm {
				topic[i] = l.words[p]
			}
			l.topics = append(l.topics, topic)
			l.concepts = append(l.concepts, concepts[(t*5)%len(concepts)].Terms[s.code])
		}
		out = append(out, l)
	}
	return out
}

// genWord is two to four syllables of a consonant and a vowel.
func genWord(rng *rand.Rand, consonants, vowels []rune) string {
	var b strings.Builder
	for range 2 + rng.IntN(3) {
		b.WriteRune(consonants[rng.IntN(len(consonants))])
		b.WriteRune(vowels[rng.IntN(len(vowels))])
	}
	return b.String()
}
