package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

// Roles staff accounts can have: internal/staff's table says what each may do.
func roles() []string {
	var out []string
	for _, r := range staff.Roles() {
		out = append(out, string(r))
	}
	return out
}

// runUser: `consulta user add --email E --role admin` prints a one-time link
// to set the password.
func runUser(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: consulta user add --email E [--role admin|secretariat|moderator|rapporteur] [--name N] [--base-url URL]")
	}
	var cfg config.Config
	fs := newFlags("user add", &cfg, e)
	cfg.AddBaseURLFlag(fs, e.lookup)
	email := fs.String("email", "", "staff member's email")
	role := fs.String("role", "admin", "role: "+strings.Join(roles(), ", "))
	name := fs.String("name", "", "display name")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if !consultation.ValidEmail(strings.ToLower(*email)) {
		return fmt.Errorf("--email %q is not a valid address", *email)
	}
	if !validRole(*role) {
		return fmt.Errorf("--role must be one of %s", strings.Join(roles(), ", "))
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &store.User{Email: strings.ToLower(*email), Name: *name, Role: *role}
	if err := db.CreateUser(ctx, u); err != nil {
		return err
	}
	secret := links.NewSecret()
	expires := time.Now().Add(72 * time.Hour)
	if err := db.AddToken(ctx, u.ID, store.TokenSetPassword, links.Hash(secret), &expires); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s (%s)\nset the password within 72 hours at:\n%s/admin/set-password/%s\n", u.Email, u.Role, cfg.BaseURL, secret)
	return nil
}

func validRole(r string) bool { return staff.Role(r).Valid() }
