package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
)

// errSignInFailed is an unknown address or a wrong password, told apart
// to no one.
var errSignInFailed = errors.New("web: sign-in failed")

// minPasswordLength is the shortest password staff may choose, in characters.
const minPasswordLength = 12

// safeNext is where to go after signing in: a local /admin path only, so
// the sign-in page cannot be used to send staff to another site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.ContainsAny(next, `\`) || strings.HasPrefix(next, "//") {
		return "/admin"
	}
	if u.Path != "/admin" && !strings.HasPrefix(u.Path, "/admin/") {
		return "/admin"
	}
	return next
}

func (s *Server) loginForm(r *http.Request) *adminForm {
	p := langFrom(r.Context(), s.Catalog)
	f := newAdminForm(p.T("admin.login.title"), "/admin/login", p.T("admin.login.submit"))
	email, pw := field(p, "email", "email", true), field(p, "password", "password", true)
	email.Auto, pw.Auto = "username", "current-password"
	f.Sets = []adminFieldset{{Fields: []adminField{email, pw}}}
	f.After = []adminOption{{Value: "/admin/forgot-password", Label: p.T("account.forgot.link")}}
	return f
}

// showLogin is the sign-in form.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) {
	f := s.loginForm(r)
	f.Values["next"] = safeNext(r.URL.Query().Get("next"))
	w.Header().Set("Cache-Control", "no-store")
	s.renderForm(w, r, http.StatusOK, f)
}

// submitLogin signs a staff member in; an unknown address and a wrong
// password get the same answer, and so do their throttled attempts.
func (s *Server) submitLogin(w http.ResponseWriter, r *http.Request) {
	f := s.loginForm(r)
	f.readValues(r)
	f.Values["next"] = safeNext(r.PostFormValue("next"))
	email := strings.ToLower(f.Values["email"])
	if ok, wait := s.signIns.beginAttempt(email); !ok {
		s.signInRefused(w, r, wait)
		return
	}
	u, err := s.checkPassword(r.Context(), email, r.PostFormValue("password"))
	switch {
	case errors.Is(err, errPasswordBusy):
		s.signIns.forgive(email)
		s.passwordBusy(w, r)
		return
	case err != nil:
		f.Message = "admin.login.failed"
		s.renderForm(w, r, http.StatusUnauthorized, f)
		return
	}
	s.signIns.succeeded(email)
	s.upgradeHash(r.Context(), u, r.PostFormValue("password"))
	if err := s.signIn(r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, f.Values["next"], http.StatusSeeOther)
}

// checkPassword finds the account and compares the password, spending the
// same work whether or not the account exists. It fails with
// errPasswordBusy when the password-check budget stays full, otherwise
// with errSignInFailed.
func (s *Server) checkPassword(ctx context.Context, email, password string) (*store.User, error) {
	u, err := s.DB.UserByEmail(ctx, email)
	hash := dummyHash
	if err == nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	match, cerr := s.passwords.compare(ctx, password, hash)
	if errors.Is(cerr, errPasswordBusy) {
		return nil, cerr
	}
	if err != nil || cerr != nil || !match || hash == dummyHash {
		return nil, errSignInFailed
	}
	return u, nil
}

// upgradeHash remakes a hash kept with older argon2id parameters once its
// password is known, so a known account costs what an unknown one does
// and its check draws the same memory. A failure only leaves the old hash.
func (s *Server) upgradeHash(ctx context.Context, u *store.User, password string) {
	if !outdatedHash(u.PasswordHash) {
		return
	}
	hash, err := s.passwords.hash(ctx, password)
	if err == nil {
		err = s.DB.SetPasswordHash(ctx, u.ID, hash)
	}
	if err != nil {
		s.Logger.WarnContext(ctx, "sign-in: password hash not upgraded", "user", u.ID, "err", err)
	}
}

// signIn starts a fresh session for u (a new token defeats session fixation).
func (s *Server) signIn(r *http.Request, u *store.User) error {
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return errs.E(errs.Internal, "error.internal")
	}
	s.sessions.Put(r.Context(), sessionUserKey, u.ID)
	return nil
}

// logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// setPasswordUser is the account a set-password link belongs to.
func (s *Server) setPasswordUser(r *http.Request) (*store.User, error) {
	u, err := s.DB.UserByToken(r.Context(), store.TokenSetPassword, links.Hash(r.PathValue("token")), s.Now())
	if err != nil {
		return nil, errs.E(errs.NotFound, "link.invalid")
	}
	return u, nil
}

func (s *Server) setPasswordForm(r *http.Request, u *store.User) *adminForm {
	p := langFrom(r.Context(), s.Catalog)
	f := newAdminForm(p.T("admin.set_password.title"), "/admin/set-password/"+url.PathEscape(r.PathValue("token")),
		p.T("admin.set_password.submit"))
	pw, confirm := field(p, "new_password", "password", true), field(p, "confirm_password", "password", true)
	pw.Auto, confirm.Auto = "new-password", "new-password"
	pw.Hint = p.T("admin.hint.new_password", "Min", minPasswordLength)
	f.Sets = []adminFieldset{{Legend: p.T("admin.set_password.for", "Email", u.Email), Fields: []adminField{pw, confirm}}}
	return f
}

// showSetPassword is the form behind the link `consulta user add` prints.
func (s *Server) showSetPassword(w http.ResponseWriter, r *http.Request) {
	u, err := s.setPasswordUser(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderForm(w, r, http.StatusOK, s.setPasswordForm(r, u))
}

// submitSetPassword stores the new password, spends the link and signs in.
func (s *Server) submitSetPassword(w http.ResponseWriter, r *http.Request) {
	u, err := s.setPasswordUser(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pw := r.PostFormValue("new_password")
	if code := passwordProblem(pw, r.PostFormValue("confirm_password")); code != (problem{}) {
		f := s.setPasswordForm(r, u)
		f.setErrors(map[string]string{code.field: code.msg})
		s.renderForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err := s.storePassword(r, u, pw); errors.Is(err, errPasswordBusy) {
		s.passwordBusy(w, r)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// problem is a field and the catalog id of what is wrong with it.
type problem struct{ field, msg string }

// passwordProblem checks a new password and its confirmation.
func passwordProblem(pw, confirm string) problem {
	switch {
	case utf8.RuneCountInString(pw) < minPasswordLength:
		return problem{"new_password", "admin.error.password_short"}
	case pw != confirm:
		return problem{"confirm_password", "admin.error.password_mismatch"}
	}
	return problem{}
}

// storePassword hashes and saves pw, deletes the link and signs u in.
// Hashing takes its memory from the same budget as checking.
func (s *Server) storePassword(r *http.Request, u *store.User, pw string) error {
	hash, err := s.passwords.hash(r.Context(), pw)
	if err != nil {
		return err
	}
	if err := s.DB.SetPasswordHash(r.Context(), u.ID, hash); err != nil {
		return err
	}
	if err := s.DB.DeleteToken(r.Context(), links.Hash(r.PathValue("token"))); err != nil {
		return err
	}
	return s.signIn(r, u)
}
