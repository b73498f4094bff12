//! Akoma Ntoso 3.0 to canonical text. Both shapes found in practice are read: the
//! structured one (`article/paragraph/point` with `num`, `intro`, `content`), and the
//! flattened one, where an article is one `<p>` with its paragraph numbers and points
//! inline ("1 The following ... shall be prohibited:(a)the placing ..."), whose structure
//! is recovered here.

use std::collections::HashMap;

use crate::text::{Lines, clean};
use crate::xml::El;
use crate::{ImportError, Imported, Warning};

/// Division elements and the keyword their lines start with.
const DIVISIONS: [(&str, &str); 8] = [
    ("book", "Book"),
    ("part", "Part"),
    ("title", "Title"),
    ("subtitle", "Subtitle"),
    ("chapter", "Chapter"),
    ("section", "Section"),
    ("subsection", "Subsection"),
    ("division", "Division"),
];

/// Keywords a division's heading may start with in the flattened shape.
const KEYWORDS: [&str; 7] = [
    "BOOK",
    "PART",
    "TITLE",
    "CHAPTER",
    "SECTION",
    "SUBSECTION",
    "DIVISION",
];

pub fn import(root: &El) -> Result<Imported, ImportError> {
    if root.name != "akomaNtoso" {
        return Err(ImportError::Unsupported(format!(
            "the root element is <{}>, not <akomaNtoso>",
            root.name
        )));
    }
    let Some(doc) = root.elements().find(|e| e.name != "meta") else {
        return Err(ImportError::Unsupported(
            "<akomaNtoso> holds no document".into(),
        ));
    };
    if doc.name == "amendment" || doc.name == "amendmentList" {
        return Err(ImportError::Unsupported(
            "this Akoma Ntoso file is an amendment (a list of changes to another text), not a text; import the texts before and after it instead".into(),
        ));
    }
    let mut w = Writer::default();
    check_meta(doc, &mut w.warnings);
    check_eids(doc, &mut w.warnings);
    let title = doc
        .find("docTitle")
        .or_else(|| doc.find("longTitle"))
        .map(|t| clean(&t.text()))
        .filter(|t| !t.is_empty())
        .or_else(|| doc.attr("name").map(str::to_owned));
    if let Some(t) = &title {
        w.lines.line(t);
        w.lines.blank();
    }
    if let Some(p) = doc.child("preamble") {
        w.preamble(p);
    }
    if let Some(body) = doc.child("body").or_else(|| doc.child("mainBody")) {
        w.blocks(body);
    } else {
        w.warnings.push(Warning::new("the document has no <body>"));
    }
    if let Some(c) = doc.child("conclusions") {
        w.conclusions(c);
    }
    // Annexes published as attachments: each attached document's main body, in order.
    for attached in doc
        .child("attachments")
        .into_iter()
        .flat_map(|a| a.elements())
        .filter_map(|a| a.elements().find(|d| d.name != "meta"))
    {
        if let Some(main) = attached
            .child("mainBody")
            .or_else(|| attached.child("body"))
        {
            w.blocks(main);
        }
    }
    Ok(Imported {
        text: w.lines.finish(),
        title,
        warnings: w.warnings,
    })
}

fn check_meta(doc: &El, warnings: &mut Vec<Warning>) {
    if doc.child("meta").and_then(|m| m.find("FRBRWork")).is_none() {
        warnings.push(Warning::new(
            "the document has no <meta>/<FRBRWork> identification (not schema-valid; imported anyway)",
        ));
    }
}

fn check_eids(doc: &El, warnings: &mut Vec<Warning>) {
    fn walk<'a>(e: &'a El, seen: &mut HashMap<&'a str, usize>) {
        if let Some(id) = e.attr("eId") {
            *seen.entry(id).or_default() += 1;
        }
        for c in e.elements() {
            walk(c, seen);
        }
    }
    let mut seen = HashMap::new();
    walk(doc, &mut seen);
    let mut dups: Vec<(&str, usize)> = seen.into_iter().filter(|&(_, n)| n > 1).collect();
    dups.sort_unstable();
    if !dups.is_empty() {
        let shown: Vec<String> = dups
            .iter()
            .take(5)
            .map(|(id, n)| format!("{id} ({n}x)"))
            .collect();
        warnings.push(Warning::new(format!(
            "{} eIds occur more than once (not schema-valid; imported anyway): {}{}",
            dups.len(),
            shown.join(", "),
            if dups.len() > 5 { ", ..." } else { "" }
        )));
    }
}

#[derive(Default)]
struct Writer {
    lines: Lines,
    warnings: Vec<Warning>,
}

impl Writer {
    fn preamble(&mut self, p: &El) {
        self.lines.line("Preamble");
        self.preamble_parts(p);
        self.lines.blank();
    }

    fn preamble_parts(&mut self, e: &El) {
        for c in e.elements() {
            match c.name.as_str() {
                "recital" | "citation" => {
                    let num = c.child("num").map(|n| clean(&n.text()));
                    let text = clean(&c.text_skipping(&["num"]));
                    match num {
                        Some(n) if !n.is_empty() => self.lines.line(&format!("{n} {text}")),
                        _ => self.lines.line(&text),
                    }
                }
                "recitals" | "citations" | "container" | "blockContainer" => self.preamble_parts(c),
                "intro" | "formula" | "p" | "longTitle" => self.lines.line(&clean(&c.text())),
                _ => self.lines.line(&clean(&c.text())),
            }
        }
    }

    fn conclusions(&mut self, c: &El) {
        for p in c.elements() {
            let t = clean(&p.text());
            if !t.is_empty() {
                self.lines.line(&t);
            }
        }
    }

    fn blocks(&mut self, e: &El) {
        for c in e.elements() {
            match c.name.as_str() {
                "article" => self.article(c),
                name if DIVISIONS.iter().any(|(d, _)| *d == name) => self.division(c),
                "num" | "heading" | "subheading" => {}
                "hcontainer" if c.attr("name") == Some("heading") => {
                    // An unnumbered heading between units, as the parser reads one.
                    let h = c
                        .child("heading")
                        .map(|h| clean(&h.text()))
                        .unwrap_or_default();
                    self.lines.blank();
                    self.lines.line(&format!("### {h}"));
                    self.lines.blank();
                    self.blocks(c);
                }
                "hcontainer" if c.attr("name") == Some("annex") => self.annex(c),
                "hcontainer" if c.attr("name") == Some("unit") => {
                    // A numbered unit of an annex (`S1`), as the canonical text writes it.
                    self.lines.blank();
                    if let Some(n) = c.child("num").map(|n| clean(&n.text())) {
                        self.lines.line(&format!("### {n}"));
                    }
                    if let Some(h) = c.child("heading").map(|h| clean(&h.text())) {
                        self.lines.line(&format!("#### {h}"));
                    }
                    self.clause_children(c, None);
                }
                "hcontainer" | "container" | "blockContainer" => self.blocks(c),
                "intro" | "content" | "wrapUp" => {
                    for p in c.elements().filter(|p| p.name == "p") {
                        let t = clean(&p.text());
                        if !t.is_empty() {
                            self.lines.line(&t);
                            self.lines.blank();
                        }
                    }
                }
                _ => {
                    let t = clean(&c.text());
                    if !t.is_empty() {
                        self.lines.line(&t);
                    }
                }
            }
        }
    }

    /// An annex: `Annex` and its number, its heading, its own text, then its headings
    /// and units.
    fn annex(&mut self, e: &El) {
        let num = e.child("num").map(|n| clean(&n.text())).unwrap_or_default();
        self.lines.blank();
        self.lines.line(format!("Annex {num}").trim_end());
        if let Some(h) = e.child("heading").map(|h| clean(&h.text())) {
            self.lines.line(&h);
        }
        self.lines.blank();
        self.blocks(e);
    }

    fn division(&mut self, e: &El) {
        let num = e.child("num").map(|n| clean(&n.text())).unwrap_or_default();
        let heading = e
            .child("heading")
            .map(|h| clean(&h.text()))
            .unwrap_or_default();
        let keyword = DIVISIONS
            .iter()
            .find(|(d, _)| *d == e.name)
            .map_or("Part", |(_, k)| k);
        let (first, rest) = if num.is_empty() {
            split_keyword_heading(&heading).unwrap_or_else(|| (keyword.to_owned(), heading.clone()))
        } else if KEYWORDS.iter().any(|k| num.to_uppercase().starts_with(k)) {
            (num, heading)
        } else {
            (format!("{keyword} {num}"), heading)
        };
        self.lines.blank();
        self.lines.line(&first);
        if !rest.is_empty() {
            self.lines.line(&rest);
        }
        self.lines.blank();
        self.blocks(e);
    }

    fn article(&mut self, e: &El) {
        let num = e.child("num").map(|n| clean(&n.text())).unwrap_or_default();
        let heading = e
            .child("heading")
            .map(|h| clean(&h.text()))
            .unwrap_or_default();
        let (first, heading) = if num.is_empty() {
            split_article_heading(&heading)
        } else if num.to_lowercase().starts_with("article") {
            (num, heading)
        } else {
            (format!("Article {num}"), heading)
        };
        self.lines.blank();
        self.lines.line(&first);
        if !heading.is_empty() {
            self.lines.line(&heading);
        }
        let structured = e.elements().any(|c| {
            matches!(
                c.name.as_str(),
                "paragraph" | "point" | "list" | "subparagraph" | "alinea"
            )
        });
        if structured {
            self.clause_children(e, None);
        } else {
            // The flattened shape: everything in one or more <p>.
            for p in e
                .elements()
                .filter(|c| !matches!(c.name.as_str(), "num" | "heading"))
            {
                for line in unflatten(&clean(&p.text())) {
                    self.lines.line(&line);
                }
            }
        }
        self.lines.blank();
    }

    /// The parts of a clause: its own text (with `prefix`, its number, on the first line)
    /// and the clauses under it.
    fn clause_children(&mut self, e: &El, mut prefix: Option<String>) {
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" | "subheading" => {}
                "paragraph" | "point" | "subparagraph" | "alinea" | "indent" => {
                    if let Some(p) = prefix.take() {
                        self.lines.line(p.trim_end());
                    }
                    let num = c.child("num").map(|n| clean(&n.text()));
                    let marker = num
                        .filter(|n| !n.is_empty())
                        .map(|n| number_marker(&n, &c.name));
                    self.clause_children(c, marker);
                }
                "list" | "blockList" => {
                    if let Some(p) = prefix.take() {
                        self.lines.line(p.trim_end());
                    }
                    self.clause_children(c, None);
                }
                _ => {
                    // intro, content, wrapUp: a line per <p> inside; a bare <p>: a line.
                    let ps: Vec<&El> = c.elements().filter(|x| x.name == "p").collect();
                    let texts: Vec<String> = if ps.is_empty() {
                        vec![clean(&c.text())]
                    } else {
                        ps.iter().map(|x| clean(&x.text())).collect()
                    };
                    for (k, text) in texts.into_iter().filter(|t| !t.is_empty()).enumerate() {
                        // Blocks of one clause are told apart by a blank line, as the
                        // canonical text writes them.
                        if k > 0 {
                            self.lines.blank();
                        }
                        match prefix.take() {
                            Some(p) => self.lines.line(&format!("{p}{text}")),
                            None => self.lines.line(&text),
                        }
                    }
                }
            }
        }
        if let Some(p) = prefix {
            self.lines.line(p.trim_end());
        }
    }
}

/// The marker a numbered clause is written with: `1.` for a paragraph, `(a)` for a point.
fn number_marker(num: &str, element: &str) -> String {
    let n = num.trim();
    if element == "paragraph" && n.chars().all(|c| c.is_ascii_digit()) {
        format!("{n}. ")
    } else {
        format!("{n} ")
    }
}

/// "TITLE I – GENERAL PROVISIONS" → ("TITLE I", "GENERAL PROVISIONS").
fn split_keyword_heading(heading: &str) -> Option<(String, String)> {
    let upper = heading.to_uppercase();
    KEYWORDS.iter().find(|k| upper.starts_with(*k))?;
    let mut words = heading.splitn(3, ' ');
    let keyword = words.next()?;
    let number = words.next()?.trim_end_matches([':', '.', ',']);
    let rest = words
        .next()
        .unwrap_or("")
        .trim_start_matches(['–', '—', '-', ':', '.', ' '])
        .trim();
    Some((format!("{keyword} {number}"), rest.to_owned()))
}

/// "Article 1 Subject matter" → ("Article 1", "Subject matter").
fn split_article_heading(heading: &str) -> (String, String) {
    let mut words = heading.splitn(3, ' ');
    match (words.next(), words.next()) {
        (Some(a), Some(n)) if a.eq_ignore_ascii_case("article") => (
            format!("Article {}", n.trim_end_matches(['.', ':'])),
            words
                .next()
                .unwrap_or("")
                .trim_start_matches(['–', '—', '-', ':', '.', ' '])
                .trim()
                .to_owned(),
        ),
        _ => ("Article".to_owned(), heading.to_owned()),
    }
}

/// Recover the lines of a flattened article: "1 The following shall be prohibited:(a)the
/// placing ...;(b)the use ... 2 The use of ..." becomes "1. The following ...", "(a) the
/// placing ...", "(b) the use ...", "2. The use of ...".
pub fn unflatten(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in split_paragraphs(text) {
        out.extend(split_points(&para));
    }
    out
}

/// Split at paragraph numbers: the text opens with "1 " and each next number follows the
/// end of a sentence or list ("...; 2 The", ". 2 The").
fn split_paragraphs(text: &str) -> Vec<String> {
    let starts_numbered = text.starts_with("1 ")
        && text[2..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || "(‘“'\"".contains(c));
    if !starts_numbered {
        return vec![text.to_owned()];
    }
    let mut out = Vec::new();
    let mut expected = 2u32;
    let mut from = 0;
    let bytes = text.as_bytes();
    let mut i = 2;
    while i < bytes.len() {
        let wanted = expected.to_string();
        if text[i..].starts_with(&wanted)
            && bytes.get(i + wanted.len()) == Some(&b' ')
            && text[i + wanted.len() + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || "(‘“'\"".contains(c))
            && ends_sentence(&text[..i])
        {
            out.push(paragraph_line(&text[from..i]));
            from = i;
            expected += 1;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out.push(paragraph_line(&text[from..]));
    out
}

fn ends_sentence(before: &str) -> bool {
    let t = before.trim_end();
    let t = t.trim_end_matches(['’', '”', '\'', '"', ')']);
    t.ends_with(['.', ';', ':']) && before.ends_with(' ')
}

/// "2 The use" → "2. The use".
fn paragraph_line(s: &str) -> String {
    let s = s.trim();
    match s.split_once(' ') {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}. {rest}"),
        _ => s.to_owned(),
    }
}

/// Split before list markers that follow a colon or a semicolon: ":(a)the", "; (b) the",
/// "; and (c) the".
fn split_points(text: &str) -> Vec<String> {
    let mut cuts = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, _) in text.match_indices('(') {
        let Some(close) = text[i..].find(')') else {
            continue;
        };
        let marker = &text[i + 1..i + close];
        let is_marker = !marker.is_empty()
            && marker.len() <= 4
            && (marker.chars().all(|c| c.is_ascii_lowercase())
                || marker.chars().all(|c| c.is_ascii_digit()));
        if !is_marker {
            continue;
        }
        let before = text[..i].trim_end();
        let before = before
            .strip_suffix(" and")
            .or_else(|| before.strip_suffix(" or"))
            .unwrap_or(before)
            .trim_end();
        let after_list_punct = before.ends_with([':', ';']);
        // A full stop ends an item too when the marker is the next one of a list already
        // begun ("... circumvention. (38) 'post' remote ..."), and a comma may stand for
        // the colon before a first item ("in particular, (a) the relevant ...").
        let next_in_sequence = before.ends_with('.')
            && seen
                .iter()
                .any(|last: &String| successor(last).as_deref() == Some(marker));
        let first_after_comma = before.ends_with(',') && matches!(marker, "a" | "1" | "i");
        if after_list_punct || next_in_sequence || first_after_comma {
            cuts.push((i, i + close + 1));
            seen.push(marker.to_owned());
        }
    }
    if cuts.is_empty() {
        return vec![text.trim().to_owned()];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for &(start, marker_end) in &cuts {
        let piece = text[from..start].trim();
        if !piece.is_empty() {
            out.push(piece.to_owned());
        }
        from = start;
        // Make sure the marker is followed by a space: "(a)the" → "(a) the".
        let _ = marker_end;
    }
    out.push(text[from..].trim().to_owned());
    out.into_iter()
        .map(|l| match l.find(')') {
            Some(close) if l.starts_with('(') && !l[close + 1..].starts_with(' ') => {
                format!("{} {}", &l[..=close], &l[close + 1..])
            }
            _ => l,
        })
        .collect()
}

/// The marker after this one in the same style: `37` → `38`, `c` → `d`.
fn successor(marker: &str) -> Option<String> {
    if let Ok(n) = marker.parse::<u32>() {
        return Some((n + 1).to_string());
    }
    let mut chars = marker.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() && c != 'z' => {
            Some(char::from(c as u8 + 1).to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unflattens_paragraphs_and_points() {
        let text = "1 The following AI practices shall be prohibited:(a)the placing on the market;(b)the use of a system with the following:(i)detrimental treatment;(ii)other treatment; and (c)the rest. 2 The use of systems referred to in paragraph 1, point (a) shall be notified. 3 Member States may decide.";
        assert_eq!(
            unflatten(text),
            vec![
                "1. The following AI practices shall be prohibited:",
                "(a) the placing on the market;",
                "(b) the use of a system with the following:",
                "(i) detrimental treatment;",
                "(ii) other treatment; and",
                "(c) the rest.",
                "2. The use of systems referred to in paragraph 1, point (a) shall be notified.",
                "3. Member States may decide.",
            ]
        );
    }

    #[test]
    fn an_unnumbered_text_is_left_whole() {
        assert_eq!(
            unflatten("This Regulation shall enter into force on the twentieth day."),
            vec!["This Regulation shall enter into force on the twentieth day."]
        );
    }

    #[test]
    fn splits_headings() {
        assert_eq!(
            split_keyword_heading("TITLE I – GENERAL PROVISIONS"),
            Some(("TITLE I".to_owned(), "GENERAL PROVISIONS".to_owned()))
        );
        assert_eq!(
            split_article_heading("Article 1 Subject matter"),
            ("Article 1".to_owned(), "Subject matter".to_owned())
        );
    }
}
