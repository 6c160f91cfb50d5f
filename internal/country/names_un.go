package country

// unNames are the UN names of countries and areas where they differ from
// CLDR in at least one of the six official languages; a field left empty
// keeps CLDR's name. Source: the UN M49 overview pages of the UN Statistics
// Division in ar en es fr ru zh (the names of the UN Terminology Database),
// with Türkiye (2022) and Netherlands (Kingdom of the) (2023). The whole
// list of UN names is testdata/m49_names.tsv; TestUNNamesMatchM49 checks
// this table reproduces it, so edit both together.
var unNames = map[string]langNames{
	"AE": {ru: "Объединенные Арабские Эмираты"},
	"AG": {en: "Antigua and Barbuda"},
	"AX": {ar: "جزر ألاند", fr: "Îles d’Åland", ru: "Аландские острова"},
	"BA": {en: "Bosnia and Herzegovina"},
	"BD": {es: "Bangladesh"},
	"BH": {es: "Bahrein"},
	"BJ": {ar: "بنن", es: "Benin"},
	"BL": {en: "Saint Barthélemy", es: "San Barthélemy"},
	"BM": {es: "Bermuda", ru: "Бермудские острова"},
	"BN": {ar: "بروني دار السلام", en: "Brunei Darussalam", es: "Brunei Darussalam", zh: "文莱达鲁萨兰国"},
	"BO": {ar: "بوليفيا (دولة - المتعددة القوميات)", en: "Bolivia (Plurinational State of)", es: "Bolivia (Estado Plurinacional de)", fr: "Bolivie (État plurinational de)", ru: "Боливия (Многонациональное Государство)", zh: "多民族玻利维亚国"},
	"BQ": {ar: "بونير وسانت يوستاشيوس وسابا", en: "Bonaire, Sint Eustatius and Saba", es: "Bonaire, San Eustaquio y Saba", fr: "Bonaire, Saint-Eustache et Saba", ru: "Бонайре, Синт-Эстатиус и Саба", zh: "博纳尔，圣俄斯塔休斯和萨巴"},
	"BS": {ar: "جزر البهاما", ru: "Багамские Острова"},
	"BT": {es: "Bhután"},
	"BW": {es: "Botswana"},
	"BY": {es: "Belarús", fr: "Bélarus"},
	"CC": {ar: "جزر كوكس (كيلينغ)", es: "Islas Cocos (Keeling)", fr: "Îles des Cocos (Keeling)", ru: "Кокосовые (Килинг) острова"},
	"CD": {ar: "جمهورية الكونغو الديمقراطية", en: "Democratic Republic of the Congo", fr: "République démocratique du Congo", ru: "Демократическая Республика Конго", zh: "刚果民主共和国"},
	"CF": {ru: "Центральноафриканская Республика"},
	"CG": {ar: "الكونغو", en: "Congo", es: "Congo", fr: "Congo", ru: "Конго", zh: "刚果"},
	"CI": {ar: "كوت ديفوار", ru: "Кот-д'Ивуар"},
	"CL": {ar: "شيلي"},
	"CV": {ar: "كابو فيردي", en: "Cabo Verde", fr: "Cabo Verde"},
	"CX": {ar: "جزيرة عيد الميلاد", es: "Isla Christmas", ru: "остров Рождества"},
	"CZ": {ar: "تشيكيا"},
	"DJ": {es: "Djibouti"},
	"DO": {ar: "الجمهورية الدومينيكية", zh: "多米尼加"},
	"EC": {ar: "إكوادور"},
	"FJ": {es: "Fiji"},
	"FK": {ar: "جزر فوكلاند (مالفيناس)", en: "Falkland Islands (Malvinas)", es: "Islas Malvinas (Falkland)", fr: "Îles Falkland (Malvinas)", ru: "Фолклендские (Мальвинские) острова", zh: "福克兰群岛（马尔维纳斯）"},
	"FM": {ar: "ميكرونيزيا (ولايات - الموحدة)", en: "Micronesia (Federated States of)", es: "Micronesia (Estados Federados de)", fr: "Micronésie (États fédérés de)", ru: "Микронезия (Федеративные Штаты)", zh: "密克罗尼西亚联邦"},
	"FO": {ar: "جزر فايرو", ru: "Фарерские острова"},
	"GA": {ar: "غابون"},
	"GB": {ar: "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية", en: "United Kingdom of Great Britain and Northern Ireland", es: "Reino Unido de Gran Bretaña e Irlanda del Norte", fr: "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", ru: "Соединенное Королевство Великобритании и Северной Ирландии", zh: "大不列颠及北爱尔兰联合王国"},
	"GF": {ar: "غيانا الفرنسية"},
	"GG": {ar: "غيرنسي", zh: "格恩西"},
	"GL": {ar: "غرينلند"},
	"GW": {ar: "غينيا - بيساو", es: "Guinea-Bissau"},
	"HK": {ar: "الصين، منطقة هونغ كونغ الإدارية الخاصة", en: "China, Hong Kong Special Administrative Region", es: "China, región administrativa especial de Hong Kong", fr: "Chine, région administrative spéciale de Hong Kong", ru: "Китай, Специальный административный район Гонконг"},
	"IE": {ar: "آيرلندا"},
	"IM": {ru: "Остров Мэн"},
	"IQ": {es: "Iraq", fr: "Iraq"},
	"IR": {ar: "إيران (جمهورية - الإسلامية)", en: "Iran (Islamic Republic of)", es: "Irán (República Islámica del)", fr: "Iran (République islamique d’)", ru: "Иран (Исламская Республика)", zh: "伊朗伊斯兰共和国"},
	"JE": {zh: "泽西"},
	"KE": {es: "Kenya"},
	"KG": {ru: "Кыргызстан"},
	"KI": {ar: "كيريباس"},
	"KM": {ru: "Коморские Острова"},
	"KN": {ar: "سانت كيتس ونيفس", en: "Saint Kitts and Nevis", es: "Saint Kitts y Nevis", fr: "Saint-Kitts-et-Nevis"},
	"KP": {ar: "جمهورية كوريا الشعبية الديمقراطية", en: "Democratic People's Republic of Korea", es: "República Popular Democrática de Corea", fr: "République populaire démocratique de Corée", ru: "Корейская Народно-Демократическая Республика", zh: "朝鲜民主主义人民共和国"},
	"KR": {ar: "جمهورية كوريا", en: "Republic of Korea", es: "República de Corea", fr: "République de Corée", zh: "大韩民国"},
	"KY": {fr: "Îles Caïmanes", ru: "Каймановы острова"},
	"KZ": {es: "Kazajstán"},
	"LA": {ar: "جمهورية لاو الديمقراطية الشعبية", en: "Lao People's Democratic Republic", es: "República Democrática Popular Lao", fr: "République démocratique populaire lao", ru: "Лаосская Народно-Демократическая Республика", zh: "老挝人民民主共和国"},
	"LC": {en: "Saint Lucia"},
	"LK": {ar: "سري لانكا"},
	"LR": {ar: "ليبريا"},
	"LS": {es: "Lesotho"},
	"LU": {ar: "لكسمبرغ"},
	"MD": {ar: "جمهورية مولدوفا", en: "Republic of Moldova", es: "República de Moldova", fr: "République de Moldova", ru: "Республика Молдова", zh: "摩尔多瓦共和国"},
	"MF": {ar: "سانت مارتن (الجزء الفرنسي)", en: "Saint Martin (French Part)", es: "San Martín (parte francesa)", fr: "Saint-Martin (partie française)", ru: "Сен-Мартен (французская часть)", zh: "圣马丁（法属）"},
	"MK": {ar: "مقدونيا الشمالية", en: "North Macedonia", es: "Macedonia del Norte", fr: "Macédoine du Nord", ru: "Северная Македония", zh: "北马其顿"},
	"ML": {es: "Malí"},
	"MM": {ar: "ميانمار", en: "Myanmar", es: "Myanmar", fr: "Myanmar", ru: "Мьянма"},
	"MO": {ar: "الصين، منطقة ماكاو الإدارية الخاصة", en: "China, Macao Special Administrative Region", es: "China, región administrativa especial de Macao", fr: "Chine, région administrative spéciale de Macao", ru: "Китай, Специальный административный район Макао"},
	"MP": {es: "Islas Marianas Septentrionales", ru: "Северные Марианские острова"},
	"MQ": {ar: "مارتينيك"},
	"MS": {ar: "مونتسيرات"},
	"MT": {ar: "مالطة"},
	"MV": {ar: "ملديف", ru: "Мальдивские Острова"},
	"MW": {es: "Malawi"},
	"MZ": {ar: "موزامبيق"},
	"NF": {ru: "Остров Норфолк"},
	"NL": {en: "Netherlands (Kingdom of the)", es: "Países Bajos (Reino de los)", fr: "Pays-Bas (Royaume des)", ru: "Нидерланды (Королевство)"},
	"NU": {fr: "Nioué"},
	"NZ": {es: "Nueva Zelandia"},
	"OM": {ar: "عمان"},
	"PG": {es: "Papua Nueva Guinea", ru: "Папуа-Новая Гвинея"},
	"PM": {ar: "سان بيير وميكلون", en: "Saint Pierre and Miquelon", zh: "圣皮埃尔和密克隆"},
	"PN": {ar: "بيتكرن", en: "Pitcairn", es: "Pitcairn", fr: "Pitcairn", ru: "Питкэрн", zh: "皮特凯恩"},
	"PS": {ar: "دولة فلسطين", en: "State of Palestine", es: "Estado de Palestina", fr: "État de Palestine", ru: "Государство Палестина", zh: "巴勒斯坦国"},
	"PW": {es: "Palau"},
	"QA": {es: "Qatar"},
	"RE": {ar: "ريونيون", fr: "Réunion"},
	"RO": {es: "Rumania"},
	"RU": {ar: "الاتحاد الروسي", en: "Russian Federation", es: "Federación de Rusia", fr: "Fédération de Russie", ru: "Российская Федерация", zh: "俄罗斯联邦"},
	"RW": {es: "Rwanda"},
	"SA": {es: "Arabia Saudita"},
	"SC": {ar: "سيشيل"},
	"SH": {ar: "سانت هيلانة", en: "Saint Helena", ru: "Остров Святой Елены"},
	"SJ": {ar: "جزيرتي سفالبارد وجان مايِن", en: "Svalbard and Jan Mayen Islands", es: "Islas Svalbard y Jan Mayen", fr: "Îles Svalbard-et-Jan Mayen", ru: "Острова Свальбард и Ян-Майен", zh: "斯瓦尔巴群岛和扬马延岛"},
	"SR": {es: "Suriname"},
	"ST": {ar: "سان تومي وبرينسيبي", en: "Sao Tome and Principe"},
	"SV": {fr: "El Salvador"},
	"SX": {ar: "سانت مارتن (الجزء الهولندي)", en: "Sint Maarten (Dutch part)", es: "San Martín (parte Holandesa)", ru: "Синт-Мартен (нидерландская часть)", zh: "圣马丁（荷属）"},
	"SY": {ar: "الجمهورية العربية السورية", en: "Syrian Arab Republic", es: "República Árabe Siria", fr: "République arabe syrienne", ru: "Сирийская Арабская Республика", zh: "阿拉伯叙利亚共和国"},
	"SZ": {ar: "إسواتيني", en: "Eswatini", es: "Eswatini", fr: "Eswatini", ru: "Эсватини"},
	"TC": {ar: "جزر تركس وكايكوس", en: "Turks and Caicos Islands", ru: "Острова Теркс и Кайкос"},
	"TH": {ar: "تايلند"},
	"TK": {ar: "توكيلاو"},
	"TL": {ar: "تيمور - ليشتي", fr: "Timor-Leste", ru: "Тимор-Лешти"},
	"TR": {en: "Türkiye", es: "Türkiye", fr: "Türkiye"},
	"TT": {en: "Trinidad and Tobago", es: "Trinidad y Tabago"},
	"TZ": {ar: "جمهورية تنزانيا المتحدة", en: "United Republic of Tanzania", es: "República Unida de Tanzanía", fr: "République-Unie de Tanzanie", ru: "Объединенная Республика Танзания", zh: "坦桑尼亚联合共和国"},
	"US": {ar: "الولايات المتحدة الأمريكية", en: "United States of America", es: "Estados Unidos de América", fr: "États-Unis d’Amérique", ru: "Соединенные Штаты Америки", zh: "美利坚合众国"},
	"UY": {ar: "أوروغواي"},
	"VA": {ar: "الكرسي الرسولي", en: "Holy See", es: "Santa Sede", fr: "Saint-Siège", ru: "Святой Престол", zh: "教廷"},
	"VC": {en: "Saint Vincent and the Grenadines", fr: "Saint-Vincent-et-les Grenadines"},
	"VE": {ar: "فنزويلا (جمهورية - البوليفارية)", en: "Venezuela (Bolivarian Republic of)", es: "Venezuela (República Bolivariana de)", fr: "Venezuela (République bolivarienne du)", ru: "Венесуэла (Боливарианская Республика)", zh: "委内瑞拉玻利瓦尔共和国"},
	"VG": {ar: "جزر فرجن البريطانية", ru: "Британские Виргинские острова"},
	"VI": {ar: "جزر فرجن التابعة للولايات المتحدة", en: "United States Virgin Islands", es: "Islas Vírgenes de los Estados Unidos", fr: "Îles Vierges américaines", ru: "Виргинские острова Соединенных Штатов"},
	"VN": {ar: "فييت نام", en: "Viet Nam", es: "Viet Nam", fr: "Viet Nam"},
	"WF": {ar: "جزر واليس وفوتونا", en: "Wallis and Futuna Islands", es: "Islas Wallis y Futuna", fr: "Îles Wallis-et-Futuna", ru: "Острова Уоллис и Футуна", zh: "瓦利斯群岛和富图纳群岛"},
	"YT": {ru: "Остров Майотта"},
	"ZA": {ru: "Южная Африка"},
	"ZW": {ar: "زمبابوي", es: "Zimbabwe"},
}

// langNames is a name in each of the app's languages ("" = not given).
type langNames struct{ ar, en, es, fr, pt, ru, zh string }

// forLang picks the field for a base language, "" when none.
func (n langNames) forLang(base string) string {
	switch base {
	case "ar":
		return n.ar
	case "en":
		return n.en
	case "es":
		return n.es
	case "fr":
		return n.fr
	case "pt":
		return n.pt
	case "ru":
		return n.ru
	case "zh":
		return n.zh
	}
	return ""
}

// ptNames corrects CLDR's Brazilian Portuguese (the UN has no Portuguese
// names) where x/text's CLDR predates a renaming or departs from UN
// practice: North Macedonia (2019), Eswatini (2018), the Kingdom of the
// Netherlands rather than "Holanda", the State of Palestine, the Holy See
// and the two Koreas and Congos as the UN names them (not "Coreia do Sul",
// "Congo - Kinshasa"), Myanmar without "(Birmânia)", and the SARs named as
// parts of China as M49 does.
var ptNames = map[string]string{
	"CD": "República Democrática do Congo",
	"CG": "Congo",
	"KP": "República Popular Democrática da Coreia",
	"KR": "República da Coreia",
	"MM": "Mianmar",
	"HK": "China, Região Administrativa Especial de Hong Kong",
	"MK": "Macedônia do Norte",
	"MO": "China, Região Administrativa Especial de Macau",
	"NL": "Países Baixos (Reino dos)",
	"PS": "Estado da Palestina",
	"SZ": "Essuatíni",
	"VA": "Santa Sé",
}

// notListed are ISO 3166-1 codes the UN M49 has no entry for, or that no
// participant can come from, so they are not offered. Each is kept out for
// one stated reason:
//   - TW: UN M49 has no entry for Taiwan (General Assembly resolution 2758
//     (XXVI)); UN statistics name it "Taiwan Province of China" where it
//     appears at all. Participants from there choose China.
//   - AQ, BV, GS, HM, IO, TF, UM: no permanent population (only research,
//     weather or military stations), so no participant comes "from" them.
//     Of the remote territories that CLDR files under "Outlying Oceania",
//     only CC and CX are inhabited; they are kept in M49's region.
var notListed = map[string]bool{
	"TW": true,
	"AQ": true, "BV": true, "GS": true, "HM": true, "IO": true, "TF": true, "UM": true,
}
