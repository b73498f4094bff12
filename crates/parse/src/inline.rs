//! Inline clean-up of clause text: white space, Markdown links and emphasis, inline HTML,
//! footnote references and negotiation brackets. What is taken out of the words is kept
//! beside them, never dropped.

use crate::classify::is_space;

/// A clause's words with the markup taken out, and the markup kept as data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Passages that stood in square brackets (undecided in a negotiation draft).
    pub bracketed: Vec<String>,
    /// Status markers such as `agreed ad referendum`.
    pub markers: Vec<String>,
    /// Footnote labels referred to (`[^1]`).
    pub footnotes: Vec<String>,
}

/// Bracketed phrases that record the status of a clause rather than words of it.
const STATUS_MARKERS: [&str; 8] = [
    "agreed ad referendum",
    "agreed ad ref",
    "ad ref",
    "ad referendum",
    "agreed",
    "pending",
    "informally agreed",
    "provisionally agreed",
];

/// Whether a bracketed phrase records where a clause's words come from: `[Amendment
/// 217]`, as `treaty import --onto` writes after the words an amendment gave.
fn is_provenance(phrase: &str) -> bool {
    phrase
        .strip_prefix("amendment ")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Clean one block of clause text.
pub fn clean_inline(raw: &str) -> Cleaned {
    // Most lines hold no markup and single spaces: copy them as they are.
    if is_plain(raw) {
        return Cleaned {
            text: raw.to_owned(),
            ..Cleaned::default()
        };
    }
    let mut out = Cleaned::default();
    let mut text = String::with_capacity(raw.len());
    scan(raw, &mut text, &mut out);
    out.text = collapse_spaces(&text);
    out
}

/// Whether clean-up leaves `raw` as it is: ASCII with no markup, no control characters
/// and single spaces between words. Each test is a search over the whole line many bytes
/// at a time.
pub fn is_plain(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    raw.is_ascii()
        && memchr::memchr3(b'[', b'<', b'*', bytes).is_none()
        && memchr::memchr3(b'\t', b'\r', b'\n', bytes).is_none()
        && memchr::memchr2(0x0b, 0x0c, bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none()
        && !raw.starts_with(' ')
        && !raw.ends_with(' ')
}

/// Whether the words after a `<sup>` are an exponent or an ordinal ending: short and
/// without a space (`25</sup>`, `nd</sup>`), not a footnote call (` 9) Also</sup>`).
fn exponent(after: &str) -> bool {
    after.find("</sup>").is_some_and(|close| {
        let inside = &after[..close];
        (1..=12).contains(&inside.len()) && !inside.contains(char::is_whitespace)
    })
}

fn scan(raw: &str, text: &mut String, out: &mut Cleaned) {
    let mut in_exponent = false;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let b = bytes[i];
        match b {
            b'[' => {
                let Some(close) = matching_bracket(raw, i) else {
                    text.push('[');
                    i += 1;
                    continue;
                };
                let inner = &raw[i + 1..close];
                let after = &raw[close + 1..];
                if let Some(label) = inner.strip_prefix('^') {
                    out.footnotes.push(label.trim().to_owned());
                    i = close + 1;
                } else if after.starts_with('(')
                    && let Some(end) = link_target_end(after)
                {
                    // A Markdown link: keep what it says, drop where it points.
                    scan(inner, text, out);
                    i = close + 1 + end + 1;
                } else {
                    let phrase = collapse_spaces(inner).to_lowercase();
                    let phrase = phrase.trim_end_matches('.').to_owned();
                    if STATUS_MARKERS.contains(&phrase.as_str()) || is_provenance(&phrase) {
                        out.markers.push(phrase);
                    } else {
                        let mut words = String::new();
                        let mut nested = Cleaned::default();
                        scan(inner, &mut words, &mut nested);
                        text.push_str(&words);
                        out.bracketed.push(collapse_spaces(&words));
                        out.bracketed.extend(nested.bracketed);
                        out.markers.extend(nested.markers);
                        out.footnotes.extend(nested.footnotes);
                    }
                    i = close + 1;
                }
            }
            b'<' => match html_tag_end(raw, i) {
                Some(end) => {
                    // A short superscript stays readable as one (`10<sup>25</sup>`
                    // reads `10^25`); any other tag stands between words.
                    match raw[i + 1..end - 1].trim().to_ascii_lowercase().as_str() {
                        "sup" if exponent(&raw[end..]) => {
                            text.push('^');
                            in_exponent = true;
                        }
                        "/sup" if in_exponent => in_exponent = false,
                        _ => text.push(' '),
                    }
                    i = end;
                }
                None => {
                    text.push('<');
                    i += 1;
                }
            },
            // Markdown emphasis: `*inter alia,*include` reads "inter alia, include".
            b'*' => {
                let glued = text.ends_with([',', ';', ':', '.'])
                    && raw[i + 1..].starts_with(char::is_alphanumeric);
                if glued {
                    text.push(' ');
                }
                i += 1;
            }
            _ => {
                let c = raw[i..].chars().next().unwrap_or(' ');
                if !matches!(
                    c,
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
                ) {
                    text.push(c);
                }
                i += c.len_utf8();
            }
        }
    }
}

/// The index of the `]` that closes the `[` at `open`, allowing nesting.
fn matching_bracket(raw: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, b) in raw.as_bytes()[open..].iter().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The end of an inline HTML tag (`<sup>`, `</sup>`, `<br/>`) starting at `at`.
fn html_tag_end(raw: &str, at: usize) -> Option<usize> {
    let rest = &raw[at + 1..];
    let name_start = usize::from(rest.starts_with('/'));
    let first = rest[name_start..].chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let close = rest.find('>')?;
    let inside = &rest[..close];
    if inside.contains('<') || close > 200 {
        return None;
    }
    Some(at + 1 + close + 1)
}

/// Collapse every run of white space (any Unicode space) to one space, and trim.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if is_space(c) {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

/// The offset of the `)` that closes a Markdown link target starting at `after[0] == '('`:
/// parentheses inside the target nest (`(../treaty/(wct)/(1996)/README.md)`); a `)` that
/// balances them but is followed by more of a path (`(../onder/c)/van/README.md)`) does
/// not end it; and a target never spans a line.
fn link_target_end(after: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in after.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                let next = after[i + 1..].chars().next();
                let ends = next.is_none_or(|n| n.is_whitespace() || ")],.;:!?\"'’”*_".contains(n));
                if depth == 0 && ends {
                    return Some(i);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_variants_collapse() {
        assert_eq!(
            clean_inline("  a\u{a0}\u{a0}b\tc \u{2003} d  ").text,
            "a b c d"
        );
        assert_eq!(clean_inline("zero\u{200b}width").text, "zerowidth");
    }

    #[test]
    fn a_target_goes_on_past_a_parenthesis_that_is_part_of_its_path() {
        assert_eq!(
            clean_inline("Officials of the [European Union](../op/basis/onder/c)/van/het/BWBV0001526/README.md), adopted").text,
            "Officials of the European Union, adopted"
        );
        assert_eq!(
            clean_inline("(see [the Treaty](../t/README.md)) and more").text,
            "(see the Treaty) and more"
        );
    }

    #[test]
    fn link_targets_may_hold_parentheses() {
        assert_eq!(
            clean_inline("the [WIPO Copyright Treaty](../wipo/(wct)/(1996)/README.md), with").text,
            "the WIPO Copyright Treaty, with"
        );
    }

    #[test]
    fn markdown_links_and_emphasis_keep_their_words() {
        let c = clean_inline(
            "the [1950 Council of Europe Convention](../x/README.md), *inter alia,* include",
        );
        assert_eq!(
            c.text,
            "the 1950 Council of Europe Convention, inter alia, include"
        );
        assert!(c.bracketed.is_empty());
        assert_eq!(
            clean_inline("cybercrime,*inter alia,*include").text,
            "cybercrime, inter alia, include"
        );
    }

    #[test]
    fn html_tags_go_text_stays() {
        assert_eq!(
            clean_inline("Archery<sup> 9) Also</sup> x").text,
            "Archery 9) Also x"
        );
        assert_eq!(clean_inline("a < b and c>d").text, "a < b and c>d");
    }

    #[test]
    fn negotiation_markup_is_kept_as_data() {
        let c =
            clean_inline("Each State Party [shall][may] adopt measures. [agreed ad referendum]");
        assert_eq!(c.text, "Each State Party shallmay adopt measures.");
        assert_eq!(c.bracketed, ["shall", "may"]);
        assert_eq!(c.markers, ["agreed ad referendum"]);
        let c = clean_inline("serious crime [as defined in article 2] [Agreed ad ref.]");
        assert_eq!(c.text, "serious crime as defined in article 2");
        assert_eq!(c.bracketed, ["as defined in article 2"]);
        assert_eq!(c.markers, ["agreed ad ref"]);
    }

    #[test]
    fn a_superscript_is_marked_not_glued() {
        let c = clean_inline("more than 10<sup>25</sup> operations, <b>bold</b> words");
        assert_eq!(c.text, "more than 10^25 operations, bold words");
    }

    #[test]
    fn footnote_references_are_lifted() {
        let c = clean_inline("General Assembly resolution[^1] of 2024");
        assert_eq!(c.text, "General Assembly resolution of 2024");
        assert_eq!(c.footnotes, ["1"]);
    }

    #[test]
    fn unbalanced_brackets_stay_in_the_text() {
        assert_eq!(clean_inline("a [b c").text, "a [b c");
        assert_eq!(clean_inline("a ] b").text, "a ] b");
    }
}
