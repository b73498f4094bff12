//! `a`: the form that writes an annotation on the clause under the cursor without
//! leaving the viewer. The viewer reads and writes no file: a filled form becomes a
//! [`Request`] that the command carries out through the same checked, atomic path as
//! `treaty annotate add`, and answers with the reloaded data or why it refused.

use std::path::PathBuf;

use ratatui::style::Style;
use ratatui::text::Line;
use treaty_model::{ClauseId, escape_controls};

use super::look::Look;
use super::text::{Piece, wrap};

/// What the viewer asks its command to do on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Write a new annotation, then reload.
    Add(NewNote),
    /// Open an annotation file in the editor at a line, then reload.
    Edit { file: PathBuf, line: usize },
    /// Edit a body being written in the editor; the answer is the new body.
    Body(String),
    /// Asked about once a second: reload if a text or annotation file changed on disk.
    Refresh,
    /// Read the drafts in another language (`L`).
    Language(String),
}

/// What the command answers.
#[derive(Debug)]
pub enum Reply {
    /// The data again, read after a change on disk, and what to say; a form being
    /// filled stays open.
    Reload(Box<super::Data>, String),
    /// The data again after the form's annotation was written: the form closes.
    Written(Box<super::Data>, String),
    /// A body edited in the editor.
    Body(String),
    /// Nothing was done, and why.
    Refused(String),
}

/// A filled form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNote {
    pub clause: ClauseId,
    /// The draft it is written on: the one shown.
    pub version: String,
    pub author: String,
    pub stance: String,
    pub tags: Vec<String>,
    pub quote: Option<String>,
    pub body: String,
}

/// The fields, in the order Tab goes through them.
const FIELDS: [&str; 5] = ["author", "stance", "tags", "quote", "body"];
const HINTS: [&str; 5] = [
    "your name or your organisation's (remembered)",
    "concern, support, question, proposal or note",
    "comma-separated, may be empty",
    "words of the clause it is about, may be empty",
    "Markdown; Ctrl-O writes it in $EDITOR",
];

/// The form being filled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub clause: ClauseId,
    pub version: String,
    pub values: [String; 5],
    pub at: usize,
}

impl Form {
    pub fn new(clause: ClauseId, version: &str, author: &str, quote: &str) -> Self {
        Self {
            clause,
            version: version.to_owned(),
            values: [
                author.to_owned(),
                "note".to_owned(),
                String::new(),
                quote.to_owned(),
                String::new(),
            ],
            at: usize::from(!author.is_empty()),
        }
    }

    pub fn field(&mut self) -> &mut String {
        &mut self.values[self.at]
    }

    pub fn next(&mut self, forward: bool) {
        let n = FIELDS.len();
        self.at = if forward {
            (self.at + 1) % n
        } else {
            (self.at + n - 1) % n
        };
    }

    pub fn is_body(&self) -> bool {
        self.at == FIELDS.len() - 1
    }

    /// The note the form holds, or what is missing.
    pub fn note(&self) -> Result<NewNote, String> {
        let [author, stance, tags, quote, body] = &self.values;
        if author.trim().is_empty() {
            return Err("Write an author.".into());
        }
        if body.trim().is_empty() {
            return Err("Write a body.".into());
        }
        Ok(NewNote {
            clause: self.clause.clone(),
            version: self.version.clone(),
            author: author.trim().to_owned(),
            stance: stance.trim().to_owned(),
            tags: tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            quote: Some(quote.trim().to_owned()).filter(|q| !q.is_empty()),
            body: body.trim().to_owned(),
        })
    }

    /// The form's lines, `width` cells wide: each field with its value, the one being
    /// filled marked, and a line of keys.
    pub fn lines(&self, look: &Look<'_>, width: usize) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for (k, name) in FIELDS.iter().enumerate() {
            let here = k == self.at;
            let lead = vec![Piece::new(
                format!("{}{name:<7}", if here { "▸ " } else { "  " }),
                if here {
                    look.theme.cursor()
                } else {
                    look.theme.heading()
                },
            )];
            let value = &self.values[k];
            let piece = if value.is_empty() {
                Piece::new(HINTS[k], look.theme.dim())
            } else {
                let mut v = escape_controls(value).into_owned();
                if here {
                    v.push('▏');
                }
                Piece::new(v, Style::new())
            };
            out.extend(wrap(&lead, &[piece], width));
        }
        out.push(Line::default());
        out.extend(wrap(
            &[],
            &[Piece::new(
                "Tab next field · Enter next, or save on the body · Ctrl-S save · Esc cancel",
                look.theme.dim(),
            )],
            width,
        ));
        out
    }
}
