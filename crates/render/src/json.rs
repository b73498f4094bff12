//! JSON for machines: every document treaty prints has a `schema` field naming its form
//! and version (`treaty-parse/1`), pretty-printed, one per run, ending with a newline.
//! Control characters in strings, C1 and DEL included, are written as `\u` escapes, so
//! that JSON printed to a terminal never carries a raw control sequence.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use treaty_model::{Document, Node};

/// Write one JSON document.
pub fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Escaping::default());
    value.serialize(&mut ser)?;
    writeln!(out)
}

/// `treaty parse --format json`. Written straight from the tree, with no copy of it.
pub fn parse(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    write(
        out,
        &Envelope {
            key: "document",
            value: sorted::Doc(doc),
            schema: "treaty-parse/1",
        },
    )
}

/// `treaty show --format json` without commentary.
pub fn clause(node: &Node, out: &mut impl Write) -> io::Result<()> {
    write(
        out,
        &Envelope {
            key: "clause",
            value: sorted::Tree(node),
            schema: "treaty-clause/1",
        },
    )
}

/// `{KEY: VALUE, "schema": SCHEMA}`, the keys in that (alphabetical) order.
struct Envelope<T> {
    key: &'static str,
    value: T,
    schema: &'static str,
}

impl<T: Serialize> Serialize for Envelope<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        debug_assert!(self.key < "schema");
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(self.key, &self.value)?;
        m.serialize_entry("schema", self.schema)?;
        m.end()
    }
}

/// Documents and clause trees as JSON with their keys in alphabetical order, as
/// `serde_json::Value` (a sorted map) prints them, but written as the tree is walked:
/// turning a whole tree into a `Value` first held a second copy of every string, and
/// took most of the time and memory of `treaty parse --format json`. The small values
/// inside a node (spans, negotiation, diagnostics) still go through `Value`, which keeps
/// their keys sorted whatever order their types declare them in. Tests check that both
/// ways print the same bytes on a text with every field, and on four corpus texts.
mod sorted {
    use serde::Serialize;
    use serde::ser::{SerializeMap, SerializeSeq, Serializer};
    use treaty_model::{Document, Node};

    pub struct Doc<'a>(pub &'a Document);
    pub struct Tree<'a>(pub &'a Node);
    struct Children<'a>(&'a [Node]);

    /// A small value, its keys sorted.
    fn value<T: Serialize, E: serde::ser::Error>(v: &T) -> Result<serde_json::Value, E> {
        serde_json::to_value(v).map_err(E::custom)
    }

    impl Serialize for Doc<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            // Every field named, so that a field added to the model and not here is a
            // compile error rather than a key silently left out.
            let Document {
                title,
                language,
                children,
                layout,
                diagnostics,
                source_len,
            } = self.0;
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("children", &Children(children))?;
            if !diagnostics.is_empty() {
                m.serialize_entry("diagnostics", &value(diagnostics)?)?;
            }
            if let Some(l) = language {
                m.serialize_entry("language", l)?;
            }
            if !layout.is_empty() {
                // A layout record's fields (`kind`, `span`) are declared in sorted order:
                // written as they are, with no copy (a text has one per blank line).
                m.serialize_entry("layout", layout)?;
            }
            m.serialize_entry("source_len", source_len)?;
            if let Some(t) = title {
                m.serialize_entry("title", t)?;
            }
            m.end()
        }
    }

    impl Serialize for Children<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut q = s.serialize_seq(Some(self.0.len()))?;
            for n in self.0 {
                q.serialize_element(&Tree(n))?;
            }
            q.end()
        }
    }

    impl Serialize for Tree<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let Node {
                id,
                eid,
                kind,
                number,
                heading,
                text,
                closing,
                span,
                negotiation,
                footnotes,
                children,
            } = self.0;
            let mut m = s.serialize_map(None)?;
            if !children.is_empty() {
                m.serialize_entry("children", &Children(children))?;
            }
            if let Some(c) = closing {
                m.serialize_entry("closing", c)?;
            }
            m.serialize_entry("eid", eid)?;
            if !footnotes.is_empty() {
                m.serialize_entry("footnotes", footnotes)?;
            }
            if let Some(h) = heading {
                m.serialize_entry("heading", h)?;
            }
            m.serialize_entry("id", id)?;
            m.serialize_entry("kind", kind)?;
            if !negotiation.is_empty() {
                m.serialize_entry("negotiation", &value(negotiation)?)?;
            }
            if let Some(x) = number {
                m.serialize_entry("number", x)?;
            }
            m.serialize_entry("span", span)?;
            m.serialize_entry("text", text)?;
            m.end()
        }
    }
}

/// serde_json's pretty printer, with DEL and the C1 controls (U+007F–U+009F) escaped as
/// well as the C0 ones serde_json escapes itself.
#[derive(Default)]
struct Escaping<'a>(PrettyFormatter<'a>);

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // DEL is 0x7f, and a C1 control is 0xc2 followed by 0x80–0x9f: text with neither
        // (0xc2 also leads `§` and the no-break space) is written whole.
        let bytes = fragment.as_bytes();
        let control = memchr::memchr2_iter(0x7f, 0xc2, bytes)
            .any(|i| bytes[i] == 0x7f || bytes.get(i + 1).is_some_and(|b| *b <= 0x9f));
        if !control {
            return w.write_all(bytes);
        }
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if ('\u{7f}'..='\u{9f}').contains(&c) {
                w.write_all(&fragment.as_bytes()[from..i])?;
                write!(w, "\\u{:04x}", u32::from(c))?;
                from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `parse` printed when it went through `serde_json::Value`.
    fn through_value(doc: &Document) -> Vec<u8> {
        let mut out = Vec::new();
        write(
            &mut out,
            &serde_json::json!({ "schema": "treaty-parse/1", "document": doc }),
        )
        .expect("writes");
        out
    }

    #[test]
    fn the_tree_written_as_it_is_walked_reads_as_through_a_sorted_value() {
        // Every field a node can have, each set, and each left out.
        let text = "Convention on Things\n\nPreamble\nThe Parties,\nHave agreed:\n\n\
                    Chapter I\nGeneral\n\nArticle 1\nScope\n1. It applies [to all] to:\n\
                    (a) one;[^1]\n(b) two,\nwhere it matters. [agreed ad referendum]\n\n\
                    Article 3\nOne.\n\n[^1]: A note.\n";
        let doc = treaty_parse::parse_str(text).expect("parses");
        assert!(!doc.diagnostics.is_empty(), "a numbering gap is reported");
        let mut out = Vec::new();
        parse(&doc, &mut out).expect("writes");
        assert_eq!(
            String::from_utf8(out),
            String::from_utf8(through_value(&doc))
        );
        let node = &doc.children[2];
        let mut out = Vec::new();
        clause(node, &mut out).expect("writes");
        let mut old = Vec::new();
        write(
            &mut old,
            &serde_json::json!({ "schema": "treaty-clause/1", "clause": node }),
        )
        .expect("writes");
        assert_eq!(String::from_utf8(out), String::from_utf8(old));
    }

    #[test]
    fn every_corpus_text_is_written_as_through_a_sorted_value() {
        for rel in [
            "un/untoc.un-layout.txt",
            "un/uncac.2012-11-19.md",
            "coe/budapest-ets185.2012-10-24.md",
            "multilingual/udhr/fr.txt",
        ] {
            let doc = treaty_parse::parse(&treaty_testdata::read(rel)).expect("parses");
            let mut out = Vec::new();
            parse(&doc, &mut out).expect("writes");
            assert!(out == through_value(&doc), "{rel}: the two ways differ");
        }
    }

    #[test]
    fn controls_of_every_kind_are_escaped_and_the_rest_is_pretty() {
        let mut out = Vec::new();
        write(
            &mut out,
            &serde_json::json!({ "a": ["x\u{1b}[2J\u{9b}2J\u{7f} é 中"] }),
        )
        .expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            "{\n  \"a\": [\n    \"x\\u001b[2J\\u009b2J\\u007f é 中\"\n  ]\n}\n"
        );
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
}
