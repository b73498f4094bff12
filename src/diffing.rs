//! Loading the two sides of a diff: two files, or a convention folder and two labels.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use treaty_model::Document;

use crate::input;
use crate::project::{self, ManifestState};

/// One side of a diff, read and parsed.
#[derive(Debug)]
pub struct Side {
    pub label: String,
    pub source: String,
    pub doc: Document,
}

impl Side {
    pub fn version(&self) -> treaty_diff::Version<'_> {
        treaty_diff::Version {
            label: &self.label,
            doc: &self.doc,
            source: &self.source,
        }
    }
}

/// Read a text and parse it, quietly: the diff is about changes, not the texts'
/// own numbering warnings (`treaty parse` shows those).
pub fn read(path: &Path, label: String) -> anyhow::Result<Side> {
    let src = input::read(path)?;
    let doc =
        treaty_parse::parse(&src.bytes).with_context(|| format!("cannot parse {}", src.name))?;
    let source = String::from_utf8_lossy(&src.bytes).into_owned();
    Ok(Side { label, source, doc })
}

/// The file of a version label in a convention folder.
pub fn version_file(folder: &Path, label: &str) -> anyhow::Result<PathBuf> {
    let (texts, name) = match (folder.parent(), folder.file_name()) {
        (Some(p), Some(n)) => (p, n.to_string_lossy().into_owned()),
        _ => bail!("{} is not a convention folder", project::display(folder)),
    };
    match project::manifest(texts, &name)? {
        ManifestState::Ok { manifest, .. } => match manifest.version(label) {
            Some(v) => Ok(folder.join(&v.file)),
            None => bail!(
                "{} has no version `{label}`; its versions are: {}",
                project::display(&folder.join("convention.toml")),
                manifest.labels().collect::<Vec<_>>().join(", ")
            ),
        },
        ManifestState::Absent => bail!(
            "there is no {}: pass two text files instead",
            project::display(&folder.join("convention.toml"))
        ),
        ManifestState::Bad { name, problem, .. } => bail!("{name}: {}", problem.message),
    }
}

/// `OLD NEW` (files) or `DIR OLD-LABEL NEW-LABEL`.
pub fn load_pair(inputs: &[PathBuf]) -> anyhow::Result<(Side, Side)> {
    match inputs {
        [old, new] => {
            if old == Path::new("-") && new == Path::new("-") {
                bail!(
                    "only one side of a diff can come from standard input (`-`): give the other as a file"
                );
            }
            let label = |p: &Path| project::display(p);
            read_both((old, label(old)), (new, label(new)))
        }
        [dir, old, new] => {
            let (o, n) = (old.to_string_lossy(), new.to_string_lossy());
            let of = version_file(dir, &o)?;
            let nf = version_file(dir, &n)?;
            read_both((&of, o.into_owned()), (&nf, n.into_owned()))
        }
        _ => bail!("give two files, or a convention folder and two version labels"),
    }
}

/// Read and parse both sides at once, the old one on another thread (or here, after the
/// new one, if the system will not start a thread); an error in the old one is reported
/// first, as if they had been read in turn.
fn read_both(old: (&Path, String), new: (&Path, String)) -> anyhow::Result<(Side, Side)> {
    let read_old = || read(old.0, old.1.clone());
    std::thread::scope(|s| {
        let started = std::thread::Builder::new().spawn_scoped(s, read_old);
        let new = read(new.0, new.1);
        let old = match started {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            Err(_) => read_old(),
        };
        Ok((old?, new?))
    })
}
