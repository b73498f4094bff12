//! `treaty import`: bring a published text into `texts/<convention>/` as canonical text,
//! and list it in the convention's `convention.toml`.

use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
use treaty_formats::{Format, Imported};

use crate::error::{Error, Result};
use crate::root::display;
use crate::write::write_atomic;

/// Where an import goes, when it is written.
#[derive(Debug)]
pub struct Target<'a> {
    pub folder: &'a Path,
    pub label: &'a str,
    pub date: Option<&'a str>,
    pub source: &'a str,
    pub force: bool,
}

/// Convert, and check that the parser reads the result.
pub fn convert(bytes: &[u8], format: Format, name: &str) -> Result<Imported> {
    let imported = treaty_formats::import(bytes, format).map_err(|source| Error::Import {
        name: name.to_owned(),
        source,
    })?;
    let doc = treaty_parse::parse_str(&imported.text).map_err(|source| Error::Parse {
        name: format!("the text imported from {name}"),
        source,
    })?;
    if doc.articles().next().is_none() {
        return Err(Error::Input(format!(
            "no article was found in {name}: is it a convention text?"
        )));
    }
    Ok(imported)
}

/// Write the text as `<folder>/<label>.txt` and list it in `<folder>/convention.toml`.
/// Returns the path written.
pub fn write(imported: &Imported, t: &Target<'_>) -> Result<String> {
    if let Some(d) = t.date {
        d.parse::<treaty_annotate::PartialDate>()
            .map_err(|e| Error::Input(format!("--date: {e}")))?;
    }
    if t.label.is_empty()
        || !t
            .label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err(Error::Input(format!(
            "--label `{}` must be letters, digits, `-`, `_` or `.` (it names the file)",
            t.label
        )));
    }
    let file = format!("{}.txt", t.label);
    let text_path = t.folder.join(&file);
    let manifest_path = t.folder.join("convention.toml");
    let convention = t
        .folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::Input("--convention must name a folder, such as texts/eu-ai-act".into())
        })?;

    let old_manifest = match std::fs::read(&manifest_path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::read(display(&manifest_path), e)),
    };
    let mut doc: DocumentMut = match &old_manifest {
        Some(b) => String::from_utf8_lossy(b)
            .parse()
            .map_err(|e: toml_edit::TomlError| Error::Manifest {
                name: display(&manifest_path),
                message: format!("not valid TOML: {}", e.message()),
            })?,
        None => {
            let mut doc = DocumentMut::new();
            let mut info = Table::new();
            info.insert("id", value(&convention));
            info.insert(
                "title",
                value(imported.title.clone().unwrap_or_else(|| convention.clone())),
            );
            doc.insert("convention", Item::Table(info));
            doc
        }
    };
    let versions = doc
        .entry("versions")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Item::ArrayOfTables(versions) = versions else {
        return Err(Error::Manifest {
            name: display(&manifest_path),
            message: "`versions` is not a list of [[versions]] tables".into(),
        });
    };
    let existing = versions
        .iter()
        .position(|v| v.get("label").and_then(Item::as_str) == Some(t.label));
    if existing.is_some() && !t.force {
        return Err(Error::refused(format!(
            "{} already lists a version `{}`: pass --force to replace it, or choose another --label",
            display(&manifest_path),
            t.label
        )));
    }
    let old_text = match std::fs::read(&text_path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::read(display(&text_path), e)),
    };
    if old_text.is_some() && !t.force {
        return Err(Error::refused(format!(
            "{} exists: pass --force to replace it, or choose another --label",
            display(&text_path)
        )));
    }
    let mut entry = Table::new();
    entry.insert("label", value(t.label));
    entry.insert("file", value(&file));
    if let Some(d) = t.date {
        entry.insert("date", value(d));
    }
    entry.insert("source", value(t.source));
    match existing {
        Some(i) => {
            if let Some(slot) = versions.get_mut(i) {
                *slot = entry;
            }
        }
        None => versions.push(entry),
    }
    let manifest = doc.to_string();
    // The manifest must still read as one.
    toml::from_str::<treaty_model::Manifest>(&manifest).map_err(|e| Error::Manifest {
        name: display(&manifest_path),
        message: format!("the updated file would not read back: {}", e.message()),
    })?;
    write_atomic(&text_path, old_text.as_deref(), |w| {
        w.write_all(imported.text.as_bytes())
    })?;
    write_atomic(&manifest_path, old_manifest.as_deref(), |w| {
        w.write_all(manifest.as_bytes())
    })?;
    Ok(display(&text_path))
}
