package inputs

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/stakeholder"
)

// Form is what a submitter sends: the web forms and the API fill it. An
// answer left empty is no answer.
type Form struct {
	Answers          []Answer `json:"answers"`
	Comments         string   `json:"comments"`
	AuthorName       string   `json:"author_name"`
	AuthorEmail      string   `json:"author_email"`
	Organization     string   `json:"organization"`
	StakeholderGroup string   `json:"stakeholder_group"`
	Country          string   `json:"country"`
	Language         string   `json:"language"`
	Publication      string   `json:"publication"`
	// Via and ReceivedAt: how and when an input entered by the
	// secretariat arrived (ignored from anyone else).
	Via        string    `json:"received_via,omitempty"`
	ReceivedAt time.Time `json:"received_at,omitzero"`
	// Uploads are the files sent with the form; Remove the numbers of the
	// current version's files an edit drops (the others are kept).
	Uploads []Upload `json:"-"`
	Remove  []int    `json:"-"`
}

// Rules are the outside facts validation needs.
type Rules struct {
	ValidCountry  func(code string) bool
	ValidLanguage func(tag string) bool
}

// Maximum lengths, in characters.
const (
	maxName   = 200
	MaxAnswer = 20000 // about eight pages
)

// AnswerField is the form field name of the answer to question id, under
// which its errors are reported.
func AnswerField(id int64) string { return "answer_" + strconv.FormatInt(id, 10) }

// Normalize trims spaces, drops empty answers and normalises codes.
func (f *Form) Normalize() {
	for _, p := range []*string{&f.AuthorName, &f.AuthorEmail, &f.Organization, &f.StakeholderGroup, &f.Language,
		&f.Publication, &f.Via} {
		*p = strings.TrimSpace(*p)
	}
	f.Comments = strings.TrimSpace(f.Comments)
	f.Country = strings.ToUpper(strings.TrimSpace(f.Country))
	f.AuthorEmail = strings.ToLower(f.AuthorEmail)
	kept := f.Answers[:0:0]
	for _, a := range f.Answers {
		if a.Text = strings.TrimSpace(a.Text); a.Text != "" {
			kept = append(kept, a)
		}
	}
	f.Answers = kept
}

// Validate checks f against questions, the guiding questions the input may
// answer; the error maps each bad field to a catalog id. onBehalf asks for
// how and when the input arrived; an address is then optional (a letter
// may give none).
func (f *Form) Validate(r Rules, questions []consultation.Question, onBehalf bool) error {
	e := map[string]string{}
	f.validateAuthor(e, r, onBehalf)
	f.validateText(e, questions)
	if !Publication(f.Publication).Valid() {
		e["publication"] = pick(f.Publication == "", "error.required", "error.choice")
	}
	if onBehalf {
		if !validVia(f.Via) {
			e["received_via"] = pick(f.Via == "", "error.required", "error.choice")
		}
		if f.ReceivedAt.IsZero() {
			e["received_at"] = "inputs.error.received_at"
		}
	}
	if len(e) > 0 {
		return errs.InvalidFields(e)
	}
	return nil
}

func (f *Form) validateAuthor(e map[string]string, r Rules, onBehalf bool) {
	for name, v := range map[string]string{"author_name": f.AuthorName, "organization": f.Organization} {
		switch {
		case v == "":
			e[name] = "error.required"
		case utf8.RuneCountInString(v) > maxName:
			e[name] = "error.too_long"
		}
	}
	switch {
	case f.AuthorEmail == "" && onBehalf:
	case f.AuthorEmail == "":
		e["author_email"] = "error.required"
	case !consultation.ValidEmail(f.AuthorEmail) || len(f.AuthorEmail) > 254:
		e["author_email"] = "error.email"
	}
	if !stakeholder.Group(f.StakeholderGroup).Valid() {
		e["stakeholder_group"] = pick(f.StakeholderGroup == "", "error.required", "error.choice")
	}
	if f.Country == "" || !r.ValidCountry(f.Country) {
		e["country"] = pick(f.Country == "", "error.required", "error.country")
	}
	if f.Language == "" || !r.ValidLanguage(f.Language) {
		e["language"] = pick(f.Language == "", "error.required", "error.choice")
	}
}

// validateText checks the answers (each to a question of the call, once,
// not too long) and the comments; an input must say something.
func (f *Form) validateText(e map[string]string, questions []consultation.Question) {
	known := map[int64]bool{}
	for _, q := range questions {
		known[q.ID] = true
	}
	seen := map[int64]bool{}
	for _, a := range f.Answers {
		name := AnswerField(a.QuestionID)
		switch {
		case !known[a.QuestionID]:
			e["answers"] = "inputs.error.unknown_question"
		case seen[a.QuestionID]:
			e["answers"] = "inputs.error.duplicate_answer"
		case utf8.RuneCountInString(a.Text) > MaxAnswer:
			e[name] = "inputs.error.answer_too_long"
		}
		seen[a.QuestionID] = true
	}
	if utf8.RuneCountInString(f.Comments) > MaxAnswer {
		e["comments"] = "inputs.error.answer_too_long"
	}
	if len(f.Answers) == 0 && f.Comments == "" {
		e["answers"] = "inputs.error.no_answer"
	}
}

func validVia(v string) bool {
	for _, x := range Vias() {
		if x == v {
			return true
		}
	}
	return false
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
