package messages

import "time"

// Announcement is a message the secretariat writes to a filtered set of a
// consultation's registrants, with a version per language.
type Announcement struct {
	ID             int64
	ConsultationID int64
	OriginalLang   string
	Texts          map[string]AnnouncementText // OriginalLang always present
	Filter         AnnouncementFilter
	CreatedBy      string
	CreatedAt      time.Time
	SentAt         *time.Time
	Recipients     int
	// Cursor is the last recipient the sending reached (registration ids
	// are sent in order), so a rerun after a crash resumes after it.
	Cursor string
}

// AnnouncementText is one language's version.
type AnnouncementText struct {
	Subject string `json:"subject"`
	Body    string `json:"body"` // plain text; {name}, {page}, {join_link} are filled in per recipient
}

// AnnouncementFilter selects the recipients; empty fields select all.
type AnnouncementFilter struct {
	Status           string `json:"status,omitempty"`
	StakeholderGroup string `json:"stakeholder_group,omitempty"`
	Region           string `json:"region,omitempty"` // M49 code
	Country          string `json:"country,omitempty"`
	Language         string `json:"language,omitempty"`
}

// Text is the version in lang, or the original.
func (a *Announcement) Text(lang string) AnnouncementText {
	if t, ok := a.Texts[lang]; ok && t.Subject != "" {
		return t
	}
	return a.Texts[a.OriginalLang]
}
