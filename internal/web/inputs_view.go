package web

import (
	"context"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
)

// inputsReview is a review with its public consultations, as the inputs
// pages need it: the questions of all, by id, to label answers.
type inputsReview struct {
	Review        *consultation.Review
	Consultations []*consultation.Consultation
	questions     map[int64]consultation.Question
	number        map[int64]int // a question's number within its owner
}

// choices lists the review's consultations titled in lang; with a form
// path, each links to that form for the consultation.
func (ir *inputsReview) choices(lang, formPath string) []inputChoice {
	out := make([]inputChoice, 0, len(ir.Consultations))
	for _, c := range ir.Consultations {
		t, _ := c.Text(lang)
		ch := inputChoice{Slug: c.Slug, Title: t.Title}
		if formPath != "" {
			ch.URL = formPath + "?consultation=" + c.Slug
		}
		out = append(out, ch)
	}
	return out
}

// loadInputsReview loads review slug (any review: reviews have no draft
// state) and its public consultations.
func (s *Server) loadInputsReview(ctx context.Context, slug string) (*inputsReview, error) {
	rv, err := s.DB.ReviewBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	cs, err := s.DB.Consultations(ctx, store.ConsultationFilter{ReviewID: rv.ID, PublicOnly: true})
	if err != nil {
		return nil, err
	}
	ir := &inputsReview{Review: rv, Consultations: cs, questions: map[int64]consultation.Question{}, number: map[int64]int{}}
	add := func(qs []consultation.Question) {
		for i, q := range qs {
			ir.questions[q.ID], ir.number[q.ID] = q, i+1
		}
	}
	add(rv.Questions)
	for _, c := range cs {
		add(c.Questions)
	}
	return ir, nil
}

// consultation finds a public consultation of the review by slug; ""
// is none (the review as a whole).
func (ir *inputsReview) consultation(slug string) (*consultation.Consultation, error) {
	if slug == "" {
		return nil, nil
	}
	for _, c := range ir.Consultations {
		if c.Slug == slug {
			return c, nil
		}
	}
	return nil, errs.E(errs.NotFound, "consultation.not_found")
}

func (ir *inputsReview) consultationByID(id int64) *consultation.Consultation {
	for _, c := range ir.Consultations {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// target is what a form for consultation slug answers.
func (ir *inputsReview) target(slug string) (inputs.Target, error) {
	c, err := ir.consultation(slug)
	return inputs.Target{Review: ir.Review, Consultation: c}, err
}

// inputView is an input as the public sees it: the author only when
// named, never an address, and the version the public may read.
type inputView struct {
	ID                   int64
	URL                  string
	Author, Organization string // "" when anonymous
	Group                string // catalog id
	Country, Region      string // names in the reader's language
	Consultation         string // title, "" for the review as a whole
	Lang, Dir            string // of the text
	Answers              []answerView
	Comments             []string // paragraphs
	Version              int
	Published            string // localised date of publication
	PublishedAt          time.Time
	Snippet              template.HTML
}

type answerView struct {
	QuestionID int64
	Question   string
	QLang      string
	Text       string
	Paras      []string // Text in paragraphs, as the author broke it
}

// paragraphs splits a text at its blank lines (and lone line breaks).
func paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func (s *Server) viewInput(p *i18n.Printer, ir *inputsReview, in *inputs.Input, snippet string) inputView {
	v := inputView{ID: in.ID, URL: links.InputPath(in.ID), Group: in.StakeholderGroup.MessageID(),
		Country: s.Countries.Name(in.Country, p.Lang()), Region: s.Countries.RegionName(in.Region, p.Lang()),
		Lang: in.Current.Language, Dir: i18n.Dir(in.Current.Language), Comments: paragraphs(in.Current.Comments),
		Version: in.Current.Number, Snippet: highlight(snippet)}
	if in.ShowsAuthor() {
		v.Author, v.Organization = in.AuthorName, in.Organization
	}
	if in.PublishedAt != nil {
		v.PublishedAt, v.Published = *in.PublishedAt, p.Date(*in.PublishedAt)
	}
	if c := ir.consultationByID(in.ConsultationID); c != nil {
		t, _ := c.Text(p.Lang())
		v.Consultation = t.Title
	}
	v.Answers = ir.answers(p, in.Current.Answers)
	return v
}

func (ir *inputsReview) answers(p *i18n.Printer, list []inputs.Answer) []answerView {
	var out []answerView
	for _, a := range list {
		q := ir.questions[a.QuestionID]
		text, _ := q.Text(p.Lang())
		out = append(out, answerView{QuestionID: a.QuestionID, Question: text,
			QLang: contentLang(q.Texts, p.Lang(), q.OriginalLang), Text: a.Text, Paras: paragraphs(a.Text)})
	}
	return out
}

// highlight escapes a search snippet and marks the words found; markers
// that do not pair up are dropped.
func highlight(snippet string) template.HTML {
	if snippet == "" {
		return ""
	}
	var b strings.Builder
	open := false
	for _, part := range strings.SplitAfter(template.HTMLEscapeString(snippet), "") {
		switch {
		case part == string(store.MarkStart) && !open:
			b.WriteString("<mark>")
			open = true
		case part == string(store.MarkEnd) && open:
			b.WriteString("</mark>")
			open = false
		case part == string(store.MarkStart), part == string(store.MarkEnd):
		default:
			b.WriteString(part)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String()) // escaped above; only <mark> added
}

// inputFormFields are the form's fields in order, for the error summary.
func inputFormFields(qs []consultation.Question) []string {
	names := []string{"answers"}
	for _, q := range qs {
		names = append(names, inputs.AnswerField(q.ID))
	}
	return append(names, "comments", inputs.AttachmentsField, "author_name", "author_email", "organization", "stakeholder_group", "country",
		"language", "publication", "received_via", "received_at")
}

// readInputForm reads the form's fields: one answer per question shown.
func readInputForm(r *http.Request, qs []consultation.Question) inputs.Form {
	f := inputs.Form{Comments: r.PostFormValue("comments"), AuthorName: r.PostFormValue("author_name"),
		AuthorEmail: r.PostFormValue("author_email"), Organization: r.PostFormValue("organization"),
		StakeholderGroup: r.PostFormValue("stakeholder_group"), Country: r.PostFormValue("country"),
		Language: r.PostFormValue("language"), Publication: r.PostFormValue("publication"),
		Via: r.PostFormValue("received_via")}
	for _, q := range qs {
		f.Answers = append(f.Answers, inputs.Answer{QuestionID: q.ID, Text: r.PostFormValue(inputs.AnswerField(q.ID))})
	}
	if t, err := time.Parse("2006-01-02", r.PostFormValue("received_at")); err == nil {
		f.ReceivedAt = t
	}
	f.Uploads, f.Remove = uploadsOf(r), removeFields(r)
	return f
}

// inputFieldLabel is the catalog id of a field's label.
func inputFieldLabel(name string) string {
	switch name {
	case "answers":
		return "inputs.field.answers"
	case "comments":
		return "inputs.field.comments"
	case inputs.AttachmentsField:
		return "inputs.field.attachments"
	case "author_name":
		return "inputs.field.author_name"
	case "author_email":
		return "inputs.field.author_email"
	case "organization":
		return "inputs.field.organization"
	case "stakeholder_group":
		return "inputs.field.stakeholder_group"
	case "country":
		return "inputs.field.country"
	case "language":
		return "inputs.field.language"
	case "publication":
		return "inputs.field.publication"
	case "received_via":
		return "inputs.field.received_via"
	case "received_at":
		return "inputs.field.received_at"
	case "reason":
		return "inputs.field.reason"
	}
	return "inputs.field.answer"
}
