//! Printing findings like a compiler does: file, line, column, a snippet and help.
//! Parse warnings about texts and problems in annotation files both go through here.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use treaty_annotate::Problem;
use treaty_model::{Diagnostic, LineIndex, Severity, escape_controls};

use crate::style::Style;

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Error,
    Warning,
    Note,
}

/// One message about a place in a source.
#[derive(Debug)]
pub struct Message<'a> {
    pub kind: Kind,
    pub code: &'a str,
    pub message: &'a str,
    /// Byte range in the source; `None` for the file as a whole.
    pub span: Option<Range<usize>>,
    pub help: Vec<&'a str>,
}

impl<'a> From<&'a Diagnostic> for Message<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Message {
            kind: match d.severity {
                Severity::Warning => Kind::Warning,
                Severity::Note => Kind::Note,
            },
            code: &d.code,
            message: &d.message,
            span: Some(d.span.start..d.span.end),
            help: d.help.as_deref().into_iter().collect(),
        }
    }
}

impl<'a> From<&'a Problem> for Message<'a> {
    fn from(p: &'a Problem) -> Self {
        Message {
            kind: if p.is_error() {
                Kind::Error
            } else {
                Kind::Warning
            },
            code: p.code,
            message: &p.message,
            span: p.span.clone(),
            help: p.help.iter().map(String::as_str).collect(),
        }
    }
}

/// A renderer for one run: coloured or plain.
pub fn renderer(style: Style) -> Renderer {
    match style {
        Style::Color => Renderer::styled(),
        Style::Plain => Renderer::plain(),
    }
}

/// Render each parse diagnostic against the source it points into.
pub fn render(name: &str, source: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    let renderer = renderer(style);
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(
            &renderer,
            &index,
            name,
            source,
            &Message::from(d),
        ));
        out.push('\n');
    }
    out
}

/// Render one message; `index` must be built from `source`.
pub fn render_one(
    renderer: &Renderer,
    index: &LineIndex,
    name: &str,
    source: &str,
    m: &Message<'_>,
) -> String {
    let level = match m.kind {
        Kind::Error => Level::ERROR,
        Kind::Warning => Level::WARNING,
        Kind::Note => Level::NOTE,
    };
    let title = escape_controls(m.message).into_owned();
    let head = level.primary_title(title).id(m.code.to_owned());
    let mut groups = vec![match &m.span {
        Some(span) => head.element(snippet(index, name, source, span.clone())),
        None => head.element(Origin::path(name.to_owned())),
    }];
    for help in &m.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(escape_controls(help).into_owned()),
        ));
    }
    renderer.render(&groups).to_string()
}

/// The lines a span touches (so a huge file costs nothing), with the span marked.
fn snippet<'s>(
    index: &LineIndex,
    name: &str,
    source: &str,
    span: Range<usize>,
) -> Snippet<'s, annotate_snippets::Annotation<'s>> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let excerpt = escape_controls(&source[line_start..line_end]).into_owned();
    let first_line = index.line_col(source, line_start).line;
    // Escaping may lengthen the excerpt: map the span through the escaped prefix.
    let a = escape_controls(&source[line_start..start]).len();
    let b = a + escape_controls(&source[start..end]).len();
    // An empty span points at the character after it (there may be none).
    let b = if a == b {
        excerpt[a..].chars().next().map_or(a, |c| a + c.len_utf8())
    } else {
        b
    };
    Snippet::source(excerpt)
        .line_start(first_line)
        .path(name.to_owned())
        .annotation(AnnotationKind::Primary.span(a..b))
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
