package opinion_test

import (
	"slices"
	"testing"

	"github.com/consulta/consulta/internal/opinion"
)

// growing is a conversation that starts with 3 statements, on which the
// first 20 participants vote, and grows to 12, on which 30 more vote on 8
// to 12 each, in two camps.
func growing() *timeline {
	tl := newTimeline()
	tl.write(0, 0, 1, 2)
	camp := func(pid, tid int) opinion.Vote {
		if (pid%2 == 0) == (tid%3 == 0) {
			return opinion.Agree
		}
		return opinion.Disagree
	}
	for pid := range 20 {
		for tid := range 3 {
			tl.vote(1+pid, pid, camp(pid, tid), tid)
		}
	}
	for m, tid := 0, 3; tid < 12; m, tid = m+1, tid+1 {
		tl.write(30+3*m, tid)
	}
	for pid := 20; pid < 50; pid++ {
		for tid := range 8 + pid%5 {
			tl.vote(60+pid, pid, camp(pid, tid), tid)
		}
	}
	return tl
}

// The live map follows the one-shot computation's rules: recomputed as
// the votes arrive, each time from the previous map as it comes back from
// storage, its participants once admitted stay in — the early voters of
// the three first statements too — and end up exactly those Admit finds
// from the times; the number of groups shown changes only once another
// has won four updates in a row (the first is shown at once).
func TestLiveMapFollowsTheSameRules(t *testing.T) {
	tl := growing()
	var prev *opinion.State
	var admitted []int
	for minute := 1; minute <= 120; minute += 7 {
		now := tl.at(minute)
		data := &opinion.Data{}
		for _, s := range tl.statements {
			if !s.At.After(now) {
				data.Statements = append(data.Statements, opinion.Statement{TID: s.TID, Moderation: opinion.Accepted, CreatedAt: s.At})
			}
		}
		for _, v := range tl.votes {
			if !v.At.After(now) {
				data.Votes = append(data.Votes, v.Cast)
			}
		}
		snap := opinion.Compute(data, opinion.Segmenter{}, prev)
		b, err := opinion.EncodeSnapshot(snap)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := opinion.DecodeSnapshot(b)
		if err != nil {
			t.Fatal(err)
		}
		st := stored.Result.State
		for _, pid := range admitted {
			if !slices.Contains(st.InConversation, pid) {
				t.Errorf("minute %d: participant %d, admitted before, was dropped", minute, pid)
			}
		}
		if prev != nil && prev.K >= 2 && st.K != prev.K && st.LastKCount < 4 {
			t.Errorf("minute %d: %d groups shown after %d, by a k that won %d updates in a row", minute, st.K, prev.K, st.LastKCount)
		}
		s0 := snap.Result.State
		if st.K != s0.K || st.LastK != s0.LastK || st.LastKCount != s0.LastKCount {
			t.Errorf("minute %d: k state %d/%d/%d stored as %d/%d/%d", minute, s0.K, s0.LastK, s0.LastKCount, st.K, st.LastK, st.LastKCount)
		}
		prev, admitted = st, st.InConversation
	}
	want := opinion.Admit(tl.statements, tl.votes).All()
	if !slices.Equal(admitted, want) {
		t.Errorf("the live map admitted %v, Admit %v", admitted, want)
	}
	if !slices.Contains(admitted, 0) || len(want) != 50 {
		t.Errorf("Admit found %d participants, want all 50, the early voters of 3 statements included", len(want))
	}
	oneShot := opinion.AnalyseHistory(tl.statements, tl.votes, opinion.ReplayEvery)
	if oneShot.InConversation != len(admitted) {
		t.Errorf("one computation: %d in the conversation, the live map %d", oneShot.InConversation, len(admitted))
	}
}
