//! Splits convention texts into articles and clauses.
//!
//! One entry point, [`parse`], reads the layouts users have without configuration: the
//! plain-text layout of official UN documents, the Markdown export of the Dutch treaty
//! database (English text followed by a Dutch translation), and text copied from PDFs
//! (wrapped lines, hyphenation, page furniture). Each line is classified by a small nom
//! grammar ([`classify`]); a builder then assembles the clause tree, accounting for every
//! byte of the input either in a node's span or in recorded layout.

mod arena;
mod build;
pub mod classify;
mod error;
mod inline;
pub mod language;
mod lines;
pub mod numeral;
mod preamble;

pub use error::ParseError;
pub use inline::{Cleaned, clean_inline};
use treaty_model::Document;

/// Parse a convention text from raw bytes.
///
/// Fails only when the input is not text at all (empty, binary, invalid UTF-8); every
/// other oddity becomes a diagnostic in the returned [`Document`].
pub fn parse(bytes: &[u8]) -> Result<Document, ParseError> {
    let text = error::check_text(bytes)?;
    Ok(build::build(text, None))
}

/// Whether a preamble line opens a recital by its own first word ("Considering",
/// "Whereas", a capitalised participle), as the parser reads preambles in a text of
/// this language (an ISO 639-1 code, such as the parse's `language`). Writers of
/// canonical text use it to know when a recital needs no number.
pub fn opens_recital(text: &str, language: Option<&str>) -> bool {
    preamble::opens_with_opener(text, language)
}

/// Parse a convention text held as a shared string: clause words that need no clean-up
/// are slices of `text` instead of copies, so the tree takes little more memory than
/// the text itself. The tree keeps `text` alive.
pub fn parse_shared(text: &std::sync::Arc<str>) -> Result<Document, ParseError> {
    error::check_str(text)?;
    Ok(build::build(text, Some(text)))
}

/// Parse a convention text that is already a string (its UTF-8 is not checked again).
pub fn parse_str(text: &str) -> Result<Document, ParseError> {
    error::check_str(text)?;
    Ok(build::build(text, None))
}
