package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// inputsOptions are the flags of "bench inputs".
type inputsOptions struct {
	Count, Queries int
	DB             string
	JSON           bool
}

// inputsResult is what "bench inputs --json" prints.
type inputsResult struct {
	Inputs        int     `json:"inputs"`
	ImportSeconds float64 `json:"import_seconds"`
	SearchP50MS   float64 `json:"search_p50_ms"`
	SearchP99MS   float64 `json:"search_p99_ms"`
	Queries       int     `json:"queries"`
	Engine        string  `json:"engine"`
}

func parseInputsFlags(args []string, e Env) (inputsOptions, error) {
	var o inputsOptions
	fs := flag.NewFlagSet("consulta bench inputs", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.IntVar(&o.Count, "count", 100_000, "written inputs to import")
	fs.IntVar(&o.Queries, "queries", 500, "archive searches to time")
	fs.StringVar(&o.DB, "db", "", "postgres://… server to create a throw-away database on; empty: SQLite in a temp dir")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.Count < 1 || o.Queries < 1 {
		return o, errors.New("--count and --queries must be at least 1")
	}
	return o, nil
}

// importBatch is how many inputs one import transaction holds.
const importBatch = 2000

// runInputs imports generated written inputs (the path of "consulta import
// inputs": every version, the search index, the counters) into a
// throw-away database, then times the public archive's search: a page of
// 20 with its count and highlighted snippets, as a visitor's request pays.
func runInputs(ctx context.Context, args []string, e Env) error {
	o, err := parseInputsFlags(args, e)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "consulta-bench-inputs-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dbURL := o.DB
	if dbURL != "" {
		fresh, drop, err := createDatabase(ctx, dbURL)
		if err != nil {
			return err
		}
		defer func() { _ = drop() }()
		dbURL = fresh
	}
	app, err := e.NewApp(ctx, &config.Config{DataDir: filepath.Join(tmp, "data"), DB: dbURL}, errorLogger(e))
	if err != nil {
		return err
	}
	defer app.Close()
	res, err := benchInputs(ctx, app.DB, o)
	if err != nil {
		return err
	}
	if o.JSON {
		return json.NewEncoder(e.Stdout).Encode(res)
	}
	fmt.Fprintf(e.Stdout, "%d inputs on %s: import %.1f s; search p50 %.2f ms, p99 %.2f ms (%d queries)\n",
		res.Inputs, res.Engine, res.ImportSeconds, res.SearchP50MS, res.SearchP99MS, res.Queries)
	return nil
}

func benchInputs(ctx context.Context, db *store.DB, o inputsOptions) (inputsResult, error) {
	res := inputsResult{Inputs: o.Count, Queries: o.Queries, Engine: string(db.Dialect())}
	rv := &consultation.Review{Slug: "bench", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "Bench"}},
		Questions: []consultation.Question{{Position: 1, OriginalLang: "en", Texts: map[string]string{"en": "Q1"}},
			{Position: 2, OriginalLang: "en", Texts: map[string]string{"en": "Q2"}}}}
	if err := db.SaveReview(ctx, rv); err != nil {
		return res, err
	}
	rv, err := db.ReviewBySlug(ctx, "bench")
	if err != nil {
		return res, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	for from := 0; from < o.Count; from += importBatch {
		batch := make([]store.ImportedInput, 0, importBatch)
		for i := from; i < min(from+importBatch, o.Count); i++ {
			batch = append(batch, generatedInput(rng, rv, int64(i+1)))
		}
		if err := db.ImportInputs(ctx, batch); err != nil {
			return res, err
		}
	}
	if err := db.AnalyzeInputs(ctx); err != nil {
		return res, err
	}
	res.ImportSeconds = time.Since(start).Seconds()
	times := make([]time.Duration, 0, o.Queries)
	for i := range o.Queries {
		q := benchQueries[i%len(benchQueries)]
		if i%4 == 3 { // a rare word: one input's tag
			q = "tag" + strconv.Itoa(rng.IntN(o.Count)+1) + "x"
		}
		t0 := time.Now()
		if _, _, _, err := db.Inputs(ctx, store.InputFilter{Public: true, ReviewID: rv.ID, Query: q, Limit: 20}); err != nil {
			return res, err
		}
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	res.SearchP50MS, res.SearchP99MS = ms(times[len(times)/2]), ms(times[len(times)*99/100])
	return res, nil
}

// benchSentences are what generated inputs are made of, in the seven
// languages; benchQueries the words searched for.
var benchSentences = []string{
	"Meaningful connectivity remains out of reach in rural areas.",
	"Artificial intelligence governance needs capacity building in developing countries.",
	"The Internet Governance Forum should receive a permanent mandate.",
	"Data governance frameworks must protect privacy and human rights.",
	"Financing for digital infrastructure remains the weakest part of the outcomes.",
	"La conectividad significativa exige financiamiento para las zonas rurales.",
	"La gobernanza de datos está fragmentada entre varios foros.",
	"La gouvernance des données doit respecter les droits humains.",
	"Le financement des infrastructures numériques reste insuffisant.",
	"A conectividade significativa continua fora do alcance de muitos.",
	"O futuro do Fórum de Governança da Internet depende de um mandato permanente.",
	"Управление данными требует международного сотрудничества.",
	"حوكمة البيانات ضرورية لبناء الثقة في الاقتصاد الرقمي.",
	"数据治理和人工智能需要国际合作。",
	"互联网治理论坛的未来很重要。",
}

var benchQueries = []string{"connectivity", "governance mandate", "conectividad", "données", "financiamento",
	"управление", "البيانات", "数据", "privacy rights", "rural financing"}

var benchLangs = []string{"en", "en", "en", "en", "en", "es", "es", "fr", "fr", "pt", "pt", "ru", "ar", "zh", "zh"}

// generatedInput is input number id: two or three sentences and a tag word
// of its own, published with consent but for one in ten.
func generatedInput(rng *rand.Rand, rv *consultation.Review, id int64) store.ImportedInput {
	var b strings.Builder
	first := rng.IntN(len(benchSentences))
	for k := range 2 + rng.IntN(2) {
		b.WriteString(benchSentences[(first+k*4)%len(benchSentences)])
		b.WriteByte(' ')
	}
	b.WriteString("tag" + strconv.FormatInt(id, 10) + "x")
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(id) * time.Minute)
	q := rv.Questions[int(id)%len(rv.Questions)].ID
	v := inputs.Version{Number: 1, Answers: []inputs.Answer{{QuestionID: q, Text: b.String()}}, Language: benchLangs[first],
		DetectedLanguage: benchLangs[first], CreatedAt: at}
	pub := inputs.Named
	if id%10 == 0 {
		pub = inputs.Private
	}
	groups := stakeholder.All()
	in := &inputs.Input{ID: id, ReviewID: rv.ID, AuthorName: "Bench " + strconv.FormatInt(id, 10), AuthorEmail: "bench@example.org",
		Organization: "Bench", StakeholderGroup: groups[int(id)%len(groups)], Country: "CL", Region: "019", Publication: pub,
		Status: inputs.Published, Source: inputs.FromPublic, ReceivedAt: at, Current: v, PublishedVersion: 1, PublishedAt: &at,
		CreatedAt: at, UpdatedAt: at}
	return store.ImportedInput{Input: in, Versions: []inputs.Version{v},
		Log: []inputs.LogEntry{{InputID: id, Action: inputs.Publish, Version: 1, Actor: "bench@example.org", At: at}}}
}
