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

/// `treaty parse --format json`.
pub fn parse(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    write(
        out,
        &serde_json::json!({ "schema": "treaty-parse/1", "document": doc }),
    )
}

/// `treaty show --format json` without commentary.
pub fn clause(node: &Node, out: &mut impl Write) -> io::Result<()> {
    write(
        out,
        &serde_json::json!({ "schema": "treaty-clause/1", "clause": node }),
    )
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
