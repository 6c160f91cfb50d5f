package web

import (
	"context"
	"net/http"
	"net/mail"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/store"
)

func (s *Server) forgotForm(r *http.Request) *adminForm {
	p := langFrom(r.Context(), s.Catalog)
	f := newAdminForm(p.T("account.forgot.title"), "/admin/forgot-password", p.T("account.forgot.submit"))
	email := field(p, "email", "email", true)
	email.Auto, email.Hint = "username", p.T("account.forgot.hint")
	f.Sets = []adminFieldset{{Fields: []adminField{email}}}
	f.After = []adminOption{{Value: "/admin/login", Label: p.T("account.forgot.back")}}
	return f
}

// showForgotPassword asks for the address of the account.
func (s *Server) showForgotPassword(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.renderForm(w, r, http.StatusOK, s.forgotForm(r))
}

// submitForgotPassword emails a link to choose a new password. The answer
// is the same whether an account has this address or not, so the form
// tells no one who has an account.
func (s *Server) submitForgotPassword(w http.ResponseWriter, r *http.Request) {
	f := s.forgotForm(r)
	f.readValues(r)
	email := strings.ToLower(f.Values["email"])
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		f.setErrors(map[string]string{"email": "error.email"})
		s.renderForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err := s.requestPasswordReset(r.Context(), email, langFrom(r.Context(), s.Catalog).Lang()); err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	s.render(w, r, http.StatusOK, "admin_notice", s.newPage(r, p.T("account.forgot.sent_title"),
		[]string{p.T("account.forgot.sent", "Email", email), p.T("account.forgot.sent_expiry")}))
}

// requestPasswordReset stores a one-hour set-password token for the
// account with this address, if there is one, and enqueues its email in
// the same transaction. River lets one such email per account through
// per hour; a token whose email was not sent is never known to anyone
// and expires within the hour.
func (s *Server) requestPasswordReset(ctx context.Context, email, lang string) error {
	u, err := s.DB.UserByEmail(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if s.Mail == nil {
		return errs.E(errs.Internal, "error.internal")
	}
	secret := links.NewSecret()
	expires := s.Now().Add(messages.PasswordResetTTL)
	return s.DB.WithTx(ctx, func(ctx context.Context) error {
		if err := s.DB.AddToken(ctx, u.ID, store.TokenSetPassword, links.Hash(secret), &expires); err != nil {
			return err
		}
		return s.Mail.Enqueue(ctx, messages.PasswordReset{UserID: u.ID, Email: u.Email, Lang: lang, Token: secret})
	})
}
