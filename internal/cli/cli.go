// Package cli is Consulta's command line: one file per subcommand, and the
// only place where the pieces are wired together.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/store"
)

// Version is set at build time with -ldflags "-X ...cli.Version=…".
var Version = "dev"

// env bundles what a subcommand gets from the outside world.
type env struct {
	lookup config.Env
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, e env) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server", runServe},
		{"migrate", "create or update the database schema", runMigrate},
		{"demo", "load the WSIS+20 demo data into an empty database", runDemo},
		{"user", "manage staff accounts: user add --email E --role admin; user limit --email E --consultation SLUG", runUser},
		{"token", "manage API tokens: token add --email E [--expires 90d] | list --email E | revoke (--id ID | --email E)", runToken},
		{"bench", "run a benchmark: bench register [--db URL] [--json] | bench mail [--count N] [--db URL] [--json] | bench opinions [--participants N] [--statements M] [--votes V] [--json]", runBench},
		{"opinions", "opinion map data: opinions import-polis DIR --into SLUG, export-polis, analyse", runOpinions},
		{"export", "export data: export inputs --review SLUG --format json|csv|xlsx [--out FILE] [--complete]", runExport},
		{"report", "the synthesis report: report --review SLUG --format html|md|docx|json [--out FILE] [--lang en]", runReport},
		{"import", "import data: import inputs FILE (a complete export of inputs)", runImport},
		{"version", "print the version", runVersion},
	}
}

// Run executes the subcommand in args and returns the process exit code.
func Run(ctx context.Context, args []string, lookup config.Env, stdout, stderr io.Writer) int {
	e := env{lookup: lookup, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if err := c.run(ctx, args[1:], e); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return 0
				}
				fmt.Fprintf(stderr, "consulta %s: %v\n", c.name, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "consulta: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: consulta <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --data DIR and --db URL (env CONSULTA_DATA, CONSULTA_DB).")
}

// newFlags makes a flag set for a subcommand with the storage flags.
func newFlags(name string, cfg *config.Config, e env) *flag.FlagSet {
	fs := flag.NewFlagSet("consulta "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.AddStorageFlags(fs, e.lookup)
	return fs
}

// openStore validates the config, connects and migrates (schema and job
// tables), so every command works on a fresh database.
func openStore(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	err = db.WithMigrationLock(ctx, func() error {
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		return jobs.Migrate(ctx, db)
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func runVersion(ctx context.Context, args []string, e env) error {
	fmt.Fprintln(e.stdout, "consulta", Version)
	return nil
}

func runMigrate(ctx context.Context, args []string, e env) error {
	var cfg config.Config
	if err := newFlags("migrate", &cfg, e).Parse(args); err != nil {
		return err
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "database schema is up to date (%s)\n", db.Dialect())
	return nil
}
