package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
)

const tokenUsage = "usage: consulta token add --email E [--expires 90d] | token list --email E | token revoke (--id ID | --email E)"

// runToken: `consulta token add|list|revoke`.
func runToken(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return errors.New(tokenUsage)
	}
	switch args[0] {
	case "add":
		return tokenAdd(ctx, args[1:], e)
	case "list":
		return tokenList(ctx, args[1:], e)
	case "revoke":
		return tokenRevoke(ctx, args[1:], e)
	}
	return errors.New(tokenUsage)
}

// tokenCommand parses a token subcommand's flags (declared by flags) and
// opens the store.
func tokenCommand(ctx context.Context, name string, args []string, e env, flags func(fs *flag.FlagSet)) (*store.DB, error) {
	var cfg config.Config
	fs := newFlags("token "+name, &cfg, e)
	flags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return openStore(ctx, &cfg)
}

// staffAccount loads the account of an address, with an error that says
// how to make one.
func staffAccount(ctx context.Context, db *store.DB, email string) (*store.User, error) {
	u, err := db.UserByEmail(ctx, strings.ToLower(email))
	if err != nil {
		return nil, fmt.Errorf("no staff account for %q (create it with consulta user add)", email)
	}
	return u, nil
}

// tokenAdd prints a new API token as the last line of its output.
func tokenAdd(ctx context.Context, args []string, e env) error {
	var email, expires string
	db, err := tokenCommand(ctx, "add", args, e, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "staff member's email")
		// 90 days: long enough for a consultation cycle, short enough that
		// a forgotten token dies.
		fs.StringVar(&expires, "expires", "90d", "how long the token works: days (90d) or a Go duration (36h)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	life, err := parseLife(expires)
	if err != nil {
		return err
	}
	u, err := staffAccount(ctx, db, email)
	if err != nil {
		return err
	}
	secret, until := links.NewSecret(), time.Now().Add(life).UTC()
	if err := db.AddToken(ctx, u.ID, store.TokenAPI, links.Hash(secret), &until); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "API token %s for %s (%s), valid until %s; revoke it with consulta token revoke --id %s\n"+
		"shown once; send it as Authorization: Bearer TOKEN:\n%s\n",
		store.TokenID(links.Hash(secret)), u.Email, u.Role, until.Format(time.RFC3339), store.TokenID(links.Hash(secret)), secret)
	return nil
}

// parseLife reads --expires: a number of days ("90d") or a Go duration.
func parseLife(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, perr := strconv.Atoi(days)
		d, err = time.Duration(n)*24*time.Hour, perr
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--expires %q: want a positive number of days (90d) or a duration (36h)", s)
	}
	return d, nil
}

// tokenList prints the ids and expiries of an account's API tokens.
func tokenList(ctx context.Context, args []string, e env) error {
	var email string
	db, err := tokenCommand(ctx, "list", args, e, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "staff member's email")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := staffAccount(ctx, db, email)
	if err != nil {
		return err
	}
	list, err := db.Tokens(ctx, u.ID, store.TokenAPI)
	if err != nil {
		return err
	}
	for _, t := range list {
		until := "never"
		if t.ExpiresAt != nil {
			until = t.ExpiresAt.Format(time.RFC3339)
		}
		fmt.Fprintf(e.stdout, "%s\tcreated %s\texpires %s\n", t.ID, t.CreatedAt.Format(time.RFC3339), until)
	}
	return nil
}

// tokenRevoke deletes one API token by id, or every token of an account.
func tokenRevoke(ctx context.Context, args []string, e env) error {
	var id, email string
	db, err := tokenCommand(ctx, "revoke", args, e, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "id", "", "the token's id (printed by token add and token list)")
		fs.StringVar(&email, "email", "", "revoke every token of this staff member")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if (id == "") == (email == "") {
		return errors.New(tokenUsage)
	}
	if id != "" {
		if err := db.RevokeToken(ctx, id); err != nil {
			return fmt.Errorf("no API token with id %q", id)
		}
		fmt.Fprintf(e.stdout, "revoked token %s\n", id)
		return nil
	}
	u, err := staffAccount(ctx, db, email)
	if err != nil {
		return err
	}
	n, err := db.RevokeTokens(ctx, u.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "revoked %d token(s) of %s\n", n, u.Email)
	return nil
}
