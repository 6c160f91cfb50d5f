package staff

import "testing"

// The rights the issue and the product brief name, written out by hand so
// a change to the table that breaks one of them fails here.
func TestRights(t *testing.T) {
	for _, tc := range []struct {
		role Role
		act  Action
		may  bool
	}{
		{Rapporteur, ModerateStatements, false},
		{Rapporteur, ApproveRegistrations, false},
		{Rapporteur, ReadMeetingURL, false},
		{Rapporteur, ReadRegistrations, false},
		{Rapporteur, SeedStatements, false},
		{Rapporteur, ReadContent, true},
		{Moderator, ModerateStatements, true},
		{Moderator, ReadRegistrations, false},
		{Moderator, ExportRegistrations, false},
		{Moderator, ReadOutbox, false},
		{Moderator, ReadMeetingURL, false},
		{Moderator, EditContent, false},
		{Secretariat, ApproveRegistrations, true},
		{Secretariat, ReadMeetingURL, true},
		{Secretariat, EditContent, true},
		{Secretariat, ConfigureOpinions, false},
		{Moderator, CheckIn, true},
		{Rapporteur, CheckIn, true},
		{Secretariat, CheckIn, true},
		{Secretariat, ManageUsers, false},
		{Moderator, ManageUsers, false},
		{Secretariat, GenerateReport, true},
		{Secretariat, PublishReport, true},
		{Moderator, GenerateReport, false},
		{Rapporteur, PublishReport, false},
		{"", ReadContent, false},
		{"owner", ReadContent, false},
	} {
		if got := tc.role.May(tc.act); got != tc.may {
			t.Errorf("%q.May(%s) = %v, want %v", tc.role, tc.act, got, tc.may)
		}
	}
	for _, a := range Actions() {
		if !Admin.May(a) {
			t.Errorf("admin may not %s", a)
		}
	}
}

func TestValid(t *testing.T) {
	for _, r := range Roles() {
		if !r.Valid() {
			t.Errorf("%q not valid", r)
		}
	}
	if Role("owner").Valid() || Role("").Valid() {
		t.Error("an unknown role is valid")
	}
}

func TestLimitable(t *testing.T) {
	for _, r := range Roles() {
		if want := r == Moderator || r == Rapporteur; r.Limitable() != want {
			t.Errorf("%q.Limitable() = %v, want %v", r, r.Limitable(), want)
		}
	}
}
