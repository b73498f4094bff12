//! The language versions of one draft compared clause by clause: the texts are equally
//! authentic, so the same clause ID should name the same clause in each. What differs is
//! reported: clauses one language has and another lacks (found by aligning the clauses
//! of each list, so that one missing recital is named, not every recital after it),
//! lists numbered in another order, clauses much longer or shorter than that pair of
//! languages usually gives, and differences of layout only (the same clause in more or
//! fewer paragraphs).
//!
//! [`between`] compares the change between two drafts across languages: a clause changed
//! in one language and not in another.

use serde::Serialize;
use treaty_diff::Status;
use treaty_model::{Draft, Node, NodeKind};

/// One language version of a draft.
#[derive(Debug)]
pub struct LanguageText<'a> {
    pub language: &'a str,
    pub draft: &'a Draft,
}

/// What a comparison of the language versions of one draft found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// The languages compared, the reference (the draft's default language) first.
    pub languages: Vec<String>,
    /// Clauses in the reference language.
    pub clauses: usize,
    /// Clauses one language lacks.
    pub missing: Vec<Missing>,
    /// Lists whose entries come in another order.
    pub numbering: Vec<Numbering>,
    /// Clauses whose length departs from the pair's usual ratio.
    pub lengths: Vec<Length>,
    /// The same clause laid out in a different number of paragraphs.
    pub layout: Vec<Layout>,
}

impl Comparison {
    /// Whether the structure differs (a clause missing, or numbered otherwise).
    pub fn structure_differs(&self) -> bool {
        !self.missing.is_empty() || !self.numbering.is_empty()
    }
}

/// A clause present in some languages and absent from others.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missing {
    /// The clause as the language that has it numbers it.
    pub id: String,
    pub kind: &'static str,
    /// The language whose clause it is (the reference, unless the reference lacks it).
    pub language: String,
    /// The languages without it.
    pub absent_from: Vec<String>,
    /// How the clause opens, to find it.
    pub opening: String,
    /// When the lists were aligned by their contents: the IDs that name other clauses
    /// in `absent_from` because of the gap (`preamble.5` there is `preamble.4` here).
    pub shifted: Vec<String>,
}

/// A list whose entries come in a different order in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Numbering {
    pub parent: String,
    pub language: String,
    pub reference: Vec<String>,
    pub found: Vec<String>,
}

/// A clause whose length, against the reference's, departs from the pair's usual ratio.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Length {
    pub id: String,
    pub language: String,
    /// Characters in this language per character of the reference, for this clause.
    pub ratio: f32,
    /// The same, as the pair usually gives (the median over all their clauses).
    pub usual: f32,
}

/// The same clause in a different number of paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Layout {
    pub id: String,
    pub kind: &'static str,
    /// Paragraphs in each language, in the order of [`Comparison::languages`].
    pub paragraphs: Vec<Paragraphs>,
}

/// How many paragraphs a clause has in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Paragraphs {
    pub language: String,
    pub paragraphs: usize,
}

/// How far a clause's ratio may depart from the usual one before it is reported: a
/// factor of two either way.
const LENGTH_FACTOR: f32 = 2.0;

/// Clauses shorter than this (in the reference, in characters) say too little for a
/// ratio: a heading-like line varies more between languages than a paragraph does.
const SHORTEST: usize = 60;

/// Compare the language versions of one draft, the first being the reference.
pub fn compare(texts: &[LanguageText<'_>]) -> Comparison {
    let mut out = Comparison {
        languages: texts.iter().map(|t| t.language.to_owned()).collect(),
        ..Comparison::default()
    };
    let Some((reference, others)) = texts.split_first() else {
        return out;
    };
    let ref_doc = &reference.draft.doc;
    out.clauses = ref_doc.walk().count();
    for other in others {
        let usual = usual_ratio(ref_doc, &other.draft.doc);
        let mut pairs = Vec::new();
        siblings(
            &ref_doc.children,
            &other.draft.doc.children,
            reference.language,
            other.language,
            usual,
            &mut out,
            &mut pairs,
        );
        for (a, b) in pairs {
            let (la, lb) = (chars(&a.text), chars(&b.text));
            if la >= SHORTEST || lb >= SHORTEST {
                let ratio = lb as f32 / la.max(1) as f32;
                if ratio > usual * LENGTH_FACTOR || ratio * LENGTH_FACTOR < usual {
                    out.lengths.push(Length {
                        id: a.id.to_string(),
                        language: other.language.to_owned(),
                        ratio,
                        usual,
                    });
                }
            }
        }
    }
    out.layout = layout(texts);
    out
}

/// Characters of a text, white space left out (scripts differ in how they space words).
fn chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The median ratio of lengths over the clauses both texts have under the same ID.
/// Recitals are left out: they are numbered by place, so one missing would pair every
/// recital after it with the wrong one.
fn usual_ratio(a: &treaty_model::Document, b: &treaty_model::Document) -> f32 {
    let mut ratios: Vec<f32> = a
        .walk()
        .filter(|n| n.kind != NodeKind::Recital && chars(&n.text) >= SHORTEST)
        .filter_map(|n| {
            let m = b.find(&n.id)?;
            (chars(&m.text) > 0).then(|| chars(&m.text) as f32 / chars(&n.text) as f32)
        })
        .collect();
    if ratios.is_empty() {
        return 1.0;
    }
    ratios.sort_by(f32::total_cmp);
    ratios[ratios.len() / 2]
}

/// Compare two lists of sibling clauses and recurse into the pairs. Lists of the same
/// IDs pair by ID; lists that differ are aligned by their contents (the lengths of the
/// clauses, scaled by the pair's usual ratio), so that a clause missing from one
/// language is named once and the clauses after it still pair with their counterparts.
#[allow(clippy::too_many_arguments)]
fn siblings<'d>(
    a: &'d [Node],
    b: &'d [Node],
    la: &str,
    lb: &str,
    usual: f32,
    out: &mut Comparison,
    pairs: &mut Vec<(&'d Node, &'d Node)>,
) {
    let ids_a: Vec<String> = a.iter().map(|n| n.id.to_string()).collect();
    let ids_b: Vec<String> = b.iter().map(|n| n.id.to_string()).collect();
    let mut matched: Vec<(usize, usize)> = Vec::new();
    if ids_a == ids_b {
        matched = (0..a.len()).map(|k| (k, k)).collect();
    } else {
        let mut sa = ids_a.clone();
        let mut sb = ids_b.clone();
        sa.sort();
        sb.sort();
        if sa == sb {
            // The same clauses in another order.
            out.numbering.push(Numbering {
                parent: a
                    .first()
                    .and_then(|n| n.id.as_str().rsplit_once('.').map(|(p, _)| p.to_owned()))
                    .unwrap_or_else(|| "(top)".to_owned()),
                language: lb.to_owned(),
                reference: ids_a.clone(),
                found: ids_b.clone(),
            });
            for (i, id) in ids_a.iter().enumerate() {
                if let Some(j) = ids_b.iter().position(|x| x == id) {
                    matched.push((i, j));
                }
            }
        } else if positional(a) && positional(b) && a.len().saturating_mul(b.len()) <= ALIGN_MOST {
            matched = align(a, b, usual);
        } else {
            for (i, id) in ids_a.iter().enumerate() {
                if let Some(j) = ids_b.iter().position(|x| x == id) {
                    matched.push((i, j));
                }
            }
        }
        report_gaps(a, b, &matched, la, lb, out);
    }
    for &(i, j) in &matched {
        pairs.push((&a[i], &b[j]));
        siblings(&a[i].children, &b[j].children, la, lb, usual, out, pairs);
    }
}

/// The largest alignment table made (clauses of one list times the other's): beyond it,
/// recitals are paired by ID, so that a hostile text cannot claim gigabytes.
const ALIGN_MOST: usize = 1 << 22;

/// Whether a list's clauses are numbered by their place only (recitals: `preamble.4` is
/// the fourth), so that their IDs say nothing about which clause is which.
fn positional(list: &[Node]) -> bool {
    !list.is_empty() && list.iter().all(|n| n.kind == NodeKind::Recital)
}

/// Align two lists by the lengths of their clauses: a match costs how far the length
/// ratio departs from the usual one (in log terms), a clause left unmatched costs a
/// fixed amount. Returns the matched index pairs, in order.
fn align(a: &[Node], b: &[Node], usual: f32) -> Vec<(usize, usize)> {
    const GAP: f32 = 0.7;
    let cost = |i: usize, j: usize| {
        let (x, y) = (
            chars(&a[i].text).max(1) as f32,
            chars(&b[j].text).max(1) as f32,
        );
        ((y / (x * usual)).ln()).abs()
    };
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![0.0f32; m + 1]; n + 1];
    for (i, row) in dp.iter_mut().enumerate() {
        row[0] = i as f32 * GAP;
    }
    for (j, cell) in dp[0].iter_mut().enumerate() {
        *cell = j as f32 * GAP;
    }
    for i in 1..=n {
        for j in 1..=m {
            let matched = dp[i - 1][j - 1] + cost(i - 1, j - 1);
            dp[i][j] = matched.min(dp[i - 1][j] + GAP).min(dp[i][j - 1] + GAP);
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if (dp[i][j] - (dp[i - 1][j - 1] + cost(i - 1, j - 1))).abs() < 1e-4 {
            out.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if (dp[i][j] - (dp[i - 1][j] + GAP)).abs() < 1e-4 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out.reverse();
    out
}

/// Report the clauses of either list that the alignment left unmatched.
fn report_gaps(
    a: &[Node],
    b: &[Node],
    matched: &[(usize, usize)],
    la: &str,
    lb: &str,
    out: &mut Comparison,
) {
    let shifted: Vec<String> = matched
        .iter()
        .filter(|&&(i, j)| a[i].id != b[j].id)
        .map(|&(i, j)| format!("{} = {}", a[i].id, b[j].id))
        .collect();
    let mut note = |n: &Node, has: &str, lacks: &str| {
        let id = n.id.to_string();
        match out
            .missing
            .iter_mut()
            .find(|m| m.id == id && m.language == has)
        {
            Some(m) => m.absent_from.push(lacks.to_owned()),
            None => out.missing.push(Missing {
                id,
                kind: n.kind.label(),
                language: has.to_owned(),
                absent_from: vec![lacks.to_owned()],
                opening: n.text.chars().take(60).collect(),
                shifted: shifted.clone(),
            }),
        }
    };
    for (i, n) in a.iter().enumerate() {
        if !matched.iter().any(|&(x, _)| x == i) {
            note(n, la, lb);
        }
    }
    for (j, n) in b.iter().enumerate() {
        if !matched.iter().any(|&(_, y)| y == j) {
            note(n, lb, la);
        }
    }
}

/// Clauses whose words are laid out in a different number of paragraphs (lines of its
/// own words, or of a closing formula) from one language to another, where no clause
/// is numbered: a matter of layout, one note per clause.
fn layout(texts: &[LanguageText<'_>]) -> Vec<Layout> {
    let Some(reference) = texts.first() else {
        return Vec::new();
    };
    let paragraphs = |n: &Node| {
        let count = |s: &str| s.split('\n').filter(|l| !l.trim().is_empty()).count();
        count(&n.text) + n.closing.as_deref().map_or(0, count)
    };
    let mut out = Vec::new();
    for n in reference.draft.doc.walk() {
        let counts: Vec<Paragraphs> = texts
            .iter()
            .filter_map(|t| {
                let m = t.draft.doc.find(&n.id)?;
                (m.kind == n.kind).then(|| Paragraphs {
                    language: t.language.to_owned(),
                    paragraphs: paragraphs(m),
                })
            })
            .collect();
        let first = counts.first().map(|c| c.paragraphs);
        if counts.len() > 1 && counts.iter().any(|c| Some(c.paragraphs) != first) {
            out.push(Layout {
                id: n.id.to_string(),
                kind: n.kind.label(),
                paragraphs: counts,
            });
        }
    }
    out
}

/// One language's change between two drafts, as the diff of its two texts.
#[derive(Debug)]
pub struct LanguageChange<'a> {
    pub language: &'a str,
    pub diff: &'a treaty_diff::ConventionDiff,
}

/// A clause that changed between the drafts in some languages and not in others.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Uneven {
    /// The clause in the newer draft (or the older one, when it was deleted).
    pub id: String,
    /// How it changed in each language that changed it.
    pub changed: Vec<ChangedIn>,
    /// The languages in which it did not change.
    pub unchanged: Vec<String>,
}

/// How a clause changed in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedIn {
    pub language: String,
    pub status: &'static str,
}

/// The clauses changed between two drafts in some languages and not in all, in the
/// order of the first language's diff.
pub fn between(changes: &[LanguageChange<'_>]) -> Vec<Uneven> {
    let key = |c: &treaty_diff::ClauseDiff| {
        c.new
            .as_ref()
            .or(c.old.as_ref())
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let substantive = |s: Status| !matches!(s, Status::Unchanged | Status::Formatting);
    // Each language's changed clauses, by ID, in order.
    let per: Vec<Vec<(String, Status)>> = changes
        .iter()
        .map(|c| {
            c.diff
                .units
                .iter()
                .flat_map(|u| &u.clauses)
                .filter(|c| substantive(c.status) && (c.changed || c.status != Status::Renumbered))
                .fold(Vec::new(), |mut list: Vec<(String, Status)>, c| {
                    let k = key(c);
                    // A clause rewritten whole is deleted and inserted under one ID: it
                    // changed.
                    match list.iter_mut().find(|(id, _)| *id == k) {
                        Some(entry) => entry.1 = Status::Changed,
                        None => list.push((k, c.status)),
                    }
                    list
                })
        })
        .collect();
    let mut ids: Vec<String> = Vec::new();
    for list in &per {
        for (id, _) in list {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let mut changed = Vec::new();
            let mut unchanged = Vec::new();
            for (c, list) in changes.iter().zip(&per) {
                match list.iter().find(|(k, _)| *k == id) {
                    Some((_, s)) => changed.push(ChangedIn {
                        language: c.language.to_owned(),
                        status: s.as_str(),
                    }),
                    None => unchanged.push(c.language.to_owned()),
                }
            }
            (!unchanged.is_empty()).then_some(Uneven {
                id,
                changed,
                unchanged,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        let doc = treaty_parse::parse_str(text).expect("parses");
        Draft::new("d", "d.txt", text, doc)
    }

    fn compared(a: &str, b: &str) -> Comparison {
        let (a, b) = (draft(a), draft(b));
        compare(&[
            LanguageText {
                language: "en",
                draft: &a,
            },
            LanguageText {
                language: "fr",
                draft: &b,
            },
        ])
    }

    const LONG: &str = "a clause long enough that its length says something about its words";

    #[test]
    fn the_same_structure_finds_nothing() {
        let text = format!("Article 1\n\n1. {LONG}.\n\n2. {LONG}.\n");
        let c = compared(&text, &text);
        assert!(!c.structure_differs());
        assert_eq!(c.lengths, []);
        assert_eq!(c.layout, []);
        assert_eq!(c.clauses, 3);
    }

    #[test]
    fn a_paragraph_missing_from_one_language_is_named() {
        let c = compared(
            &format!("Article 1\n\n1. {LONG}.\n\n2. {LONG}.\n\n3. {LONG}.\n"),
            &format!("Article 1\n\n1. {LONG}.\n\n3. {LONG}.\n"),
        );
        assert!(c.structure_differs());
        assert_eq!(c.missing.len(), 1, "{:?}", c.missing);
        assert_eq!(c.missing[0].id, "1.2");
        assert_eq!(c.missing[0].absent_from, ["fr"]);
    }

    #[test]
    fn a_clause_far_longer_than_the_pair_usually_gives_is_reported() {
        let paragraphs = |third: &str| {
            format!("Article 1\n\n1. {LONG}.\n\n2. {LONG}.\n\n3. {LONG}.\n\n4. {third}.\n")
        };
        let c = compared(
            &paragraphs(LONG),
            &paragraphs(&format!("{LONG}; {LONG}; and {LONG}")),
        );
        assert!(!c.structure_differs());
        assert_eq!(c.lengths.len(), 1, "{:?}", c.lengths);
        assert_eq!(c.lengths[0].id, "1.4");
        assert!(c.lengths[0].ratio > 2.5 && (c.lengths[0].usual - 1.0).abs() < 0.01);
    }

    #[test]
    fn unnumbered_recitals_are_aligned_by_their_lengths() {
        let recitals = |with_second: bool| {
            let mut s =
                String::from("Preamble\n\nConsidering first that a long recital is here,\n\n");
            if with_second {
                s.push_str("Considering also that a much longer second recital, with many more words in it than the others have, is here,\n\n");
            }
            s.push_str("Considering third a short one,\n\nConsidering fourth that the last recital is also of a middling length,\n\nHave agreed as follows:\n\nArticle 1\n\nText.\n");
            s
        };
        let c = compared(&recitals(true), &recitals(false));
        assert_eq!(c.missing.len(), 1, "{:?}", c.missing);
        assert_eq!(c.missing[0].id, "preamble.2");
        assert_eq!(
            c.missing[0].shifted,
            ["preamble.3 = preamble.2", "preamble.4 = preamble.3"]
        );
    }
}
