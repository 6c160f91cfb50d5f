package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
)

// previewChars is how much of a file's text the moderation page shows.
const previewChars = 400

const attachmentCols = `n, name, media_type, size, sha256, created_at`

// insertAttachments stores version v's files: a new one (N 0) under the
// input's next number, one kept from the version before (no Content)
// copied from it in the database. It sets the numbers in v.
func insertAttachments(ctx context.Context, tx *sql.Tx, id int64, v inputs.Version) error {
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(n), 0) FROM input_attachments WHERE input_id=$1`,
		id).Scan(&next); err != nil {
		return err
	}
	for i := range v.Attachments {
		a := &v.Attachments[i]
		if a.Content == nil {
			res, err := tx.ExecContext(ctx, `INSERT INTO input_attachments (input_id, version, n, name, media_type, size, sha256,
				content, extracted_text, created_at) SELECT input_id, $1, n, name, media_type, size, sha256, content,
				extracted_text, created_at FROM input_attachments WHERE input_id=$2 AND version=$3 AND n=$4`,
				v.Number, id, v.Number-1, a.N)
			if err := mustAffect(res, err, "inputs.attachment.gone"); err != nil {
				return err
			}
			continue
		}
		if a.N == 0 {
			next++
			a.N = next
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO input_attachments (input_id, version, n, name, media_type, size, sha256,
			content, extracted_text, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, id, v.Number, a.N, a.Name,
			a.MediaType, a.Size, a.SHA256, a.Content, a.Text, a.CreatedAt.UTC()); err != nil {
			return err
		}
	}
	return nil
}

// attachmentsText is the extracted text of version's files, for the index.
func attachmentsText(ctx context.Context, q querier, id int64, version int) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT extracted_text FROM input_attachments WHERE input_id=$1 AND version=$2
		ORDER BY n`, id, version)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var list []inputs.Attachment
	for rows.Next() {
		var a inputs.Attachment
		if err := rows.Scan(&a.Text); err != nil {
			return "", err
		}
		list = append(list, a)
	}
	return inputs.AttachmentsText(list), rows.Err()
}

// InputAttachments lists the files of a version of input id (without
// their content), each with the start of its text.
func (db *DB) InputAttachments(ctx context.Context, id int64, version int) (list []inputs.Attachment, err error) {
	defer errs.Wrap(&err, "store.InputAttachments(%d, %d)", id, version)
	all, err := db.versionFiles(ctx, id, version, false)
	return all[version], err
}

// InputAttachmentText is the text of every file of a version of input id,
// one after the other: what the synthesis reads beside the answers.
func (db *DB) InputAttachmentText(ctx context.Context, id int64, version int) (text string, err error) {
	defer errs.Wrap(&err, "store.InputAttachmentText(%d, %d)", id, version)
	return attachmentsText(ctx, db.read, id, version)
}

// InputAttachmentFile loads file n of input id with its content: the one
// of the given version, or (version 0) of the latest version holding it.
// None is NotFound.
func (db *DB) InputAttachmentFile(ctx context.Context, id int64, version, n int) (a *inputs.Attachment, err error) {
	defer errs.Wrap(&err, "store.InputAttachmentFile(%d, %d, %d)", id, version, n)
	a = &inputs.Attachment{}
	err = db.read.QueryRowContext(ctx, `SELECT `+attachmentCols+`, content FROM input_attachments
		WHERE input_id=$1 AND n=$2 AND ($3 = 0 OR version=$3) ORDER BY version DESC LIMIT 1`, id, n, version).Scan(
		&a.N, &a.Name, &a.MediaType, &a.Size, &a.SHA256, &a.CreatedAt, &a.Content)
	a.CreatedAt = a.CreatedAt.UTC()
	return a, notFound(err, "inputs.attachment.not_found")
}

// versionFiles loads the files of input id by version: of one version, or
// (version 0) of all; with their content and whole text, or without
// content and with a preview of the text.
func (db *DB) versionFiles(ctx context.Context, id int64, version int, full bool) (map[int][]inputs.Attachment, error) {
	text := `substr(extracted_text, 1, ` + strconv.Itoa(previewChars) + `), NULL`
	if full {
		text = `extracted_text, content`
	}
	rows, err := db.read.QueryContext(ctx, `SELECT version, `+attachmentCols+`, `+text+` FROM input_attachments
		WHERE input_id=$1 AND ($2 = 0 OR version=$2) ORDER BY version, n`, id, version)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int][]inputs.Attachment{}
	for rows.Next() {
		var v int
		var a inputs.Attachment
		var t string
		if err := rows.Scan(&v, &a.N, &a.Name, &a.MediaType, &a.Size, &a.SHA256, &a.CreatedAt, &t, &a.Content); err != nil {
			return nil, err
		}
		a.CreatedAt = a.CreatedAt.UTC()
		if full {
			a.Text = t
		} else {
			a.Preview = t
		}
		out[v] = append(out[v], a)
	}
	return out, rows.Err()
}

// withFiles puts each version's files into list.
func (db *DB) withFiles(ctx context.Context, id int64, list []inputs.Version, full bool) error {
	files, err := db.versionFiles(ctx, id, 0, full)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Attachments = files[list[i].Number]
	}
	return nil
}

// importAttachments stores the files of imported versions as they were
// exported, numbers included.
func importAttachments(ctx context.Context, tx *sql.Tx, list []ImportedInput) error {
	for _, im := range list {
		for _, v := range im.Versions {
			for _, a := range v.Attachments {
				if a.Content == nil {
					a.Content = []byte{}
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO input_attachments (input_id, version, n, name, media_type, size,
					sha256, content, extracted_text, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, im.Input.ID, v.Number,
					a.N, a.Name, a.MediaType, a.Size, a.SHA256, a.Content, a.Text, a.CreatedAt.UTC()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// maxIndexedFileText is how much of a version's files' text the search
// index holds, in bytes: a PostgreSQL tsvector holds at most 1 MB, which
// 2 million characters of distinct words (what extract may give for one
// file) would overflow, failing the submission; and ts_headline reads the
// whole body of every result shown. The synthesis reads the whole text
// (InputAttachmentText).
const maxIndexedFileText = 200_000

// indexedText is what the index holds for a version: its answers and
// comments, then the start of its files' text.
func indexedText(v inputs.Version, files string) string {
	if files == "" {
		return v.Text()
	}
	if len(files) > maxIndexedFileText {
		files = strings.ToValidUTF8(files[:maxIndexedFileText], "")
	}
	return v.Text() + "\n\n" + files
}

// publicFiles lists, by input, the files of the published version of every
// input of review the public may see (the archive's own condition).
func (db *DB) publicFiles(ctx context.Context, reviewID int64) (map[int64][]inputs.Attachment, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.input_id, a.n, a.name, a.media_type, a.size, a.sha256, a.created_at
		FROM input_attachments a JOIN inputs i ON i.id = a.input_id AND a.version = i.published_version
		WHERE i.review_id=$1 AND i.status='published' AND i.publication <> 'private' AND i.published_version > 0
		ORDER BY a.input_id, a.n`, reviewID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]inputs.Attachment{}
	for rows.Next() {
		var id int64
		var a inputs.Attachment
		if err := rows.Scan(&id, &a.N, &a.Name, &a.MediaType, &a.Size, &a.SHA256, &a.CreatedAt); err != nil {
			return nil, err
		}
		out[id] = append(out[id], a)
	}
	return out, rows.Err()
}
