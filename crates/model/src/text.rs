//! Making text from files safe to print: control characters are data, not terminal commands.

use std::borrow::Cow;

/// Replace control characters (C0, DEL, C1, and the bidirectional overrides) with visible
/// escapes such as `\u{1b}`, keeping newlines and tabs. Text from a file must pass through
/// this before it reaches a terminal.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences_and_keeps_plain_text() {
        assert_eq!(escape_controls("plain text"), "plain text");
        assert_eq!(escape_controls("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape_controls("bell\x07\r"), "bell\\u{7}\\u{d}");
        assert_eq!(escape_controls("line\nnext\tcol"), "line\nnext\tcol");
        assert_eq!(escape_controls("\u{202e}evil"), "\\u{202e}evil");
    }
}
