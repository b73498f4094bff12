//! The line grammar: what one line of a convention text is (an article heading, a
//! paragraph marker, page furniture, ...), written as small nom parsers.
//!
//! Every rule reads one line without its line ending. Offsets into the line are kept so
//! the builder can give each piece its exact source span.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, eof, opt, recognize, rest, verify};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};
use treaty_model::NodeKind;

type Res<'a, O> = IResult<&'a str, O>;

/// Languages a structural keyword belongs to, as a bit set.
pub type Lang = u8;
pub const EN: Lang = 1;
pub const FR: Lang = 2;
pub const NL: Lang = 4;
pub const DE: Lang = 8;
pub const ES: Lang = 16;
pub const RU: Lang = 32;
pub const AR: Lang = 64;
pub const ZH: Lang = 128;

/// ISO code of the first language in a set.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        l if l & EN != 0 => "en",
        l if l & FR != 0 => "fr",
        l if l & NL != 0 => "nl",
        l if l & DE != 0 => "de",
        l if l & ES != 0 => "es",
        l if l & RU != 0 => "ru",
        l if l & AR != 0 => "ar",
        _ => "zh",
    }
}

/// How a list marker is punctuated: `(a)`, `a)`, `a.`, `’1’` or `1 -` (as Arabic texts
/// number paragraphs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Punct {
    Paren,
    Close,
    Dot,
    Quote,
    Dash,
}

/// A list marker at the start of a line, read every way it could be meant: `(i)` is the
/// ninth letter or the first roman numeral; the builder decides from context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker<'a> {
    pub raw: &'a str,
    pub punct: Punct,
    pub digit: Option<u32>,
    pub letter: Option<u32>,
    pub roman: Option<u32>,
    /// `a.obtained`, `1.Everyone`: a full-stop marker glued to its first word. It is an
    /// item only when it fits the numbering; else the line is running text.
    pub glued: bool,
    /// `(b a)` or `(ba)`: an entry inserted after `(b)` by an amendment, as the European
    /// Parliament numbers them; `letter` is that of `b`.
    pub inserted: bool,
}

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind<'a> {
    Blank,
    /// An HTML `<meta>` line left by an export.
    Meta,
    /// A page number, document symbol, job number or barcode.
    Furniture,
    /// A publisher's note that is not treaty text.
    Editorial,
    Article {
        number: &'a str,
        heading: Option<&'a str>,
        lang: Lang,
    },
    Division {
        kind: NodeKind,
        number: &'a str,
        heading: Option<&'a str>,
        lang: Lang,
    },
    Preamble {
        rest: &'a str,
        lang: Lang,
    },
    Annex {
        number: Option<&'a str>,
        heading: Option<&'a str>,
        lang: Lang,
    },
    /// A short code such as `S1` or `M2` (a unit of an annex, in a heading).
    Code(&'a str),
    /// "IN WITNESS WHEREOF", "DONE at".
    Final,
    FootnoteDef {
        label: &'a str,
        rest: &'a str,
    },
    Marker {
        marker: Marker<'a>,
        rest: &'a str,
    },
    Text(&'a str),
}

/// A classified line: its kind, and whether it was a Markdown `#` heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Class<'a> {
    pub kind: Kind<'a>,
    pub markdown_heading: bool,
}

/// What a blank line is.
pub const BLANK: Class<'static> = Class {
    kind: Kind::Blank,
    markdown_heading: false,
};

/// Whether a line (without its line ending) is empty or white space only: what
/// [`classify`] calls [`Kind::Blank`].
pub fn is_blank(line: &str) -> bool {
    line.trim_matches(is_space).is_empty()
}

/// Classify one line (without its line ending).
pub fn classify(line: &str) -> Class<'_> {
    if is_blank(line) {
        return BLANK;
    }
    let trimmed = line.trim_end_matches(is_space);
    if let Ok((_, body)) = markdown_heading(trimmed) {
        let kind = structural(body)
            .or_else(|| {
                all_consuming(unit_code)
                    .parse(body)
                    .ok()
                    .map(|(_, c)| Kind::Code(c))
            })
            .unwrap_or(Kind::Text(body));
        return Class {
            kind,
            markdown_heading: true,
        };
    }
    let body = trimmed.trim_start_matches(is_space);
    let kind = if body.starts_with("<meta ") {
        Kind::Meta
    } else if all_consuming(furniture).parse(body).is_ok() {
        Kind::Furniture
    } else if is_editorial(body) {
        Kind::Editorial
    } else if let Some(kind) = structural(body) {
        kind
    } else if body.starts_with(FINAL_OPENERS) && final_clause(body).is_ok() {
        Kind::Final
    } else if let Ok((rest, label)) = footnote_def(body) {
        Kind::FootnoteDef { label, rest }
    } else if let Ok((rest, marker)) = marker(body) {
        Kind::Marker { marker, rest }
    } else {
        Kind::Text(body)
    };
    Class {
        kind,
        markdown_heading: false,
    }
}

/// The letters final clauses open with in the six languages (and Markdown emphasis):
/// a cheap test that spares running their grammar over ordinary lines.
const FINAL_OPENERS: [char; 17] = [
    'I', 'i', 'D', 'E', 'e', 'F', 'H', 'В', 'в', 'С', 'و', 'إ', '下', '为', '*', '_', 'D',
];

/// White space as it appears in real texts: ASCII, no-break and the other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn ws0(i: &str) -> Res<'_, &str> {
    take_while(is_space)(i)
}

fn ws1(i: &str) -> Res<'_, &str> {
    take_while1(is_space)(i)
}

// markdown_heading = "#"{1,6} ws* body
fn markdown_heading(i: &str) -> Res<'_, &str> {
    preceded(
        (take_while_m_n(1, 6, |c| c == '#'), ws0),
        verify(rest, |s: &str| !s.is_empty()),
    )
    .parse(i)
}

/// Headings that open a structural unit, tried in order.
fn structural(body: &str) -> Option<Kind<'_>> {
    // Every structural keyword starts with one of these letters: a cheap test that spares
    // running the keyword parsers over ordinary sentences.
    if !body.starts_with([
        'A', 'B', 'C', 'D', 'H', 'K', 'P', 'S', 'T', // Latin capitals
        'Г', 'П', 'Р', 'С', 'Ч', // Cyrillic capitals
        'ا', // the alef of the Arabic article `ال`
        '第', '序', '附', // Chinese
    ]) {
        return None;
    }
    all_consuming(alt((
        article_heading,
        division_heading,
        annex_heading,
        preamble_heading,
        chinese_heading,
    )))
    .parse(body)
    .ok()
    .map(|(_, k)| k)
}

// article_heading = article_keyword ws+ article_number [heading_tail] ws*
fn article_heading(i: &str) -> Res<'_, Kind<'_>> {
    let (i, lang) = article_keyword(i)?;
    let (i, number) = preceded(ws1, article_number).parse(i)?;
    let (i, heading) = opt(heading_tail).parse(i)?;
    let (i, _) = (ws0, eof).parse(i)?;
    Ok((
        i,
        Kind::Article {
            number,
            heading,
            lang,
        },
    ))
}

// article_keyword = "Article" | "ARTICLE" | "Artikel" | "Artículo" | "Статья" | "المادة" | "Art."
fn article_keyword(i: &str) -> Res<'_, Lang> {
    alt((
        word_keyword("article", EN | FR),
        word_keyword("artikel", NL | DE),
        word_keyword("artículo", ES),
        word_keyword("статья", RU),
        word_keyword("المادة", AR),
        keyword("art.", EN | FR | NL | DE | ES),
    ))
    .parse(i)
}

/// A keyword in title case or capitals ("Article", "ARTICLE"), not "aRtIcLe"; a script
/// without case (Arabic) is taken as written.
fn keyword(word: &'static str, lang: Lang) -> impl Fn(&str) -> Res<'_, Lang> {
    move |i: &str| {
        let (rest, got) = tag_no_case(word)(i)?;
        let mut chars = got.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase());
        let tail = chars.as_str();
        let tail_ok =
            tail.chars().all(char::is_lowercase) || tail.chars().all(|c| !c.is_lowercase());
        if first_ok && tail_ok {
            Ok((rest, lang))
        } else {
            Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            )))
        }
    }
}

/// A [`keyword`] that is a whole word: "Partie" is not "Part" followed by "ie".
fn word_keyword(word: &'static str, lang: Lang) -> impl Fn(&str) -> Res<'_, Lang> {
    move |i: &str| {
        terminated(
            keyword(word, lang),
            nom::combinator::not(nom::character::complete::satisfy(char::is_alphabetic)),
        )
        .parse(i)
    }
}

// article_number = digit+ [ws* latin_ordinal] | ordinal_word
// (digits of any script: `47`, `٤٧`)
fn article_number(i: &str) -> Res<'_, &str> {
    alt((
        recognize((
            take_while1(crate::numeral::is_digit),
            opt(alt((
                preceded(ws0, latin_ordinal),
                // `Article 4 a`, `Article 4a`: an article an amendment inserts after
                // Article 4.
                recognize(preceded(
                    ws0,
                    terminated(
                        take_while_m_n(1, 1, |c: char| c.is_ascii_lowercase()),
                        nom::combinator::not(nom::character::complete::satisfy(
                            char::is_alphanumeric,
                        )),
                    ),
                )),
            ))),
        )),
        ordinal_word,
    ))
    .parse(i)
}

// ordinal_word = word [ws+ word]   where the words are an ordinal: `premier`, `الحادية عشرة`
fn ordinal_word(i: &str) -> Res<'_, &str> {
    let word = || take_while1(|c: char| c.is_alphabetic() || is_arabic_mark(c));
    let is_ordinal = |s: &str| crate::numeral::ordinal_word(s).is_some();
    alt((
        verify(recognize((word(), ws1, word())), is_ordinal),
        verify(word(), is_ordinal),
    ))
    .parse(i)
}

/// A letter of the Arabic script.
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{621}'..='\u{64a}' | '\u{671}'..='\u{6d3}' | '\u{6fa}'..='\u{6ff}')
}

/// The vowel marks, tanween and tatweel that Arabic words may carry.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{64b}'..='\u{652}' | '\u{640}' | '\u{670}')
}

// chinese_heading = "第" ws* (digit+ | chinese_numeral) ws* ("条" | "章" | "节" | "部分" | "编")
//                   [heading_tail] ws*
//                 | "序言" ws*
//                 | "附件" [ws* (digit+ | chinese_numeral)] [heading_tail] ws*
fn chinese_heading(i: &str) -> Res<'_, Kind<'_>> {
    let numeral = || {
        alt((
            take_while1(crate::numeral::is_digit),
            verify(
                take_while1(|c: char| "〇零一二两三四五六七八九十百千".contains(c)),
                |s: &str| crate::numeral::chinese_value(s).is_some(),
            ),
        ))
    };
    if let Ok((i, _)) = (tag("序言"), ws0, eof).parse(i) {
        return Ok((i, Kind::Preamble { rest: "", lang: ZH }));
    }
    if let Ok((i, _)) = tag::<_, _, nom::error::Error<&str>>("附件").parse(i) {
        let (i, number) = opt(preceded(ws0, numeral())).parse(i)?;
        let (i, heading) = opt(heading_tail).parse(i)?;
        let (i, _) = (ws0, eof).parse(i)?;
        return Ok((
            i,
            Kind::Annex {
                number,
                heading,
                lang: ZH,
            },
        ));
    }
    let (i, number) = delimited((tag("第"), ws0), numeral(), ws0).parse(i)?;
    let (i, kind) = alt((
        tag("条").map(|_| NodeKind::Article),
        tag("章").map(|_| NodeKind::Chapter),
        tag("节").map(|_| NodeKind::Section),
        tag("部分").map(|_| NodeKind::Part),
        tag("编").map(|_| NodeKind::Part),
    ))
    .parse(i)?;
    let (i, heading) = opt(heading_tail).parse(i)?;
    let (i, _) = (ws0, eof).parse(i)?;
    let lang = ZH;
    Ok((
        i,
        match kind {
            NodeKind::Article => Kind::Article {
                number,
                heading,
                lang,
            },
            kind => Kind::Division {
                kind,
                number,
                heading,
                lang,
            },
        },
    ))
}

// latin_ordinal = "bis" | "ter" | "quater" | "quinquies" | "sexies" | ... (a whole word)
fn latin_ordinal(i: &str) -> Res<'_, &str> {
    terminated(
        alt((
            tag_no_case("bis"),
            tag_no_case("ter"),
            tag_no_case("quater"),
            tag_no_case("quinquies"),
            tag_no_case("sexies"),
            tag_no_case("septies"),
            tag_no_case("octies"),
            tag_no_case("novies"),
            tag_no_case("decies"),
        )),
        nom::combinator::not(nom::character::complete::satisfy(|c| c.is_alphanumeric())),
    )
    .parse(i)
}

// heading_tail = ws* ("." | ":" | "–" | "—" | "-") ws* heading_text
//              | ws+ heading_text            (only a capitalised heading with no final stop)
fn heading_tail(i: &str) -> Res<'_, &str> {
    alt((
        preceded(
            (
                ws0,
                alt((tag("."), tag(":"), tag("："), tag("–"), tag("—"), tag("-"))),
                ws0,
            ),
            heading_text,
        ),
        preceded(
            ws1,
            verify(heading_text, |h: &str| {
                looks_like_heading(h) && (cased_start(h) || short_cjk(h))
            }),
        ),
    ))
    .parse(i)
}

/// Whether a heading opens with a capital or a digit. In a script without capitals
/// (Arabic) any words after `المادة 5` would read as a heading, the middle of a wrapped
/// sentence too; such a heading is taken on the same line only after punctuation
/// (`المادة 5 - النطاق`).
fn cased_start(h: &str) -> bool {
    heading_words(h)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A short run of Chinese characters with no punctuation: a heading after `第一条`, as
/// some Chinese texts print it on the article's line (running text has its commas).
fn short_cjk(h: &str) -> bool {
    let h = heading_words(h);
    h.chars().count() <= 20
        && h.chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '和' || is_space(c))
}

// heading_text = any text, trailing white space excluded
fn heading_text(i: &str) -> Res<'_, &str> {
    let t = i.trim_end_matches(is_space);
    if t.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((&i[t.len()..], t))
}

/// A short capitalised line with no final punctuation: reads like a heading, not a sentence.
/// A heading may be led by a dash (`- Right to life`, `– Prohibition of torture`) or be one
/// quoted phrase (`‘Mere conduit’`); a line that only opens with a quoted term (`‘AI
/// system’ means …`) is a sentence.
pub fn looks_like_heading(s: &str) -> bool {
    let s = s.trim_matches(is_space);
    if s.starts_with(QUOTES) && quoted(s).is_none() {
        return false;
    }
    let words = heading_words(s);
    // A capital, or a letter of a script without case (Arabic, Chinese).
    let first_upper = words
        .chars()
        .next()
        .is_some_and(|c| (c.is_alphabetic() && !c.is_lowercase()) || c.is_ascii_digit());
    first_upper && words.chars().count() <= 160 && !words.ends_with(SENTENCE_ENDS)
}

/// Punctuation that ends a sentence or a clause rather than a heading, in the six
/// languages (Chinese full-width forms, the Arabic comma and semicolon).
const SENTENCE_ENDS: [char; 16] = [
    '.', ';', ':', ',', '?', '!', '。', '；', '：', '，', '？', '！', '،', '؛', '؟', '、',
];

/// Opening quotation marks a heading may be written in.
const QUOTES: [char; 6] = ['‘', '“', '"', '\'', '«', '„'];

/// The words of a line that is one quoted phrase: `‘Mere conduit’` → `Mere conduit`.
fn quoted(s: &str) -> Option<&str> {
    let open = s.chars().next()?;
    let close = match open {
        '‘' => '’',
        '“' => '”',
        '«' => '»',
        '„' => '“',
        c => c,
    };
    let inner = s.strip_prefix(open)?.strip_suffix(close)?;
    (!inner.is_empty() && !inner.contains(close) && !inner.contains(open)).then_some(inner)
}

/// A heading's own words: without a leading dash (`- Right to life`) and without the
/// quotation marks around a heading written as one quoted phrase (`‘Mere conduit’`).
pub fn heading_words(s: &str) -> &str {
    let s = s.trim_matches(is_space);
    let s = match s.strip_prefix(['-', '–', '—', '•']) {
        Some(rest) if rest.starts_with(is_space) || !rest.starts_with('-') => {
            rest.trim_start_matches(is_space)
        }
        _ => s,
    };
    quoted(s).map_or(s, |inner| inner.trim_matches(is_space))
}

// division_heading = division_keyword ws+ division_number [heading_tail] ws*
fn division_heading(i: &str) -> Res<'_, Kind<'_>> {
    let (i, (kind, lang)) = division_keyword(i)?;
    let (i, number) = preceded(ws1, division_number).parse(i)?;
    let (i, heading) = opt(heading_tail).parse(i)?;
    let (i, _) = (ws0, eof).parse(i)?;
    Ok((
        i,
        Kind::Division {
            kind,
            number,
            heading,
            lang,
        },
    ))
}

// division_keyword = "Part" | "Chapter" | "Section" | "Subsection" | "Title" | their
//                    French, Dutch, German, Spanish, Russian and Arabic names
fn division_keyword(i: &str) -> Res<'_, (NodeKind, Lang)> {
    let k = |word, kind, lang| move |i| word_keyword(word, lang)(i).map(|(r, l)| (r, (kind, l)));
    alt((
        alt((
            k("part", NodeKind::Part, EN),
            k("partie", NodeKind::Part, FR),
            k("parte", NodeKind::Part, ES),
            k("deel", NodeKind::Part, NL),
            k("teil", NodeKind::Part, DE),
            k("часть", NodeKind::Part, RU),
            k("الجزء", NodeKind::Part, AR),
            k("chapter", NodeKind::Chapter, EN),
            k("chapitre", NodeKind::Chapter, FR),
            k("hoofdstuk", NodeKind::Chapter, NL),
            k("kapitel", NodeKind::Chapter, DE),
            k("capítulo", NodeKind::Chapter, ES),
            k("глава", NodeKind::Chapter, RU),
            k("الفصل", NodeKind::Chapter, AR),
        )),
        alt((
            k("subsection", NodeKind::Subsection, EN),
            k("section", NodeKind::Section, EN | FR),
            k("afdeling", NodeKind::Section, NL),
            k("abschnitt", NodeKind::Section, DE),
            k("sección", NodeKind::Section, ES),
            k("раздел", NodeKind::Section, RU),
            k("الفرع", NodeKind::Section, AR),
            k("القسم", NodeKind::Section, AR),
            k("title", NodeKind::Title, EN),
            k("titre", NodeKind::Title, FR),
            k("titel", NodeKind::Title, NL | DE),
            k("título", NodeKind::Title, ES),
            k("الباب", NodeKind::Title, AR),
        )),
    ))
    .parse(i)
}

// division_number = roman | digit+ | ordinal_word | "ONE" .. "TEN"
// (digits of any script)
fn division_number(i: &str) -> Res<'_, &str> {
    alt((
        verify(
            take_while1(|c: char| "IVXLCivxlc".contains(c)),
            |s: &str| roman_value(s).is_some(),
        ),
        take_while1(crate::numeral::is_digit),
        ordinal_word,
        terminated(
            alt((
                tag_no_case("one"),
                tag_no_case("two"),
                tag_no_case("three"),
                tag_no_case("four"),
                tag_no_case("five"),
                tag_no_case("six"),
                tag_no_case("seven"),
                tag_no_case("eight"),
                tag_no_case("nine"),
                tag_no_case("ten"),
            )),
            nom::combinator::not(nom::character::complete::satisfy(char::is_alphanumeric)),
        ),
    ))
    .parse(i)
}

// annex_heading = annex_keyword [ws+ annex_number] [heading_tail] ws*
fn annex_heading(i: &str) -> Res<'_, Kind<'_>> {
    let (i, lang) = alt((
        word_keyword("annex", EN | FR),
        word_keyword("annexe", FR),
        word_keyword("appendix", EN),
        word_keyword("appendice", FR),
        word_keyword("bijlage", NL),
        word_keyword("anhang", DE),
        word_keyword("anexo", ES),
        word_keyword("apéndice", ES),
        word_keyword("приложение", RU),
        word_keyword("المرفق", AR),
    ))
    .parse(i)?;
    let (i, number) = opt(preceded(
        ws1,
        alt((
            division_number,
            verify(
                take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
                |_: &str| true,
            ),
        )),
    ))
    .parse(i)?;
    let (i, heading) = opt(heading_tail).parse(i)?;
    let (i, _) = (ws0, eof).parse(i)?;
    Ok((
        i,
        Kind::Annex {
            number,
            heading,
            lang,
        },
    ))
}

// preamble_heading = preamble_keyword (ws* eof | ws+ text | capitalised text)
fn preamble_heading(i: &str) -> Res<'_, Kind<'_>> {
    let (i, lang) = alt((
        keyword("preamble", EN),
        keyword("préambule", FR),
        keyword("preambule", NL),
        keyword("präambel", DE),
        keyword("preámbulo", ES),
        keyword("преамбула", RU),
    ))
    .parse(i)
    .or_else(|_: nom::Err<nom::error::Error<&str>>| {
        // Without capitals to tell a run-on preamble from a sentence, the Arabic
        // heading stands alone on its line.
        terminated(keyword("الديباجة", AR), nom::combinator::peek((ws0, eof))).parse(i)
    })?;
    let (i, rest) = alt((
        preceded(ws1, rest),
        verify(rest, |s: &str| {
            s.is_empty() || s.starts_with(char::is_uppercase)
        }),
    ))
    .parse(i)?;
    Ok((i, Kind::Preamble { rest, lang }))
}

// unit_code = upper{1,2} digit{1,2}          e.g. S0, M1, P2
fn unit_code(i: &str) -> Res<'_, &str> {
    recognize((
        take_while_m_n(1, 2, |c: char| c.is_ascii_uppercase()),
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
    ))
    .parse(i)
}

// final_clause = emphasis? ( "IN" ws+ ("WITNESS" | "FAITH" | "TESTIMONY") ws+ "WHEREOF"
//                           | ("DONE" | "Done") ws+ ("at" | "in" | "this" | "on")
//                           | the same formulas in French, Spanish, Russian, Arabic, Chinese )
// (any case but the capital D of Done, F of Fait, H of Hecho, С of Совершено;
// `emphasis` is Markdown's `*`, `**` or `_`)
pub(crate) fn final_clause(i: &str) -> Res<'_, &str> {
    let (i, _) = take_while_m_n(0, 3, |c| c == '*' || c == '_')(i)?;
    let words = |ws: &'static [&'static str]| {
        move |i| {
            let mut rest = i;
            for (k, w) in ws.iter().enumerate() {
                if k > 0 {
                    rest = ws1(rest)?.0;
                }
                rest = tag_no_case(*w)(rest)?.0;
            }
            let (rest, _) =
                nom::combinator::not(nom::character::complete::satisfy(char::is_alphanumeric))
                    .parse(rest)?;
            Ok((rest, &i[..i.len() - rest.len()]))
        }
    };
    // "Fait à", "Hecho en", "Совершено в": a word in title case or capitals, then the
    // place or date.
    let done = |word: &'static str, after: &'static str, or: &'static str| {
        recognize((
            keyword(word, 0),
            ws1,
            alt((tag_no_case(after), tag_no_case(or))),
            nom::combinator::not(nom::character::complete::satisfy(char::is_alphanumeric)),
        ))
    };
    alt((
        recognize((
            tag_no_case("in"),
            ws1,
            alt((
                tag_no_case("witness"),
                tag_no_case("faith"),
                tag_no_case("testimony"),
            )),
            ws1,
            tag_no_case("whereof"),
        )),
        recognize((
            alt((tag("DONE"), tag("Done"))),
            ws1,
            alt((
                tag_no_case("at"),
                tag_no_case("in"),
                tag_no_case("this"),
                tag_no_case("on"),
            )),
            nom::combinator::not(nom::character::complete::satisfy(char::is_alphanumeric)),
        )),
        words(&["en", "foi", "de", "quoi"]),
        words(&["en", "fe", "de", "lo", "cual"]),
        words(&["en", "testimonio", "de", "lo", "cual"]),
        words(&["в", "удостоверение", "чего"]),
        done("fait", "à", "a"),
        done("hecho", "en", "en"),
        done("совершено", "в", "в"),
        arabic_witness,
        chinese_witness,
    ))
    .parse(i)
}

// chinese_witness = ["为此" [","]] "下列" ("签署人" | "署名" | "签字人")   (the undersigned)
fn chinese_witness(i: &str) -> Res<'_, &str> {
    recognize((
        opt((tag("为此"), opt(alt((tag("，"), tag(",")))), ws0)),
        tag("下列"),
        alt((tag("签署人"), tag("署名"), tag("签字人"))),
    ))
    .parse(i)
}

// arabic_witness = "و"? ("إثبات" | "إشهاد") marks* ws+ ("لذلك" | "على" ws+ "ذلك")
// (`وإثباتاً لذلك`, `وإثباتا لذلك`: in witness whereof)
fn arabic_witness(i: &str) -> Res<'_, &str> {
    recognize((
        opt(tag("و")),
        alt((tag("إثبات"), tag("إشهاد"))),
        take_while(|c| c == 'ا' || is_arabic_mark(c)),
        ws1,
        alt((tag("لذلك"), recognize((tag("على"), ws1, tag("ذلك"))))),
    ))
    .parse(i)
}

/// Where, inside a line of text, the final clauses begin: after the end of a sentence
/// ("… paragraph 5. IN WITNESS WHEREOF the undersigned …"), as flattened texts have it.
pub(crate) fn final_clause_within(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'.', bytes)
        .filter(|&k| bytes.get(k + 1) == Some(&b' '))
        .find_map(|k| {
            let at = k + 2;
            let rest = &line[at..];
            let rest_start = at + (rest.len() - rest.trim_start_matches(is_space).len());
            // Only "In …" and "Done …" (perhaps in emphasis) can open the final clauses.
            let opens = line[rest_start..].starts_with(['I', 'i', 'D', '*', '_']);
            (opens && final_clause(&line[rest_start..]).is_ok()).then_some(rest_start)
        })
}

// footnote_def = "[^" label "]:" ws*
fn footnote_def(i: &str) -> Res<'_, &str> {
    terminated(
        delimited(
            tag("[^"),
            take_while1(|c: char| c.is_alphanumeric()),
            tag("]:"),
        ),
        ws0,
    )
    .parse(i)
}

// marker = ( "(" token ")" | token ")" | token "." | quote digit+ quote ) (ws+ | eof | "(" rest)
fn marker(i: &str) -> Res<'_, Marker<'_>> {
    let (rest, (raw, punct)) = alt((
        |i| {
            delimited(char('('), marker_token, char(')'))
                .parse(i)
                .map(|(r, t)| (r, (t, Punct::Paren)))
        },
        // `(b a)`: a point an amendment inserts after (b).
        |i| {
            delimited(
                char('('),
                recognize((
                    take_while_m_n(1, 1, |c: char| c.is_ascii_lowercase()),
                    ws1,
                    take_while_m_n(1, 1, |c: char| c.is_ascii_lowercase()),
                )),
                char(')'),
            )
            .parse(i)
            .map(|(r, t)| (r, (t, Punct::Paren)))
        },
        // Chinese texts may write the brackets full width: `（a）`.
        |i| {
            delimited(char('（'), marker_token, char('）'))
                .parse(i)
                .map(|(r, t)| (r, (t, Punct::Paren)))
        },
        // `1 - ` and `1- `: a number, a dash and a space, as Arabic texts write paragraphs.
        |i| {
            terminated(
                take_while_m_n(1, 3, crate::numeral::is_digit),
                (ws0, alt((char('-'), char('–'))), nom::combinator::peek(ws1)),
            )
            .parse(i)
            .map(|(r, t)| (r, (t, Punct::Dash)))
        },
        |i| {
            terminated(marker_token, char(')'))
                .parse(i)
                .map(|(r, t)| (r, (t, Punct::Close)))
        },
        |i| {
            terminated(marker_token, char('.'))
                .parse(i)
                .map(|(r, t)| (r, (t, Punct::Dot)))
        },
        |i| {
            delimited(quote, digit1, quote)
                .parse(i)
                .map(|(r, t)| (r, (t, Punct::Quote)))
        },
    ))
    .parse(i)?;
    // After the marker: white space, the end of the line, or (for "(i)The", "a)access") a letter.
    // "a). Exogenous": a stray full stop after the marker.
    let rest = match punct {
        Punct::Close => rest.strip_prefix('.').unwrap_or(rest),
        _ => rest,
    };
    let mut glued = false;
    let rest = match alt((ws1, eof)).parse(rest) {
        Ok((r, _)) => r,
        Err(_)
            if matches!(punct, Punct::Paren | Punct::Close)
                && rest.starts_with(char::is_alphabetic) =>
        {
            rest
        }
        // "a.obtained", "1.Everyone", but not "i.e.", "e.g.", "U.S.", "a.m.": a letter
        // and a full stop again are an abbreviation.
        Err(_) if punct == Punct::Dot && glued_word(rest) => {
            glued = true;
            rest
        }
        Err(e) => return Err(e),
    };
    // `1 - ` numbers paragraphs in Arabic texts; elsewhere it is a range (`12 - 15 June`).
    if punct == Punct::Dash
        && !rest
            .trim_start_matches(is_space)
            .starts_with(is_arabic_letter)
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    // A Cyrillic or Arabic letter before a full stop is an abbreviation (`г. Нью-Йорке`,
    // `с. 5`): those texts letter their lists `а)` and `(أ)`.
    if punct == Punct::Dot && !raw.is_ascii() && crate::numeral::ascii_digits(raw).is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let digit = crate::numeral::ascii_digits(raw).and_then(|d| d.parse::<u32>().ok());
    let inserted = inserted_letter(raw);
    let letter = letter_value(raw).or(inserted);
    let roman = roman_value(raw).filter(|_| raw.chars().all(|c| c.is_ascii_lowercase()));
    // "a." must be one letter: "no." or "art." are words, not markers.
    if punct == Punct::Dot && digit.is_none() && raw.chars().count() > 1 && roman.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        rest,
        Marker {
            raw,
            punct,
            digit,
            letter,
            roman,
            glued,
            inserted: inserted.is_some(),
        },
    ))
}

/// The rank of the letter an inserted entry follows: `b a` and `ba` (two different
/// letters that are no Roman numeral) follow `b`.
pub(crate) fn inserted_letter(raw: &str) -> Option<u32> {
    let (a, b) = match raw.as_bytes() {
        [a, b] | [a, b' ', b] => (*a, *b),
        _ => return None,
    };
    if !(a.is_ascii_lowercase() && b.is_ascii_lowercase()) || a == b {
        return None;
    }
    let joined = [a, b];
    let joined = std::str::from_utf8(&joined).ok()?;
    roman_value(joined)
        .is_none()
        .then(|| u32::from(a - b'a') + 1)
}

/// Whether text glued to a full-stop marker is a word: a letter that does not open
/// another abbreviation (`e.`, `S.`).
fn glued_word(rest: &str) -> bool {
    let mut chars = rest.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return false;
    };
    first.is_alphabetic() && second.is_none_or(|c| c != '.')
}

// marker_token = digit{1,3} | lower{1,2} | roman | arabic_letter tatweel? | cyrillic_lower
// (digits of any script)
fn marker_token(i: &str) -> Res<'_, &str> {
    alt((
        take_while_m_n(1, 3, crate::numeral::is_digit),
        verify(
            take_while_m_n(1, 5, |c: char| c.is_ascii_lowercase()),
            |s: &str| s.len() <= 2 || roman_value(s).is_some(),
        ),
        // `(هـ)`: the letter may be drawn out with a tatweel.
        recognize((
            take_while_m_n(1, 1, |c| ABJAD.contains(&c) || c == 'ا'),
            take_while_m_n(0, 1, |c| c == '\u{640}'),
        )),
        take_while_m_n(1, 1, |c| CYRILLIC.contains(&c)),
    ))
    .parse(i)
}

/// The Arabic letters in the abjad order UN texts letter their subparagraphs in: `(أ)` is
/// (a), `(ب)` (b), `(ج)` (c), `(د)` (d), `(ه)` (e) … `(ر)` (t), then the rest of the
/// abjad.
const ABJAD: [char; 28] = [
    'أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق',
    'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ',
];

/// The Russian letters in the order Russian texts letter subparagraphs: `а)` is (a), `б)`
/// (b), `в)` (c) … `и)` (i), `к)` (j); the letters never used as markers (`ё`, `й`, `ъ`,
/// `ы`, `ь`) are left out.
const CYRILLIC: [char; 28] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у',
    'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
];

impl Marker<'_> {
    /// The marker as it is written in IDs, the same in every language: ASCII in lower
    /// case, digits of other scripts in ASCII (`٣` → `3`), Arabic and Cyrillic letters as
    /// the Latin letter of the same rank (`(ب)` and `б)` → `b`).
    pub fn id(&self) -> String {
        if self.raw.is_ascii() {
            // `(b a)` is `ba`, as `2 bis` is `2bis`.
            let mut id = self.raw.to_ascii_lowercase();
            id.retain(|c| c != ' ');
            return id;
        }
        if let Some(d) = self.digit {
            return d.to_string();
        }
        match self.letter {
            Some(v) => latin_letters(v),
            None => self.raw.to_lowercase(),
        }
    }
}

/// The Latin letters of a rank: 1 = `a` … 26 = `z`, 27 = `aa`, 28 = `bb` …
fn latin_letters(v: u32) -> String {
    let k = (v - 1) % 26;
    let c = char::from(b'a' + k as u8);
    std::iter::repeat_n(c, ((v - 1) / 26 + 1) as usize).collect()
}

fn quote(i: &str) -> Res<'_, char> {
    nom::character::complete::one_of("'’‘")(i)
}

/// `a` = 1 ... `z` = 26, `aa` = 27 (doubled letters continue the alphabet); Arabic
/// letters by their rank in the abjad and Russian ones in the alphabet.
pub fn letter_value(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    // A bare alef stands for the alef with hamza of `(أ)`.
    let first = if first == 'ا' { 'أ' } else { first };
    for order in [&ABJAD, &CYRILLIC]
        .into_iter()
        .filter(|_| !first.is_ascii())
    {
        if let Some(k) = order.iter().position(|&c| c == first) {
            return (rest.is_empty() || rest == "\u{640}").then_some(k as u32 + 1);
        }
    }
    if !first.is_ascii_lowercase() {
        return None;
    }
    let base = u32::from(first) - u32::from('a') + 1;
    match chars.next() {
        None => Some(base),
        Some(c) if c == first && chars.next().is_none() => Some(base + 26),
        _ => None,
    }
}

/// The value of a roman numeral (either case), for numerals up to 399.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    // Only canonical spellings: "iiii" or "vx" are not numerals.
    (to_roman(total) == s.to_ascii_lowercase()).then_some(total)
}

/// A number as a Roman numeral in lower case (`14` → `xiv`).
pub fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

// furniture = page_number | document_symbol | job_number | barcode
fn furniture(i: &str) -> Res<'_, &str> {
    alt((
        all_consuming(page_number),
        all_consuming(document_symbol),
        all_consuming(job_number),
        all_consuming(barcode),
    ))
    .parse(i)
}

// page_number = digit{1,4} ["/" digit{1,4}] | "-" ws* digit+ ws* "-" | "Page" ws+ digit+ [ws+ "of" ws+ digit+]
fn page_number(i: &str) -> Res<'_, &str> {
    alt((
        recognize((
            take_while_m_n(1, 4, |c: char| c.is_ascii_digit()),
            opt((
                char('/'),
                take_while_m_n(1, 4, |c: char| c.is_ascii_digit()),
            )),
        )),
        recognize((char('-'), ws0, digit1, ws0, char('-'))),
        recognize((
            tag_no_case("page"),
            ws1,
            digit1,
            opt((ws1, tag_no_case("of"), ws1, digit1)),
        )),
    ))
    .parse(i)
}

// document_symbol = upper{1,6} ("/" symbol_part)+       e.g. A/AC.291/L.15, A/RES/79/243
fn document_symbol(i: &str) -> Res<'_, &str> {
    recognize((
        take_while_m_n(1, 6, |c: char| c.is_ascii_uppercase()),
        nom::multi::many1((
            char('/'),
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
        )),
        opt((ws1, tag("(E)"))),
    ))
    .parse(i)
}

// job_number = [upper{1,2} "."] digit{2} "-" digit{4,6} [ws+ anything]   e.g. V.24-12345 (E)
fn job_number(i: &str) -> Res<'_, &str> {
    recognize((
        opt((
            take_while_m_n(1, 2, |c: char| c.is_ascii_uppercase()),
            char('.'),
        )),
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        char('-'),
        take_while_m_n(4, 6, |c: char| c.is_ascii_digit()),
        opt((ws1, rest)),
    ))
    .parse(i)
}

// barcode = "*" digit{5,} "*"
fn barcode(i: &str) -> Res<'_, &str> {
    recognize((
        char('*'),
        take_while_m_n(5, 12, |c: char| c.is_ascii_digit()),
        char('*'),
    ))
    .parse(i)
}

/// Notes the Dutch treaty database prints inside the English text ("enters into force on
/// a date to be determined"). They are not treaty text.
fn is_editorial(s: &str) -> bool {
    const NOTES: [&str; 2] = [
        "Treedt in werking op een nader te bepalen tijdstip",
        "Datum inwerkingtreding",
    ];
    NOTES.iter().any(|n| s.starts_with(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> Kind<'_> {
        classify(line).kind
    }

    #[test]
    fn article_heading_reads_every_layout() {
        for (line, number, heading) in [
            ("### Article  15  ", "15", None),
            ("Article 5", "5", None),
            ("ARTICLE 24", "24", None),
            (
                "Article 24. Conditions and safeguards",
                "24",
                Some("Conditions and safeguards"),
            ),
            ("Article 24 – Extradition", "24", Some("Extradition")),
            ("Article 2 bis", "2 bis", None),
            ("Article\u{a0}16", "16", None),
            (
                "Article 3 Scope of application",
                "3",
                Some("Scope of application"),
            ),
        ] {
            match kind(line) {
                Kind::Article {
                    number: n,
                    heading: h,
                    ..
                } => {
                    assert_eq!((n, h), (number, heading), "{line:?}");
                }
                other => panic!("{line:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn sentences_that_start_with_article_stay_text() {
        for line in [
            "Article 15 of this Convention shall apply.",
            "Article 5 shall not apply to",
            "article 6",
            "Articles 2 through 11",
        ] {
            assert!(
                matches!(kind(line), Kind::Text(_)),
                "{line:?}: {:?}",
                kind(line)
            );
        }
    }

    #[test]
    fn article_heading_combinator_leaves_nothing() {
        assert_eq!(
            article_heading("Article 7 - Extradition"),
            Ok((
                "",
                Kind::Article {
                    number: "7",
                    heading: Some("Extradition"),
                    lang: EN | FR
                }
            ))
        );
        assert_eq!(article_number("2 bis rest"), Ok((" rest", "2 bis")));
        assert_eq!(article_number("21."), Ok((".", "21")));
        assert_eq!(
            latin_ordinal("bisect"),
            Err(nom::Err::Error(nom::error::Error::new(
                "ect",
                nom::error::ErrorKind::Not
            )))
        );
    }

    #[test]
    fn divisions_in_several_languages() {
        assert!(matches!(
            kind("### CHAPTER  I  "),
            Kind::Division {
                kind: NodeKind::Chapter,
                number: "I",
                heading: None,
                lang: EN
            }
        ));
        assert!(matches!(
            kind("###SECTION 1 "),
            Kind::Division {
                kind: NodeKind::Section,
                number: "1",
                ..
            }
        ));
        assert!(matches!(
            kind("Chapter IV. International cooperation"),
            Kind::Division {
                kind: NodeKind::Chapter,
                number: "IV",
                heading: Some("International cooperation"),
                ..
            }
        ));
        assert!(matches!(
            kind("### HOOFDSTUK  I  "),
            Kind::Division {
                kind: NodeKind::Chapter,
                lang: NL,
                ..
            }
        ));
        assert!(matches!(
            kind("PART ONE"),
            Kind::Division {
                kind: NodeKind::Part,
                number: "ONE",
                ..
            }
        ));
        assert!(matches!(
            kind("Section 3 of the Act applies."),
            Kind::Text(_)
        ));
    }

    #[test]
    fn preamble_forms() {
        assert_eq!(
            kind("Preamble The member States"),
            Kind::Preamble {
                rest: "The member States",
                lang: EN
            }
        );
        assert_eq!(
            kind("PreambuleDe lidstaten"),
            Kind::Preamble {
                rest: "De lidstaten",
                lang: NL
            }
        );
        assert_eq!(
            kind("### Preambule  "),
            Kind::Preamble { rest: "", lang: NL }
        );
        assert!(matches!(kind("Preambular paragraphs"), Kind::Text(_)));
    }

    #[test]
    fn markers_in_every_style() {
        let m = |line| match kind(line) {
            Kind::Marker { marker, rest } => (marker.raw, marker.punct, rest),
            other => panic!("{line:?} read as {other:?}"),
        };
        assert_eq!(
            m("1.   Each Party shall"),
            ("1", Punct::Dot, "Each Party shall")
        );
        assert_eq!(m("2. "), ("2", Punct::Dot, ""));
        assert_eq!(
            m("a) ``computer system\""),
            ("a", Punct::Close, "``computer system\"")
        );
        assert_eq!(
            m("(a) Either or both"),
            ("a", Punct::Paren, "Either or both")
        );
        assert_eq!(m("(iii)  clear"), ("iii", Punct::Paren, "clear"));
        assert_eq!(
            m("(i)The conversion"),
            ("i", Punct::Paren, "The conversion")
        );
        assert_eq!(m("b.  lists of"), ("b", Punct::Dot, "lists of"));
        assert_eq!(m("’1’ means"), ("1", Punct::Quote, "means"));
        assert_eq!(
            m("a)access publicly"),
            ("a", Punct::Close, "access publicly")
        );
        assert_eq!(m("a). Exogenous"), ("a", Punct::Close, "Exogenous"));
        assert!(matches!(kind("no. 5 of"), Kind::Text(_)));
        assert!(matches!(kind("i.e. this"), Kind::Text(_)));
        assert!(matches!(kind("1997. The"), Kind::Text(_)));
    }

    #[test]
    fn marker_values_cover_both_readings() {
        let (_, m) = marker("(i) x").expect("marker");
        assert_eq!((m.letter, m.roman), (Some(9), Some(1)));
        let (_, m) = marker("(v) x").expect("marker");
        assert_eq!((m.letter, m.roman), (Some(22), Some(5)));
        let (_, m) = marker("(b) x").expect("marker");
        assert_eq!((m.letter, m.roman), (Some(2), None));
        let (_, m) = marker("(xiv) x").expect("marker");
        assert_eq!((m.letter, m.roman), (None, Some(14)));
    }

    #[test]
    fn article_headings_in_the_six_languages() {
        for (line, number, lang) in [
            ("المادة 47", "47", AR),
            ("المادة ٤٧", "٤٧", AR),
            ("المادة الأولى", "الأولى", AR),
            ("المادة الحادية عشرة", "الحادية عشرة", AR),
            ("第四十七条", "四十七", ZH),
            ("第二十四条", "二十四", ZH),
            ("第 5 条", "5", ZH),
            ("Article 47", "47", EN | FR),
            ("Article premier", "premier", EN | FR),
            ("Статья 47", "47", RU),
            ("СТАТЬЯ 47", "47", RU),
            ("Artículo 47", "47", ES),
            ("Artículo primero", "primero", ES),
        ] {
            match kind(line) {
                Kind::Article {
                    number: n, lang: l, ..
                } => assert_eq!((n, l), (number, lang), "{line:?}"),
                other => panic!("{line:?} read as {other:?}"),
            }
        }
        assert_eq!(crate::numeral::article_id("二十四"), "24");
        assert_eq!(crate::numeral::article_id("الأولى"), "1");
        assert_eq!(crate::numeral::article_id("premier"), "1");
        // A heading on the same line, in a script without capitals.
        assert!(matches!(
            kind("第一条 目的"),
            Kind::Article {
                heading: Some("目的"),
                ..
            }
        ));
        for line in [
            "المادة تنص على",
            "第一条和第二条",
            "Статья 5 применяется",
            "Article premier alinéa.",
        ] {
            assert!(
                matches!(kind(line), Kind::Text(_)),
                "{line:?}: {:?}",
                kind(line)
            );
        }
    }

    #[test]
    fn divisions_preambles_and_annexes_in_the_six_languages() {
        for (line, k, number, lang) in [
            ("الفصل الأول", NodeKind::Chapter, "الأول", AR),
            ("الفصل الثاني", NodeKind::Chapter, "الثاني", AR),
            ("第一章", NodeKind::Chapter, "一", ZH),
            ("第三节", NodeKind::Section, "三", ZH),
            ("第二部分", NodeKind::Part, "二", ZH),
            ("Chapitre premier", NodeKind::Chapter, "premier", FR),
            ("Partie II", NodeKind::Part, "II", FR),
            ("Глава I", NodeKind::Chapter, "I", RU),
            ("ГЛАВА IV", NodeKind::Chapter, "IV", RU),
            ("Capítulo I", NodeKind::Chapter, "I", ES),
            ("Sección 1", NodeKind::Section, "1", ES),
            ("Parte III", NodeKind::Part, "III", ES),
        ] {
            match kind(line) {
                Kind::Division {
                    kind: got,
                    number: n,
                    lang: l,
                    ..
                } => assert_eq!((got, n, l), (k, number, lang), "{line:?}"),
                other => panic!("{line:?} read as {other:?}"),
            }
        }
        assert_eq!(crate::numeral::division_id("الأول"), "I");
        assert_eq!(crate::numeral::division_id("一"), "I");
        assert_eq!(crate::numeral::division_id("premier"), "I");
        for (line, lang) in [
            ("الديباجة", AR),
            ("序言", ZH),
            ("Préambule", FR),
            ("Преамбула", RU),
            ("ПРЕАМБУЛА", RU),
            ("Preámbulo", ES),
        ] {
            assert_eq!(kind(line), Kind::Preamble { rest: "", lang }, "{line:?}");
        }
        for (line, number, lang) in [
            ("المرفق", None, AR),
            ("附件", None, ZH),
            ("附件一", Some("一"), ZH),
            ("Annexe", None, FR),
            ("Annexe II", Some("II"), FR),
            ("Приложение", None, RU),
            ("Anexo I", Some("I"), ES),
        ] {
            match kind(line) {
                Kind::Annex {
                    number: n, lang: l, ..
                } => assert_eq!((n, l), (number, lang), "{line:?}"),
                other => panic!("{line:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn final_clauses_in_the_six_languages() {
        for line in [
            "وإثباتاً لذلك، قام الموقعون أدناه",
            "وإثباتا لذلك قام",
            "下列签署人经各自政府正式授权在本公约上签字，以昭信守。",
            "为此，下列签署人",
            "EN FOI DE QUOI, les plénipotentiaires soussignés",
            "En foi de quoi",
            "В УДОСТОВЕРЕНИЕ ЧЕГО нижеподписавшиеся",
            "EN FE DE LO CUAL, los plenipotenciarios",
            "EN TESTIMONIO DE LO CUAL",
            "FAIT à New York",
            "Fait à Strasbourg, le 23 novembre 2001",
            "Hecho en Nueva York",
            "Совершено в Нью-Йорке",
        ] {
            assert_eq!(kind(line), Kind::Final, "{line:?}");
        }
        for line in ["fait à la main", "Faite"] {
            assert_ne!(kind(line), Kind::Final, "{line:?}");
        }
    }

    #[test]
    fn list_markers_in_the_six_languages() {
        fn id(line: &str) -> (String, Option<u32>, Option<u32>) {
            match classify(line).kind {
                Kind::Marker { marker, .. } => (marker.id(), marker.letter, marker.digit),
                other => panic!("{line:?} read as {other:?}"),
            }
        }
        // Arabic letters in abjad order are (a) … (t).
        for (k, letter) in [
            "أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف",
            "ص", "ق", "ر",
        ]
        .iter()
        .enumerate()
        {
            let latin = char::from(b'a' + k as u8).to_string();
            assert_eq!(
                id(&format!("({letter}) نص")),
                (latin, Some(k as u32 + 1), None),
                "{letter}"
            );
        }
        assert_eq!(id("(هـ) نص").0, "e");
        // Cyrillic letters in the Russian alphabet's order are (a) … (i).
        for (k, letter) in ["а", "б", "в", "г", "д", "е", "ж", "з", "и"]
            .iter()
            .enumerate()
        {
            let latin = char::from(b'a' + k as u8).to_string();
            assert_eq!(
                id(&format!("{letter}) текст")),
                (latin, Some(k as u32 + 1), None)
            );
        }
        assert_eq!(id("к) текст").0, "j");
        // Latin markers in Chinese and French texts, digits of every script.
        assert_eq!(id("(a) 任何").0, "a");
        assert_eq!(id("（b） 任何").0, "b");
        assert_eq!(id("(i) toute").0, "i");
        assert_eq!(id("٣. نص"), ("3".to_owned(), None, Some(3)));
        assert_eq!(id("1 - تتخذ كل دولة طرف"), ("1".to_owned(), None, Some(1)));
        assert_eq!(id("2- تتخذ"), ("2".to_owned(), None, Some(2)));
        assert!(matches!(kind("1-2 years"), Kind::Text(_)));
    }

    #[test]
    fn caseless_scripts_need_punctuation_for_a_heading_on_the_same_line() {
        for line in [
            "المادة 5 من هذه الاتفاقية تنطبق",
            "المرفق بهذه الاتفاقية يتضمن",
            "الفصل الأول من هذا الجزء يتناول",
            "الديباجة التي تسبق المواد",
        ] {
            assert!(
                matches!(kind(line), Kind::Text(_)),
                "{line:?}: {:?}",
                kind(line)
            );
        }
        assert!(matches!(
            kind("المادة 5 - النطاق"),
            Kind::Article {
                heading: Some("النطاق"),
                ..
            }
        ));
        // Ranges, abbreviations and dates are running text, not list items.
        for line in [
            "12 - 15 June 2024 the Conference met",
            "г. Нью-Йорке",
            "с. 5 настоящего",
        ] {
            assert!(
                !matches!(kind(line), Kind::Marker { .. }),
                "{line:?}: {:?}",
                kind(line)
            );
        }
    }

    #[test]
    fn what_an_amendment_inserts_is_numbered_after_what_it_follows() {
        for (line, id, letter) in [("(b a) text", "ba", Some(2)), ("(ba) text", "ba", Some(2))] {
            match kind(line) {
                Kind::Marker { marker, .. } => {
                    assert_eq!(
                        (marker.id(), marker.letter, marker.inserted),
                        (id.to_owned(), letter, true)
                    );
                }
                other => panic!("{line:?} read as {other:?}"),
            }
        }
        // Roman numerals and doubled letters are no insertions.
        for line in ["(iv) text", "(aa) text", "(xi) text"] {
            match kind(line) {
                Kind::Marker { marker, .. } => assert!(!marker.inserted, "{line:?}"),
                other => panic!("{line:?} read as {other:?}"),
            }
        }
        for (line, number) in [("Article 4 a", "4 a"), ("Article 4a", "4a")] {
            match kind(line) {
                Kind::Article { number: n, .. } => {
                    assert_eq!(n, number);
                    assert_eq!(crate::numeral::article_id(n), "4a");
                }
                other => panic!("{line:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn page_furniture() {
        for line in [
            "12",
            "3/41",
            "- 7 -",
            "Page 4 of 40",
            "A/AC.291/L.15",
            "A/RES/79/243",
            "V.24-14231 (E)",
            "24-12345",
            "*2414231*",
        ] {
            assert_eq!(kind(line), Kind::Furniture, "{line:?}");
        }
        assert!(matches!(kind("12 States Parties"), Kind::Text(_)));
    }

    #[test]
    fn other_lines() {
        assert_eq!(kind("   \t\u{a0}"), Kind::Blank);
        assert_eq!(kind("<meta http-equiv='Content-Type' />"), Kind::Meta);
        assert_eq!(kind("IN WITNESS WHEREOF the undersigned"), Kind::Final);
        assert_eq!(kind("DONE at Budapest"), Kind::Final);
        assert_eq!(
            kind("[^1]: See the report."),
            Kind::FootnoteDef {
                label: "1",
                rest: "See the report."
            }
        );
        assert_eq!(kind("### S0  "), Kind::Code("S0"));
        assert_eq!(kind("####Definitions"), Kind::Text("Definitions"));
        assert_eq!(
            kind("Treedt in werking op een nader te bepalen tijdstip "),
            Kind::Editorial
        );
        assert!(matches!(
            kind("ANNEX II. Procedures"),
            Kind::Annex {
                number: Some("II"),
                heading: Some("Procedures"),
                ..
            }
        ));
        assert!(matches!(
            kind("Annex"),
            Kind::Annex {
                number: None,
                heading: None,
                ..
            }
        ));
    }

    #[test]
    fn roman_numerals_are_canonical() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("ab"), None);
        assert_eq!(letter_value("aa"), Some(27));
        assert_eq!(letter_value("ab"), None);
    }
}
