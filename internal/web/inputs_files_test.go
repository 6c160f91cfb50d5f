package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// onBehalfForm is the secretariat's form for an input that came by email.
func onBehalfForm(q int64, text, publication string) url.Values {
	f := inputForm(q, "", text, publication)
	f.Set("received_via", "email")
	f.Set("received_at", time.Now().UTC().Format("2006-01-02"))
	return f
}

// inputCount is the number of inputs stored, every status.
func inputCount(t *testing.T, a *apptest.App) int {
	t.Helper()
	_, total, _, err := a.DB().Inputs(context.Background(), store.InputFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// submitFiles enters an input with files through the on-behalf form and
// returns its id.
func submitFiles(t *testing.T, a *apptest.App, c *http.Client, form url.Values, files ...upload) int64 {
	t.Helper()
	resp, body := postFiles(t, a, c, adminInputs, form, files...)
	loc, ok := strings.CutPrefix(resp.Header.Get("Location"), "/admin/inputs/")
	if resp.StatusCode != http.StatusSeeOther || !ok {
		t.Fatalf("submit with files: %d %s", resp.StatusCode, body)
	}
	id, err := strconv.ParseInt(loc, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func moderate(t *testing.T, a *apptest.App, c *http.Client, id int64, action string) {
	t.Helper()
	resp, body := post(t, a, c, "/admin/inputs/"+strconv.FormatInt(id, 10)+"/moderate", url.Values{"action": {action}, "reason": {"off topic"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%s %d: %d %s", action, id, resp.StatusCode, body)
	}
}

func fileURL(id int64, n int) string {
	return "/inputs/" + strconv.FormatInt(id, 10) + "/attachments/" + strconv.Itoa(n)
}

// emptyDir fails when dir holds anything: uploads are read in memory only.
func emptyDir(t *testing.T, dir, after string) {
	t.Helper()
	if list, _ := os.ReadDir(dir); len(list) > 0 {
		t.Errorf("after %s the temporary directory holds %d files (%s…)", after, len(list), list[0].Name())
	}
}

func TestInputAttachments(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { inputAttachments(t, engine) })
	}
}

func inputAttachments(t *testing.T, engine string) {
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	q := lacQuestion(t, a)
	openCall(t, a, staff)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the server's os.TempDir from now on

	txt := []byte("Meaningful connectivity needs zanzibarite spectrum policy.\n")
	pdf := pdfText(t, "", "Financing quillwort infrastructure")
	doc := docxText(t, "Data governance marmoset principles")
	id := submitFiles(t, a, staff, onBehalfForm(q, "Our answer with three files.", "named"),
		upload{"notes.txt", "application/pdf", txt}, upload{"brief.pdf", "text/plain", pdf}, upload{"paper.docx", "image/png", doc})
	emptyDir(t, tmp, "a good upload")

	// Not yet published: nothing for the public, everything for staff.
	if resp, _ := a.Get(t, a.Client(), fileURL(id, 1)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished input's file: %d, want 404", resp.StatusCode)
	}
	if resp, body := a.Get(t, staff, fileURL(id, 2)); resp.StatusCode != http.StatusOK || body != string(pdf) {
		t.Errorf("staff get the file: %d, %d bytes", resp.StatusCode, len(body))
	}
	_, page := a.Get(t, staff, "/admin/inputs/"+strconv.FormatInt(id, 10))
	for _, want := range []string{"notes.txt", "brief.pdf", "paper.docx", "zanzibarite spectrum", "Financing quillwort"} {
		if !strings.Contains(page, want) {
			t.Errorf("the moderation page lacks %q", want)
		}
	}
	moderate(t, a, staff, id, "publish")

	// The public: the permalink lists the files; each is served as a download.
	_, page = a.Get(t, a.Client(), "/inputs/"+strconv.FormatInt(id, 10))
	for _, want := range []string{`href="` + fileURL(id, 1) + `"`, "brief.pdf", "PDF", "DOCX", "paper.docx"} {
		if !strings.Contains(page, want) {
			t.Errorf("the permalink lacks %q", want)
		}
	}
	for n, want := range map[int][]byte{1: txt, 2: pdf, 3: doc} {
		resp, body := a.Get(t, a.Client(), fileURL(id, n))
		if resp.StatusCode != http.StatusOK || !bytes.Equal([]byte(body), want) {
			t.Fatalf("file %d: %d, %d bytes", n, resp.StatusCode, len(body))
		}
		h := resp.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") != "sandbox" ||
			!strings.HasPrefix(h.Get("Content-Disposition"), "attachment; ") || !strings.Contains(h.Get("Content-Disposition"), "filename*=UTF-8''") {
			t.Errorf("file %d headers: %v", n, h)
		}
	}
	if ct := headerOf(t, a, fileURL(id, 2), "Content-Type"); ct != "application/pdf" {
		t.Errorf("the PDF is served as %q, not what the client claimed", ct)
	}
	// The files' text is searched with the answers.
	for _, word := range []string{"zanzibarite", "quillwort", "marmoset"} {
		if _, page := a.Get(t, a.Client(), archivePath+"?q="+word); !strings.Contains(page, `href="/inputs/`+strconv.FormatInt(id, 10)+`"`) {
			t.Errorf("searching %q does not find the input by its attachment", word)
		}
	}
	if text, err := a.DB().InputAttachmentText(context.Background(), id, 1); err != nil || !strings.Contains(text, "marmoset") {
		t.Errorf("the synthesis's text: %q, %v", text, err)
	}

	participantFiles(t, a, q)
	attachmentEdits(t, a, staff, id)
	attachmentsHidden(t, a, staff, q)
	archiveZip(t, a, id)
	hostileAttachments(t, a, staff, q, tmp)
}

// archiveZip: the archive offers the open data with the files as a zip,
// holding the published files and no secretariat-only or rejected one.
func archiveZip(t *testing.T, a *apptest.App, id int64) {
	t.Helper()
	if _, page := a.Get(t, a.Client(), archivePath); !strings.Contains(page, `href="`+archivePath+`.zip"`) {
		t.Error("the archive does not offer the zip")
	}
	resp, body := a.Get(t, a.Client(), archivePath+".zip")
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" || err != nil {
		t.Fatalf("the zip: %d %v", resp.StatusCode, err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	joined := strings.Join(names, " ")
	prefix := "attachments/" + strconv.FormatInt(id, 10) + "/"
	for _, want := range []string{"inputs.json", prefix + "1-notes.txt", prefix + "2-brief.pdf"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the zip lacks %s: %s", want, joined)
		}
	}
	for _, secret := range []string{"secret.txt", "spam.txt", "annex.txt"} {
		if strings.Contains(joined, secret) {
			t.Errorf("the open-data zip holds %s", secret)
		}
	}
}

func headerOf(t *testing.T, a *apptest.App, path, name string) string {
	t.Helper()
	resp, _ := a.Get(t, a.Client(), path)
	return resp.Header.Get(name)
}

// attachmentEdits edits input id through its edit link: one file
// removed, one added. The new version is not published yet, so the public
// still gets the published version's files only.
func attachmentEdits(t *testing.T, a *apptest.App, staff *http.Client, id int64) {
	t.Helper()
	edit := a.App.Web.URLs.InputEditPath(id, time.Now().Add(time.Hour))
	_, page := a.Get(t, a.Client(), edit)
	if !strings.Contains(page, `name="remove_attachment" value="1"`) || !strings.Contains(page, "notes.txt") {
		t.Fatalf("the edit form does not list the current files:\n%s", page)
	}
	c, err := a.DB().InputByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"answer_" + strconv.FormatInt(c.Current.Answers[0].QuestionID, 10): {"Edited answer."},
		"language": {"en"}, "publication": {"named"}, "remove_attachment": {"1"}}
	resp, body := postFiles(t, a, a.Client(), edit, form, upload{"annex.txt", "text/plain", []byte("A later annex.")})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("edit with files: %d %s", resp.StatusCode, body)
	}
	files, err := a.DB().InputAttachments(context.Background(), id, 2)
	if err != nil || len(files) != 3 || files[0].N != 2 || files[2].N != 4 || files[2].Name != "annex.txt" {
		t.Fatalf("version 2's files: %+v, %v", files, err)
	}
	if resp, _ := a.Get(t, a.Client(), fileURL(id, 4)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished version's file: %d, want 404", resp.StatusCode)
	}
	if resp, _ := a.Get(t, a.Client(), fileURL(id, 1)); resp.StatusCode != http.StatusOK {
		t.Errorf("the published version's file, removed in the draft: %d, want 200", resp.StatusCode)
	}
	if resp, _ := a.Get(t, staff, fileURL(id, 4)); resp.StatusCode != http.StatusOK {
		t.Errorf("staff get the new version's file: %d", resp.StatusCode)
	}
}

// attachmentsHidden: a secretariat-only input's files, a rejected one's
// and guessed addresses are 404 to the public.
func attachmentsHidden(t *testing.T, a *apptest.App, staff *http.Client, q int64) {
	t.Helper()
	private := submitFiles(t, a, staff, onBehalfForm(q, "Only for the secretariat.", "private"), upload{"secret.txt", "text/plain", []byte("secret")})
	moderate(t, a, staff, private, "publish")
	rejected := submitFiles(t, a, staff, onBehalfForm(q, "To be rejected.", "named"), upload{"spam.txt", "text/plain", []byte("spam")})
	moderate(t, a, staff, rejected, "publish")
	moderate(t, a, staff, rejected, "reject")
	for _, path := range []string{fileURL(private, 1), fileURL(rejected, 1), fileURL(999999, 1), fileURL(private, 0),
		"/inputs/" + strconv.FormatInt(private, 10) + "/attachments/x"} {
		if resp, body := a.Get(t, a.Client(), path); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "secret.txt") {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
}

// participantFiles: the public form offers files; a participant's signed
// form takes them.
func participantFiles(t *testing.T, a *apptest.App, q int64) {
	t.Helper()
	_, page := a.Get(t, a.Client(), archivePath+"/new")
	if !strings.Contains(page, `enctype="multipart/form-data"`) || !strings.Contains(page, `type="file" id="f-attachments" name="attachments" multiple`) {
		t.Error("the public form offers no files")
	}
	token := inputsParticipantToken(t, a, "lucia@example.org")
	form := url.Values{"answer_" + strconv.FormatInt(q, 10): {"A xylophonic participant answer."}, "organization": {"CEPAL"},
		"language": {"es"}, "publication": {"named"}}
	resp, body := postFiles(t, a, a.Client(), archivePath+"/new/"+token, form, upload{"anexo.odt", "text/plain", odtText(t, "Anexo regional")})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("participant with a file: %d %s", resp.StatusCode, body)
	}
	hits, _, _, err := a.DB().Inputs(context.Background(), store.InputFilter{Query: "xylophonic"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("the participant's input: %d, %v", len(hits), err)
	}
	files, err := a.DB().InputAttachments(context.Background(), hits[0].ID, 1)
	if err != nil || len(files) != 1 || files[0].MediaType != "application/vnd.oasis.opendocument.text" || files[0].Preview != "Anexo regional" {
		t.Errorf("the participant's file: %+v %v", files, err)
	}
}
