//! Adding an annotation to a file without disturbing what people wrote in it: comments,
//! blank lines, key order and string styles all survive (`toml_edit`).

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use crate::format::Annotation;

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the file is not valid TOML: {0}")]
    Syntax(#[from] toml_edit::TomlError),
    #[error("`annotation` in this file is not a list of `[[annotation]]` tables")]
    NotAList,
}

/// The file's text with one more `[[annotation]]` at the end. The original text is kept
/// byte for byte (comments, blank lines, styles): the new table is written by `toml_edit`
/// on its own and added after it.
pub fn append(src: &str, a: &Annotation) -> Result<String, EditError> {
    let doc: DocumentMut = src.parse()?;
    if doc
        .get("annotation")
        .is_some_and(|i| !i.is_array_of_tables())
    {
        return Err(EditError::NotAList);
    }
    let mut list = ArrayOfTables::new();
    list.push(table_of(a));
    let mut fresh = DocumentMut::new();
    fresh.insert("annotation", Item::ArrayOfTables(list));
    let mut out = String::with_capacity(src.len() + 512);
    out.push_str(src);
    if !src.is_empty() {
        if !src.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&fresh.to_string());
    // The result must still be TOML, with the new table last in the list.
    out.parse::<DocumentMut>()?;
    Ok(out)
}

/// An annotation as a TOML table, fields in the documented order.
pub fn table_of(a: &Annotation) -> Table {
    let mut t = Table::new();
    t.insert("id", value(&a.id));
    t.insert("clause", value(a.clause.as_str()));
    t.insert("version", value(&a.version));
    for (key, v) in [
        ("language", &a.language),
        ("quote", &a.quote),
        ("prefix", &a.prefix),
        ("suffix", &a.suffix),
    ] {
        if let Some(v) = v {
            t.insert(key, value(v));
        }
    }
    t.insert("author", value(&a.author));
    if let Some(s) = &a.source {
        t.insert("source", value(s));
    }
    t.insert("date", value(a.date.to_string()));
    if !a.tags.is_empty() {
        t.insert("tags", value(a.tags.iter().collect::<Array>()));
    }
    t.insert("stance", value(a.stance.as_str()));
    t.insert("body", Item::Value(body_value(&a.body)));
    t
}

/// A body with line breaks is written as a multi-line string, as a person would, as
/// long as that reads back as exactly the same text; otherwise as an escaped string.
fn body_value(body: &str) -> Value {
    if body.contains('\n') {
        let closing = if body.ends_with('\n') { "" } else { "\\\n" };
        let literal = format!("\"\"\"\n{}{closing}\"\"\"", body.replace('\\', "\\\\"));
        if let Ok(v) = literal.parse::<Value>()
            && v.as_str() == Some(body)
        {
            return v;
        }
    }
    Value::from(body)
}

/// IDs not yet used: `<author>-<clause>`, then `-2`, `-3` ... until it is new.
pub fn fresh_id(author: &str, clause: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let mut base = crate::text::slug(author);
    // Long organisation names make long IDs: keep the first words.
    if base.len() > 24 {
        base = base.split('-').take(3).collect::<Vec<_>>().join("-");
    }
    let clause = crate::text::slug(&clause.replace('.', "-"));
    let stem = if base.is_empty() {
        clause
    } else {
        format!("{base}-{clause}")
    };
    if !taken(&stem) {
        return stem;
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(stem)
}
