//! `y`: what a reader copies from a clause (its ID, its words, or a citation), and the
//! terminal's own clipboard escape (OSC 52) that puts it on the clipboard, over ssh too.

use base64::Engine;
use treaty_model::{ClauseId, Document, NodeKind};

/// What can be copied of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum What {
    Id,
    Citation,
    Text,
}

impl What {
    pub const ALL: [What; 3] = [What::Citation, What::Id, What::Text];

    pub fn name(self) -> &'static str {
        match self {
            What::Id => "the clause ID",
            What::Citation => "a citation",
            What::Text => "the clause's words",
        }
    }
}

/// How a clause is cited in prose: `Article 47, paragraph 1 (c), UN Convention against
/// Cybercrime (final, 2024)`. Each level of the clause's path is named as the text
/// names it; the draft's label and year say which text is meant.
pub(super) fn citation(
    doc: &Document,
    id: &ClauseId,
    title: &str,
    label: &str,
    date: Option<&str>,
) -> String {
    let segments: Vec<&str> = id.segments().collect();
    let mut parts: Vec<String> = Vec::new();
    for k in 1..=segments.len() {
        let Some(n) = doc.find(&ClauseId::from_segments(&segments[..k])) else {
            continue;
        };
        let number = n.number.as_deref();
        let part = match (n.kind, number) {
            (NodeKind::Paragraph, Some(x)) => format!("paragraph {x}"),
            (NodeKind::Subparagraph | NodeKind::Point | NodeKind::Item, Some(x)) => {
                format!("({x})")
            }
            (NodeKind::Recital, Some(x)) => format!("recital {x}"),
            (NodeKind::Footnote, Some(x)) => format!("footnote {x}"),
            (kind, Some(x)) => format!("{} {x}", kind.label()),
            (kind, None) => kind.label().to_owned(),
        };
        // Points follow their paragraph without a comma: `paragraph 1 (c) (ii)`.
        match parts.last_mut() {
            Some(last) if part.starts_with('(') => {
                last.push(' ');
                last.push_str(&part);
            }
            _ => parts.push(part),
        }
    }
    if parts.is_empty() {
        parts.push(id.to_string());
    }
    let year = date.map(|d| d.chars().take(4).collect::<String>());
    let edition = match year {
        Some(y) if !y.is_empty() => format!("{label}, {y}"),
        _ => label.to_owned(),
    };
    format!("{}, {title} ({edition})", parts.join(", "))
}

/// The escape that asks the terminal to put `text` on the clipboard (OSC 52).
pub(super) fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\u{1b}]52;c;{b64}\u{7}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_cited_with_its_article_and_paragraph() {
        let doc = treaty_parse::parse_str(
            "Article 47\nLaw enforcement cooperation\n1. States Parties shall:\n(a) share;\n(c) identify persons.\n",
        )
        .expect("parses");
        let id: ClauseId = "47.1.c".parse().expect("an ID");
        assert_eq!(
            citation(
                &doc,
                &id,
                "UN Convention against Cybercrime",
                "final",
                Some("2024-08-08")
            ),
            "Article 47, paragraph 1 (c), UN Convention against Cybercrime (final, 2024)"
        );
    }

    #[test]
    fn the_clipboard_escape_carries_the_text_in_base64() {
        assert_eq!(osc52("47.1.c"), "\u{1b}]52;c;NDcuMS5j\u{7}");
    }
}
