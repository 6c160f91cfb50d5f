package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
)

// The live session (internal/live): its row, the agenda, the speaker
// queue and the record. Writes join the transaction of ctx; reads run on
// it too when there is one, so a use case reads what it wrote.

// liveReader is the transaction of ctx, or the reader pool.
func (db *DB) liveReader(ctx context.Context) querier {
	if tx, ok := TxFrom(ctx); ok {
		return tx
	}
	return db.read
}

// ensureLiveSession creates the consultation's session row if missing.
func ensureLiveSession(ctx context.Context, tx *sql.Tx, consultationID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO live_sessions (consultation_id) VALUES ($1)
		ON CONFLICT (consultation_id) DO NOTHING`, consultationID)
	return err
}

// LiveSession is where a consultation's session stands; a consultation
// with none yet has the defaults.
func (db *DB) LiveSession(ctx context.Context, consultationID int64) (s *live.Session, err error) {
	defer errs.Wrap(&err, "store.LiveSession(%d)", consultationID)
	s = &live.Session{ConsultationID: consultationID, InterventionTime: live.DefaultInterventionTime}
	var secs int64
	var item sql.NullInt64
	var started, published sql.NullTime
	err = db.liveReader(ctx).QueryRowContext(ctx, `SELECT intervention_seconds, current_item_id, item_started_at,
		record_published_at, event_seq FROM live_sessions WHERE consultation_id=$1`, consultationID).
		Scan(&secs, &item, &started, &published, &s.EventSeq)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	s.InterventionTime = time.Duration(secs) * time.Second
	s.CurrentItemID, s.ItemStartedAt, s.PublishedAt = item.Int64, timePtr(started), timePtr(published)
	return s, nil
}

// sessionUpdate sets columns of the session row, creating it first.
func (db *DB) sessionUpdate(ctx context.Context, consultationID int64, set string, args ...any) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := ensureLiveSession(ctx, tx, consultationID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE live_sessions SET `+set+` WHERE consultation_id=$1`,
			append([]any{consultationID}, args...)...)
		return err
	})
}

// SaveInterventionTime sets the time per intervention.
func (db *DB) SaveInterventionTime(ctx context.Context, consultationID int64, d time.Duration) (err error) {
	defer errs.Wrap(&err, "store.SaveInterventionTime(%d)", consultationID)
	return db.sessionUpdate(ctx, consultationID, `intervention_seconds=$2`, int64(d/time.Second))
}

// SetCurrentItem makes an item the current one, started at at.
func (db *DB) SetCurrentItem(ctx context.Context, consultationID, itemID int64, at time.Time) (err error) {
	defer errs.Wrap(&err, "store.SetCurrentItem(%d, %d)", consultationID, itemID)
	return db.sessionUpdate(ctx, consultationID, `current_item_id=$2, item_started_at=$3`, itemID, at.UTC())
}

// PublishRecord publishes the record at at, or takes it back (nil).
func (db *DB) PublishRecord(ctx context.Context, consultationID int64, at *time.Time) (err error) {
	defer errs.Wrap(&err, "store.PublishRecord(%d)", consultationID)
	return db.sessionUpdate(ctx, consultationID, `record_published_at=$2`, nullTime(at))
}

// Agenda is a consultation's agenda, in order.
func (db *DB) Agenda(ctx context.Context, consultationID int64) (items []live.Item, err error) {
	defer errs.Wrap(&err, "store.Agenda(%d)", consultationID)
	rows, err := db.liveReader(ctx).QueryContext(ctx, `SELECT id, position, title, minutes, COALESCE(question_id, 0), titles
		FROM agenda_items WHERE consultation_id=$1 ORDER BY position, id`, consultationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		it := live.Item{ConsultationID: consultationID}
		var titles string
		if err := rows.Scan(&it.ID, &it.Position, &it.Title, &it.Minutes, &it.QuestionID, &titles); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(titles), &it.Titles); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// ReplaceAgenda stores the agenda: items with an id of the consultation
// are updated (their titles in other languages kept), the others inserted
// with theirs, and the consultation's items not listed deleted (with
// their requests for the floor).
func (db *DB) ReplaceAgenda(ctx context.Context, consultationID int64, items []live.Item) (err error) {
	defer errs.Wrap(&err, "store.ReplaceAgenda(%d)", consultationID)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		keep := []string{"0"}
		for i := range items {
			it := &items[i]
			var q any
			if it.QuestionID != 0 {
				q = it.QuestionID
			}
			if it.ID != 0 {
				res, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position=$3, title=$4, minutes=$5, question_id=$6
					WHERE id=$1 AND consultation_id=$2`, it.ID, consultationID, i+1, it.Title, it.Minutes, q)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n == 1 {
					keep = append(keep, strconv.FormatInt(it.ID, 10))
					continue
				}
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO agenda_items (consultation_id, position, title, minutes, question_id, titles)
				VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, consultationID, i+1, it.Title, it.Minutes, q, titlesJSON(it.Titles)).
				Scan(&it.ID); err != nil {
				return err
			}
			it.ConsultationID, it.Position = consultationID, i+1
			keep = append(keep, strconv.FormatInt(it.ID, 10))
		}
		// The ids are ours, formatted from int64: safe to inline.
		_, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE consultation_id=$1 AND id NOT IN (`+
			strings.Join(keep, ",")+`)`, consultationID)
		return err
	})
}

// titlesJSON is an item's titles in other languages as stored.
func titlesJSON(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// SaveAgendaTitles stores the items' titles in other languages.
func (db *DB) SaveAgendaTitles(ctx context.Context, consultationID int64, items []live.Item) (err error) {
	defer errs.Wrap(&err, "store.SaveAgendaTitles(%d)", consultationID)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for _, it := range items {
			res, err := tx.ExecContext(ctx, `UPDATE agenda_items SET titles=$3 WHERE id=$1 AND consultation_id=$2`,
				it.ID, consultationID, titlesJSON(it.Titles))
			if err := mustAffect(res, err, "live.agenda.item_unknown"); err != nil {
				return err
			}
		}
		return nil
	})
}

const speakerCols = `id, consultation_id, item_id, COALESCE(registration_id, ''), name, stakeholder_group, country,
	topic, position, state, asked_at, started_at, ended_at`

// Speakers are every request for the floor of a consultation, in queue
// order.
func (db *DB) Speakers(ctx context.Context, consultationID int64) (list []live.Speaker, err error) {
	defer errs.Wrap(&err, "store.Speakers(%d)", consultationID)
	rows, err := db.liveReader(ctx).QueryContext(ctx, `SELECT `+speakerCols+` FROM live_speakers
		WHERE consultation_id=$1 ORDER BY position, id`, consultationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sp live.Speaker
		var started, ended sql.NullTime
		if err := rows.Scan(&sp.ID, &sp.ConsultationID, &sp.ItemID, &sp.RegistrationID, &sp.Name, &sp.StakeholderGroup,
			&sp.Country, &sp.Topic, &sp.Position, &sp.State, &sp.AskedAt, &started, &ended); err != nil {
			return nil, err
		}
		sp.AskedAt = sp.AskedAt.UTC()
		sp.StartedAt, sp.EndedAt = timePtr(started), timePtr(ended)
		list = append(list, sp)
	}
	return list, rows.Err()
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// AddSpeaker inserts a request for the floor and sets its id.
func (db *DB) AddSpeaker(ctx context.Context, sp *live.Speaker) (err error) {
	defer errs.Wrap(&err, "store.AddSpeaker(%d)", sp.ConsultationID)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO live_speakers (consultation_id, item_id, registration_id, name,
			stakeholder_group, country, topic, position, state, asked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING id`, sp.ConsultationID, sp.ItemID, nullString(sp.RegistrationID), sp.Name, sp.StakeholderGroup,
			sp.Country, sp.Topic, sp.Position, string(sp.State), sp.AskedAt.UTC()).Scan(&sp.ID)
	})
}

// UpdateSpeaker stores a request's position, state and times.
func (db *DB) UpdateSpeaker(ctx context.Context, sp *live.Speaker) (err error) {
	defer errs.Wrap(&err, "store.UpdateSpeaker(%d)", sp.ID)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE live_speakers SET position=$2, state=$3, started_at=$4, ended_at=$5
			WHERE id=$1`, sp.ID, sp.Position, string(sp.State), nullTime(sp.StartedAt), nullTime(sp.EndedAt))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.E(errs.NotFound, "live.speaker.not_found")
		}
		return nil
	})
}

// AddIntervention stores a record and sets its id.
func (db *DB) AddIntervention(ctx context.Context, iv *live.Intervention) (err error) {
	defer errs.Wrap(&err, "store.AddIntervention(%d)", iv.ConsultationID)
	var speaker, question any
	if iv.SpeakerID != 0 {
		speaker = iv.SpeakerID
	}
	if iv.QuestionID != 0 {
		question = iv.QuestionID
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO interventions (consultation_id, speaker_id, registration_id, name,
			stakeholder_group, country, question_id, summary, key_points, started_at, ended_at, recorded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`, iv.ConsultationID, speaker,
			nullString(iv.RegistrationID), iv.Name, iv.StakeholderGroup, iv.Country, question, iv.Summary, iv.KeyPoints,
			nullTime(iv.StartedAt), nullTime(iv.EndedAt), iv.RecordedAt.UTC()).Scan(&iv.ID)
	})
}

// Interventions are a consultation's recorded interventions, in the
// order recorded.
func (db *DB) Interventions(ctx context.Context, consultationID int64) (list []live.Intervention, err error) {
	defer errs.Wrap(&err, "store.Interventions(%d)", consultationID)
	rows, err := db.liveReader(ctx).QueryContext(ctx, `SELECT id, COALESCE(speaker_id, 0), COALESCE(registration_id, ''),
		name, stakeholder_group, country, COALESCE(question_id, 0), summary, key_points, started_at, ended_at, recorded_at
		FROM interventions WHERE consultation_id=$1 ORDER BY id`, consultationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		iv := live.Intervention{ConsultationID: consultationID}
		var started, ended sql.NullTime
		if err := rows.Scan(&iv.ID, &iv.SpeakerID, &iv.RegistrationID, &iv.Name, &iv.StakeholderGroup, &iv.Country,
			&iv.QuestionID, &iv.Summary, &iv.KeyPoints, &started, &ended, &iv.RecordedAt); err != nil {
			return nil, err
		}
		iv.StartedAt, iv.EndedAt, iv.RecordedAt = timePtr(started), timePtr(ended), iv.RecordedAt.UTC()
		list = append(list, iv)
	}
	return list, rows.Err()
}

// Attendee is one group of registrants present at the session (by their
// join link or checked in): their stakeholder group, country and gender,
// and how many they were.
type Attendee struct {
	StakeholderGroup, Country, Gender string
	N                                 int
}

// Attendance counts the registrants of a consultation who used their
// personal join link or were checked in (each once), by stakeholder
// group, country and gender.
func (db *DB) Attendance(ctx context.Context, consultationID int64) (list []Attendee, err error) {
	defer errs.Wrap(&err, "store.Attendance(%d)", consultationID)
	rows, err := db.read.QueryContext(ctx, `SELECT stakeholder_group, country, COALESCE(gender, ''), COUNT(*) FROM registrations
		WHERE consultation_id=$1 AND (first_joined_at IS NOT NULL
			OR id IN (SELECT registration_id FROM live_checkins WHERE consultation_id=$1)) GROUP BY stakeholder_group, country, COALESCE(gender, '')
		ORDER BY 1, 2, 3`, consultationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a Attendee
		if err := rows.Scan(&a.StakeholderGroup, &a.Country, &a.Gender, &a.N); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}
