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

const OPENERS: [&str; 13] = [
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
];

fn is_opener(word: &str) -> bool {
    let w = word.trim_end_matches([',', ':']);
    let capitalised = w.starts_with(|c: char| c.is_ascii_uppercase())
        && w[1..].chars().all(|c| c.is_ascii_lowercase())
        && w.len() >= 3;
    capitalised && (OPENERS.contains(&w) || w.ends_with("ing") || w.ends_with("ed"))
}

fn is_closing(piece: &str) -> bool {
    let lower = crate::inline::collapse_spaces(piece).to_lowercase();
    [
        "have agreed",
        "agree as follows",
        "hereby agree",
        "have resolved",
        "have decided",
        "now therefore",
        "now, therefore",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Does the text start with a recital's opening word?
pub(crate) fn opens_with_opener(text: &str) -> bool {
    is_opener(text.split(is_space).next().unwrap_or(""))
}

/// Does this line open a new recital (or the closing formula)?
pub(crate) fn starts_recital(line: &str) -> bool {
    is_opener(line.split(is_space).next().unwrap_or(""))
        || is_closing(line)
        || recital_number(line).is_some()
}

/// A recital's own number, as EU acts write it: "(12) Text" gives ("12", offset of
/// "Text").
pub(crate) fn recital_number(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix('(')?;
    let close = rest.find(')')?;
    let n = &rest[..close];
    if n.is_empty() || n.len() > 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let after = &rest[close + 1..];
    let body = after.trim_start_matches(is_space);
    (body.len() < after.len()).then_some((n, text.len() - body.len()))
}

/// Split one block of preamble text. The opening words ("The States Parties to this
/// Convention,") are only looked for in the first block, and only when more follows.
pub(crate) fn split(block: &str, first_block: bool, more_follows: bool) -> Pieces {
    let mut cuts = vec![0];
    let bytes = block.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b';' || b == b',') && block[i + 1..].starts_with(is_space) {
            let start =
                i + 1 + block[i + 1..].len() - block[i + 1..].trim_start_matches(is_space).len();
            let word = block[start..].split(is_space).next().unwrap_or("");
            if is_opener(word) {
                cuts.push(start);
            }
        }
    }
    cuts.push(block.len());
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
        && !is_opener(block[a..b].split(is_space).next().unwrap_or(""))
        && recital_number(&block[a..b]).is_none()
        && (ranges.len() > 1 || more_follows)
    {
        pieces.chapeau = Some((a, b));
        ranges.remove(0);
    }
    if let Some(&(a, b)) = ranges.last()
        && is_closing(&block[a..b])
    {
        pieces.closing = Some((a, b));
        ranges.pop();
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
        let p = split(block, true, false);
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
        let p = split(block, true, false);
        assert_eq!(p.chapeau, None);
        assert_eq!(p.recitals.len(), 2);
        assert_eq!(
            p.closing.map(|(a, _)| &block[a..a + 13]),
            Some("Now therefore")
        );
    }

    #[test]
    fn a_single_recital_line_stays_whole() {
        let block = "Concerned about the seriousness of problems posed by corruption,";
        let p = split(block, false, false);
        assert_eq!(p.recitals, [(0, block.len())]);
    }

    #[test]
    fn eu_recitals_carry_their_own_numbers() {
        assert_eq!(recital_number("(12) The purpose"), Some(("12", 5)));
        assert_eq!(recital_number("(a) not a recital number"), None);
        assert_eq!(recital_number("(12)glued"), None);
        assert!(starts_recital("(1) The purpose of this Regulation is"));
        assert!(starts_recital(
            "After transmission of the draft legislative act"
        ));
    }
}
