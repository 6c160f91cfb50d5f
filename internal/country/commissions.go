package country

import (
	"slices"
)

// Commission is one of the five UN regional commissions of the Economic
// and Social Council, with its member States and associate members
// (non-self-governing territories and other areas that take part in its
// work without being members).
type Commission struct {
	Code       string   // ECA, ECE, ECLAC, ESCAP, ESCWA (the English acronym)
	Members    []string // ISO 3166-1 alpha-2 codes, sorted
	Associates []string // associate members, sorted; nil when none
}

// commissions are the regional commissions in the order UN documents list
// them. Membership is each commission's own list, read 2024–2025:
//   - ECA, the 54 African Member States of the UN
//     (https://www.uneca.org/member-states).
//   - ECE, 56 member States (https://unece.org/member-states).
//   - ECLAC, 46 member States (the 33 of Latin America and the Caribbean
//     and 13 from elsewhere) and 14 associate members
//     (https://www.cepal.org/en/about/member-states).
//   - ESCAP, 53 member States and 9 associate members
//     (https://www.unescap.org/about/member-states).
//   - ESCWA, 21 member States: Algeria and Somalia joined in 2020 and
//     Djibouti in 2023 (https://www.unescwa.org/about/member-states).
var commissions = [...]Commission{
	{Code: "ECA", Members: []string{
		"AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "ER", "ET", "GA", "GH",
		"GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MU", "MW", "MZ", "NA", "NE",
		"NG", "RW", "SC", "SD", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG", "TN", "TZ", "UG", "ZA", "ZM", "ZW"}},
	{Code: "ECE", Members: []string{
		"AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "BY", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
		"FR", "GB", "GE", "GR", "HR", "HU", "IE", "IL", "IS", "IT", "KG", "KZ", "LI", "LT", "LU", "LV", "MC", "MD",
		"ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "SM", "TJ", "TM", "TR", "UA",
		"US", "UZ"}},
	{Code: "ECLAC", Members: []string{
		"AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CA", "CL", "CO", "CR", "CU", "DE", "DM", "DO", "EC", "ES", "FR",
		"GB", "GD", "GT", "GY", "HN", "HT", "IT", "JM", "JP", "KN", "KR", "LC", "MX", "NI", "NL", "NO", "PA", "PE",
		"PT", "PY", "SR", "SV", "TR", "TT", "US", "UY", "VC", "VE"},
		Associates: []string{"AI", "AW", "BM", "CW", "GF", "GP", "KY", "MQ", "MS", "PR", "SX", "TC", "VG", "VI"}},
	{Code: "ESCAP", Members: []string{
		"AF", "AM", "AU", "AZ", "BD", "BN", "BT", "CN", "FJ", "FM", "FR", "GB", "GE", "ID", "IN", "IR", "JP", "KG",
		"KH", "KI", "KP", "KR", "KZ", "LA", "LK", "MH", "MM", "MN", "MV", "MY", "NL", "NP", "NR", "NZ", "PG", "PH",
		"PK", "PW", "RU", "SB", "SG", "TH", "TJ", "TL", "TM", "TO", "TR", "TV", "US", "UZ", "VN", "VU", "WS"},
		Associates: []string{"AS", "CK", "GU", "HK", "MO", "MP", "NC", "NU", "PF"}},
	{Code: "ESCWA", Members: []string{
		"AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO",
		"SY", "TN", "YE"}},
}

// commissionNames are each commission's name and acronym as the UN writes
// them in each language (UNTERM; Portuguese as the commissions' own
// Portuguese pages write them). An empty acronym means the language uses
// the name alone.
var commissionNames = map[string]struct{ name, acronym langNames }{
	"ECA": {
		name: langNames{ar: "اللجنة الاقتصادية لأفريقيا", en: "Economic Commission for Africa", es: "Comisión Económica para África",
			fr: "Commission économique pour l’Afrique", pt: "Comissão Econômica para a África", ru: "Экономическая комиссия для Африки", zh: "非洲经济委员会"},
		acronym: langNames{en: "ECA", es: "CEPA", fr: "CEA", pt: "CEA", ru: "ЭКА", zh: "非洲经委会"}},
	"ECE": {
		name: langNames{ar: "اللجنة الاقتصادية لأوروبا", en: "Economic Commission for Europe", es: "Comisión Económica para Europa",
			fr: "Commission économique pour l’Europe", pt: "Comissão Econômica para a Europa", ru: "Европейская экономическая комиссия", zh: "欧洲经济委员会"},
		acronym: langNames{en: "ECE", es: "CEPE", fr: "CEE", pt: "CEE", ru: "ЕЭК", zh: "欧洲经委会"}},
	"ECLAC": {
		name: langNames{ar: "اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي", en: "Economic Commission for Latin America and the Caribbean",
			es: "Comisión Económica para América Latina y el Caribe", fr: "Commission économique pour l’Amérique latine et les Caraïbes",
			pt: "Comissão Econômica para a América Latina e o Caribe", ru: "Экономическая комиссия для Латинской Америки и Карибского бассейна", zh: "拉丁美洲和加勒比经济委员会"},
		acronym: langNames{en: "ECLAC", es: "CEPAL", fr: "CEPALC", pt: "CEPAL", ru: "ЭКЛАК", zh: "拉加经委会"}},
	"ESCAP": {
		name: langNames{ar: "اللجنة الاقتصادية والاجتماعية لآسيا والمحيط الهادئ", en: "Economic and Social Commission for Asia and the Pacific",
			es: "Comisión Económica y Social para Asia y el Pacífico", fr: "Commission économique et sociale pour l’Asie et le Pacifique",
			pt: "Comissão Econômica e Social para a Ásia e o Pacífico", ru: "Экономическая и социальная комиссия для Азии и Тихого океана", zh: "亚洲及太平洋经济社会委员会"},
		acronym: langNames{ar: "الإسكاب", en: "ESCAP", es: "CESPAP", fr: "CESAP", pt: "CESAP", ru: "ЭСКАТО", zh: "亚太经社会"}},
	"ESCWA": {
		name: langNames{ar: "اللجنة الاقتصادية والاجتماعية لغربي آسيا", en: "Economic and Social Commission for Western Asia",
			es: "Comisión Económica y Social para Asia Occidental", fr: "Commission économique et sociale pour l’Asie occidentale",
			pt: "Comissão Econômica e Social para a Ásia Ocidental", ru: "Экономическая и социальная комиссия для Западной Азии", zh: "西亚经济社会委员会"},
		acronym: langNames{ar: "الإسكوا", en: "ESCWA", es: "CESPAO", fr: "CESAO", pt: "CESPAO", ru: "ЭСКЗА", zh: "西亚经社会"}},
}

// Commissions returns the five regional commissions in UN order. The
// slices are copies.
func (d *Directory) Commissions() []Commission {
	out := make([]Commission, len(commissions))
	for i, c := range commissions {
		out[i] = Commission{Code: c.Code, Members: slices.Clone(c.Members), Associates: slices.Clone(c.Associates)}
	}
	return out
}

// CommissionsOf returns the codes of the commissions the country is a
// member or associate member of, in UN order (several for some: the United
// States is in ECE, ECLAC and ESCAP).
func (d *Directory) CommissionsOf(country string) []string {
	var out []string
	for _, c := range commissions {
		if c.has(country) {
			out = append(out, c.Code)
		}
	}
	return out
}

// InCommission reports whether the country is a member or associate
// member of the commission with this code.
func (d *Directory) InCommission(country, code string) bool {
	c, ok := commissionByCode(code)
	return ok && c.has(country)
}

// IsAssociate reports whether the country is an associate member (not a
// member State) of the commission.
func (d *Directory) IsAssociate(country, code string) bool {
	c, ok := commissionByCode(code)
	return ok && slices.Contains(c.Associates, country)
}

// KnownCommission reports whether code is one of the five commissions.
func (d *Directory) KnownCommission(code string) bool {
	_, ok := commissionByCode(code)
	return ok
}

// CommissionName returns the commission's name in the reader's language,
// falling back to English and then to the code.
func (d *Directory) CommissionName(code, lang string) string {
	return pickName(commissionNames[code].name, lang, code)
}

// CommissionAcronym returns the commission's acronym in the reader's
// language (ECLAC, CEPAL, CEPALC, ЭКЛАК…), or "" where the language uses
// none.
func (d *Directory) CommissionAcronym(code, lang string) string {
	n := commissionNames[code]
	tag := parseLang(lang)
	if s := n.acronym.forLang(baseOf(tag)); s != "" || n.name.forLang(baseOf(tag)) != "" {
		return s
	}
	return n.acronym.en
}

// CommissionLabel is the name with the acronym, "Name (ACRONYM)", for
// lists and tables.
func (d *Directory) CommissionLabel(code, lang string) string {
	name, acr := d.CommissionName(code, lang), d.CommissionAcronym(code, lang)
	if acr == "" {
		return name
	}
	return name + " (" + acr + ")"
}

// CommissionOptions lists the commissions in UN order, labelled for the
// reader, for a filter.
func (d *Directory) CommissionOptions(lang string) []Option {
	out := make([]Option, len(commissions))
	for i, c := range commissions {
		out[i] = Option{Code: c.Code, Name: d.CommissionLabel(c.Code, lang)}
	}
	return out
}

func commissionByCode(code string) (Commission, bool) {
	i := slices.IndexFunc(commissions[:], func(c Commission) bool { return c.Code == code })
	if i < 0 {
		return Commission{}, false
	}
	return commissions[i], true
}

func (c Commission) has(country string) bool {
	return slices.Contains(c.Members, country) || slices.Contains(c.Associates, country)
}

// pickName returns the name in lang's base language, then English, then
// fallback.
func pickName(n langNames, lang, fallback string) string {
	if s := n.forLang(baseOf(parseLang(lang))); s != "" {
		return s
	}
	if n.en != "" {
		return n.en
	}
	return fallback
}
