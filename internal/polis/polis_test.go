package polis_test

import (
	"github.com/consulta/consulta/internal/testutil/polisdata"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/polis"
)

// OpenDataDir holds four conversations from the Computational Democracy
// Project's openData repository, CC BY 4.0 (see ATTRIBUTION.md there).
func openDataDir(t *testing.T) string {
	t.Helper()
	return polisdata.Root()
}

// conversations are the four folders with figures counted from the files.
var conversations = []struct {
	name                      string
	comments, votes, latest   int
	participants, blankGroups int
}{
	{"15-per-hour-seattle", 54, 2995, 2872, 339, 201},
	{"bg2050-volunteers", 371, 14341, 14283, 126, 18},
	{"brexit-consensus", 50, 5312, 5303, 204, 7},
	{"scoop-hivemind.ubi", 71, 7174, 7153, 234, 0},
}

func readConversation(t *testing.T, name string) *polis.Export {
	t.Helper()
	e, err := polis.Read(filepath.Join(openDataDir(t), name))
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return e
}

func TestReadOpenData(t *testing.T) {
	for _, c := range conversations {
		t.Run(c.name, func(t *testing.T) {
			e := readConversation(t, c.name)
			if len(e.Comments) != c.comments || len(e.Votes) != c.votes || len(e.LatestVotes()) != c.latest ||
				len(e.Participants) != c.participants {
				t.Errorf("%d comments, %d votes (%d latest), %d participants; want %d, %d (%d), %d",
					len(e.Comments), len(e.Votes), len(e.LatestVotes()), len(e.Participants),
					c.comments, c.votes, c.latest, c.participants)
			}
			if blank := c.participants - len(e.GroupIDs()); blank != c.blankGroups {
				t.Errorf("%d participants without group, want %d", blank, c.blankGroups)
			}
			checkAgainstSummary(t, e)
			checkParticipantsMatchVotes(t, e)
		})
	}
}

// checkAgainstSummary compares the counts summary.csv states with the files.
func checkAgainstSummary(t *testing.T, e *polis.Export) {
	t.Helper()
	want := func(key string, got int) {
		t.Helper()
		if n, ok := e.Summary.Int(key); !ok || n != got {
			t.Errorf("summary %s = %d (%v), counted %d", key, n, ok, got)
		}
	}
	want("voters", len(e.Participants))
	// Pol.is counts the comments that head participants-votes.csv's columns.
	want("comments", len(e.VoteColumns))
	authors := map[int]bool{}
	for _, c := range e.Comments {
		authors[c.AuthorID] = true
	}
	want("commenters", len(authors))
	groups := map[int]bool{}
	for _, g := range e.GroupIDs() {
		groups[g] = true
	}
	want("groups", len(groups))
	if len(e.Summary) < len(polis.SummaryKeys()) {
		t.Errorf("summary has %d keys: %v", len(e.Summary), e.Summary)
	}
}

// checkParticipantsMatchVotes checks participants-votes.csv against the
// latest votes of votes.csv.
func checkParticipantsMatchVotes(t *testing.T, e *polis.Export) {
	t.Helper()
	type key struct{ voter, comment int }
	latest := map[key]int8{}
	perVoter := map[int]int{}
	for _, v := range e.LatestVotes() {
		latest[key{v.VoterID, v.CommentID}] = v.Vote
		perVoter[v.VoterID]++
	}
	for _, p := range e.Participants {
		if p.NVotes != perVoter[p.ID] {
			t.Errorf("participant %d: n-votes %d, votes.csv has %d", p.ID, p.NVotes, perVoter[p.ID])
		}
		for cid, v := range p.Votes {
			if lv, ok := latest[key{p.ID, cid}]; !ok || lv != v {
				t.Fatalf("participant %d comment %d: participants-votes says %d, latest vote %d (%v)", p.ID, cid, v, lv, ok)
			}
		}
	}
}

func TestReadOpenDataValues(t *testing.T) {
	seattle := readConversation(t, "15-per-hour-seattle")
	if v, _ := seattle.Summary.Get("topic"); v != "$15/hour" {
		t.Errorf("topic %q", v)
	}
	c := comment(t, seattle, 48)
	if c.AuthorID != 215 || c.Agrees != 38 || c.Disagrees != 18 || c.Moderated != 1 ||
		!c.Timestamp.Equal(time.UnixMilli(1403067224363)) || c.Timestamp.Location() != time.UTC {
		t.Errorf("comment 48 = %+v", c)
	}
	if seattle.Participants[0].ID != 0 || seattle.Participants[0].GroupID != 0 || seattle.Participants[0].NComments != 13 {
		t.Errorf("participant row 0 = %+v", seattle.Participants[0])
	}

	bg := readConversation(t, "bg2050-volunteers")
	c = comment(t, bg, 2)
	if c.Body != "I hope it can retain its southern hospitality" || !c.IsSeed || c.IsMeta ||
		!c.HasGroupInformedConsensus || c.GroupInformedConsensus != 0.6839080459770114 {
		t.Errorf("comment 2 = %+v", c)
	}
	if d, _ := bg.Summary.Get("conversation-description"); len(d) < 100 || d[:24] != "In the next 25 years, ou" {
		t.Errorf("multi-line description = %q", d)
	}

	brexit := readConversation(t, "brexit-consensus")
	if got := comment(t, brexit, 34).Body; got[:20] != `"The EU" as a concep` {
		t.Errorf("quoted body = %q", got)
	}
	ubi := readConversation(t, "scoop-hivemind.ubi")
	if got := comment(t, ubi, 70).Body; got[:80] != "We should adopt these four steps recommended by BINZ to progress a UBI:\n1. Repla" {
		t.Errorf("body with a newline = %q", got)
	}
}

func comment(t *testing.T, e *polis.Export, id int) polis.Comment {
	t.Helper()
	for _, c := range e.Comments {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no comment %d", id)
	return polis.Comment{}
}

func at(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func TestLatestVotes(t *testing.T) {
	e := &polis.Export{Votes: []polis.VoteRow{
		{Timestamp: at(300), CommentID: 0, VoterID: 1, Vote: polis.Agree},    // replaced by nothing: latest
		{Timestamp: at(100), CommentID: 0, VoterID: 1, Vote: polis.Disagree}, // older, later in the file
		{Timestamp: at(200), CommentID: 1, VoterID: 1, Vote: polis.Pass},
		{Timestamp: at(200), CommentID: 1, VoterID: 1, Vote: polis.Agree}, // same time: later row wins
		{Timestamp: at(150), CommentID: 0, VoterID: 2, Vote: polis.Disagree},
	}}
	want := []polis.VoteRow{e.Votes[0], e.Votes[3], e.Votes[4]}
	if got := e.LatestVotes(); !reflect.DeepEqual(got, want) {
		t.Errorf("LatestVotes = %+v\nwant %+v", got, want)
	}
}

// sample has every field set, bodies that need quoting, a secretariat
// comment (author -1), a blank group and a changed vote.
func sample() *polis.Export {
	return &polis.Export{
		Summary: polis.Summary{{"topic", `Say "yes", or no`}, {"url", "/c/x/opinions"},
			{"conversation-description", "two\nlines"}},
		Comments: []polis.Comment{
			{ID: 1, AuthorID: 0, Timestamp: at(1000), Agrees: 1, Moderated: 1, IsSeed: true, Body: "a, \"quoted\"\nbody",
				GroupInformedConsensus: 0.25, HasGroupInformedConsensus: true},
			{ID: 0, AuthorID: -1, Timestamp: at(900), Disagrees: 1, Moderated: -1, IsMeta: true, Body: " leading space"},
		},
		Votes: []polis.VoteRow{
			{Timestamp: at(2000), CommentID: 1, VoterID: 0, Vote: polis.Disagree},
			{Timestamp: at(2500), CommentID: 1, VoterID: 0, Vote: polis.Agree},
			{Timestamp: at(2600), CommentID: 0, VoterID: 3, Vote: polis.Disagree},
		},
		Participants: []polis.ParticipantRow{
			{ID: 0, XID: "ext-0", GroupID: 2, NComments: 1, NVotes: 1, NAgree: 1, Votes: map[int]int8{1: 1}},
			{ID: 3, GroupID: -1, NVotes: 1, NDisagree: 1, Votes: map[int]int8{0: -1}},
		},
		VoteColumns: []int{0, 1},
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	check := func(t *testing.T, e *polis.Export) {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "out")
		if err := polis.Write(dir, e); err != nil {
			t.Fatal(err)
		}
		got, err := polis.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("round trip changed the export:\n got %+v\nwant %+v", got, e)
		}
	}
	t.Run("sample", func(t *testing.T) { check(t, sample()) })
	for _, c := range conversations {
		t.Run(c.name, func(t *testing.T) { check(t, readConversation(t, c.name)) })
	}
}

func TestRecountAndGroups(t *testing.T) {
	e := sample()
	for i := range e.Comments {
		e.Comments[i].Agrees, e.Comments[i].Disagrees = 9, 9
	}
	e.Participants = e.Participants[:1] // voter 3 must come back
	e.Recount()
	if a, d := e.Comments[0].Agrees, e.Comments[0].Disagrees; a != 1 || d != 0 {
		t.Errorf("comment 1: %d agrees %d disagrees, want 1 0 (latest vote only)", a, d)
	}
	if len(e.Participants) != 2 || e.Participants[1].ID != 3 || e.Participants[1].GroupID != -1 ||
		e.Participants[1].Votes[0] != polis.Disagree || e.Participants[1].NDisagree != 1 {
		t.Fatalf("participants after Recount: %+v", e.Participants)
	}
	wantSummary := map[string]int{"voters": 2, "voters-in-conv": 2, "commenters": 1, "comments": 2}
	for k, want := range wantSummary {
		if got, _ := e.Summary.Int(k); got != want {
			t.Errorf("summary %s = %d, want %d", k, got, want)
		}
	}
	e.SetGroups(map[int]int{3: 1})
	if e.Participants[0].GroupID != -1 || e.Participants[1].GroupID != 1 || !reflect.DeepEqual(e.GroupIDs(), map[int]int{3: 1}) {
		t.Errorf("SetGroups: %+v", e.Participants)
	}
	if g, _ := e.Summary.Get("groups"); g != "1" {
		t.Errorf("summary groups = %q", g)
	}
	e.SetGroupInformedConsensus(map[int]float64{0: 0.5})
	if c := e.Comments[1]; !c.HasGroupInformedConsensus || c.GroupInformedConsensus != 0.5 || e.Comments[0].HasGroupInformedConsensus {
		t.Errorf("SetGroupInformedConsensus: %+v", e.Comments)
	}
	var keys []string
	for _, f := range e.Summary {
		keys = append(keys, f.Key)
	}
	want := []string{"topic", "url", "voters", "voters-in-conv", "commenters", "comments", "groups", "conversation-description"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("summary keys %v, want Pol.is's order %v", keys, want)
	}
}

func TestReadErrors(t *testing.T) {
	const comments = "timestamp,comment-id,author-id,comment-body\n1,0,0,hello\n"
	const votes = "timestamp,comment-id,voter-id,vote\n2,0,0,1\n"
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no comments file", map[string]string{"votes.csv": votes}, "comments.csv: no such file"},
		{"missing column", map[string]string{"comments.csv": "timestamp,comment-id,comment-body\n1,0,x\n"},
			"comments.csv line 1 column author-id: required column missing"},
		{"bad id", map[string]string{"comments.csv": comments + "1,x,0,two\n", "votes.csv": votes},
			`comments.csv line 3 column comment-id: "x" is not an integer`},
		{"duplicate comment", map[string]string{"comments.csv": comments + "1,1,0,\"multi\nline\"\n1,0,0,again\n", "votes.csv": votes},
			"comments.csv line 5 column comment-id: comment 0 appears twice"},
		{"bad vote", map[string]string{"comments.csv": comments, "votes.csv": votes + "3,0,1,2\n"},
			`votes.csv line 3 column vote: vote "2" is not 1 (agree), -1 (disagree) or 0 (pass)`},
		{"unknown comment", map[string]string{"comments.csv": comments, "votes.csv": votes + "3,7,1,1\n"},
			"votes.csv line 3 column comment-id: vote on comment 7, which is not in comments.csv"},
		{"bad time", map[string]string{"comments.csv": "timestamp,comment-id,author-id,comment-body\nsoon,0,0,x\n"},
			`comments.csv line 2 column timestamp: "soon" is not a time in milliseconds since 1970`},
		{"bad quote", map[string]string{"comments.csv": comments + "1,1,0,\"unclosed\n", "votes.csv": votes},
			"comments.csv line 3: extraneous or missing \" in quoted-field"},
		{"field count", map[string]string{"comments.csv": comments, "votes.csv": votes + "3,0,1\n"},
			"votes.csv line 3: wrong number of fields"},
		{"bad bool", map[string]string{"comments.csv": "timestamp,comment-id,author-id,is-seed,comment-body\n1,0,0,maybe,x\n"},
			`comments.csv line 2 column is-seed: "maybe" is not true or false`},
		{"unknown column comment", map[string]string{"comments.csv": comments, "votes.csv": votes,
			"participants-votes.csv": "participant,group-id,0,5\n0,,1,\n"},
			"participants-votes.csv line 1 column 5: comment 5 is not in comments.csv"},
		{"duplicate participant", map[string]string{"comments.csv": comments, "votes.csv": votes,
			"participants-votes.csv": "participant,group-id,0\n0,,1\n0,1,\n"},
			"participants-votes.csv line 3 column participant: participant 0 appears twice"},
		{"empty", map[string]string{"comments.csv": ""}, "comments.csv: empty file, want a header row"},
		{"summary", map[string]string{"summary.csv": "topic,x,y\n"}, "summary.csv line 1: want key,value, found 3 fields"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := polis.Read(dir)
			want := filepath.Join(dir, c.want)
			if c.want == "comments.csv: no such file" {
				want = "open " + filepath.Join(dir, "comments.csv") + ": no such file or directory"
			}
			if err == nil || err.Error() != want {
				t.Errorf("err = %v\nwant %s", err, want)
			}
		})
	}
	if _, err := polis.Read(filepath.Join(t.TempDir(), "nowhere")); err == nil {
		t.Error("Read of a missing directory succeeded")
	}
}

// Unknown columns are ignored, optional ones may be missing and blank
// participants-votes cells are no vote.
func TestReadMinimal(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"comments.csv":           "comment-body,extra,comment-id,author-id,timestamp\nhi,?,3,5,7\n",
		"votes.csv":              "vote,voter-id,comment-id,timestamp,datetime\n-1,5,3,8,whenever\n",
		"participants-votes.csv": "participant,3,note\n5,-1,n\n6,,n\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, err := polis.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := &polis.Export{
		Comments:     []polis.Comment{{ID: 3, AuthorID: 5, Timestamp: at(7), Body: "hi"}},
		Votes:        []polis.VoteRow{{Timestamp: at(8), CommentID: 3, VoterID: 5, Vote: polis.Disagree}},
		Participants: []polis.ParticipantRow{{ID: 5, GroupID: -1, Votes: map[int]int8{3: -1}}, {ID: 6, GroupID: -1, Votes: map[int]int8{}}},
		VoteColumns:  []int{3},
	}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("Read = %+v\nwant %+v", e, want)
	}
}
