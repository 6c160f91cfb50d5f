package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

// deliveriesPerPage rows per page; maxDeliveriesPage bounds the offset a
// query string can ask for.
const (
	deliveriesPerPage = 50
	maxDeliveriesPage = 1000
)

// deliveryState is a state the page shows, its label, and River's states
// behind it. A job River cancels is one the mailer gave up on (the server
// refused it for good): failed, with the reason.
type deliveryState struct {
	Name, Label string
	River       []string
}

// deliveryStates are the page's states in a message's life.
var deliveryStates = []deliveryState{
	{"queued", "deliveries.state.queued", []string{"available", "pending"}},
	{"scheduled", "deliveries.state.scheduled", []string{"scheduled"}},
	{"running", "deliveries.state.running", []string{"running"}},
	{"retried", "deliveries.state.retried", []string{"retryable"}},
	{"sent", "deliveries.state.sent", []string{"completed"}},
	{"failed", "deliveries.state.failed", []string{"discarded", "cancelled"}},
}

// stateOf is the page's state for River state st.
func stateOf(st string) deliveryState {
	for _, s := range deliveryStates {
		if slices.Contains(s.River, st) {
			return s
		}
	}
	return deliveryStates[0]
}

// deliveryRow is one job as the page shows it.
type deliveryRow struct {
	store.Delivery
	StateName, StateLabel string
}

// deliveriesPage is the data of the deliveries page.
type deliveriesPage struct {
	State, Kind      string // the filters, "" for all
	States           []deliveryState
	Kinds            []string
	Rows             []deliveryRow
	Page             int
	PrevURL, NextURL string
	PerMinute        int
	RateInput        string
	Notice           string
	Errors           map[string]string
}

// showDeliveries lists every email job with its state, newest first.
func (s *Server) showDeliveries(w http.ResponseWriter, r *http.Request) {
	d, err := s.deliveriesData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("saved") == "rate" {
		d.Notice = "deliveries.rate.saved"
	}
	s.renderDeliveries(w, r, http.StatusOK, d)
}

func (s *Server) renderDeliveries(w http.ResponseWriter, r *http.Request, status int, d *deliveriesPage) {
	p := langFrom(r.Context(), s.Catalog)
	s.render(w, r, status, "admin_deliveries", s.newPage(r, p.T("deliveries.title"), d))
}

// deliveriesData reads the page's filters (unknown values mean "all", the
// page is bounded) and loads that page.
func (s *Server) deliveriesData(r *http.Request) (*deliveriesPage, error) {
	ctx, q := r.Context(), r.URL.Query()
	kinds, err := s.DB.DeliveryKinds(ctx)
	if err != nil {
		return nil, err
	}
	d := &deliveriesPage{Kinds: kinds, Page: 1, States: deliveryStates}
	f := store.DeliveryFilter{Limit: deliveriesPerPage + 1}
	if i := slices.IndexFunc(deliveryStates, func(st deliveryState) bool { return st.Name == q.Get("state") }); i >= 0 {
		d.State, f.States = deliveryStates[i].Name, deliveryStates[i].River
	}
	if slices.Contains(kinds, q.Get("kind")) {
		d.Kind, f.Kind = q.Get("kind"), q.Get("kind")
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n >= 1 {
		d.Page = min(n, maxDeliveriesPage)
	}
	f.Offset = (d.Page - 1) * deliveriesPerPage
	list, err := s.DB.Deliveries(ctx, f)
	if err != nil {
		return nil, err
	}
	for i, del := range list {
		if i < deliveriesPerPage {
			st := stateOf(del.State)
			d.Rows = append(d.Rows, deliveryRow{Delivery: del, StateName: st.Name, StateLabel: st.Label})
		}
	}
	d.setPageLinks(len(list) > deliveriesPerPage)
	if d.PerMinute, err = s.DB.MailRate(ctx); err != nil {
		return nil, err
	}
	d.RateInput = strconv.Itoa(d.PerMinute)
	return d, nil
}

// setPageLinks links the previous and next pages with the same filters.
func (d *deliveriesPage) setPageLinks(more bool) {
	link := func(page int) string {
		q := url.Values{}
		if d.State != "" {
			q.Set("state", d.State)
		}
		if d.Kind != "" {
			q.Set("kind", d.Kind)
		}
		q.Set("page", strconv.Itoa(page))
		return "/admin/deliveries?" + q.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = link(d.Page - 1)
	}
	if more && d.Page < maxDeliveriesPage {
		d.NextURL = link(d.Page + 1)
	}
}

// saveMailRate stores the send rate every instance applies.
func (s *Server) saveMailRate(w http.ResponseWriter, r *http.Request) {
	in := strings.TrimSpace(r.PostFormValue("per_minute"))
	err := formError(r)
	if err == nil {
		n, convErr := strconv.Atoi(in)
		if convErr != nil {
			n = -1 // not a whole number: refused as out of range
		}
		err = s.DB.SetMailRate(r.Context(), n)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/deliveries?saved=rate", http.StatusSeeOther)
		return
	}
	if !errs.Is(err, errs.Invalid) {
		s.fail(w, r, err)
		return
	}
	d, derr := s.deliveriesData(r)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	d.RateInput, d.Errors = in, map[string]string{"per_minute": "deliveries.rate.invalid"}
	s.renderDeliveries(w, r, http.StatusUnprocessableEntity, d)
}
