//! Annotation files: `annotations/<convention>/*.toml`, read and loaded; listing them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use treaty_annotate::{Annotation, AnnotationFile, Filter, Listed, Problem};

use crate::error::{Error, Result};
use crate::root::display;

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

/// The names of the folders in `dir`, sorted (hidden ones left out); none when `dir`
/// is not there.
pub fn convention_dirs(dir: &Path) -> Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::read(display(dir), e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(display(dir), e))?;
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
pub fn require_dir(dir: &Path, what: &str, flag: &str) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::Input(format!(
            "there is no {what} folder at {}: run treaty inside a project or pass {flag} DIR",
            display(dir)
        )));
    }
    Ok(())
}

/// The annotation files of one convention (`*.toml`, sorted by name), read and loaded;
/// none when the folder is not there.
pub fn annotation_files(dir: &Path) -> Result<Vec<AnnotationSource>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::read(display(dir), e)),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    // A symlink that leads out of the annotations folder is listed with a problem and
    // never read: a pull request must not make the check print a file of the machine.
    let root = dir.parent().unwrap_or(dir);
    let (paths, outside): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|p| inside(p, root));
    let read: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| read_bytes(&p).map(|b| (p, b)))
        .collect::<Result<_>>()?;
    // Decode first, then load the UTF-8 files together (in parallel).
    let decoded: Vec<std::result::Result<String, AnnotationFile>> =
        read.iter().map(|(_, b)| decode(b)).collect();
    let texts: Vec<&str> = decoded
        .iter()
        .filter_map(|d| d.as_ref().ok().map(String::as_str))
        .collect();
    let mut loaded = treaty_annotate::load_many(&texts).into_iter();
    let mut out = Vec::with_capacity(read.len());
    for path in outside {
        out.push(AnnotationSource {
            name: display(&path),
            path,
            bytes: Vec::new(),
            source: String::new(),
            file: AnnotationFile {
                annotations: Vec::new(),
                problems: vec![
                    Problem::error(
                        "outside",
                        "this file is a symlink to a file outside the annotations folder; it is not read",
                    )
                    .help("copy the file into the folder instead of linking to it"),
                ],
            },
        });
    }
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

/// Whether a file, once its symlinks are followed, lies inside `root`.
fn inside(path: &Path, root: &Path) -> bool {
    let linked = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !linked {
        return true;
    }
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => false,
    }
}

/// Every annotation of a convention's files, in file order (those that loaded).
pub fn annotations_of(dir: &Path) -> Result<Vec<Annotation>> {
    Ok(annotation_files(dir)?
        .into_iter()
        .flat_map(|f| f.file.annotations)
        .collect())
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    match fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::read(display(path), e)),
    }
}

/// The text of an annotation file, or the problem that it is not UTF-8.
fn decode(bytes: &[u8]) -> std::result::Result<String, AnnotationFile> {
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
pub fn read_annotation_file(path: &Path) -> Result<AnnotationSource> {
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

/// The annotations of every convention (or one), filtered, in file order, and how many
/// files had problems that kept annotations from loading.
pub fn list(dir: &Path, convention: Option<&str>, filter: &Filter) -> Result<(Vec<Listed>, usize)> {
    require_dir(dir, "annotations", "--annotations")?;
    let mut conventions = convention_dirs(dir)?;
    if let Some(only) = convention {
        conventions.retain(|c| c == only);
        if conventions.is_empty() {
            return Err(Error::Input(format!(
                "there are no annotations for the convention `{only}` in {}",
                display(dir)
            )));
        }
    }
    let mut out = Vec::new();
    let mut troubled = 0;
    for c in conventions {
        for f in annotation_files(&dir.join(&c))? {
            if f.file.problems.iter().any(Problem::is_error) {
                troubled += 1;
            }
            for a in f.file.annotations {
                if filter.matches(&a) {
                    out.push(Listed {
                        convention: c.clone(),
                        file: f.name.clone(),
                        annotation: a,
                    });
                }
            }
        }
    }
    Ok((out, troubled))
}
