package demo

import (
	"time"

	"github.com/consulta/consulta/internal/consultation"
)

// The four guiding questions, verbatim from the concept note.
var questionsEN = [...]string{
	`To what extent and how has the vision of a "people-centred, inclusive and development-oriented Information Society" evolved over the past 20 years since WSIS?`,
	`How will ongoing trends and emerging technologies, particularly AI, impact progress towards human development and the Sustainable Development Goals (SDGs)? Moreover, how can these trends enable or hinder the realization of the WSIS vision?`,
	`What measures should be taken to advance international cooperation, including in terms of governance, to leverage emerging technologies for sustainable development in economic, social, environmental, and cultural dimensions?`,
	`How can the processes and forums (e.g., the IGF and WSIS Forum) emanating from the WSIS support the contribution of all stakeholders to Compact implementation?`,
}

var questionsES = [...]string{
	`¿En qué medida y de qué manera ha evolucionado la visión de una «sociedad de la información centrada en la persona, integradora y orientada al desarrollo» en los 20 años transcurridos desde la CMSI?`,
	`¿Cómo influirán las tendencias actuales y las tecnologías emergentes, en particular la IA, en los avances hacia el desarrollo humano y los Objetivos de Desarrollo Sostenible (ODS)? Además, ¿de qué manera pueden estas tendencias favorecer u obstaculizar la realización de la visión de la CMSI?`,
	`¿Qué medidas deberían adoptarse para impulsar la cooperación internacional, también en materia de gobernanza, a fin de aprovechar las tecnologías emergentes para el desarrollo sostenible en sus dimensiones económica, social, ambiental y cultural?`,
	`¿Cómo pueden los procesos y foros derivados de la CMSI (por ejemplo, el FGI y el Foro de la CMSI) apoyar la contribución de todas las partes interesadas a la implementación del Pacto?`,
}

const reviewDescriptionEN = `The WSIS+20 Review is the comprehensive review of the implementation of the outcomes of the World Summit on the Information Society (WSIS), twenty years after the Summit. United Nations General Assembly resolution A/70/125, adopted on 16 December 2015, established that a high-level meeting would be convened in 2025 to conduct it.

The WSIS vision is to establish a "people-centred, inclusive and development-oriented information society" for harnessing the potential of information and communication technologies for sustainable development. Today's information society differs greatly from what was envisaged in 2005, but the vision remains highly relevant.

The Commission on Science and Technology for Development (CSTD) has monitored WSIS implementation since 2006. In June 2023 the Economic and Social Council (ECOSOC), by resolution E/RES/2023/3, requested the CSTD to collect inputs from Member States, all facilitators and other stakeholders, to organize substantive discussions at its twenty-seventh (2024) and twenty-eighth (2025) sessions, and to report thereon, through ECOSOC, to the General Assembly.

Open multi-stakeholder consultations are a fundamental component of the Review. From late 2023 through late 2024 the CSTD secretariat has held them at global and regional levels, in partnership with ITU, UNESCO and UNDP and in conjunction with the UN regional economic commissions, bringing together governments, the private sector, civil society, the technical and academic communities and international organizations. Their inputs inform the CSTD secretariat's synthesis report for the CSTD's discussion of the WSIS+20 Review.`

const reviewDescriptionES = `El examen de la CMSI+20 es el examen general de la aplicación de los resultados de la Cumbre Mundial sobre la Sociedad de la Información (CMSI), veinte años después de la Cumbre. La resolución A/70/125 de la Asamblea General de las Naciones Unidas, aprobada el 16 de diciembre de 2015, dispuso que en 2025 se celebrara una reunión de alto nivel para llevarlo a cabo.

La Comisión de Ciencia y Tecnología para el Desarrollo (CCTD) vigila la aplicación de los resultados de la CMSI desde 2006. En junio de 2023, mediante la resolución E/RES/2023/3, el Consejo Económico y Social (ECOSOC) pidió a la CCTD que recabara aportaciones de los Estados Miembros, de todos los facilitadores y de otras partes interesadas, que organizara debates sustantivos en sus períodos de sesiones 27.º (2024) y 28.º (2025) y que informara al respecto a la Asamblea General por conducto del ECOSOC.

Las consultas abiertas de múltiples partes interesadas son un componente fundamental del examen. Entre finales de 2023 y finales de 2024, la secretaría de la CCTD las ha celebrado a nivel mundial y regional, en colaboración con la UIT, la UNESCO y el PNUD y conjuntamente con las comisiones económicas regionales de las Naciones Unidas.`

// past holds the six earlier consultations named in the concept note, in
// date order. The note gives only their months (none for EuroDIG 2024, which
// took place in Vilnius in June 2024).
var past = []pastConsultation{
	{
		slug: "wsis20-igf-kyoto", tz: "Asia/Tokyo", region: "001", year: 2023, month: time.October,
		format: consultation.InPerson, partners: []string{"IGF"}, langs: []string{"en"},
		title: "WSIS+20 consultation at the 18th Internet Governance Forum",
		place: "Kyoto, Japan", notice: mapNotice,
		background: "The consultation process of the WSIS+20 Review kicked off at the 18th Internet Governance Forum in Kyoto, Japan. " +
			"The CSTD secretariat's open consultations bring together governments, private sector representatives, civil society organizations, " +
			"technical and academic communities involved in ICT development, and international organizations.",
	},
	{
		slug: "wsis20-eweek", tz: "Europe/Zurich", region: "001", year: 2023, month: time.December,
		format: consultation.InPerson, partners: []string{"UNCTAD"}, langs: []string{"en"},
		title: "WSIS+20 consultation at UNCTAD eWeek 2023",
		place: "Geneva, Switzerland",
		background: "Following the kick-off at the 18th Internet Governance Forum, the WSIS+20 consultation process continued with a session " +
			"during UNCTAD's eWeek in December 2023.",
	},
	{
		slug: "wsis20-dubai", tz: "Asia/Dubai", region: "145", year: 2024, month: time.May,
		format: consultation.InPerson, partners: []string{"UN regional commissions"}, langs: []string{"en", "ar"},
		title: "Arab Consultative Conference and Expert Meetings on the WSIS+20 Review and Global Digital Compact Processes",
		place: "Dubai, United Arab Emirates",
		background: "A WSIS+20 consultation session took place during the Arab Consultative Conference and Expert Meetings on the WSIS+20 Review " +
			"and Global Digital Compact Processes in Dubai in May 2024, one of the CSTD secretariat's regional consultations held in conjunction " +
			"with UN regional economic commissions.",
	},
	{
		slug: "wsis20-eurodig", tz: "Europe/Vilnius", region: "150", year: 2024, month: time.June,
		format: consultation.InPerson, partners: []string{"EuroDIG"}, langs: []string{"en"},
		title: "WSIS+20 consultation at EuroDIG 2024",
		place: "Vilnius, Lithuania",
		background: "A WSIS+20 consultation session took place during the European Dialogue on Internet Governance (EuroDIG) Forum 2024, " +
			"held in Vilnius, Lithuania.",
	},
	{
		slug: "wsis20-astana", tz: "Asia/Almaty", region: "142", year: 2024, month: time.September,
		format: consultation.InPerson, partners: []string{"UN regional commissions"}, langs: []string{"en"},
		title: "2024 Asia-Pacific Conference on Digital Inclusion and Transformation",
		place: "Astana, Kazakhstan",
		background: "A WSIS+20 consultation session took place during the 2024 Asia-Pacific Conference on Digital Inclusion and Transformation " +
			"in Astana in September 2024.",
	},
	{
		slug: "wsis20-africa", tz: "Africa/Dar_es_Salaam", region: "002", year: 2024, month: time.October,
		format: consultation.InPerson, partners: []string{"UN regional commissions"}, langs: []string{"en"},
		title: "WSIS+20 consultation in the African Region",
		place: "Dar es Salaam, United Republic of Tanzania",
		background: "The CSTD secretariat held the WSIS+20 consultation in the African Region in Dar es Salaam in October 2024. " +
			"It preceded the consultation in Latin America and the Caribbean, the fifth regional consultation of the CSTD.",
	},
}

// The LAC background and objectives, copied from the concept note with its
// paragraphs (the note's page break inside the list of sessions is joined).
const lacBackgroundEN = `The United Nations General Assembly resolution A/70/125, adopted on 16 December 2015, established that a high-level meeting would be convened in 2025 to conduct a comprehensive review of the World Summit on the Information Society (WSIS) outcomes implementation, known as the WSIS+20 Review.

The WSIS vision is to establish a "people-centred, inclusive and development-oriented information society" for harnessing the potential of information and communication technologies for sustainable development. With the growing pervasiveness and rapid evolution of ICTs into digital technologies, today's information society differs greatly from what was envisaged in 2005. However, the WSIS vision still remains highly relevant. Rapid and increasingly unpredictable ICT-based technological changes require greater agility among stakeholders for sustainable development, including the capacity to promptly address unintended consequences, such as widening inequity and human rights violations, while grasping the new opportunities arising from such changes.

The Commission on Science and Technology for Development (CSTD) has fulfilled its mandate to monitor WSIS implementation since 2006, producing annual reports for the United Nations Secretary-General and contributing to the WSIS+10 review at the General Assembly in 2015.

For the WSIS+20 Review, the Economic and Social Council (ECOSOC) adopted the resolution (E/RES/2023/3) in June 2023. It requests the Commission on Science and Technology for Development (CSTD) to collect inputs from Member States, all facilitators and other stakeholders as well as to organize, during its twenty-seventh session, in 2024, and its twenty-eighth session, in 2025, substantive discussions on the progress made in the implementation of the outcomes of the World Summit during the past 20 years, and to report thereon, through the Economic and Social Council, to the General Assembly.

Multi-stakeholder engagement through open consultations represents a fundamental component of the WSIS+20 Review process. The CSTD secretariat has been conducting these consultations at both global and regional levels starting in late 2023 through late 2024, working in partnership with ITU, UNESCO and UNDP, and conjunction with UN regional economic commissions. These consultations bring together governments, private sector representatives, civil society organizations, technical and academic communities involved in ICT development, and international organizations. The consultation process kicked off at the 18th Internet Governance Forum in Kyoto, Japan, followed by additional sessions during UNCTAD's eWeek (December 2023), the Arab Consultative Conference and Expert Meetings on the WSIS+20 Review and Global Digital Compact Processes in Dubai (May 2024), the European Dialogue on Internet Governance (EuroDig) Forum 2024 and the 2024 Asia-Pacific Conference on Digital Inclusion and Transformation in Astana (September 2024), as well as during the consultation in the African Region in Dar es Salaam (October 2024).

The consultation in Latin America and the Caribbean, the fifth regional consultation of the CSTD, will take place following ECLAC's Ninth Ministerial Conference on the Information Society in Latin America and the Caribbean on 7-8 November 2024. It builds upon ECLAC's coordination of the Digital Regional Agenda for Latin America and the Caribbean (eLAC), a process that originated as the regional input for the WSIS forum in 2003-2005.`

const lacObjectivesEN = `The objective of the discussions is to foster in-depth dialogue among stakeholders in the region on the implementation of the WSIS vision and outcomes. The discussions will also provide valuable inputs to the CSTD secretariat's synthesis report that will inform the substantive discussion at the CSTD on the WSIS+20 Review as requested by the ECOSOC. The event will focus on the following topics:`

const lacBackgroundES = `La resolución A/70/125 de la Asamblea General de las Naciones Unidas, aprobada el 16 de diciembre de 2015, estableció que en 2025 se convocaría una reunión de alto nivel para llevar a cabo un examen general de la aplicación de los resultados de la Cumbre Mundial sobre la Sociedad de la Información (CMSI), conocido como el examen de la CMSI+20.

La visión de la CMSI consiste en construir una «sociedad de la información centrada en la persona, integradora y orientada al desarrollo» que aproveche el potencial de las tecnologías de la información y las comunicaciones para el desarrollo sostenible. Con la creciente omnipresencia de las TIC y su rápida evolución hacia las tecnologías digitales, la sociedad de la información actual difiere mucho de la que se imaginaba en 2005. Sin embargo, la visión de la CMSI sigue siendo muy pertinente. Los cambios tecnológicos basados en las TIC, rápidos y cada vez más impredecibles, exigen una mayor agilidad de las partes interesadas en favor del desarrollo sostenible, incluida la capacidad de hacer frente con prontitud a consecuencias no deseadas, como el aumento de la desigualdad y las violaciones de los derechos humanos, y de aprovechar al mismo tiempo las nuevas oportunidades que surgen de esos cambios.

Desde 2006, la Comisión de Ciencia y Tecnología para el Desarrollo (CCTD) ha cumplido su mandato de vigilar la aplicación de los resultados de la CMSI: ha elaborado informes anuales para el Secretario General de las Naciones Unidas y contribuyó al examen de la CMSI+10 realizado por la Asamblea General en 2015.

Para el examen de la CMSI+20, el Consejo Económico y Social (ECOSOC) aprobó en junio de 2023 la resolución E/RES/2023/3. En ella se pide a la Comisión de Ciencia y Tecnología para el Desarrollo (CCTD) que recabe aportaciones de los Estados Miembros, de todos los facilitadores y de otras partes interesadas, que organice, en sus períodos de sesiones 27.º (2024) y 28.º (2025), debates sustantivos sobre los progresos realizados en la aplicación de los resultados de la Cumbre Mundial durante los últimos 20 años, y que informe al respecto a la Asamblea General por conducto del Consejo Económico y Social.

La participación de múltiples partes interesadas mediante consultas abiertas es un componente fundamental del proceso de examen de la CMSI+20. La secretaría de la CCTD ha venido celebrando estas consultas a nivel mundial y regional desde finales de 2023 hasta finales de 2024, en colaboración con la UIT, la UNESCO y el PNUD, y conjuntamente con las comisiones económicas regionales de las Naciones Unidas. Las consultas reúnen a gobiernos, representantes del sector privado, organizaciones de la sociedad civil, comunidades técnicas y académicas que participan en el desarrollo de las TIC y organizaciones internacionales. El proceso de consultas se inauguró en el 18.º Foro para la Gobernanza de Internet, celebrado en Kioto (Japón), y continuó con sesiones durante la eWeek de la UNCTAD (diciembre de 2023), la Conferencia Consultiva Árabe y Reuniones de Expertos sobre el Examen de la CMSI+20 y los Procesos del Pacto Digital Global en Dubái (mayo de 2024), el Diálogo Europeo sobre la Gobernanza de Internet (EuroDIG) 2024 y la Conferencia de Asia y el Pacífico sobre Inclusión y Transformación Digitales 2024 en Astaná (septiembre de 2024), así como durante la consulta en la región de África celebrada en Dar es Salaam (octubre de 2024).

La consulta en América Latina y el Caribe, quinta consulta regional de la CCTD, tendrá lugar tras la Novena Conferencia Ministerial sobre la Sociedad de la Información de América Latina y el Caribe de la CEPAL, celebrada los días 7 y 8 de noviembre de 2024. Se basa en la coordinación por parte de la CEPAL de la Agenda Digital para América Latina y el Caribe (eLAC), un proceso que nació como la contribución regional a la CMSI en 2003-2005.`

const lacObjectivesES = `El objetivo de los debates es fomentar un diálogo en profundidad entre las partes interesadas de la región sobre la aplicación de la visión y los resultados de la CMSI. Los debates también aportarán insumos valiosos al informe de síntesis de la secretaría de la CCTD, que servirá de base para el debate sustantivo de la CCTD sobre el examen de la CMSI+20 solicitado por el ECOSOC. El evento se centrará en los siguientes temas:`
