//! HTML pages that mark a text's structure with ordinary elements, as the Universal
//! Declaration is published in each language: `<h1>` the title, a `<header>` or
//! `<section>` with an `<h2>` heading and `<p>` recitals, an `<article data-number="N">`
//! per article with its `<h2>` heading, `<p>` paragraphs and `<ol><li>` numbered ones.
//!
//! Headings are written as printed (`المادة 1`, `第一条`, `Article premier`), so the
//! parser reads them in their own language; an article whose heading is only a title
//! gets a number line from its `data-number` first.

use crate::text::{Lines, clean};
use crate::xml::{Child, El};
use crate::{ImportError, Imported};

pub fn import(root: &El) -> Result<Imported, ImportError> {
    if root.name != "html" {
        return Err(ImportError::Unsupported(format!(
            "the root element is <{}>, not <html>",
            root.name
        )));
    }
    let body = root.child("body").unwrap_or(root);
    let mut w = Writer::default();
    w.block(body, 0);
    if w.articles == 0 {
        return Err(ImportError::Unsupported(
            "this HTML page has no articles (`<article>` or headings such as `Article 1`); import the text as plain text with `--from text`".into(),
        ));
    }
    Ok(Imported {
        text: w.lines.finish(),
        title: w.title,
        warnings: Vec::new(),
    })
}

#[derive(Default)]
struct Writer {
    lines: Lines,
    title: Option<String>,
    articles: usize,
}

/// Elements whose content is no part of the text.
const SKIPPED: [&str; 9] = [
    "head", "script", "style", "nav", "template", "noscript", "form", "footer", "aside",
];

/// The highest number a list entry is given (`<ol start>`, `<li value>`): no treaty
/// numbers its paragraphs further, and a hostile page cannot make an endless marker.
const MOST: u32 = 9999;

/// The text of an element with each line break (`<br>`) a space, as it reads.
fn words(e: &El) -> String {
    let mut out = String::new();
    push_words(e, &mut out);
    out
}

fn push_words(e: &El, out: &mut String) {
    for c in &e.children {
        match c {
            Child::Text(t) => out.push_str(t),
            Child::El(b) if b.name == "br" => out.push(' '),
            Child::El(x) if SKIPPED.contains(&x.name.as_str()) => {}
            Child::El(x) => push_words(x, out),
        }
    }
}

impl Writer {
    /// The children of a container, in order; `depth` is the depth of list nesting.
    fn block(&mut self, e: &El, depth: usize) {
        let mut loose = String::new();
        for c in &e.children {
            let el = match c {
                Child::Text(t) => {
                    loose.push_str(t);
                    continue;
                }
                Child::El(el) => el,
            };
            if is_inline(&el.name) {
                loose.push_str(&words(el));
                continue;
            }
            self.paragraph(&loose);
            loose.clear();
            self.element(el, depth);
        }
        self.paragraph(&loose);
    }

    fn element(&mut self, el: &El, depth: usize) {
        match el.name.as_str() {
            n if SKIPPED.contains(&n) => {}
            "h1" => {
                let t = clean(&words(el));
                if self.title.is_none() && !t.is_empty() {
                    self.title = Some(t.clone());
                }
                self.paragraph(&t);
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                let t = clean(&words(el));
                if is_article_heading(&t) {
                    self.articles += 1;
                }
                self.paragraph(&t);
            }
            "article" => self.article(el),
            "ol" => self.list(el, depth),
            "ul" | "dl" => {
                for item in el
                    .elements()
                    .filter(|i| matches!(i.name.as_str(), "li" | "dt" | "dd"))
                {
                    self.block(item, depth);
                }
            }
            "p" | "blockquote" | "pre" => self.paragraph(&words(el)),
            _ => self.block(el, depth),
        }
    }

    /// An `<article>`: its heading, with the number from `data-number` when the heading
    /// does not carry one, then its content.
    fn article(&mut self, el: &El) {
        self.articles += 1;
        let heading = el
            .elements()
            .find(|c| matches!(c.name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
        let heading_text = heading.map(|h| clean(&words(h))).unwrap_or_default();
        if !is_article_heading(&heading_text)
            && let Some(n) = el.attr("data-number").map(clean).filter(|n| !n.is_empty())
        {
            self.lines.line(&format!("Article {n}"));
        }
        self.lines.line(&heading_text);
        self.lines.blank();
        for c in &el.children {
            match c {
                Child::El(e) if heading.is_some_and(|h| std::ptr::eq(h, e)) => {}
                Child::El(e) => self.element(e, 0),
                Child::Text(t) => self.paragraph(t),
            }
        }
    }

    /// A numbered list: `1.` `2.` at the first level, `(a)` `(b)` below, `(i)` `(ii)`
    /// below that, counting from the list's `start` or an item's `value`.
    fn list(&mut self, el: &El, depth: usize) {
        let mut n: u32 = el
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1)
            .clamp(1, MOST);
        for item in el.elements().filter(|i| i.name == "li") {
            if let Some(v) = item
                .attr("value")
                .and_then(|s| s.trim().parse::<u32>().ok())
            {
                n = v.clamp(1, MOST);
            }
            let marker = match depth {
                0 => format!("{n}."),
                1 => format!("({})", letters(n)),
                _ => format!("({})", treaty_parse::classify::to_roman(n)),
            };
            // The item's own words come first; lists inside it follow as their own lines.
            let mut own = String::new();
            let mut nested = Vec::new();
            for c in &item.children {
                match c {
                    Child::Text(t) => own.push_str(t),
                    Child::El(e) if matches!(e.name.as_str(), "ol" | "ul") => nested.push(e),
                    Child::El(e) if nested.is_empty() => {
                        if !own.trim().is_empty() && e.name == "p" {
                            own.push(' ');
                        }
                        own.push_str(&words(e));
                    }
                    Child::El(e) => nested.push(e),
                }
            }
            self.lines.line(&format!("{marker} {}", clean(&own)));
            self.lines.blank();
            for e in nested {
                self.element(e, depth + 1);
            }
            n = (n + 1).min(MOST);
        }
    }

    fn paragraph(&mut self, text: &str) {
        let t = clean(text);
        if !t.is_empty() {
            self.lines.line(&t);
            self.lines.blank();
        }
    }
}

/// Whether a heading opens an article in any language the parser reads.
fn is_article_heading(text: &str) -> bool {
    matches!(
        treaty_parse::classify::classify(text).kind,
        treaty_parse::classify::Kind::Article { .. }
    )
}

/// Elements that run inside a paragraph.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "em"
            | "i"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "br"
    )
}

/// 1 = `a` … 26 = `z`, 27 = `aa`.
fn letters(n: u32) -> String {
    let n = n.max(1);
    let c = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import_str(html: &str) -> String {
        let root = crate::xml::parse(html).expect("well-formed");
        import(&root).expect("imported").text
    }

    #[test]
    fn articles_lists_and_the_preamble_become_the_plain_layout() {
        let text = import_str(
            "<html><body><h1>Déclaration</h1><header><h2>Préambule</h2><p>Considérant \
             que la <em>dignité</em> est le fondement,</p></header>\
             <article data-number=\"1\"><h2>Article premier</h2><p>Tous les êtres.</p></article>\
             <article data-number=\"2\"><h2>Right to life</h2><ol><li><p>Everyone.</p></li>\
             <li><p>No one:</p><ol><li>first</li><li>second</li></ol></li></ol></article>\
             </body></html>",
        );
        assert_eq!(
            text,
            "Déclaration\n\nPréambule\n\nConsidérant que la dignité est le fondement,\n\n\
             Article premier\n\nTous les êtres.\n\nArticle 2\nRight to life\n\n1. Everyone.\n\n\
             2. No one:\n\n(a) first\n\n(b) second\n"
        );
    }

    #[test]
    fn line_breaks_are_spaces_and_hostile_numbers_are_capped() {
        let text = import_str(
            "<html><body><article data-number=\"1\"><h2>Article 1<br/>Scope</h2>\
             <p>One<br/>two.</p><ol start=\"4294967295\"><li>x</li><li>y</li></ol></article>\
             <footer>Site map</footer></body></html>",
        );
        assert!(text.contains("One two."), "{text}");
        assert!(
            text.contains("9999. x") && text.contains("9999. y"),
            "{text}"
        );
        assert!(!text.contains("Site map"), "{text}");
    }

    #[test]
    fn a_page_with_no_articles_is_refused_with_what_to_do() {
        let root =
            crate::xml::parse("<html><body><p>Hello</p></body></html>").expect("well-formed");
        let err = import(&root).expect_err("refused");
        assert!(err.to_string().contains("--from text"), "{err}");
    }
}
