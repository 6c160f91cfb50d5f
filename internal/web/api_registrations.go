package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// Page sizes of the staff registrations list.
const (
	apiDefaultLimit = 100
	apiMaxLimit     = 1000
	// apiMaxOffset bounds paging far beyond any consultation's size, well
	// inside what an SQL OFFSET takes on both engines.
	apiMaxOffset = 10_000_000
)

// apiRegister registers a participant through the same service as the form.
// The answer is the same whether or not the address was already registered.
func (s *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	var in registration.Input
	err := decodeJSON(w, r, &in)
	var reg *registration.Registration
	if err == nil {
		reg, err = s.Registrations.Register(r.Context(), registrationTarget(r), in)
	}
	if err != nil {
		s.apiFail(w, r, s.unlessNoConsultation(r, err))
		return
	}
	s.writeJSON(w, r, http.StatusAccepted, map[string]string{"id": reg.ID, "status": string(registration.PendingConfirmation)})
}

// apiRegistration is a registration as staff see it in the API.
type apiRegistration struct {
	ID                 string  `json:"id"`
	GivenName          string  `json:"given_name"`
	FamilyName         string  `json:"family_name"`
	Email              string  `json:"email"`
	Organization       string  `json:"organization"`
	JobTitle           string  `json:"job_title"`
	StakeholderGroup   string  `json:"stakeholder_group"`
	Country            string  `json:"country"`
	Language           string  `json:"language"`
	Gender             string  `json:"gender"`
	AccessibilityNeeds string  `json:"accessibility_needs"`
	Status             string  `json:"status"`
	CreatedAt          string  `json:"created_at"`
	ConfirmedAt        *string `json:"confirmed_at"`
	ApprovedAt         *string `json:"approved_at"`
	WaitlistedAt       *string `json:"waitlisted_at"`
	RejectedAt         *string `json:"rejected_at"`
	RejectReason       string  `json:"reject_reason"`
	LinkSentAt         *string `json:"link_sent_at"`
	AttendedAt         *string `json:"attended_at"`
	LastJoinedAt       *string `json:"last_joined_at"`
}

func apiRegistrationOfRow(reg *registration.Registration) apiRegistration {
	out := apiRegistration{ID: reg.ID, GivenName: reg.GivenName, FamilyName: reg.FamilyName, Email: reg.Email,
		Organization: reg.Organization, JobTitle: reg.JobTitle, StakeholderGroup: string(reg.StakeholderGroup),
		Country: reg.Country, Language: reg.Language, Gender: reg.Gender, AccessibilityNeeds: reg.AccessibilityNeeds,
		Status: string(reg.Status), CreatedAt: reg.CreatedAt.UTC().Format(time.RFC3339), RejectReason: reg.RejectReason}
	stamp := func(t *time.Time) *string {
		if t == nil {
			return nil
		}
		s := t.UTC().Format(time.RFC3339)
		return &s
	}
	out.ConfirmedAt, out.ApprovedAt = stamp(reg.ConfirmedAt), stamp(reg.ApprovedAt)
	out.WaitlistedAt, out.RejectedAt = stamp(reg.WaitlistedAt), stamp(reg.RejectedAt)
	out.LinkSentAt, out.AttendedAt, out.LastJoinedAt = stamp(reg.LinkSentAt), stamp(reg.FirstJoinedAt), stamp(reg.LastJoinedAt)
	return out
}

// apiListRegistrations lists a consultation's registrations for staff,
// drafts included, newest first.
func (s *Server) apiListRegistrations(w http.ResponseWriter, r *http.Request) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	f, err := s.registrationFilter(r.URL.Query(), c.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	list, total, err := s.DB.Registrations(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := []apiRegistration{}
	for _, reg := range list {
		out = append(out, apiRegistrationOfRow(reg))
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"registrations": out, "total": total})
}

// apiApproveRegistration approves a confirmed registration for staff, as
// the Approve button of the admin list does (the registrant is emailed).
func (s *Server) apiApproveRegistration(w http.ResponseWriter, r *http.Request) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err == nil {
		var reg *registration.Registration
		if reg, err = s.Registrations.Approve(r.Context(), c, r.PathValue("id")); err == nil {
			s.writeJSON(w, r, http.StatusOK, apiRegistrationOfRow(reg))
			return
		}
	}
	s.apiFail(w, r, err)
}

// registrationFilter reads the list's query: status, stakeholder_group,
// country (comma-separated ISO codes), limit (default 100, at most 1000)
// and offset.
func (s *Server) registrationFilter(q url.Values, consultationID int64) (store.RegistrationFilter, error) {
	f := store.RegistrationFilter{ConsultationID: consultationID, Status: q.Get("status"),
		StakeholderGroup: q.Get("stakeholder_group"), Limit: apiDefaultLimit}
	bad := map[string]string{}
	if f.Status != "" && !validStatus(f.Status) {
		bad["status"] = "error.choice"
	}
	if f.StakeholderGroup != "" && !stakeholder.Group(f.StakeholderGroup).Valid() {
		bad["stakeholder_group"] = "error.choice"
	}
	if v := q.Get("country"); v != "" {
		for _, code := range strings.Split(v, ",") {
			code = strings.ToUpper(strings.TrimSpace(code))
			if !s.Countries.Valid(code) {
				bad["country"] = "error.country"
			}
			f.Countries = append(f.Countries, code)
		}
	}
	var ok bool
	// A limit above the maximum is lowered to it (as before); nonsense and
	// an offset past apiMaxOffset are refused.
	if f.Limit, ok = boundedInt(q, "limit", apiDefaultLimit, 1, apiMaxLimit); !ok && f.Limit != apiMaxLimit {
		bad["limit"] = "error.choice"
	}
	if f.Offset, ok = boundedInt(q, "offset", 0, 0, apiMaxOffset); !ok {
		bad["offset"] = "error.choice"
	}
	if len(bad) > 0 {
		return f, errs.InvalidFields(bad)
	}
	return f, nil
}

func validStatus(st string) bool {
	for _, x := range registration.Statuses() {
		if string(x) == st {
			return true
		}
	}
	return false
}
