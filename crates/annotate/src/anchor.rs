//! Finding the words an annotation quotes in the text of its clause, the way the W3C
//! TextQuoteSelector does (`exact`, with optional `prefix` and `suffix`), but blind to
//! spacing, quote style and dash style.

use std::ops::Range;

use similar::TextDiff;

use treaty_model::{normalise, normalised};

/// A clause text prepared for repeated searching.
#[derive(Debug, Clone)]
pub struct Searchable {
    pub text: String,
    norm: String,
    map: Vec<usize>,
}

impl Searchable {
    pub fn new(text: String) -> Self {
        let (norm, map) = normalise(&text);
        Self { text, norm, map }
    }

    /// Whether the normalised quote occurs anywhere.
    pub fn contains(&self, quote: &str) -> bool {
        let q = normalised(quote);
        !q.is_empty() && self.norm.contains(&q)
    }

    /// Byte range in `text` of a range in the normalised text.
    fn original(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map[r.start];
        let last = self.map[r.end - 1];
        let end = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
        start..end
    }
}

/// Where a quote is, or why it could not be placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// Exactly one place (after `prefix`/`suffix` have picked): a byte range in the text.
    Found(Range<usize>),
    /// Nowhere; with the closest run of words, if any is close.
    Missing { near: Option<Near> },
    /// More than one place, and nothing picks one.
    Ambiguous { at: Vec<Range<usize>> },
    /// The words occur, but never with this `prefix`/`suffix` around them.
    ContextMismatch { at: Vec<Range<usize>> },
}

/// The words most like a quote that was not found.
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    pub text: String,
    /// Similarity from 0 to 1 (the share of matching characters).
    pub score: f32,
}

/// The least similarity for a run of words to be offered as "did you mean".
pub const NEAR_THRESHOLD: f32 = 0.6;

pub fn anchor(
    in_text: &Searchable,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Anchor {
    let q = normalised(quote);
    if q.is_empty() {
        return Anchor::Missing { near: None };
    }
    let hits: Vec<Range<usize>> = in_text
        .norm
        .match_indices(q.as_str())
        .map(|(at, m)| at..at + m.len())
        .collect();
    if hits.is_empty() {
        return Anchor::Missing {
            near: near(in_text, &q),
        };
    }
    let prefix = prefix.map(normalised).filter(|p| !p.is_empty());
    let suffix = suffix.map(normalised).filter(|s| !s.is_empty());
    let picked: Vec<Range<usize>> = hits
        .iter()
        .filter(|r| {
            prefix
                .as_deref()
                .is_none_or(|p| in_text.norm[..r.start].trim_end().ends_with(p.trim_end()))
                && suffix.as_deref().is_none_or(|s| {
                    in_text.norm[r.end..]
                        .trim_start()
                        .starts_with(s.trim_start())
                })
        })
        .cloned()
        .collect();
    let original = |rs: &[Range<usize>]| rs.iter().map(|r| in_text.original(r.clone())).collect();
    match picked.len() {
        1 => Anchor::Found(in_text.original(picked[0].clone())),
        0 => Anchor::ContextMismatch {
            at: original(&hits),
        },
        _ => Anchor::Ambiguous {
            at: original(&picked),
        },
    }
}

/// How many stretches of the text, those sharing the most words with the quote, are
/// compared with it character by character.
const NEAR_CANDIDATES: usize = 8;

/// The run of words in the text most similar to the quote. Comparing every run of the
/// text character by character would cost minutes on a long text; the runs compared are
/// those around the few stretches that share the most words with the quote.
fn near(in_text: &Searchable, q: &str) -> Option<Near> {
    let words: Vec<Range<usize>> = word_ranges(&in_text.norm);
    let quote: std::collections::HashSet<&str> = q.split(' ').collect();
    let n = q.split(' ').count();
    if words.is_empty() {
        return None;
    }
    // Words of each stretch of n words that are words of the quote, by a sliding count.
    let shared: Vec<bool> = words
        .iter()
        .map(|w| quote.contains(&in_text.norm[w.clone()]))
        .collect();
    let span = n.min(words.len());
    let mut count: usize = shared[..span].iter().filter(|&&b| b).count();
    let mut starts: Vec<(usize, usize)> = vec![(count, 0)];
    for s in 1..=words.len() - span {
        count = count + usize::from(shared[s + span - 1]) - usize::from(shared[s - 1]);
        starts.push((count, s));
    }
    starts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    starts.retain(|&(c, _)| c > 0);
    starts.truncate(NEAR_CANDIDATES);
    let mut best: Option<(f32, Range<usize>)> = None;
    for &(_, s) in &starts {
        for start in s.saturating_sub(2)..=(s + 2).min(words.len() - 1) {
            for len in n.saturating_sub(2).max(1)..=n + 2 {
                let end = (start + len).min(words.len());
                let r = words[start].start..words[end - 1].end;
                let candidate = &in_text.norm[r.clone()];
                let score = TextDiff::from_chars(q, candidate).ratio();
                if best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, r));
                }
            }
        }
    }
    let (score, mut r) = best?;
    // A run of words ends at a word, not at the punctuation after it.
    let trimmed = in_text.norm[r.clone()].trim_end_matches([',', ';', ':', '.']);
    r.end = r.start + trimmed.len().max(1);
    (score >= NEAR_THRESHOLD).then(|| Near {
        text: in_text.text[in_text.original(r)].to_owned(),
        score,
    })
}

fn word_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c == ' ', start) {
            (true, Some(st)) => {
                out.push(st..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push(st..s.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Each State Party shall adopt such measures as may be necessary to establish as a criminal offence, when committed intentionally, the access to the whole or any part of an information and communications technology system without right.\nA State Party may require that the offence be committed by infringing security measures, with the intent of obtaining electronic data.";

    fn at(s: &Searchable, q: &str, p: Option<&str>, x: Option<&str>) -> Anchor {
        anchor(s, q, p, x)
    }

    #[test]
    fn finds_a_quote_whatever_the_spacing_and_quote_marks() {
        let s = Searchable::new(TEXT.to_owned());
        let Anchor::Found(r) = at(
            &s,
            "information and\n  communications technology system",
            None,
            None,
        ) else {
            panic!("not found")
        };
        assert_eq!(&TEXT[r], "information and communications technology system");
        let s = Searchable::new("the State Party’s “own” law".to_owned());
        let Anchor::Found(r) = at(&s, "Party's \"own\"", None, None) else {
            panic!()
        };
        assert_eq!(&s.text[r], "Party’s “own”");
    }

    #[test]
    fn repeated_words_need_a_prefix_or_suffix() {
        let s = Searchable::new(TEXT.to_owned());
        let Anchor::Ambiguous { at: hits } = at(&s, "State Party", None, None) else {
            panic!()
        };
        assert_eq!(hits.len(), 2);
        let Anchor::Found(r) = at(&s, "State Party", Some("A "), None) else {
            panic!()
        };
        assert_eq!(r.start, TEXT.find("A State Party").unwrap_or(0) + 2);
        let Anchor::Found(r) = at(&s, "State Party", None, Some("shall adopt")) else {
            panic!()
        };
        assert_eq!(r.start, 5);
        assert!(matches!(
            at(&s, "State Party", Some("Every"), None),
            Anchor::ContextMismatch { .. }
        ));
    }

    #[test]
    fn a_missing_quote_offers_the_nearest_words() {
        let s = Searchable::new(TEXT.to_owned());
        let got = at(&s, "by infringing the security measures", None, None);
        let Anchor::Missing { near: Some(n) } = got else {
            panic!("{got:?}")
        };
        assert_eq!(n.text, "by infringing security measures");
        assert!(n.score > 0.9);
        assert_eq!(
            at(&s, "nothing like the text at all here", None, None),
            Anchor::Missing { near: None }
        );
    }
}
