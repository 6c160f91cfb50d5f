package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// engineEnv is the environment of a fresh database on engine, with the
// demo loaded by the command itself.
func engineEnv(t *testing.T, engine string) map[string]string {
	t.Helper()
	env := map[string]string{"CONSULTA_DATA": t.TempDir(), "CONSULTA_BASE_URL": "https://consulta.example.org"}
	if engine == string(store.Postgres) {
		env["CONSULTA_DB"] = dbtest.NewPostgres(t)
	}
	if out, code := run(t, env, "demo"); code != 0 {
		t.Fatalf("demo: %s", out)
	}
	return env
}

func openEnv(t *testing.T, env map[string]string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), &config.Config{DataDir: env["CONSULTA_DATA"], DB: env["CONSULTA_DB"]})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// seedInputs puts inputs of every kind into the demo review: verified
// public, participant, on behalf, private, edited, rejected and hidden.
func seedInputs(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	rv, err := db.ReviewBySlug(ctx, demo.ReviewSlug)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	if err := db.SaveInputCall(ctx, &inputs.Call{ReviewID: rv.ID, OpensAt: now.Add(-time.Hour), Deadline: now.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.New(db, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	countries := country.New()
	svc := &inputs.Service{Store: db, Mail: queue, Detector: inputs.NewDetector(), RegionOf: countries.Region, Now: time.Now,
		Rules: inputs.Rules{ValidCountry: countries.Valid, ValidLanguage: i18n.Supported}}
	t1 := inputs.Target{Review: rv, Consultation: c}
	t2 := inputs.Target{Review: rv}
	form := func(q int64, text, lang, pub string) inputs.Form {
		return inputs.Form{Answers: []inputs.Answer{{QuestionID: q, Text: text}}, Comments: "Comentario, \"citado\"\nen dos líneas",
			AuthorName: "Ana Souza", AuthorEmail: "ana@example.org", Organization: "Instituto, Nupef", StakeholderGroup: "civil_society",
			Country: "BR", Language: lang, Publication: pub, Via: inputs.ViaLetter, ReceivedAt: now.Add(-24 * time.Hour)}
	}
	cq, rq := c.Questions[0].ID, rv.Questions[1].ID
	cases := []struct {
		t      inputs.Target
		by     inputs.Source
		f      inputs.Form
		action inputs.Action
	}{
		{t1, inputs.FromParticipant, form(cq, "A conectividade significativa exige financiamento.", "pt", "named"), inputs.Publish},
		{t2, inputs.FromSecretariat, form(rq, "=HYPERLINK(\"x\") L'avenir du Forum sur la gouvernance de l'Internet.", "fr", "anonymous"), inputs.Publish},
		{t1, inputs.FromPublic, form(cq, "保密的桑给巴尔预算备注。", "zh", "private"), inputs.Publish},
		{t2, inputs.FromParticipant, form(rq, "Off topic.", "en", "named"), inputs.Reject},
		{t2, inputs.FromParticipant, form(rq, "Hidden text.", "en", "named"), inputs.Hide},
		{t1, inputs.FromPublic, form(cq, "Never verified.", "en", "named"), ""},
	}
	cases[0].f.Uploads = []inputs.Upload{fileUpload("estudo.txt", "Estudo publicado sobre conectividade.\n")}
	cases[2].f.Uploads = []inputs.Upload{fileUpload("nota-secreta.txt", "Orçamento confidencial zanzibarite.\n")}
	for i, k := range cases {
		in, err := svc.Submit(ctx, k.t, inputs.Submitter{Source: k.by, RegistrationID: "reg", Staff: "sec@example.org"}, k.f)
		if err != nil {
			t.Fatal(err)
		}
		if k.by == inputs.FromPublic && i != len(cases)-1 {
			if _, err := svc.Verify(ctx, in.ID); err != nil {
				t.Fatal(err)
			}
		}
		if k.action == "" {
			continue
		}
		if _, err := svc.Moderate(ctx, in.ID, k.action, "A reason", "sec@example.org"); err != nil {
			t.Fatal(err)
		}
		if i == 0 { // an edit after publication: two versions, the first published
			edit := form(cq, "Nova versão do texto.", "pt", "named")
			edit.Remove, edit.Uploads = []int{1}, []inputs.Upload{fileUpload("rascunho.txt", "Rascunho não publicado.\n")}
			if _, err := svc.Edit(ctx, k.t, in.ID, edit); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func fileUpload(name, text string) inputs.Upload {
	return inputs.Upload{Name: name, Data: []byte(text), Size: int64(len(text))}
}

// emptyInputs removes every written input, for a database to import into.
func emptyInputs(t *testing.T, db *store.DB) {
	t.Helper()
	for _, table := range []string{"input_search", "input_log", "input_answers", "input_attachments", "input_versions", "inputs",
		"input_counters"} {
		if _, err := db.Writer().Exec(`DELETE FROM ` + table); err != nil {
			t.Fatal(err)
		}
	}
}

func readExport(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "generated_at")
	return v
}

// A complete export, imported into another database (on the same engine)
// and exported again, is the same in every field; the open-data export
// holds only what the public may read.
func TestInputsExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			src := engineEnv(t, engine)
			seedInputs(t, openEnv(t, src))
			dir := t.TempDir()
			first := filepath.Join(dir, "complete.json")
			if out, code := run(t, src, "export", "inputs", "--review", "wsis20", "--format", "json", "--complete", "--out", first); code != 0 {
				t.Fatalf("export: %s", out)
			}
			dst := engineEnv(t, engine)
			emptyInputs(t, openEnv(t, dst)) // the demo's own would take the numbers
			if out, code := run(t, dst, "import", "inputs", first); code != 0 || !strings.Contains(out, "imported 206 inputs") {
				t.Fatalf("import: %d %s", code, out)
			}
			if out, code := run(t, dst, "import", "inputs", first); code == 0 || !strings.Contains(out, "already in the database") {
				t.Errorf("importing twice: %d %s", code, out)
			}
			second := filepath.Join(dir, "again.json")
			if out, code := run(t, dst, "export", "inputs", "--review", "wsis20", "--format", "json", "--complete", "--out", second); code != 0 {
				t.Fatalf("export again: %s", out)
			}
			a, b := readExport(t, first), readExport(t, second)
			if !reflect.DeepEqual(a, b) {
				ja, _ := json.MarshalIndent(a, "", " ")
				jb, _ := json.MarshalIndent(b, "", " ")
				t.Fatalf("round trip differs:\n%s\n---\n%s", ja, jb)
			}
			if n := len(a["inputs"].([]any)); n != demo.IllustrativeInputs+6 {
				t.Errorf("complete export has %d inputs, want %d", n, demo.IllustrativeInputs+6)
			}
			// The imported database serves the same public figures.
			db := openEnv(t, dst)
			rv, _ := db.ReviewBySlug(context.Background(), demo.ReviewSlug)
			srcDB := openEnv(t, src)
			want, _ := srcDB.PublicInputCount(context.Background(), rv.ID)
			if n, _ := db.PublicInputCount(context.Background(), rv.ID); n != want {
				t.Errorf("public count after import %d, want %d", n, want)
			}
			hits, _, _, err := db.Inputs(context.Background(), store.InputFilter{Public: true, ReviewID: rv.ID, Query: "HYPERLINK"})
			if err != nil || len(hits) != 1 {
				t.Errorf("search after import: %d hits, %v", len(hits), err)
			}

			sameFiles(t, srcDB, db)
			openDataZip(t, dst, filepath.Join(dir, "open.zip"))

			for _, format := range []string{"json", "csv", "xlsx"} {
				out, code := run(t, dst, "export", "inputs", "--review", "wsis20", "--format", format)
				if code != 0 {
					t.Fatalf("open data %s: %s", format, out)
				}
				for _, secret := range []string{"桑给巴尔", "ana@example.org", "Off topic", "Hidden text", "Never verified", "Nova versão",
					"nota-secreta", "rascunho"} {
					if strings.Contains(out, secret) {
						t.Errorf("open data %s holds %q", format, secret)
					}
				}
				if format != "xlsx" && (!strings.Contains(out, "CC BY 4.0") || !strings.Contains(out, "conectividade")) {
					t.Errorf("open data %s lacks the licence or a published input:\n%.500s", format, out)
				}
				if format == "csv" && (!strings.Contains(out, "'=HYPERLINK") || strings.Contains(out, "Ana Souza,Instituto")) {
					t.Errorf("csv: formula not neutralised or anonymous author shown:\n%s", out)
				}
			}
		})
	}
}

// sameFiles compares every stored file of the two databases byte for byte.
func sameFiles(t *testing.T, src, dst *store.DB) {
	t.Helper()
	ctx := context.Background()
	hits, _, _, err := src.Inputs(ctx, store.InputFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, h := range hits {
		for v := 1; v <= h.Current.Number; v++ {
			files, err := src.InputAttachments(ctx, h.ID, v)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				a, errA := src.InputAttachmentFile(ctx, h.ID, v, f.N)
				b, errB := dst.InputAttachmentFile(ctx, h.ID, v, f.N)
				if errA != nil || errB != nil || !bytes.Equal(a.Content, b.Content) || a.SHA256 != b.SHA256 || a.Name != b.Name ||
					a.MediaType != b.MediaType || !a.CreatedAt.Equal(b.CreatedAt) {
					t.Errorf("input %d version %d file %d differs after import: %v %v", h.ID, v, f.N, errA, errB)
				}
				seen++
			}
		}
	}
	if seen != 3 { // estudo (version 1), rascunho (version 2) and nota-secreta
		t.Errorf("%d files compared, want 3", seen)
	}
}

// openDataZip checks the open-data zip: the published public file is in
// it, listed in inputs.json; no secretariat-only or unpublished file is.
func openDataZip(t *testing.T, env map[string]string, path string) {
	t.Helper()
	if out, code := run(t, env, "export", "inputs", "--review", "wsis20", "--format", "zip", "--out", path); code != 0 {
		t.Fatalf("open data zip: %s", out)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	var all bytes.Buffer
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&all, rc)
		rc.Close()
	}
	joined := strings.Join(names, " ")
	for _, want := range []string{"README.txt", "inputs.json", "inputs.csv", "-estudo.txt"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the open-data zip lacks %q: %s", want, joined)
		}
	}
	for _, secret := range []string{"zanzibarite", "nota-secreta", "rascunho", "Rascunho", "ana@example.org"} {
		if strings.Contains(joined, secret) || strings.Contains(all.String(), secret) {
			t.Errorf("the open-data zip holds %q", secret)
		}
	}
	if !strings.Contains(all.String(), "Estudo publicado sobre conectividade.") || !strings.Contains(all.String(), `"path": "attachments/`) {
		t.Error("the open-data zip lacks the published file or its path in inputs.json")
	}
}
