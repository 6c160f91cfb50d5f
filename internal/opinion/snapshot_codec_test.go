package opinion_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
)

// twoCamps is 20 participants in two camps on 6 statements, one of them
// rejected and one nobody voted on (NaN and infinities in the results).
func twoCamps() *opinion.Data {
	d := &opinion.Data{}
	for tid := range 6 {
		st := opinion.Statement{TID: tid, Body: "statement", Lang: "en", Moderation: opinion.Accepted}
		if tid == 4 {
			st.Moderation = opinion.Rejected
		}
		d.Statements = append(d.Statements, st)
	}
	for pid := range 20 {
		group := []string{"government", "civil_society"}[pid%2]
		d.Participants = append(d.Participants, opinion.Participant{PID: pid, StakeholderGroup: group, Country: "KE"})
		for tid := range 5 {
			v := opinion.Agree
			if (pid%2 == 0) != (tid%2 == 0) {
				v = opinion.Disagree
			}
			d.Votes = append(d.Votes, opinion.Cast{PID: int32(pid), TID: int32(tid), Vote: v})
		}
	}
	return d
}

// A stored map reads back as what the pages and the API show, and as the
// state the next computation starts from.
func TestSnapshotEncoding(t *testing.T) {
	seg := opinion.Segmenter{StakeholderGroups: []string{"government", "civil_society"}, Regions: []string{"002"},
		RegionOf: func(string) string { return "002" }}
	snap := opinion.Compute(twoCamps(), seg, nil)
	snap.Fingerprint, snap.ComputedAt = "6/100/42", time.Date(2026, 12, 1, 10, 0, 0, 123456000, time.UTC)
	b, err := opinion.EncodeSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	got, err := opinion.DecodeSnapshot(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Fingerprint != snap.Fingerprint || !got.ComputedAt.Equal(snap.ComputedAt) || got.Votes != 100 {
		t.Errorf("decoded %q %v %d votes", got.Fingerprint, got.ComputedAt, got.Votes)
	}
	if st, ok := got.Statement(4); !ok || st.Moderation != opinion.Rejected {
		t.Errorf("statement 4 = %+v, %v", st, ok)
	}
	same := func(name string, a, b any) {
		t.Helper()
		ja, errA := json.Marshal(a)
		jb, errB := json.Marshal(b)
		if errA != nil || errB != nil || string(ja) != string(jb) {
			t.Errorf("%s differs after decoding:\n%s\n%s (%v %v)", name, ja, jb, errA, errB)
		}
	}
	same("report", snap.Result.Report(nil), got.Result.Report(nil))
	same("by stakeholder", snap.ByStakeholder, got.ByStakeholder)
	same("by region", snap.ByRegion, got.ByRegion)
	same("participants", snap.Result.Participants, got.Result.Participants)
	if len(got.Result.State.Base) != len(snap.Result.State.Base) || got.Result.State.K != snap.Result.State.K {
		t.Errorf("state: %d base clusters, k %d; want %d, %d", len(got.Result.State.Base), got.Result.State.K,
			len(snap.Result.State.Base), snap.Result.State.K)
	}
	warm := opinion.Compute(twoCamps(), seg, got.Result.State)
	same("warm-started from the decoded state", opinion.Compute(twoCamps(), seg, snap.Result.State).Result.Report(nil),
		warm.Result.Report(nil))

	b[0]++ // another version of the encoding
	if _, err := opinion.DecodeSnapshot(b); !errs.Is(err, errs.NotFound) {
		t.Errorf("another version: %v, want NotFound", err)
	}
}
