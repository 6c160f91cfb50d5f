package demo

// The Santiago consultation in French and Portuguese (as written in
// Brazil), translated from the concept note, and its title in the other
// UN languages. The terms follow UN usage: SMSI / CMSI, CSTD / CCTD,
// CEPALC / CEPAL.

var questionsFR = [...]string{
	`Dans quelle mesure et de quelle manière la vision d’une « société de l’information à dimension humaine, inclusive et privilégiant le développement » a-t-elle évolué au cours des 20 années écoulées depuis le SMSI ?`,
	`Quelle sera l’incidence des tendances actuelles et des technologies émergentes, en particulier l’IA, sur les progrès vers le développement humain et les objectifs de développement durable (ODD) ? En outre, comment ces tendances peuvent-elles favoriser ou entraver la réalisation de la vision du SMSI ?`,
	`Quelles mesures faudrait-il prendre pour faire progresser la coopération internationale, y compris en matière de gouvernance, afin de mettre les technologies émergentes au service du développement durable dans ses dimensions économique, sociale, environnementale et culturelle ?`,
	`Comment les processus et forums issus du SMSI (par exemple le FGI et le Forum du SMSI) peuvent-ils soutenir la contribution de toutes les parties prenantes à la mise en œuvre du Pacte ?`,
}

var questionsPT = [...]string{
	`Em que medida e de que forma a visão de uma “sociedade da informação centrada nas pessoas, inclusiva e orientada para o desenvolvimento” evoluiu nos 20 anos que se passaram desde a CMSI?`,
	`Como as tendências atuais e as tecnologias emergentes, em especial a IA, vão afetar o progresso rumo ao desenvolvimento humano e aos Objetivos de Desenvolvimento Sustentável (ODS)? Além disso, como essas tendências podem favorecer ou dificultar a realização da visão da CMSI?`,
	`Que medidas devem ser adotadas para avançar a cooperação internacional, inclusive em matéria de governança, a fim de aproveitar as tecnologias emergentes para o desenvolvimento sustentável em suas dimensões econômica, social, ambiental e cultural?`,
	`Como os processos e fóruns originados da CMSI (por exemplo, o IGF e o Fórum da CMSI) podem apoiar a contribuição de todas as partes interessadas para a implementação do Pacto?`,
}

// lacTitles are the consultation's title in the languages that have no
// full translation of it.
var lacTitles = map[string]string{
	"ar": "القمة العالمية لمجتمع المعلومات بعد 20 عامًا: النجاحات والإخفاقات والتوقعات",
	"ru": "ВВУИО 20 лет спустя: успехи, неудачи и ожидания",
	"zh": "信息社会世界峰会二十周年：成功、失败与期望",
}

// lacPlaces are the place in those languages.
var lacPlaces = map[string]string{"ar": "سانتياغو، شيلي", "ru": "Сантьяго, Чили", "zh": "智利圣地亚哥"}

const lacBackgroundFR = `Dans sa résolution A/70/125, adoptée le 16 décembre 2015, l’Assemblée générale des Nations Unies a décidé qu’une réunion de haut niveau serait convoquée en 2025 pour procéder à un examen d’ensemble de la mise en œuvre des textes issus du Sommet mondial sur la société de l’information (SMSI), appelé examen SMSI+20.

La vision du SMSI est d’édifier une « société de l’information à dimension humaine, inclusive et privilégiant le développement », qui exploite le potentiel des technologies de l’information et de la communication au service du développement durable. Avec l’omniprésence croissante des TIC et leur évolution rapide vers les technologies numériques, la société de l’information d’aujourd’hui diffère profondément de celle qu’on envisageait en 2005. La vision du SMSI reste pourtant très pertinente. Des changements technologiques rapides et de plus en plus imprévisibles fondés sur les TIC exigent des parties prenantes une plus grande agilité au service du développement durable, notamment la capacité de remédier rapidement aux conséquences non voulues, telles que l’aggravation des inégalités et les atteintes aux droits de l’homme, tout en saisissant les nouvelles possibilités qu’ouvrent ces changements.

Depuis 2006, la Commission de la science et de la technique au service du développement (CSTD) s’acquitte de son mandat de suivi de la mise en œuvre des textes issus du SMSI : elle établit des rapports annuels à l’intention du Secrétaire général de l’Organisation des Nations Unies et a contribué à l’examen SMSI+10 mené par l’Assemblée générale en 2015.

Pour l’examen SMSI+20, le Conseil économique et social (ECOSOC) a adopté en juin 2023 la résolution E/RES/2023/3. Il y prie la Commission de la science et de la technique au service du développement (CSTD) de recueillir les contributions des États Membres, de tous les facilitateurs et des autres parties prenantes, d’organiser, à ses vingt-septième (2024) et vingt-huitième (2025) sessions, des débats de fond sur les progrès accomplis dans la mise en œuvre des textes issus du Sommet au cours des 20 dernières années, et de faire rapport à ce sujet à l’Assemblée générale par l’intermédiaire du Conseil économique et social.

La participation de multiples parties prenantes au moyen de consultations ouvertes est une composante essentielle du processus d’examen SMSI+20. De la fin de 2023 à la fin de 2024, le secrétariat de la CSTD a mené ces consultations aux niveaux mondial et régional, en partenariat avec l’UIT, l’UNESCO et le PNUD et en collaboration avec les commissions économiques régionales de l’ONU. Elles réunissent des gouvernements, des représentants du secteur privé, des organisations de la société civile, les milieux techniques et universitaires qui œuvrent au développement des TIC et des organisations internationales. Le processus de consultation a débuté au dix-huitième Forum sur la gouvernance d’Internet à Kyoto (Japon), puis s’est poursuivi par des sessions lors de l’eWeek de la CNUCED (décembre 2023), de la Conférence consultative arabe et des réunions d’experts sur l’examen SMSI+20 et les processus du Pacte numérique mondial à Dubaï (mai 2024), du Dialogue européen sur la gouvernance de l’Internet (EuroDIG) 2024 et de la Conférence Asie-Pacifique 2024 sur l’inclusion et la transformation numériques à Astana (septembre 2024), ainsi que lors de la consultation de la région Afrique à Dar es Salaam (octobre 2024).

La consultation pour l’Amérique latine et les Caraïbes, cinquième consultation régionale de la CSTD, se tiendra à la suite de la neuvième Conférence ministérielle sur la société de l’information en Amérique latine et dans les Caraïbes organisée par la CEPALC les 7 et 8 novembre 2024. Elle s’appuie sur la coordination par la CEPALC de l’Agenda numérique pour l’Amérique latine et les Caraïbes (eLAC), processus né comme la contribution régionale au SMSI en 2003-2005.`

const lacObjectivesFR = `Les débats ont pour objectif de favoriser un dialogue approfondi entre les parties prenantes de la région sur la mise en œuvre de la vision et des textes issus du SMSI. Ils apporteront aussi de précieuses contributions au rapport de synthèse du secrétariat de la CSTD, qui éclairera le débat de fond de la CSTD sur l’examen SMSI+20 demandé par l’ECOSOC. La réunion portera sur les thèmes suivants :`

const lacBackgroundPT = `A resolução A/70/125 da Assembleia Geral das Nações Unidas, adotada em 16 de dezembro de 2015, estabeleceu que em 2025 seria convocada uma reunião de alto nível para fazer uma revisão abrangente da implementação dos resultados da Cúpula Mundial sobre a Sociedade da Informação (CMSI), conhecida como a revisão CMSI+20.

A visão da CMSI é construir uma “sociedade da informação centrada nas pessoas, inclusiva e orientada para o desenvolvimento”, que aproveite o potencial das tecnologias da informação e comunicação para o desenvolvimento sustentável. Com a presença cada vez maior das TIC e sua rápida evolução para as tecnologias digitais, a sociedade da informação de hoje é muito diferente da que se imaginava em 2005. Ainda assim, a visão da CMSI continua muito relevante. Mudanças tecnológicas baseadas nas TIC, rápidas e cada vez mais imprevisíveis, exigem mais agilidade das partes interessadas em favor do desenvolvimento sustentável, inclusive a capacidade de enfrentar com rapidez consequências indesejadas, como o aumento da desigualdade e as violações de direitos humanos, aproveitando ao mesmo tempo as novas oportunidades que essas mudanças trazem.

Desde 2006, a Comissão de Ciência e Tecnologia para o Desenvolvimento (CCTD) cumpre seu mandato de acompanhar a implementação dos resultados da CMSI: elabora relatórios anuais para o Secretário-Geral das Nações Unidas e contribuiu para a revisão CMSI+10 realizada pela Assembleia Geral em 2015.

Para a revisão CMSI+20, o Conselho Econômico e Social (ECOSOC) adotou em junho de 2023 a resolução E/RES/2023/3. Nela, pede à Comissão de Ciência e Tecnologia para o Desenvolvimento (CCTD) que reúna contribuições dos Estados-Membros, de todos os facilitadores e de outras partes interessadas, que organize, em suas 27ª (2024) e 28ª (2025) sessões, debates substantivos sobre o progresso alcançado na implementação dos resultados da Cúpula Mundial nos últimos 20 anos e que informe a respeito à Assembleia Geral, por meio do Conselho Econômico e Social.

A participação de múltiplas partes interessadas por meio de consultas abertas é um componente fundamental do processo de revisão CMSI+20. Do fim de 2023 ao fim de 2024, o secretariado da CCTD vem realizando essas consultas nos níveis global e regional, em parceria com a UIT, a UNESCO e o PNUD e em conjunto com as comissões econômicas regionais da ONU. As consultas reúnem governos, representantes do setor privado, organizações da sociedade civil, comunidades técnica e acadêmica envolvidas no desenvolvimento das TIC e organizações internacionais. O processo de consultas começou no 18º Fórum de Governança da Internet, em Quioto (Japão), e prosseguiu com sessões durante a eWeek da UNCTAD (dezembro de 2023), a Conferência Consultiva Árabe e Reuniões de Especialistas sobre a Revisão CMSI+20 e os Processos do Pacto Digital Global, em Dubai (maio de 2024), o Diálogo Europeu sobre Governança da Internet (EuroDIG) 2024 e a Conferência Ásia-Pacífico 2024 sobre Inclusão e Transformação Digital, em Astana (setembro de 2024), além da consulta na região da África, em Dar es Salaam (outubro de 2024).

A consulta na América Latina e no Caribe, a quinta consulta regional da CCTD, será realizada após a Nona Conferência Ministerial sobre a Sociedade da Informação da América Latina e do Caribe da CEPAL, nos dias 7 e 8 de novembro de 2024. Ela se apoia na coordenação, pela CEPAL, da Agenda Digital para a América Latina e o Caribe (eLAC), um processo que nasceu como a contribuição regional para a CMSI em 2003-2005.`

const lacObjectivesPT = `O objetivo dos debates é promover um diálogo aprofundado entre as partes interessadas da região sobre a implementação da visão e dos resultados da CMSI. Os debates também trarão contribuições valiosas para o relatório de síntese do secretariado da CCTD, que vai subsidiar o debate substantivo da CCTD sobre a revisão CMSI+20 solicitado pelo ECOSOC. O evento vai tratar dos seguintes temas:`

const (
	lacRemarksFR = "S. E. M. Muhammadou M. O. Kah, Ambassadeur, Représentant permanent de la Gambie à Genève (Suisse) et Président de la vingt-huitième session de la CSTD, prononcera l’allocution d’ouverture."
	lacRemarksPT = "S. Exa. o Sr. Muhammadou M. O. Kah, Embaixador da Missão Permanente da Gâmbia em Genebra (Suíça) e Presidente da 28ª sessão da CCTD, fará o discurso de abertura."
)

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

var monthsPT = [...]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
	"agosto", "setembro", "outubro", "novembro", "dezembro"}
