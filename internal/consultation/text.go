package consultation

import "time"

// pick returns the version of a translatable value in lang, falling back to
// the original language. fellBack tells the page to say so.
func pick[T any](texts map[string]T, lang, original string) (v T, fellBack bool) {
	if t, ok := texts[lang]; ok {
		return t, false
	}
	return texts[original], lang != original
}

// Text returns the consultation's text in lang, field by field falling back
// to the original, and whether any field fell back.
func (c *Consultation) Text(lang string) (Text, bool) {
	t, fb := pick(c.Texts, lang, c.OriginalLang)
	if fb {
		return t, true
	}
	o := c.Texts[c.OriginalLang]
	fill := func(dst *string, src string) {
		if *dst == "" && src != "" {
			*dst, fb = src, true
		}
	}
	fill(&t.Title, o.Title)
	fill(&t.Place, o.Place)
	fill(&t.Background, o.Background)
	fill(&t.Objectives, o.Objectives)
	fill(&t.OpeningRemarks, o.OpeningRemarks)
	fill(&t.Notice, o.Notice)
	return t, fb
}

// Text returns the review's text in lang and whether it fell back.
func (r *Review) Text(lang string) (ReviewText, bool) {
	t, fb := pick(r.Texts, lang, r.OriginalLang)
	if !fb && t.Description == "" && r.Texts[r.OriginalLang].Description != "" {
		t.Description, fb = r.Texts[r.OriginalLang].Description, true
	}
	return t, fb
}

// Text returns the question in lang and whether it fell back.
func (q *Question) Text(lang string) (string, bool) {
	t, fb := pick(q.Texts, lang, q.OriginalLang)
	if t == "" && !fb {
		return q.Texts[q.OriginalLang], true
	}
	return t, fb
}

// RegState says whether registration is open and, if not, why (a catalog id).
type RegState struct {
	Open   bool
	Reason string // "registration.not_open_yet", "registration.closed"
	Left   int    // places left, -1 when there is no capacity limit
	// Waitlist: every place is held; registration stays open, and those
	// who confirm wait in order for a place to free.
	Waitlist bool
}

// RegistrationState applies the window and capacity to now and the number of
// places already taken (approved registrations: a pending one holds none).
func (c *Consultation) RegistrationState(now time.Time, taken int) RegState {
	left := -1
	if c.Capacity > 0 {
		left = max(c.Capacity-taken, 0)
	}
	switch {
	case c.Status != Published:
		return RegState{Reason: "registration.closed", Left: left}
	case c.RegistrationOpens != nil && now.Before(*c.RegistrationOpens):
		return RegState{Reason: "registration.not_open_yet", Left: left}
	case c.RegistrationEnds != nil && !now.Before(*c.RegistrationEnds):
		return RegState{Reason: "registration.closed", Left: left}
	case c.RegistrationEnds == nil && !now.Before(c.EndsAt):
		return RegState{Reason: "registration.closed", Left: left}
	case left == 0:
		return RegState{Open: true, Waitlist: true, Left: 0}
	}
	return RegState{Open: true, Left: left}
}
