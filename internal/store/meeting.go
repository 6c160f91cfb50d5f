package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
)

// The meeting link's release and the secretariat's messages to
// registrants (internal/meeting). Every write joins the transaction of ctx.

// ReleaseLink sets the link version of a consultation to 1 unless it is
// released already, and returns the version: releasing twice is the
// first release.
func (db *DB) ReleaseLink(ctx context.Context, consultationID int64, now time.Time) (version int, err error) {
	defer errs.Wrap(&err, "store.ReleaseLink(%d)", consultationID)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET link_version=1, link_released_at=$2
			WHERE id=$1 AND link_version=0`, consultationID, now.UTC()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT link_version FROM consultations WHERE id=$1`, consultationID).Scan(&version)
	})
	return version, notFound(err, "consultation.not_found")
}

// BumpLinkVersion adds one to the link version of a released consultation
// (the meeting URL or time changed) and returns it.
func (db *DB) BumpLinkVersion(ctx context.Context, consultationID int64) (version int, err error) {
	defer errs.Wrap(&err, "store.BumpLinkVersion(%d)", consultationID)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `UPDATE consultations SET link_version = link_version + 1
			WHERE id=$1 AND link_version > 0 RETURNING link_version`, consultationID).Scan(&version)
	})
	return version, notFound(err, "consultation.not_found")
}

// LinkRecipients are up to limit approved registrants of a consultation
// whose last join link is older than version.
func (db *DB) LinkRecipients(ctx context.Context, consultationID int64, version, limit int) (list []*registration.Registration, err error) {
	defer errs.Wrap(&err, "store.LinkRecipients(%d)", consultationID)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		list, err = queryRegistrations(ctx, tx, `SELECT `+registrationCols+` FROM registrations
			WHERE consultation_id=$1 AND status='approved' AND link_version < $2 ORDER BY id LIMIT $3`,
			consultationID, version, limit)
		return err
	})
	return list, err
}

// ApprovedAfter are up to limit ids of a consultation's approved
// registrants after afterID, in id order.
func (db *DB) ApprovedAfter(ctx context.Context, consultationID int64, afterID string, limit int) (ids []string, err error) {
	defer errs.Wrap(&err, "store.ApprovedAfter(%d)", consultationID)
	return db.ids(ctx, `SELECT id FROM registrations WHERE consultation_id=$1 AND status='approved' AND id > $2
		ORDER BY id LIMIT $3`, consultationID, afterID, limit)
}

// ids runs a query of one text column in the transaction of ctx, or on a
// reader.
func (db *DB) ids(ctx context.Context, q string, args ...any) (ids []string, err error) {
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	return ids, err
}

// RecordJoin records a use of registrant id's join link: the first and
// the last are attendance.
func (db *DB) RecordJoin(ctx context.Context, id string, now time.Time) (err error) {
	defer errs.Wrap(&err, "store.RecordJoin")
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE registrations SET first_joined_at=COALESCE(first_joined_at, $2),
			last_joined_at=$2 WHERE id=$1`, id, now.UTC())
		return err
	})
}

// SaveAnnouncement stores a new announcement and sets its ID.
func (db *DB) SaveAnnouncement(ctx context.Context, a *messages.Announcement) (err error) {
	defer errs.Wrap(&err, "store.SaveAnnouncement")
	texts, err := json.Marshal(a.Texts)
	if err != nil {
		return err
	}
	filter, err := json.Marshal(a.Filter)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO registrant_messages (consultation_id, original_lang, texts, recipient_filter,
			created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`, a.ConsultationID, a.OriginalLang,
			string(texts), string(filter), a.CreatedBy, a.CreatedAt.UTC()).Scan(&a.ID)
	})
}

const announcementCols = `id, consultation_id, original_lang, texts, recipient_filter, created_by, created_at, sent_at, recipients, fanout_after`

func scanAnnouncement(row rowScanner) (*messages.Announcement, error) {
	a := &messages.Announcement{}
	var sent sql.NullTime
	err := row.Scan(&a.ID, &a.ConsultationID, &a.OriginalLang, jsonCol{&a.Texts}, jsonCol{&a.Filter}, &a.CreatedBy,
		&a.CreatedAt, &sent, &a.Recipients, &a.Cursor)
	a.SentAt, a.CreatedAt = timePtr(sent), a.CreatedAt.UTC()
	return a, err
}

// Announcement loads one announcement.
func (db *DB) Announcement(ctx context.Context, id int64) (a *messages.Announcement, err error) {
	defer errs.Wrap(&err, "store.Announcement(%d)", id)
	a, err = scanAnnouncement(db.read.QueryRowContext(ctx, `SELECT `+announcementCols+` FROM registrant_messages WHERE id=$1`, id))
	return a, notFound(err, "message.not_found")
}

// Announcements lists a consultation's announcements, newest first (at
// most limit).
func (db *DB) Announcements(ctx context.Context, consultationID int64, limit int) (list []*messages.Announcement, err error) {
	defer errs.Wrap(&err, "store.Announcements(%d)", consultationID)
	rows, err := db.read.QueryContext(ctx, `SELECT `+announcementCols+` FROM registrant_messages
		WHERE consultation_id=$1 ORDER BY created_at DESC, id DESC LIMIT $2`, consultationID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAnnouncement(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// StartAnnouncement marks an announcement sent and reports whether this
// call did (sending twice sends once).
func (db *DB) StartAnnouncement(ctx context.Context, id int64, now time.Time) (started bool, err error) {
	defer errs.Wrap(&err, "store.StartAnnouncement(%d)", id)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE registrant_messages SET sent_at=$2 WHERE id=$1 AND sent_at IS NULL`, id, now.UTC())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		started = n == 1
		return err
	})
	return started, err
}

// AnnouncementRecipients are up to limit ids, after afterID in id order,
// of the registrants an announcement's filter selects (countries, when
// given, stands for its region or country). Without a status, everyone
// whose address is proved and who has not cancelled.
func (db *DB) AnnouncementRecipients(ctx context.Context, a *messages.Announcement, countries []string,
	afterID string, limit int) (ids []string, err error) {
	defer errs.Wrap(&err, "store.AnnouncementRecipients(%d)", a.ID)
	conds, args := []string{"consultation_id=$1", "id > $2"}, []any{a.ConsultationID, afterID}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f := a.Filter; f.Status != "" {
		add("status=?", f.Status)
	} else {
		conds = append(conds, "status NOT IN ('pending_confirmation', 'cancelled')")
	}
	if a.Filter.StakeholderGroup != "" {
		add("stakeholder_group=?", a.Filter.StakeholderGroup)
	}
	if a.Filter.Language != "" {
		add("language=?", a.Filter.Language)
	}
	if countries != nil {
		in := []string{"''"}
		for _, c := range countries {
			args = append(args, c)
			in = append(in, "$"+strconv.Itoa(len(args)))
		}
		conds = append(conds, "country IN ("+strings.Join(in, ",")+")")
	}
	args = append(args, limit)
	return db.ids(ctx, `SELECT id FROM registrations WHERE `+strings.Join(conds, " AND ")+
		` ORDER BY id LIMIT $`+strconv.Itoa(len(args)), args...)
}

// AddAnnouncementRecipients records a batch of an announcement's sending.
func (db *DB) AddAnnouncementRecipients(ctx context.Context, id int64, n int, lastID string) (err error) {
	defer errs.Wrap(&err, "store.AddAnnouncementRecipients(%d)", id)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE registrant_messages SET recipients = recipients + $2, fanout_after=$3 WHERE id=$1`,
			id, n, lastID)
		return err
	})
}

// EraseRegistration erases the personal data of a cancelled registration,
// keeping its stakeholder group and country (aggregate figures only);
// email becomes the given placeholder.
func (db *DB) EraseRegistration(ctx context.Context, id, email string) (err error) {
	defer errs.Wrap(&err, "store.EraseRegistration")
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE registrations SET given_name='', family_name='', email=$2, organization='',
			job_title='', gender='', accessibility_needs='', reject_reason='' WHERE id=$1 AND status='cancelled'`, id, email)
		return mustAffect(res, err, "registration.not_found")
	})
}

// UpcomingConsultations are the published consultations that have not
// ended at now, without texts: the meeting sweep's work list, a handful.
func (db *DB) UpcomingConsultations(ctx context.Context, now time.Time) (list []*consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.UpcomingConsultations")
	return db.consultationRows(ctx, `c.status='published' AND c.ends_at > $1`, now.UTC())
}
