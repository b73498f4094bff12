//! Akoma Ntoso 3.0 to canonical text. Both shapes found in practice are read: the
//! structured one (`article/paragraph/point` with `num`, `intro`, `content`), and the
//! flattened one, where an article is one `<p>` with its paragraph numbers and points
//! inline ("1 The following ... shall be prohibited:(a)the placing ..."), whose structure
//! is recovered here.

use std::collections::HashMap;

use crate::flat::unflatten;
use crate::notes::Footnotes;
use crate::text::{Lines, clean};
use crate::xml::{Child, El};
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
    let mut w = Writer {
        notes: meta_notes(doc),
        ..Writer::default()
    };
    check_meta(doc, &mut w.warnings);
    check_eids(doc, &mut w.warnings);
    // The long title is the whole title ("Proposal for a REGULATION ... laying down ..."),
    // of which `docTitle` is only the last words.
    let title = doc
        .find("longTitle")
        .or_else(|| doc.find("docTitle"))
        .map(|t| w.text(t))
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
    // Notes no clause calls are the text's own footnotes still; annotations (which
    // carry a class) are not.
    for (eid, note) in std::mem::take(&mut w.notes) {
        if note.attr("class").is_none() {
            let marker = note.attr("marker").or_else(|| eid.rsplit('_').next());
            w.footnote(marker, &note);
        }
    }
    w.flush_notes();
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

/// Notes kept apart from the text (`meta/notes/note`), by eId in document order, for
/// `noteRef`s to point at.
fn meta_notes(doc: &El) -> Vec<(String, El)> {
    doc.child("meta")
        .and_then(|m| m.child("notes"))
        .into_iter()
        .flat_map(|n| n.elements())
        .filter_map(|n| {
            Some((
                n.attr("eId").or_else(|| n.attr("id"))?.to_owned(),
                n.clone(),
            ))
        })
        .collect()
}

#[derive(Default)]
struct Writer {
    lines: Lines,
    warnings: Vec<Warning>,
    /// Notes that `noteRef` may point at, by eId, until one does.
    notes: Vec<(String, El)>,
    /// The label given to each note already called, by eId.
    called: HashMap<String, String>,
    footnotes: Footnotes,
    /// The last division written holds only its label: its heading may come next, as a
    /// division of its own.
    label_only: bool,
}

impl Writer {
    /// The words of an element on one line: notes become footnote references (`[^1]`)
    /// written after the block, a superscript is marked with `^` (`10^25`), line breaks
    /// are spaces.
    fn text(&mut self, e: &El) -> String {
        self.text_skipping(e, &[])
    }

    fn text_skipping(&mut self, e: &El, skip: &[&str]) -> String {
        let mut out = String::new();
        self.push_text(e, skip, &mut out);
        clean(&out)
    }

    fn push_text(&mut self, e: &El, skip: &[&str], out: &mut String) {
        for c in &e.children {
            let x = match c {
                Child::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Child::El(x) if skip.contains(&x.name.as_str()) => continue,
                Child::El(x) => x,
            };
            match x.name.as_str() {
                "authorialNote" | "note" => {
                    let reference = self.footnote(x.attr("marker"), x);
                    out.push_str(&reference);
                }
                // An annotation travels as a note too: it is commentary, not the text's.
                "noteRef" if x.attr("class") == Some("annotation") => {}
                "noteRef" => {
                    let target = x.attr("href").map(|h| h.trim_start_matches('#'));
                    // A note called again keeps the label it was given.
                    if let Some(label) = target.and_then(|id| self.called.get(id)) {
                        out.push_str(&format!("[^{label}]"));
                        continue;
                    }
                    let at = target.and_then(|id| self.notes.iter().position(|(k, _)| k == id));
                    if let Some((id, note)) = at.map(|k| self.notes.remove(k)) {
                        let reference = self.footnote(x.attr("marker"), &note);
                        let label = reference.trim_start_matches("[^").trim_end_matches(']');
                        self.called.insert(id, label.to_owned());
                        out.push_str(&reference);
                    }
                }
                "sup" => {
                    let s = self.text(x);
                    if s.contains(' ') {
                        out.push_str(&format!("^({s})"));
                    } else if !s.is_empty() {
                        out.push('^');
                        out.push_str(&s);
                    }
                }
                "eol" | "br" => out.push(' '),
                "p" | "blockList" | "item" => {
                    out.push(' ');
                    self.push_text(x, skip, out);
                    out.push(' ');
                }
                _ => self.push_text(x, skip, out),
            }
        }
    }

    fn footnote(&mut self, marker: Option<&str>, note: &El) -> String {
        let text = self.text(note);
        self.footnotes.refer(marker, text)
    }

    fn flush_notes(&mut self) {
        self.footnotes.flush(&mut self.lines);
    }

    fn preamble(&mut self, p: &El) {
        self.lines.line("Preamble");
        self.preamble_parts(p);
        self.lines.blank();
        self.flush_notes();
    }

    fn preamble_parts(&mut self, e: &El) {
        for c in e.elements() {
            match c.name.as_str() {
                "recital" | "citation" => {
                    let num = c.child("num").map(|n| clean(&n.text()));
                    let text = self.text_skipping(c, &["num"]);
                    match num {
                        Some(n) if !n.is_empty() => self.lines.line(&format!("{n} {text}")),
                        _ => self.lines.line(&text),
                    }
                }
                "recitals" | "citations" | "container" | "blockContainer" => self.preamble_parts(c),
                _ => {
                    let t = self.text(c);
                    self.lines.line(&t);
                }
            }
        }
    }

    fn conclusions(&mut self, c: &El) {
        for p in c.elements() {
            let t = self.text(p);
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
                    let h = c.child("heading").map(|h| self.text(h)).unwrap_or_default();
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
                    if let Some(h) = c.child("heading").map(|h| self.text(h)) {
                        self.lines.line(&format!("#### {h}"));
                    }
                    self.clause_children(c, None);
                }
                "hcontainer" | "container" | "blockContainer" => self.blocks(c),
                "intro" | "content" | "wrapUp" => {
                    for p in c.elements().filter(|p| p.name == "p") {
                        let t = self.text(p);
                        if !t.is_empty() {
                            self.lines.line(&t);
                            self.lines.blank();
                        }
                    }
                }
                _ => {
                    let t = self.text(c);
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
        self.label_only = false;
        let num = e.child("num").map(|n| clean(&n.text())).unwrap_or_default();
        self.lines.blank();
        self.lines.line(format!("Annex {num}").trim_end());
        if let Some(h) = e.child("heading").map(|h| self.text(h)) {
            self.lines.line(&h);
        }
        self.lines.blank();
        self.blocks(e);
        self.flush_notes();
    }

    fn division(&mut self, e: &El) {
        let num = e.child("num").map(|n| clean(&n.text())).unwrap_or_default();
        let heading = e.child("heading").map(|h| self.text(h)).unwrap_or_default();
        let keyword = DIVISIONS
            .iter()
            .find(|(d, _)| *d == e.name)
            .map_or("Part", |(_, k)| k);
        let empty = e
            .elements()
            .all(|c| matches!(c.name.as_str(), "num" | "heading" | "subheading"));
        let (first, rest) = if num.is_empty() {
            match split_keyword_heading(&heading) {
                Some(split) => split,
                // Some publishers split one division in two: an empty one with the
                // label ("Chapter 1") and a next one with only the heading. The heading
                // is the empty one's.
                None if self.label_only => {
                    self.label_only = false;
                    self.lines.line(&heading);
                    self.lines.blank();
                    self.blocks(e);
                    return;
                }
                None => (keyword.to_owned(), heading.clone()),
            }
        } else if KEYWORDS.iter().any(|k| num.to_uppercase().starts_with(k)) {
            let label = split_keyword_heading(&num).map_or(num, |(n, _)| n);
            (label, heading)
        } else {
            (format!("{keyword} {num}"), heading)
        };
        self.lines.blank();
        self.lines.line(&first);
        if !rest.is_empty() {
            self.lines.line(&rest);
        }
        self.label_only = empty && rest.is_empty();
        if !self.label_only {
            self.lines.blank();
        }
        self.blocks(e);
    }

    fn article(&mut self, e: &El) {
        self.label_only = false;
        let num = e.child("num").map(|n| clean(&n.text())).unwrap_or_default();
        let heading = e.child("heading").map(|h| self.text(h)).unwrap_or_default();
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
                for line in unflatten(&self.text(p)) {
                    self.lines.line(&line);
                }
            }
        }
        self.lines.blank();
        self.flush_notes();
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
                        vec![self.text(c)]
                    } else {
                        ps.iter().map(|x| self.text(x)).collect()
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
    // Some headings are typed in lower case ("title v – MEASURES ..."): the keyword and a
    // Roman number are written in capitals, as the parser expects them.
    let keyword = words.next()?.to_uppercase();
    let number = words.next()?.trim_end_matches([':', '.', ',']);
    let number = if number.chars().all(|c| "ivxlcdm".contains(c)) {
        number.to_uppercase()
    } else {
        number.to_owned()
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn imported(xml: &str) -> String {
        import(&crate::xml::parse(xml).expect("well-formed"))
            .expect("imports")
            .text
    }

    const NOTES: &str = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>
      <meta><identification><FRBRWork/></identification>
        <notes><note eId="n9"><p>Kept apart in the metadata.</p></note></notes></meta>
      <preface><longTitle><p><docStage>Proposal for a</docStage> <docType>REGULATION</docType> <docTitle>laying down rules on artificial intelligence</docTitle></p></longTitle></preface>
      <preamble><citations><citation><p>Having regard to the opinion of the Committee<authorialNote marker="1"><p>OJ C 517, 22.12.2021, p. 56.</p></authorialNote>,</p></citation></citations>
        <recitals><intro><p>Whereas:</p></intro><recital><num>(1)</num><p>The purpose.</p></recital></recitals></preamble>
      <body><chapter><heading>title v – MEASURES</heading>
        <article><num>Article 51</num><heading>Classification</heading>
          <content><p>1 A model is classified if:(a)it has high impact<authorialNote marker="1"><p>A second note marked 1.</p></authorialNote>;(b)it is trained with more than 10<sup>25</sup> operations<noteRef href="#n9"/>. 2 The Commission shall act.</p></content>
        </article></chapter></body></act></akomaNtoso>"##;

    #[test]
    fn notes_become_footnotes_after_their_block_and_superscripts_stay_readable() {
        let text = imported(NOTES);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0], "Proposal for a REGULATION laying down rules on artificial intelligence",
            "the whole long title is the title"
        );
        assert!(lines.contains(&"Having regard to the opinion of the Committee[^1],"));
        assert!(lines.contains(&"[^1]: OJ C 517, 22.12.2021, p. 56."));
        assert!(lines.contains(&"(a) it has high impact[^2];"), "{text}");
        assert!(lines.contains(&"(b) it is trained with more than 10^25 operations[^3]."));
        assert!(lines.contains(&"[^2]: A second note marked 1."));
        assert!(lines.contains(&"[^3]: Kept apart in the metadata."));
        assert!(lines.contains(&"TITLE V"));
        // The notes of the article come after it, before anything else.
        let article_end = lines
            .iter()
            .position(|l| l.starts_with("2. The"))
            .expect("2.");
        assert!(
            lines[article_end + 1..]
                .iter()
                .all(|l| l.is_empty() || l.starts_with("[^"))
        );
    }

    #[test]
    fn notes_parse_as_footnotes_and_leave_the_clause_words_alone() {
        let doc = treaty_parse::parse_str(&imported(NOTES)).expect("parses");
        let find = |id: &str| doc.find(&id.parse().expect("an ID")).expect(id);
        assert_eq!(
            doc.title.as_deref(),
            Some("Proposal for a REGULATION laying down rules on artificial intelligence")
        );
        assert_eq!(find("preamble.1").text, "The purpose.");
        let b = find("51.1.b");
        assert_eq!(b.text, "it is trained with more than 10^25 operations.");
        assert_eq!(b.footnotes, ["3"]);
        assert_eq!(find("fn.3").text, "Kept apart in the metadata.");
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
        assert_eq!(
            split_keyword_heading("title vii – EU DATABASE"),
            Some(("TITLE VII".to_owned(), "EU DATABASE".to_owned()))
        );
    }
}
