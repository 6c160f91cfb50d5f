package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/consulta/consulta/internal/opinion"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/store"
)

// opinionsCommands are the subcommands of `consulta opinions`. analyse is
// in opinions_analyse.go:
//
//	func runOpinionsAnalyse(ctx context.Context, args []string, e env) error
func opinionsCommands() []command {
	return []command{
		{"import-polis", "load a Pol.is open-data folder into a consultation: import-polis DIR --into SLUG", runOpinionsImportPolis},
		{"export-polis", "write a consultation's opinion map as Pol.is open data: export-polis --from SLUG --out DIR", runOpinionsExportPolis},
		{"analyse", "compute the opinion map of a Pol.is open-data folder: analyse --polis DIR [--json] [--groups-from-export]", runOpinionsAnalyse},
	}
}

// runOpinions dispatches `consulta opinions <subcommand> …`.
func runOpinions(ctx context.Context, args []string, e env) error {
	if len(args) > 0 {
		for _, c := range opinionsCommands() {
			if c.name == args[0] {
				return c.run(ctx, args[1:], e)
			}
		}
	}
	var b strings.Builder
	b.WriteString("usage: consulta opinions <subcommand> [flags]; subcommands:")
	for _, c := range opinionsCommands() {
		fmt.Fprintf(&b, "\n  %-13s %s", c.name, c.summary)
	}
	switch {
	case len(args) == 0:
		return errors.New(b.String())
	case args[0] == "help" || args[0] == "-h" || args[0] == "--help":
		fmt.Fprintln(e.stdout, b.String())
		return nil
	}
	return fmt.Errorf("unknown subcommand %q\n%s", args[0], b.String())
}

// runOpinionsImportPolis: `consulta opinions import-polis DIR --into SLUG`.
func runOpinionsImportPolis(ctx context.Context, args []string, e env) error {
	const use = "usage: consulta opinions import-polis DIR --into SLUG"
	var cfg config.Config
	fs := newFlags("opinions import-polis", &cfg, e)
	into := fs.String("into", "", "slug of the consultation whose opinion map receives the data")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *into == "" {
		return fmt.Errorf("%s (a folder with comments.csv and votes.csv)", use)
	}
	export, err := polis.Read(pos[0])
	if err != nil {
		return err
	}
	db, c, err := openConsultation(ctx, &cfg, *into)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.ImportPolis(ctx, c.ID, export, time.Now())
	switch {
	case errs.Is(err, errs.Conflict):
		return fmt.Errorf("consultation %q already has an opinion map (participants or statements); import only into one without", *into)
	case errs.Is(err, errs.Invalid):
		return fmt.Errorf("%s is inconsistent: %w", pos[0], err)
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d participants, %d statements and %d votes into %s; its opinion map is enabled\n",
		st.Participants, st.Statements, st.Votes, *into)
	return nil
}

// runOpinionsExportPolis: `consulta opinions export-polis --from SLUG --out DIR`.
func runOpinionsExportPolis(ctx context.Context, args []string, e env) error {
	var cfg config.Config
	fs := newFlags("opinions export-polis", &cfg, e)
	from := fs.String("from", "", "slug of the consultation to export")
	out := fs.String("out", "", "folder to write (created if needed; files of the same names are replaced)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *from == "" || *out == "" {
		return errors.New("usage: consulta opinions export-polis --from SLUG --out DIR")
	}
	db, c, err := openConsultation(ctx, &cfg, *from)
	if err != nil {
		return err
	}
	defer db.Close()
	export, err := db.ExportPolis(ctx, c.ID)
	if err != nil {
		return err
	}
	// Pol.is's exports carry each participant's group and each comment's
	// group-informed consensus; ours carry Consulta's.
	res, err := exportedMap(ctx, db, c.ID, export)
	if err != nil {
		return err
	}
	groups, gic := map[int]int{}, map[int]float64{}
	for _, p := range res.Participants {
		if p.Group >= 0 {
			groups[p.PID] = p.Group
		}
	}
	for _, st := range res.Statements {
		gic[st.TID] = st.GroupInformedConsensus
	}
	export.SetGroups(groups)
	export.SetGroupInformedConsensus(gic)
	if err := polis.Write(*out, export); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, %s (%d statements), %s (%d votes), %s (%d participants)\n", *out,
		polis.SummaryFile, polis.CommentsFile, len(export.Comments), polis.VotesFile, len(export.Votes),
		polis.ParticipantsVotesFile, len(export.Participants))
	return nil
}

// openConsultation opens the store and finds the consultation by slug.
func openConsultation(ctx context.Context, cfg *config.Config, slug string) (*store.DB, *consultation.Consultation, error) {
	db, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	c, err := db.ConsultationHeadBySlug(ctx, slug)
	if err != nil {
		db.Close()
		if errs.Is(err, errs.NotFound) {
			return nil, nil, fmt.Errorf("no consultation with slug %q", slug)
		}
		return nil, nil, err
	}
	return db, c, nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (`import-polis DIR --into SLUG`) and returns the
// positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// exportedMap is the map an export carries: the stored one — the map the
// pages show, the same on every instance — when it was computed from the
// data as it is now; otherwise one computed from the exported votes.
func exportedMap(ctx context.Context, db *store.DB, consultationID int64, export *polis.Export) (*opinion.Result, error) {
	snap, err := db.OpinionSnapshot(ctx, consultationID)
	switch {
	case errs.Is(err, errs.NotFound):
		return opinion.Analyse(export.Input()), nil
	case err != nil:
		return nil, err
	}
	fp, err := db.OpinionFingerprint(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	if fp != snap.Fingerprint {
		return opinion.Analyse(export.Input()), nil
	}
	return snap.Result, nil
}
