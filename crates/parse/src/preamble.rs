//! Splitting a preamble into its opening words, its recitals and its closing formula.
//!
//! Exports often run the whole preamble into one line ("Preamble The member States ...,
//! Considering ...; Recognising ...; Have agreed as follows:"). A recital starts after
//! `;` or `,` with a capitalised participle or one of the customary opening words.

use crate::classify::is_space;

/// How a block of preamble text divides, as byte ranges into that block.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Pieces {
    pub chapeau: Option<(usize, usize)>,
    pub recitals: Vec<(usize, usize)>,
    pub closing: Option<(usize, usize)>,
}

/// Words that open a recital without being a participle (`Considering`, `Convinced`
/// are recognised by their ending).
const OPENERS: [&str; 21] = [
    "Whereas",
    "After",
    "Mindful",
    "Aware",
    "Conscious",
    "Desirous",
    "Now",
    "Deeply",
    "Gravely",
    "Further",
    "Also",
    "Have",
    "Hereby",
    "Cognizant",
    "Cognisant",
    "Confident",
    "Anxious",
    "Eager",
    "Keen",
    "Resolved",
    "Noting",
];

/// Capitalised words ending like a participle that open sentences, not recitals.
const NOT_OPENERS: [&str; 14] = [
    "During",
    "Including",
    "According",
    "Concerning",
    "Regarding",
    "Following",
    "Notwithstanding",
    "Pending",
    "United",
    "Red",
    "Beijing",
    "Nothing",
    "Something",
    "Bring",
];

/// Opening words of recitals in the other languages of the United Nations that no
/// ending gives away: adjectives (`Convaincus`, `Conscientes`), Russian participles
/// (whose endings many nouns share), and the Arabic `إذ` and `لما` (as, whereas).
const OPENERS_ELSEWHERE: [&str; 44] = [
    // French
    "Convaincus",
    "Conscients",
    "Résolus",
    "Préoccupés",
    "Désireux",
    "Soucieux",
    "Profondément",
    "Gravement",
    "Alarmés",
    "Déterminés",
    "Persuadés",
    // Spanish
    "Convencidos",
    "Conscientes",
    "Preocupados",
    "Decididos",
    "Deseosos",
    "Resueltos",
    "Profundamente",
    "Gravemente",
    "Alarmados",
    "Persuadidos",
    // Russian
    "Принимая",
    "Признавая",
    "Учитывая",
    "Отмечая",
    "Сознавая",
    "Подтверждая",
    "Напоминая",
    "Желая",
    "Считая",
    "Исходя",
    "Руководствуясь",
    "Ссылаясь",
    "Стремясь",
    "Будучи",
    "Подчеркивая",
    "Убежденные",
    "Обеспокоенные",
    // Arabic
    "إذ",
    "وإذ",
    "لما",
    "لمّا",
    "ولما",
    "ولمّا",
];

/// Opening words of Chinese recitals, which are not cut off by spaces: whereas,
/// recognising, considering, noting, convinced, recalling, reaffirming, concerned,
/// bearing in mind, affirming.
const CHINESE_OPENERS: [&str; 11] = [
    "鉴于",
    "认识到",
    "考虑到",
    "注意到",
    "深信",
    "回顾",
    "重申",
    "关切",
    "铭记",
    "申明",
    "确认",
];

/// Capitalised words with a French or Spanish participle's ending that open sentences,
/// not recitals.
const NOT_OPENERS_ELSEWHERE: [&str; 8] = [
    "Pendant",
    "Durant",
    "Avant",
    "Cependant",
    "Maintenant",
    "Enfant",
    "Quant",
    "Cuando",
];

/// A recital's opening word: a capitalised participle or adjective phrase head
/// (`Considering`, `Recalling`, `Convinced`, `Concerned`, `Bearing`; `Considérant`,
/// `Considerando`, `Reconociendo`), or a customary opener (`Whereas`, `Mindful`,
/// `Aware`, `Convaincus`, `Принимая`, `وإذ`, `鉴于`).
fn is_opener(word: &str, lang: Option<&str>) -> bool {
    let w = word.trim_end_matches([',', ':', '،', '，']);
    if OPENERS_ELSEWHERE.contains(&w) || CHINESE_OPENERS.iter().any(|o| w.starts_with(o)) {
        return true;
    }
    let mut chars = w.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.clone().all(char::is_lowercase)
        && chars.count() >= 2;
    if !capitalised {
        return false;
    }
    // The English openers are read in every Latin text, as they always were; the French
    // and Spanish participles only in a text in that language (`Relevant` and
    // `Important` are English adjectives).
    let english = w.is_ascii()
        && !NOT_OPENERS.contains(&w)
        && (OPENERS.contains(&w) || w.ends_with("ing") || w.ends_with("ed"));
    let participle = match lang {
        Some("fr") => w.ends_with("ant"),
        Some("es") => w.ends_with("ando") || w.ends_with("endo"),
        _ => false,
    };
    english || (participle && !NOT_OPENERS_ELSEWHERE.contains(&w))
}

/// Words that open the enacting formula in French and Spanish (`Sont convenus de ce qui
/// suit`, `Han convenido en lo siguiente`) and that announce it (`Proclame`), each with
/// its language: read only in a text of that language.
const CLOSING_WORDS: [(&str, &str); 11] = [
    ("fr", "sont"),
    ("fr", "conviennent"),
    ("fr", "ont"),
    ("fr", "proclame"),
    ("fr", "décide"),
    ("fr", "décident"),
    ("es", "han"),
    ("es", "convienen"),
    ("es", "acuerdan"),
    ("es", "proclama"),
    ("es", "deciden"),
];

/// Whole formulas that close a preamble in Arabic and Chinese, where single words are
/// too common to tell (`قد` is a particle of every other sentence): have agreed as
/// follows, the General Assembly (proclaims), therefore now, hereby agree.
const CLOSING_FORMULAS: [&str; 9] = [
    "قد اتفقت",
    "اتفقت على ما يلي",
    "تتفق على ما يلي",
    "فإن الجمعية العامة",
    "تنادي بهذا",
    "因此现在",
    "兹协议如下",
    "兹议定如下",
    "兹商定如下",
];

/// Russian verbs of the enacting formula, which follow the parties' names in lower case
/// (`договорились о нижеследующем`: have agreed as follows).
const RUSSIAN_CLOSING: [&str; 4] = [
    "договорились",
    "согласились",
    "провозглашает",
    "постановляет",
];

/// The assembly that speaks a declaration, named on a line of its own between the
/// recitals and the proclamation (`L’Assemblée générale`, `Генеральная Ассамблея,`). At
/// the head of a preamble the same words name who speaks (a resolution's chapeau).
const ASSEMBLIES: [&str; 4] = [
    "l’assemblée générale",
    "l'assemblée générale",
    "la asamblea general",
    "генеральная ассамблея",
];

/// How much of a piece's opening [`lowered_opening`] reads (up to the next space), and
/// the least it keeps once lowered: more than the longest formula or assembly (a test
/// checks), so that every comparison reads the same as on the whole piece.
const OPENING: usize = 96;
const OPENING_KEPT: usize = 64;

/// The opening of `piece` with its spaces collapsed and lower-cased, and whether that is
/// all of it. `split` asks [`is_closing`] at every comma of a block, of the rest of the
/// block: lowering all of it each time would cost the square of the block's length. The
/// cut is at a space, so the opening is exactly the start of the whole piece lowered
/// (a final sigma is final in both); one left short by long runs of spaces is not used.
fn lowered_opening(piece: &str) -> (String, bool) {
    if piece.len() > OPENING {
        let cut = piece
            .char_indices()
            .skip_while(|&(i, _)| i < OPENING)
            .find(|&(_, c)| is_space(c))
            .map(|(i, _)| i);
        if let Some(cut) = cut {
            let lower = crate::inline::collapse_spaces(&piece[..cut]).to_lowercase();
            if lower.len() >= OPENING_KEPT {
                return (lower, false);
            }
        }
    }
    (crate::inline::collapse_spaces(piece).to_lowercase(), true)
}

/// The enacting formula that closes a preamble: a finite verb (`Have agreed as
/// follows`, `Agree upon the following articles`, `HAVE ADOPTED THIS REGULATION`,
/// `Hereby agree`, `Sont convenus`, `Han convenido`, `договорились`), `Now, therefore`
/// (`Ahora, por tanto`, `因此`), or (after the recitals) the assembly that proclaims.
/// Words of another language than the text's are not read: `Han` may be a name.
fn is_closing(piece: &str, lang: Option<&str>, after_recitals: bool) -> bool {
    let piece = piece.trim_start_matches(['*', '_']);
    let (lower, whole) = lowered_opening(piece);
    let first = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if RUSSIAN_CLOSING.contains(&first) {
        return true;
    }
    // A formula opens with a capital (or a letter of a script without case): "has
    // registered" inside a sentence is no formula.
    if !piece.starts_with(|c: char| c.is_alphabetic() && !c.is_lowercase()) {
        return false;
    }
    // The assembly is the whole piece: read it all, when its opening is one.
    let assembly = after_recitals
        && ASSEMBLIES.iter().any(|a| {
            let alone = |lower: &str| {
                lower.strip_prefix(a).is_some_and(|rest| {
                    rest.trim_matches(|c: char| c == ',' || is_space(c))
                        .is_empty()
                })
            };
            lower.starts_with(a)
                && if whole {
                    alone(&lower)
                } else {
                    alone(&crate::inline::collapse_spaces(piece).to_lowercase())
                }
        });
    assembly
        || matches!(
            first,
            "have" | "has" | "agree" | "hereby" | "decide" | "decides" | "adopt" | "resolve"
        )
        || CLOSING_WORDS
            .iter()
            .any(|&(l, w)| w == first && lang == Some(l))
        || CLOSING_FORMULAS.iter().any(|f| lower.starts_with(f))
        || lower.starts_with("now therefore")
        || lower.starts_with("now, therefore")
        || (lang == Some("es")
            && (lower.starts_with("ahora, por tanto") || lower.starts_with("ahora por tanto")))
}

/// Does the text start with a recital's opening word?
pub(crate) fn opens_with_opener(text: &str, lang: Option<&str>) -> bool {
    is_opener(text.split(is_space).next().unwrap_or(""), lang)
}

/// Does this line open a new recital whatever the line before it: a numbered recital
/// (`(12) …`) or the closing formula?
pub(crate) fn starts_recital_anywhere(line: &str, lang: Option<&str>) -> bool {
    is_closing(line, lang, true) || recital_number(line).is_some()
}

/// Does this line open a new recital (or the closing formula)?
pub(crate) fn starts_recital(line: &str, lang: Option<&str>) -> bool {
    is_opener(line.split(is_space).next().unwrap_or(""), lang)
        || is_closing(line, lang, true)
        || recital_number(line).is_some()
}

/// Does this line open a preamble by naming the parties (`The States Parties to the
/// present Covenant,`, `The Governments signatory hereto,`, `The member States of the
/// Council of Europe, signatory hereto,`, `The High Contracting Parties`), or by a
/// recital's opening word?
pub(crate) fn opens_preamble(line: &str, lang: Option<&str>) -> bool {
    opens_with_opener(line, lang) || names_parties(line)
}

/// Does this line name the parties who speak in the preamble?
pub(crate) fn names_parties(line: &str) -> bool {
    let lower = line.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next();
    // "Государства-участники настоящей Конвенции", "إن الدول الأطراف في هذه الاتفاقية",
    // "本公约缔约国": the parties named with no article before them.
    if first.is_some_and(|w| w.starts_with("государства") || w == "إن")
        || lower.starts_with("本公约缔约国")
    {
        return true;
    }
    if !matches!(
        first,
        Some("the" | "we" | "les" | "los" | "las" | "die" | "de")
    ) {
        return false;
    }
    words.take(12).any(|w| {
        matches!(
            w,
            "parties"
                | "states"
                | "governments"
                | "members"
                | "contracting"
                | "peoples"
                | "powers"
                | "états"
                | "estados"
                | "partes"
                | "gouvernements"
                | "gobiernos"
        ) || w.starts_with("signator")
    })
}

/// A recital's own number, as EU acts write it: "(12) Text" gives ("12", offset of
/// "Text").
pub(crate) fn recital_number(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix('(')?;
    let close = rest.find(')')?;
    let n = &rest[..close];
    // Digits, and the letter of a recital an amendment inserts (`(12a)`).
    let digits = n.bytes().take_while(u8::is_ascii_digit).count();
    let letter = &n[digits..];
    if digits == 0
        || n.len() > 5
        || !(letter.is_empty()
            || letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_lowercase()))
    {
        return None;
    }
    let after = &rest[close + 1..];
    let body = after.trim_start_matches(is_space);
    (body.len() < after.len()).then_some((n, text.len() - body.len()))
}

/// Split one block of preamble text. A recital starts at an opening word after `;`, `,`,
/// `.` or `:` (with or without a space: `Council of Europe,Considering`); the closing
/// formula and everything after it close the preamble. The opening words ("The States
/// Parties to this Convention,") are only looked for in the first block, and only when
/// more follows.
pub(crate) fn split(
    block: &str,
    first_block: bool,
    more_follows: bool,
    lang: Option<&str>,
) -> Pieces {
    let mut cuts = vec![0];
    let bytes = block.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b';' | b',' | b'.' | b':') {
            let after = &block[i + 1..];
            let start = i + 1 + after.len() - after.trim_start_matches(is_space).len();
            let word = block[start..].split(is_space).next().unwrap_or("");
            if is_opener(word, lang)
                || (is_closing(&block[start..], lang, true) && !word.is_empty())
            {
                cuts.push(start);
            }
        }
    }
    cuts.push(block.len());
    cuts.dedup();
    let mut ranges: Vec<(usize, usize)> = cuts
        .windows(2)
        .map(|w| {
            let piece = &block[w[0]..w[1]];
            let lead = piece.len() - piece.trim_start_matches(is_space).len();
            (w[0] + lead, w[0] + piece.trim_end_matches(is_space).len())
        })
        .filter(|(a, b)| a < b)
        .collect();
    let mut pieces = Pieces::default();
    if first_block
        && let Some(&(a, b)) = ranges.first()
        && !is_opener(block[a..b].split(is_space).next().unwrap_or(""), lang)
        && !is_closing(&block[a..b], lang, false)
        && recital_number(&block[a..b]).is_none()
        && (ranges.len() > 1 || more_follows)
    {
        pieces.chapeau = Some((a, b));
        ranges.remove(0);
    }
    if let Some(k) = ranges
        .iter()
        .enumerate()
        .position(|(k, &(a, b))| is_closing(&block[a..b], lang, k > 0 || !first_block))
    {
        let (a, _) = ranges[k];
        let b = ranges.last().map_or(a, |r| r.1);
        pieces.closing = Some((a, b));
        ranges.truncate(k);
    }
    pieces.recitals = ranges;
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_on_preamble_splits_into_recitals() {
        let block = "The member States, Considering that the aim is unity; Recognising the value of co-operation; Convinced of the need, inter alia, to act; Have agreed as follows:";
        let p = split(block, true, false, Some("en"));
        let texts: Vec<&str> = p.recitals.iter().map(|&(a, b)| &block[a..b]).collect();
        assert_eq!(
            p.chapeau.map(|(a, b)| &block[a..b]),
            Some("The member States,")
        );
        assert_eq!(
            texts,
            [
                "Considering that the aim is unity;",
                "Recognising the value of co-operation;",
                "Convinced of the need, inter alia, to act;"
            ]
        );
        assert_eq!(
            p.closing.map(|(a, b)| &block[a..b]),
            Some("Have agreed as follows:")
        );
    }

    #[test]
    fn whereas_recitals() {
        let block = "Whereas recognition of dignity is the foundation, Whereas disregard has resulted in barbarous acts, Now therefore the General Assembly proclaims";
        let p = split(block, true, false, Some("en"));
        assert_eq!(p.chapeau, None);
        assert_eq!(p.recitals.len(), 2);
        assert_eq!(
            p.closing.map(|(a, _)| &block[a..a + 13]),
            Some("Now therefore")
        );
    }

    #[test]
    fn openers_cut_after_any_stop_even_with_no_space() {
        let block = "The member States of the Council of Europe, signatory hereto,Considering that the aim is a greater unity;Recognising the need. Convinced also that it is necessary: Concerned by the risks, Bearing also in mind the law, Have agreed as follows:";
        let p = split(block, true, false, Some("en"));
        let texts: Vec<&str> = p.recitals.iter().map(|&(a, b)| &block[a..b]).collect();
        assert_eq!(
            p.chapeau.map(|(a, b)| &block[a..b]),
            Some("The member States of the Council of Europe, signatory hereto,")
        );
        assert_eq!(
            texts,
            [
                "Considering that the aim is a greater unity;",
                "Recognising the need.",
                "Convinced also that it is necessary:",
                "Concerned by the risks,",
                "Bearing also in mind the law,"
            ]
        );
        assert_eq!(
            p.closing.map(|(a, b)| &block[a..b]),
            Some("Have agreed as follows:")
        );
    }

    #[test]
    fn words_that_only_look_like_openers_do_not_cut() {
        let block = "Considering the work done, During the conference, Including the annexes, United Nations bodies acted";
        let p = split(block, false, false, Some("en"));
        assert_eq!(p.recitals.len(), 1, "{:?}", p.recitals);
    }

    #[test]
    fn the_parties_open_a_preamble() {
        for line in [
            "The States Parties to the present Covenant,",
            "The Governments signatory hereto,",
            "The member States of the Council of Europe, signatory hereto,",
            "The High Contracting Parties",
            "THE HIGH CONTRACTING PARTIES,",
            "Considering that the peoples of the United Nations have reaffirmed their faith",
        ] {
            assert!(opens_preamble(line, Some("en")), "{line}");
        }
        for line in [
            "International Covenant on Civil and Political Rights",
            "The Convention on the Rights of the Child",
            "Convention relating to the Status of Refugees",
        ] {
            assert!(!opens_preamble(line, Some("en")), "{line}");
        }
    }

    #[test]
    fn enacting_formulas_close_the_preamble() {
        for f in [
            "Have agreed as follows:",
            "Agree upon the following articles:",
            "HAVE ADOPTED THIS REGULATION:",
            "Hereby agree as follows:",
            "Now, therefore, The General Assembly proclaims",
        ] {
            assert!(is_closing(f, Some("en"), true), "{f}");
        }
        assert!(!is_closing("Having regard to the Treaty", Some("en"), true));
        assert!(!is_closing(
            "has registered the system in the database",
            Some("en"),
            true
        ));
    }

    #[test]
    fn a_single_recital_line_stays_whole() {
        let block = "Concerned about the seriousness of problems posed by corruption,";
        let p = split(block, false, false, Some("en"));
        assert_eq!(p.recitals, [(0, block.len())]);
    }

    #[test]
    fn eu_recitals_carry_their_own_numbers() {
        assert_eq!(recital_number("(12) The purpose"), Some(("12", 5)));
        assert_eq!(recital_number("(a) not a recital number"), None);
        assert_eq!(recital_number("(12)glued"), None);
        assert!(starts_recital(
            "(1) The purpose of this Regulation is",
            Some("en")
        ));
        assert!(starts_recital(
            "After transmission of the draft legislative act",
            Some("en")
        ));
    }

    #[test]
    fn every_formula_fits_in_the_opening_read() {
        let compared = CLOSING_FORMULAS
            .iter()
            .chain(&ASSEMBLIES)
            .chain(&["now, therefore", "ahora, por tanto"]);
        for f in compared {
            assert!(f.len() < OPENING_KEPT, "{f}");
        }
    }

    proptest::proptest! {
        /// The opening read of a long piece is the start of the whole piece, spaces
        /// collapsed and lower-cased, and long enough to hold every formula.
        #[test]
        fn the_opening_is_the_start_of_the_whole_piece_lowered(
            piece in "([A-Za-zΣσÉé,;]{1,12}[ \t\u{a0}]{1,3}){20,80}[A-ZΣ]{0,3}",
        ) {
            let whole = crate::inline::collapse_spaces(&piece).to_lowercase();
            let (opening, all) = lowered_opening(&piece);
            proptest::prop_assert!(whole.starts_with(&opening), "{opening:?} / {whole:?}");
            if all {
                proptest::prop_assert_eq!(opening, whole);
            } else {
                proptest::prop_assert!(opening.len() >= OPENING_KEPT);
            }
        }
    }
}
