package store

import (
	"context"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// keysPerLookup are the lengths of the IN lists a batch lookup binds,
// smallest first: a batch is padded up to the next one (repeating its last
// key, which IN ignores), so whatever the batch sizes the prepared-statement
// caches hold nine statements per lookup, not one per size, and a batch
// binds at most twice its keys (each bound parameter costs the driver an
// encoding; the mailer's batches are mostly of one to a few keys). The
// largest bounds one statement, far under SQLite's 32766 parameters; a
// longer list is looked up in chunks of it.
var keysPerLookup = []int{1, 2, 4, 8, 16, 32, 64, 128, 256}

// inChunks calls fn with key lists of the lengths keysPerLookup allows,
// together covering keys, and the IN list to bind them to.
func (db *DB) inChunks(keys []string, fn func(in string, args []any) error) error {
	most := keysPerLookup[len(keysPerLookup)-1]
	args := make([]any, 0, most)
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), most)]
		keys = keys[len(chunk):]
		n := most
		for _, size := range keysPerLookup {
			if size >= len(chunk) {
				n = size
				break
			}
		}
		args = args[:0]
		for _, k := range chunk {
			args = append(args, k)
		}
		for len(args) < n {
			args = append(args, chunk[len(chunk)-1])
		}
		if err := fn(multiRowValues(db.dialect, 1, n), args); err != nil {
			return err
		}
	}
	return nil
}

// RegistrationsByIDs loads the registrations of ids with one query per
// keysPerLookup's largest list (the mailer's coalesced reads,
// jobs/mailer_lookup.go). An id with no registration is absent from the
// map; a repeated id is read once.
func (db *DB) RegistrationsByIDs(ctx context.Context, ids []string) (byID map[string]*registration.Registration, err error) {
	defer errs.Wrap(&err, "store.RegistrationsByIDs(%d)", len(ids))
	byID = make(map[string]*registration.Registration, len(ids))
	err = db.inChunks(ids, func(in string, args []any) error {
		list, err := queryRegistrations(ctx, db.read, `SELECT `+registrationCols+` FROM registrations WHERE id IN `+in, args...)
		for _, r := range list {
			byID[r.ID] = r
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return byID, nil
}
