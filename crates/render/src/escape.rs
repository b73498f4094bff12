//! Text from files is data: every renderer passes it through one of these before it
//! becomes markup. Terminal output uses [`treaty_model::escape_controls`].

use treaty_model::escape_controls;

/// Text for HTML, in element content or a quoted attribute: `& < > " '` escaped, and
/// control characters written as character references (they never reach a terminal
/// raw when the page is printed).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {
                out.push_str(&format!("&#x{:x};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for XML (Akoma Ntoso): quick-xml's escaping of `& < > " '`, after control
/// characters, which XML 1.0 does not allow even as references, are written as visible
/// escapes (`\u{1b}`).
pub fn xml(text: &str) -> String {
    quick_xml::escape::escape(escape_controls(text).as_ref()).into_owned()
}

/// Text for Markdown prose (export headings and clauses): the characters Markdown reads
/// as markup, and `<`/`>`, backslash-escaped; controls made visible.
pub fn md(text: &str) -> String {
    let mut out = String::new();
    for c in escape_controls(text).chars() {
        if "\\`*_[]<>|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for Markdown that stands beside inline HTML (`<del>`, `<ins>`): Markdown's
/// inline markup backslash-escaped, then HTML escaped. Such text never starts a line
/// (lines start with `- **` or `## `), so line-start markers need no escape.
pub fn md_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    html(&out).replace("\\&", "&")
}

/// A URL fit for a link: only `http`, `https` and `mailto` (never `javascript:`,
/// `data:` or `vbscript:`), or `None`.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let scheme = u.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https" | "mailto") => Some(u),
        _ => None,
    }
}

/// Markdown with every link and image whose address is not a web or mail address
/// (`javascript:`, `data:`, `vbscript:` ...) replaced by its text: what a reader's
/// Markdown viewer would otherwise make a live link.
pub fn md_safe_links(md: &str) -> std::borrow::Cow<'_, str> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut cuts: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // The unsafe link being read: where it is, and its text so far.
    let mut open: Option<(std::ops::Range<usize>, String, usize)> = None;
    for (event, range) in Parser::new(md).into_offset_iter() {
        match (&event, open.as_mut()) {
            (Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }), None)
                if safe_url(dest_url).is_none() =>
            {
                open = Some((range, String::new(), 0));
            }
            (Event::Start(Tag::Link { .. } | Tag::Image { .. }), Some((_, _, depth))) => {
                *depth += 1;
            }
            (Event::End(TagEnd::Link | TagEnd::Image), Some((_, _, depth))) if *depth > 0 => {
                *depth -= 1;
            }
            (Event::End(TagEnd::Link | TagEnd::Image), Some(_)) => {
                if let Some((r, text, _)) = open.take() {
                    cuts.push((r, text));
                }
            }
            (Event::Text(t) | Event::Code(t), Some((_, text, _))) => text.push_str(t),
            _ => {}
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(md);
    }
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    for (r, text) in cuts {
        if r.start < at {
            continue;
        }
        out.push_str(&md[at..r.start]);
        out.push_str(&md_text(&text));
        at = r.end;
    }
    out.push_str(&md[at..]);
    std::borrow::Cow::Owned(out)
}

/// Link text put back as plain Markdown: its brackets escaped so that it is no link.
fn md_text(text: &str) -> String {
    text.replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "\\<")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_never_pass_raw() {
        assert_eq!(
            html("<a href='x'>&\u{1b}"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&#x1b;"
        );
        assert_eq!(xml("a < b & \u{1b}[2J"), "a &lt; b &amp; \\u{1b}[2J");
        assert_eq!(md("*not* [a](b) <i>"), "\\*not\\* \\[a\\](b) \\<i\\>");
        assert_eq!(md_html("a_b <x> & ~"), "a\\_b &lt;x&gt; &amp; \\~");
    }

    #[test]
    fn links_to_scripts_keep_their_text_and_lose_their_address() {
        assert_eq!(
            md_safe_links("See [the report](javascript:alert(1)) and [ours](https://e.org)."),
            "See the report and [ours](https://e.org)."
        );
        assert_eq!(
            md_safe_links("<javascript:alert(1)> ok"),
            "javascript:alert(1) ok"
        );
        assert_eq!(
            md_safe_links("![x](data:image/png;base64,AAAA) [a **b**](vbscript:x)"),
            "x a b"
        );
        assert_eq!(md_safe_links("plain *text*"), "plain *text*");
    }

    #[test]
    fn only_web_and_mail_links_are_links() {
        assert_eq!(safe_url("https://e.org/x"), Some("https://e.org/x"));
        assert_eq!(safe_url(" mailto:a@b.org"), Some("mailto:a@b.org"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "vbscript:x",
            "e.org",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }
}
