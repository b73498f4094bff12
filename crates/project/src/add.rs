//! `treaty annotate add`: a new annotation, checked against its draft, appended to its
//! file atomically without touching a byte of what was there.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use treaty_annotate::{Annotation, Cache, Locations, PartialDate, Stance};
use treaty_model::ClauseId;

use crate::annotations::{annotation_files, read_annotation_file};
use crate::convention::{ManifestState, manifest};
use crate::error::{Error, Result};
use crate::root::display;
use crate::source;
use crate::write::write_atomic;

/// What `treaty annotate add` was asked to write.
#[derive(Debug)]
pub struct NewAnnotation {
    pub convention: String,
    pub clause: String,
    pub version: Option<String>,
    /// The language version of the draft it is written on (default: the draft's first).
    pub language: Option<String>,
    pub id: Option<String>,
    pub quote: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub author: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub stance: Stance,
    pub body: String,
    /// The file to append to; by default `annotations/<convention>/<author>.toml`.
    pub file: Option<PathBuf>,
}

/// The outcome of a successful add.
#[derive(Debug)]
pub struct Added {
    pub id: String,
    pub file: String,
    /// Why the annotation could not be checked against its text, if it could not.
    pub unchecked: Option<String>,
}

/// The locks an add holds: the convention's annotation folder, then the target file's
/// folder when it is another one (always in that order, so two adds never wait for each
/// other).
fn lock_for(dir: &Path, path: &Path) -> Result<Vec<crate::lock::FolderLock>> {
    let mut locks = vec![crate::lock::lock_folder(dir)?];
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent {
        let same = match (parent.canonicalize(), dir.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => parent == dir,
        };
        if !same {
            locks.push(crate::lock::lock_folder(parent)?);
        }
    }
    Ok(locks)
}

/// Validate a new annotation against the convention and append it to its file,
/// atomically. Bad input is [`Error::Refused`]; nothing is written then.
pub fn add(texts: &Path, annotations: &Path, new: NewAnnotation) -> Result<Added> {
    let clause: ClauseId = new
        .clause
        .parse()
        .map_err(|e: treaty_model::IdError| Error::refused(e.to_string()))?;
    let date = match &new.date {
        Some(d) => d
            .parse::<PartialDate>()
            .map_err(|e| Error::refused(format!("--date: {e}")))?,
        None => today(),
    };
    for (flag, v) in [("--author", &new.author), ("--body", &new.body)] {
        if v.trim().is_empty() {
            return Err(Error::refused(format!("{flag} is empty")));
        }
    }
    let folder = texts.join(&new.convention);
    let state = manifest(&folder)?;
    let manifest = match &state {
        ManifestState::Ok(manifest) => Some(manifest),
        ManifestState::Absent => None,
        ManifestState::Bad { name, problem, .. } => {
            return Err(Error::Manifest {
                name: name.clone(),
                message: format!(
                    "{}; fix it first (`treaty check` shows where)",
                    problem.message
                ),
            });
        }
    };
    let version = match (&new.version, manifest) {
        (Some(v), Some(m)) if m.version(v).is_none() => {
            let labels: Vec<&str> = m.labels().collect();
            return Err(Error::Refused {
                message: format!("`{}` has no version `{v}`", new.convention),
                help: vec![format!("the versions are: {}", labels.join(", "))],
            });
        }
        (Some(v), _) => v.clone(),
        (None, Some(m)) => match m.latest() {
            Some(v) => v.label.clone(),
            None => {
                return Err(Error::Input(format!(
                    "the convention.toml of `{}` lists no versions",
                    new.convention
                )));
            }
        },
        (None, None) => {
            return Err(Error::Refused {
                message: format!(
                    "there is no {} to say which drafts exist",
                    display(&folder.join("convention.toml"))
                ),
                help: vec!["pass --version LABEL to name the draft the annotation is about".into()],
            });
        }
    };
    let dir = annotations.join(&new.convention);
    let path = new.file.clone().unwrap_or_else(|| {
        let stem = treaty_annotate::slug(&new.author);
        dir.join(format!(
            "{}.toml",
            if stem.is_empty() { "notes" } else { &stem }
        ))
    });
    // From reading the files (for the IDs in use) to the rename, other treaty processes
    // wait: the convention's folder is locked, and the target's, when it is elsewhere.
    // A FIFO or a device is refused before anything is read from it.
    crate::write::target_of(&path)?;
    let _locks = lock_for(&dir, &path)?;
    let existing = annotation_files(&dir)?;
    let target = read_annotation_file(&path)?;
    if let Some(p) = target.file.problems.iter().find(|p| p.is_error()) {
        return Err(Error::Input(format!(
            "{} has problems ({}); fix them first: `treaty check` shows where",
            target.name, p.message
        )));
    }
    let taken = |id: &str| {
        existing
            .iter()
            .chain(std::iter::once(&target))
            .any(|f| f.file.annotations.iter().any(|a| a.id == id))
    };
    let id = match &new.id {
        Some(id) if taken(id) => {
            return Err(Error::refused(format!(
                "the annotation ID `{id}` is already used in `{}`",
                new.convention
            )));
        }
        Some(id) => id.clone(),
        None => treaty_annotate::fresh_id(&new.author, clause.as_str(), &taken),
    };
    let annotation = Annotation {
        id: id.clone(),
        clause,
        version: version.clone(),
        // The draft's default language goes unsaid, as in a file written by hand.
        language: new.language.filter(|l| {
            manifest
                .and_then(|m| m.version(&version))
                .is_none_or(|v| v.language.as_deref() != Some(l.as_str()))
        }),
        quote: new.quote.filter(|q| !q.trim().is_empty()),
        prefix: new.prefix.filter(|q| !q.is_empty()),
        suffix: new.suffix.filter(|q| !q.is_empty()),
        author: new.author.trim().to_owned(),
        source: new.source.filter(|s| !s.trim().is_empty()),
        date,
        tags: new.tags,
        stance: new.stance,
        body: new.body,
        at: Locations::default(),
    };
    let unchecked = validate(&folder, manifest, &version, &annotation)?;
    let updated = treaty_annotate::append(&target.source, &annotation)
        .map_err(|e| Error::Input(format!("cannot add to {}: {e}", target.name)))?;
    // What is written must read back as what was meant.
    let reread = treaty_annotate::load(&updated);
    if !reread.problems.is_empty() || reread.annotations.last().map(|a| &a.id) != Some(&id) {
        return Err(Error::Input(format!(
            "internal error: the updated {} would not read back; nothing was written",
            target.name
        )));
    }
    let expected = path.exists().then_some(target.bytes.as_slice());
    write_atomic(&path, expected, |w| w.write_all(updated.as_bytes()))?;
    Ok(Added {
        id,
        file: display(&path),
        unchecked,
    })
}

/// Check the clause and quote against the draft's text, if it is there.
fn validate(
    folder: &Path,
    manifest: Option<&treaty_model::Manifest>,
    label: &str,
    a: &Annotation,
) -> Result<Option<String>> {
    let Some(m) = manifest else {
        return Ok(Some("the convention has no convention.toml".into()));
    };
    let Some(v) = m.version(label) else {
        return Ok(Some(format!("no version `{label}`")));
    };
    let Some(file) = v.file_in(a.language.as_deref()) else {
        let l = a.language.as_deref().unwrap_or_default();
        return Err(Error::refused(format!(
            "--language: version `{label}` has no `{l}` text (it has {})",
            match v.language_codes().join(", ") {
                codes if codes.is_empty() => "one text, of no stated language".to_owned(),
                codes => codes,
            }
        )));
    };
    let path = folder.join(file);
    if !path.exists() {
        return Ok(Some(format!("the text of `{label}` ({file}) is not there")));
    }
    let doc = source::read(&path)?.parse(label)?.doc;
    let problems = treaty_annotate::check_against(&doc, label, a, &mut Cache::default());
    if let Some(p) = problems.into_iter().next() {
        let flag = if p.code == "no-such-clause" {
            "--clause"
        } else {
            "--quote"
        };
        return Err(Error::Refused {
            message: format!("{flag}: {}", p.message),
            help: p.help,
        });
    }
    Ok(None)
}

/// Today's date (UTC) from the system clock.
fn today() -> PartialDate {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    PartialDate {
        year: y as u16,
        month: Some(m as u8),
        day: Some(d as u8),
    }
}

/// Gregorian calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
    }
}
