//! Splitting the source into lines while keeping every byte: `\n`, `\r\n` and the last
//! line without a newline.

/// One source line: `content` excludes the line ending, `end` includes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub start: usize,
    pub content: &'a str,
    pub end: usize,
}

pub(crate) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let rest = &text[at..];
        let (content_len, eol_len) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => (i - 1, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        let line = Line {
            start: at,
            content: &rest[..content_len],
            end: at + content_len + eol_len,
        };
        at = line.end;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_byte() {
        let text = "a\r\nbc\n\nlast";
        let got: Vec<_> = lines(text).map(|l| (l.start, l.content, l.end)).collect();
        assert_eq!(
            got,
            [(0, "a", 3), (3, "bc", 6), (6, "", 7), (7, "last", 11)]
        );
    }
}
