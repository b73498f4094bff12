//! Splitting the source into lines while keeping every byte: a line ends at `\n`, `\r\n`
//! or a lone `\r` (old Mac files), and the last line may have no ending.

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
        // memchr finds either byte many at a time; a char pattern looks at one.
        let (content_len, eol_len) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) if rest[i..].starts_with("\r\n") => (i, 2),
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
    fn a_lone_carriage_return_ends_a_line() {
        let text = "Article 1\rScope\r\rWords.\r\nNext\n";
        let got: Vec<&str> = lines(text).map(|l| l.content).collect();
        assert_eq!(got, ["Article 1", "Scope", "", "Words.", "Next"]);
        assert_eq!(lines(text).last().map(|l| l.end), Some(text.len()));
    }

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
