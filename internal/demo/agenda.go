package demo

import (
	"context"
	"fmt"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/store"
)

// The Santiago consultation's two hours, as the concept note runs them:
// opening remarks by the CSTD Chair, one block per guiding question
// moderated by ECLAC, closing.
const (
	openingMinutes  = 10
	questionMinutes = 25
	closingMinutes  = 10
)

// The items' titles in the six UN languages and Portuguese (English is the
// consultation's original); the terms follow UN usage (CSTD / CCTD) and
// the catalogs' "guiding question".
var (
	openingTitles = map[string]string{
		"en": "Opening remarks by the Chair of the CSTD",
		"es": "Palabras de apertura de la Presidencia de la CCTD",
		"fr": "Allocution d’ouverture de la présidence de la CSTD",
		"pt": "Palavras de abertura da Presidência da CCTD",
		"ar": "كلمة افتتاحية يلقيها رئيس لجنة تسخير العلم والتكنولوجيا لأغراض التنمية",
		"zh": "科学和技术促进发展委员会主席致开幕词",
		"ru": "Вступительное слово Председателя Комиссии по науке и технике в целях развития",
	}
	questionTitles = map[string]string{
		"en": "Guiding question %d: moderated discussion",
		"es": "Pregunta orientadora %d: debate moderado",
		"fr": "Question directrice %d : débat modéré",
		"pt": "Pergunta orientadora %d: debate moderado",
		"ar": "السؤال التوجيهي %d: نقاش بإدارة ميسّر",
		"zh": "指导问题 %d：主持讨论",
		"ru": "Руководящий вопрос %d: модерируемая дискуссия",
	}
	closingTitles = map[string]string{
		"en": "Closing remarks and next steps",
		"es": "Palabras de clausura y próximos pasos",
		"fr": "Allocution de clôture et prochaines étapes",
		"pt": "Palavras de encerramento e próximos passos",
		"ar": "الكلمة الختامية والخطوات التالية",
		"zh": "闭幕词和后续步骤",
		"ru": "Заключительное слово и дальнейшие шаги",
	}
)

// others are the titles but the original (English).
func others(titles map[string]string) map[string]string {
	out := map[string]string{}
	for lang, t := range titles {
		if lang != "en" {
			out[lang] = t
		}
	}
	return out
}

// loadAgenda gives the Santiago consultation its agenda unless it has one.
func loadAgenda(ctx context.Context, db *store.DB) (loaded bool, err error) {
	defer errs.Wrap(&err, "demo.loadAgenda")
	c, err := db.ConsultationBySlug(ctx, LACSlug)
	if err != nil {
		return false, err
	}
	items, err := db.Agenda(ctx, c.ID)
	if err != nil || len(items) > 0 {
		return false, err
	}
	items = []live.Item{{Title: openingTitles["en"], Titles: others(openingTitles), Minutes: openingMinutes}}
	for i, q := range c.Questions {
		titles := map[string]string{}
		for lang, pattern := range questionTitles {
			titles[lang] = fmt.Sprintf(pattern, i+1)
		}
		items = append(items, live.Item{Title: titles["en"], Titles: others(titles), Minutes: questionMinutes, QuestionID: q.ID})
	}
	items = append(items, live.Item{Title: closingTitles["en"], Titles: others(closingTitles), Minutes: closingMinutes})
	questions := map[int64]bool{}
	for _, q := range c.Questions {
		questions[q.ID] = true
	}
	if err := live.ValidateAgenda(items, c.EndsAt.Sub(c.StartsAt), questions); err != nil {
		return false, err
	}
	return true, db.ReplaceAgenda(ctx, c.ID, items)
}
