package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/live"
)

// The live session's public side: the agenda on the consultation page,
// asking for the floor from the participant's page, and the events stream
// the live pages follow (live.js; without it, the pages work by reloading).

// publicAgenda is the agenda the consultation page shows, or nil.
func (s *Server) publicAgenda(ctx context.Context, p *i18n.Printer, c *consultation.Consultation) (*agendaView, error) {
	st, err := s.liveState(ctx, c)
	if err != nil || len(st.Agenda) == 0 {
		return nil, err
	}
	v := viewAgenda(p, c, st)
	return &v, nil
}

// askFloor is an approved participant asking to speak.
func (s *Server) askFloor(w http.ResponseWriter, r *http.Request) {
	reg, c, err := s.participantFrom(r)
	if err == nil {
		item, _ := strconv.ParseInt(r.PostFormValue("item"), 10, 64)
		err = s.Live.AskFloor(r.Context(), c, reg, item, r.PostFormValue("topic"))
	}
	s.afterFloor(w, r, err, "/floor", "asked")
}

// withdrawFloor takes the participant's request back.
func (s *Server) withdrawFloor(w http.ResponseWriter, r *http.Request) {
	reg, c, err := s.participantFrom(r)
	if err == nil {
		err = s.Live.Withdraw(r.Context(), c, reg)
	}
	s.afterFloor(w, r, err, "/floor/withdraw", "withdrawn")
}

// afterFloor shows the participant's page again: with the error beside
// the form, or after a redirect saying what was done.
func (s *Server) afterFloor(w http.ResponseWriter, r *http.Request, err error, suffix, done string) {
	if errs.Is(err, errs.Invalid) || errs.Is(err, errs.Conflict) {
		reg, c, perr := s.participantFrom(r)
		if perr == nil {
			s.renderParticipantStatus(w, r, http.StatusUnprocessableEntity, reg, c, "", err)
			return
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := r.URL.Path[:len(r.URL.Path)-len(suffix)]
	http.Redirect(w, r, base+"?done="+done+"#floor-title", http.StatusSeeOther)
}

// maxCatchUp is the most missed events a reconnecting viewer is sent;
// a session has a few hundred.
const maxCatchUp = 10000

// sseKeepAlive is how often an idle stream sends a comment, so proxies
// keep it open and a dead viewer is noticed.
const sseKeepAlive = 15 * time.Second

// liveEvents is the events stream of a consultation: Server-Sent Events,
// numbered; a viewer reconnecting with Last-Event-ID gets what it missed
// from the stored log first. Events carry only what the public page shows.
func (s *Server) liveEvents(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultationHead(r)
	if err != nil {
		s.liveFail(w, r, err)
		return
	}
	sub, err := s.LiveHub.Subscribe(r.Context(), c.ID)
	if err != nil {
		s.liveFail(w, r, err)
		return
	}
	defer sub.Close()
	sent, missed := sub.Start, []live.Event(nil)
	if last, ok := lastEventID(r); ok && last < sent {
		if missed, err = s.DB.EventsAfter(r.Context(), map[int64]int64{c.ID: last}, maxCatchUp); err != nil {
			s.liveFail(w, r, err)
			return
		}
		sent = last
	}
	s.streamEvents(w, r, sub, missed, sent)
}

// streamEvents writes the missed events, then those the hub brings, each
// once and in order, until the viewer leaves or is dropped.
func (s *Server) streamEvents(w http.ResponseWriter, r *http.Request, sub *live.Subscription, missed []live.Event, sent int64) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 2000\n\n"); err != nil {
		return
	}
	write := func(e live.Event) bool {
		if e.Seq <= sent {
			return true
		}
		sent = e.Seq
		_, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Kind, e.Data)
		return err == nil
	}
	for _, e := range missed {
		if !write(e) {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	keep := time.NewTicker(sseKeepAlive)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-sub.C:
			if !ok || !write(e) {
				return // dropped as too slow: the browser reconnects and catches up
			}
		case <-keep.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// lastEventID is the number of the last event the viewer had: the
// Last-Event-ID header of a reconnecting EventSource, or ?after=.
func lastEventID(r *http.Request) (int64, bool) {
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("after")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n >= 0
}

// liveFail answers a stream that cannot start: JSON on the API, a page
// otherwise.
func (s *Server) liveFail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r.Pattern) {
		s.apiFail(w, r, err)
		return
	}
	s.fail(w, r, err)
}
