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

// lacCountries are Latin American and Caribbean countries the demo
// consultation is for; any valid code would do.
var lacCountries = [...]string{"BR", "MX", "AR", "CO", "CL", "PE", "JM", "TT", "CR", "UY", "EC", "DO"}

// registrationInput is the n-th registration: a distinct address, and stakeholder
// group, country and language rotating.
func registrationInput(n uint64) registration.Input {
	groups, langs := stakeholder.All(), i18n.Languages()
	s := strconv.FormatUint(n, 10)
	return registration.Input{
		GivenName: "Bench", FamilyName: "Participant " + s, Email: "bench-" + s + "@example.org",
		Organization: "Benchmark Organization", StakeholderGroup: string(groups[n%uint64(len(groups))]),
		Country: lacCountries[n%uint64(len(lacCountries))], Language: langs[n%uint64(len(langs))],
		JobTitle: "Tester", Consent: true,
	}
}

// newRegisterTargeter returns a vegeta targeter that makes one new registration
// per request, for the JSON API or the HTML form.
func newRegisterTargeter(base, target string) vegeta.Targeter {
	var seq atomic.Uint64
	if target == "form" {
		u := base + "/c/" + demoSlug + "/register"
		hdr := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {base}}
		return func(t *vegeta.Target) error {
			*t = vegeta.Target{Method: http.MethodPost, URL: u, Header: hdr, Body: formBody(registrationInput(seq.Add(1)))}
			return nil
		}
	}
	u := base + "/api/v1/consultations/" + demoSlug + "/registrations"
	hdr := http.Header{"Content-Type": {"application/json"}}
	return func(t *vegeta.Target) error {
		body, err := json.Marshal(registrationInput(seq.Add(1)))
		if err != nil {
			return err
		}
		*t = vegeta.Target{Method: http.MethodPost, URL: u, Header: hdr, Body: body}
		return nil
	}
}

func formBody(in registration.Input) []byte {
	v := url.Values{"given_name": {in.GivenName}, "family_name": {in.FamilyName}, "email": {in.Email},
		"organization": {in.Organization}, "stakeholder_group": {in.StakeholderGroup}, "country": {in.Country},
		"language": {in.Language}, "job_title": {in.JobTitle}, "consent": {"yes"}}
	return []byte(v.Encode())
}
