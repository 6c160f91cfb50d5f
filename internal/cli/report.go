package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/synthesis"
)

// runReport: `consulta report --review SLUG --format html|md|docx|json
// [--out FILE] [--lang en]`: the synthesis report of the review's data as
// it stands, with the secretariat's stored curation.
func runReport(ctx context.Context, args []string, e env) error {
	const use = "usage: consulta report --review SLUG --format html|md|docx|json [--out FILE] [--lang LANG]"
	var cfg config.Config
	fs := newFlags("report", &cfg, e)
	cfg.AddBaseURLFlag(fs, e.lookup)
	review := fs.String("review", "", "slug of the review")
	format := fs.String("format", "", "html, md, docx or json")
	out := fs.String("out", "", "file to write (default: standard output)")
	lang := fs.String("lang", "en", "language of the report: "+fmt.Sprint(i18n.Languages()))
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *review == "" || fs.NArg() > 0:
		return errors.New(use)
	case !slices.Contains(report.Formats(), *format):
		return fmt.Errorf("unknown format %q: html, md, docx or json\n%s", *format, use)
	case !i18n.Supported(*lang):
		return fmt.Errorf("unknown language %q: one of %v\n%s", *lang, i18n.Languages(), use)
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	catalog, err := i18n.New()
	if err != nil {
		return err
	}
	countries := country.New()
	r, err := report.Build(ctx, db, *review, *lang, reportEnv(catalog, countries, newOpinionMaps(db, countries), cfg.BaseURL))
	if err != nil {
		return fmt.Errorf("review %q: %w", *review, err)
	}
	write := func(w io.Writer) error { return report.Render(w, r, *format) }
	if *out == "" {
		return write(e.stdout)
	}
	return writeFileAtomically(*out, write)
}

// reportEnv is what the report is built with: the synthesis engine, the
// catalog, the countries, the opinion maps (read, never computed) and
// the site's address, so a downloaded report's links work.
func reportEnv(catalog *i18n.Catalog, countries *country.Directory, maps *opinion.Maps, baseURL string) report.Env {
	return report.Env{Analyse: synthesis.Analyse, Catalog: catalog, Countries: countries, Maps: maps, BaseURL: baseURL}
}
