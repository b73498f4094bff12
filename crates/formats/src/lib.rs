//! Reading convention texts as institutions publish them and writing treaty's canonical
//! plain text, which the parser reads back into the clause tree.
//!
//! Supported: Akoma Ntoso 3.0 (structured and flattened), Formex 6, EUR-Lex XHTML (the
//! Commission's proposals), and text extracted from a PDF (footnotes at page bottoms kept
//! as footnotes). The result of an import is text,
//! not a tree: the one parser builds every tree, so an imported text and a hand-written
//! one are treated alike, and the text can be read, diffed and reviewed like any other.

mod akn;
pub mod amend;
pub mod amendments;
mod canonical;
mod eurlex;
mod flat;
mod formex;
mod html;
mod notes;
mod pdf;
mod text;
mod xml;

pub use canonical::write as canonical_text;
pub use flat::unflatten;
pub use text::clean;

/// Formats a text can be imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Akoma Ntoso 3.0 XML.
    Akn,
    /// Formex 6, the XML of the EU Official Journal.
    Formex,
    /// EUR-Lex XHTML, in which the Commission's proposals are published.
    EurLex,
    /// An HTML page marked up with ordinary elements: `<article>`, headings, `<p>`,
    /// `<ol><li>` (as the UDHR is published in each language).
    Html,
    /// Text extracted from a PDF (`pdftotext`): footnotes at page bottoms are kept.
    PdfText,
    /// Plain text or Markdown, read as is.
    Text,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Akn => "Akoma Ntoso",
            Format::Formex => "Formex",
            Format::EurLex => "EUR-Lex XHTML",
            Format::Html => "HTML",
            Format::PdfText => "PDF text",
            Format::Text => "plain text",
        }
    }

    /// Tell the format from the content: XML with an `akomaNtoso` root is Akoma Ntoso;
    /// HTML is EUR-Lex's when its paragraphs carry EUR-Lex's classes.
    pub fn detect(bytes: &[u8]) -> Format {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let xml = head.trim_start().starts_with('<');
        if xml && head.contains("akomaNtoso") {
            Format::Akn
        } else if xml && (head.contains("<ACT") || head.contains("formex")) {
            Format::Formex
        } else if xml && head.contains("<html") {
            let eurlex = [
                &b"Titrearticle"[..],
                b"Institutionquiagit",
                b"ManualConsidrant",
            ]
            .iter()
            .any(|class| bytes.windows(class.len()).any(|w| w == *class));
            if eurlex { Format::EurLex } else { Format::Html }
        } else if head.contains('\u{c}') {
            Format::PdfText
        } else {
            Format::Text
        }
    }
}

/// Something worth telling the user about an import that still went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
}

impl Warning {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// An imported text.
#[derive(Clone, Debug)]
pub struct Imported {
    /// Canonical plain text: what `texts/<convention>/<draft>.txt` holds.
    pub text: String,
    pub title: Option<String>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not UTF-8 text (byte {0} is invalid)")]
    NotUtf8(usize),
    #[error("the XML is malformed at line {line}, column {column}: {message}")]
    Xml {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Unsupported(String),
}

/// An XML error at a byte offset, before it is given a line and column.
#[derive(Debug)]
pub(crate) struct XmlError {
    pub offset: usize,
    pub message: String,
}

impl XmlError {
    pub(crate) fn locate(self, src: &str) -> ImportError {
        let at = self.offset.min(src.len());
        let before = src.get(..at).unwrap_or(src);
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        ImportError::Xml {
            line,
            column,
            message: self.message,
        }
    }
}

/// Import a file's bytes as the given format.
pub fn import(bytes: &[u8], format: Format) -> Result<Imported, ImportError> {
    let src = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8(e.valid_up_to()))?;
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let from_xml = |read: fn(&xml::El) -> Result<Imported, ImportError>| {
        let parsed = xml::parse_reporting(src).map_err(|e| e.locate(src))?;
        let mut imported = read(&parsed.root)?;
        // Well-formed XML of the right kind can still hold no words of a text (an empty
        // `<ACT/>`): say so here, in the format's terms, rather than hand the parser
        // nothing.
        if imported.text.trim().is_empty() {
            return Err(ImportError::Unsupported(format!(
                "the {} file holds no text of an act: check that it is the whole published file",
                format.name()
            )));
        }
        if !parsed.undefined.is_empty() {
            imported.warnings.push(Warning::new(format!(
                "the file uses entities nothing defines ({}); they were left out of the text",
                parsed
                    .undefined
                    .iter()
                    .map(|n| format!("&{n};"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        Ok(imported)
    };
    match format {
        Format::Akn => from_xml(akn::import),
        Format::Formex => from_xml(formex::import),
        Format::EurLex => from_xml(eurlex::import),
        Format::Html => from_xml(html::import),
        Format::PdfText => Ok(pdf::import(src)),
        Format::Text => Ok(Imported {
            text: src.to_owned(),
            title: None,
            warnings: Vec::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: an empty act imported as an empty text.
    #[test]
    fn a_well_formed_file_with_no_text_is_refused_in_its_formats_terms() {
        for (xml, format, name) in [
            ("<ACT/>", Format::Formex, "Formex"),
            (
                "<akomaNtoso><act/></akomaNtoso>",
                Format::Akn,
                "Akoma Ntoso",
            ),
        ] {
            let err = import(xml.as_bytes(), format).expect_err("refused");
            assert!(
                err.to_string()
                    .contains(&format!("the {name} file holds no text")),
                "{err}"
            );
        }
    }
}
