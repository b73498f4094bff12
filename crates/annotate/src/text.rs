//! Comparing words the way a reader does: spacing, quote marks and dashes are not words.

/// `text` with whitespace runs collapsed to one space, typographic quotes and dashes
/// made plain, soft hyphens dropped; and for every byte of the result, the byte offset
/// in `text` it came from (plus one final entry for the end).
pub fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut space = false;
    for (at, c) in text.char_indices() {
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
            map.push(at);
            space = false;
        }
        let before = out.len();
        out.push(c);
        map.extend(std::iter::repeat_n(at, out.len() - before));
    }
    map.push(text.len());
    (out, map)
}

/// The normalised form alone.
pub fn normalised(text: &str) -> String {
    normalise(text).0
}

/// A slug for file names and IDs: lowercase ASCII letters and digits joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
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
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Electronic Frontier Foundation (EFF)"),
            "electronic-frontier-foundation-eff"
        );
        assert_eq!(slug("ARTICLE 19"), "article-19");
        assert_eq!(slug("Privacy International!"), "privacy-international");
    }

    proptest! {
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
    }
}
