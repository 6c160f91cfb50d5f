package opinion

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TEMPORARY loader until internal/polis lands.
type conv struct {
	statements []StatementRef
	votes      []Cast
	timed      []timedCast // every vote in time order, repeats included
	groups     map[int]int
	gic        map[int]float64
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out
}

func loadConv(t *testing.T, dir string) conv {
	var c conv
	c.gic = map[int]float64{}
	for _, r := range readCSV(t, filepath.Join(dir, "comments.csv")) {
		id, _ := strconv.Atoi(r["comment-id"])
		c.statements = append(c.statements, StatementRef{TID: id, Rejected: r["moderated"] == "-1"})
		if g, ok := r["group-informed-consensus"]; ok {
			c.gic[id], _ = strconv.ParseFloat(g, 64)
		}
	}
	type key struct{ p, t int32 }
	type tv struct {
		ts int64
		v  Vote
		n  int
	}
	latest := map[key]tv{}
	var order []key
	for n, r := range readCSV(t, filepath.Join(dir, "votes.csv")) {
		p, _ := strconv.Atoi(r["voter-id"])
		tid, _ := strconv.Atoi(r["comment-id"])
		ts, _ := strconv.ParseInt(r["timestamp"], 10, 64)
		v, _ := strconv.Atoi(r["vote"])
		k := key{int32(p), int32(tid)}
		c.timed = append(c.timed, timedCast{Cast{PID: int32(p), TID: int32(tid), Vote: Vote(v)}, ts})
		old, ok := latest[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || ts >= old.ts {
			latest[k] = tv{ts, Vote(v), n}
		}
	}
	for _, k := range order {
		c.votes = append(c.votes, Cast{PID: k.p, TID: k.t, Vote: latest[k].v})
	}
	c.groups = map[int]int{}
	for _, r := range readCSV(t, filepath.Join(dir, "participants-votes.csv")) {
		if r["group-id"] == "" {
			continue
		}
		p, _ := strconv.Atoi(r["participant"])
		g, _ := strconv.Atoi(r["group-id"])
		c.groups[p] = g
	}
	return c
}

type timedCast struct {
	Cast
	ts int64
}
