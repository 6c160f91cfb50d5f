package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/staff"
)

// adminField describes one control of a secretariat form; one template
// (admin_content_field.html) draws every kind.
type adminField struct {
	Name  string
	Kind  string // text, email, url, number, password, datetime-local, textarea, select, checkbox, checks
	Label string // translated
	Hint  string // translated, optional
	Req   bool
	Rows  int
	Auto  string        // autocomplete token
	Lang  string        // language of the value, for translation forms
	Orig  template.HTML // the original-language text, shown alongside on translation forms
	// OrigLang is the language of Orig.
	OrigLang string
}

// DescribedBy lists the ids of the texts that describe the control: its
// hint, the original of a short text, and its error.
func (f adminField) DescribedBy(err string) string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, "f-"+f.Name+"-hint")
	}
	if f.Orig != "" && f.Kind != "textarea" {
		ids = append(ids, "f-"+f.Name+"-orig")
	}
	if err != "" {
		ids = append(ids, "f-"+f.Name+"-error")
	}
	return strings.Join(ids, " ")
}

// adminFieldset is a group of fields with a legend.
type adminFieldset struct {
	Legend string
	Fields []adminField
}

// adminOption is one choice of a select or a group of checkboxes.
type adminOption struct{ Value, Label string }

// fieldError is an entry of the error summary.
type fieldError struct{ Name, Label, Msg string }

// previewBlock is rendered Markdown shown under the form.
type previewBlock struct {
	Label string
	HTML  template.HTML
}

// adminForm is the data of every secretariat form page: what was typed,
// what is wrong, and how to draw it.
type adminForm struct {
	Heading  string
	Action   string
	Submit   string // translated label of the main button
	Preview  bool   // offer the Markdown preview button
	Sets     []adminFieldset
	Values   map[string]string
	Checked  map[string]bool // checkbox name, or "name:value" for groups
	Options  map[string][]adminOption
	Errors   map[string]string // field -> catalog id
	Order    []fieldError
	Message  string // form-wide catalog id (sign-in failure)
	Saved    bool
	Previews []previewBlock
	Links    []adminOption // related pages (translations)
	After    []adminOption // links under the form (sign-in: forgot password)
	// Needs is the staff action saving the form needs ("" for the sign-in
	// forms); the buttons are shown only to staff whose role allows it.
	Needs staff.Action
}

// newAdminForm starts a form with empty maps.
func newAdminForm(heading, action, submit string) *adminForm {
	return &adminForm{Heading: heading, Action: action, Submit: submit, Values: map[string]string{},
		Checked: map[string]bool{}, Options: map[string][]adminOption{}, Errors: map[string]string{}}
}

// field builds a field whose label is the catalog's "admin.field.<name>"
// and whose hint, if any, is "admin.hint.<name>".
func field(p *i18n.Printer, name, kind string, req bool) adminField {
	f := adminField{Name: name, Kind: kind, Label: p.T("admin.field." + name), Req: req}
	if hint := "admin.hint." + name; p.T(hint) != hint {
		f.Hint = p.T(hint)
	}
	if kind == "textarea" {
		f.Rows = 4
	}
	return f
}

// readValues copies the posted values of the form's fields.
func (f *adminForm) readValues(r *http.Request) {
	for _, set := range f.Sets {
		for _, fl := range set.Fields {
			switch fl.Kind {
			case "checkbox":
				f.Checked[fl.Name] = r.PostFormValue(fl.Name) != ""
			case "checks":
				for _, v := range r.PostForm[fl.Name] {
					f.Checked[fl.Name+":"+v] = true
				}
			case "password":
			default:
				f.Values[fl.Name] = strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(fl.Name), "\r\n", "\n"))
			}
		}
	}
	// Characters refused at the edge: shown beside their fields, nothing saved.
	for name, msg := range errs.FieldsOf(formError(r)) {
		f.Errors[name] = msg
	}
}

// checkedValues lists the values ticked in a group of checkboxes, in option order.
func (f *adminForm) checkedValues(name string) []string {
	var out []string
	for _, o := range f.Options[name] {
		if f.Checked[name+":"+o.Value] {
			out = append(out, o.Value)
		}
	}
	return out
}

// setErrors records per-field errors and orders them as the form shows them.
func (f *adminForm) setErrors(errors map[string]string) {
	for k, v := range errors {
		f.Errors[k] = v
	}
	f.Order = nil
	for _, set := range f.Sets {
		for _, fl := range set.Fields {
			if msg, ok := f.Errors[fl.Name]; ok {
				f.Order = append(f.Order, fieldError{Name: fl.Name, Label: fl.Label, Msg: msg})
			}
		}
	}
}

// hasErrors reports whether anything needs fixing.
func (f *adminForm) hasErrors() bool { return len(f.Errors) > 0 || f.Message != "" }

// lines splits a textarea into its non-empty trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// localInputLayout is the value format of <input type="datetime-local">.
const localInputLayout = "2006-01-02T15:04"

// formatLocal shows t as a datetime-local value in loc.
func formatLocal(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(localInputLayout)
}

// parseLocal reads a datetime-local value in loc; "" is the zero time.
func parseLocal(v string, loc *time.Location) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{localInputLayout, localInputLayout + ":05"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// languageOptions are the seven languages by their own names.
func languageOptions() []adminOption {
	var out []adminOption
	for _, l := range i18n.Languages() {
		out = append(out, adminOption{Value: l, Label: i18n.Autonym(l)})
	}
	return out
}

// translationLinks points to the per-language versions of a text.
func translationLinks(base, original string) []adminOption {
	var out []adminOption
	for _, o := range languageOptions() {
		if o.Value != original {
			out = append(out, adminOption{Value: base + "/translations/" + o.Value, Label: o.Label})
		}
	}
	return out
}

// renderForm draws a form page with a title that says when it has errors.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, f *adminForm) {
	pg := s.newPage(r, f.Heading, f)
	if f.hasErrors() {
		pg.Title = pg.T("register.title_errors", "Title", f.Heading)
	}
	s.render(w, r, status, "admin_form", pg)
}
