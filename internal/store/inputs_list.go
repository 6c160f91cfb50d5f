package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
)

// InputFilter selects inputs for the archive, the moderation list, the
// API and the exports.
type InputFilter struct {
	// Public keeps what the public may see (published, with consent) and
	// reads the published version; otherwise every input and its current
	// version (the secretariat's view).
	Public         bool
	ReviewID       int64
	ConsultationID int64 // 0: any
	QuestionID     int64 // 0: any; else inputs answering it
	Group          string
	Region         string // M49 region
	Country        string
	Language       string // declared
	Status         string // staff only; "" = any
	Query          string // full-text search; "" = none
	Limit, Offset  int    // Limit 0 = all
}

// InputHit is one input of a list, with the highlighted snippet of a
// search (MarkStart and MarkEnd around the words found).
type InputHit struct {
	*inputs.Input
	Snippet string
}

// maxCounted bounds the count of a filtered list, and maxSearchCounted of
// a search (each match is joined to its input): beyond it the pages say
// "more than", so no request counts a whole growing table.
const (
	maxCounted       = 1000
	maxSearchCounted = 200
)

// Inputs lists the inputs matching f (a search by relevance, otherwise
// newest first) and how many match (at most maxCounted; capped says it was
// reached). The unfiltered public archive of a review reads its counter.
func (db *DB) Inputs(ctx context.Context, f InputFilter) (list []InputHit, total int, capped bool, err error) {
	defer errs.Wrap(&err, "store.Inputs")
	q := db.inputQuery(f)
	if q.empty {
		return nil, 0, false, nil
	}
	if total, capped, err = db.countInputs(ctx, f, q); err != nil {
		return nil, 0, false, err
	}
	if !capped && q.orderFew != "" {
		q.order = q.orderFew
	}
	sel := `SELECT ` + inputCols + `, ` + q.snippet + ` FROM ` + q.from + ` JOIN input_versions v ON v.input_id = i.id AND v.version = ` +
		shownVersion(f.Public) + q.join + ` WHERE ` + q.where + ` ORDER BY ` + q.order
	if f.Limit > 0 {
		sel += ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(f.Offset)
	}
	rows, err := db.read.QueryContext(ctx, sel, q.args...)
	if err != nil {
		return nil, 0, false, err
	}
	defer rows.Close()
	var all []*inputs.Input
	for rows.Next() {
		var snippet string
		in, err := scanInput(rows, &snippet)
		if err != nil {
			return nil, 0, false, err
		}
		list = append(list, InputHit{Input: in, Snippet: unspace(snippet)})
		all = append(all, in)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, err
	}
	return list, total, capped, attachAnswers(ctx, db.read, all)
}

func (db *DB) countInputs(ctx context.Context, f InputFilter, q inputQuery) (int, bool, error) {
	if f.Public && f.ReviewID != 0 && q.onlyReview {
		n, err := db.PublicInputCount(ctx, f.ReviewID)
		return n, false, err
	}
	limit := maxCounted
	if f.Query != "" {
		limit = maxSearchCounted
	}
	// Every shown version exists, so the count joins the versions only for
	// a filter that reads them: the join probed input_versions once per
	// match, most of a count's time on PostgreSQL (docs/BENCHMARKS.md).
	versions := ""
	if q.readsVersion {
		versions = ` JOIN input_versions v ON v.input_id = i.id AND v.version = ` + shownVersion(f.Public)
	}
	count := func(join string) (int, error) {
		var n int
		err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+q.from+versions+join+` WHERE `+q.where+
			` LIMIT `+strconv.Itoa(limit+1)+`) AS matched`, q.args...).Scan(&n)
		return n, err
	}
	if q.probeJoin != "" {
		if n, err := count(q.probeJoin); err != nil || n > limit {
			return limit, true, err
		}
	}
	n, err := count(q.join)
	if n > limit {
		return limit, true, err
	}
	return n, false, err
}

// inputQuery is the SQL of a filter.
type inputQuery struct {
	from, join, where, snippet, order, orderFew string
	probeJoin                                   string // searchSQL.probeJoin
	args                                        []any
	onlyReview                                  bool // nothing but the review (and visibility) filters
	readsVersion                                bool // a condition reads the shown version (v)
	empty                                       bool // a search for nothing searchable: no result
}

func (db *DB) inputQuery(f InputFilter) inputQuery {
	var conds []string
	q := inputQuery{from: `inputs i`, snippet: `''`, order: `i.created_at DESC, i.id DESC`}
	add := func(cond string, v any) {
		q.args = append(q.args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(q.args))))
	}
	if f.Public {
		conds = append(conds, `i.status = 'published'`, `i.publication <> 'private'`, `i.published_version > 0`)
		q.order = `i.published_at DESC, i.id DESC`
	}
	if f.ReviewID != 0 {
		add(`i.review_id = ?`, f.ReviewID)
	}
	nBase := len(conds)
	for _, c := range []struct {
		cond string
		v    any
		set  bool
	}{
		{`i.consultation_id = ?`, f.ConsultationID, f.ConsultationID != 0},
		{`EXISTS (SELECT 1 FROM input_answers a WHERE a.input_id = i.id AND a.version = v.version AND a.question_id = ?)`,
			f.QuestionID, f.QuestionID != 0},
		{`i.stakeholder_group = ?`, f.Group, f.Group != ""},
		{`i.region = ?`, f.Region, f.Region != ""},
		{`i.country = ?`, f.Country, f.Country != ""},
		{`v.language = ?`, f.Language, f.Language != ""},
		{`i.status = ?`, f.Status, f.Status != "" && !f.Public},
	} {
		if c.set {
			add(c.cond, c.v)
		}
	}
	if f.Query != "" {
		s, ok := db.dialect.inputSearch(f.Query, len(q.args)+1)
		if !ok {
			q.empty = true
			return q
		}
		q.join, q.snippet, q.order, q.orderFew, q.probeJoin = s.join, s.snippet, s.order, s.orderFew, s.probeJoin
		if s.from != "" {
			q.from = s.from
		}
		q.args = append(q.args, s.args...)
		conds = append(conds, s.cond)
	}
	q.onlyReview = len(conds) == nBase
	q.readsVersion = f.Language != "" || f.QuestionID != 0
	if len(conds) == 0 {
		conds = []string{"1=1"}
	}
	q.where = strings.Join(conds, " AND ")
	return q
}

func scanInput(row rowScanner, snippet *string) (*inputs.Input, error) {
	in := &inputs.Input{}
	var cid sql.NullInt64
	var group, pub, status, source string
	var published sql.NullTime
	dst := []any{&in.ID, &in.ReviewID, &cid, &in.AuthorName, &in.AuthorEmail, &in.Organization, &group, &in.Country,
		&in.Region, &pub, &status, &source, &in.Via, &in.ReceivedAt, &in.RegistrationID, &in.EnteredBy,
		new(int), &in.PublishedVersion, &published, &in.CreatedAt, &in.UpdatedAt,
		&in.Current.Number, &in.Current.Comments, &in.Current.Language, &in.Current.DetectedLanguage, &in.Current.CreatedAt}
	if snippet != nil {
		dst = append(dst, snippet)
	}
	if err := row.Scan(dst...); err != nil {
		return nil, err
	}
	in.ConsultationID, in.StakeholderGroup = cid.Int64, stakeholderGroup(group)
	in.Publication, in.Status, in.Source = inputs.Publication(pub), inputs.Status(status), inputs.Source(source)
	in.PublishedAt = timePtr(published)
	in.ReceivedAt, in.CreatedAt, in.UpdatedAt = in.ReceivedAt.UTC(), in.CreatedAt.UTC(), in.UpdatedAt.UTC()
	in.Current.CreatedAt = in.Current.CreatedAt.UTC()
	return in, nil
}

// attachAnswers loads the answers of the version each input holds, in one
// query for the whole list.
func attachAnswers(ctx context.Context, q querier, list []*inputs.Input) error {
	if len(list) == 0 {
		return nil
	}
	byKey := map[[2]int64]*inputs.Input{}
	ids := make([]string, 0, len(list))
	for _, in := range list {
		byKey[[2]int64{in.ID, int64(in.Current.Number)}] = in
		ids = append(ids, strconv.FormatInt(in.ID, 10))
	}
	// The ids are integers formatted here, never text from a request.
	rows, err := q.QueryContext(ctx, `SELECT input_id, version, question_id, text FROM input_answers
		WHERE input_id IN (`+strings.Join(ids, ",")+`) ORDER BY input_id, question_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, version int64
		var a inputs.Answer
		if err := rows.Scan(&id, &version, &a.QuestionID, &a.Text); err != nil {
			return err
		}
		if in := byKey[[2]int64{id, version}]; in != nil {
			in.Current.Answers = append(in.Current.Answers, a)
		}
	}
	return rows.Err()
}

// InputVersions is every version of input id, oldest first.
func (db *DB) InputVersions(ctx context.Context, id int64) (list []inputs.Version, err error) {
	defer errs.Wrap(&err, "store.InputVersions(%d)", id)
	rows, err := db.read.QueryContext(ctx, `SELECT version, comments, language, detected_language, created_at
		FROM input_versions WHERE input_id=$1 ORDER BY version`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v inputs.Version
		if err := rows.Scan(&v.Number, &v.Comments, &v.Language, &v.DetectedLanguage, &v.CreatedAt); err != nil {
			return nil, err
		}
		v.CreatedAt = v.CreatedAt.UTC()
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	arows, err := db.read.QueryContext(ctx, `SELECT version, question_id, text FROM input_answers WHERE input_id=$1
		ORDER BY version, question_id`, id)
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var n int
		var a inputs.Answer
		if err := arows.Scan(&n, &a.QuestionID, &a.Text); err != nil {
			return nil, err
		}
		if n >= 1 && n <= len(list) {
			list[n-1].Answers = append(list[n-1].Answers, a)
		}
	}
	if err := arows.Err(); err != nil {
		return nil, err
	}
	return list, db.withFiles(ctx, id, list, false)
}

// PublicInput loads input id as the public sees it (its published
// version); anything the public may not see is NotFound.
func (db *DB) PublicInput(ctx context.Context, id int64) (in *inputs.Input, err error) {
	defer errs.Wrap(&err, "store.PublicInput(%d)", id)
	in, err = db.inputOn(ctx, db.read, id, true)
	if err != nil {
		return nil, err
	}
	if !in.Public() {
		return nil, errs.E(errs.NotFound, "inputs.not_found")
	}
	return in, nil
}
