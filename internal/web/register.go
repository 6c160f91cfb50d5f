package web

import (
	"github.com/consulta/consulta/internal/links"
	"net/http"
	"sort"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
)

// registrationForm is the data of the registration page.
type registrationForm struct {
	C         consultationView
	In        registration.Input
	Errors    map[string]string // field -> catalog id
	Order     []string          // fields with errors, in form order, for the summary
	Groups    []stakeholder.Group
	Countries []country.Option
	Languages []langLink
	Genders   []string
	Closed    string // catalog id when registration is not open
}

// formFields is the order fields appear in, for the error summary.
func formFields() []string {
	return []string{"given_name", "family_name", "email", "organization", "stakeholder_group", "country", "language",
		"job_title", "gender", "accessibility_needs", "consent"}
}

func (s *Server) registrationPage(r *http.Request, c *consultation.Consultation, in registration.Input, fieldErrs map[string]string) (*page, error) {
	p := langFrom(r.Context(), s.Catalog)
	f := registrationForm{C: s.viewConsultation(r.Context(), p, c, c.PlacesTaken), In: in, Errors: fieldErrs,
		Groups: stakeholder.All(), Countries: s.Countries.Options(p.Lang()), Genders: registration.Genders()}
	for _, l := range i18n.Languages() {
		f.Languages = append(f.Languages, langLink{Code: l, Name: i18n.Autonym(l)})
	}
	sort.SliceStable(f.Languages, func(i, j int) bool { return f.Languages[i].Code == p.Lang() && f.Languages[j].Code != p.Lang() })
	for _, name := range formFields() {
		if _, ok := fieldErrs[name]; ok {
			f.Order = append(f.Order, name)
		}
	}
	if !f.C.Registration.Open {
		f.Closed = f.C.Registration.Reason
	}
	title := p.T("register.title", "Title", f.C.Title)
	if len(fieldErrs) > 0 {
		title = p.T("register.title_errors", "Title", title)
	}
	return s.newPage(r, title, f), nil
}

// showRegistrationForm shows the empty form, the language preset to the page's.
func (s *Server) showRegistrationForm(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := registration.Input{Language: langFrom(r.Context(), s.Catalog).Lang()}
	pg, err := s.registrationPage(r, c, in, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "register", pg)
}

// submitRegistration stores a registration and redirects to "check your
// email"; invalid input re-shows the form with what was typed and per-field
// errors; a closed or full registration says so and stores nothing.
func (s *Server) submitRegistration(w http.ResponseWriter, r *http.Request) {
	in := registration.Input{
		GivenName: r.PostFormValue("given_name"), FamilyName: r.PostFormValue("family_name"),
		Email: r.PostFormValue("email"), Organization: r.PostFormValue("organization"),
		StakeholderGroup: r.PostFormValue("stakeholder_group"), Country: r.PostFormValue("country"),
		Language: r.PostFormValue("language"), JobTitle: r.PostFormValue("job_title"), Gender: r.PostFormValue("gender"),
		AccessibilityNeeds: r.PostFormValue("accessibility_needs"), Consent: r.PostFormValue("consent") == "yes",
	}
	c := registrationTarget(r)
	err := formError(r)
	if err == nil {
		_, err = s.Registrations.Register(r.Context(), c, in)
	}
	switch errs.KindOf(err) {
	case errs.Invalid, errs.Closed:
		s.reshowRegistration(w, r, in, err)
		return
	}
	if err != nil {
		s.fail(w, r, s.unlessNoConsultation(r, err))
		return
	}
	http.Redirect(w, r, links.ConsultationPath(c.Slug)+"/registered", http.StatusSeeOther)
}

// reshowRegistration shows the form again with what was typed and why it
// was refused: per-field errors, or registration closed or full.
func (s *Server) reshowRegistration(w http.ResponseWriter, r *http.Request, in registration.Input, cause error) {
	c, err := s.publicConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fieldErrs := errs.FieldsOf(cause)
	if errs.KindOf(cause) == errs.Closed {
		fieldErrs = nil
	}
	pg, err := s.registrationPage(r, c, in, fieldErrs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, statusOf(cause), "register", pg)
}

// showCheckEmail tells the registrant to confirm from the email; it says the
// same whether or not the address was new.
func (s *Server) showCheckEmail(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	v := s.viewConsultation(r.Context(), p, c, -1)
	s.render(w, r, http.StatusOK, "check_email", s.newPage(r, p.T("check_email.title"), v))
}

// tooMany answers a rate-limited public post.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request) {
	pg := s.newPage(r, "", map[string]any{"Status": http.StatusTooManyRequests, "Message": "error.rate_limited"})
	pg.Title = pg.T("error.title")
	s.render(w, r, http.StatusTooManyRequests, "error", pg)
}
