//! The forms of a reference, read with nom: `article 24, paragraph 1 (a)`, `articles 7
//! to 11`, `paragraph 1 a) (i) of this article`, `subparagraph (b) of this paragraph`,
//! `the preceding paragraph`, `Chapter IV`, `Art. 5`, and the names of other instruments
//! (`the Convention against Transnational Organized Crime`).
//!
//! The grammar only reads; what a reference points at is worked out in `resolve`.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{map, opt, recognize, value, verify};
use nom::multi::many0;
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};

/// A path below some clause: `["1", "a", "i"]` for `paragraph 1 (a) (i)`.
pub type Path = Vec<String>;

/// What the words of a reference say, before it is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raw {
    /// `article 24`, `articles 7 to 11`, `article 24, paragraph 1 (a)`.
    Articles {
        items: Vec<ArticleItem>,
        scope: Scope,
    },
    /// `paragraph 1 (a) of this article`, `paragraph 2 of article 6`.
    Paragraphs {
        paths: Vec<Path>,
        of: ParagraphOf,
        scope: Scope,
    },
    /// `subparagraph (b) of this paragraph`, `subparagraph b) above`.
    Subparagraphs { paths: Vec<Path>, of: SubOf },
    /// `the preceding paragraph`.
    PrecedingParagraph,
    /// `Chapter IV`, `chapters II to V`.
    Chapters { numbers: Vec<String>, scope: Scope },
    /// The name of another instrument.
    Instrument(String),
}

/// One article of a list, with the paragraphs named under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleItem {
    pub number: String,
    /// `articles 7 to 11`: the last number of the range.
    pub to: Option<String>,
    /// `article 24, paragraph 1 (a)`: paths below the article.
    pub paths: Vec<Path>,
}

/// Whose paragraph a paragraph reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParagraphOf {
    /// `of this article`, `above`, `below`, or nothing: the article it is written in.
    ThisArticle,
    /// `of article 6`.
    Article(String),
}

/// Whose subparagraph a subparagraph reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubOf {
    /// `of this paragraph`.
    ThisParagraph,
    /// `of paragraph 1 [of this article]`.
    Paragraph(String),
    /// Nothing said: the nearest enclosing clause that has such a subparagraph.
    Nearest,
}

/// Whether a reference is to this text or to another instrument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Internal,
    External(String),
}

type Res<'a, T> = IResult<&'a str, T>;

/// Try to read a reference at the start of `input`; on success, the rest and what it says.
pub fn reference(input: &str) -> Res<'_, Raw> {
    alt((
        articles,
        paragraphs,
        subparagraphs,
        preceding,
        chapters,
        instrument,
    ))
    .parse(input)
}

/// An article number: `24`, `2bis`.
fn number(input: &str) -> Res<'_, String> {
    map(
        recognize((
            digit1,
            opt(alt((
                tag("bis"),
                tag("ter"),
                tag("quater"),
                tag("quinquies"),
                tag("sexies"),
            ))),
        )),
        str::to_owned,
    )
    .parse(input)
}

/// A point label: `(a)`, `a)`, `(iv)`, `(1)`.
fn label(input: &str) -> Res<'_, String> {
    let inner = |i| take_while_m_n(1, 5, |c: char| c.is_ascii_alphanumeric())(i);
    map(
        alt((
            delimited(char('('), inner, char(')')),
            terminated(inner, char(')')),
        )),
        |l: &str| l.to_ascii_lowercase(),
    )
    .parse(input)
}

/// Labels after a number: ` (a) (i)`, ` a)`, `(a)(i)`.
fn labels(input: &str) -> Res<'_, Vec<String>> {
    many0(preceded(space0, label)).parse(input)
}

/// A separator in a list: `, `, ` and `, ` or `, `, and `, `, or `.
fn sep(input: &str) -> Res<'_, &str> {
    alt((
        tag(", and "),
        tag(", or "),
        tag(" and "),
        tag(" or "),
        tag(", "),
    ))
    .parse(input)
}

/// A range word: ` to `, ` through `, `-`, `–`.
fn range(input: &str) -> Res<'_, &str> {
    alt((tag(" to "), tag(" through "), tag("-"), tag("–"))).parse(input)
}

fn is_roman(l: &str) -> bool {
    !l.is_empty() && l.chars().all(|c| "ivxlc".contains(c))
}

/// Paths such as `1 (a) (i) or (ii) or b) (i)`, `3 (d) and (e)`, `1 and 2`, `9 to 29`,
/// relative to what they are written under. `numbered` says whether a path starts with
/// a number (paragraphs) or a label (subparagraphs).
fn paths(numbered: bool, more_numbers: More) -> impl Fn(&str) -> Res<'_, Vec<Path>> {
    move |input| {
        let head = |i| -> Res<'_, Path> {
            if numbered {
                map((number, labels), |(n, ls)| {
                    let mut p = vec![n];
                    p.extend(ls);
                    p
                })
                .parse(i)
            } else {
                verify(labels, |ls: &Vec<String>| !ls.is_empty()).parse(i)
            }
        };
        let (mut rest, first) = head(input)?;
        let mut out = vec![first];
        loop {
            // A range of numbers: `9 to 29`.
            if numbered
                && let Ok((r, to)) = preceded(range, number).parse(rest)
                && let Some(from) = out.last().and_then(|p: &Path| p.first()).cloned()
                && let (Ok(a), Ok(b)) = (from.parse::<u32>(), to.parse::<u32>())
                && a < b
                && b - a <= 200
                && out.last().is_some_and(|p| p.len() == 1)
            {
                out.extend((a + 1..=b).map(|n| vec![n.to_string()]));
                rest = r;
                continue;
            }
            let Ok((r, separator)) = sep(rest) else { break };
            // Another path from the top: `paragraphs 1 and 2`, `paragraph 1 or 2` (but in
            // `articles 31, paragraph 1, and 54` the number after the comma is an article).
            let another = match more_numbers {
                More::Any => true,
                More::WithoutComma => !separator.starts_with(','),
                More::No => false,
            };
            if numbered
                && another
                && let Ok((r2, p)) = head(r)
            {
                out.push(p);
                rest = r2;
                continue;
            }
            // Labels that continue the last path at their own level: `(i) or (ii)`.
            let Ok((r2, ls)) = verify(labels, |ls: &Vec<String>| !ls.is_empty()).parse(r) else {
                break;
            };
            let last = out.last().cloned().unwrap_or_default();
            let start = usize::from(numbered);
            let deep = last.len() > start + 1;
            let level = (start..last.len())
                .rev()
                .find(|&k| {
                    let (a, b) = (&last[k], &ls[0]);
                    let roman = |s: &str| is_roman(s) && (s.len() > 1 || deep);
                    roman(a) == roman(b)
                        && a.chars().all(char::is_alphabetic) == b.chars().all(char::is_alphabetic)
                })
                .unwrap_or(start);
            let mut p = last[..level].to_vec();
            p.extend(ls);
            out.push(p);
            rest = r2;
        }
        Ok((rest, out))
    }
}

fn keyword<'a>(
    singular: &'static str,
    plural: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    terminated(alt((tag_no_case(plural), tag_no_case(singular))), space1)
}

/// `of this Convention` (internal), `of the Convention against ...` (external), or
/// nothing (internal).
fn scope(input: &str) -> Res<'_, Scope> {
    let this = value(
        Scope::Internal,
        (
            opt(char(',')),
            tag(" of "),
            alt((tag("this "), tag("the present "))),
            alt((
                tag("Convention"),
                tag("Protocol"),
                tag("Agreement"),
                tag("Treaty"),
            )),
        ),
    );
    let other = map(
        preceded((opt(char(',')), tag(" of the ")), instrument_name),
        Scope::External,
    );
    map(opt(alt((this, other))), |s| s.unwrap_or(Scope::Internal)).parse(input)
}

/// `article 24`, `Articles 2 through 11`, `art. 5`, `articles 5, 6, 8 and 23`,
/// `article 24, paragraph 1 (a)`, `articles 12 or 13, paragraph 1, of this Convention`.
fn articles(input: &str) -> Res<'_, Raw> {
    let mut word = alt((
        terminated(
            alt((tag_no_case("articles"), tag_no_case("article"))),
            space1,
        ),
        terminated(alt((tag_no_case("arts."), tag_no_case("art."))), space0),
    ));
    let item = |i| -> Res<'_, ArticleItem> {
        let (i, n) = number(i)?;
        let (i, to) = opt(preceded(range, number)).parse(i)?;
        // `Article 5(1)(a)`, as EU acts write it: labels right after the number.
        let (i, inline) = many0(label).parse(i)?;
        let (i, paths) = if inline.is_empty() {
            opt(preceded(tag(", "), paragraph_paths(true))).parse(i)?
        } else {
            (i, Some(vec![inline]))
        };
        Ok((
            i,
            ArticleItem {
                number: n,
                to,
                paths: paths.unwrap_or_default(),
            },
        ))
    };
    let (mut rest, _) = word.parse(input)?;
    let (r, first) = item(rest)?;
    rest = r;
    let mut items = vec![first];
    while let Ok((r, it)) = preceded(sep, item).parse(rest) {
        items.push(it);
        rest = r;
    }
    let (rest, scope) = scope(rest)?;
    Ok((rest, Raw::Articles { items, scope }))
}

/// Which numbers may follow the first in a list of paths.
#[derive(Clone, Copy)]
enum More {
    Any,
    /// `paragraph 1 or 2`, but not `paragraph 1, and 54` (54 is then an article).
    WithoutComma,
    No,
}

/// `paragraph 1 (a) (i) or (ii)`, `paragraphs 1 and 2`; `in_article` when it follows an
/// article number, where a comma after a singular `paragraph` ends the paragraphs.
fn paragraph_paths(in_article: bool) -> impl Fn(&str) -> Res<'_, Vec<Path>> {
    move |input| {
        let (rest, word) = keyword("paragraph", "paragraphs").parse(input)?;
        let more = if in_article && !word.eq_ignore_ascii_case("paragraphs") {
            More::WithoutComma
        } else {
            More::Any
        };
        paths(true, more)(rest)
    }
}

/// `paragraph 1 (a) of this article`, `paragraphs 2 and 3`, `paragraph 2 of article 6`.
fn paragraphs(input: &str) -> Res<'_, Raw> {
    let (rest, ps) = paragraph_paths(false)(input)?;
    let this_article = value(
        ParagraphOf::ThisArticle,
        alt((tag(" of this article"), tag(" above"), tag(" below"))),
    );
    let of_article = map(
        preceded(
            (
                tag(" of "),
                alt((tag_no_case("article "), tag_no_case("art. "))),
            ),
            number,
        ),
        ParagraphOf::Article,
    );
    let (rest, of) = opt(alt((this_article, of_article))).parse(rest)?;
    let of = of.unwrap_or(ParagraphOf::ThisArticle);
    let (rest, scope) = match of {
        ParagraphOf::Article(_) => scope(rest)?,
        ParagraphOf::ThisArticle => (rest, Scope::Internal),
    };
    Ok((
        rest,
        Raw::Paragraphs {
            paths: ps,
            of,
            scope,
        },
    ))
}

/// `subparagraph (b) of this paragraph`, `subparagraphs d) (i) and (iii)`,
/// `subparagraph (a) of paragraph 1 of this article`.
fn subparagraphs(input: &str) -> Res<'_, Raw> {
    let (rest, _) = keyword("subparagraph", "subparagraphs").parse(input)?;
    let (rest, ps) = paths(false, More::No)(rest)?;
    let this = value(SubOf::ThisParagraph, tag(" of this paragraph"));
    let of_paragraph = map(
        terminated(
            preceded(tag(" of paragraph "), number),
            opt(tag(" of this article")),
        ),
        SubOf::Paragraph,
    );
    let nearest = value(SubOf::Nearest, opt(alt((tag(" above"), tag(" below")))));
    let (rest, of) = alt((this, of_paragraph, nearest)).parse(rest)?;
    Ok((rest, Raw::Subparagraphs { paths: ps, of }))
}

/// `the preceding paragraph`, `the previous paragraph`.
fn preceding(input: &str) -> Res<'_, Raw> {
    value(
        Raw::PrecedingParagraph,
        (
            tag_no_case("the "),
            alt((tag("preceding"), tag("previous"))),
            tag(" paragraph"),
        ),
    )
    .parse(input)
}

fn roman(input: &str) -> Res<'_, String> {
    map(
        alt((take_while1(|c: char| "IVXLC".contains(c)), digit1)),
        str::to_owned,
    )
    .parse(input)
}

/// `Chapter IV`, `chapters II to V`, `chapter II of this Convention`.
fn chapters(input: &str) -> Res<'_, Raw> {
    let (rest, _) = keyword("chapter", "chapters").parse(input)?;
    let (mut rest, first) = roman(rest)?;
    let mut numbers = vec![first];
    loop {
        if let Ok((r, to)) = preceded(range, roman).parse(rest) {
            let from = numbers.last().cloned().unwrap_or_default();
            if let (Some(a), Some(b)) = (roman_value(&from), roman_value(&to))
                && a < b
            {
                numbers.extend((a + 1..=b).map(to_roman));
            } else {
                numbers.push(to);
            }
            rest = r;
        } else if let Ok((r, n)) = preceded(sep, roman).parse(rest) {
            numbers.push(n);
            rest = r;
        } else {
            break;
        }
    }
    let (rest, scope) = scope(rest)?;
    // A word that merely starts with capitals (`Chapter IVa`) is not a chapter.
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, Raw::Chapters { numbers, scope }))
}

/// The value of a Roman numeral (or plain number), up to a few hundred.
pub fn roman_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Words that name an instrument.
const INSTRUMENTS: [&str; 8] = [
    "Convention",
    "Protocol",
    "Covenant",
    "Charter",
    "Declaration",
    "Treaty",
    "Agreement",
    "Statute",
];

/// Small words inside an instrument's name.
const CONNECTORS: [&str; 11] = [
    "of",
    "the",
    "and",
    "against",
    "on",
    "for",
    "in",
    "to",
    "relating",
    "concerning",
    "involving",
];

fn capitalised(input: &str) -> Res<'_, &str> {
    verify(
        take_while1(|c: char| c.is_alphanumeric() || c == '-'),
        |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()),
    )
    .parse(input)
}

/// The name of an instrument: capitalised words with small words between them, holding
/// one of [`INSTRUMENTS`] with a qualifier (`the Convention` alone is this text):
/// `United Nations Convention against Transnational Organized Crime`, `Charter of the
/// United Nations`, `1950 Council of Europe Convention for the Protection of Human Rights`.
fn instrument_name(input: &str) -> Res<'_, String> {
    let (mut rest, first) = capitalised(input)?;
    let mut words = vec![first];
    loop {
        let mut r = rest;
        // Small words, then a capitalised word.
        while let Ok((r2, w)) = preceded(
            char::<&str, nom::error::Error<&str>>(' '),
            take_while1(|c: char| c.is_alphabetic()),
        )
        .parse(r)
        {
            if !CONNECTORS.contains(&w) {
                break;
            }
            r = r2;
        }
        match preceded(char(' '), capitalised).parse(r) {
            Ok((r2, w)) => {
                words.push(w);
                rest = r2;
            }
            Err(_) => break,
        }
    }
    let name = &input[..input.len() - rest.len()];
    let Some(head) = words.iter().position(|w| INSTRUMENTS.contains(w)) else {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    };
    // `Conference of the Parties to the Convention` is a body of this text, and a bare
    // `Convention` is this text.
    let qualified = words.len() > 1;
    let body = words.iter().take(head).any(|w| {
        matches!(
            *w,
            "Conference" | "Parties" | "States" | "Party" | "Secretary-General"
        )
    });
    if !qualified || body {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, name.to_owned()))
}

/// `the Convention against Transnational Organized Crime`, `the 1950 Council of Europe
/// Convention ...`: another instrument, named.
fn instrument(input: &str) -> Res<'_, Raw> {
    map(preceded(tag("the "), instrument_name), Raw::Instrument).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Raw, &str) {
        let (rest, raw) = reference(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        (raw, &text[..text.len() - rest.len()])
    }

    fn p(parts: &[&str]) -> Path {
        parts.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn paths_continue_at_their_own_level() {
        let (raw, span) = read("paragraph 1 a) (i) or (ii) or b) (i), of this Convention");
        assert_eq!(span, "paragraph 1 a) (i) or (ii) or b) (i)");
        let Raw::Paragraphs { paths, .. } = raw else {
            panic!("{raw:?}")
        };
        assert_eq!(
            paths,
            vec![
                p(&["1", "a", "i"]),
                p(&["1", "a", "ii"]),
                p(&["1", "b", "i"])
            ]
        );
        let (raw, _) = read("paragraphs 3 (d) and (e) of this article");
        let Raw::Paragraphs { paths, .. } = raw else {
            panic!("{raw:?}")
        };
        assert_eq!(paths, vec![p(&["3", "d"]), p(&["3", "e"])]);
    }

    #[test]
    fn instruments_need_a_qualifier() {
        assert!(reference("the Convention shall").is_err());
        assert!(reference("the Conference of the Parties to the Convention").is_err());
        let (raw, span) = read("the Convention against Transnational Organized Crime.");
        assert_eq!(span, "the Convention against Transnational Organized Crime");
        assert_eq!(
            raw,
            Raw::Instrument("Convention against Transnational Organized Crime".into())
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(to_roman(9), "IX");
    }
}
