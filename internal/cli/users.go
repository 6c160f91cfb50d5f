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

const userUsage = `usage: consulta user add --email E [--role admin|secretariat|moderator|rapporteur] [--name N] [--consultation SLUG] [--base-url URL]
       consulta user limit --email E --consultation SLUG   (a moderator or rapporteur; --consultation "" lifts the limit)`

// runUser: `consulta user add --email E --role admin` prints a one-time link
// to set the password; `consulta user limit` limits a moderator or
// rapporteur to one consultation.
func runUser(ctx context.Context, args []string, e env) error {
	switch {
	case len(args) > 0 && args[0] == "add":
		return addUser(ctx, args[1:], e)
	case len(args) > 0 && args[0] == "limit":
		return limitUser(ctx, args[1:], e)
	}
	return errors.New(userUsage)
}

func addUser(ctx context.Context, args []string, e env) error {
	var cfg config.Config
	fs := newFlags("user add", &cfg, e)
	cfg.AddBaseURLFlag(fs, e.lookup)
	email := fs.String("email", "", "staff member's email")
	role := fs.String("role", "admin", "role: "+strings.Join(roles(), ", "))
	name := fs.String("name", "", "display name")
	limit := fs.String("consultation", "", "limit a moderator or rapporteur to this consultation (its slug)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !consultation.ValidEmail(strings.ToLower(*email)) {
		return fmt.Errorf("--email %q is not a valid address", *email)
	}
	if !validRole(*role) {
		return fmt.Errorf("--role must be one of %s", strings.Join(roles(), ", "))
	}
	if *limit != "" && !staff.Role(*role).Limitable() {
		return errors.New("--consultation: only a moderator or rapporteur can be limited to one consultation")
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &store.User{Email: strings.ToLower(*email), Name: *name, Role: *role}
	if u.ConsultationID, err = limitOf(ctx, db, *limit); err != nil {
		return err
	}
	if err := db.CreateUser(ctx, u); err != nil {
		return err
	}
	secret := links.NewSecret()
	expires := time.Now().Add(72 * time.Hour)
	if err := db.AddToken(ctx, u.ID, store.TokenSetPassword, links.Hash(secret), &expires); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s (%s%s)\nset the password within 72 hours at:\n%s/admin/set-password/%s\n", u.Email, u.Role,
		limitNote(*limit), cfg.BaseURL, secret)
	return nil
}

// limitUser sets or lifts an account's limit to one consultation.
func limitUser(ctx context.Context, args []string, e env) error {
	var cfg config.Config
	fs := newFlags("user limit", &cfg, e)
	email := fs.String("email", "", "staff member's email")
	limit := fs.String("consultation", "", `the consultation's slug; "" lifts the limit`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, *email)
	if err != nil {
		return fmt.Errorf("no staff account %q: %w", *email, err)
	}
	id, err := limitOf(ctx, db, *limit)
	if err != nil {
		return err
	}
	if err := db.SetUserScope(ctx, u.ID, id); err != nil {
		if !staff.Role(u.Role).Limitable() {
			return fmt.Errorf("%s is %s: only a moderator or rapporteur can be limited to one consultation", u.Email, u.Role)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "%s (%s)%s\n", u.Email, u.Role, map[bool]string{true: limitNote(*limit), false: ", every consultation"}[id != 0])
	return nil
}

// limitOf is the id of the consultation slug names, 0 for none.
func limitOf(ctx context.Context, db *store.DB, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	c, err := db.ConsultationHeadBySlug(ctx, slug)
	if err != nil {
		return 0, fmt.Errorf("--consultation %q: %w", slug, err)
	}
	return c.ID, nil
}

func limitNote(slug string) string {
	if slug == "" {
		return ""
	}
	return ", limited to " + slug
}

func validRole(r string) bool { return staff.Role(r).Valid() }
