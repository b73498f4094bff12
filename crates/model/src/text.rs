//! Text helpers every part of treaty shares: making text from files safe to print
//! (control characters are data, not terminal commands), comparing words the way a
//! reader does (spacing, quote marks and dashes are not words), and edit distance.

use std::borrow::Cow;

/// Replace control characters (C0, DEL, C1, and the bidirectional overrides) with visible
/// escapes such as `\u{1b}`, keeping newlines and tabs. Text from a file must pass through
/// this before it reaches a terminal.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    // Nearly all text has none: a byte that could start one is looked for first, and
    // only a text with such a byte is read character by character.
    if !text.bytes().any(may_start_escape) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `b` can be the first byte of a character [`needs_escape`]: a C0 control
/// other than a newline or tab, DEL, or the lead byte of C1 controls (U+0080–U+009F,
/// `C2 xx`) and of the bidirectional controls (U+202A–U+202E, U+2066–U+2069, `E2 xx xx`).
fn may_start_escape(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2 || b == 0xe2
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Levenshtein distance over characters, for "did you mean ...?" on short strings (IDs,
/// field names, labels): the cost is quadratic in their length.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// `text` with whitespace runs collapsed to one space, typographic quotes and dashes
/// made plain, soft hyphens dropped; and for every byte of the result, the byte offset
/// in `text` it came from (plus one final entry for the end).
pub fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    normalise_with(text, |at, piece| match piece {
        Piece::Same(run) => {
            out.push_str(run);
            map.extend(at..at + run.len());
        }
        Piece::Char(c) => {
            out.push(c);
            map.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
    });
    map.push(text.len());
    (out, map)
}

/// The normalised form alone, without the offset map (eight bytes per byte of text that
/// comparisons never read).
pub fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_normalised(text, &mut out);
    out
}

/// [`normalised`], added to the end of `out` (for callers that join several texts, or
/// reuse one buffer, instead of allocating a string for each).
pub fn push_normalised(text: &str, out: &mut String) {
    if text.is_ascii() {
        push_ascii_normalised(text, out);
        return;
    }
    normalise_with(text, |_, piece| match piece {
        Piece::Same(run) => out.push_str(run),
        Piece::Char(c) => out.push(c),
    });
}

/// [`push_normalised`] of ASCII text, where normalising only collapses white space:
/// the text is copied in runs, broken only where its spacing is not already one space
/// between words (most clauses are one run).
fn push_ascii_normalised(text: &str, out: &mut String) {
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (
        bytes.iter().position(|b| !space(b)),
        bytes.iter().rposition(|b| !space(b)),
    ) else {
        return;
    };
    let t = &bytes[first..=last];
    let mut run = first;
    let mut i = 0;
    while i < t.len() {
        // `t` ends with a byte that is not a space, so `t[i + 1]` is there.
        if space(&t[i]) && (t[i] != b' ' || space(&t[i + 1])) {
            out.push_str(&text[run..first + i]);
            out.push(' ');
            while space(&t[i]) {
                i += 1;
            }
            run = first + i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[run..=last]);
}

/// A piece of the normalised form: a run of the text as it is, or one character put in
/// place of what the text has there.
enum Piece<'a> {
    Same(&'a str),
    Char(char),
}

/// The pieces of the normalised form, each with the byte offset in `text` it starts
/// from; one rule for `normalise` and `normalised`. Runs of plain ASCII (no white space)
/// pass through whole; every other character is looked at one by one.
fn normalise_with<'a>(text: &'a str, mut emit: impl FnMut(usize, Piece<'a>)) {
    let plain = |b: &u8| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let mut started = false;
    let mut space = false;
    let mut at = 0;
    while at < text.len() {
        let run = bytes[at..].iter().take_while(|b| plain(b)).count();
        let (piece, len) = if run > 0 {
            (Piece::Same(&text[at..at + run]), run)
        } else {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let piece = match c {
                '\u{ad}' | '\u{200b}' => None,
                c if c.is_whitespace() => {
                    space = started;
                    None
                }
                '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => Some('\''),
                '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' | '«' | '»' => Some('"'),
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
                    Some('-')
                }
                c => Some(c),
            };
            match piece {
                // The length is the source character's, not its stand-in's.
                Some(put) => (Piece::Char(put), c.len_utf8()),
                None => {
                    at += c.len_utf8();
                    continue;
                }
            }
        };
        if space {
            emit(at, Piece::Char(' '));
            space = false;
        }
        emit(at, piece);
        started = true;
        at += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_spacing_quotes_and_dashes() {
        assert_eq!(
            normalised("  the  “State”\u{a0}Party’s\n rights – all "),
            "the \"State\" Party's rights - all"
        );
        assert_eq!(normalised("anti\u{ad}doping"), "antidoping");
        // Each byte of the result points at the character it came from; a collapsed
        // space points at the character after it.
        assert_eq!(
            normalise("a  \u{201c}b\u{201d}"),
            ("a \"b\"".to_owned(), vec![0, 3, 3, 6, 7, 10])
        );
    }

    #[test]
    fn escapes_terminal_sequences_and_keeps_plain_text() {
        assert_eq!(escape_controls("plain text"), "plain text");
        assert_eq!(escape_controls("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape_controls("bell\x07\r"), "bell\\u{7}\\u{d}");
        assert_eq!(escape_controls("line\nnext\tcol"), "line\nnext\tcol");
        assert_eq!(escape_controls("\u{202e}evil"), "\\u{202e}evil");
    }

    /// The rule as first written, a character at a time: what the runs of plain ASCII
    /// that `normalise_with` passes through whole must agree with.
    fn normalised_char_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in text.chars() {
            let c = match c {
                '\u{ad}' | '\u{200b}' => continue,
                c if c.is_whitespace() => {
                    space = !out.is_empty();
                    continue;
                }
                '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
                c => c,
            };
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
        out
    }

    /// Every character that must be escaped starts with a byte the quick test looks for,
    /// so the quick test never lets one through: checked for every character there is.
    #[test]
    fn the_byte_test_finds_every_character_to_escape() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(!needs_escape(c) || may_start_escape(first), "{c:?}");
        }
    }

    proptest! {
        /// ASCII text, normalised by the quick path, reads as the general rule reads it.
        #[test]
        fn ascii_text_is_normalised_as_any_text_is(
            text in "([a-z.,;]{0,5}[ \t\n\r\u{b}\u{c}\u{1}\u{1f}]{0,3}){0,20}",
        ) {
            let mut quick = String::from("kept:");
            push_normalised(&text, &mut quick);
            let mut general = String::from("kept:");
            normalise_with(&text, |_, piece| match piece {
                Piece::Same(run) => general.push_str(run),
                Piece::Char(c) => general.push(c),
            });
            prop_assert_eq!(quick, general);
        }

        #[test]
        fn the_offset_map_points_back_into_the_source(text in "\\PC{0,40}") {
            let (out, map) = normalise(&text);
            prop_assert_eq!(map.len(), out.len() + 1);
            for w in map.windows(2) {
                prop_assert!(w[0] <= w[1]);
            }
            for &m in &map {
                prop_assert!(text.is_char_boundary(m));
            }
        }

        #[test]
        fn both_forms_normalise_alike(text in "[ \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{ad}\u{200b}\u{2019}\u{201c}\u{2013}«a-z]{0,40}|\\PC{0,40}") {
            prop_assert_eq!(normalised(&text), normalise(&text).0);
            prop_assert_eq!(normalised(&text), normalised_char_by_char(&text));
        }
    }
}
