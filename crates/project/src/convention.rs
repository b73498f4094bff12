//! A convention folder (`texts/<name>/`): its `convention.toml` and the drafts it lists.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use treaty_annotate::Problem;
use treaty_lineage::{Drafts, UnknownVersion};
use treaty_model::{Draft, Manifest, Version};

use crate::error::{Error, Result};
use crate::root::display;
use crate::source;

/// A `convention.toml`, or why it could not be used.
#[derive(Debug)]
pub enum ManifestState {
    /// There is no `convention.toml`.
    Absent,
    /// It is there but wrong: the problem points into it.
    Bad {
        name: String,
        source: String,
        problem: Problem,
    },
    Ok(Manifest),
}

/// Read `<dir>/convention.toml`; the convention's ID must be the folder's name.
pub fn manifest(dir: &Path) -> Result<ManifestState> {
    let path = dir.join("convention.toml");
    let name = display(&path);
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = match fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ManifestState::Absent),
        Err(e) => return Err(Error::read(name, e)),
    };
    let parsed = toml::from_str::<Manifest>(&source).map(|mut m| {
        let settled = m.settle_languages();
        (m, settled)
    });
    match parsed {
        Ok((_, Err(message))) => Ok(ManifestState::Bad {
            problem: Problem::error("manifest", message)
                .help("see texts/README.md for the fields of convention.toml"),
            name,
            source,
        }),
        Ok((manifest, Ok(()))) if manifest.convention.id != folder => Ok(ManifestState::Bad {
            problem: Problem::error(
                "manifest",
                format!(
                    "this manifest names the convention `{}`, but its folder is `{folder}`",
                    manifest.convention.id
                ),
            )
            .help("make `[convention] id` the folder's name"),
            name,
            source,
        }),
        Ok((manifest, Ok(()))) => match outside(dir, &manifest, &source) {
            Some(problem) => Ok(ManifestState::Bad {
                problem,
                name,
                source,
            }),
            None => Ok(ManifestState::Ok(manifest)),
        },
        Err(e) => Ok(ManifestState::Bad {
            problem: Problem::error("manifest", e.message().trim_end().to_owned())
                .at(e.span())
                .help("see texts/README.md for the fields of convention.toml"),
            name,
            source,
        }),
    }
}

/// A version file that does not lie inside the convention's folder: an absolute path, a
/// path through `..`, or a symlink that leads out. Such a file is never read (a
/// manifest from a pull request must not make `treaty check` print a file of the machine
/// it runs on).
fn outside(dir: &Path, manifest: &Manifest, source: &str) -> Option<Problem> {
    let inside = |file: &str| -> bool {
        let path = Path::new(file);
        let plain = path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
        if !plain || file.is_empty() {
            return false;
        }
        // A symlink may point anywhere: what it resolves to must still be in the folder.
        match (dir.join(path).canonicalize(), dir.canonicalize()) {
            (Ok(real), Ok(folder)) => real.starts_with(folder),
            _ => true,
        }
    };
    let (v, file) = manifest.versions.iter().find_map(|v| {
        v.language_files()
            .into_iter()
            .find(|(_, f)| !inside(f))
            .map(|(_, f)| (v, f))
    })?;
    let quoted = format!("{file:?}");
    let at = source
        .find(&quoted)
        .or_else(|| source.find(file))
        .map(|k| k..k + quoted.len().min(source.len() - k));
    let mut problem = Problem::error(
        "manifest",
        format!(
            "the file of version `{}` is not inside the convention's folder; it is not read",
            v.label
        ),
    )
    .help("give the file's name relative to the folder holding convention.toml, such as `final.txt`, with no `..` and no absolute path");
    if let Some(span) = at {
        problem = problem.at(Some(span));
    }
    Some(problem)
}

/// One convention folder with a readable manifest.
#[derive(Debug, Clone)]
pub struct Convention {
    /// The folder's name, which annotations use too (`annotations/<name>/`).
    pub name: String,
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The language its drafts are read in; `None` for each draft's default language.
    pub language: Option<String>,
}

impl Convention {
    /// Open a convention folder: it must hold a valid `convention.toml`.
    pub fn open(dir: &Path) -> Result<Self> {
        let name = match dir.file_name() {
            Some(n) if dir.is_dir() => n.to_string_lossy().into_owned(),
            _ => {
                return Err(Error::Input(format!(
                    "{} is not a convention folder: give a folder such as texts/sample",
                    display(dir)
                )));
            }
        };
        match manifest(dir)? {
            ManifestState::Ok(manifest) => Ok(Self {
                name,
                dir: dir.to_path_buf(),
                manifest,
                language: None,
            }),
            ManifestState::Absent => Err(Error::Input(format!(
                "{} is not a convention folder (it has no convention.toml); give a folder such as texts/sample",
                display(dir)
            ))),
            ManifestState::Bad { name, problem, .. } => Err(Error::Manifest {
                name,
                message: problem.message,
            }),
        }
    }

    /// The version with this label.
    pub fn version(&self, label: &str) -> Result<&Version, UnknownVersion> {
        self.manifest.version(label).ok_or_else(|| UnknownVersion {
            convention: self.name.clone(),
            label: label.to_owned(),
            labels: self.manifest.labels().map(str::to_owned).collect(),
        })
    }

    /// The same convention, its drafts read in `language` (an ISO 639-1 code). At least
    /// one draft must have a text in it.
    pub fn in_language(mut self, language: &str) -> Result<Self> {
        let has = |v: &Version| v.file_in(Some(language)).is_some();
        if !self.manifest.versions.iter().any(has) {
            let mut known: Vec<&str> = self
                .manifest
                .versions
                .iter()
                .flat_map(Version::language_codes)
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(Error::Input(format!(
                "no draft of {} has a text in `{language}`; {}",
                self.name,
                if known.is_empty() {
                    "its drafts list no languages: add them with `treaty import FILE --convention DIR --label LABEL --language CODE`".to_owned()
                } else {
                    format!("its languages are {}", known.join(", "))
                }
            )));
        }
        self.language = Some(language.to_owned());
        Ok(self)
    }

    /// The file of a version in the convention's language, as listed; `None` when the
    /// version has no text in that language (nothing is then read in its place).
    pub fn file(&self, v: &Version) -> Option<PathBuf> {
        v.file_in(self.language.as_deref())
            .map(|f| self.dir.join(f))
    }

    /// Read and parse the draft with this label (in the convention's language).
    pub fn draft(&self, label: &str) -> Result<Draft> {
        let v = self.version(label)?;
        if let Some(l) = self.language.as_deref()
            && v.file_in(Some(l)).is_none()
        {
            return Err(Error::Input(format!(
                "draft `{label}` of {} has no text in `{l}` (it has {}); add one with `treaty import FILE --convention {} --label {label} --language {l}`",
                self.name,
                match v.language_codes().join(", ") {
                    codes if codes.is_empty() => "one text, of no stated language".to_owned(),
                    codes => codes,
                },
                display(&self.dir),
            )));
        }
        let Some(path) = self.file(v) else {
            return Err(Error::Input(format!("draft `{label}` has no text")));
        };
        source::read(&path)?.parse(label)
    }

    /// Read and parse the draft with this label in each of its languages, the default
    /// first.
    pub fn draft_languages(&self, label: &str) -> Result<Vec<(Option<String>, Draft)>> {
        let v = self.version(label)?;
        v.language_files()
            .into_iter()
            .map(|(lang, file)| {
                let draft = source::read(&self.dir.join(file))?.parse(label)?;
                Ok((lang.map(str::to_owned), draft))
            })
            .collect()
    }

    /// The version whose file is `path` (compared by file name in this folder).
    pub fn version_of_file(&self, path: &Path) -> Option<&Version> {
        let name = path.file_name()?;
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        let here = match folder {
            Some(f) => same_dir(f, &self.dir),
            None => same_dir(Path::new("."), &self.dir),
        };
        here.then(|| {
            self.manifest.versions.iter().find(|v| {
                v.language_files()
                    .iter()
                    .any(|(_, f)| Path::new(f) == Path::new(name))
            })
        })
        .flatten()
    }

    /// Every draft the manifest lists, those whose file is there read and parsed, the
    /// two halves read at once.
    pub fn drafts(&self) -> Result<Drafts> {
        let read = |v: &Version| -> Result<Option<Draft>> {
            let Some(path) = self.file(v).filter(|p| p.exists()) else {
                return Ok(None);
            };
            source::read(&path)?.parse(v.label.clone()).map(Some)
        };
        let drafts = treaty_par::map(&self.manifest.versions, read)
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        Ok(Drafts::new(
            self.name.clone(),
            self.manifest.clone(),
            drafts,
        ))
    }

    /// The newest draft whose text is there, read and parsed.
    pub fn latest(&self) -> Result<Draft> {
        let (v, path) = self
            .manifest
            .versions
            .iter()
            .rev()
            .find_map(|v| self.file(v).filter(|p| p.exists()).map(|p| (v, p)))
            .ok_or_else(|| {
                Error::Input(format!(
                    "none of the drafts listed in {} is there: import one with `treaty import`",
                    display(&self.dir.join("convention.toml"))
                ))
            })?;
        source::read(&path)?.parse(v.label.clone())
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
