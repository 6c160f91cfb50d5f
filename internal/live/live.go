// Package live runs what happens around the video call of a consultation:
// the agenda and its current item, the speaker queue and the floor with
// its timekeeping, the rapporteur's record of the interventions, and the
// numbered event log the live pages follow (Hub). The call itself stays in
// the meeting tool. Every change and its event commit in one transaction.
package live

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
)

// DefaultInterventionTime is the time per intervention until the
// secretariat sets another.
const DefaultInterventionTime = 3 * time.Minute

// Limits of what the forms take.
const (
	MaxItems       = 30
	maxTitle       = 200
	maxTopic       = 140
	maxName        = 120
	maxSummary     = 4000
	maxKeyPoints   = 4000
	maxItemMinutes = 600
	maxSpeakSecs   = 3600
)

// Item is one agenda item: a title, a duration and, optionally, the
// guiding question it discusses.
type Item struct {
	ID             int64
	ConsultationID int64
	Position       int
	Title          string
	Minutes        int
	QuestionID     int64 // 0: none
	// Titles are the title in other languages than the consultation's
	// original (Title), by language code.
	Titles map[string]string
}

// TitleIn is the item's title in lang, or the original when it has none
// in lang; titleLang says which language the title is in.
func (it Item) TitleIn(lang, original string) (title, titleLang string) {
	if t := it.Titles[lang]; t != "" && lang != original {
		return t, lang
	}
	return it.Title, original
}

// Duration is the item's time.
func (it Item) Duration() time.Duration { return time.Duration(it.Minutes) * time.Minute }

// ItemField is the name of an agenda item's field in the forms and in
// per-field errors: "item_2_title".
func ItemField(i int, name string) string { return "item_" + strconv.Itoa(i) + "_" + name }

// ValidateAgenda checks the items against the consultation's time (span)
// and its questions; errors name each field.
func ValidateAgenda(items []Item, span time.Duration, questions map[int64]bool) error {
	bad := map[string]string{}
	switch {
	case len(items) == 0:
		bad["items"] = "live.agenda.no_items"
	case len(items) > MaxItems:
		bad["items"] = "live.agenda.too_many"
	}
	var total time.Duration
	for i := range items {
		it := &items[i]
		it.Title = strings.TrimSpace(it.Title)
		it.Position = i + 1
		switch n := utf8.RuneCountInString(it.Title); {
		case n == 0:
			bad[ItemField(i, "title")] = "live.agenda.title_required"
		case n > maxTitle:
			bad[ItemField(i, "title")] = "live.agenda.title_too_long"
		}
		if it.Minutes < 1 || it.Minutes > maxItemMinutes {
			bad[ItemField(i, "minutes")] = "live.agenda.minutes_invalid"
		}
		if it.QuestionID != 0 && !questions[it.QuestionID] {
			bad[ItemField(i, "question")] = "live.agenda.question_unknown"
		}
		total += it.Duration()
	}
	if len(bad) == 0 && total > span {
		bad["items"] = "live.agenda.too_long"
	}
	if len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	return nil
}

// Session is where a consultation's live session stands.
type Session struct {
	ConsultationID   int64
	InterventionTime time.Duration
	CurrentItemID    int64 // 0: not started
	ItemStartedAt    *time.Time
	PublishedAt      *time.Time // the record, once published
	EventSeq         int64
}

// ValidInterventionTime checks a time per intervention.
func ValidInterventionTime(d time.Duration) error {
	if d < 10*time.Second || d > maxSpeakSecs*time.Second {
		return errs.InvalidFields(map[string]string{"intervention_seconds": "live.session.time_invalid"})
	}
	return nil
}

// SpeakerState is where a request for the floor stands.
type SpeakerState string

// The states of a request for the floor.
const (
	Waiting   SpeakerState = "waiting"
	Speaking  SpeakerState = "speaking"
	Spoken    SpeakerState = "spoken"
	Skipped   SpeakerState = "skipped"
	Withdrawn SpeakerState = "withdrawn"
)

// Speaker is one request for the floor: a registrant's, or one the
// moderator added by name (the Chair, a speaker in the room).
type Speaker struct {
	ID               int64
	ConsultationID   int64
	ItemID           int64
	RegistrationID   string // "" for a speaker added by name
	Name             string
	StakeholderGroup string
	Country          string
	Topic            string
	Position         int
	State            SpeakerState
	AskedAt          time.Time
	StartedAt        *time.Time
	EndedAt          *time.Time
}

// NewSpeaker is a request for the floor to add: a registrant's
// (RegistrationID) or one by name.
type NewSpeaker struct {
	ItemID           int64
	RegistrationID   string
	Name             string
	StakeholderGroup string
	Country          string
	Topic            string
}

// normalise trims the fields and checks them; validGroup and validCountry
// come from the caller (stakeholder and country directories).
func (n *NewSpeaker) normalise(validGroup, validCountry func(string) bool) error {
	n.Name, n.Topic = strings.TrimSpace(n.Name), strings.TrimSpace(n.Topic)
	n.Country = strings.ToUpper(strings.TrimSpace(n.Country))
	bad := map[string]string{}
	if utf8.RuneCountInString(n.Topic) > maxTopic || strings.ContainsAny(n.Topic, "\r\n") {
		bad["topic"] = "live.floor.topic_too_long"
	}
	if n.RegistrationID == "" {
		switch c := utf8.RuneCountInString(n.Name); {
		case c == 0:
			bad["name"] = "live.speaker.name_required"
		case c > maxName:
			bad["name"] = "live.speaker.name_too_long"
		}
		if n.StakeholderGroup != "" && !validGroup(n.StakeholderGroup) {
			bad["stakeholder_group"] = "live.speaker.group_invalid"
		}
		if n.Country != "" && !validCountry(n.Country) {
			bad["country"] = "live.speaker.country_invalid"
		}
	}
	if len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	return nil
}

// Intervention is the rapporteur's record of one intervention.
type Intervention struct {
	ID               int64
	ConsultationID   int64
	SpeakerID        int64 // 0: recorded without the queue
	RegistrationID   string
	Name             string
	StakeholderGroup string
	Country          string
	QuestionID       int64 // 0: none in particular
	Summary          string
	KeyPoints        string // one per line
	StartedAt        *time.Time
	EndedAt          *time.Time
	RecordedAt       time.Time
}

// Points are the key points, one per non-empty line.
func (iv Intervention) Points() []string {
	var out []string
	for _, l := range strings.Split(iv.KeyPoints, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// validate trims and checks a record before it is stored.
func (iv *Intervention) validate(validGroup, validCountry func(string) bool, questions map[int64]bool) error {
	iv.Name, iv.Summary = strings.TrimSpace(iv.Name), strings.TrimSpace(iv.Summary)
	iv.KeyPoints = strings.TrimSpace(strings.ReplaceAll(iv.KeyPoints, "\r\n", "\n"))
	iv.Country = strings.ToUpper(strings.TrimSpace(iv.Country))
	bad := map[string]string{}
	switch n := utf8.RuneCountInString(iv.Name); {
	case n == 0:
		bad["name"] = "live.speaker.name_required"
	case n > maxName:
		bad["name"] = "live.speaker.name_too_long"
	}
	if !validGroup(iv.StakeholderGroup) {
		bad["stakeholder_group"] = "live.speaker.group_invalid"
	}
	if iv.Country != "" && !validCountry(iv.Country) {
		bad["country"] = "live.speaker.country_invalid"
	}
	if iv.QuestionID != 0 && !questions[iv.QuestionID] {
		bad["question"] = "live.agenda.question_unknown"
	}
	switch n := utf8.RuneCountInString(iv.Summary); {
	case n == 0:
		bad["summary"] = "live.record.summary_required"
	case n > maxSummary:
		bad["summary"] = "live.record.summary_too_long"
	}
	if utf8.RuneCountInString(iv.KeyPoints) > maxKeyPoints {
		bad["key_points"] = "live.record.points_too_long"
	}
	if len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	return nil
}

// Event is one entry of a consultation's event log: what changed, with
// only what the public page shows.
type Event struct {
	ConsultationID int64
	Seq            int64
	Kind           string // "agenda", "queue", "floor", "timer", "record"
	Data           string // JSON
	At             time.Time
}

// The kinds of events.
const (
	EventAgenda = "agenda"
	EventQueue  = "queue"
	EventFloor  = "floor"
	EventTimer  = "timer"
	EventRecord = "record"
)
