package web

import (
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
)

func TestZoneNames(t *testing.T) {
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ lang, zone, want string }{
		{"en", "America/Santiago", "Chile time (Santiago)"},
		{"es", "America/Santiago", "Hora de Chile (Santiago)"},
		{"zh", "America/Santiago", "智利时间（圣地亚哥）"},
		{"fr", "Europe/Zurich", "Heure d’Europe centrale (Zurich)"},
		{"ar", "Asia/Dubai", "توقيت الخليج (دبي)"},
		{"pt", "Asia/Tokyo", "Horário do Japão (Tóquio)"},
		// The generic rule for a zone the table does not name.
		{"en", "America/Lima", "Lima time"},
		{"es", "America/Argentina/Buenos_Aires", "Hora de Buenos Aires"},
		{"en", "UTC", "UTC"},
	}
	for _, tc := range cases {
		if got := zoneName(catalog.Printer(tc.lang), tc.zone); got != tc.want {
			t.Errorf("zoneName(%s, %s) = %q, want %q", tc.lang, tc.zone, got, tc.want)
		}
	}
	for zone := range zoneKeys {
		if _, err := time.LoadLocation(zone); err != nil {
			t.Errorf("table zone %s: %v", zone, err)
		}
	}
	cs, err := demo.Consultations(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if _, ok := zoneKeys[c.TimeZone]; !ok {
			t.Errorf("the demo's zone %s is not in the table", c.TimeZone)
		}
	}
}

func TestPlaceSaysTheFormatOnce(t *testing.T) {
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	en, fr := catalog.Printer("en"), catalog.Printer("fr")
	virtual := &consultation.Consultation{Format: consultation.Virtual}
	cases := []struct {
		p     *i18n.Printer
		c     *consultation.Consultation
		place string
		want  string
	}{
		{en, virtual, "Santiago, Chile (virtual)", "Virtual, hosted from Santiago, Chile"},
		{en, virtual, "Santiago, Chile (Virtual)", "Virtual, hosted from Santiago, Chile"},
		{fr, virtual, "Santiago (virtuel)", "Virtuel, depuis Santiago"},
		{en, virtual, "", "Virtual"},
		{en, &consultation.Consultation{Format: consultation.InPerson}, "Kyoto, Japan", "In person, Kyoto, Japan"},
		{en, &consultation.Consultation{Format: consultation.Hybrid}, "Geneva (hybrid)", "Hybrid: in person in Geneva and online"},
	}
	for _, tc := range cases {
		if got := placeText(tc.p, tc.c, tc.place); got != tc.want {
			t.Errorf("placeText(%q) = %q, want %q", tc.place, got, tc.want)
		}
	}
	if got := placeHTML(en, virtual, "A & B", "en"); got != `Virtual, hosted from <bdi lang="en">A &amp; B</bdi>` {
		t.Errorf("placeHTML = %q", got)
	}
}
