package web

import (
	"context"
	"fmt"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
)

// What the live pages show: the agenda with its current item and clocks
// (public: no names), and the queue (staff and the speaker's own page).

// agendaView is the agenda as every live page and the public consultation
// page show it.
type agendaView struct {
	Slug        string
	Items       []agendaRow
	Total       string // "120 min"
	Current     *agendaRow
	ItemClock   *clockView // the current item's time left
	FloorClock  *clockView // the speaker's time left
	Waiting     int        // requests in the queue
	LiveSrc     string     // the events stream the script follows
	SpeakerTime int        // minutes per intervention, rounded up
}

type agendaRow struct {
	ID, QuestionID  int64
	Position        int
	Title, Question string
	TitleLang       string // the language Title is in (the original when not translated)
	QuestionNumber  int
	Minutes         int
	Current, Done   bool
	Open            bool // one may still ask to speak on it
}

// clockView is a countdown: the server's value, which the script keeps
// ticking; at the end the warning shows, with or without the script.
type clockView struct {
	Remaining int // seconds, negative once over
	Label     string
	Warning   bool // under warnAt left
	Over      bool
}

// warnAt is how long before the end a clock shows its warning.
const warnAt = 30 * time.Second

func newClock(d time.Duration) *clockView {
	secs := int(d.Round(time.Second) / time.Second)
	c := &clockView{Remaining: secs, Warning: d <= warnAt, Over: d <= 0}
	a := max(secs, -secs)
	c.Label = fmt.Sprintf("%d:%02d", a/60, a%60)
	if secs < 0 {
		c.Label = "−" + c.Label
	}
	return c
}

// viewAgenda builds the agenda of c's live state in the reader's language.
func viewAgenda(p *i18n.Printer, c *consultation.Consultation, st *live.State) agendaView {
	v := agendaView{Slug: c.Slug, LiveSrc: "/c/" + c.Slug + "/live", Waiting: len(st.Queue()),
		SpeakerTime: int((st.Session.InterventionTime + time.Minute - 1) / time.Minute)}
	numbers := map[int64]int{}
	texts := map[int64]string{}
	for i, q := range c.Questions {
		numbers[q.ID] = i + 1
		texts[q.ID], _ = q.Text(p.Lang())
	}
	cur := st.Current()
	open := map[int64]bool{}
	for _, it := range st.OpenItems() {
		open[it.ID] = true
	}
	total := 0
	for _, it := range st.Agenda {
		row := agendaRow{ID: it.ID, QuestionID: it.QuestionID, Position: it.Position, Minutes: it.Minutes,
			Question: texts[it.QuestionID], QuestionNumber: numbers[it.QuestionID], Open: open[it.ID]}
		row.Title, row.TitleLang = it.TitleIn(p.Lang(), c.OriginalLang)
		if cur != nil {
			row.Current, row.Done = it.ID == cur.ID, it.Position < cur.Position
		}
		total += it.Minutes
		v.Items = append(v.Items, row)
		if row.Current {
			v.Current = &v.Items[len(v.Items)-1]
		}
	}
	v.Total = p.T("live.agenda.minutes", "Minutes", total)
	if cur != nil {
		v.ItemClock = newClock(st.ItemRemaining())
	}
	if st.Floor() != nil {
		v.FloorClock = newClock(st.FloorRemaining())
	}
	return v
}

// itemTitles are the agenda items' titles in the reader's language, by id.
func itemTitles(p *i18n.Printer, c *consultation.Consultation, items []live.Item) map[int64]string {
	titles := map[int64]string{}
	for _, it := range items {
		titles[it.ID], _ = it.TitleIn(p.Lang(), c.OriginalLang)
	}
	return titles
}

// liveState loads c's live state.
func (s *Server) liveState(ctx context.Context, c *consultation.Consultation) (*live.State, error) {
	return s.Live.Load(ctx, c.ID)
}
