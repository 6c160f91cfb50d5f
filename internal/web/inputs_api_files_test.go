package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

func TestInputsAPIAttachments(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { inputsAPIAttachments(t, engine) })
	}
}

// apiFiles posts a multipart input: the JSON part "input", then the files.
func apiFiles(t *testing.T, a *apptest.App, token, input string, files ...upload) (int, map[string]any) {
	t.Helper()
	body, ct := multipartBody(t, url.Values{"input": {input}}, "attachments", files)
	resp, out := postBody(t, a, a.Client(), "/api/v1/inputs", ct, body, "Authorization", "Bearer "+token)
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not JSON: %d %s", resp.StatusCode, out)
	}
	return resp.StatusCode, m
}

func inputsAPIAttachments(t *testing.T, engine string) {
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	openCall(t, a, staff)
	u, err := a.DB().UserByEmail(context.Background(), "sec@example.org")
	if err != nil {
		t.Fatal(err)
	}
	token := a.APIToken(t, u)
	q := strconv.FormatInt(lacQuestion(t, a), 10)
	input := `{"review":"wsis20","consultation":"wsis20-lac","answers":[{"question_id":` + q + `,"text":"See the annex."}],` +
		`"author_name":"Ministry of ICT","organization":"Republic of Chile","stakeholder_group":"government",` +
		`"country":"CL","language":"en","publication":"named"}`
	before := inputCount(t, a)

	for name, c := range map[string]struct {
		input string
		files []upload
		field string
		says  string // the field's translated message (the API's shape)
	}{
		"not a PDF":   {input, []upload{{"a.pdf", "application/pdf", []byte{0x89, 'P', 'N', 'G', 0, 1, 2}}}, "attachments", "This file is not a PDF"},
		"JavaScript":  {input, []upload{{"a.pdf", "application/pdf", pdfText(t, "/OpenAction << /S /JavaScript /JS (1) >>", "x")}}, "attachments", "This file contains scripts or macros"},
		"NUL in JSON": {strings.Replace(input, "See the", `See\u0000the`, 1), []upload{{"a.txt", "text/plain", []byte("fine")}}, "answers.text", ""},
	} {
		st, out := apiFiles(t, a, token, c.input, c.files...)
		e, _ := out["error"].(map[string]any)
		fields, _ := e["fields"].(map[string]any)
		says, _ := fields[c.field].(string)
		if st != http.StatusUnprocessableEntity || e["code"] != "invalid" || says == "" || !strings.HasPrefix(says, c.says) {
			t.Errorf("%s: %d %v", name, st, out)
		}
	}
	if n := inputCount(t, a); n != before {
		t.Errorf("refused API uploads stored %d inputs", n-before)
	}

	doc := docxText(t, "An annex on cooperation.")
	st, out := apiFiles(t, a, token, input, upload{"annex.docx", "application/octet-stream", doc})
	if st != http.StatusCreated {
		t.Fatalf("multipart POST: %d %v", st, out)
	}
	id := int64(out["id"].(float64))
	path := "/api/v1/inputs/" + strconv.FormatInt(id, 10)
	if st := apiDo(t, a, "GET", path, "", "", nil); st != http.StatusNotFound {
		t.Errorf("public GET before publication: %d", st)
	}
	if resp, body := a.Get(t, a.Client(), fileURL(id, 1), "Authorization", "Bearer "+token); resp.StatusCode != http.StatusOK ||
		!bytes.Equal([]byte(body), doc) {
		t.Errorf("a staff token gets an unpublished file: %d", resp.StatusCode)
	}
	if resp, _ := a.Get(t, a.Client(), fileURL(id, 1), "Authorization", "Bearer nonsense"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a bad token gets an unpublished file: %d", resp.StatusCode)
	}
	moderate(t, a, staff, id, "publish")
	var rec struct {
		Attachments []struct {
			Name, MediaType, SHA256, URL string
			Size                         int64
		} `json:"attachments"`
	}
	if st := apiDo(t, a, "GET", path, "", "", &rec); st != http.StatusOK || len(rec.Attachments) != 1 {
		t.Fatalf("public GET: %d %+v", st, rec)
	}
	f := rec.Attachments[0]
	if f.Name != "annex.docx" || f.Size != int64(len(doc)) || len(f.SHA256) != 64 || !strings.HasSuffix(f.URL, fileURL(id, 1)) {
		t.Errorf("the listed file: %+v", f)
	}
	if _, body := a.Get(t, a.Client(), fileURL(id, 1)); !bytes.Equal([]byte(body), doc) {
		t.Error("the listed URL does not serve the file")
	}
}
