//! The folders a user works in: `texts/<convention>/` (a `convention.toml` and the drafts)
//! and `annotations/<convention>/*.toml`. Reading them, never writing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use treaty_annotate::{AnnotationFile, Problem};
use treaty_model::{Document, Manifest};

/// An annotation file as read: its name for messages, its text, and what it holds.
#[derive(Debug)]
pub struct AnnotationSource {
    pub path: PathBuf,
    pub name: String,
    /// The file's bytes as read (for the changed-on-disk check when writing).
    pub bytes: Vec<u8>,
    pub source: String,
    pub file: AnnotationFile,
}

/// A `convention.toml`, or why it could not be used.
#[derive(Debug)]
pub enum ManifestState {
    /// There is no `texts/<convention>/convention.toml`.
    Absent,
    /// It is there but wrong: the problem points into it.
    Bad {
        name: String,
        source: String,
        problem: Problem,
    },
    Ok {
        path: PathBuf,
        manifest: Manifest,
    },
}

/// Show paths the way the user typed them, with `/` even on Windows.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The convention folders under a directory, sorted.
pub fn convention_dirs(dir: &Path) -> anyhow::Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", display(dir))),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", display(dir)))?;
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                names.push(name);
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Fail with a clear message when a folder the command needs is not there.
pub fn require_dir(dir: &Path, what: &str, flag: &str) -> anyhow::Result<()> {
    if !dir.is_dir() {
        bail!(
            "there is no {what} folder at {}: run treaty from the repository root or pass {flag} DIR",
            display(dir)
        );
    }
    Ok(())
}

/// The annotation files of one convention (`*.toml`, sorted by name), read and loaded.
pub fn annotation_files(dir: &Path) -> anyhow::Result<Vec<AnnotationSource>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", display(dir))),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let read: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| read_bytes(&p).map(|b| (p, b)))
        .collect::<anyhow::Result<_>>()?;
    // Decode first, then load the UTF-8 files together (in parallel).
    let decoded: Vec<Result<String, AnnotationFile>> =
        read.iter().map(|(_, b)| decode(b)).collect();
    let texts: Vec<&str> = decoded
        .iter()
        .filter_map(|d| d.as_ref().ok().map(String::as_str))
        .collect();
    let mut loaded = treaty_annotate::load_many(&texts).into_iter();
    let mut out = Vec::with_capacity(read.len());
    for ((path, bytes), d) in read.into_iter().zip(decoded) {
        let (source, file) = match d {
            Ok(s) => (s, loaded.next().unwrap_or_default()),
            Err(file) => (String::from_utf8_lossy(&bytes).into_owned(), file),
        };
        out.push(AnnotationSource {
            name: display(&path),
            path,
            bytes,
            source,
            file,
        });
    }
    Ok(out)
}

fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    match fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", display(path))),
    }
}

/// The text of an annotation file, or the problem that it is not UTF-8.
fn decode(bytes: &[u8]) -> Result<String, AnnotationFile> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        AnnotationFile {
            annotations: Vec::new(),
            problems: vec![
                Problem::error(
                    "not-utf8",
                    format!("this file is not UTF-8 text (byte {at} is invalid)"),
                )
                .at(Some(at..at))
                .help("save it as UTF-8"),
            ],
        }
    })
}

/// Read and load one annotation file; a missing file is an empty one.
pub fn read_annotation_file(path: &Path) -> anyhow::Result<AnnotationSource> {
    let bytes = read_bytes(path)?;
    let (source, file) = match decode(&bytes) {
        Ok(s) => {
            let file = treaty_annotate::load(&s);
            (s, file)
        }
        Err(file) => (String::from_utf8_lossy(&bytes).into_owned(), file),
    };
    Ok(AnnotationSource {
        path: path.to_owned(),
        name: display(path),
        bytes,
        source,
        file,
    })
}

/// Read `texts/<convention>/convention.toml`.
pub fn manifest(texts: &Path, convention: &str) -> anyhow::Result<ManifestState> {
    let path = texts.join(convention).join("convention.toml");
    let name = display(&path);
    let source = match fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ManifestState::Absent),
        Err(e) => return Err(e).with_context(|| format!("cannot read {name}")),
    };
    match toml::from_str::<Manifest>(&source) {
        Ok(manifest) if manifest.convention.id != convention => Ok(ManifestState::Bad {
            problem: Problem::error(
                "manifest",
                format!(
                    "this manifest names the convention `{}`, but its folder is `{convention}`",
                    manifest.convention.id
                ),
            )
            .help("make `[convention] id` the folder's name"),
            name,
            source,
        }),
        Ok(manifest) => Ok(ManifestState::Ok { path, manifest }),
        Err(e) => Ok(ManifestState::Bad {
            problem: Problem::error("manifest", e.message().trim_end().to_owned())
                .at(e.span())
                .help("see texts/README.md for the fields of convention.toml"),
            name,
            source,
        }),
    }
}

/// Parse the text of one version; `Ok(None)` when the file is not there.
pub fn version_text(manifest_path: &Path, file: &str) -> anyhow::Result<Option<Document>> {
    let path = manifest_path.parent().unwrap_or(Path::new(".")).join(file);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", display(&path))),
    };
    let doc =
        treaty_parse::parse(&bytes).with_context(|| format!("cannot parse {}", display(&path)))?;
    Ok(Some(doc))
}
