package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/stakeholder"
)

// jsonText encodes a list or struct column.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("store: encode column: " + err.Error()) // only our own types get here
	}
	return string(b)
}

// jsonCol decodes a JSON column while scanning.
type jsonCol struct{ dst any }

func (j jsonCol) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), j.dst)
	case []byte:
		return json.Unmarshal(v, j.dst)
	case nil:
		return nil
	}
	return errors.New("store: unexpected JSON column type")
}

// nullTime converts an optional time for a query argument.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// timePtr converts a scanned nullable time.
func timePtr(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time.UTC()
	return &t
}

// notFound maps sql.ErrNoRows to a NotFound error.
func notFound(err error, code string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, code)
	}
	return err
}

func stakeholderGroup(s string) stakeholder.Group { return stakeholder.Group(s) }
