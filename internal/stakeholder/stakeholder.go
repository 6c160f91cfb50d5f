// Package stakeholder names the six WSIS stakeholder groups. Their codes are
// stable identifiers used in the database, the API and exports; their labels
// come from the i18n catalog ("stakeholder.<code>").
package stakeholder

// Group is a WSIS stakeholder group code.
type Group string

// The six WSIS stakeholder groups.
const (
	Government                Group = "government"
	PrivateSector             Group = "private_sector"
	CivilSociety              Group = "civil_society"
	TechnicalCommunity        Group = "technical_community"
	Academia                  Group = "academia"
	InternationalOrganization Group = "international_organization"
)

// All returns the groups in the order WSIS documents list them.
func All() []Group {
	return []Group{Government, PrivateSector, CivilSociety, TechnicalCommunity, Academia, InternationalOrganization}
}

// Valid reports whether g is one of the six groups.
func (g Group) Valid() bool {
	for _, x := range All() {
		if x == g {
			return true
		}
	}
	return false
}

// MessageID is the catalog id of the group's label.
func (g Group) MessageID() string { return "stakeholder." + string(g) }
