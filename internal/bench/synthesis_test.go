package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

func TestGenerateInputsDeterministic(t *testing.T) {
	a, b := generateInputs(500, 3), generateInputs(500, 3)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different inputs")
	}
	langs := map[string]int{}
	for _, d := range a {
		langs[d.Lang]++
		if d.Text == "" || d.Group == "" || d.QuestionID < 1 {
			t.Fatalf("input %+v", d)
		}
	}
	if len(langs) != 7 {
		t.Fatalf("languages %v, want the seven", langs)
	}
}

func TestRunSynthesisJSON(t *testing.T) {
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"synthesis", "--inputs", "400", "--json"}, Env{Stdout: &out, Stderr: &out}); err != nil {
		t.Fatal(err)
	}
	var res map[string]any
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	for _, k := range []string{"inputs", "seconds", "peak_rss_bytes", "themes"} {
		if _, ok := res[k]; !ok {
			t.Errorf("no %q in %s", k, out.String())
		}
	}
	if res["inputs"].(float64) != 400 || res["themes"].(float64) < 6 {
		t.Errorf("figures %s", out.String())
	}
}
