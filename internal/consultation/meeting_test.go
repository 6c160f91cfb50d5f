package consultation

import (
	"slices"
	"testing"
	"time"
)

func TestDurationsAsTyped(t *testing.T) {
	for in, want := range map[string]time.Duration{"48h": 48 * time.Hour, "30m": 30 * time.Minute, "2d": 48 * time.Hour,
		" 1h30m ": 90 * time.Minute, "0d": 0} {
		if got, ok := ParseDuration(in); !ok || got != want {
			t.Errorf("ParseDuration(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "-d", "1.5d", "3x"} {
		if _, ok := ParseDuration(bad); ok {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
	for d, want := range map[time.Duration]string{48 * time.Hour: "48h", 30 * time.Minute: "30m", 90 * time.Minute: "1h30m", 0: "0m"} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
		if back, ok := ParseDuration(FormatDuration(d)); !ok || back != d {
			t.Errorf("FormatDuration(%v) does not read back", d)
		}
	}
	ds, ok := ParseDurations("1h, 24h,,1h")
	if !ok || !slices.Equal(NormalizeReminders(ds), []time.Duration{24 * time.Hour, time.Hour}) {
		t.Errorf("reminders %v %v", ds, ok)
	}
}

func TestReleaseAndJoinWindow(t *testing.T) {
	start := time.Date(2026, 12, 11, 14, 0, 0, 0, time.UTC)
	c := &Consultation{StartsAt: start, EndsAt: start.Add(2 * time.Hour), Schedule: Schedule{JoinOpensBefore: 30 * time.Minute}}
	if c.ReleaseTime() != nil {
		t.Error("no schedule, yet a release time")
	}
	before := 48 * time.Hour
	c.LinkReleaseBefore = &before
	if got := c.ReleaseTime(); got == nil || !got.Equal(start.Add(-before)) {
		t.Errorf("release %v, want 48 h before the start", got)
	}
	at := start.Add(-time.Hour)
	c.LinkReleaseAt = &at
	if got := c.ReleaseTime(); got == nil || !got.Equal(at) {
		t.Errorf("an absolute time wins: %v", got)
	}
	for now, want := range map[time.Time]JoinState{start.Add(-31 * time.Minute): JoinNotYet, start.Add(-30 * time.Minute): JoinOpen,
		start.Add(time.Hour): JoinOpen, start.Add(2 * time.Hour): JoinOver} {
		if got := c.JoinStateAt(now); got != want {
			t.Errorf("JoinStateAt(%v) = %v, want %v", now, got, want)
		}
	}
	old := *c
	c.MeetingURL = "https://meet.example.org/new"
	if !c.MeetingChanged(&old) {
		t.Error("a new meeting URL is not a change")
	}
}

func TestScheduleValidation(t *testing.T) {
	start := time.Date(2026, 12, 11, 14, 0, 0, 0, time.UTC)
	late, neg := start.Add(3*time.Hour), -time.Hour
	c := &Consultation{StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Schedule: Schedule{LinkReleaseAt: &late, LinkReleaseBefore: &neg, JoinOpensBefore: 25 * time.Hour,
			Reminders: []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour, 4 * time.Hour, 5 * time.Hour, 6 * time.Hour}}}
	f := map[string]string{}
	c.validateSchedule(f)
	want := map[string]string{"link_release_at": "error.release_after_end", "link_release_before": "error.duration",
		"join_opens_before": "error.duration", "reminders": "error.reminders"}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("%s: %q, want %q", k, f[k], v)
		}
	}
}
