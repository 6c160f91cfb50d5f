package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/meeting"
)

// The meeting link's durable jobs: the release at its time, the fan-out
// of each link version, the reminders and the secretariat's messages. Each
// is unique per its arguments (a second instance or a double click inserts
// nothing) and runs meeting.Service, which works in batches that record
// their progress, so a rerun after a crash resumes without mailing anyone
// twice. Kinds are never renamed once shipped.

// LinkRelease releases a consultation's join links at At (Unix seconds).
type LinkRelease struct {
	ConsultationID int64 `json:"consultation_id"`
	At             int64 `json:"at"`
}

func (LinkRelease) Kind() string { return "meeting_release" }

// LinkFanOut sends link Version to every approved registrant.
type LinkFanOut struct {
	ConsultationID int64 `json:"consultation_id"`
	Version        int   `json:"version"`
}

func (LinkFanOut) Kind() string { return "meeting_fanout" }

// ReminderFanOut enqueues the reminder Before seconds ahead of StartsAt.
type ReminderFanOut struct {
	ConsultationID int64 `json:"consultation_id"`
	Before         int64 `json:"before"`
	StartsAt       int64 `json:"starts_at"`
}

func (ReminderFanOut) Kind() string { return "meeting_reminders" }

// AnnouncementFanOut enqueues a secretariat message's emails.
type AnnouncementFanOut struct {
	AnnouncementID int64 `json:"announcement_id"`
}

func (AnnouncementFanOut) Kind() string { return "registrant_message_fanout" }

// fanOutTimeout bounds one fan-out run; one that needs longer is retried
// and resumes where it stopped. It stays below RescueStuckJobsAfter.
const fanOutTimeout = 100 * time.Second

var once = river.UniqueOpts{ByArgs: true}

// ScheduleRelease inserts the release at at; it implements meeting.Scheduler.
func (q *Queue) ScheduleRelease(ctx context.Context, consultationID int64, at time.Time) error {
	return q.insert(ctx, LinkRelease{ConsultationID: consultationID, At: at.Unix()},
		&river.InsertOpts{ScheduledAt: at, UniqueOpts: once})
}

// ScheduleFanOut inserts the fan-out of link version.
func (q *Queue) ScheduleFanOut(ctx context.Context, consultationID int64, version int) error {
	return q.insert(ctx, LinkFanOut{ConsultationID: consultationID, Version: version}, &river.InsertOpts{UniqueOpts: once})
}

// ScheduleReminder inserts the reminder before startsAt, due then.
func (q *Queue) ScheduleReminder(ctx context.Context, consultationID int64, before time.Duration, startsAt time.Time) error {
	return q.insert(ctx, ReminderFanOut{ConsultationID: consultationID, Before: int64(before / time.Second), StartsAt: startsAt.Unix()},
		&river.InsertOpts{ScheduledAt: startsAt.Add(-before), UniqueOpts: once})
}

// ScheduleAnnouncement inserts the sending of an announcement.
func (q *Queue) ScheduleAnnouncement(ctx context.Context, announcementID int64) error {
	return q.insert(ctx, AnnouncementFanOut{AnnouncementID: announcementID}, &river.InsertOpts{UniqueOpts: once})
}

// MeetingSweep is the periodic job that makes sure every upcoming
// consultation's release and reminders are scheduled, whatever wrote the
// consultation (the demo loader, a restore): inserting them again is a
// no-op, as they are unique.
type MeetingSweep struct{}

func (MeetingSweep) Kind() string { return "meeting_sweep" }

// sweepEvery: a release or reminder is late by at most this much when its
// consultation was saved by something other than the meeting service.
const sweepEvery = time.Minute

// addMeetingWorkers registers the workers of the jobs above and the sweep.
func addMeetingWorkers(cfg *river.Config, m *meeting.Service) {
	w := cfg.Workers
	river.AddWorker(w, river.WorkFunc(func(ctx context.Context, _ *river.Job[MeetingSweep]) error {
		return wrap("sweep", m.Sweep(ctx))
	}))
	cfg.PeriodicJobs = append(cfg.PeriodicJobs, river.NewPeriodicJob(river.PeriodicInterval(sweepEvery),
		func() (river.JobArgs, *river.InsertOpts) { return MeetingSweep{}, nil },
		&river.PeriodicJobOpts{ID: MeetingSweep{}.Kind(), RunOnStart: true}))
	river.AddWorker(w, river.WorkFunc(func(ctx context.Context, j *river.Job[LinkRelease]) error {
		return wrap("release", m.ScheduledRelease(ctx, j.Args.ConsultationID, time.Unix(j.Args.At, 0)))
	}))
	river.AddWorker(w, &timed[LinkFanOut]{work: func(ctx context.Context, a LinkFanOut) error {
		return wrap("link fan-out", m.FanOut(ctx, a.ConsultationID, a.Version))
	}})
	river.AddWorker(w, &timed[ReminderFanOut]{work: func(ctx context.Context, a ReminderFanOut) error {
		return wrap("reminders", m.Remind(ctx, a.ConsultationID, time.Duration(a.Before)*time.Second, time.Unix(a.StartsAt, 0)))
	}})
	river.AddWorker(w, &timed[AnnouncementFanOut]{work: func(ctx context.Context, a AnnouncementFanOut) error {
		return wrap("message fan-out", m.AnnouncementFanOut(ctx, a.AnnouncementID))
	}})
}

// timed is a worker with the fan-outs' timeout.
type timed[T river.JobArgs] struct {
	river.WorkerDefaults[T]
	work func(ctx context.Context, args T) error
}

func (t *timed[T]) Work(ctx context.Context, j *river.Job[T]) error { return t.work(ctx, j.Args) }
func (t *timed[T]) Timeout(*river.Job[T]) time.Duration             { return fanOutTimeout }

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("jobs: meeting %s: %w", what, err)
	}
	return nil
}
