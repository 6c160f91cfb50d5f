package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
)

// The participation side of the opinion map: settings, participants,
// statements and votes. Participants and statements are numbered densely
// within their consultation (pid, tid; see opinions_counters.go).

// OpinionSettings returns a consultation's opinion-map settings; a
// consultation never configured has the map disabled.
func (db *DB) OpinionSettings(ctx context.Context, consultationID int64) (s opinion.Settings, err error) {
	defer errs.Wrap(&err, "store.OpinionSettings(%d)", consultationID)
	return readOpinionSettings(ctx, db.read, consultationID)
}

func readOpinionSettings(ctx context.Context, q querier, consultationID int64) (opinion.Settings, error) {
	s := opinion.Settings{ConsultationID: consultationID}
	err := q.QueryRowContext(ctx, `SELECT enabled, open_to_verified, strict_moderation, updated_at
		FROM opinion_settings WHERE consultation_id=$1`, consultationID).
		Scan(&s.Enabled, &s.OpenToVerified, &s.StrictModeration, &s.UpdatedAt)
	if err == sql.ErrNoRows {
		return s, nil
	}
	s.UpdatedAt = s.UpdatedAt.UTC()
	return s, err
}

// SaveOpinionSettings stores s for its consultation.
func (db *DB) SaveOpinionSettings(ctx context.Context, s opinion.Settings, now time.Time) (err error) {
	defer errs.Wrap(&err, "store.SaveOpinionSettings(%d)", s.ConsultationID)
	_, err = db.write.ExecContext(ctx, `INSERT INTO opinion_settings (consultation_id, enabled, open_to_verified,
		strict_moderation, updated_at) VALUES ($1,$2,$3,$4,$5)
		ON CONFLICT (consultation_id) DO UPDATE SET enabled=excluded.enabled, open_to_verified=excluded.open_to_verified,
		strict_moderation=excluded.strict_moderation, updated_at=excluded.updated_at`,
		s.ConsultationID, s.Enabled, s.OpenToVerified, s.StrictModeration, now.UTC())
	if classify(err) == foreignKeyViolation {
		return errs.E(errs.NotFound, "consultation.not_found")
	}
	return err
}

const participantCols = `id, consultation_id, pid, registration_id, email, xid, stakeholder_group, country, created_at`

func scanParticipant(row rowScanner) (*opinion.Participant, error) {
	p := &opinion.Participant{}
	var reg sql.NullString
	err := row.Scan(&p.ID, &p.ConsultationID, &p.PID, &reg, &p.Email, &p.XID, &p.StakeholderGroup, &p.Country, &p.CreatedAt)
	p.RegistrationID, p.CreatedAt = reg.String, p.CreatedAt.UTC()
	return p, err
}

// OpinionParticipant loads a participant by its row id.
func (db *DB) OpinionParticipant(ctx context.Context, id int64) (p *opinion.Participant, err error) {
	defer errs.Wrap(&err, "store.OpinionParticipant(%d)", id)
	p, err = scanParticipant(db.read.QueryRowContext(ctx, `SELECT `+participantCols+` FROM opinion_participants WHERE id=$1`, id))
	return p, notFound(err, "opinions.error.not_participant")
}

// OpinionParticipantForRegistration finds or creates the participant of a
// registration in its consultation, copying the registrant's stakeholder
// group and country. It does not check the registration's status: callers
// decide who may take part.
func (db *DB) OpinionParticipantForRegistration(ctx context.Context, reg *registration.Registration, now time.Time) (p *opinion.Participant, err error) {
	defer errs.Wrap(&err, "store.OpinionParticipantForRegistration")
	return db.findOrAddParticipant(ctx, &opinion.Participant{ConsultationID: reg.ConsultationID, RegistrationID: reg.ID,
		StakeholderGroup: string(reg.StakeholderGroup), Country: reg.Country, CreatedAt: now.UTC()},
		`registration_id=$2`, reg.ID)
}

// OpinionParticipantForEmail finds or creates the participant who proved
// the (lower-cased) address email. Someone whose confirmed registration
// has that address is that registration's participant.
func (db *DB) OpinionParticipantForEmail(ctx context.Context, consultationID int64, email string, now time.Time) (p *opinion.Participant, err error) {
	defer errs.Wrap(&err, "store.OpinionParticipantForEmail")
	email = strings.ToLower(strings.TrimSpace(email))
	reg, err := scanRegistration(db.read.QueryRowContext(ctx, `SELECT `+registrationCols+` FROM registrations
		WHERE consultation_id=$1 AND email=$2 AND status IN ('confirmed', 'approved', 'waitlisted')`, consultationID, email))
	switch {
	case err == nil:
		return db.OpinionParticipantForRegistration(ctx, reg, now)
	case err != sql.ErrNoRows:
		return nil, err
	}
	return db.findOrAddParticipant(ctx, &opinion.Participant{ConsultationID: consultationID, Email: email,
		CreatedAt: now.UTC()}, `email=$2`, email)
}

// findOrAddParticipant returns the participant of p's consultation that
// matches where (on $2, which is key), or else stores p as a new one.
func (db *DB) findOrAddParticipant(ctx context.Context, p *opinion.Participant, where string, key any) (*opinion.Participant, error) {
	query := `SELECT ` + participantCols + ` FROM opinion_participants WHERE consultation_id=$1 AND ` + where
	// Most sign-ins are of known participants: they need no write.
	found, err := scanParticipant(db.read.QueryRowContext(ctx, query, p.ConsultationID, key))
	if err != sql.ErrNoRows {
		return found, err
	}
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if err := lockOpinionNumbers(ctx, tx, p.ConsultationID); err != nil {
			return err
		}
		// Again under the lock: the same person may have been added by a
		// request that held it while this one waited.
		found, err = scanParticipant(tx.QueryRowContext(ctx, query, p.ConsultationID, key))
		if err != sql.ErrNoRows {
			return err
		}
		found = p
		return insertParticipant(ctx, tx, p)
	})
	return found, err
}

// insertParticipant gives p the next pid of its consultation and stores
// it; tx holds the consultation's counters (lockOpinionNumbers).
func insertParticipant(ctx context.Context, tx *sql.Tx, p *opinion.Participant) (err error) {
	if p.PID, err = takeOpinionNumber(ctx, tx, p.ConsultationID, nextPID); err != nil {
		return err
	}
	var reg any
	if p.RegistrationID != "" {
		reg = p.RegistrationID
	}
	return tx.QueryRowContext(ctx, `INSERT INTO opinion_participants (consultation_id, pid, registration_id, email, xid,
		stakeholder_group, country, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
		p.ConsultationID, p.PID, reg, p.Email, p.XID, p.StakeholderGroup, p.Country, p.CreatedAt).Scan(&p.ID)
}

const statementCols = `s.id, s.consultation_id, s.tid, s.author_pid, s.body, s.lang, s.moderation, s.is_seed, s.is_meta, s.created_at`

// voteCounts adds the tally of a statement's votes to statementCols; the
// statement row keeps it (CastVote, AddStatement and ImportPolis update it).
const voteCounts = `, s.agrees, s.disagrees, s.passes`

// tallyDelta is the change to a statement's (agrees, disagrees, passes)
// when a vote v is added (+1) or taken away (-1).
func tallyDelta(d *[3]int, v opinion.Vote, by int) {
	d[1-int(v)] += by // agree → 0, pass → 1, disagree → 2
}

func scanStatement(row rowScanner, extra ...any) (*opinion.Statement, error) {
	st := &opinion.Statement{}
	var author sql.NullInt64
	var mod int
	err := row.Scan(append([]any{&st.ID, &st.ConsultationID, &st.TID, &author, &st.Body, &st.Lang, &mod, &st.IsSeed,
		&st.IsMeta, &st.CreatedAt}, extra...)...)
	st.AuthorPID, st.Moderation, st.CreatedAt = opinion.BySecretariat, opinion.Moderation(mod), st.CreatedAt.UTC()
	if author.Valid {
		st.AuthorPID = int(author.Int64)
	}
	return st, err
}

// AddStatement stores a statement for its consultation as it is given
// (opinion.Service decides its moderation and who may write it) and sets
// its TID. The body is normalised and validated, so no invalid statement
// is ever stored; the same body twice in one consultation is refused. A
// statement with an author (AuthorPID other than opinion.BySecretariat)
// is stored with its author's agree vote, as in Pol.is.
func (db *DB) AddStatement(ctx context.Context, st *opinion.Statement, now time.Time) (err error) {
	defer errs.Wrap(&err, "store.AddStatement(%d)", st.ConsultationID)
	st.Body = opinion.NormalizeStatement(st.Body)
	if err := opinion.ValidateStatement(st.Body); err != nil {
		return err
	}
	var author any
	if st.AuthorPID != opinion.BySecretariat {
		author = st.AuthorPID
	}
	st.CreatedAt = now.UTC()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		// Under the counters' lock, so that the same body sent twice at once
		// is seen as a duplicate too.
		if err := lockOpinionNumbers(ctx, tx, st.ConsultationID); err != nil {
			return err
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements WHERE consultation_id=$1 AND body=$2`,
			st.ConsultationID, st.Body).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			return errs.InvalidFields(map[string]string{"body": "opinions.error.duplicate"})
		}
		if st.TID, err = takeOpinionNumber(ctx, tx, st.ConsultationID, nextTID); err != nil {
			return err
		}
		authorVote := 0 // the author's own agree, counted in the tally
		if author != nil {
			authorVote = 1
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO statements (consultation_id, tid, author_pid, body, lang, moderation,
			is_seed, is_meta, created_at, agrees, vote_events) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id`,
			st.ConsultationID, st.TID, author, st.Body, st.Lang, int(st.Moderation), st.IsSeed, st.IsMeta, st.CreatedAt,
			authorVote).Scan(&st.ID)
		if classify(err) == foreignKeyViolation {
			return errs.E(errs.NotFound, "opinions.error.not_participant")
		}
		if err != nil || author == nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO votes (consultation_id, tid, pid, vote, voted_at, first_voted_at)
			VALUES ($1,$2,$3,$4,$5,$5)`, st.ConsultationID, st.TID, st.AuthorPID, int(opinion.Agree), st.CreatedAt)
		return err
	})
}

// StatementsSince counts the statements participant pid wrote in a
// consultation after since.
func (db *DB) StatementsSince(ctx context.Context, consultationID int64, pid int, since time.Time) (n int, err error) {
	defer errs.Wrap(&err, "store.StatementsSince(%d, %d)", consultationID, pid)
	err = db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements WHERE consultation_id=$1 AND author_pid=$2
		AND created_at > $3`, consultationID, pid, since.UTC()).Scan(&n)
	return n, err
}

// StatementFilter selects statements; States nil means every state.
type StatementFilter struct {
	ConsultationID int64
	States         []opinion.Moderation
}

// Statements lists statements with their vote tallies, oldest first.
func (db *DB) Statements(ctx context.Context, f StatementFilter) (list []opinion.StatementCounts, err error) {
	defer errs.Wrap(&err, "store.Statements(%d)", f.ConsultationID)
	where, args := "s.consultation_id=$1", []any{f.ConsultationID}
	if f.States != nil {
		where += " AND s.moderation IN (" + stateList(f.States, &args) + ")"
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+statementCols+voteCounts+` FROM statements s WHERE `+where+` ORDER BY s.tid`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c opinion.StatementCounts
		st, err := scanStatement(rows, &c.Agrees, &c.Disagrees, &c.Passes)
		if err != nil {
			return nil, err
		}
		c.Statement = *st
		list = append(list, c)
	}
	return list, rows.Err()
}

// stateList appends the states to args and returns their placeholders;
// an empty list matches nothing.
func stateList(states []opinion.Moderation, args *[]any) string {
	ph := []string{"NULL"}
	for _, m := range states {
		*args = append(*args, int(m))
		ph = append(ph, "$"+strconv.Itoa(len(*args)))
	}
	return strings.Join(ph, ",")
}

// StatementByTID loads one statement with its tally.
func (db *DB) StatementByTID(ctx context.Context, consultationID int64, tid int) (c opinion.StatementCounts, err error) {
	defer errs.Wrap(&err, "store.StatementByTID(%d, %d)", consultationID, tid)
	st, err := scanStatement(db.read.QueryRowContext(ctx, `SELECT `+statementCols+voteCounts+` FROM statements s
		WHERE s.consultation_id=$1 AND s.tid=$2`, consultationID, tid), &c.Agrees, &c.Disagrees, &c.Passes)
	if err != nil {
		return c, notFound(err, "opinions.error.no_statement")
	}
	c.Statement = *st
	return c, nil
}

// ModerationCounts counts a consultation's statements by moderation state.
func (db *DB) ModerationCounts(ctx context.Context, consultationID int64) (counts map[opinion.Moderation]int, err error) {
	defer errs.Wrap(&err, "store.ModerationCounts(%d)", consultationID)
	counts = map[opinion.Moderation]int{opinion.Accepted: 0, opinion.Unmoderated: 0, opinion.Rejected: 0}
	rows, err := db.read.QueryContext(ctx, `SELECT moderation, COUNT(*) FROM statements WHERE consultation_id=$1
		GROUP BY moderation`, consultationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m, n int
		if err := rows.Scan(&m, &n); err != nil {
			return nil, err
		}
		counts[opinion.Moderation(m)] = n
	}
	return counts, rows.Err()
}

// ModerateStatement sets a statement's moderation state.
func (db *DB) ModerateStatement(ctx context.Context, consultationID int64, tid int, m opinion.Moderation) (err error) {
	defer errs.Wrap(&err, "store.ModerateStatement(%d, %d)", consultationID, tid)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE statements SET moderation=$3 WHERE consultation_id=$1 AND tid=$2`,
			consultationID, tid, int(m))
		if err != nil {
			return err
		}
		return mustAffect(res, nil, "opinions.error.no_statement")
	})
}

// CastVote records participant pid's vote on statement tid, replacing any
// earlier vote of theirs on it. The map must be enabled (else Closed
// "opinions.error.disabled") and the statement put to the vote (else
// Closed "opinions.error.not_votable"; an unknown statement is NotFound).
func (db *DB) CastVote(ctx context.Context, consultationID int64, tid, pid int, v opinion.Vote, now time.Time) (err error) {
	defer errs.Wrap(&err, "store.CastVote(%d, tid %d, pid %d)", consultationID, tid, pid)
	if !v.Valid() {
		return errs.InvalidFields(map[string]string{"vote": "error.choice"})
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		s, err := readOpinionSettings(ctx, tx, consultationID)
		if err != nil {
			return err
		}
		if !s.Enabled {
			return errs.E(errs.Closed, "opinions.error.disabled")
		}
		var mod int
		err = tx.QueryRowContext(ctx, `SELECT moderation FROM statements WHERE consultation_id=$1 AND tid=$2`,
			consultationID, tid).Scan(&mod)
		if err != nil {
			return notFound(err, "opinions.error.no_statement")
		}
		if !s.Votable(opinion.Moderation(mod)) {
			return errs.E(errs.Closed, "opinions.error.not_votable")
		}
		var old int
		had := true
		switch err := tx.QueryRowContext(ctx, `SELECT vote FROM votes WHERE consultation_id=$1 AND tid=$2 AND pid=$3`,
			consultationID, tid, pid).Scan(&old); {
		case err == sql.ErrNoRows:
			had = false
		case err != nil:
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO votes (consultation_id, tid, pid, vote, voted_at, first_voted_at) VALUES ($1,$2,$3,$4,$5,$5)
			ON CONFLICT (consultation_id, tid, pid) DO UPDATE SET vote=excluded.vote, voted_at=excluded.voted_at`,
			consultationID, tid, pid, int(v), now.UTC())
		if classify(err) == foreignKeyViolation {
			return errs.E(errs.NotFound, "opinions.error.not_participant")
		}
		if err != nil {
			return err
		}
		// Keep the statement's tally: the new vote in, the replaced one out.
		var d [3]int
		tallyDelta(&d, v, 1)
		if had {
			tallyDelta(&d, opinion.Vote(old), -1)
		}
		_, err = tx.ExecContext(ctx, `UPDATE statements SET agrees=agrees+$3, passes=passes+$4, disagrees=disagrees+$5,
			vote_events=vote_events+1 WHERE consultation_id=$1 AND tid=$2`, consultationID, tid, d[0], d[1], d[2])
		return err
	})
}

// Vote returns participant pid's vote on statement tid; ok is false when
// they have not voted on it.
func (db *DB) Vote(ctx context.Context, consultationID int64, tid, pid int) (v opinion.Vote, ok bool, err error) {
	defer errs.Wrap(&err, "store.Vote")
	var n int
	err = db.read.QueryRowContext(ctx, `SELECT vote FROM votes WHERE consultation_id=$1 AND tid=$2 AND pid=$3`,
		consultationID, tid, pid).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	return opinion.Vote(n), err == nil, err
}

// NextStatement picks the statement to put to participant pid next: one
// put to the vote under s, not written by them and not yet voted on by
// them, with the fewest votes so far — so new statements catch up with the
// old. Ties go to the lowest TID (the oldest), which keeps the choice
// stable when the page is reloaded. It returns nil when nothing is left.
func (db *DB) NextStatement(ctx context.Context, s opinion.Settings, pid int) (st *opinion.Statement, err error) {
	defer errs.Wrap(&err, "store.NextStatement(%d, pid %d)", s.ConsultationID, pid)
	args := []any{s.ConsultationID, pid}
	states := stateList(s.VotableStates(), &args)
	st, err = scanStatement(db.read.QueryRowContext(ctx, `SELECT `+statementCols+` FROM statements s
		WHERE s.consultation_id=$1 AND s.moderation IN (`+states+`) AND (s.author_pid IS NULL OR s.author_pid <> $2)
		AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.consultation_id=$1 AND v.tid=s.tid AND v.pid=$2)
		ORDER BY s.agrees + s.disagrees + s.passes, s.tid LIMIT 1`, args...))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return st, err
}

// OpinionProgress counts the statements put to the vote under s that
// participant pid did not write, and how many of them they have voted on.
func (db *DB) OpinionProgress(ctx context.Context, s opinion.Settings, pid int) (p opinion.Progress, err error) {
	defer errs.Wrap(&err, "store.OpinionProgress(%d, pid %d)", s.ConsultationID, pid)
	args := []any{s.ConsultationID, pid}
	states := stateList(s.VotableStates(), &args)
	err = db.read.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(v.pid) FROM statements s
		LEFT JOIN votes v ON v.consultation_id=s.consultation_id AND v.tid=s.tid AND v.pid=$2
		WHERE s.consultation_id=$1 AND s.moderation IN (`+states+`) AND (s.author_pid IS NULL OR s.author_pid <> $2)`,
		args...).Scan(&p.Total, &p.Voted)
	return p, err
}
