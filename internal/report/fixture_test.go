package report

import (
	"testing"
	"time"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/synthesis"
)

// fixture is a small but complete report, written by hand: a review with
// two consultations, three guiding questions, themes quoting English,
// Spanish, French, Arabic and Chinese sources, and every section filled.
// Its fixed words come from the real catalog in lang.
func fixture(t testing.TB, lang string) *Report {
	t.Helper()
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Printer(lang)
	r := &Report{
		Review:  Review{Slug: "wsis20", Title: "WSIS+20 Review", URL: "https://consulta.example/r/wsis20"},
		Lang:    lang,
		AsOf:    time.Date(2025, time.March, 14, 17, 30, 0, 0, time.UTC),
		BaseURL: "https://consulta.example",
		Consultations: []Consultation{
			{Slug: "santiago", Title: "Regional consultation for Latin America and the Caribbean", Zone: "America/Santiago",
				Start: time.Date(2025, time.January, 21, 13, 0, 0, 0, time.UTC), End: time.Date(2025, time.January, 21, 16, 0, 0, 0, time.UTC),
				Place: "Hybrid: ECLAC, Santiago", Held: true, URL: "https://consulta.example/c/santiago"},
			{Slug: "online-2", Title: "Second open online consultation <all stakeholders>", Zone: "Europe/Geneva",
				Start: time.Date(2025, time.April, 2, 12, 0, 0, 0, time.UTC), End: time.Date(2025, time.April, 3, 15, 0, 0, 0, time.UTC),
				Place: "Online", URL: "/c/online-2"},
		},
		Participation: fixtureParticipation(),
		Questions:     fixtureQuestions(),
		Organizations: []string{"Asociación Latinoamericana de Internet", "Internet Society", "Réseau francophone & numérique"},
		ActionLines: []Concept{{"C1", "The role of governments and all stakeholders"}, {"C2", "Information and communication infrastructure"},
			{"C3", "Access to information and knowledge"}, {"C4", "Capacity building"}, {"C5", "Building confidence and security"},
			{"C6", "Enabling environment"}, {"C7", "ICT applications"}, {"C8", "Cultural diversity and identity, linguistic diversity and local content"},
			{"C9", "Media"}, {"C10", "Ethical dimensions of the Information Society"}, {"C11", "International and regional cooperation"}},
		SDGs:       []Concept{{"SDG4", "Quality education"}, {"SDG5", "Gender equality"}, {"SDG9", "Industry, innovation and infrastructure"}, {"SDG17", "Partnerships for the goals"}},
		Convergent: []ThemeRef{{QuestionID: 11, ThemeID: "connectivity", Label: "Meaningful connectivity and affordability"}},
		Particular: []ThemeRef{{QuestionID: 12, ThemeID: "ai-governance", Label: "AI governance and capacity"}},
		Statements: []Statement{
			{Consultation: "santiago", ID: 4, Text: "Community networks deserve spectrum set aside for them.", Kind: "consensus", Agree: 0.86, Disagree: 0.05, Votes: 112},
			{Consultation: "santiago", ID: 9, Text: "The IGF should take binding decisions.", Kind: "divisive", Agree: 0.44, Disagree: 0.41, Votes: 97},
		},
		Sources: fixtureSources(),
		Names: Names{
			Groups: map[string]string{}, Regions: map[string]string{"002": "Africa", "019": "Americas", "142": "Asia", "150": "Europe"},
			Countries: map[string]string{"AR": "Argentina", "CL": "Chile", "CN": "China", "EG": "Egypt", "FR": "France", "KE": "Kenya", "US": "United States"},
			Languages: map[string]string{"ar": "Arabic", "en": "English", "es": "Spanish", "fr": "French", "zh": "Chinese"},
			Consultation: map[string]string{"santiago": "Regional consultation for Latin America and the Caribbean",
				"online-2": "Second open online consultation <all stakeholders>"},
		},
		Method: synthesis.Method{Algorithm: "spherical k-means", Unit: "sentence", KRule: "the mean silhouette", MaxK: 12,
			Parameters: map[string]string{"min_df": "2", "iterations": "50", "seed": "20250314", "stemmer.es": "snowball spanish"},
			ZThreshold: 1.96, SpreadRule: "convergent when raised by at least two thirds of the groups and regions; particular when from one.",
			Glossary: 48, Documents: 64, Sources: 41, Units: 388, Terms: 1204, Themes: 5,
			NPMI: 0.1834, ShareCited: 0.317, ShareInTheme: 0.829, CurationSkipped: 1},
	}
	for _, g := range stakeholder.All() {
		r.Names.Groups[string(g)] = p.T(g.MessageID())
	}
	relabel := func(rows []Breakdown) {
		for i := range rows {
			rows[i].Label = r.Names.Groups[rows[i].Key]
		}
	}
	relabel(r.Participation.Total.ByGroup)
	for _, pc := range r.Participation.PerConsultation {
		relabel(pc.Counts.ByGroup)
	}
	r.Text = map[string]string{}
	for _, id := range TextIDs() {
		r.Text[id] = p.T(id)
	}
	return r
}

func fixtureParticipation() Participation {
	santiago := Counts{Registrations: 143, Approved: 130, Attended: 96, Inputs: 28, Interventions: 17,
		ByGroup: []Breakdown{
			{Key: "academia", Label: "Academic community", Registrations: 22, Approved: 20, Attended: 15, Inputs: 5, Interventions: 2},
			{Key: "civil_society", Label: "Civil society", Registrations: 51, Approved: 47, Attended: 36, Inputs: 11, Interventions: 6},
			{Key: "government", Label: "Government (Member State)", Registrations: 38, Approved: 35, Attended: 27, Inputs: 7, Interventions: 6},
			{Key: "private_sector", Label: "Private sector", Registrations: 32, Approved: 28, Attended: 18, Inputs: 5, Interventions: 3},
		},
		ByRegion: []Breakdown{
			{Key: "019", Label: "Americas", Registrations: 121, Approved: 112, Attended: 84, Inputs: 23, Interventions: 15},
			{Key: "150", Label: "Europe", Registrations: 22, Approved: 18, Attended: 12, Inputs: 5, Interventions: 2},
		},
		ByCountry: []Breakdown{
			{Key: "AR", Label: "Argentina", Registrations: 40, Approved: 37, Attended: 29, Inputs: 8, Interventions: 5},
			{Key: "CL", Label: "Chile", Registrations: 81, Approved: 75, Attended: 55, Inputs: 15, Interventions: 10},
			{Key: "FR", Label: "France", Registrations: 22, Approved: 18, Attended: 12, Inputs: 5, Interventions: 2},
		},
		ByGender: []Breakdown{
			{Key: "", Registrations: 9, Approved: 8, Attended: 5, Interventions: 1},
			{Key: "man", Label: "Man", Registrations: 61, Approved: 55, Attended: 41, Interventions: 7},
			{Key: "woman", Label: "Woman", Registrations: 73, Approved: 67, Attended: 50, Interventions: 9},
		},
	}
	online := Counts{Registrations: 57, Approved: 0, Inputs: 13,
		ByGroup: []Breakdown{
			{Key: "government", Label: "Government (Member State)", Registrations: 20, Inputs: 6},
			{Key: "international_organization", Label: "International organization", Registrations: 37, Inputs: 7},
		},
		ByRegion: []Breakdown{
			{Key: "002", Label: "Africa", Registrations: 25, Inputs: 6},
			{Key: "142", Label: "Asia", Registrations: 32, Inputs: 7},
		},
		ByCountry: []Breakdown{
			{Key: "CN", Label: "China", Registrations: 32, Inputs: 7},
			{Key: "EG", Label: "Egypt", Registrations: 25, Inputs: 6},
		},
		ByGender: []Breakdown{{Key: "woman", Label: "Woman", Registrations: 30}, {Key: "man", Label: "Man", Registrations: 27}},
	}
	total := Counts{Registrations: 200, Approved: 130, Attended: 96, Inputs: 41, Interventions: 17,
		ByGroup:   append(append([]Breakdown{}, santiago.ByGroup...), online.ByGroup[1]),
		ByRegion:  []Breakdown{online.ByRegion[0], santiago.ByRegion[0], online.ByRegion[1], santiago.ByRegion[1]},
		ByCountry: []Breakdown{santiago.ByCountry[0], santiago.ByCountry[1], online.ByCountry[0], online.ByCountry[1], santiago.ByCountry[2]},
		ByGender:  santiago.ByGender,
	}
	total.ByGroup[2].Registrations += 20
	total.ByGroup[2].Inputs += 6
	return Participation{Total: total, PerConsultation: []ConsultationCount{{"santiago", santiago}, {"online-2", online}}}
}

func fixtureSources() []Source {
	d := time.Date(2025, time.January, 30, 0, 0, 0, 0, time.UTC)
	return []Source{
		{Kind: "input", ID: 101, URL: "/inputs/101", Consultation: "santiago", Group: "Civil society", Country: "Chile", Name: "Asociación Latinoamericana de Internet", Lang: "es", Date: d},
		{Kind: "input", ID: 102, URL: "/inputs/102", Consultation: "santiago", Group: "Government (Member State)", Country: "Argentina", Lang: "en", Date: d},
		{Kind: "input", ID: 103, URL: "/inputs/103", Consultation: "online-2", Group: "Government (Member State)", Country: "Egypt", Lang: "ar", Date: d},
		{Kind: "input", ID: 104, URL: "/inputs/104", Consultation: "online-2", Group: "International organization", Country: "China", Lang: "zh", Date: d},
		{Kind: "input", ID: 105, URL: "/inputs/105", Consultation: "santiago", Group: "Academic community", Country: "France", Name: "Réseau francophone & numérique", Lang: "fr", Date: d},
		{Kind: "intervention", ID: 7, URL: "/c/santiago/record#intervention-7", Consultation: "santiago", Group: "Private sector", Country: "Chile", Lang: "es", Date: d},
	}
}

func quote(text, kind string, id int64, group, region, country, lang string) synthesis.Quote {
	return synthesis.Quote{Text: text, SourceKind: kind, SourceID: id, Group: group, Region: region, Country: country, Lang: lang}
}

func fixtureQuestions() []Question {
	es := quote("La brecha digital sigue siendo, ante todo, una brecha de asequibilidad en las zonas rurales.", "input", 101, "civil_society", "019", "CL", "es")
	en := quote("Meaningful connectivity means speed, devices and skills, not only coverage maps.", "input", 102, "government", "019", "AR", "en")
	ar := quote("ما زالت الفجوة الرقمية بين الريف والمدن واسعة، ونحتاج إلى بنية تحتية عامة رقمية.", "input", 103, "government", "002", "EG", "ar")
	zh := quote("人工智能治理需要发展中国家的能力建设与平等参与。", "input", 104, "international_organization", "142", "CN", "zh")
	fr := quote("Les données ouvertes ont transformé nos services publics, mais la gouvernance des données reste fragmentée.", "input", 105, "academia", "150", "FR", "fr")
	iv := quote("Los operadores pequeños necesitan reglas claras para invertir en redes comunitarias.", "intervention", 7, "private_sector", "019", "CL", "es")
	connectivity := synthesis.Theme{
		ID: "connectivity", Label: "Meaningful connectivity and affordability",
		KeyPhrases: []string{"meaningful connectivity", "affordability", "brecha digital", "rural"},
		Size:       34, Sources: 14, NonEnglish: 9, Languages: map[string]int{"ar": 2, "en": 5, "es": 6, "fr": 1},
		Groups: map[string]synthesis.Share{
			"civil_society":  {N: 7, Of: 11, Share: 0.5, Z: 2.31, Over: true},
			"government":     {N: 5, Of: 13, Share: 0.357, Z: 0.12},
			"private_sector": {N: 2, Of: 8, Share: 0.143, Z: -0.84},
		},
		Regions: map[string]synthesis.Share{
			"002": {N: 2, Of: 6, Share: 0.143, Z: -0.2},
			"019": {N: 12, Of: 23, Share: 0.857, Z: 2.05, Over: true},
		},
		Quotes: []synthesis.Quote{es, en, ar},
		Framing: synthesis.Framing{
			Successes:    synthesis.FramingPart{Count: 3, Quotes: []synthesis.Quote{en}},
			Failures:     synthesis.FramingPart{Count: 6, Quotes: []synthesis.Quote{es}},
			Expectations: synthesis.FramingPart{Count: 4, Quotes: []synthesis.Quote{iv}},
		},
		ActionLines: []string{"C2", "C3"}, SDGs: []string{"SDG9", "SDG17"},
		Spread: "convergent", GroupsCovered: 3, RegionsCovered: 2,
	}
	data := synthesis.Theme{
		ID: "data-governance", Label: "Data governance and open data",
		KeyPhrases: []string{"gouvernance des données", "open data"}, Size: 12, Sources: 6, NonEnglish: 2,
		Languages: map[string]int{"en": 4, "fr": 2},
		Groups: map[string]synthesis.Share{
			"academia":   {N: 4, Of: 5, Share: 0.667, Z: 2.6, Over: true},
			"government": {N: 1, Of: 13, Share: 0.167, Z: -2.1, Under: true},
		},
		Regions:     map[string]synthesis.Share{"150": {N: 3, Of: 5, Share: 0.5, Z: 1.1}, "019": {N: 3, Of: 23, Share: 0.5, Z: -1.0}},
		Quotes:      []synthesis.Quote{fr},
		Framing:     synthesis.Framing{Successes: synthesis.FramingPart{Count: 2, Quotes: []synthesis.Quote{fr}}},
		ActionLines: []string{"C10"}, Curated: true,
	}
	ai := synthesis.Theme{
		ID: "ai-governance", Label: "AI governance and capacity",
		KeyPhrases: []string{"人工智能治理", "capacity building"}, Size: 9, Sources: 4, NonEnglish: 3,
		Languages:   map[string]int{"en": 1, "zh": 3},
		Groups:      map[string]synthesis.Share{"international_organization": {N: 4, Of: 7, Share: 1, Z: 3.2, Over: true}},
		Regions:     map[string]synthesis.Share{"142": {N: 4, Of: 7, Share: 1, Z: 3.0, Over: true}},
		Quotes:      []synthesis.Quote{zh},
		Framing:     synthesis.Framing{Expectations: synthesis.FramingPart{Count: 5, Quotes: []synthesis.Quote{zh}}},
		ActionLines: []string{"C4", "C11"}, SDGs: []string{"SDG4"},
		Spread: "particular", GroupsCovered: 1, RegionsCovered: 1,
	}
	return []Question{
		{ID: 11, Text: "What have been the main achievements and gaps of the WSIS process since 2005?",
			QuestionThemes: synthesis.QuestionThemes{QuestionID: 11, Units: 210, Sources: 36, Unthemed: 31,
				Groups: map[string]int{"civil_society": 11, "government": 13, "private_sector": 8}, Regions: map[string]int{"002": 6, "019": 23},
				Themes: []synthesis.Theme{connectivity, data}, ActionLines: map[string]int{"C2": 14, "C3": 9, "C10": 6, "C7": 2}}},
		{ID: 12, Text: "How should the WSIS framework respond to artificial intelligence?",
			QuestionThemes: synthesis.QuestionThemes{QuestionID: 12, Units: 120, Sources: 18, Unthemed: 14,
				Groups: map[string]int{"international_organization": 7}, Regions: map[string]int{"142": 7},
				Themes: []synthesis.Theme{ai}, ActionLines: map[string]int{"C4": 4, "C11": 4, "C1": 1}}},
		{ID: 21, Text: "What should the region ask of the WSIS+20 outcome?", Consultation: "santiago",
			QuestionThemes: synthesis.QuestionThemes{QuestionID: 21, Units: 58, Sources: 9, Unthemed: 58,
				ActionLines: map[string]int{}}},
	}
}
