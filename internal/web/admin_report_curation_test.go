package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/report"
)

// curationSurvives: a refused edit shows its error beside the field and
// keeps what was typed; a rename and a removed quote are stored, and
// re-applied when the report is generated again after a new input.
func (f *reportFixture) curationSurvives(t *testing.T) {
	r := f.draft(t)
	var q *report.Question
	for i := range r.Questions {
		if len(r.Questions[i].Themes) >= 2 && len(r.Questions[i].Themes[1].Quotes) > 0 {
			q = &r.Questions[i]
			break
		}
	}
	if q == nil {
		t.Fatal("no question with two themes and quotes")
	}
	path := "/admin/reviews/wsis20/report/curation"
	qid := strconv.FormatInt(q.ID, 10)
	renamed, dropped := q.Themes[0], q.Themes[1].Quotes[0]
	form := url.Values{"form": {"q" + qid + "-" + renamed.ID}, "op": {"rename"}, "question": {qid}, "theme": {renamed.ID}, "label": {"   "}}
	resp, body := post(t, f.app, f.staff, path, form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter a label.") ||
		!strings.Contains(body, `id="f-q`+qid+"-"+renamed.ID+`-label-error"`) {
		t.Fatalf("empty label: %d %.300s", resp.StatusCode, body)
	}
	form.Set("label", "Renamed by the secretariat")
	if resp, body := post(t, f.app, f.staff, path, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d %.300s", resp.StatusCode, body)
	}
	unquote := url.Values{"op": {"unquote"}, "question": {qid}, "theme": {q.Themes[1].ID},
		"source": {report.FormatRef(dropped.Ref())}, "quote_text": {dropped.Text}}
	if resp, body := post(t, f.app, f.staff, path, unquote); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unquote: %d %.300s", resp.StatusCode, body)
	}
	rv, _ := f.app.DB().ReviewBySlug(context.Background(), demo.ReviewSlug)
	cs, _ := f.app.DB().ReportConsultations(context.Background(), rv.ID)
	addReportInput(t, f.app, rv, cs[2], "A new voice on financing community networks arrived late.", "Late Contributor", "Late Org",
		inputs.Named, true)
	f.generate(t, 1)
	r = f.draft(t)
	var labels []string
	for _, rq := range r.Questions {
		if rq.ID != q.ID {
			continue
		}
		for _, th := range rq.Themes {
			labels = append(labels, th.Label)
			for _, qu := range th.Quotes {
				if qu.Ref() == dropped.Ref() && qu.Text == dropped.Text {
					t.Errorf("the removed quote %q is back in %q", qu.Text, th.Label)
				}
			}
		}
	}
	if !slicesContains(labels, "Renamed by the secretariat") {
		t.Errorf("the rename did not survive regeneration: %q", labels)
	}
	if st, _ := f.app.DB().ReportState(context.Background(), f.reviewID); len(st.Curation.Edits) != 2 || st.Done != st.Total || st.Total == 0 {
		t.Errorf("stored: %d edits, progress %d/%d", len(st.Curation.Edits), st.Done, st.Total)
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
