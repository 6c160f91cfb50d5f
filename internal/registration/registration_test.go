package registration

import (
	"testing"

	"github.com/consulta/consulta/internal/errs"
)

func valid() Input {
	return Input{GivenName: "Ana", FamilyName: "Souza", Email: "ana@example.org", Organization: "Nupef",
		StakeholderGroup: "civil_society", Country: "BR", Language: "pt", Consent: true}
}

var rules = Rules{
	ValidCountry:  func(c string) bool { return c == "BR" || c == "CL" },
	ValidLanguage: func(l string) bool { return l == "pt" || l == "es" || l == "en" },
}

func TestValidate(t *testing.T) {
	long := string(make([]rune, 201))
	cases := []struct {
		name  string
		edit  func(*Input)
		field string
		code  string
	}{
		{"missing given name", func(in *Input) { in.GivenName = "" }, "given_name", "error.required"},
		{"too long family name", func(in *Input) { in.FamilyName = long }, "family_name", "error.too_long"},
		{"missing email", func(in *Input) { in.Email = "" }, "email", "error.required"},
		{"bad email", func(in *Input) { in.Email = "ana@" }, "email", "error.email"},
		{"email with a display name", func(in *Input) { in.Email = "Ana <ana@example.org>" }, "email", "error.email"},
		{"unknown group", func(in *Input) { in.StakeholderGroup = "press" }, "stakeholder_group", "error.choice"},
		{"unknown country", func(in *Input) { in.Country = "XX" }, "country", "error.country"},
		{"unsupported language", func(in *Input) { in.Language = "de" }, "language", "error.choice"},
		{"unknown gender", func(in *Input) { in.Gender = "x" }, "gender", "error.choice"},
		{"no consent", func(in *Input) { in.Consent = false }, "consent", "error.consent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.edit(&in)
			in.Normalize()
			fields := errs.FieldsOf(in.Validate(rules))
			if fields[tc.field] != tc.code || len(fields) != 1 {
				t.Fatalf("fields %v, want only %s=%s", fields, tc.field, tc.code)
			}
		})
	}
	in := valid()
	if err := in.Validate(rules); err != nil {
		t.Fatalf("valid input refused: %v", err)
	}
}

func TestNormalize(t *testing.T) {
	in := Input{GivenName: "  Ana ", Email: " Ana@Example.ORG ", Country: " br", Language: " pt "}
	in.Normalize()
	if in.GivenName != "Ana" || in.Email != "ana@example.org" || in.Country != "BR" || in.Language != "pt" {
		t.Fatalf("normalised: %+v", in)
	}
}
