package country

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestNamesAsTheUNWritesThem is what a reader sees in the country list: the
// UN's name in each of the six official languages (M49 / UNTERM), and
// CLDR's Brazilian Portuguese with the package's corrections.
func TestNamesAsTheUNWritesThem(t *testing.T) {
	d := New()
	tests := []struct{ code, ar, en, es, fr, pt, ru, zh string }{
		{"BO", "بوليفيا (دولة - المتعددة القوميات)", "Bolivia (Plurinational State of)", "Bolivia (Estado Plurinacional de)", "Bolivie (État plurinational de)", "Bolívia", "Боливия (Многонациональное Государство)", "多民族玻利维亚国"},
		{"VE", "فنزويلا (جمهورية - البوليفارية)", "Venezuela (Bolivarian Republic of)", "Venezuela (República Bolivariana de)", "Venezuela (République bolivarienne du)", "Venezuela", "Венесуэла (Боливарианская Республика)", "委内瑞拉玻利瓦尔共和国"},
		{"IR", "إيران (جمهورية - الإسلامية)", "Iran (Islamic Republic of)", "Irán (República Islámica del)", "Iran (République islamique d’)", "Irã", "Иран (Исламская Республика)", "伊朗伊斯兰共和国"},
		{"KR", "جمهورية كوريا", "Republic of Korea", "República de Corea", "République de Corée", "República da Coreia", "Республика Корея", "大韩民国"},
		{"KP", "جمهورية كوريا الشعبية الديمقراطية", "Democratic People's Republic of Korea", "República Popular Democrática de Corea", "République populaire démocratique de Corée", "República Popular Democrática da Coreia", "Корейская Народно-Демократическая Республика", "朝鲜民主主义人民共和国"},
		{"MD", "جمهورية مولدوفا", "Republic of Moldova", "República de Moldova", "République de Moldova", "Moldávia", "Республика Молдова", "摩尔多瓦共和国"},
		{"LA", "جمهورية لاو الديمقراطية الشعبية", "Lao People's Democratic Republic", "República Democrática Popular Lao", "République démocratique populaire lao", "Laos", "Лаосская Народно-Демократическая Республика", "老挝人民民主共和国"},
		{"SY", "الجمهورية العربية السورية", "Syrian Arab Republic", "República Árabe Siria", "République arabe syrienne", "Síria", "Сирийская Арабская Республика", "阿拉伯叙利亚共和国"},
		{"TZ", "جمهورية تنزانيا المتحدة", "United Republic of Tanzania", "República Unida de Tanzanía", "République-Unie de Tanzanie", "Tanzânia", "Объединенная Республика Танзания", "坦桑尼亚联合共和国"},
		{"GB", "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية", "United Kingdom of Great Britain and Northern Ireland", "Reino Unido de Gran Bretaña e Irlanda del Norte", "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Reino Unido", "Соединенное Королевство Великобритании и Северной Ирландии", "大不列颠及北爱尔兰联合王国"},
		{"US", "الولايات المتحدة الأمريكية", "United States of America", "Estados Unidos de América", "États-Unis d’Amérique", "Estados Unidos", "Соединенные Штаты Америки", "美利坚合众国"},
		{"FM", "ميكرونيزيا (ولايات - الموحدة)", "Micronesia (Federated States of)", "Micronesia (Estados Federados de)", "Micronésie (États fédérés de)", "Micronésia", "Микронезия (Федеративные Штаты)", "密克罗尼西亚联邦"},
		{"NL", "هولندا", "Netherlands (Kingdom of the)", "Países Bajos (Reino de los)", "Pays-Bas (Royaume des)", "Países Baixos (Reino dos)", "Нидерланды (Королевство)", "荷兰"},
		{"CI", "كوت ديفوار", "Côte d’Ivoire", "Côte d’Ivoire", "Côte d’Ivoire", "Costa do Marfim", "Кот-д'Ивуар", "科特迪瓦"},
		{"CZ", "تشيكيا", "Czechia", "Chequia", "Tchéquie", "Tchéquia", "Чехия", "捷克"},
		{"BN", "بروني دار السلام", "Brunei Darussalam", "Brunei Darussalam", "Brunéi Darussalam", "Brunei", "Бруней-Даруссалам", "文莱达鲁萨兰国"},
		{"CD", "جمهورية الكونغو الديمقراطية", "Democratic Republic of the Congo", "República Democrática del Congo", "République démocratique du Congo", "República Democrática do Congo", "Демократическая Республика Конго", "刚果民主共和国"},
		{"CG", "الكونغو", "Congo", "Congo", "Congo", "Congo", "Конго", "刚果"},
		{"TR", "تركيا", "Türkiye", "Türkiye", "Türkiye", "Turquia", "Турция", "土耳其"},
		{"MK", "مقدونيا الشمالية", "North Macedonia", "Macedonia del Norte", "Macédoine du Nord", "Macedônia do Norte", "Северная Македония", "北马其顿"},
		{"SZ", "إسواتيني", "Eswatini", "Eswatini", "Eswatini", "Essuatíni", "Эсватини", "斯威士兰"},
		{"RU", "الاتحاد الروسي", "Russian Federation", "Federación de Rusia", "Fédération de Russie", "Rússia", "Российская Федерация", "俄罗斯联邦"},
		{"VN", "فييت نام", "Viet Nam", "Viet Nam", "Viet Nam", "Vietnã", "Вьетнам", "越南"},
		{"CV", "كابو فيردي", "Cabo Verde", "Cabo Verde", "Cabo Verde", "Cabo Verde", "Кабо-Верде", "佛得角"},
		{"VA", "الكرسي الرسولي", "Holy See", "Santa Sede", "Saint-Siège", "Santa Sé", "Святой Престол", "教廷"},
		{"PS", "دولة فلسطين", "State of Palestine", "Estado de Palestina", "État de Palestine", "Estado da Palestina", "Государство Палестина", "巴勒斯坦国"},
		{"HK", "الصين، منطقة هونغ كونغ الإدارية الخاصة", "China, Hong Kong Special Administrative Region", "China, región administrativa especial de Hong Kong", "Chine, région administrative spéciale de Hong Kong", "China, Região Administrativa Especial de Hong Kong", "Китай, Специальный административный район Гонконг", "中国香港特别行政区"},
		{"MO", "الصين، منطقة ماكاو الإدارية الخاصة", "China, Macao Special Administrative Region", "China, región administrativa especial de Macao", "Chine, région administrative spéciale de Macao", "China, Região Administrativa Especial de Macau", "Китай, Специальный административный район Макао", "中国澳门特别行政区"},
		{"FK", "جزر فوكلاند (مالفيناس)", "Falkland Islands (Malvinas)", "Islas Malvinas (Falkland)", "Îles Falkland (Malvinas)", "Ilhas Malvinas", "Фолклендские (Мальвинские) острова", "福克兰群岛（马尔维纳斯）"},
		{"BR", "البرازيل", "Brazil", "Brasil", "Brésil", "Brasil", "Бразилия", "巴西"},
		{"KG", "قيرغيزستان", "Kyrgyzstan", "Kirguistán", "Kirghizistan", "Quirguistão", "Кыргызстан", "吉尔吉斯斯坦"},
		{"MM", "ميانمار", "Myanmar", "Myanmar", "Myanmar", "Mianmar", "Мьянма", "缅甸"},
	}
	for _, tt := range tests {
		want := map[string]string{"ar": tt.ar, "en": tt.en, "es": tt.es, "fr": tt.fr, "pt": tt.pt, "ru": tt.ru, "zh": tt.zh}
		for lang, w := range want {
			if got := d.Name(tt.code, lang); got != w {
				t.Errorf("Name(%s, %s) = %q, want %q", tt.code, lang, got, w)
			}
		}
	}
}

// TestUNNamesMatchM49 checks every listed code against the whole M49
// table in all six UN languages, and that the directory lists exactly the
// countries and areas of that table.
func TestUNNamesMatchM49(t *testing.T) {
	d := New()
	langs := []string{"ar", "zh", "en", "es", "fr", "ru"} // the file's column order
	rows := readM49Names(t)
	var codes []string
	for _, row := range rows {
		codes = append(codes, row[0])
		for i, lang := range langs {
			if got := d.Name(row[0], lang); got != row[i+1] {
				t.Errorf("Name(%s, %s) = %q, M49 says %q", row[0], lang, got, row[i+1])
			}
		}
	}
	if !slices.Equal(codes, d.Codes()) {
		t.Errorf("listed codes differ from M49's:\n got %v\nwant %v", d.Codes(), codes)
	}
}

func readM49Names(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open("testdata/m49_names.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestNotListed: Taiwan (no M49 entry) and the uninhabited territories are
// not offered, in any language, and their codes are shown as they are.
func TestNotListed(t *testing.T) {
	d := New()
	for _, code := range []string{"TW", "AQ", "BV", "GS", "HM", "IO", "TF", "UM", "XK"} {
		if d.Valid(code) {
			t.Errorf("Valid(%s) = true", code)
		}
		if got := d.Name(code, "en"); got != code {
			t.Errorf("Name(%s) = %q, want the code", code, got)
		}
	}
	for _, lang := range precomputed {
		for _, o := range d.Options(lang) {
			if strings.Contains(o.Name, "Taiwan") || strings.Contains(o.Name, "台湾") || o.Name == "Antarctica" {
				t.Errorf("Options(%s) offers %q", lang, o.Name)
			}
		}
	}
}

// TestTraditionalChineseKeepsCLDR: the UN's Chinese names are simplified,
// so a zh-Hant reader gets CLDR's traditional names, not a mix.
func TestTraditionalChineseKeepsCLDR(t *testing.T) {
	d := New()
	if got := d.Name("TZ", "zh-Hant"); got == "坦桑尼亚联合共和国" || got == "TZ" {
		t.Errorf("Name(TZ, zh-Hant) = %q", got)
	}
	if got := d.Name("TZ", "zh-CN"); got != "坦桑尼亚联合共和国" {
		t.Errorf("Name(TZ, zh-CN) = %q", got)
	}
}
