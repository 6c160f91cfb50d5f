// Package staff says what each staff role may do. The one table below is
// the only place a role's rights are written down: the web guards, the
// API's mixed routes and the templates all ask Role.May, and the tests
// derive their expectations from the same table.
package staff

// Role is a staff account's role, stored as text in users.role.
type Role string

// The roles, from the product brief.
const (
	// Admin is the secretariat's lead: everything.
	Admin Role = "admin"
	// Secretariat staff run consultations: content, registrations and
	// approvals, moderation, the outbox, the meeting link.
	Secretariat Role = "secretariat"
	// Moderator is partner staff running a live session: reads the
	// consultations, adds seed statements and moderates the opinion map;
	// sees no registrant's personal data.
	Moderator Role = "moderator"
	// Rapporteur records interventions: reads consultations and the
	// opinion map, writes the record, sees no other personal data or the
	// meeting link.
	Rapporteur Role = "rapporteur"
)

// Action is something a route or a part of a page needs the right to do.
// The values are what templates pass to May, so they never change meaning.
type Action string

// The actions, in the order of the admin pages.
const (
	ReadContent          Action = "read_content"            // dashboard, reviews and consultations
	EditContent          Action = "edit_content"            // create and change reviews, consultations, translations
	ReadMeetingURL       Action = "read_meeting_url"        // the consultation's meeting link
	ReadRegistrations    Action = "read_registrations"      // registrants' personal data
	ExportRegistrations  Action = "export_registrations"    // CSV and XLSX downloads of them
	ApproveRegistrations Action = "approve_registrations"   // approve a registration (sends the link)
	ReadOutbox           Action = "read_outbox"             // emails sent, with their personal links
	ReadOpinions         Action = "read_opinions"           // the moderation list, every state
	SeedStatements       Action = "seed_statements"         // statements by the secretariat
	ModerateStatements   Action = "moderate_statements"     // accept or reject statements
	ConfigureOpinions    Action = "configure_opinions"      // enable the map, strict moderation
	ReleaseMeetingLink   Action = "release_meeting_link"    // send the join links now
	MessageRegistrants   Action = "message_registrants"     // write to a filtered set of registrants
	ConfigureMail        Action = "configure_mail"          // the send rate of email
	ReadInputs           Action = "read_inputs"             // every written input, secretariat-only ones and addresses included
	ModerateInputs       Action = "moderate_inputs"         // publish, reject or hide written inputs; open calls for inputs
	SubmitInputsOnBehalf Action = "submit_inputs_on_behalf" // enter an input that arrived by letter or email
	RunSession           Action = "run_session"             // the live session: agenda, speaker queue, the floor, timekeeping
	RecordInterventions  Action = "record_interventions"    // the rapporteur's record of the interventions
	PublishRecord        Action = "publish_record"          // publish the record after the session
	CheckIn              Action = "check_in"                // mark an approved registrant present at the session
	ManageUsers          Action = "manage_users"            // staff accounts: limit one to a consultation
	// The synthesis report: generate it, curate its themes and download
	// the drafts (every input counts, secretariat-only ones included);
	// publish it.
	GenerateReport Action = "generate_report"
	PublishReport  Action = "publish_report"
)

// rights is the one table of who may do what.
func rights() map[Role][]Action {
	reader := []Action{ReadContent, ReadOpinions}
	return map[Role][]Action{
		Admin: Actions(),
		Secretariat: {ReadContent, EditContent, ReadMeetingURL, ReadRegistrations, ExportRegistrations,
			ApproveRegistrations, ReadOutbox, ReadOpinions, SeedStatements, ModerateStatements, ReleaseMeetingLink,
			MessageRegistrants, ConfigureMail, ReadInputs, ModerateInputs, SubmitInputsOnBehalf, RunSession,
			RecordInterventions, PublishRecord, CheckIn,
			GenerateReport, PublishReport},
		Moderator:  append(reader, SeedStatements, ModerateStatements, RunSession, CheckIn),
		Rapporteur: append(reader, RecordInterventions, CheckIn),
	}
}

// Roles lists every role, most rights first.
func Roles() []Role { return []Role{Admin, Secretariat, Moderator, Rapporteur} }

// Actions lists every action.
func Actions() []Action {
	return []Action{ReadContent, EditContent, ReadMeetingURL, ReadRegistrations, ExportRegistrations,
		ApproveRegistrations, ReadOutbox, ReadOpinions, SeedStatements, ModerateStatements, ConfigureOpinions,
		ReleaseMeetingLink, MessageRegistrants, ConfigureMail, ReadInputs, ModerateInputs, SubmitInputsOnBehalf,
		RunSession, RecordInterventions, PublishRecord, CheckIn, ManageUsers,
		GenerateReport, PublishReport}
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	_, ok := rights()[r]
	return ok
}

// Limitable reports whether an account of role r can be limited to one
// consultation: moderators and rapporteurs run one session; admin and
// secretariat work across consultations (the outbox, the reviews).
func (r Role) Limitable() bool { return r == Moderator || r == Rapporteur }

// May reports whether a staff member with role r may do a. A role not in
// the table may do nothing.
func (r Role) May(a Action) bool {
	for _, x := range rights()[r] {
		if x == a {
			return true
		}
	}
	return false
}
