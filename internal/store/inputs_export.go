package store

import (
	"context"
	"strconv"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
)

// InputRefs names every review and consultation by slug, for records and
// exports; url makes an input's permalink.
func (db *DB) InputRefs(ctx context.Context, url func(id int64) string) (refs inputs.Refs, err error) {
	defer errs.Wrap(&err, "store.InputRefs")
	rslug, cslug := map[int64]string{}, map[int64]string{}
	for _, q := range []struct {
		sql string
		m   map[int64]string
	}{{`SELECT id, slug FROM reviews`, rslug}, {`SELECT id, slug FROM consultations`, cslug}} {
		rows, err := db.read.QueryContext(ctx, q.sql)
		if err != nil {
			return refs, err
		}
		for rows.Next() {
			var id int64
			var slug string
			if err := rows.Scan(&id, &slug); err != nil {
				rows.Close()
				return refs, err
			}
			q.m[id] = slug
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return refs, err
		}
	}
	return inputs.Refs{Review: func(id int64) string { return rslug[id] }, Consultation: func(id int64) string { return cslug[id] },
		URL: url}, nil
}

// InputsOpenData is every input of review the public may read, as
// published, oldest first.
func (db *DB) InputsOpenData(ctx context.Context, reviewID int64, refs inputs.Refs) (list []inputs.Record, err error) {
	defer errs.Wrap(&err, "store.InputsOpenData(%d)", reviewID)
	hits, _, _, err := db.Inputs(ctx, InputFilter{Public: true, ReviewID: reviewID})
	if err != nil {
		return nil, err
	}
	files, err := db.publicFiles(ctx, reviewID)
	if err != nil {
		return nil, err
	}
	list = make([]inputs.Record, 0, len(hits))
	for i := len(hits) - 1; i >= 0; i-- {
		rec := inputs.PublicRecord(hits[i].Input, refs)
		if fs := files[rec.ID]; len(fs) > 0 && hits[i].Public() {
			// the path of links.InputAttachmentPath, under the permalink
			rec.Attachments = inputs.FileRecords(fs, func(n int) string { return rec.URL + "/attachments/" + strconv.Itoa(n) })
		}
		list = append(list, rec)
	}
	return list, nil
}

// InputsComplete is every input of review with everything, its versions
// and its log, oldest first: the secretariat's export.
func (db *DB) InputsComplete(ctx context.Context, reviewID int64, refs inputs.Refs) (list []inputs.StaffRecord, err error) {
	defer errs.Wrap(&err, "store.InputsComplete(%d)", reviewID)
	hits, _, _, err := db.Inputs(ctx, InputFilter{ReviewID: reviewID})
	if err != nil {
		return nil, err
	}
	list = make([]inputs.StaffRecord, 0, len(hits))
	for i := len(hits) - 1; i >= 0; i-- {
		rec := inputs.NewStaffRecord(hits[i].Input, refs)
		if rec.Versions, err = db.InputVersions(ctx, rec.ID); err != nil {
			return nil, err
		}
		if err := db.withFiles(ctx, rec.ID, rec.Versions, true); err != nil {
			return nil, err
		}
		if rec.Log, err = db.InputLog(ctx, rec.ID); err != nil {
			return nil, err
		}
		list = append(list, rec)
	}
	return list, nil
}
