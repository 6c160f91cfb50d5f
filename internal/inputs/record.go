package inputs

import "time"

// Licence is the licence of the open data: the published inputs.
const Licence = "CC BY 4.0"

// LicenceURL is its deed.
const LicenceURL = "https://creativecommons.org/licenses/by/4.0/"

// Record is an input as the public may read it, in the API and the
// open-data exports: the version the public sees, the author only when
// named, never an address or anything of the secretariat's.
type Record struct {
	ID               int64      `json:"id"`
	URL              string     `json:"url"`
	Review           string     `json:"review"`
	Consultation     string     `json:"consultation,omitempty"`
	Language         string     `json:"language"`
	Answers          []Answer   `json:"answers"`
	Comments         string     `json:"comments,omitempty"`
	AuthorName       string     `json:"author_name,omitempty"`
	Organization     string     `json:"organization,omitempty"`
	StakeholderGroup string     `json:"stakeholder_group"`
	Country          string     `json:"country"`
	Region           string     `json:"region"`
	Version          int        `json:"version"`
	PublishedAt      *time.Time `json:"published_at,omitempty"`
	// Attachments are the files of that version, where the record is
	// read one input at a time (the API's GET /inputs/{id}, the zip).
	Attachments []FileRecord `json:"attachments,omitempty"`
}

// FileRecord is an attachment as the API and the open data describe it.
type FileRecord struct {
	N         int    `json:"n"`
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	URL       string `json:"url"`
	Path      string `json:"path,omitempty"` // the file's place in an open-data zip
}

// FileRecords describes files; url gives the address of file n.
func FileRecords(list []Attachment, url func(n int) string) []FileRecord {
	out := make([]FileRecord, 0, len(list))
	for _, a := range list {
		out = append(out, FileRecord{N: a.N, Name: a.Name, MediaType: a.MediaType, Size: a.Size, SHA256: a.SHA256, URL: url(a.N)})
	}
	return out
}

// Refs name an input's review and consultation and build its permalink.
type Refs struct {
	Review       func(id int64) string // slug
	Consultation func(id int64) string // slug, "" for none
	URL          func(id int64) string // absolute permalink
}

// PublicRecord is in as the public reads it; in must hold its published
// version (store.PublicInput, or a public list).
func PublicRecord(in *Input, r Refs) Record {
	rec := Record{ID: in.ID, URL: r.URL(in.ID), Review: r.Review(in.ReviewID), Language: in.Current.Language,
		Answers: nonNil(in.Current.Answers), Comments: in.Current.Comments, StakeholderGroup: string(in.StakeholderGroup),
		Country: in.Country, Region: in.Region, Version: in.Current.Number, PublishedAt: in.PublishedAt}
	if in.ConsultationID != 0 {
		rec.Consultation = r.Consultation(in.ConsultationID)
	}
	if in.ShowsAuthor() {
		rec.AuthorName, rec.Organization = in.AuthorName, in.Organization
	}
	return rec
}

func nonNil(a []Answer) []Answer {
	if a == nil {
		return []Answer{}
	}
	return a
}

// StaffRecord is an input as the secretariat reads it: everything, with
// its current version.
type StaffRecord struct {
	Record
	AuthorName       string     `json:"author_name"`
	Organization     string     `json:"organization"`
	AuthorEmail      string     `json:"author_email"`
	Status           string     `json:"status"`
	Publication      string     `json:"publication"`
	Source           string     `json:"source"`
	ReceivedVia      string     `json:"received_via,omitempty"`
	ReceivedAt       time.Time  `json:"received_at"`
	EnteredBy        string     `json:"entered_by,omitempty"`
	RegistrationID   string     `json:"registration_id,omitempty"`
	DetectedLanguage string     `json:"detected_language"`
	LanguageMismatch bool       `json:"language_mismatch"`
	PublishedVersion int        `json:"published_version"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
	Versions         []Version  `json:"versions,omitempty"`
	Log              []LogEntry `json:"log,omitempty"`
}

// NewStaffRecord is in as the secretariat reads it.
func NewStaffRecord(in *Input, r Refs) StaffRecord {
	rec := StaffRecord{Record: PublicRecord(in, r), AuthorName: in.AuthorName, Organization: in.Organization,
		AuthorEmail: in.AuthorEmail, Status: string(in.Status), Publication: string(in.Publication), Source: string(in.Source),
		ReceivedVia: in.Via, ReceivedAt: in.ReceivedAt, EnteredBy: in.EnteredBy, RegistrationID: in.RegistrationID,
		DetectedLanguage: in.Current.DetectedLanguage, LanguageMismatch: in.LanguageMismatch(),
		PublishedVersion: in.PublishedVersion, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt}
	return rec
}
