//! Layouts seen in real published texts, each from a faithful excerpt: what the tree must
//! hold, and what must not leak into clause text.

use treaty_model::{ClauseId, Document, Node, NodeKind};

fn parse(text: &str) -> Document {
    treaty_parse::parse_str(text).expect("parses")
}

fn node<'d>(doc: &'d Document, id: &str) -> &'d Node {
    let id: ClauseId = id.parse().expect("an ID");
    doc.find(&id)
        .unwrap_or_else(|| panic!("no {id}; near {:?}", doc.suggest(&id, 5)))
}

fn ids(doc: &Document) -> Vec<String> {
    doc.walk().map(|n| n.id.to_string()).collect()
}

#[test]
fn a_second_annex_without_a_number_is_annex_2_and_never_paragraph_2_of_the_first() {
    let doc = parse(
        "Article 1\nScope\n\nThis Convention applies.\n\nAnnex\n\n1. First item of the first annex.\n\n2. Second item of the first annex.\n\nAnnex\n\n1. First item of the second annex.\n",
    );
    assert_eq!(
        node(&doc, "annex.2").text,
        "Second item of the first annex."
    );
    let second = node(&doc, "annex-2");
    assert_eq!(second.kind, NodeKind::Annex);
    assert_eq!(
        node(&doc, "annex-2.1").text,
        "First item of the second annex."
    );
    let all = ids(&doc);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "{all:?}");
}

#[test]
fn old_mac_line_endings_are_line_endings() {
    let text = "Article 1\rRight to life\r\r1. Everyone's right to life shall be protected by law.\r\r2. Deprivation of life shall not be regarded as inflicted in contravention of this article.\r";
    let doc = parse(text);
    assert_eq!(doc.articles().count(), 1);
    assert_eq!(node(&doc, "1").heading.as_deref(), Some("Right to life"));
    assert!(node(&doc, "1.2").text.starts_with("Deprivation of life"));
    assert_eq!(doc.check_coverage(), Ok(()));
}

#[test]
fn markers_glued_to_their_words_are_items_when_they_fit_the_sequence() {
    // Council of Europe Convention 108, Article 5, as some databases print it.
    let doc = parse(
        "Article 5\nQuality of data\n\nPersonal data undergoing automatic processing shall be:\n\na.obtained and processed fairly and lawfully;\n\nb.stored for specified and legitimate purposes;\n\nc.adequate, relevant and not excessive.\n\nArticle 6\nRight to life\n\n1.Everyone's right to life shall be protected by law.\n\n2.Deprivation of life shall not be regarded as inflicted in contravention of this article when it results from the use of force:\n\n(a)in defence of any person from unlawful violence;\n\n(b)in order to effect a lawful arrest.\n",
    );
    assert_eq!(
        node(&doc, "5.a").text,
        "obtained and processed fairly and lawfully;"
    );
    assert_eq!(
        node(&doc, "5.c").text,
        "adequate, relevant and not excessive."
    );
    assert_eq!(
        node(&doc, "5").text,
        "Personal data undergoing automatic processing shall be:"
    );
    assert!(node(&doc, "6.1").text.starts_with("Everyone's right"));
    assert_eq!(
        node(&doc, "6.2.a").text,
        "in defence of any person from unlawful violence;"
    );
    assert_eq!(
        node(&doc, "6.2.b").text,
        "in order to effect a lawful arrest."
    );
}

#[test]
fn abbreviations_and_numbers_are_never_glued_markers() {
    let doc = parse(
        "Article 1\nScope\n\nThis applies to offences, i.e. those listed below.\n\ne.g.the offences of article 2 are meant.\n\n3.1 of the annex applies.\n",
    );
    let a = node(&doc, "1");
    assert!(a.children.is_empty(), "{:?}", ids(&doc));
    assert!(a.text.contains("e.g.the offences"), "{}", a.text);
}

#[test]
fn article_headings_in_other_shapes_lose_their_dash_or_quotes() {
    // The European Convention on Human Rights as some databases print it.
    let echr = parse(
        "Article 2\n- Right to life\n\n1. Everyone's right to life shall be protected by law.\n\nArticle 3\n– Prohibition of torture\n\nNo one shall be subjected to torture or to inhuman or degrading treatment or punishment.\n\nArticle 4 – Prohibition of slavery and forced labour\n\n1. No one shall be held in slavery or servitude.\n\nArticle 6 – \"Right to a fair trial\"\n\n1. In the determination of his civil rights and obligations everyone is entitled to a fair hearing.\n",
    );
    for (id, heading) in [
        ("2", "Right to life"),
        ("3", "Prohibition of torture"),
        ("4", "Prohibition of slavery and forced labour"),
        ("6", "Right to a fair trial"),
    ] {
        assert_eq!(node(&echr, id).heading.as_deref(), Some(heading), "{id}");
    }
    assert!(
        node(&echr, "3").text.starts_with("No one shall"),
        "{}",
        node(&echr, "3").text
    );
    let md = parse(
        "### Article  2\n\n####- Right to life\n\n1. Everyone's right to life shall be protected by law.\n",
    );
    assert_eq!(node(&md, "2").heading.as_deref(), Some("Right to life"));
}

#[test]
fn a_heading_in_quotes_is_a_heading_and_a_quoted_term_is_not() {
    // Directive 2000/31/EC (electronic commerce), Articles 12 to 15.
    let doc = parse(
        "Article 12\n‘Mere conduit’\n\n1. Where an information society service is provided that consists of the transmission in a communication network of information provided by a recipient of the service, Member States shall ensure that the service provider is not liable.\n\nArticle 13\n\"Caching\"\n\n1. Member States shall ensure that the service provider is not liable for the automatic, intermediate and temporary storage of that information.\n\nArticle 15 ‘No general obligation to monitor’\n\n1. Member States shall not impose a general obligation on providers to monitor the information which they transmit or store.\n\nArticle 16\n\n‘AI system’ means a machine-based system designed to operate with varying levels of autonomy\n",
    );
    assert_eq!(node(&doc, "12").heading.as_deref(), Some("Mere conduit"));
    assert_eq!(node(&doc, "13").heading.as_deref(), Some("Caching"));
    assert_eq!(
        node(&doc, "15").heading.as_deref(),
        Some("No general obligation to monitor")
    );
    assert!(node(&doc, "12.1").text.starts_with("Where an information"));
    assert_eq!(node(&doc, "16").heading, None);
    assert!(node(&doc, "16").text.starts_with("‘AI system’ means"));
}

/// The ECHR's last article followed by a testimonium in the shape `end`.
fn with_testimonium(end: &str) -> Document {
    parse(&format!(
        "Article 59\nSignature and ratification\n\n1. This Convention shall be open to the signature of the members of the Council of Europe.\n\n2. The present Convention shall come into force after the deposit of ten instruments of ratification.\n{end}\n"
    ))
}

#[test]
fn final_clauses_open_at_every_form_of_the_testimonium() {
    for end in [
        "\nIN FAITH WHEREOF the undersigned, being duly authorized thereto by their respective Governments, have signed the present Covenant.",
        "\nIN TESTIMONY WHEREOF the undersigned have signed this Convention.",
        "\nIN WITNESS WHEREOF the undersigned have signed this Convention.",
        "\nDONE AT GENEVA, this twenty-eighth day of July, one thousand nine hundred and fifty-one.",
        "\nDone at Rome this 4th day of November 1950, in English and French.",
        "\nDone in duplicate at Strasbourg, this 28th day of January 1981.",
        "\n**IN WITNESS WHEREOF** the undersigned have signed this Convention.",
        "\n*Done at Rome this 4th day of November 1950.*",
    ] {
        let doc = with_testimonium(end);
        let last = node(&doc, "59.2");
        assert!(
            last.text.ends_with("instruments of ratification."),
            "{end:?}: {}",
            last.text
        );
        let fin = node(&doc, "final");
        assert_eq!(fin.kind, NodeKind::FinalClauses, "{end:?}");
        assert_eq!(doc.check_coverage(), Ok(()), "{end:?}");
    }
}

#[test]
fn a_testimonium_on_the_line_of_the_last_paragraph_is_cut_off_it() {
    let doc = with_testimonium(
        "3. It shall enter into force on the first day of the month. IN WITNESS WHEREOF the undersigned have signed this Convention.",
    );
    assert_eq!(
        node(&doc, "59.3").text,
        "It shall enter into force on the first day of the month."
    );
    assert!(
        node(&doc, "final")
            .text
            .starts_with("IN WITNESS WHEREOF the undersigned")
    );
    assert_eq!(doc.check_coverage(), Ok(()));
    // Lower case "done at" inside a sentence is no testimonium.
    let doc = with_testimonium("3. The work shall be done at the seat of the Council.");
    assert!(doc.find(&"final".parse().expect("id")).is_none());
}

/// The title, the preamble's own words, its recitals and its closing formula.
fn preamble_of(doc: &Document) -> (String, String, Vec<String>, String) {
    let p = node(doc, "preamble");
    (
        doc.title.clone().unwrap_or_default(),
        p.text.to_string(),
        p.children.iter().map(|r| r.text.to_string()).collect(),
        p.closing.clone().unwrap_or_default(),
    )
}

#[test]
fn the_title_ends_where_the_parties_are_named_even_with_no_blank_line() {
    // The International Covenant on Civil and Political Rights, line after line.
    let doc = parse(
        "International Covenant on Civil and Political Rights\nThe States Parties to the present Covenant,\nConsidering that, in accordance with the principles proclaimed in the Charter of the United Nations, recognition of the inherent dignity of all members of the human family is the foundation of freedom, justice and peace in the world,\nRecognizing that these rights derive from the inherent dignity of the human person,\nRealizing that the individual, having duties to other individuals, is under a responsibility to strive for the promotion and observance of the rights recognized in the present Covenant,\nAgree upon the following articles:\nPART I\nArticle 1\n1. All peoples have the right of self-determination.\n",
    );
    let (title, own, recitals, closing) = preamble_of(&doc);
    assert_eq!(
        title,
        "International Covenant on Civil and Political Rights"
    );
    assert_eq!(own, "The States Parties to the present Covenant,");
    assert_eq!(recitals.len(), 3, "{recitals:#?}");
    assert!(recitals[2].starts_with("Realizing that the individual"));
    assert_eq!(closing, "Agree upon the following articles:");
    // The Refugee Convention names the parties without a comma.
    let doc = parse(
        "Convention relating to the Status of Refugees\nThe High Contracting Parties\nConsidering that the Charter of the United Nations has affirmed the principle that human beings shall enjoy fundamental rights,\nConsidering that the United Nations has manifested its profound concern for refugees,\nHave agreed as follows:\nArticle 1\nDefinition of the term \"refugee\"\n\nA. For the purposes of the present Convention, the term applies to any person.\n",
    );
    let (title, own, recitals, closing) = preamble_of(&doc);
    assert_eq!(title, "Convention relating to the Status of Refugees");
    assert_eq!(own, "The High Contracting Parties");
    assert_eq!(recitals.len(), 2, "{recitals:#?}");
    assert_eq!(closing, "Have agreed as follows:");
}

#[test]
fn a_place_and_date_under_the_title_stay_in_the_title_node_not_the_title() {
    let doc = parse(
        "Convention for the Protection of Human Rights and Fundamental Freedoms\nRome, 4.XI.1950\nThe Governments signatory hereto, being members of the Council of Europe,\nConsidering the Universal Declaration of Human Rights proclaimed by the General Assembly of the United Nations on 10th December 1948;\nHave agreed as follows:\nArticle 1\nObligation to respect Human Rights\n\nThe High Contracting Parties shall secure to everyone within their jurisdiction the rights and freedoms defined in Section I of this Convention.\n",
    );
    let (title, own, recitals, _) = preamble_of(&doc);
    assert_eq!(
        title,
        "Convention for the Protection of Human Rights and Fundamental Freedoms"
    );
    assert_eq!(
        node(&doc, "title").text,
        "Convention for the Protection of Human Rights and Fundamental Freedoms\nRome, 4.XI.1950"
    );
    assert!(own.starts_with("The Governments signatory hereto"));
    assert_eq!(recitals.len(), 1);
}

#[test]
fn a_run_on_preamble_is_cut_at_every_opener_whatever_precedes_it() {
    let doc = parse(
        "Convention on Cybercrime\nThe member States of the Council of Europe and the other States signatory hereto,Considering that the aim of the Council of Europe is to achieve a greater unity between its members;Recognising the value of fostering co-operation;Convinced of the need to pursue a common criminal policy; Concerned also by the risk that computer networks may be used for committing criminal offences, Bearing also in mind the need to protect legitimate interests. Noting with appreciation the work done, Taking into account the existing conventions, Have agreed as follows:\nArticle 1\nDefinitions\n\nFor the purposes of this Convention, a word means a word.\n",
    );
    let (_, own, recitals, closing) = preamble_of(&doc);
    assert_eq!(
        own,
        "The member States of the Council of Europe and the other States signatory hereto,"
    );
    let openers: Vec<&str> = recitals
        .iter()
        .map(|r| r.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        openers,
        [
            "Considering",
            "Recognising",
            "Convinced",
            "Concerned",
            "Bearing",
            "Noting",
            "Taking"
        ]
    );
    assert!(recitals[3].starts_with("Concerned also by the risk"));
    assert!(recitals[4].starts_with("Bearing also in mind"));
    assert_eq!(closing, "Have agreed as follows:");
}

#[test]
fn after_the_closing_formula_the_rest_of_the_preamble_is_the_formula() {
    // The Universal Declaration: "Now, therefore," / "The General Assembly" / "Proclaims".
    let doc = parse(
        "Universal Declaration of Human Rights\n\nPreamble\n\nWhereas recognition of the inherent dignity of all members of the human family is the foundation of freedom, justice and peace in the world,\n\nWhereas a common understanding of these rights and freedoms is of the greatest importance,\n\nNow, therefore,\n\nThe General Assembly\n\nProclaims this Universal Declaration of Human Rights as a common standard of achievement for all peoples.\n\nArticle 1\nAll human beings are born free and equal in dignity and rights.\n",
    );
    let (_, _, recitals, closing) = preamble_of(&doc);
    assert_eq!(recitals.len(), 2, "{recitals:#?}");
    assert_eq!(
        closing,
        "Now, therefore,\nThe General Assembly\nProclaims this Universal Declaration of Human Rights as a common standard of achievement for all peoples."
    );
}

const ECHR_EN: &str = "Convention for the Protection of Human Rights and Fundamental Freedoms\n\nThe Governments signatory hereto, being members of the Council of Europe,\nConsidering the Universal Declaration of Human Rights proclaimed by the General Assembly of the United Nations on 10th December 1948;\nHave agreed as follows:\n\nArticle 1 – Obligation to respect Human Rights\nThe High Contracting Parties shall secure to everyone within their jurisdiction the rights and freedoms defined in Section I of this Convention.\n\nArticle 2 – Right to life\n1. Everyone's right to life shall be protected by law.\n\nArticle 3 – Prohibition of torture\nNo one shall be subjected to torture or to inhuman or degrading treatment or punishment.\n\n";

/// No node of the tree holds a word of the translation, which is one layout record.
fn set_aside(doc: &Document, src: &str, first_words: &str) {
    let at = src.find(first_words).expect("the translation is there");
    assert!(
        doc.layout
            .iter()
            .any(|l| l.kind == treaty_model::LayoutKind::Translation && l.span.start == at),
        "{:?}",
        doc.layout
    );
    assert_eq!(doc.language.as_deref(), Some("en"));
    for n in doc.walk() {
        assert!(n.span.end <= at, "{} reaches into the translation", n.id);
    }
    assert_eq!(doc.articles().count(), 3, "{:?}", ids(doc));
    assert_eq!(doc.check_coverage(), Ok(()));
}

#[test]
fn a_translation_that_follows_the_text_is_set_aside_from_its_title_on() {
    for half in [
        "Convention de sauvegarde des droits de l'homme et des libertés fondamentales\n\nLes gouvernements signataires, membres du Conseil de l'Europe,\nConsidérant la Déclaration universelle des droits de l'homme, proclamée par l'Assemblée générale des Nations Unies le 10 décembre 1948 ;\nSont convenus de ce qui suit :\n\nArticle 1 – Obligation de respecter les droits de l'homme\nLes Hautes Parties contractantes reconnaissent à toute personne relevant de leur juridiction les droits et libertés définis au titre I de la présente Convention.\n\nArticle 2 – Droit à la vie\n1. Le droit de toute personne à la vie est protégé par la loi.\n",
        "Konvention zum Schutz der Menschenrechte und Grundfreiheiten\n\nDie Unterzeichnerregierungen, Mitglieder des Europarats,\nin Erwägung der Allgemeinen Erklärung der Menschenrechte, die am 10. Dezember 1948 von der Generalversammlung der Vereinten Nationen verkündet worden ist,\nhaben Folgendes vereinbart:\n\nArtikel 1 – Verpflichtung zur Achtung der Menschenrechte\nDie Hohen Vertragsparteien sichern allen ihrer Hoheitsgewalt unterstehenden Personen die in Abschnitt I bestimmten Rechte und Freiheiten zu.\n",
        "Convenio para la Protección de los Derechos Humanos y de las Libertades Fundamentales\n\nLos Gobiernos signatarios, miembros del Consejo de Europa,\nConsiderando la Declaración Universal de Derechos Humanos, proclamada por la Asamblea General de las Naciones Unidas el 10 de diciembre de 1948;\nHan convenido lo siguiente:\n\nArtículo 1 – Obligación de respetar los derechos humanos\nLas Altas Partes Contratantes reconocen a toda persona bajo su jurisdicción los derechos y libertades definidos en el Título I del presente Convenio.\n",
    ] {
        let src = format!("{ECHR_EN}{half}");
        let doc = parse(&src);
        set_aside(&doc, &src, half.lines().next().unwrap_or(""));
    }
}

#[test]
fn a_translation_after_the_final_clauses_is_no_annex() {
    let src = format!(
        "{ECHR_EN}Done at Rome this 4th day of November 1950, in English and French.\n\n####Convention de sauvegarde des droits de l'homme et des libertés fondamentales\n\nLes gouvernements signataires, membres du Conseil de l'Europe,\nConsidérant la Déclaration universelle des droits de l'homme, proclamée par l'Assemblée générale des Nations Unies le 10 décembre 1948 ;\n\n### Article 1\n\nLes Hautes Parties contractantes reconnaissent à toute personne relevant de leur juridiction les droits et libertés définis au titre I de la présente Convention.\n"
    );
    let doc = parse(&src);
    set_aside(&doc, &src, "####Convention de sauvegarde");
    assert!(
        doc.walk().all(|n| n.kind != NodeKind::Annex),
        "{:?}",
        ids(&doc)
    );
}

const COVENANT_AND_PROTOCOL: &str = "International Covenant on Civil and Political Rights\n\nPreamble\nThe States Parties to the present Covenant,\nRecognizing that these rights derive from the inherent dignity of the human person,\nAgree upon the following articles:\n\nArticle 1\n1. All peoples have the right of self-determination.\n\nArticle 2\n1. Each State Party to the present Covenant undertakes to respect and to ensure the rights recognized in the present Covenant.\n\nArticle 53\n1. The present Covenant shall be deposited in the archives of the United Nations.\nIN FAITH WHEREOF the undersigned, being duly authorized thereto by their respective Governments, have signed the present Covenant.\n\nOptional Protocol to the International Covenant on Civil and Political Rights\n\nThe States Parties to the present Protocol,\nConsidering that in order further to achieve the purposes of the Covenant it would be appropriate to enable the Committee to receive communications,\nHave agreed as follows:\n\nArticle 1\nA State Party to the Covenant that becomes a Party to the present Protocol recognizes the competence of the Committee.\n\nArticle 2\nSubject to the provisions of article 1, individuals who claim that any of their rights have been violated may submit a written communication.\n\nArticle 14\n1. The present Protocol shall be deposited in the archives of the United Nations.\nIN WITNESS WHEREOF the undersigned have signed the present Protocol.\n";

#[test]
fn a_second_instrument_in_the_file_is_a_node_of_its_own_with_its_own_ids() {
    let doc = parse(COVENANT_AND_PROTOCOL);
    // The Covenant keeps plain IDs.
    assert!(node(&doc, "1.1").text.starts_with("All peoples"));
    assert!(node(&doc, "53.1").text.ends_with("United Nations."));
    assert!(node(&doc, "final").text.starts_with("IN FAITH WHEREOF"));
    // The Protocol is `instrument.2`, its clauses under it.
    let protocol = node(&doc, "instrument.2");
    assert_eq!(protocol.kind, NodeKind::Instrument);
    assert_eq!(
        protocol.heading.as_deref(),
        Some("Optional Protocol to the International Covenant on Civil and Political Rights")
    );
    assert!(
        node(&doc, "instrument.2.1")
            .text
            .starts_with("A State Party to the Covenant")
    );
    assert!(
        node(&doc, "instrument.2.14.1")
            .text
            .starts_with("The present Protocol")
    );
    assert_eq!(
        node(&doc, "instrument.2.preamble").text,
        "The States Parties to the present Protocol,"
    );
    assert!(
        node(&doc, "instrument.2.final")
            .text
            .starts_with("IN WITNESS WHEREOF")
    );
    assert_eq!(node(&doc, "instrument.2.14").eid, "cmp_2__art_14");
    // Every ID names one node, and reads back, in its eId form too.
    let all = ids(&doc);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "{all:?}");
    assert_eq!(
        "cmp_2__art_14__para_1"
            .parse::<ClauseId>()
            .map(|i| i.to_string()),
        Ok("instrument.2.14.1".to_owned())
    );
    assert_eq!(doc.check_coverage(), Ok(()));
    // Nothing of the Protocol is left in the Covenant's last clauses.
    assert!(!node(&doc, "final").text.contains("Optional Protocol"));
}

/// The opening of UNTOC as the Arabic text lays it out: a chapter by ordinal word,
/// paragraphs numbered `1 -`, subparagraphs lettered in abjad order, `(هـ)` drawn out with
/// a tatweel, and the final clauses.
const UNTOC_AR: &str = r#"اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية

الديباجة

إن الدول الأطراف في هذه الاتفاقية،

إذ تضع في اعتبارها الأهمية البالغة للتعاون الدولي،

وإذ تدرك الحاجة إلى مكافحة الجريمة،

قد اتفقت على ما يلي:

الفصل الأول
أحكام عامة

المادة 1
بيان الغرض
الغرض من هذه الاتفاقية هو تعزيز التعاون.

المادة 2
المصطلحات المستخدمة
لأغراض هذه الاتفاقية:
(أ) يقصد بتعبير "جماعة إجرامية منظمة" جماعة ذات هيكل تنظيمي؛
(ب) يقصد بتعبير "جريمة خطيرة" سلوك يمثل جرما؛
(ج) يقصد بتعبير "جماعة ذات هيكل تنظيمي" جماعة غير مشكلة عشوائيا؛
(د) يقصد بتعبير "الممتلكات" الموجودات أيا كان نوعها؛
(هـ) يقصد بتعبير "العائدات الإجرامية" أي ممتلكات.

المادة 3
نطاق الانطباق
1 - تنطبق هذه الاتفاقية على منع الجرائم.
2 - لأغراض الفقرة 1 من هذه المادة، يكون الجرم ذا طابع عبر وطني:
(أ) إذا ارتكب في أكثر من دولة واحدة؛
(ب) إذا ارتكب في دولة واحدة.

وإثباتا لذلك، قام المفوضون الموقعون أدناه بالتوقيع على هذه الاتفاقية.
"#;

/// The same in Russian: subparagraphs lettered `а)` to `к)` (no `й`).
const UNTOC_RU: &str = r#"Конвенция Организации Объединенных Наций против транснациональной организованной преступности

Статья 1
Цель
Цель настоящей Конвенции заключается в содействии сотрудничеству.

Статья 2
Термины
Для целей настоящей Конвенции:
а) "организованная преступная группа" означает структурно оформленную группу;
б) "серьезное преступление" означает преступление;
в) "структурно оформленная группа" означает группу;
г) "имущество" означает любые активы;
д) "доходы от преступлений" означают любое имущество;
е) "замораживание" означает временное запрещение;
ж) "конфискация" означает окончательное лишение;
з) "основное правонарушение" означает любое правонарушение;
и) "контролируемая поставка" означает метод;
к) "региональная организация" означает организацию.

Статья 3
Сфера применения
1. Настоящая Конвенция применяется к предупреждению.
2. Для цели пункта 1 настоящей статьи преступление носит транснациональный характер, если:
а) оно совершено в более чем одном государстве;
б) оно совершено в одном государстве.

В УДОСТОВЕРЕНИЕ ЧЕГО нижеподписавшиеся полномочные представители подписали настоящую Конвенцию.
"#;

/// The same in Chinese: article numbers as Chinese numerals with the heading on the same
/// line, Latin subparagraph letters.
const UNTOC_ZH: &str = r#"联合国打击跨国有组织犯罪公约

第一章
总则

第一条 宗旨
本公约的宗旨是促进合作。

第二条 术语的使用
在本公约中：
(a) “有组织犯罪集团”系指由三人或多人所组成的结构严密的集团；
(b) “严重犯罪”系指构成可受到最高刑至少四年的剥夺自由的犯罪；
(c) “有组织结构的集团”系指并非为了立即实施一项犯罪而随意组成的集团。

第三条 适用范围
1. 本公约除非另有规定，应适用于预防、侦查和起诉。
2. 就本条第1款而言，有下列情形之一的犯罪属跨国犯罪：
(a) 在一个以上国家实施的犯罪；
(b) 虽在一国实施，但其准备工作在另一国进行的犯罪。

第十二条 没收和扣押
1. 缔约国应采取必要措施。

下列签署人经各自政府正式授权已在本公约上签字，以昭信守。
"#;

#[test]
fn un_layouts_in_arabic_russian_and_chinese_give_the_english_ids() {
    let ar = parse(UNTOC_AR);
    assert_eq!(ar.language.as_deref(), Some("ar"));
    assert_eq!(
        ids(&ar),
        [
            "title",
            "preamble",
            "preamble.1",
            "preamble.2",
            "chapter.I",
            "1",
            "2",
            "2.a",
            "2.b",
            "2.c",
            "2.d",
            "2.e",
            "3",
            "3.1",
            "3.2",
            "3.2.a",
            "3.2.b",
            "final"
        ]
    );
    assert!(
        node(&ar, "2.e")
            .text
            .starts_with("يقصد بتعبير \"العائدات الإجرامية\"")
    );
    assert!(
        node(&ar, "3.2.b")
            .text
            .starts_with("إذا ارتكب في دولة واحدة")
    );
    let preamble = node(&ar, "preamble");
    assert_eq!(preamble.text, "إن الدول الأطراف في هذه الاتفاقية،");
    assert_eq!(preamble.closing.as_deref(), Some("قد اتفقت على ما يلي:"));
    assert_eq!(
        node(&ar, "chapter.I").heading.as_deref(),
        Some("أحكام عامة")
    );

    let ru = parse(UNTOC_RU);
    assert_eq!(ru.language.as_deref(), Some("ru"));
    let letters: Vec<_> = node(&ru, "2")
        .children
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(
        letters,
        [
            "2.a", "2.b", "2.c", "2.d", "2.e", "2.f", "2.g", "2.h", "2.i", "2.j"
        ]
    );
    assert!(node(&ru, "3.2.b").text.starts_with("оно совершено в одном"));
    assert!(node(&ru, "final").text.starts_with("В УДОСТОВЕРЕНИЕ ЧЕГО"));

    let zh = parse(UNTOC_ZH);
    assert_eq!(zh.language.as_deref(), Some("zh"));
    assert_eq!(node(&zh, "1").heading.as_deref(), Some("宗旨"));
    assert_eq!(node(&zh, "12").heading.as_deref(), Some("没收和扣押"));
    assert!(node(&zh, "2.c").text.starts_with("“有组织结构的集团”"));
    assert!(node(&zh, "3.2.a").text.starts_with("在一个以上国家"));
    assert!(node(&zh, "final").text.starts_with("下列签署人"));
}
