package web

import (
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
)

// partnerKeys are the UN bodies and forums a secretariat names as partners,
// by the English name it types, with their names in every language (ECLAC
// is CEPAL in Spanish, CEPALC in French). A partner not in the table is
// shown as typed.
var partnerKeys = map[string]string{
	"ECLAC":                   "partner.eclac",
	"ECA":                     "partner.eca",
	"ECE":                     "partner.ece",
	"ESCAP":                   "partner.escap",
	"ESCWA":                   "partner.escwa",
	"ITU":                     "partner.itu",
	"UNESCO":                  "partner.unesco",
	"UNDP":                    "partner.undp",
	"UNCTAD":                  "partner.unctad",
	"CSTD":                    "partner.cstd",
	"IGF":                     "partner.igf",
	"UN regional commissions": "partner.regional_commissions",
}

// partnerName is a partner's name in the reader's language.
func partnerName(p *i18n.Printer, name string) string {
	if key, ok := partnerKeys[name]; ok {
		return p.T(key)
	}
	return name
}

func partnerNames(p *i18n.Printer, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = partnerName(p, n)
	}
	return out
}

// moderatorView is a moderator as the page names them: a person with
// their organization, or an organization's representatives.
func moderatorView(p *i18n.Printer, m consultation.Person) consultation.Person {
	if m.Name == "" && m.Organization != "" {
		return consultation.Person{Name: p.T("consultation.representatives_of", "Org", partnerName(p, m.Organization))}
	}
	return consultation.Person{Name: m.Name, Organization: partnerName(p, m.Organization)}
}
