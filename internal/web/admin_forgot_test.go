package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// "Forgot password": the same answer whether the account exists or not,
// one emailed one-hour link per account per hour, the existing
// set-password page behind it, and the link masked in the outbox.
func TestForgotPassword(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			testForgotPassword(t, apptest.Start(t, apptest.Options{DB: dbtest.AppDB(t, engine)}))
		})
	}
}

func testForgotPassword(t *testing.T, a *apptest.App) {
	a.AddStaff(t, "officer@example.org", adminPassword, "secretariat")
	c := a.Client()
	if _, login := a.Get(t, c, "/admin/login"); !strings.Contains(login, `href="/admin/forgot-password"`) {
		t.Fatal("the sign-in page has no forgot-password link")
	}
	ask := func(email string) (int, string) {
		resp := a.PostForm(t, c, "/admin/forgot-password", url.Values{"email": {email}})
		return resp.StatusCode, readBody(t, resp)
	}
	status, known := ask("Officer@example.org")
	statusUnknown, unknown := ask("nobody@example.org")
	if status != http.StatusOK || statusUnknown != http.StatusOK ||
		strings.ReplaceAll(known, "officer@example.org", "X") != strings.ReplaceAll(unknown, "nobody@example.org", "X") {
		t.Fatalf("the answers differ: %d %d", status, statusUnknown)
	}
	if status, body := ask("not an address"); status != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter an email address") {
		t.Fatalf("a bad address: %d", status)
	}
	email := waitEmail(t, a, "officer@example.org", 1)[0]
	link := linkIn(t, email.Message.Text, "/admin/set-password/")
	// Asked again within the hour: River takes no second job, and no second email goes.
	ask("officer@example.org")
	var jobs int
	if err := a.DB().Writer().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM river_job WHERE kind = 'account_password_reset'`).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	if jobs != 1 {
		t.Errorf("%d reset jobs for one account within the hour", jobs)
	}
	time.Sleep(500 * time.Millisecond)
	waitEmail(t, a, "officer@example.org", 1)

	// The outbox shows the email to staff who may read it, without the link.
	reader := staffClient(t, a, "reader@example.org", "admin")
	_, page := a.Get(t, reader, "/admin/outbox/"+strconv.FormatInt(email.ID, 10))
	token := strings.TrimPrefix(strings.SplitN(link, "?", 2)[0], "/admin/set-password/")
	if strings.Contains(page, token) || strings.Contains(page, "/admin/set-password/") ||
		!strings.Contains(page, "[link hidden: only its recipient may use it]") || !strings.Contains(page, "Choose a new password") {
		t.Fatal("the outbox shows the reset link, or not the email")
	}

	// The link opens the set-password page; the new password signs in.
	if resp, body := a.Get(t, c, link); resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="new_password"`) {
		t.Fatalf("GET the link: %d", resp.StatusCode)
	}
	next := "a new long password 2026"
	resp := a.PostForm(t, c, strings.SplitN(link, "?", 2)[0], url.Values{"new_password": {next}, "confirm_password": {next}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set the password: %d", resp.StatusCode)
	}
	if resp, _ := signIn(t, a, a.Client(), "officer@example.org", next); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in with the new password: %d", resp.StatusCode)
	}
	if resp, _ := a.Get(t, c, link); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the used link still works: %d", resp.StatusCode)
	}
}
