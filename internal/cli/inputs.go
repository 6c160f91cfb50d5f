package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// runExport: `consulta export inputs --review SLUG --format json|csv|xlsx|zip
// [--out FILE] [--complete]`. zip is the open data with the public
// inputs' files; the complete JSON carries every file (base64).
func runExport(ctx context.Context, args []string, e env) error {
	const use = "usage: consulta export inputs --review SLUG --format json|csv|xlsx|zip [--out FILE] [--complete]\n" +
		"  zip: the open data (inputs.json, inputs.csv) with the files of the published inputs;\n" +
		"  --complete: the secretariat's export; its json holds every version's files (base64) for consulta import inputs"
	if len(args) == 0 || args[0] != "inputs" {
		return errors.New(use)
	}
	var cfg config.Config
	fs := newFlags("export inputs", &cfg, e)
	cfg.AddBaseURLFlag(fs, e.lookup)
	review := fs.String("review", "", "slug of the review")
	format := fs.String("format", "json", "json, csv, xlsx, or zip (open data with the published files)")
	out := fs.String("out", "", "file to write (default: standard output)")
	complete := fs.Bool("complete", false, "the secretariat's export: every input, personal data, versions, files (json: base64) and log")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	formats := inputs.OpenDataFormats()
	if *complete {
		formats = inputs.Formats()
	}
	if *review == "" || !slices.Contains(formats, *format) || fs.NArg() > 0 {
		return errors.New(use)
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return writeExport(ctx, db, cfg.BaseURL, *review, *format, *complete, *out, e.stdout)
}

// writeExport writes review's export to path, or to stdout when path is
// "". A file is written whole or not at all: to a temporary name, then
// renamed.
func writeExport(ctx context.Context, db *store.DB, base, slug, format string, complete bool, path string, stdout io.Writer) error {
	rv, err := db.ReviewBySlug(ctx, slug)
	if err != nil {
		return fmt.Errorf("review %q: %w", slug, err)
	}
	urls := links.NewURLs(base, nil)
	refs, err := db.InputRefs(ctx, func(id int64) string { return urls.Absolute(links.InputPath(id), "") })
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		now := time.Now().UTC()
		if complete {
			list, err := db.InputsComplete(ctx, rv.ID, refs)
			if err != nil {
				return err
			}
			return inputs.WriteComplete(w, format, inputs.Complete{Review: slug, GeneratedAt: now, Inputs: list})
		}
		list, err := db.InputsOpenData(ctx, rv.ID, refs)
		if err != nil {
			return err
		}
		d := inputs.OpenData{Licence: inputs.Licence, LicenceURL: inputs.LicenceURL, Review: slug, GeneratedAt: now, Inputs: list}
		if format == "zip" {
			return inputs.WriteOpenDataZip(w, d, func(id int64, version, n int) ([]byte, error) {
				a, err := db.InputAttachmentFile(ctx, id, version, n)
				if err != nil {
					return nil, err
				}
				return a.Content, nil
			})
		}
		return inputs.WriteOpenData(w, format, d)
	}
	if path == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return writeFileAtomically(path, write)
}

func writeFileAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(dirOf(path), ".consulta-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i+1]
	}
	return "."
}

// runImport: `consulta import inputs FILE`, FILE a complete JSON export.
func runImport(ctx context.Context, args []string, e env) error {
	const use = "usage: consulta import inputs FILE (a complete export: consulta export inputs --complete --format json)"
	if len(args) == 0 || args[0] != "inputs" {
		return errors.New(use)
	}
	var cfg config.Config
	fs := newFlags("import inputs", &cfg, e)
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New(use)
	}
	data, err := readComplete(pos[0])
	if err != nil {
		return err
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := importedInputs(ctx, db, data)
	if err != nil {
		return err
	}
	err = db.ImportInputs(ctx, list)
	if err == nil {
		err = db.AnalyzeInputs(ctx)
	}
	switch {
	case errs.Is(err, errs.Conflict):
		return errors.New("some of these inputs are already in the database (same numbers); import only into a database without them")
	case errs.Is(err, errs.Invalid):
		return fmt.Errorf("the export answers questions this database does not have: %w", err)
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d inputs into review %s\n", len(list), data.Review)
	return nil
}

func readComplete(path string) (*inputs.Complete, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var d inputs.Complete
	dec := json.NewDecoder(bufio.NewReader(f))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%s: not a complete export of inputs: %w", path, err)
	}
	if !d.Complete {
		return nil, fmt.Errorf("%s is the open-data export, which leaves out what the secretariat needs; import a --complete export", path)
	}
	return &d, nil
}

// importedInputs turns the records back into inputs of this database,
// finding the review and consultations by slug.
func importedInputs(ctx context.Context, db *store.DB, d *inputs.Complete) ([]store.ImportedInput, error) {
	rv, err := db.ReviewBySlug(ctx, d.Review)
	if err != nil {
		return nil, fmt.Errorf("review %q: %w", d.Review, err)
	}
	consultations := map[string]int64{}
	var list []store.ImportedInput
	for _, r := range d.Inputs {
		in := recordInput(r, rv.ID)
		if r.Consultation != "" {
			id, ok := consultations[r.Consultation]
			if !ok {
				c, err := db.ConsultationHeadBySlug(ctx, r.Consultation)
				if err != nil {
					return nil, fmt.Errorf("consultation %q: %w", r.Consultation, err)
				}
				id, consultations[r.Consultation] = c.ID, c.ID
			}
			in.ConsultationID = id
		}
		for _, v := range r.Versions {
			if v.Number == r.Version {
				in.Current = v
			}
		}
		list = append(list, store.ImportedInput{Input: in, Versions: r.Versions, Log: r.Log})
	}
	return list, nil
}

func recordInput(r inputs.StaffRecord, reviewID int64) *inputs.Input {
	return &inputs.Input{ID: r.ID, ReviewID: reviewID, AuthorName: r.AuthorName, AuthorEmail: r.AuthorEmail,
		Organization: r.Organization, StakeholderGroup: stakeholder.Group(r.StakeholderGroup), Country: r.Country,
		Region: r.Region, Publication: inputs.Publication(r.Publication), Status: inputs.Status(r.Status),
		Source: inputs.Source(r.Source), Via: r.ReceivedVia, ReceivedAt: r.ReceivedAt, RegistrationID: r.RegistrationID,
		EnteredBy: r.EnteredBy, Current: inputs.Version{Number: r.Version}, PublishedVersion: r.PublishedVersion,
		PublishedAt: r.PublishedAt, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}
