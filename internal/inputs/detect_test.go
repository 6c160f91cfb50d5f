package inputs

import "testing"

func TestDetectorKnowsTheSevenLanguages(t *testing.T) {
	d := NewDetector()
	cases := map[string]string{
		"en": "Meaningful connectivity remains out of reach for a third of humanity, and the review must say how to close that gap.",
		"es": "La conectividad significativa sigue fuera del alcance de un tercio de la humanidad y la revisión debe decir cómo cerrar esa brecha.",
		"fr": "La connectivité significative reste hors de portée d'un tiers de l'humanité et l'examen doit dire comment combler ce fossé.",
		"pt": "A conectividade significativa continua fora do alcance de um terço da humanidade e a revisão deve dizer como fechar essa lacuna.",
		"ru": "Значимое подключение по-прежнему недоступно для трети человечества, и обзор должен сказать, как устранить этот разрыв.",
		"ar": "لا يزال الاتصال الهادف بعيد المنال بالنسبة لثلث البشرية، ويجب أن يوضح الاستعراض كيفية سد هذه الفجوة.",
		"zh": "三分之一的人类仍然无法获得有意义的连接，审查必须说明如何弥合这一差距。",
	}
	for want, text := range cases {
		if got := d.Detect(text); got != want {
			t.Errorf("Detect(%.30q) = %q, want %q", text, got, want)
		}
	}
	// A language outside the seven is never reported as itself.
	if got := d.Detect("Die sinnvolle Konnektivität bleibt für ein Drittel der Menschheit unerreichbar."); got == "de" {
		t.Errorf("German detected as %q", got)
	}
}
