package opinion_test

import (
	"slices"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/opinion"
)

// timeline builds a conversation minute by minute: statements written at
// the given minutes, votes cast at theirs.
type timeline struct {
	t0         time.Time
	statements []opinion.StatementRef
	votes      []opinion.TimedCast
}

func newTimeline() *timeline {
	return &timeline{t0: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (tl *timeline) at(minute int) time.Time { return tl.t0.Add(time.Duration(minute) * time.Minute) }

func (tl *timeline) write(minute int, tids ...int) {
	for _, tid := range tids {
		tl.statements = append(tl.statements, opinion.StatementRef{TID: tid, At: tl.at(minute)})
	}
}

func (tl *timeline) vote(minute, pid int, v opinion.Vote, tids ...int) {
	for _, tid := range tids {
		tl.votes = append(tl.votes, opinion.TimedCast{Cast: opinion.Cast{PID: int32(pid), TID: int32(tid), Vote: v}, At: tl.at(minute)})
	}
}

func TestAdmitFollowsTheStatementsOfTheTime(t *testing.T) {
	tl := newTimeline()
	tl.write(0, 0, 1, 2)
	tl.vote(1, 1, opinion.Agree, 0, 1, 2) // all 3 statements of the time: in
	tl.vote(2, 2, opinion.Pass, 0, 1)     // 2 of 3: not yet
	tl.write(10, 3, 4, 5, 6, 7, 8, 9)
	tl.vote(11, 2, opinion.Agree, 2) // 3 of 10: still not
	tl.vote(12, 3, opinion.Disagree, 0, 1, 2, 3, 4, 5)
	tl.vote(12, 3, opinion.Agree, 5) // a changed vote counts once: 6 of 10
	tl.vote(13, 3, opinion.Agree, 6) // 7: in
	// Participant 4 votes on a statement nobody has written yet as far as
	// the file says: it exists from its first vote.
	tl.vote(14, 4, opinion.Agree, 42)
	tl.statements = append(tl.statements, opinion.StatementRef{TID: 42})

	a := opinion.Admit(tl.statements, tl.votes)
	want := map[int]time.Time{1: tl.at(1), 3: tl.at(13)}
	if len(a) != len(want) {
		t.Errorf("admitted %v, want %v", a, want)
	}
	for pid, at := range want {
		if got, ok := a[pid]; !ok || !got.Equal(at) {
			t.Errorf("participant %d admitted at %v (%v), want %v", pid, got, ok, at)
		}
	}
	if got := a.Admitted(tl.at(12)); !slices.Equal(got, []int{1}) {
		t.Errorf("admitted by minute 12: %v, want [1]", got)
	}
	if got := a.All(); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("all admitted: %v, want [1 3]", got)
	}
}

// The order of the votes in the input does not matter, only their times.
func TestAdmitReadsTimesNotOrder(t *testing.T) {
	tl := newTimeline()
	tl.write(0, 0, 1)
	tl.vote(1, 1, opinion.Agree, 0, 1)
	tl.write(5, 2, 3, 4, 5, 6, 7, 8)
	tl.vote(6, 2, opinion.Agree, 0, 1)
	rev := slices.Clone(tl.votes)
	slices.Reverse(rev)
	if a, b := opinion.Admit(tl.statements, tl.votes).All(), opinion.Admit(tl.statements, rev).All(); !slices.Equal(a, []int{1}) || !slices.Equal(a, b) {
		t.Errorf("admitted %v in time order, %v reversed; want [1] both", a, b)
	}
}

// A participant admitted early stays in the conversation on the final
// votes, although they voted on 3 of the 10 statements there are now.
func TestAnalyseKeepsTheAdmitted(t *testing.T) {
	tl := newTimeline()
	tl.write(0, 0, 1, 2)
	for pid := range 20 {
		tl.vote(1, pid, opinion.Vote(1-2*(pid%2)), 0, 1, 2)
	}
	tl.write(10, 3, 4, 5, 6, 7, 8, 9)
	for pid := 10; pid < 20; pid++ {
		tl.vote(11, pid, opinion.Vote(1-2*(pid%2)), 3, 4, 5, 6, 7, 8, 9)
	}
	tl.vote(12, 30, opinion.Agree, 0, 1, 2) // late and light: not in
	var final []opinion.Cast
	for _, v := range tl.votes {
		final = append(final, v.Cast)
	}
	in := opinion.Input{Statements: tl.statements, Votes: final}
	if n := opinion.Analyse(in).InConversation; n != 15 {
		t.Fatalf("without the history %d in the conversation, want the 10 heavy voters topped up to 15", n)
	}
	in.Admitted = opinion.Admit(tl.statements, tl.votes).All()
	res := opinion.Analyse(in)
	if res.InConversation != 20 {
		t.Errorf("%d in the conversation, want the 20 admitted", res.InConversation)
	}
	for _, p := range res.Participants {
		if p.InConversation != (p.PID < 20) || (p.Group >= 0) != p.InConversation {
			t.Errorf("participant %d: in %v, group %d", p.PID, p.InConversation, p.Group)
		}
	}
}
