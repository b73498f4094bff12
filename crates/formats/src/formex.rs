//! Formex 6 (the EU Official Journal's XML) to canonical text: `TITLE`, `PREAMBLE` with
//! `VISA` citations and `CONSID` recitals, `DIVISION`s, `ARTICLE` with `TI.ART` and
//! `STI.ART`, `PARAG`/`NO.PARAG`, `ALINEA`, `LIST`/`ITEM`/`NP`/`NO.P`/`TXT`, notes as
//! footnotes, and the `FINAL` formula.

use crate::text::{Lines, clean};
use crate::xml::{Child, El};
use crate::{ImportError, Imported, Warning};

/// Elements that start a line of their own.
const BLOCKS: [&str; 11] = [
    "P", "LIST", "ITEM", "NP", "ALINEA", "PARAG", "GR.SEQ", "SUBDIV", "QUOT.S", "TBL", "CORPUS",
];

#[derive(Default)]
struct Writer {
    lines: Lines,
    notes: Vec<String>,
    warnings: Vec<Warning>,
}

pub fn import(root: &El) -> Result<Imported, ImportError> {
    if root.name != "ACT" && root.name != "CONS.ACT" && root.name != "CONS.DOC" {
        return Err(ImportError::Unsupported(format!(
            "the root element is <{}>: a Formex act starts with <ACT>",
            root.name
        )));
    }
    let mut w = Writer::default();
    // The title's parts on lines of their own: the parser takes the first as the title
    // and the rest ("of 13 June 2024", "laying down ...") as its continuation.
    let parts: Vec<String> = root
        .child("TITLE")
        .and_then(|t| t.find("TI"))
        .into_iter()
        .flat_map(El::elements)
        .map(|p| w.inline(p))
        .filter(|s| !s.is_empty())
        .collect();
    for p in &parts {
        w.lines.line(p);
    }
    w.lines.blank();
    let title = (!parts.is_empty()).then(|| parts.join(" "));
    if let Some(p) = root.child("PREAMBLE") {
        w.preamble(p);
    }
    match root.child("ENACTING.TERMS") {
        Some(terms) => w.body(terms),
        None => w
            .warnings
            .push(Warning::new("there is no <ENACTING.TERMS>")),
    }
    if let Some(f) = root.child("FINAL") {
        w.lines.blank();
        for c in f.elements() {
            if c.name == "SIGNATURE" {
                for p in c.elements() {
                    let t = w.inline(p);
                    w.lines.line(&t);
                }
            } else {
                let t = w.inline(c);
                w.lines.line(&t);
            }
        }
    }
    if !w.notes.is_empty() {
        w.lines.blank();
        let notes = std::mem::take(&mut w.notes);
        for (k, n) in notes.iter().enumerate() {
            w.lines.line(&format!("[^{}]: {n}", k + 1));
        }
    }
    Ok(Imported {
        text: w.lines.finish(),
        title,
        warnings: w.warnings,
    })
}

impl Writer {
    fn preamble(&mut self, p: &El) {
        self.lines.line("Preamble");
        for c in p.elements() {
            match c.name.as_str() {
                "GR.VISA" | "GR.CONSID" => {
                    for v in c.elements() {
                        if v.name == "CONSID" {
                            self.block(v, None);
                        } else {
                            let t = self.inline(v);
                            self.lines.line(&t);
                        }
                    }
                }
                _ => {
                    let t = self.inline(c);
                    self.lines.line(&t);
                }
            }
        }
        self.lines.blank();
    }

    fn body(&mut self, e: &El) {
        for c in e.elements() {
            match c.name.as_str() {
                "DIVISION" => {
                    if let Some(t) = c.child("TITLE") {
                        let ti = t.child("TI").map(|x| self.inline(x)).unwrap_or_default();
                        let sti = t.child("STI").map(|x| self.inline(x)).unwrap_or_default();
                        self.lines.blank();
                        self.lines.line(&ti);
                        self.lines.line(&sti);
                        self.lines.blank();
                    }
                    self.body(c);
                }
                "ARTICLE" => self.article(c),
                "TITLE" => {}
                _ => self.block(c, None),
            }
        }
    }

    fn article(&mut self, a: &El) {
        self.lines.blank();
        let num = a
            .child("TI.ART")
            .map(|t| self.inline(t))
            .unwrap_or_default();
        self.lines.line(&num);
        if let Some(h) = a.child("STI.ART") {
            let h = self.inline(h);
            self.lines.line(&h);
        }
        for c in a
            .elements()
            .filter(|c| !matches!(c.name.as_str(), "TI.ART" | "STI.ART"))
        {
            self.block(c, None);
        }
        self.lines.blank();
    }

    /// A block: inline content becomes a line (with the pending number first), block
    /// children their own lines.
    fn block(&mut self, e: &El, mut prefix: Option<String>) {
        let mut buf = String::new();
        for c in &e.children {
            match c {
                Child::Text(t) => buf.push_str(t),
                Child::El(x) if x.name == "NO.PARAG" || x.name == "NO.P" => {
                    let n = clean(&x.text());
                    let n = if x.name == "NO.PARAG"
                        && !n.ends_with('.')
                        && n.chars().all(|c| c.is_ascii_digit())
                    {
                        format!("{n}.")
                    } else {
                        n
                    };
                    prefix = Some(format!("{n} "));
                }
                Child::El(x) if BLOCKS.contains(&x.name.as_str()) => {
                    self.flush(&mut buf, &mut prefix);
                    let p = prefix.take();
                    self.block(x, p);
                }
                Child::El(x) => buf.push_str(&self.inline_of(x)),
            }
        }
        self.flush(&mut buf, &mut prefix);
        if let Some(p) = prefix {
            self.lines.line(p.trim_end());
        }
    }

    fn flush(&mut self, buf: &mut String, prefix: &mut Option<String>) {
        let text = clean(buf);
        buf.clear();
        if text.is_empty() {
            return;
        }
        match prefix.take() {
            Some(p) => self.lines.line(&format!("{p}{text}")),
            None => self.lines.line(&text),
        }
    }

    /// An element's text on one line.
    fn inline(&mut self, e: &El) -> String {
        let mut s = String::new();
        for c in &e.children {
            match c {
                Child::Text(t) => s.push_str(t),
                Child::El(x) => s.push_str(&self.inline_of(x)),
            }
        }
        clean(&s)
    }

    /// Inline markup: quotation marks, notes (as footnote references), emphasis, dates.
    fn inline_of(&mut self, x: &El) -> String {
        match x.name.as_str() {
            "QUOT.START" => "‘".to_owned(),
            "QUOT.END" => "’".to_owned(),
            // A superscript stays readable as one: `10<HI STYLE="SUP">25</HI>` is `10^25`.
            "HI" if x.attr("STYLE") == Some("SUP") => {
                let mut s = String::from("^");
                for c in &x.children {
                    match c {
                        Child::Text(t) => s.push_str(t),
                        Child::El(y) => s.push_str(&self.inline_of(y)),
                    }
                }
                s
            }
            "NOTE" => {
                let text = clean(&x.text());
                self.notes.push(text);
                format!("[^{}]", self.notes.len())
            }
            _ => {
                let mut s = String::new();
                for c in &x.children {
                    match c {
                        Child::Text(t) => s.push_str(t),
                        Child::El(y) => s.push_str(&self.inline_of(y)),
                    }
                }
                s
            }
        }
    }
}
