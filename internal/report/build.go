package report

import (
	"context"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/synthesis"
)

// Analyser is the synthesis engine (synthesis.Analyse).
type Analyser func(ctx context.Context, docs []synthesis.Doc, opt synthesis.Options) (*synthesis.Result, error)

// OpinionMaps give a consultation's last computed opinion map without
// computing it (opinion.Maps): nil while none has been computed.
type OpinionMaps interface {
	Get(ctx context.Context, consultationID int64) (*opinion.Snapshot, error)
}

// Env is what Build needs besides the data.
type Env struct {
	Analyse   Analyser
	Catalog   *i18n.Catalog
	Countries *country.Directory
	Maps      OpinionMaps // nil: no opinion-map statements
	// Curation, when set, replaces the stored one (the admin page tries
	// an edit before storing it; tests).
	Curation *synthesis.Curation
	Progress func(done, total int)
	// BaseURL is the site's address, Report.BaseURL: the report holds
	// paths and the renderers make them full URLs with it.
	BaseURL string
}

// Build makes the report of review reviewSlug in language lang from what
// src holds: every written input and recorded intervention of the review
// (all its consultations and the review itself), analysed with the stored
// curation, and the participation figures. What it leaves out:
// rejected, hidden and unverified inputs (neither counted nor analysed).
// Secretariat-only and not yet published inputs, and interventions whose
// record is not published, count in the figures and the themes but are
// never quoted or named. The report's time is the latest change to the
// data, never the clock, so the same data gives the same report.
func Build(ctx context.Context, src DataSource, reviewSlug, lang string, env Env) (r *Report, err error) {
	defer errs.Wrap(&err, "report.Build(%q, %q)", reviewSlug, lang)
	if !i18n.Supported(lang) {
		return nil, errs.E(errs.Invalid, "adminreport.error.lang")
	}
	b := &builder{env: env, lang: lang, p: env.Catalog.Printer(lang)}
	if err := b.load(ctx, src, reviewSlug); err != nil {
		return nil, err
	}
	curation := env.Curation
	if curation == nil {
		c, err := src.ReportCuration(ctx, b.review.ID)
		if err != nil {
			return nil, err
		}
		curation = &c
	}
	res, err := env.Analyse(ctx, b.docs, synthesis.Options{Lang: lang, Curation: *curation, Progress: env.Progress})
	if err != nil {
		return nil, err
	}
	asOf, err := src.ReportDataChanged(ctx, b.review.ID)
	if err != nil {
		return nil, err
	}
	tallies, err := src.ReportTallies(ctx, b.review.ID)
	if err != nil {
		return nil, err
	}
	r = &Report{Lang: lang, AsOf: asOf, BaseURL: env.BaseURL, Method: res.Method}
	b.fill(r, res, tallies)
	if err := b.statements(ctx, r); err != nil {
		return nil, err
	}
	FillText(r, env.Catalog)
	return r, nil
}

// builder carries what Build gathered.
type builder struct {
	env           Env
	lang          string
	p             *i18n.Printer
	review        *consultation.Review
	consultations []*consultation.Consultation
	slugOf        map[int64]string // consultation id → slug
	docs          []synthesis.Doc
	inputs        map[int64]*inputs.Input
	interventions map[int64]live.Intervention
	quotable      map[synthesis.SourceRef]bool
}

// load reads the review, its consultations, inputs and interventions and
// turns them into documents.
func (b *builder) load(ctx context.Context, src DataSource, slug string) error {
	var err error
	if b.review, err = src.ReviewBySlug(ctx, slug); err != nil {
		return err
	}
	if b.consultations, err = src.ReportConsultations(ctx, b.review.ID); err != nil {
		return err
	}
	b.slugOf = map[int64]string{}
	for _, c := range b.consultations {
		b.slugOf[c.ID] = c.Slug
	}
	b.inputs, b.interventions, b.quotable = map[int64]*inputs.Input{}, map[int64]live.Intervention{}, map[synthesis.SourceRef]bool{}
	list, err := src.ReportInputs(ctx, b.review.ID)
	if err != nil {
		return err
	}
	for _, in := range list {
		b.addInput(in)
	}
	for _, c := range b.consultations {
		if err := b.addInterventions(ctx, src, c); err != nil {
			return err
		}
	}
	return nil
}

// Analysed reports whether an input of status s is part of the report.
func Analysed(s inputs.Status) bool { return s == inputs.Submitted || s == inputs.Published }

// addInput makes one document per answer and one for the general
// comments (question 0).
func (b *builder) addInput(in *inputs.Input) {
	if !Analysed(in.Status) {
		return
	}
	b.inputs[in.ID] = in
	ref := synthesis.SourceRef{Kind: synthesis.SourceInput, ID: in.ID}
	b.quotable[ref] = in.Public()
	doc := synthesis.Doc{SourceKind: synthesis.SourceInput, SourceID: in.ID, Lang: in.Current.Language,
		Group: string(in.StakeholderGroup), Region: b.regionOf(in.Region, in.Country), Country: in.Country, Quotable: in.Public()}
	for _, a := range in.Current.Answers {
		if strings.TrimSpace(a.Text) == "" {
			continue
		}
		d := doc
		d.QuestionID, d.Text = a.QuestionID, a.Text
		b.docs = append(b.docs, d)
	}
	if strings.TrimSpace(in.Current.Comments) != "" {
		d := doc
		d.Text = in.Current.Comments
		b.docs = append(b.docs, d)
	}
}

// addInterventions makes one document per recorded intervention of c:
// its summary and key points, quotable once the record is published.
func (b *builder) addInterventions(ctx context.Context, src DataSource, c *consultation.Consultation) error {
	list, err := src.Interventions(ctx, c.ID)
	if err != nil || len(list) == 0 {
		return err
	}
	session, err := src.LiveSession(ctx, c.ID)
	if err != nil {
		return err
	}
	published := session.PublishedAt != nil
	for _, iv := range list {
		b.interventions[iv.ID] = iv
		b.quotable[synthesis.SourceRef{Kind: synthesis.SourceIntervention, ID: iv.ID}] = published
		b.docs = append(b.docs, synthesis.Doc{SourceKind: synthesis.SourceIntervention, SourceID: iv.ID,
			QuestionID: iv.QuestionID, Lang: interventionLang(c), Text: InterventionText(iv),
			Group: iv.StakeholderGroup, Region: b.regionOf("", iv.Country), Country: iv.Country, Quotable: published})
	}
	return nil
}

// InterventionText is what the synthesis reads of an intervention: its
// summary, then its key points, a paragraph each, as the closing record
// and the interventions list show them.
func InterventionText(iv live.Intervention) string {
	parts := append([]string{strings.TrimSpace(iv.Summary)}, iv.Points()...)
	return strings.Join(parts, "\n\n")
}

// interventionLang is the language the rapporteur records in: the
// consultation's original language.
func interventionLang(c *consultation.Consultation) string { return c.OriginalLang }

// regionOf is the recorded region, or the country's M49 region.
func (b *builder) regionOf(region, countryCode string) string {
	if region != "" || countryCode == "" || b.env.Countries == nil {
		return region
	}
	return b.env.Countries.Region(countryCode)
}

// InterventionPath is an intervention's anchor in the closing record.
func InterventionPath(consultationSlug string, id int64) string {
	return "/c/" + consultationSlug + "/record#intervention-" + strconv.FormatInt(id, 10)
}

// PublicPath is the published report's page.
func PublicPath(reviewSlug string) string { return "/reviews/" + reviewSlug + "/report" }
