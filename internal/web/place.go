package web

import (
	"html/template"
	"strings"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
)

// placeText is the one line that says how and where a consultation takes
// place ("Virtual, hosted from Santiago, Chile"), in plain text: the
// consultation page, the home page's cards and the calendar entry's
// location all say it this way, so "virtual" is said once.
func placeText(p *i18n.Printer, c *consultation.Consultation, place string) string {
	place = withoutFormatNote(p, c.Format, place)
	if place == "" {
		return p.T("format." + string(c.Format))
	}
	return p.T("place."+string(c.Format), "Place", place)
}

// placeHTML is placeText for a page: the place, written in the content's
// language, is isolated in a <bdi> so that a Latin place name keeps its
// order on an Arabic page.
func placeHTML(p *i18n.Printer, c *consultation.Consultation, place, lang string) template.HTML {
	place = withoutFormatNote(p, c.Format, place)
	if place == "" {
		return template.HTML(template.HTMLEscapeString(p.T("format." + string(c.Format))))
	}
	const mark = "\x01" // HTMLEscapeString keeps it (NUL it would replace)
	line := template.HTMLEscapeString(p.T("place."+string(c.Format), "Place", mark))
	bdi := `<bdi lang="` + template.HTMLEscapeString(lang) + `">` + template.HTMLEscapeString(place) + `</bdi>`
	return template.HTML(strings.Replace(line, mark, bdi, 1))
}

// withoutFormatNote drops a trailing "(virtual)" (the format's name in
// English or the reader's language) that a secretariat may have written
// into the place: the line names the format already.
func withoutFormatNote(p *i18n.Printer, f consultation.Format, place string) string {
	place = strings.TrimSpace(place)
	for _, name := range []string{string(f), strings.ReplaceAll(string(f), "_", " "), p.T("format." + string(f))} {
		note := "(" + strings.ToLower(name) + ")"
		if strings.HasSuffix(strings.ToLower(place), note) {
			return strings.TrimSpace(place[:len(place)-len(note)])
		}
	}
	return place
}

// zoneKeys names the time zones the product uses (the demo's, the seats of
// the UN regional commissions, UN Headquarters) as people say them:
// "Chile time (Santiago)", after CLDR's generic metazone names and
// exemplar cities, which golang.org/x/text does not carry. A zone not in
// the table is named by the rule "zone.other": its IANA city, in English.
var zoneKeys = map[string]string{
	"America/Santiago":     "zone.santiago",
	"Asia/Tokyo":           "zone.tokyo",
	"Europe/Zurich":        "zone.zurich",
	"Asia/Dubai":           "zone.dubai",
	"Europe/Vilnius":       "zone.vilnius",
	"Asia/Almaty":          "zone.almaty",
	"Africa/Dar_es_Salaam": "zone.dar_es_salaam",
	"America/New_York":     "zone.new_york",
	"Africa/Addis_Ababa":   "zone.addis_ababa",
	"Asia/Bangkok":         "zone.bangkok",
	"Asia/Beirut":          "zone.beirut",
}

// zoneName is a time zone as people say it, in the reader's language.
func zoneName(p *i18n.Printer, zone string) string {
	if key, ok := zoneKeys[zone]; ok {
		return p.T(key)
	}
	if zone == "UTC" || zone == "Etc/UTC" || !strings.Contains(zone, "/") {
		return zone
	}
	city := strings.ReplaceAll(zone[strings.LastIndex(zone, "/")+1:], "_", " ")
	return p.T("zone.other", "City", city)
}
