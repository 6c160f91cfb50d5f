package bench

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
)

// benchCountries are Latin American and Caribbean countries the demo
// consultation is for; any valid code would do.
var benchCountries = [...]string{"BR", "MX", "AR", "CO", "CL", "PE", "JM", "TT", "CR", "UY", "EC", "DO"}

// benchInput is the n-th registration: a distinct address, and stakeholder
// group, country and language rotating.
func benchInput(n uint64) registration.Input {
	groups, langs := stakeholder.All(), i18n.Languages()
	s := strconv.FormatUint(n, 10)
	return registration.Input{
		GivenName: "Bench", FamilyName: "Participant " + s, Email: "bench-" + s + "@example.org",
		Organization: "Benchmark Organization", StakeholderGroup: string(groups[n%uint64(len(groups))]),
		Country: benchCountries[n%uint64(len(benchCountries))], Language: langs[n%uint64(len(langs))],
		JobTitle: "Tester", Consent: true,
	}
}

// newBenchTargeter returns a vegeta targeter that makes one new registration
// per request, for the JSON API or the HTML form.
func newBenchTargeter(base, target string) vegeta.Targeter {
	var seq atomic.Uint64
	if target == "form" {
		u := base + "/c/" + benchSlug + "/register"
		hdr := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {base}}
		return func(t *vegeta.Target) error {
			*t = vegeta.Target{Method: http.MethodPost, URL: u, Header: hdr, Body: benchForm(benchInput(seq.Add(1)))}
			return nil
		}
	}
	u := base + "/api/v1/consultations/" + benchSlug + "/registrations"
	hdr := http.Header{"Content-Type": {"application/json"}}
	return func(t *vegeta.Target) error {
		body, err := json.Marshal(benchInput(seq.Add(1)))
		if err != nil {
			return err
		}
		*t = vegeta.Target{Method: http.MethodPost, URL: u, Header: hdr, Body: body}
		return nil
	}
}

func benchForm(in registration.Input) []byte {
	v := url.Values{"given_name": {in.GivenName}, "family_name": {in.FamilyName}, "email": {in.Email},
		"organization": {in.Organization}, "stakeholder_group": {in.StakeholderGroup}, "country": {in.Country},
		"language": {in.Language}, "job_title": {in.JobTitle}, "consent": {"yes"}}
	return []byte(v.Encode())
}
