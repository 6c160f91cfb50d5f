package store_test

import (
	"context"
	"fmt"
	"github.com/consulta/consulta/internal/testutil/polisdata"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/store"
)

// readPolis reads a conversation of the Pol.is open data (CC BY 4.0, The
// Computational Democracy Project; see ATTRIBUTION.md in that folder).
func readPolis(t *testing.T, name string) *polis.Export {
	t.Helper()
	e, err := polis.Read(polisdata.Dir(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestImportExportPolis(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := readPolis(t, "bg2050-volunteers")
		r := newReview(t, db, "polis")
		c := newConsultation(t, db, r.ID, "bowling-green", func(c *consultation.Consultation) {
			c.Texts = map[string]consultation.Text{"en": {Title: "BG 2050", Background: "What would you want?"}}
		})
		start := time.Now()
		st, err := db.ImportPolis(ctx, c.ID, src, base)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("imported %+v in %v", st, time.Since(start))
		if want := (store.ImportStats{Participants: 126, Statements: 371, Votes: 14283}); st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
		var enabled bool
		if err := db.Writer().QueryRowContext(ctx, `SELECT enabled FROM opinion_settings WHERE consultation_id=$1`, c.ID).Scan(&enabled); err != nil || !enabled {
			t.Errorf("opinion map not enabled: %v %v", enabled, err)
		}
		got, err := db.ExportPolis(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkExportMatches(t, got, src)
		summary := map[string]string{"topic": "BG 2050", "url": "/c/bowling-green/opinions", "views": "126", "voters": "126",
			"voters-in-conv": "126", "commenters": "64", "comments": "371", "groups": "0", "conversation-description": "What would you want?"}
		for _, f := range got.Summary {
			if summary[f.Key] != f.Value {
				t.Errorf("summary %s = %q, want %q", f.Key, f.Value, summary[f.Key])
			}
		}
		if len(got.Summary) != len(summary) {
			t.Errorf("summary %v", got.Summary)
		}

		// A second import is refused and changes nothing.
		_, err = db.ImportPolis(ctx, c.ID, src, base)
		wantErr(t, err, errs.Conflict, "opinions.error.import_not_empty")
		again, err := db.ExportPolis(ctx, c.ID)
		if err != nil || len(again.Votes) != 14283 || len(again.Comments) != 371 {
			t.Fatalf("after the refused import: %v, %d votes", err, len(again.Votes))
		}
	})
}

// checkExportMatches compares what the store exported with the source.
func checkExportMatches(t *testing.T, got, src *polis.Export) {
	t.Helper()
	want := slices.Clone(src.Comments)
	slices.SortFunc(want, func(a, b polis.Comment) int { return a.ID - b.ID })
	if len(got.Comments) != len(want) {
		t.Fatalf("%d comments, want %d", len(got.Comments), len(want))
	}
	for i, c := range got.Comments {
		w := want[i]
		if c.ID != w.ID || c.AuthorID != w.AuthorID || c.Body != w.Body || c.Moderated != w.Moderated ||
			c.IsSeed != w.IsSeed || c.IsMeta != w.IsMeta || !c.Timestamp.Equal(w.Timestamp) {
			t.Fatalf("comment %d:\n got %+v\nwant %+v", w.ID, c, w)
		}
	}
	type key struct{ voter, comment int }
	votes := func(list []polis.VoteRow) map[key]polis.VoteRow {
		m := map[key]polis.VoteRow{}
		for _, v := range list {
			v.Timestamp = v.Timestamp.Truncate(time.Millisecond)
			m[key{v.VoterID, v.CommentID}] = v
		}
		return m
	}
	if g, w := votes(got.Votes), votes(src.LatestVotes()); !reflect.DeepEqual(g, w) {
		t.Fatalf("votes differ: %d exported, %d latest in the source", len(g), len(w))
	}
	byID := map[int]polis.ParticipantRow{}
	for _, p := range got.Participants {
		byID[p.ID] = p
	}
	for _, w := range src.Participants {
		p := byID[w.ID]
		if p.XID != w.XID || p.GroupID != -1 || p.NVotes != w.NVotes || p.NAgree != w.NAgree ||
			p.NDisagree != w.NDisagree || p.NComments != w.NComments || !reflect.DeepEqual(p.Votes, w.Votes) {
			t.Fatalf("participant %d:\n got %+v\nwant %+v", w.ID, p, w)
		}
	}
	if len(byID) != len(src.Participants) {
		t.Errorf("%d participants, want %d", len(byID), len(src.Participants))
	}
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// Authors and voters missing from participants-votes.csv get participant
// rows; a secretariat statement (author -1) has none; an export of the
// import imports again into another consultation unchanged.
func TestImportPolisParticipantsAndReimport(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newReview(t, db, "polis")
		c1 := newConsultation(t, db, r.ID, "first", nil)
		c2 := newConsultation(t, db, r.ID, "second", nil)
		src := &polis.Export{
			Comments: []polis.Comment{
				{ID: 0, AuthorID: -1, Timestamp: ms(1000), Moderated: 1, IsSeed: true, Body: "Seed, \"quoted\"\nstatement"},
				{ID: 1, AuthorID: 7, Timestamp: ms(3000), Moderated: -1, IsMeta: true, Body: "by an author who never voted"},
			},
			Votes: []polis.VoteRow{
				{Timestamp: ms(2000), CommentID: 0, VoterID: 2, Vote: polis.Agree},
				{Timestamp: ms(1500), CommentID: 0, VoterID: 2, Vote: polis.Disagree},
				{Timestamp: ms(4000), CommentID: 1, VoterID: 3, Vote: polis.Pass},
			},
			Participants: []polis.ParticipantRow{{ID: 2, XID: "x-2", GroupID: 0}, {ID: 9, XID: "lurker", GroupID: -1}},
		}
		st, err := db.ImportPolis(ctx, c1.ID, src, base)
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.ImportStats{Participants: 4, Statements: 2, Votes: 2}); st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
		first, err := db.ExportPolis(ctx, c1.ID)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int
		for _, p := range first.Participants {
			ids = append(ids, p.ID)
		}
		if !slices.Equal(ids, []int{2, 3, 7, 9}) || first.Participants[0].XID != "x-2" || first.Participants[3].XID != "lurker" {
			t.Errorf("participants %+v", first.Participants)
		}
		if first.Comments[0].AuthorID != -1 || first.Comments[0].Agrees != 1 || first.Participants[2].NComments != 1 {
			t.Errorf("comments %+v", first.Comments)
		}
		if _, err := db.ImportPolis(ctx, c2.ID, first, base); err != nil {
			t.Fatal(err)
		}
		second, err := db.ExportPolis(ctx, c2.ID)
		if err != nil {
			t.Fatal(err)
		}
		second.Summary, first.Summary = nil, nil
		if !reflect.DeepEqual(second, first) {
			t.Errorf("re-import changed the export:\n got %+v\nwant %+v", second, first)
		}
	})
}

func TestImportPolisRefusesBadInput(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newReview(t, db, "polis")
		c := newConsultation(t, db, r.ID, "target", nil)
		ok := &polis.Export{Comments: []polis.Comment{{ID: 0, Timestamp: ms(1), Body: "x"}}}
		_, err := db.ImportPolis(ctx, c.ID+1000, ok, base)
		wantErr(t, err, errs.NotFound, "consultation.not_found")
		_, err = db.ExportPolis(ctx, c.ID+1000)
		wantErr(t, err, errs.NotFound, "consultation.not_found")
		bad := []*polis.Export{
			{Comments: ok.Comments, Votes: []polis.VoteRow{{CommentID: 5, Vote: 1}}},
			{Comments: ok.Comments, Votes: []polis.VoteRow{{CommentID: 0, Vote: 2}}},
			{Comments: append(slices.Clone(ok.Comments), ok.Comments[0])},
			{Comments: []polis.Comment{{ID: 0, Moderated: 3}}},
			{Participants: []polis.ParticipantRow{{ID: 1}, {ID: 1}}},
		}
		for i, e := range bad {
			_, err := db.ImportPolis(ctx, c.ID, e, base)
			if errs.KindOf(err) != errs.Invalid {
				t.Errorf("bad export #%d: err %v, want Invalid", i, err)
			}
		}
		got, err := db.ExportPolis(ctx, c.ID)
		if err != nil || len(got.Comments)+len(got.Participants)+len(got.Votes) != 0 {
			t.Errorf("refused imports left data: %v %+v", err, got)
		}
		if _, err := db.ImportPolis(ctx, c.ID, ok, base); err != nil {
			t.Errorf("import after refusals: %v", err)
		}
	})
}

// A large conversation imports in seconds: 250,000 votes in batches.
func TestImportPolisLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large import")
	}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newReview(t, db, "polis")
		c := newConsultation(t, db, r.ID, "large", nil)
		const statements, voters = 250, 1000
		e := &polis.Export{}
		for i := range statements {
			e.Comments = append(e.Comments, polis.Comment{ID: i, AuthorID: i % voters, Timestamp: ms(int64(i)), Body: "s"})
		}
		for p := range voters {
			for s := range statements {
				e.Votes = append(e.Votes, polis.VoteRow{Timestamp: ms(int64(1000 + p*statements + s)), CommentID: s, VoterID: p,
					Vote: int8((p+s)%3 - 1)})
			}
		}
		start := time.Now()
		st, err := db.ImportPolis(ctx, c.ID, e, base)
		if err != nil {
			t.Fatal(err)
		}
		imported := time.Since(start)
		start = time.Now()
		got, err := db.ExportPolis(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("imported %+v in %v, exported in %v", st, imported, time.Since(start))
		if st.Votes != statements*voters || len(got.Votes) != statements*voters || len(got.Participants) != voters {
			t.Errorf("stats %+v, exported %d votes", st, len(got.Votes))
		}
	})
}

// The first map computed after a Pol.is import admits whom the history of
// the votes admits (opinion.Admit over every vote of the export, with its
// time), not only those with enough votes for today's statements: early
// participants who voted on the few statements there were then are in the
// conversation from the first computation, as in one computation of the
// export and as in Pol.is (issue 12, item 3). The store keeps when each
// vote was first cast, so a vote changed later does not move it.
func TestFirstMapAfterImportAdmitsFromTheVotesTimes(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newReview(t, db, "polis-admission")
		early := 0 // conversations where the history admits more than the final votes
		exports := map[string]*polis.Export{"growing": growingExport()}
		for _, name := range polisdata.Conversations {
			exports[name] = readPolis(t, name)
		}
		for i, name := range append([]string{"growing"}, polisdata.Conversations...) {
			src := exports[name]
			c := newConsultation(t, db, r.ID, fmt.Sprintf("admission-%d", i), nil)
			if _, err := db.ImportPolis(ctx, c.ID, src, base); err != nil {
				t.Fatal(err)
			}
			data, err := db.OpinionData(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			snap := opinion.Compute(data, opinion.Segmenter{}, nil)
			in := src.Input()
			want := opinion.Admit(in.Statements, src.TimedVotes()).All()
			got := snap.Result.State.InConversation
			if !slices.Equal(got, want) {
				t.Errorf("%s: the first map has %d participants in the conversation, the votes' history admits %d",
					name, len(got), len(want))
			}
			plain := opinion.Analyse(opinion.Input{Statements: in.Statements, Votes: in.Votes})
			if len(plain.State.InConversation) < len(want) {
				early++
			}
		}
		if early == 0 {
			t.Error("in no conversation does the history admit anyone the final votes would not: the test proves nothing")
		}
	})
}

// growingExport is a conversation that starts with 3 comments, on which
// 20 participants vote (and 5 of them change a vote much later), and grows
// to 12, on which 30 more vote on 8 to 12 each: the 20 early ones are in
// the conversation by its history, though they have fewer than 7 votes.
func growingExport() *polis.Export {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	at := func(minute int) time.Time { return t0.Add(time.Duration(minute) * time.Minute) }
	e := &polis.Export{}
	for tid := range 12 {
		written := 0
		if tid >= 3 {
			written = 30 + 3*(tid-3)
		}
		e.Comments = append(e.Comments, polis.Comment{ID: tid, AuthorID: -1, Timestamp: at(written), Moderated: 1})
	}
	vote := func(minute, pid, tid int) {
		v := polis.Disagree
		if (pid%2 == 0) == (tid%3 == 0) {
			v = polis.Agree
		}
		e.Votes = append(e.Votes, polis.VoteRow{Timestamp: at(minute), CommentID: tid, VoterID: pid, Vote: v})
	}
	for pid := range 20 {
		for tid := range 3 {
			vote(1+pid, pid, tid)
		}
	}
	for pid := 20; pid < 50; pid++ {
		for tid := range 8 + pid%5 {
			vote(60+pid, pid, tid)
		}
	}
	for pid := range 5 { // changed votes, long after
		e.Votes = append(e.Votes, polis.VoteRow{Timestamp: at(200 + pid), CommentID: 0, VoterID: pid, Vote: polis.Pass})
	}
	return e
}
