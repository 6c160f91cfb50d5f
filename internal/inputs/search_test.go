package inputs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/store"
)

// searchTexts are inputs in the seven languages, each published except
// the secretariat-only one.
var searchTexts = []struct{ lang, pub, text string }{
	{"en", "named", "Meaningful connectivity and the financing of broadband in rural areas."},
	{"es", "anonymous", "La conectividad significativa exige financiamiento para las zonas rurales."},
	{"fr", "named", "La gouvernance des données doit respecter les droits humains."},
	{"pt", "named", "O futuro do Fórum de Governança da Internet depende de um mandato permanente."},
	{"ru", "named", "Управление данными и искусственный интеллект требуют международного сотрудничества."},
	{"ar", "named", "حوكمة البيانات ضرورية لبناء الثقة في الاقتصاد الرقمي."},
	{"zh", "named", "数据治理和人工智能需要国际合作，互联网治理论坛的未来很重要。"},
	{"en", "private", "A confidential remark about secretariat budgets nobody else may read."},
}

func TestSearchFindsWordsInEveryLanguage(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		for _, s := range searchTexts {
			form := f.form(s.text)
			form.Language, form.Publication = s.lang, s.pub
			in, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromParticipant}, form)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.Moderate(ctx, in.ID, inputs.Publish, "", "s@un.org"); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			q    string
			want []string // languages found, in any order
			mark string   // a word the snippet highlights
		}{
			{"connectivity", []string{"en"}, "connectivity"},
			{"conectividad", []string{"es"}, "conectividad"},
			{"données", []string{"fr"}, "données"},
			{"Governança", []string{"pt"}, "Governança"},
			{"данными", []string{"ru"}, "данными"},
			{"البيانات", []string{"ar"}, "البيانات"},
			{"数据", []string{"zh"}, "数据"},
			{"治理", []string{"zh"}, "治理"},
			{"financing rural", []string{"en"}, "rural"},
			{"budgets", nil, ""}, // secretariat-only: never found by the public
			{"confidential", nil, ""},
		} {
			hits, total, _, err := f.db.Inputs(ctx, store.InputFilter{Public: true, ReviewID: f.target.Review.ID, Query: c.q, Limit: 20})
			if err != nil {
				t.Fatalf("search %q: %v", c.q, err)
			}
			var langs []string
			for _, h := range hits {
				langs = append(langs, h.Current.Language)
				if c.mark != "" && !strings.Contains(strings.ToLower(h.Snippet), string(store.MarkStart)) {
					t.Errorf("search %q: snippet %q has no highlight", c.q, h.Snippet)
				}
			}
			if strings.Join(langs, ",") != strings.Join(c.want, ",") || total != len(c.want) {
				t.Errorf("search %q found %v (total %d), want %v", c.q, langs, total, c.want)
			}
		}
		// The secretariat finds the private one.
		hits, _, _, err := f.db.Inputs(ctx, store.InputFilter{ReviewID: f.target.Review.ID, Query: "budgets"})
		if err != nil || len(hits) != 1 {
			t.Errorf("staff search: %d hits, %v", len(hits), err)
		}
		// A Chinese snippet reads without the index's spaces.
		hits, _, _, _ = f.db.Inputs(ctx, store.InputFilter{Public: true, ReviewID: f.target.Review.ID, Query: "治理"})
		if len(hits) == 1 && strings.Contains(hits[0].Snippet, "治 理") {
			t.Errorf("Chinese snippet keeps spaces: %q", hits[0].Snippet)
		}
	})
}
