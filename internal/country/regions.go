package country

import (
	"slices"

	"golang.org/x/text/language"
)

// continents are the five UN M49 regions, in the order Regions returns
// them (English alphabetical, as UN documents list them).
var continents = [...]string{"002", "019", "142", "150", "009"}

// subRegions are the M49 sub-regions. Together they partition each
// continent, so a country belongs to exactly one of them.
var subRegions = [...]string{
	"015", "202", // Africa
	"419", "021", // Americas
	"143", "030", "034", "035", "145", // Asia
	"151", "154", "039", "155", // Europe
	"053", "054", "057", "061", // Oceania
}

// intermediateRegions are M49's finer split of two sub-regions: Western,
// Eastern, Middle and Southern Africa inside Sub-Saharan Africa (202), and
// the Caribbean, Central America and South America inside Latin America
// and the Caribbean (419).
var intermediateRegions = [...]string{"011", "014", "017", "018", "029", "013", "005"}

// m49SubRegion places the inhabited remote territories where M49 does:
// CLDR files Cocos (Keeling) Islands and Christmas Island under "Outlying
// Oceania" (QO) with no sub-region; M49 puts both in Australia and New
// Zealand (053). Every other listed code's CLDR containment matches M49
// (TestRegionsFollowM49 checks a sample of each sub-region).
var m49SubRegion = map[string]string{"CC": "053", "CX": "053"}

// regionNames are the M49 names of the regions in the six UN languages, as
// on the M49 overview pages of the UN Statistics Division, and their
// Brazilian Portuguese names (CLDR's, except where CLDR has none or names
// a different grouping: 202, 419, 053, 057). CLDR's own labels differ
// from M49's ("Latin America" for 419, "Micronesian Region" for 057,
// "Australasia" for 053), so they are not used for these codes.
var regionNames = map[string]langNames{
	"001": {ar: "العالم", en: "World", es: "Mundo", fr: "Monde", pt: "Mundo", ru: "Весь мир", zh: "世界"},
	"002": {ar: "أفريقيا", en: "Africa", es: "África", fr: "Afrique", pt: "África", ru: "Африка", zh: "非洲"},
	"015": {ar: "شمال أفريقيا", en: "Northern Africa", es: "África septentrional", fr: "Afrique septentrionale", pt: "África do Norte", ru: "Северная Африка", zh: "北非"},
	"202": {ar: "أفريقيا جنوب الصحراء الكبرى", en: "Sub-Saharan Africa", es: "África subsahariana", fr: "Afrique subsaharienne", pt: "África Subsaariana", ru: "Африка к югу от Сахары", zh: "撒哈拉以南非洲"},
	"011": {ar: "غرب أفريقيا", en: "Western Africa", es: "África occidental", fr: "Afrique occidentale", pt: "África Ocidental", ru: "Западная Африка", zh: "西非"},
	"014": {ar: "شرق أفريقيا", en: "Eastern Africa", es: "África oriental", fr: "Afrique orientale", pt: "África Oriental", ru: "Восточная Африка", zh: "东非"},
	"017": {ar: "وسط أفريقيا", en: "Middle Africa", es: "África central", fr: "Afrique centrale", pt: "África Central", ru: "Центральная Африка", zh: "中部非洲"},
	"018": {ar: "الجنوب الأفريقي", en: "Southern Africa", es: "África meridional", fr: "Afrique australe", pt: "África Meridional", ru: "Южная часть Африки", zh: "南部非洲"},
	"019": {ar: "الأمريكتان", en: "Americas", es: "Américas", fr: "Amériques", pt: "Américas", ru: "Северная и Южная Америка", zh: "美洲"},
	"419": {ar: "أمريكا اللاتينية ومنطقة البحر الكاريبي", en: "Latin America and the Caribbean", es: "América Latina y el Caribe", fr: "Amérique latine et Caraïbes", pt: "América Latina e Caribe", ru: "Латинская Америка и Карибский бассейн", zh: "拉丁美洲和加勒比"},
	"029": {ar: "منطقة البحر الكاريبي", en: "Caribbean", es: "Caribe", fr: "Caraïbes", pt: "Caribe", ru: "Карибский бассейн", zh: "加勒比"},
	"013": {ar: "أمريكا الوسطى", en: "Central America", es: "Centroamérica", fr: "Amérique centrale", pt: "América Central", ru: "Центральная Америка", zh: "中美洲"},
	"005": {ar: "أمريكا الجنوبية", en: "South America", es: "América del Sur", fr: "Amérique du Sud", pt: "América do Sul", ru: "Южная Америка", zh: "南美洲"},
	"021": {ar: "أمريكا الشمالية", en: "Northern America", es: "América septentrional", fr: "Amérique septentrionale", pt: "América Setentrional", ru: "Северная Америка", zh: "北美"},
	"142": {ar: "آسيا", en: "Asia", es: "Asia", fr: "Asie", pt: "Ásia", ru: "Азия", zh: "亚洲"},
	"143": {ar: "آسيا الوسطى", en: "Central Asia", es: "Asia central", fr: "Asie centrale", pt: "Ásia Central", ru: "Центральная Азия", zh: "中亚"},
	"030": {ar: "شرق آسيا", en: "Eastern Asia", es: "Asia oriental", fr: "Asie orientale", pt: "Ásia Oriental", ru: "Восточная Азия", zh: "东亚"},
	"034": {ar: "جنوب آسيا", en: "Southern Asia", es: "Asia meridional", fr: "Asie du Sud", pt: "Ásia Meridional", ru: "Южная Азия", zh: "南亚"},
	"035": {ar: "جنوب شرق آسيا", en: "South-eastern Asia", es: "Asia sudoriental", fr: "Asie du Sud-Est", pt: "Sudeste Asiático", ru: "Юго-Восточная Азия", zh: "东南亚"},
	"145": {ar: "غرب آسيا", en: "Western Asia", es: "Asia occidental", fr: "Asie occidentale", pt: "Ásia Ocidental", ru: "Западная Азия", zh: "西亚"},
	"150": {ar: "أوروبا", en: "Europe", es: "Europa", fr: "Europe", pt: "Europa", ru: "Европа", zh: "欧洲"},
	"151": {ar: "أوروبا الشرقية", en: "Eastern Europe", es: "Europa oriental", fr: "Europe orientale", pt: "Europa Oriental", ru: "Восточная Европа", zh: "东欧"},
	"154": {ar: "أوروبا الشمالية", en: "Northern Europe", es: "Europa septentrional", fr: "Europe septentrionale", pt: "Europa Setentrional", ru: "Северная Европа", zh: "北欧"},
	"039": {ar: "أوروبا الجنوبية", en: "Southern Europe", es: "Europa meridional", fr: "Europe méridionale", pt: "Europa Meridional", ru: "Южная Европа", zh: "南欧"},
	"155": {ar: "أوروبا الغربية", en: "Western Europe", es: "Europa occidental", fr: "Europe occidentale", pt: "Europa Ocidental", ru: "Западная Европа", zh: "西欧"},
	"009": {ar: "أوقيانوسيا", en: "Oceania", es: "Oceanía", fr: "Océanie", pt: "Oceania", ru: "Океания", zh: "大洋洲"},
	"053": {ar: "أستراليا ونيوزيلندا", en: "Australia and New Zealand", es: "Australia y Nueva Zelandia", fr: "Australie et Nouvelle-Zélande", pt: "Austrália e Nova Zelândia", ru: "Австралия и Новая Зеландия", zh: "澳大利亚和新西兰"},
	"054": {ar: "ميلانيزيا", en: "Melanesia", es: "Melanesia", fr: "Mélanésie", pt: "Melanésia", ru: "Меланезия", zh: "美拉尼西亚"},
	"057": {ar: "ميكرونيزيا", en: "Micronesia", es: "Micronesia", fr: "Micronésie", pt: "Micronésia", ru: "Микронезия", zh: "密克罗尼西亚"},
	"061": {ar: "بولينيزيا", en: "Polynesia", es: "Polinesia", fr: "Polynésie", pt: "Polinésia", ru: "Полинезия", zh: "波利尼西亚"},
}

// m49Parent is M49's hierarchy: the group directly containing each
// sub-region and intermediate region. It is typed out because x/text's
// containment of groups is incomplete (it has no 202 inside 002, no 029
// inside 419).
var m49Parent = map[string]string{
	"015": "002", "202": "002",
	"011": "202", "014": "202", "017": "202", "018": "202",
	"419": "019", "021": "019",
	"029": "419", "013": "419", "005": "419",
	"143": "142", "030": "142", "034": "142", "035": "142", "145": "142",
	"151": "150", "154": "150", "039": "150", "155": "150",
	"053": "009", "054": "009", "057": "009", "061": "009",
}

// placeRegions fills the directory's containment: each country's
// sub-region (CLDR's, or M49's where they differ), its continent and its
// intermediate region.
func (d *Directory) placeRegions() {
	for _, c := range d.codes {
		sub := m49SubRegion[c]
		if sub == "" {
			sub = containing(c, subRegions[:])
		}
		d.subRegion[c], d.region[c] = sub, m49Parent[sub]
		d.intermediate[c] = containing(c, intermediateRegions[:])
	}
}

// Region returns the continental M49 code containing the country, or "".
func (d *Directory) Region(code string) string { return d.region[code] }

// SubRegion returns the M49 sub-region containing the country, or "".
func (d *Directory) SubRegion(code string) string { return d.subRegion[code] }

// IntermediateRegion returns the M49 intermediate region containing the
// country (only Sub-Saharan Africa and Latin America and the Caribbean
// have them), or "".
func (d *Directory) IntermediateRegion(code string) string { return d.intermediate[code] }

// Regions returns the five continental M49 codes in a stable order.
func (d *Directory) Regions() []string { return slices.Clone(continents[:]) }

// SubRegions returns the M49 sub-regions in a stable order, each
// sub-region with intermediate regions followed by them.
func (d *Directory) SubRegions() []string {
	var out []string
	for _, s := range subRegions {
		out = append(out, s)
		out = append(out, d.childrenOf(s)...)
	}
	return out
}

// Parent returns the group directly containing an M49 group ("" for a
// continent or an unknown code).
func (d *Directory) Parent(m49 string) string { return m49Parent[m49] }

// RegionName returns the M49 name of a region in the reader's language,
// falling back to CLDR, then to M49's English name, then to the code.
func (d *Directory) RegionName(m49, lang string) string {
	if _, err := language.ParseRegion(m49); err != nil {
		return m49
	}
	tag := parseLang(lang)
	if n := regionNames[m49].forLang(baseOf(tag)); n != "" {
		return n
	}
	if n := cldrName(m49, tag); n != "" {
		return n
	}
	if n := regionNames[m49].en; n != "" {
		return n
	}
	return m49
}

// InRegion reports whether the continental, sub- or intermediate region
// m49 contains the country. Only the regions this package exposes match.
func (d *Directory) InRegion(country, m49 string) bool {
	if m49 == "" || !d.Valid(country) {
		return false
	}
	return d.region[country] == m49 || d.subRegion[country] == m49 || d.intermediate[country] == m49
}

// RegionOptions lists each continent followed by its sub-regions (sorted by
// localized name), each sub-region followed by its intermediate regions,
// for a grouped region filter. The slice is a copy.
func (d *Directory) RegionOptions(lang string) []Option {
	tag := parseLang(lang)
	if o, ok := d.regionOpts[tag.String()]; ok {
		return slices.Clone(o)
	}
	return d.buildRegionOptions(tag)
}

// buildRegionOptions groups sub-regions under their continent and
// intermediate regions under their sub-region.
func (d *Directory) buildRegionOptions(tag language.Tag) []Option {
	var opts []Option
	for _, c := range continents {
		opts = append(opts, d.regionOption(c, tag))
		for _, s := range d.sortedChildren(c, tag) {
			opts = append(opts, s)
			opts = append(opts, d.sortedChildren(s.Code, tag)...)
		}
	}
	return opts
}

// sortedChildren names the groups directly inside m49, sorted by name.
func (d *Directory) sortedChildren(m49 string, tag language.Tag) []Option {
	var out []Option
	for _, s := range d.childrenOf(m49) {
		out = append(out, d.regionOption(s, tag))
	}
	sortOptions(out, tag)
	return out
}

// childrenOf lists the groups directly inside m49, in table order.
func (d *Directory) childrenOf(m49 string) []string {
	var out []string
	for _, g := range slices.Concat(subRegions[:], intermediateRegions[:]) {
		if m49Parent[g] == m49 {
			out = append(out, g)
		}
	}
	return out
}

func (d *Directory) regionOption(m49 string, tag language.Tag) Option {
	return Option{Code: m49, Name: d.RegionName(m49, tag.String())}
}
