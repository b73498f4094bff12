//! Printing parse diagnostics like a compiler does: file, line, column and a snippet.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use treaty_model::{Diagnostic, LineIndex, Severity, escape_controls};

/// Render each diagnostic against the source it points into.
pub fn render(name: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(&renderer, &index, name, source, d));
        out.push('\n');
    }
    out
}

fn render_one(
    renderer: &Renderer,
    index: &LineIndex,
    name: &str,
    source: &str,
    d: &Diagnostic,
) -> String {
    let level = match d.severity {
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    // Show just the lines the span touches, so a huge file costs nothing.
    let start = d.span.start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = d.span.end.clamp(start, source.len());
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
    let title = escape_controls(&d.message).into_owned();
    let code = d.code.clone();
    let mut groups = vec![
        level.primary_title(title).id(code).element(
            Snippet::source(excerpt)
                .line_start(first_line)
                .path(name.to_owned())
                .annotation(AnnotationKind::Primary.span(a..b)),
        ),
    ];
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(escape_controls(help).into_owned()),
        ));
    }
    renderer.render(&groups).to_string()
}
