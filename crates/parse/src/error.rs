//! Input that cannot be read as a text at all.

/// Why a file could not be parsed. Everything short of these is a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    #[error("the input is empty: give a convention text (plain text or Markdown)")]
    Empty,
    #[error("the input holds only white space: give a convention text")]
    Blank,
    #[error(
        "the input looks binary (a NUL byte at byte offset {offset}): give a plain-text or \
         Markdown file; to read a PDF, extract its text first (for example with `pdftotext -layout`)"
    )]
    Binary { offset: usize },
    #[error(
        "the input is not valid UTF-8 (at byte offset {offset}): convert it first, for \
         example with `iconv -f WINDOWS-1252 -t UTF-8`"
    )]
    InvalidUtf8 { offset: usize },
}

pub(crate) fn check_text(bytes: &[u8]) -> Result<&str, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(ParseError::Binary { offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    check_blank(text)?;
    Ok(text)
}

/// The checks of [`check_text`] that a string still needs: not empty, no NUL, not
/// only white space.
pub(crate) fn check_str(text: &str) -> Result<(), ParseError> {
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(ParseError::Binary { offset });
    }
    check_blank(text)
}

fn check_blank(text: &str) -> Result<(), ParseError> {
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(ParseError::Blank);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_text() {
        assert_eq!(check_text(b""), Err(ParseError::Empty));
        assert_eq!(check_text(b" \n\t\r\n"), Err(ParseError::Blank));
        assert_eq!(
            check_text(b"Article 1\0x"),
            Err(ParseError::Binary { offset: 9 })
        );
        assert_eq!(
            check_text(b"Article \xe9"),
            Err(ParseError::InvalidUtf8 { offset: 8 })
        );
        assert_eq!(check_text(b"Article 1"), Ok("Article 1"));
    }
}
