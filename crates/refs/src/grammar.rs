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
    /// `point (a)`, `points (a) and (b) of paragraph 1`, `point (a) of Article 6(1)`.
    Points {
        paths: Vec<Path>,
        of: Of,
        scope: Scope,
    },
    /// `the first subparagraph of paragraph 2`: an unnumbered block of a paragraph,
    /// which the clause tree addresses by its paragraph.
    OrdinalSubparagraph { of: Of, scope: Scope },
    /// `the preceding paragraph`.
    PrecedingParagraph,
    /// `Chapter IV`, `chapters II to V`, `Chapter III, Section 2`, `Chapter 2 of Title V`.
    Chapters {
        numbers: Vec<String>,
        /// `, Section 2`.
        section: Option<String>,
        /// `of Title V`: the divisions that hold the chapter, outermost last.
        within: Vec<(String, String)>,
        scope: Scope,
    },
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

impl ArticleItem {
    /// The article numbers it names: one, or each of a range (`7 to 11`).
    pub fn numbers(&self) -> Vec<String> {
        let mut numbers = vec![self.number.clone()];
        if let Some(to) = &self.to {
            match (self.number.parse::<u32>(), to.parse::<u32>()) {
                (Ok(a), Ok(b)) if a < b && b - a <= 500 => {
                    numbers.extend((a + 1..=b).map(|n| n.to_string()));
                }
                _ => numbers.push(to.clone()),
            }
        }
        numbers
    }
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

/// What holds the points or the subparagraph named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Of {
    /// Nothing said: the nearest enclosing clause that has them.
    Nearest,
    /// `of this paragraph`, `of the first subparagraph`.
    ThisParagraph,
    /// `of paragraph 1`, `of paragraph 1 (a)`: in the article it is written in.
    Paragraph(Path),
    /// `of Article 6(1)`, `of Article 6`.
    Article(String, Path),
}

/// Whether a reference is to this text or to another instrument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Internal,
    External(String),
    /// `of the Charter`, `of the Convention`: the kind of an instrument with no name.
    /// It is this text when this text is one (a convention's "the Convention"), else
    /// another instrument (a regulation's "the Charter").
    Kind(String),
    /// `thereof`: of what the reference before it named.
    Thereof,
}

type Res<'a, T> = IResult<&'a str, T>;

/// Try to read a reference at the start of `input`; on success, the rest and what it says.
pub fn reference(input: &str) -> Res<'_, Raw> {
    alt((
        articles,
        paragraphs,
        subparagraphs,
        points,
        ordinal_subparagraph,
        preceding,
        chapters,
        instrument,
    ))
    .parse(input)
}

/// An article number: `24`, `2bis`, `6a` (as EU acts number inserted articles). A
/// number is a whole word: `2nd` is none.
fn number(input: &str) -> Res<'_, String> {
    let (rest, n) = recognize((
        digit1,
        opt(alt((
            tag("bis"),
            tag("ter"),
            tag("quater"),
            tag("quinquies"),
            tag("sexies"),
            take_while_m_n(1, 2, |c: char| c.is_ascii_lowercase()),
        ))),
    ))
    .parse(input)?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, n.to_owned()))
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

/// A label written after a full stop, as some texts write a point: `9.e` (never a
/// capital, which would start a sentence, nor digits, which would be a decimal).
fn dot_label(input: &str) -> Res<'_, String> {
    let (rest, l) = preceded(
        char('.'),
        take_while_m_n(1, 4, |c: char| c.is_ascii_lowercase()),
    )
    .parse(input)?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, l.to_owned()))
}

/// Labels after a number: ` (a) (i)`, ` a)`, `(a)(i)`, `.e`.
fn labels(input: &str) -> Res<'_, Vec<String>> {
    let (rest, dotted) = opt(dot_label).parse(input)?;
    let (rest, more) = many0(preceded(space0, label)).parse(rest)?;
    Ok((rest, dotted.into_iter().chain(more).collect()))
}

/// `first`, `second`, ... `tenth`, `last`: the ordinals EU acts count subparagraphs with.
fn ordinal(input: &str) -> Res<'_, &str> {
    alt((
        tag("first"),
        tag("second"),
        tag("third"),
        tag("fourth"),
        tag("fifth"),
        tag("sixth"),
        tag("seventh"),
        tag("eighth"),
        tag("ninth"),
        tag("tenth"),
        tag("last"),
    ))
    .parse(input)
}

/// Point labels in a list: `(a)`, `(a) and (b)`, `(a), (b) or (c)`, `(a) to (d)`,
/// `(49)(c)`; each a path.
fn point_labels(input: &str) -> Res<'_, Vec<Path>> {
    let one = |i| verify(labels, |ls: &Vec<String>| !ls.is_empty()).parse(i);
    let (mut rest, first) = one(input)?;
    // A list goes on in the style it began with: after `point (h), (2) to (6)` the
    // numbers are paragraphs, not points.
    let style = |p: &Path| p.first().map(|l| l.chars().all(|c| c.is_ascii_digit()));
    let first_style = style(&first);
    let one = move |i| verify(one, move |p: &Path| style(p) == first_style).parse(i);
    let mut out = vec![first];
    loop {
        if let Ok((r, to)) = preceded(range, one).parse(rest) {
            let from = out.last().cloned().unwrap_or_default();
            out.extend(letters_between(&from, &to));
            rest = r;
        } else if let Ok((r, next)) = preceded(sep, one).parse(rest) {
            out.push(next);
            rest = r;
        } else {
            break;
        }
    }
    Ok((rest, out))
}

/// `(a) to (d)`: the paths after `(a)` up to `(d)` at the same level.
fn letters_between(from: &Path, to: &Path) -> Vec<Path> {
    let (Some(a), Some(b)) = (from.last(), to.last()) else {
        return vec![to.clone()];
    };
    let single = |s: &str| {
        let mut c = s.chars();
        match (c.next(), c.next()) {
            (Some(x), None) if x.is_ascii_lowercase() => Some(x),
            _ => None,
        }
    };
    match (single(a), single(b)) {
        (Some(x), Some(y)) if x < y && from.len() == to.len() => {
            (u8::try_from(x).unwrap_or(b'a') + 1..=u8::try_from(y).unwrap_or(b'a'))
                .map(|c| {
                    let mut p = from[..from.len() - 1].to_vec();
                    p.push(char::from(c).to_string());
                    p
                })
                .collect()
        }
        _ => vec![to.clone()],
    }
}

/// What EU acts write after a paragraph: `, first subparagraph`, `, point (h)`,
/// `, first subparagraph, points (a) and (b)`. The ordinal is read and dropped (the tree
/// addresses a subparagraph by its paragraph); the points are paths below it, or one
/// empty path when none is named.
fn eu_tail(input: &str) -> Res<'_, Vec<Path>> {
    let (rest, _) = opt((tag(", "), ordinal, tag(" subparagraph"))).parse(input)?;
    let (rest, points) = opt(preceded(
        (tag(", "), alt((tag("points"), tag("point"))), space1),
        point_labels,
    ))
    .parse(rest)?;
    Ok((rest, points.unwrap_or_else(|| vec![Vec::new()])))
}

/// Each of `paths` with each of `tails` below it.
fn extend_paths(paths: Vec<Path>, tails: &[Path]) -> Vec<Path> {
    paths
        .into_iter()
        .flat_map(|p| {
            tails.iter().map(move |t| {
                let mut q = p.clone();
                q.extend(t.iter().cloned());
                q
            })
        })
        .collect()
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
                // `paragraph (2)`, as some EU texts write it.
                let number = alt((delimited(char('('), number, char(')')), number));
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

/// Words that name a kind of instrument, as a text calls itself (`this Convention`,
/// `this Regulation`) or another one with no name (`the Charter`).
const KINDS: [&str; 12] = [
    "Convention",
    "Protocol",
    "Agreement",
    "Treaty",
    "Covenant",
    "Charter",
    "Statute",
    "Regulation",
    "Directive",
    "Decision",
    "Constitution",
    "Act",
];

fn kind_word(input: &str) -> Res<'_, &str> {
    let (rest, w) = take_while1(|c: char| c.is_alphabetic()).parse(input)?;
    if KINDS.contains(&w) {
        Ok((rest, w))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// The citation of an EU act: `Regulation (EU) 2019/1020`, `Directive 2014/90/EU`,
/// `Regulation (EC) No 300/2008`, `Commission Recommendation 2003/361/EC`, `Council
/// Decision 2008/615/JHA`.
pub fn act_citation(input: &str) -> Res<'_, String> {
    let (rest, text) = recognize((
        opt(alt((tag("Council "), tag("Commission ")))),
        opt(alt((
            tag("Implementing "),
            tag("Delegated "),
            tag("Framework "),
        ))),
        alt((
            tag("Regulation"),
            tag("Directive"),
            tag("Decision"),
            tag("Recommendation"),
        )),
        opt(delimited(
            tag(" ("),
            take_while1(|c: char| c.is_ascii_uppercase() || c == ',' || c == ' '),
            char(')'),
        )),
        opt(tag(" No")),
        char(' '),
        verify(
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '/'),
            |id: &str| id.contains('/') && id.starts_with(|c: char| c.is_ascii_digit()),
        ),
    ))
    .parse(input)?;
    Ok((rest, text.to_owned()))
}

/// `of this Convention` (internal), `of the Convention against ...`, `of Regulation
/// (EU) 2016/679`, `of that Regulation`, `thereof`, `TFEU` (external), `of the Charter`
/// (a kind of instrument, see [`Scope::Kind`]), or nothing (internal).
fn scope(input: &str) -> Res<'_, Scope> {
    let this = value(
        Scope::Internal,
        (
            opt(char(',')),
            tag(" of "),
            alt((tag("this "), tag("the present "))),
            kind_word,
        ),
    );
    let other = map(
        preceded((opt(char(',')), tag(" of the ")), instrument_name),
        Scope::External,
    );
    let act = map(
        preceded((opt(char(',')), tag(" of ")), act_citation),
        Scope::External,
    );
    // `of Protocol No 22 on ...`: a named instrument with no article before it.
    let named = map(
        preceded(
            (opt(char(',')), tag(" of ")),
            verify(instrument_name, |n: &String| {
                INSTRUMENTS.iter().any(|k| n.starts_with(k))
            }),
        ),
        Scope::External,
    );
    let that = map(
        preceded((opt(char(',')), tag(" of that ")), kind_word),
        |w| Scope::External(format!("that {w}")),
    );
    let thereof = value(Scope::Thereof, (opt(char(',')), tag(" thereof")));
    let treaties = map(
        preceded(
            (opt(char(',')), opt(tag(" of the")), char(' ')),
            verify(take_while1(|c: char| c.is_ascii_uppercase()), |t: &str| {
                matches!(t, "TFEU" | "TEU" | "TEC")
            }),
        ),
        |t: &str| Scope::External(t.to_owned()),
    );
    let kind = map(
        preceded((opt(char(',')), tag(" of the ")), kind_word),
        |w| Scope::Kind(w.to_owned()),
    );
    map(
        opt(alt((
            this, other, act, named, that, thereof, treaties, kind,
        ))),
        |s| s.unwrap_or(Scope::Internal),
    )
    .parse(input)
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
        // `Article 5(1)(a)`, as EU acts write it: labels right after the number, perhaps
        // followed by `, first subparagraph, point (h)`.
        let (i, inline) = alt((map(dot_label, |l| vec![l]), many0(label))).parse(i)?;
        let (i, paths) = if inline.is_empty() {
            // `article 24, paragraph 1`, and without the comma, `articles 6 paragraph 1`.
            let (i, paths) =
                opt(preceded(alt((tag(", "), tag(" "))), paragraph_paths(true))).parse(i)?;
            match paths {
                Some(p) => (i, Some(p)),
                None => {
                    // `Article 3, point (49)`: points right below the article.
                    let (i, tails) = eu_tail(i)?;
                    let named = tails.iter().any(|t| !t.is_empty());
                    (i, named.then_some(tails))
                }
            }
        } else {
            let (i, tails) = eu_tail(i)?;
            (i, Some(extend_paths(vec![inline], &tails)))
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
    // `articles 12 or 13, paragraph 1`: when only the last of a list of single articles
    // names paragraphs, they are every article's.
    if let Some((last, before)) = items.split_last()
        && !before.is_empty()
        && !last.paths.is_empty()
        && before
            .iter()
            .all(|it| it.paths.is_empty() && it.to.is_none())
        && last.to.is_none()
    {
        let paths = last.paths.clone();
        for it in &mut items {
            it.paths.clone_from(&paths);
        }
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
        let (rest, mut found) = paths(true, more)(rest)?;
        // `paragraph 3, second subparagraph, point (a)`: the tail is the last path's.
        let (rest, tails) = eu_tail(rest)?;
        if let Some(last) = found.pop() {
            found.extend(extend_paths(vec![last], &tails));
        }
        Ok((rest, found))
    }
}

/// `paragraph 1 (a) of this article`, `paragraphs 2 and 3`, `paragraph 2 of article 6`.
fn paragraphs(input: &str) -> Res<'_, Raw> {
    let (rest, ps) = paragraph_paths(false)(input)?;
    let this_article = value(
        ParagraphOf::ThisArticle,
        alt((
            tag_no_case(" of this article"),
            tag(" above"),
            tag(" below"),
        )),
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

/// `of paragraph 1`, `of Article 6(1)`, `of the first subparagraph of paragraph 2`,
/// `of this paragraph`: what holds the points or the subparagraph named.
fn of(input: &str) -> Res<'_, Of> {
    let ordinal_of = (tag("the "), ordinal, tag(" subparagraph"));
    let paragraph = map(
        preceded(
            (
                tag(" of "),
                opt((ordinal_of, tag(" of "))),
                tag("paragraph "),
            ),
            (number, labels),
        ),
        |(n, ls)| {
            let mut p = vec![n];
            p.extend(ls);
            Of::Paragraph(p)
        },
    );
    let article = map(
        preceded(
            (
                tag(" of "),
                opt(((tag("the "), ordinal, tag(" subparagraph")), tag(" of "))),
                alt((tag_no_case("article "), tag_no_case("art. "))),
            ),
            (number, many0(label)),
        ),
        |(n, ls)| Of::Article(n, ls),
    );
    let this = value(
        Of::ThisParagraph,
        alt((
            tag(" of this paragraph"),
            recognize((tag(" of the "), ordinal, tag(" subparagraph"))),
        )),
    );
    alt((paragraph, article, this)).parse(input)
}

/// `point (a)`, `points (a) and (b) of paragraph 1`, `point (h) of the first
/// subparagraph of Article 5(1)`, `point (a) of Article 6(1) of Regulation (EU) ...`.
fn points(input: &str) -> Res<'_, Raw> {
    let (rest, _) = keyword("point", "points").parse(input)?;
    let (rest, paths) = point_labels(rest)?;
    let (rest, of) = opt(of).parse(rest)?;
    let of = of.unwrap_or(Of::Nearest);
    let (rest, scope) = match of {
        Of::Article(..) => scope(rest)?,
        _ => map(
            opt(value(Scope::Thereof, (opt(char(',')), tag(" thereof")))),
            |s| s.unwrap_or(Scope::Internal),
        )
        .parse(rest)?,
    };
    Ok((rest, Raw::Points { paths, of, scope }))
}

/// `the first subparagraph`, `the second subparagraph of paragraph 2`, `the first
/// subparagraph of Article 5(1)`.
fn ordinal_subparagraph(input: &str) -> Res<'_, Raw> {
    let (rest, _) = (
        tag_no_case("the "),
        ordinal,
        tag(" subparagraph"),
        opt(char('s')),
    )
        .parse(input)?;
    let (rest, of) = opt(of).parse(rest)?;
    let of = of.unwrap_or(Of::ThisParagraph);
    let (rest, scope) = match of {
        Of::Article(..) => scope(rest)?,
        _ => (rest, Scope::Internal),
    };
    Ok((rest, Raw::OrdinalSubparagraph { of, scope }))
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
    // A word that merely starts with capitals (`Chapter IVa`) is not a chapter.
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    // `Chapter III, Section 2`: a section of the (one) chapter.
    let (rest, section) = if numbers.len() == 1 {
        opt(preceded((tag(", "), tag_no_case("section"), space1), roman)).parse(rest)?
    } else {
        (rest, None)
    };
    // `Chapter 2 of Title V`, `Chapter 5 of Title V of Part Three`.
    let (rest, within) = many0(map(
        preceded(
            tag(" of "),
            (
                alt((tag("Title"), tag("Part"), tag("Book"))),
                char(' '),
                alt((roman, map(capitalised, str::to_owned))),
            ),
        ),
        |(kind, _, n)| (kind.to_ascii_lowercase(), n),
    ))
    .parse(rest)?;
    let (rest, scope) = scope(rest)?;
    Ok((
        rest,
        Raw::Chapters {
            numbers,
            section,
            within,
            scope,
        },
    ))
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
