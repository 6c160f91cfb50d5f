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
	"github.com/consulta/consulta/internal/store"
)

// Roles staff accounts can have.
func roles() []string { return []string{"admin", "moderator", "rapporteur"} }

// runUser: `consulta user add --email E --role admin` prints a one-time link
// to set the password.
func runUser(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: consulta user add --email E [--role admin|moderator|rapporteur] [--name N] [--base-url URL]")
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

func validRole(r string) bool {
	for _, x := range roles() {
		if x == r {
			return true
		}
	}
	return false
}

// runToken: `consulta token add --email E` prints a new API token as the
// last line of its output.
func runToken(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: consulta token add --email E")
	}
	var cfg config.Config
	fs := newFlags("token add", &cfg, e)
	email := fs.String("email", "", "staff member's email")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, strings.ToLower(*email))
	if err != nil {
		return fmt.Errorf("no staff account for %q (create it with consulta user add)", *email)
	}
	secret := links.NewSecret()
	if err := db.AddToken(ctx, u.ID, store.TokenAPI, links.Hash(secret), nil); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "API token for %s (shown once; send it as Authorization: Bearer TOKEN):\n%s\n", u.Email, secret)
	return nil
}
