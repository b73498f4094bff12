//! EUR-Lex XHTML to canonical text: the form in which the Commission publishes its
//! proposals, converted from Word. The structure is in the paragraph classes, not in the
//! nesting: `Titrearticle` opens an article, `ManualNumPar1` is a numbered paragraph,
//! `Point0`/`Point1`/`Point2` are points, `ManualConsidrant` is a recital, each with its
//! number in a `span.num`; `SectionTitle` holds a division's keyword and then its heading.
//!
//! What comes before the act (the cover page and the explanatory memorandum) and after it
//! (the legislative financial statement) is set aside: the act runs from the party that
//! acts (`Institutionquiagit`) to the signatures. Footnotes (`a.footnoteRef` pointing into
//! `dl#footnotes`) stay footnotes.

use std::collections::HashMap;

use crate::notes::Footnotes;
use crate::text::{Lines, clean};
use crate::xml::{Child, El};
use crate::{ImportError, Imported, Warning};

pub fn import(root: &El) -> Result<Imported, ImportError> {
    if root.name != "html" {
        return Err(ImportError::Unsupported(format!(
            "the root element is <{}>, not <html>",
            root.name
        )));
    }
    let mut paragraphs = Vec::new();
    let mut notes = HashMap::new();
    collect(root, &mut paragraphs, &mut notes);
    let classes: Vec<&str> = paragraphs.iter().map(|p| class(p)).collect();
    let Some(first_article) = classes.iter().position(|&c| c == "Titrearticle") else {
        return Err(ImportError::Unsupported(
            "this HTML has no article headings (`<p class=\"Titrearticle\">`), so it is not an act as EUR-Lex publishes it; save the act from EUR-Lex as XHTML, or import its Formex or Akoma Ntoso".into(),
        ));
    };
    // The act opens with the party that acts; without one, with its first article.
    let start = classes[..first_article]
        .iter()
        .rposition(|&c| c == "Institutionquiagit")
        .unwrap_or(first_article);
    let mut w = Writer {
        lines: Lines::default(),
        footnotes: Footnotes::default(),
        notes,
        warnings: Vec::new(),
    };
    let title = w.title(&paragraphs[..start], &classes[..start]);
    if let Some(t) = &title {
        w.lines.line(t);
        w.lines.blank();
    }
    if start < first_article {
        w.lines.line("Preamble");
    }
    for (p, &c) in paragraphs[start..].iter().zip(&classes[start..]) {
        if ends_act(c) {
            break;
        }
        w.paragraph(p, c);
    }
    w.footnotes.flush(&mut w.lines);
    Ok(Imported {
        text: w.lines.finish(),
        title,
        warnings: w.warnings,
    })
}

/// Classes of what follows the act in the same file: the legislative financial statement
/// and its annex.
fn ends_act(class: &str) -> bool {
    class.starts_with("Fichefinanci")
}

fn class(e: &El) -> &str {
    e.attr("class").unwrap_or("").trim()
}

/// Every `<p>` in document order (a `<p>` in a table cell included), and the footnotes
/// by id (`dd id="footnote2"`).
fn collect<'a>(e: &'a El, paragraphs: &mut Vec<&'a El>, notes: &mut HashMap<String, &'a El>) {
    for c in e.elements() {
        match c.name.as_str() {
            "dd" | "div" | "p" if c.attr("id").is_some_and(|id| id.starts_with("footnote")) => {
                if let Some(id) = c.attr("id") {
                    notes.insert(id.to_owned(), c);
                }
            }
            "p" => paragraphs.push(c),
            _ => collect(c, paragraphs, notes),
        }
    }
}

struct Writer<'a> {
    lines: Lines,
    footnotes: Footnotes,
    notes: HashMap<String, &'a El>,
    warnings: Vec<Warning>,
}

impl Writer<'_> {
    /// The act's own title block, just before it: "Proposal for a", "REGULATION OF ...",
    /// "laying down ...". The cover page repeats it with `_cp` classes, which are not it.
    fn title(&mut self, before: &[&El], classes: &[&str]) -> Option<String> {
        let is_title = |c: &str| {
            matches!(
                c,
                "Statut"
                    | "Typedudocument"
                    | "Titreobjet"
                    | "Titreobjet_cp"
                    | "Statut_cp"
                    | "Typedudocument_cp"
            )
        };
        let end = classes.iter().rposition(|&c| is_title(c))?;
        let cover = classes[end].ends_with("_cp");
        let mut begin = end;
        while begin > 0
            && is_title(classes[begin - 1])
            && classes[begin - 1].ends_with("_cp") == cover
        {
            begin -= 1;
        }
        let words: Vec<String> = before[begin..=end]
            .iter()
            .map(|p| self.text(p, &[]))
            .filter(|t| !t.is_empty())
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    fn paragraph(&mut self, p: &El, class: &str) {
        match class {
            "Titrearticle" => {
                self.footnotes.flush(&mut self.lines);
                let lines = self.lines_of(p);
                self.lines.blank();
                let (first, heading) = match lines.split_first() {
                    Some((f, rest)) => (f.clone(), rest.join(" ")),
                    None => return,
                };
                self.lines.line(&first);
                self.lines.line(&heading);
            }
            // A division's keyword and number, then its heading, each in its own paragraph.
            c if c.ends_with("Title") || c == "Titrechapitre" || c == "Titresection" => {
                let t = self.text(p, &[]);
                if is_division_label(&t) {
                    self.footnotes.flush(&mut self.lines);
                    self.lines.blank();
                    self.lines.line(&t.to_uppercase());
                } else {
                    self.lines.line(&t);
                    self.lines.blank();
                }
            }
            "Formuledadoption" => {
                let t = self.text(p, &[]);
                self.lines.line(&t);
                self.footnotes.flush(&mut self.lines);
                self.lines.blank();
            }
            "Fait" => {
                self.footnotes.flush(&mut self.lines);
                self.lines.blank();
                let t = self.text(p, &[]);
                self.lines.line(&t);
            }
            _ => {
                let line = self.numbered(p);
                self.lines.line(&line);
            }
        }
    }

    /// A paragraph's words, led by its number when it has one (`1. This Regulation`,
    /// `(a) harmonised rules`, `(12) Recital`).
    fn numbered(&mut self, p: &El) -> String {
        let num = find_class(p, "num").map(|n| clean(&n.text()));
        let symbol = find_class(p, "list-symbol").is_some();
        let text = self.text(p, &["num", "list-symbol"]);
        match num.filter(|n| !n.is_empty()) {
            Some(n) => format!("{n} {text}"),
            None if symbol => format!("– {text}"),
            None => text,
        }
    }

    /// The lines of a paragraph broken by `<br/>`.
    fn lines_of(&mut self, p: &El) -> Vec<String> {
        let mut out = String::new();
        self.push_text(p, &[], true, &mut out);
        out.split('\n')
            .map(clean)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The footnote reference for a call (`<a class="footnoteRef" href="#footnote2">1</a>`),
    /// its note kept for the next block of notes.
    fn call(&mut self, a: &El) -> Option<String> {
        let target = a.attr("href").map(|h| h.trim_start_matches('#'));
        let marker = clean(&a.text());
        let Some(note) = target.and_then(|id| self.notes.get(id).copied()) else {
            self.warnings.push(Warning::new(format!(
                "footnote {marker} points at {} and no note there; its call is left out",
                target.unwrap_or("nothing")
            )));
            return None;
        };
        let words = self.text(note, &["num"]);
        Some(self.footnotes.refer(Some(&marker), words))
    }

    /// The words of an element on one line, with the elements of the `skip` classes left
    /// out, footnote calls as `[^n]` and superscripts as `^`.
    fn text(&mut self, e: &El, skip: &[&str]) -> String {
        let mut out = String::new();
        self.push_text(e, skip, false, &mut out);
        clean(&out)
    }

    fn push_text(&mut self, e: &El, skip: &[&str], breaks: bool, out: &mut String) {
        for c in &e.children {
            let x = match c {
                Child::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Child::El(x) => x,
            };
            let cls = class(x);
            if skip.contains(&cls) {
                continue;
            }
            match x.name.as_str() {
                // A footnote call sits on the word before it, whatever the spaces of
                // the markup around it.
                "span" if cls == "FootnoteReference" => {
                    if let Some(call) = find_class(x, "footnoteRef").and_then(|a| self.call(a)) {
                        out.truncate(out.trim_end().len());
                        out.push_str(&call);
                    }
                }
                "a" if cls == "footnoteRef" => {
                    if let Some(call) = self.call(x) {
                        out.push_str(&call);
                    }
                }
                "sup" => {
                    let s = self.text(x, skip);
                    if !s.is_empty() {
                        out.push('^');
                        out.push_str(&s);
                    }
                }
                "br" => out.push(if breaks { '\n' } else { ' ' }),
                _ => self.push_text(x, skip, breaks, out),
            }
        }
    }
}

/// The first element inside with this class.
fn find_class<'a>(e: &'a El, wanted: &str) -> Option<&'a El> {
    e.elements().find_map(|c| {
        if class(c) == wanted {
            Some(c)
        } else {
            find_class(c, wanted)
        }
    })
}

/// "TITLE I", "CHAPTER 2", "Section 3", "PART IV": a division's keyword and number alone.
fn is_division_label(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(keyword), Some(number), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let keyword_ok = ["TITLE", "CHAPTER", "SECTION", "PART", "SUBSECTION", "BOOK"]
        .iter()
        .any(|k| keyword.eq_ignore_ascii_case(k));
    let number_ok = number.chars().all(|c| c.is_ascii_digit())
        || number
            .chars()
            .all(|c| "IVXLCDM".contains(c.to_ascii_uppercase()));
    keyword_ok && number_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACT: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
<div class="content">
  <p class="Statut_cp">Proposal for a</p>
  <p class="Typedudocument_cp">REGULATION</p>
  <p class="Exposdesmotifstitre">EXPLANATORY MEMORANDUM</p>
  <p class="Normal">The memorandum is set aside<span class="FootnoteReference"><a class="footnoteRef" href="#footnote2">1</a></span>.</p>
  <p class="Statut">Proposal for a</p>
  <p class="Typedudocument">REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL</p>
  <p class="Titreobjet">laying down rules on artificial intelligence</p>
  <p class="Institutionquiagit"><span>THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,</span></p>
  <p class="Normal"><span>Having regard to the opinion of the Committee</span><span class="FootnoteReference"><a class="footnoteRef" href="#footnote3">2</a></span><span>,</span></p>
  <p class="Normal"><span>Whereas:</span></p>
  <p class="li ManualConsidrant"><span class="num"><span>(1)</span></span><span>The purpose is clear.</span></p>
  <p class="Formuledadoption"><span>HAVE ADOPTED THIS REGULATION:</span></p>
  <p class="SectionTitle"><span>TITLE I</span></p>
  <p class="SectionTitle"><span>GENERAL PROVISIONS</span></p>
  <p class="Titrearticle"><span>Article 1</span><span><br/>Subject matter</span></p>
  <p class="li ManualNumPar1"><span class="num"><span>1.</span></span><span>This Regulation lays down:</span></p>
  <p class="li Point1"><span class="num"><span>(a)</span></span><span>rules for more than 10<sup>25</sup> operations;</span></p>
  <p class="li Point1"><span class="num"><span>(b)</span></span><span>prohibitions.</span></p>
  <p class="Text1"><span>The first subparagraph applies.</span></p>
  <p class="Applicationdirecte"><span>This Regulation shall be binding in its entirety.</span></p>
  <p class="Fait"><span>Done at Brussels,</span></p>
  <p class="Fichefinanciretitre"><span>LEGISLATIVE FINANCIAL STATEMENT</span></p>
  <p class="Normal">Financial statement text.</p>
</div>
<dl id="footnotes">
  <dd id="footnote2"><span class="num"><a class="footnote" href="#footnoteref2">(1)</a></span> A memorandum note.</dd>
  <dd id="footnote3"><span class="num"><a class="footnote" href="#footnoteref3">(2)</a></span> OJ C 517, 22.12.2021, p. 56.</dd>
</dl>
</body></html>"##;

    fn imported() -> Imported {
        import(&crate::xml::parse(ACT).expect("well-formed")).expect("imports")
    }

    #[test]
    fn the_act_is_written_as_canonical_text() {
        let imp = imported();
        assert_eq!(
            imp.text,
            "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL laying down rules on artificial intelligence

Preamble
THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,
Having regard to the opinion of the Committee[^2],
Whereas:
(1) The purpose is clear.
HAVE ADOPTED THIS REGULATION:

[^2]: OJ C 517, 22.12.2021, p. 56.

TITLE I
GENERAL PROVISIONS

Article 1
Subject matter
1. This Regulation lays down:
(a) rules for more than 10^25 operations;
(b) prohibitions.
The first subparagraph applies.
This Regulation shall be binding in its entirety.

Done at Brussels,
"
        );
        assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    }

    #[test]
    fn the_memorandum_and_the_financial_statement_are_set_aside() {
        let text = imported().text;
        assert!(!text.contains("memorandum"));
        assert!(!text.contains("Financial statement"));
    }

    #[test]
    fn the_parser_reads_the_structure() {
        let doc = treaty_parse::parse_str(&imported().text).expect("parses");
        let find = |id: &str| doc.find(&id.parse().expect("an ID")).expect(id);
        assert_eq!(find("1").heading.as_deref(), Some("Subject matter"));
        assert_eq!(find("1.1.a").text, "rules for more than 10^25 operations;");
        assert_eq!(find("preamble.1").text, "The purpose is clear.");
        assert_eq!(find("fn.2").text, "OJ C 517, 22.12.2021, p. 56.");
        assert!(find("title.I").heading.as_deref() == Some("GENERAL PROVISIONS"));
    }

    #[test]
    fn html_without_articles_is_refused_with_advice() {
        let root = crate::xml::parse("<html><body><p>Hello</p></body></html>").expect("parses");
        let err = import(&root).expect_err("refused");
        assert!(err.to_string().contains("Titrearticle"), "{err}");
    }

    #[test]
    fn division_labels() {
        assert!(is_division_label("TITLE I"));
        assert!(is_division_label("Chapter 2"));
        assert!(!is_division_label("GENERAL PROVISIONS"));
        assert!(!is_division_label("TITLE I GENERAL"));
    }
}
