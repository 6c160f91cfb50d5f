package web

import (
	"net/http"

	"github.com/consulta/consulta/internal/consultation"
)

// showHome lists each review with its upcoming and past consultations.
func (s *Server) showHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := langFrom(ctx, s.Catalog)
	reviews, err := s.DB.Reviews(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type reviewBlock struct {
		Title, Description  any
		TitleLang, DescLang string // languages of the texts shown (WCAG 3.1.2)
		FellBack            bool
		Mandate, Partners   []string
		Secretariat         string
		Slug                string // for the review's written inputs and calendar
		Upcoming, Past      []consultationView
	}
	all, err := s.DB.PublicConsultations(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byReview := consultationsByReview(all)
	var blocks []reviewBlock
	description := p.T("footer.text")
	for _, rv := range reviews {
		text, fb := rv.Text(p.Lang())
		b := reviewBlock{Title: text.Title, TitleLang: p.Lang(), DescLang: p.Lang(), Description: s.markdown.Cached("review:description", rv.ID, rv.UpdatedAt, p.Lang(), text.Description), FellBack: fb,
			Mandate: rv.Mandate, Partners: partnerNames(p, rv.Partners), Secretariat: rv.Secretariat, Slug: rv.Slug}
		if own, ok := rv.Texts[p.Lang()]; !ok || own.Description == "" {
			b.DescLang = rv.OriginalLang
		}
		if _, ok := rv.Texts[p.Lang()]; !ok {
			b.TitleLang = rv.OriginalLang
		}
		for _, c := range byReview[rv.ID] {
			v := s.viewConsultation(ctx, p, c, c.PlacesTaken)
			if v.Upcoming {
				b.Upcoming = append(b.Upcoming, v)
			} else {
				b.Past = append(b.Past, v)
			}
		}
		if len(blocks) == 0 && text.Description != "" {
			description = text.Description
		}
		blocks = append(blocks, b)
	}
	pg := s.newPage(r, "", blocks)
	pg.Title, pg.Meta = pg.Site.Name, s.meta(p, "/", description)
	s.render(w, r, http.StatusOK, "home", pg)
}

// consultationsByReview groups a list loaded in one query by review,
// keeping its order: pages with every review read their consultations
// once, not once per review.
func consultationsByReview(list []*consultation.Consultation) map[int64][]*consultation.Consultation {
	out := map[int64][]*consultation.Consultation{}
	for _, c := range list {
		out[c.ReviewID] = append(out[c.ReviewID], c)
	}
	return out
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.DB.Ping(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("ok\n"))
}
