package demo

import (
	"context"
	"time"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
)

// lacSeeds are the secretariat's opening statements of the LAC
// consultation's opinion map, drawn from its guiding questions.
var lacSeeds = []struct{ lang, body string }{
	{"en", "Affordable, meaningful connectivity should come before any new WSIS action line."},
	{"en", "The WSIS action lines are still a useful framework for digital development in the region."},
	{"en", "The Internet Governance Forum should receive a permanent mandate."},
	{"en", "The Global Digital Compact should be implemented through the existing WSIS architecture, not a new process."},
	{"en", "Governments in the region should publish open data on connectivity gaps by gender and territory."},
	{"en", "Artificial intelligence deserves its own WSIS action line."},
	{"es", "Los pueblos indígenas deben participar en el diseño de las políticas digitales que los afectan."},
	{"es", "La cooperación regional en ciberseguridad es hoy más urgente que hace diez años."},
}

// loadOpinions enables the LAC consultation's opinion map and adds the
// seed statements, unless it already has statements.
func loadOpinions(ctx context.Context, db *store.DB, now time.Time) (loaded bool, err error) {
	c, err := db.ConsultationHeadBySlug(ctx, LACSlug)
	if err != nil {
		return false, err
	}
	existing, err := db.Statements(ctx, store.StatementFilter{ConsultationID: c.ID})
	if err != nil || len(existing) > 0 {
		return false, err
	}
	if err := db.SaveOpinionSettings(ctx, opinion.Settings{ConsultationID: c.ID, Enabled: true}, now); err != nil {
		return false, err
	}
	for _, s := range lacSeeds {
		st := &opinion.Statement{ConsultationID: c.ID, AuthorPID: opinion.BySecretariat, Body: s.body, Lang: s.lang,
			Moderation: opinion.Accepted, IsSeed: true}
		if err := db.AddStatement(ctx, st, now); err != nil {
			return false, err
		}
	}
	return true, nil
}
