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
    /// The language of the text: it becomes that language version of the draft `label`.
    pub language: Option<&'a str>,
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
    let mut file = match t.language {
        Some(l) => format!("{}.{l}.txt", t.label),
        None => format!("{}.txt", t.label),
    };
    let mut text_path = t.folder.join(&file);
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
    // A language version joins the draft of its label; it replaces only its own language.
    let joins = match (t.language, existing) {
        (Some(l), Some(i)) => {
            let v = versions.get(i).expect("listed");
            let has = v.get("language").and_then(Item::as_str) == Some(l)
                || v.get("languages")
                    .and_then(Item::as_table_like)
                    .is_some_and(|ls| ls.contains_key(l));
            if has && !t.force {
                return Err(Error::refused(format!(
                    "{} already lists a `{l}` text of version `{}`: pass --force to replace it",
                    display(&manifest_path),
                    t.label
                )));
            }
            // Replaced where it is: the language's text keeps its file.
            let listed = if v.get("language").and_then(Item::as_str) == Some(l) {
                v.get("file").and_then(Item::as_str)
            } else {
                v.get("languages")
                    .and_then(Item::as_table_like)
                    .and_then(|ls| ls.get(l))
                    .and_then(Item::as_str)
            };
            // Only a file inside the folder: a manifest is not trusted to point elsewhere.
            if let Some(f) = listed.filter(|f| inside(t.folder, f)) {
                file = f.to_owned();
                text_path = t.folder.join(&file);
            }
            true
        }
        _ => false,
    };
    if existing.is_some() && !t.force && !joins {
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
    if let (Some(l), Some(i), true) = (t.language, existing, joins) {
        let folder = t.folder;
        let v = versions.get_mut(i).expect("listed");
        join_language(v, l, &file, folder)?;
        if let Some(d) = t.date
            && !v.contains_key("date")
        {
            v.insert("date", value(d));
        }
        return finish(
            &doc,
            &manifest_path,
            &text_path,
            imported,
            old_text,
            old_manifest,
        );
    }
    let mut entry = Table::new();
    entry.insert("label", value(t.label));
    entry.insert("file", value(&file));
    if let Some(l) = t.language {
        entry.insert("language", value(l));
    }
    if let Some(d) = t.date {
        entry.insert("date", value(d));
    }
    entry.insert("source", value(t.source));
    match existing {
        Some(i) => {
            if let Some(slot) = versions.get_mut(i) {
                // What the new text does not say stays: the draft's language versions,
                // its symbol, and its date unless a new one is given.
                for key in ["language", "languages", "symbol", "date"] {
                    if !entry.contains_key(key)
                        && let Some(kept) = slot.get(key)
                    {
                        entry.insert(key, kept.clone());
                    }
                }
                *slot = entry;
            }
        }
        // A new draft goes where its date puts it: drafts are listed oldest first.
        None => {
            let later = t.date.and_then(|d| {
                versions.iter().position(|v| {
                    v.get("date")
                        .and_then(Item::as_str)
                        .is_some_and(|other| other > d)
                })
            });
            match later {
                Some(k) => {
                    let mut all: Vec<Table> = versions.iter().cloned().collect();
                    all.insert(k, entry);
                    versions.clear();
                    for table in all {
                        versions.push(table);
                    }
                }
                None => versions.push(entry),
            }
        }
    }
    finish(
        &doc,
        &manifest_path,
        &text_path,
        imported,
        old_text,
        old_manifest,
    )
}

/// Add a language version to a listed draft: `languages.<code> = file`. The draft's
/// own text must have a known language, so that it stays the default: when the
/// manifest does not say, the language the parser reads in that text is written in.
fn join_language(v: &mut Table, language: &str, file: &str, folder: &Path) -> Result<()> {
    if v.get("language").and_then(Item::as_str) == Some(language) {
        return Ok(());
    }
    if !v.contains_key("language") && !v.contains_key("file") {
        // Only `languages`: the default is the one reading the manifest gives (English,
        // else the first code); it is written down so that a new code cannot change it.
        let codes: Vec<String> = v
            .get("languages")
            .and_then(Item::as_table_like)
            .map(|t| t.iter().map(|(k, _)| k.to_owned()).collect())
            .unwrap_or_default();
        let default = if codes.iter().any(|c| c == "en") {
            codes.iter().find(|c| *c == "en").cloned()
        } else {
            let mut sorted = codes.clone();
            sorted.sort();
            sorted.into_iter().next()
        };
        if let Some(d) = default {
            v.insert("language", value(d));
        }
    }
    if !v.contains_key("language") {
        let own = v.get("file").and_then(Item::as_str).map(str::to_owned);
        if let Some(own) = own {
            if !inside(folder, &own) {
                return Err(Error::Input(format!(
                    "the file `{own}` of version `{}` is not inside the convention's folder; it is not read",
                    v.get("label").and_then(Item::as_str).unwrap_or("")
                )));
            }
            let path = folder.join(&own);
            let bytes = std::fs::read(&path).map_err(|e| Error::read(display(&path), e))?;
            let doc = treaty_parse::parse(&bytes).map_err(|source| Error::Parse {
                name: display(&path),
                source,
            })?;
            let Some(code) = doc.language else {
                return Err(Error::Input(format!(
                    "the language of {} is not clear from its words: add `language = \"en\"` (or its code) to version `{}` in convention.toml",
                    display(&path),
                    v.get("label").and_then(Item::as_str).unwrap_or("")
                )));
            };
            if code == language {
                return Err(Error::refused(format!(
                    "{} is already the `{language}` text of version `{}`: pass --force without --language to replace it",
                    display(&path),
                    v.get("label").and_then(Item::as_str).unwrap_or("")
                )));
            }
            v.insert("language", value(code));
        }
    }
    if !v.contains_key("languages") {
        v.insert(
            "languages",
            Item::Value(toml_edit::Value::InlineTable(toml_edit::InlineTable::new())),
        );
    }
    let mut languages = v.get_mut("languages");
    if let Some(inline) = languages.as_deref_mut().and_then(Item::as_inline_table_mut) {
        inline.insert(language, file.into());
        inline.fmt();
        return Ok(());
    }
    let Some(table) = languages.and_then(Item::as_table_like_mut) else {
        return Err(Error::Input(
            "`languages` of this version is not a table such as `{ fr = \"final.fr.txt\" }`".into(),
        ));
    };
    table.insert(language, value(file));
    Ok(())
}

/// Whether a file a manifest names lies inside the folder: a plain relative path, and
/// (when it exists) not a link that leads out.
fn inside(folder: &Path, file: &str) -> bool {
    let plain = !file.is_empty()
        && Path::new(file)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain {
        return false;
    }
    let path = folder.join(file);
    match (path.canonicalize(), folder.canonicalize()) {
        (Ok(real), Ok(dir)) => real.starts_with(dir),
        // Not there yet: a plain relative path stays inside; a link that leads nowhere
        // may lead anywhere once written through.
        _ => path.symlink_metadata().is_err(),
    }
}

/// Check that the updated manifest still reads, then write the text and the manifest.
fn finish(
    doc: &DocumentMut,
    manifest_path: &Path,
    text_path: &Path,
    imported: &Imported,
    old_text: Option<Vec<u8>>,
    old_manifest: Option<Vec<u8>>,
) -> Result<String> {
    let manifest_path = manifest_path.to_path_buf();
    let text_path = text_path.to_path_buf();
    let manifest = doc.to_string();
    // The manifest must still read as one.
    let mut read_back =
        toml::from_str::<treaty_model::Manifest>(&manifest).map_err(|e| Error::Manifest {
            name: display(&manifest_path),
            message: format!("the updated file would not read back: {}", e.message()),
        })?;
    read_back
        .settle_languages()
        .map_err(|message| Error::Manifest {
            name: display(&manifest_path),
            message: format!("the updated file would not read back: {message}"),
        })?;
    write_atomic(&text_path, old_text.as_deref(), |w| {
        w.write_all(imported.text.as_bytes())
    })?;
    write_atomic(&manifest_path, old_manifest.as_deref(), |w| {
        w.write_all(manifest.as_bytes())
    })?;
    Ok(display(&text_path))
}
