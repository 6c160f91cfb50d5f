package consultation

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The meeting link "in due course": when it goes out, when a personal join
// link starts to work, and when reminders are sent. The fields live on
// Consultation; these are the rules that read them.

// Defaults and bounds of the schedule, with their reasons.
const (
	// DefaultJoinOpensBefore: meeting tools open their waiting rooms about
	// half an hour ahead; a link that works earlier only invites mistakes.
	DefaultJoinOpensBefore = 30 * time.Minute
	// maxBefore bounds every "before the start" duration: a release or a
	// reminder more than 60 days ahead is a typing error.
	maxBefore = 60 * 24 * time.Hour
	// maxReminders: more than five reminders is spam.
	maxReminders = 5
)

// DefaultReminders are sent 24 hours and 1 hour before the start.
func DefaultReminders() []time.Duration { return []time.Duration{24 * time.Hour, time.Hour} }

// Schedule is the editable part of the meeting link's life.
type Schedule struct {
	// LinkReleaseAt is when the join links go out; LinkReleaseBefore, used
	// when LinkReleaseAt is nil, is how long before the start. Neither set:
	// the secretariat releases by hand.
	LinkReleaseAt     *time.Time
	LinkReleaseBefore *time.Duration
	// JoinOpensBefore is how long before the start a join link starts to
	// lead to the meeting.
	JoinOpensBefore time.Duration
	// Reminders are durations before the start, each sent once.
	Reminders []time.Duration
}

// Release is where the release stands, kept by the store.
type Release struct {
	// Version counts releases: 0 not released, 1 after the first, one more
	// at each change of the meeting URL or time after it.
	Version    int
	ReleasedAt *time.Time
}

// ReleaseTime is when the links go out on their own, nil when only by hand.
func (c *Consultation) ReleaseTime() *time.Time {
	switch {
	case c.LinkReleaseAt != nil:
		t := c.LinkReleaseAt.UTC()
		return &t
	case c.LinkReleaseBefore != nil:
		t := c.StartsAt.Add(-*c.LinkReleaseBefore).UTC()
		return &t
	}
	return nil
}

// Released reports whether the join links have gone out.
func (c *Consultation) Released() bool { return c.Version > 0 }

// JoinOpensAt is when a join link starts to lead to the meeting.
func (c *Consultation) JoinOpensAt() time.Time { return c.StartsAt.Add(-c.JoinOpensBefore) }

// JoinState is what a join link does at now: not yet, open, or over.
type JoinState int

// The join states.
const (
	JoinNotYet JoinState = iota
	JoinOpen
	JoinOver
)

// JoinStateAt applies the join window to now.
func (c *Consultation) JoinStateAt(now time.Time) JoinState {
	switch {
	case now.Before(c.JoinOpensAt()):
		return JoinNotYet
	case now.Before(c.EndsAt):
		return JoinOpen
	}
	return JoinOver
}

// MeetingChanged reports whether what a join email says (the meeting URL or
// time) differs between old and c, so that people who got it need an update.
func (c *Consultation) MeetingChanged(old *Consultation) bool {
	return old.MeetingURL != c.MeetingURL || !old.StartsAt.Equal(c.StartsAt) || !old.EndsAt.Equal(c.EndsAt)
}

// validateSchedule adds the schedule's field errors to f.
func (c *Consultation) validateSchedule(f map[string]string) {
	if c.LinkReleaseBefore != nil && (*c.LinkReleaseBefore < 0 || *c.LinkReleaseBefore > maxBefore) {
		f["link_release_before"] = "error.duration"
	}
	if c.LinkReleaseAt != nil && !c.StartsAt.IsZero() && c.LinkReleaseAt.After(c.EndsAt) {
		f["link_release_at"] = "error.release_after_end"
	}
	if c.JoinOpensBefore < 0 || c.JoinOpensBefore > 24*time.Hour {
		f["join_opens_before"] = "error.duration"
	}
	if len(c.Reminders) > maxReminders {
		f["reminders"] = "error.reminders"
	}
	for _, d := range c.Reminders {
		if d <= 0 || d > maxBefore {
			f["reminders"] = "error.duration"
		}
	}
}

// NormalizeReminders sorts the reminders, earliest (longest before) first,
// without repeats.
func NormalizeReminders(ds []time.Duration) []time.Duration {
	out := slices.Clone(ds)
	slices.SortFunc(out, func(a, b time.Duration) int { return cmp.Compare(b, a) })
	return slices.Compact(out)
}

// ParseDuration reads a duration as the secretariat types it: Go's form
// ("48h", "30m", "1h30m") or whole days ("2d").
func ParseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		return time.Duration(days) * 24 * time.Hour, err == nil && days >= 0
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}

// FormatDuration writes a duration the way ParseDuration reads it, in
// whole hours or minutes where it can: "48h", "30m", "1h30m".
func FormatDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0m"
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0 && d < time.Hour:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	}
	return strings.TrimSuffix(d.String(), "0s")
}

// ParseDurations reads a comma-separated list ("24h, 1h").
func ParseDurations(s string) ([]time.Duration, bool) {
	var out []time.Duration
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		d, ok := ParseDuration(part)
		if !ok {
			return nil, false
		}
		out = append(out, d)
	}
	return out, true
}

// FormatDurations writes a list as ParseDurations reads it.
func FormatDurations(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = FormatDuration(d)
	}
	return strings.Join(parts, ", ")
}
