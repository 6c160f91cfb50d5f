package live

import (
	"slices"
	"time"
)

// Queue is the waiting requests, in order.
func (st *State) Queue() []*Speaker {
	var q []*Speaker
	for i := range st.Speakers {
		if st.Speakers[i].State == Waiting {
			q = append(q, &st.Speakers[i])
		}
	}
	slices.SortStableFunc(q, func(a, b *Speaker) int { return a.Position - b.Position })
	return q
}

// Floor is the speaker who has the floor, or nil.
func (st *State) Floor() *Speaker {
	for i := range st.Speakers {
		if st.Speakers[i].State == Speaking {
			return &st.Speakers[i]
		}
	}
	return nil
}

// Waiting is the registrant's waiting request, or nil.
func (st *State) Waiting(registrationID string) *Speaker {
	for _, sp := range st.Queue() {
		if sp.RegistrationID == registrationID {
			return sp
		}
	}
	return nil
}

func (st *State) speaker(id int64) *Speaker {
	for i := range st.Speakers {
		if st.Speakers[i].ID == id {
			return &st.Speakers[i]
		}
	}
	return nil
}

func (st *State) lastPosition() int {
	n := 0
	for _, sp := range st.Speakers {
		n = max(n, sp.Position)
	}
	return n
}

// Current is the current agenda item, or nil before the session starts.
func (st *State) Current() *Item {
	for i := range st.Agenda {
		if st.Agenda[i].ID == st.Session.CurrentItemID {
			return &st.Agenda[i]
		}
	}
	return nil
}

// OpenItems are the items one may still ask to speak on: the current one
// and those after it (all of them before the session starts).
func (st *State) OpenItems() []Item {
	cur := st.Current()
	if cur == nil {
		return st.Agenda
	}
	var open []Item
	for _, it := range st.Agenda {
		if it.Position >= cur.Position {
			open = append(open, it)
		}
	}
	return open
}

// ItemRemaining is the current item's time left (negative once over).
func (st *State) ItemRemaining() time.Duration {
	cur := st.Current()
	if cur == nil || st.Session.ItemStartedAt == nil {
		return 0
	}
	return cur.Duration() - st.Now.Sub(*st.Session.ItemStartedAt)
}

// FloorRemaining is the speaker's time left (negative once over).
func (st *State) FloorRemaining() time.Duration {
	f := st.Floor()
	if f == nil || f.StartedAt == nil {
		return 0
	}
	return st.Session.InterventionTime - st.Now.Sub(*f.StartedAt)
}

// Balance is what the moderator's hint shows: the stakeholder groups and
// regions (of all those given) that have not had the floor yet in this
// session.
func (st *State) Balance(groups, regions []string, regionOf func(country string) string) (missingGroups, missingRegions []string) {
	spokeGroup, spokeRegion := map[string]bool{}, map[string]bool{}
	for _, sp := range st.Speakers {
		if sp.State == Speaking || sp.State == Spoken {
			spokeGroup[sp.StakeholderGroup] = true
			if sp.Country != "" {
				spokeRegion[regionOf(sp.Country)] = true
			}
		}
	}
	for _, g := range groups {
		if !spokeGroup[g] {
			missingGroups = append(missingGroups, g)
		}
	}
	for _, r := range regions {
		if !spokeRegion[r] {
			missingRegions = append(missingRegions, r)
		}
	}
	return missingGroups, missingRegions
}
