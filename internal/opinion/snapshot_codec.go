package opinion

import (
	"bytes"
	"encoding/gob"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// snapshotEncoding is the version byte that starts every encoded snapshot.
// Change it whenever storedSnapshot or a type it holds changes shape: a
// stored map of another version then reads as absent and is recomputed,
// rather than decoded into the wrong fields.
const snapshotEncoding byte = 1

// storedSnapshot is what is kept of a Snapshot: what the pages and the API
// show and the state the next computation is warm-started from — not the
// votes themselves (only their number), which the database already holds.
type storedSnapshot struct {
	Fingerprint   string
	ComputedAt    time.Time
	Votes         int
	Statements    []Statement
	Result        *Result
	ByStakeholder *Breakdown
	ByRegion      *Breakdown
}

// EncodeSnapshot encodes s for storage: the version byte, then gob. Gob,
// not JSON, because the results hold NaN and infinities (a statement
// nobody in a group voted on) and must come back bit for bit.
func EncodeSnapshot(s *Snapshot) (_ []byte, err error) {
	defer errs.Wrap(&err, "opinion.EncodeSnapshot")
	var buf bytes.Buffer
	buf.WriteByte(snapshotEncoding)
	st := storedSnapshot{Fingerprint: s.Fingerprint, ComputedAt: s.ComputedAt, Votes: s.Votes,
		Result: s.Result, ByStakeholder: s.ByStakeholder, ByRegion: s.ByRegion}
	if s.Data != nil {
		st.Statements = s.Data.Statements
	}
	if err := gob.NewEncoder(&buf).Encode(&st); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DecodeSnapshot reads what EncodeSnapshot wrote. Another version is a
// NotFound error: that map is as good as absent.
func DecodeSnapshot(b []byte) (_ *Snapshot, err error) {
	defer errs.Wrap(&err, "opinion.DecodeSnapshot")
	if len(b) == 0 || b[0] != snapshotEncoding {
		return nil, errs.E(errs.NotFound, "opinions.computing")
	}
	var st storedSnapshot
	if err := gob.NewDecoder(bytes.NewReader(b[1:])).Decode(&st); err != nil {
		return nil, err
	}
	snap := &Snapshot{Fingerprint: st.Fingerprint, ComputedAt: st.ComputedAt, Votes: st.Votes,
		Data: &Data{Statements: st.Statements}, Result: st.Result, ByStakeholder: st.ByStakeholder, ByRegion: st.ByRegion}
	snap.index()
	return snap, nil
}
