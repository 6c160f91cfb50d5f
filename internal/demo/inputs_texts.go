package demo

// inputThemes are the themes the illustrative inputs return to, in every
// language, so that the archive, its search and a synthesis find the same
// ideas written in several: for each language, a finding and a
// recommendation.
var inputThemes = []struct {
	name  string
	texts map[string][2]string
}{
	{"connectivity", map[string][2]string{
		"en": {"Meaningful connectivity is still out of reach for a third of humanity, above all in rural areas and for women.", "The review should set targets for affordable, meaningful connectivity, measured by what households can use, not by coverage maps."},
		"es": {"La conectividad significativa sigue fuera del alcance de un tercio de la humanidad, sobre todo en las zonas rurales y para las mujeres.", "El examen debería fijar metas de conectividad significativa y asequible, medidas por lo que los hogares pueden usar y no por los mapas de cobertura."},
		"fr": {"La connectivité significative reste hors de portée d'un tiers de l'humanité, surtout dans les zones rurales et pour les femmes.", "L'examen devrait fixer des objectifs de connectivité significative et abordable, mesurés par l'usage réel des ménages et non par les cartes de couverture."},
		"pt": {"A conectividade significativa continua fora do alcance de um terço da humanidade, sobretudo nas zonas rurais e para as mulheres.", "A revisão deveria fixar metas de conectividade significativa e acessível, medidas pelo que os domicílios conseguem usar e não por mapas de cobertura."},
		"ar": {"لا يزال الاتصال الهادف بعيد المنال بالنسبة لثلث البشرية، ولا سيما في المناطق الريفية وبالنسبة للنساء.", "ينبغي أن يحدد الاستعراض أهدافاً للاتصال الهادف الميسور التكلفة، تُقاس بما تستطيع الأسر استخدامه فعلاً لا بخرائط التغطية."},
		"ru": {"Значимое подключение по-прежнему недоступно для трети человечества, прежде всего в сельских районах и для женщин.", "Обзору следует установить целевые показатели доступного значимого подключения, измеряемые реальным использованием, а не картами покрытия."},
		"zh": {"三分之一的人类仍然无法获得有意义的连接，农村地区和妇女尤其如此。", "审查应当为可负担、有意义的连接设定目标，以家庭实际使用情况而不是覆盖地图来衡量。"},
	}},
	{"ai", map[string][2]string{
		"en": {"Artificial intelligence is changing labour markets and public services faster than most countries can adapt their rules.", "AI governance should build on the WSIS principles, with capacity building so that developing countries shape the norms and not only receive them."},
		"es": {"La inteligencia artificial transforma los mercados laborales y los servicios públicos más rápido de lo que la mayoría de los países adapta sus normas.", "La gobernanza de la inteligencia artificial debe apoyarse en los principios de la CMSI, con creación de capacidades para que los países en desarrollo definan las normas y no solo las reciban."},
		"fr": {"L'intelligence artificielle transforme les marchés du travail et les services publics plus vite que la plupart des pays n'adaptent leurs règles.", "La gouvernance de l'intelligence artificielle doit s'appuyer sur les principes du SMSI, avec un renforcement des capacités pour que les pays en développement façonnent les normes."},
		"pt": {"A inteligência artificial transforma os mercados de trabalho e os serviços públicos mais depressa do que a maioria dos países adapta as suas regras.", "A governança da inteligência artificial deve assentar nos princípios da CMSI, com capacitação para que os países em desenvolvimento ajudem a definir as normas."},
		"ar": {"يغيّر الذكاء الاصطناعي أسواق العمل والخدمات العامة بوتيرة أسرع مما تستطيع معظم البلدان تكييف قواعدها.", "ينبغي أن تستند حوكمة الذكاء الاصطناعي إلى مبادئ القمة العالمية لمجتمع المعلومات، مع بناء القدرات حتى تشارك البلدان النامية في وضع القواعد."},
		"ru": {"Искусственный интеллект меняет рынки труда и государственные услуги быстрее, чем большинство стран успевает адаптировать свои правила.", "Управление искусственным интеллектом должно опираться на принципы ВВУИО и наращивание потенциала, чтобы развивающиеся страны участвовали в выработке норм."},
		"zh": {"人工智能改变劳动力市场和公共服务的速度，快于大多数国家调整规则的速度。", "人工智能治理应当以信息社会世界峰会的原则为基础，并加强能力建设，使发展中国家参与制定规范。"},
	}},
	{"igf", map[string][2]string{
		"en": {"The Internet Governance Forum has proved its value as the place where all stakeholders meet as equals.", "The IGF should receive a permanent mandate and stable funding, with its national and regional initiatives linked to its outcomes."},
		"es": {"El Foro para la Gobernanza de Internet ha demostrado su valor como el espacio donde todas las partes interesadas se encuentran en pie de igualdad.", "El IGF debería recibir un mandato permanente y una financiación estable, con sus iniciativas nacionales y regionales vinculadas a sus resultados."},
		"fr": {"Le Forum sur la gouvernance de l'Internet a prouvé sa valeur comme lieu où toutes les parties prenantes se rencontrent sur un pied d'égalité.", "Le FGI devrait recevoir un mandat permanent et un financement stable, ses initiatives nationales et régionales étant reliées à ses résultats."},
		"pt": {"O Fórum de Governança da Internet provou o seu valor como o espaço onde todas as partes interessadas se encontram em pé de igualdade.", "O IGF deveria receber um mandato permanente e financiamento estável, com as suas iniciativas nacionais e regionais ligadas aos seus resultados."},
		"ar": {"أثبت منتدى حوكمة الإنترنت قيمته بوصفه المكان الذي يلتقي فيه جميع أصحاب المصلحة على قدم المساواة.", "ينبغي أن يُمنح منتدى حوكمة الإنترنت ولاية دائمة وتمويلاً مستقراً، مع ربط مبادراته الوطنية والإقليمية بنتائجه."},
		"ru": {"Форум по управлению интернетом доказал свою ценность как площадка, где все заинтересованные стороны встречаются на равных.", "ФУИ следует предоставить постоянный мандат и стабильное финансирование, связав его национальные и региональные инициативы с его итогами."},
		"zh": {"互联网治理论坛已经证明了它的价值，是所有利益攸关方平等相聚的地方。", "互联网治理论坛应当获得永久授权和稳定资金，并将其国家和区域倡议与论坛成果联系起来。"},
	}},
	{"data", map[string][2]string{
		"en": {"Data governance is fragmented: cross-border data flows, privacy and public data are governed in separate places.", "The review should call for interoperable data governance frameworks that protect privacy and human rights while letting data serve development."},
		"es": {"La gobernanza de datos está fragmentada: los flujos transfronterizos, la privacidad y los datos públicos se rigen en espacios separados.", "El examen debería pedir marcos interoperables de gobernanza de datos que protejan la privacidad y los derechos humanos y permitan que los datos sirvan al desarrollo."},
		"fr": {"La gouvernance des données est fragmentée : flux transfrontières, vie privée et données publiques sont régis en des lieux distincts.", "L'examen devrait appeler à des cadres interopérables de gouvernance des données qui protègent la vie privée et les droits humains tout en mettant les données au service du développement."},
		"pt": {"A governança de dados está fragmentada: os fluxos transfronteiriços, a privacidade e os dados públicos são regidos em espaços separados.", "A revisão deveria pedir quadros interoperáveis de governança de dados que protejam a privacidade e os direitos humanos e deixem os dados servir o desenvolvimento."},
		"ar": {"حوكمة البيانات مجزأة: فتدفقات البيانات عبر الحدود والخصوصية والبيانات العامة تُنظَّم في أماكن منفصلة.", "ينبغي أن يدعو الاستعراض إلى أطر متوافقة لحوكمة البيانات تحمي الخصوصية وحقوق الإنسان وتتيح للبيانات أن تخدم التنمية."},
		"ru": {"Управление данными раздроблено: трансграничные потоки данных, конфиденциальность и открытые данные регулируются в разных местах.", "Обзору следует призвать к совместимым системам управления данными, которые защищают конфиденциальность и права человека и позволяют данным служить развитию."},
		"zh": {"数据治理是碎片化的：跨境数据流动、隐私和公共数据分别在不同地方治理。", "审查应当呼吁建立可互操作的数据治理框架，在保护隐私和人权的同时让数据服务于发展。"},
	}},
	{"financing", map[string][2]string{
		"en": {"Financing remains the weakest part of the WSIS outcomes: the Digital Solidarity Fund never reached the scale it needed.", "New financing mechanisms should blend public, private and development finance for infrastructure and skills in the least developed countries."},
		"es": {"La financiación sigue siendo la parte más débil de los resultados de la CMSI: el Fondo de Solidaridad Digital nunca alcanzó la escala necesaria.", "Nuevos mecanismos de financiación deberían combinar fondos públicos, privados y de desarrollo para infraestructura y competencias en los países menos adelantados."},
		"fr": {"Le financement reste le point le plus faible des résultats du SMSI : le Fonds de solidarité numérique n'a jamais atteint l'échelle nécessaire.", "De nouveaux mécanismes de financement devraient associer fonds publics, privés et d'aide au développement pour les infrastructures et les compétences dans les pays les moins avancés."},
		"pt": {"O financiamento continua a ser a parte mais fraca dos resultados da CMSI: o Fundo de Solidariedade Digital nunca atingiu a escala necessária.", "Novos mecanismos de financiamento deveriam combinar recursos públicos, privados e de desenvolvimento para infraestrutura e competências nos países menos desenvolvidos."},
		"ar": {"لا يزال التمويل أضعف جوانب نتائج القمة العالمية لمجتمع المعلومات، إذ لم يبلغ صندوق التضامن الرقمي الحجم المطلوب قط.", "ينبغي لآليات التمويل الجديدة أن تجمع بين التمويل العام والخاص والإنمائي للبنية التحتية والمهارات في أقل البلدان نمواً."},
		"ru": {"Финансирование остаётся самым слабым звеном итогов ВВУИО: Фонд цифровой солидарности так и не достиг нужного масштаба.", "Новые механизмы финансирования должны сочетать государственные, частные и средства на цели развития для инфраструктуры и навыков в наименее развитых странах."},
		"zh": {"融资仍是信息社会世界峰会成果中最薄弱的部分：数字团结基金从未达到所需规模。", "新的融资机制应当结合公共、私营和发展资金，用于最不发达国家的基础设施和技能。"},
	}},
	{"inclusion", map[string][2]string{
		"en": {"Digital skills and accessibility decide who benefits: persons with disabilities, older people and indigenous communities are often left out.", "Action lines C4 and C7 should be updated with measurable commitments on digital literacy, accessibility and content in local languages."},
		"es": {"Las competencias digitales y la accesibilidad deciden quién se beneficia: las personas con discapacidad, las personas mayores y los pueblos indígenas suelen quedar excluidos.", "Las líneas de acción C4 y C7 deberían actualizarse con compromisos medibles sobre alfabetización digital, accesibilidad y contenidos en lenguas locales."},
		"fr": {"Les compétences numériques et l'accessibilité déterminent qui en profite : les personnes handicapées, les personnes âgées et les peuples autochtones sont souvent laissés de côté.", "Les grandes orientations C4 et C7 devraient être actualisées avec des engagements mesurables sur la littératie numérique, l'accessibilité et les contenus en langues locales."},
		"pt": {"As competências digitais e a acessibilidade decidem quem beneficia: pessoas com deficiência, pessoas idosas e povos indígenas ficam muitas vezes de fora.", "As linhas de ação C4 e C7 deveriam ser atualizadas com compromissos mensuráveis sobre literacia digital, acessibilidade e conteúdos em línguas locais."},
		"ar": {"تحدد المهارات الرقمية وإمكانية الوصول من يستفيد: فكثيراً ما يُستبعد الأشخاص ذوو الإعاقة وكبار السن والشعوب الأصلية.", "ينبغي تحديث خطي العمل جيم 4 وجيم 7 بالتزامات قابلة للقياس بشأن محو الأمية الرقمية وإمكانية الوصول والمحتوى باللغات المحلية."},
		"ru": {"Цифровые навыки и доступность определяют, кто получает выгоду: люди с инвалидностью, пожилые люди и коренные народы часто остаются в стороне.", "Направления деятельности C4 и C7 следует обновить измеримыми обязательствами по цифровой грамотности, доступности и контенту на местных языках."},
		"zh": {"数字技能和无障碍决定谁能受益：残疾人、老年人和土著社区常常被排除在外。", "应当更新 C4 和 C7 行动方针，就数字素养、无障碍和本地语言内容作出可衡量的承诺。"},
	}},
}

// illustrativeNote is the general comment of every illustrative input, in
// its language: the demo says plainly that they are not real.
var illustrativeNote = map[string]string{
	"en": "Illustrative input generated for the Consulta demonstration; not the view of a real participant.",
	"es": "Contribución ilustrativa generada para la demostración de Consulta; no es la opinión de un participante real.",
	"fr": "Contribution illustrative générée pour la démonstration de Consulta ; ce n'est pas l'avis d'un participant réel.",
	"pt": "Contribuição ilustrativa gerada para a demonstração do Consulta; não é a opinião de um participante real.",
	"ar": "مساهمة توضيحية أُنشئت لعرض Consulta التجريبي، ولا تعبّر عن رأي مشارك حقيقي.",
	"ru": "Иллюстративный материал, созданный для демонстрации Consulta; это не мнение реального участника.",
	"zh": "为 Consulta 演示生成的示例意见，并非真实参与者的观点。",
}
