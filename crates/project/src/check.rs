//! `treaty check`: every annotation file of the project against the drafts it names,
//! and `treaty check --against LABEL`: every annotation carried onto one draft.

use std::path::Path;

use treaty_annotate::{FileRef, Report, Texts, VersionText};
use treaty_lineage::Carried;
use treaty_model::Document;

use crate::annotations::{AnnotationSource, annotation_files, convention_dirs};
use crate::convention::{Convention, ManifestState, manifest};
use crate::error::{Error, Result};
use crate::root::display;
use crate::source;

/// Check the conventions found in the annotations folder (or just `only`).
pub fn run(texts: &Path, annotations: &Path, only: Option<&str>) -> Result<Report> {
    let mut report = Report::default();
    let mut conventions = convention_dirs(annotations)?;
    if let Some(only) = only {
        conventions.retain(|c| c == only);
        if conventions.is_empty() {
            return Err(Error::Input(format!(
                "there is no folder {} for the convention `{only}`",
                display(&annotations.join(only))
            )));
        }
    }
    for convention in conventions {
        report.conventions += 1;
        let files = annotation_files(&annotations.join(&convention))?;
        check_convention(&texts.join(&convention), &convention, &files, &mut report)?;
    }
    Ok(report)
}

/// Check one convention's annotation files against its folder `dir`, adding to the
/// report.
pub fn check_convention(
    dir: &Path,
    convention: &str,
    files: &[AnnotationSource],
    report: &mut Report,
) -> Result<()> {
    let ids: Vec<usize> = files
        .iter()
        .map(|f| report.file(&f.name, &f.source))
        .collect();
    report.annotation_files += files.len();
    for (f, file) in files.iter().enumerate() {
        report.annotations += file.file.annotations.len();
        for p in &file.file.problems {
            report.problems.push((ids[f], p.clone()));
        }
    }
    // Parse only the drafts (and language versions) some annotation is written against.
    struct Read {
        label: String,
        file: String,
        language: Option<String>,
        doc: Option<Document>,
        languages: Vec<(String, String, Option<Document>)>,
    }
    let mut docs: Vec<Read> = Vec::new();
    let versions = match manifest(dir)? {
        ManifestState::Absent => None,
        ManifestState::Bad {
            name,
            source,
            problem,
        } => {
            let i = report.file(&name, &source);
            report.problems.push((i, problem));
            return Ok(());
        }
        ManifestState::Ok(manifest) => {
            let used = |label: &str, language: Option<&str>| {
                files.iter().any(|f| {
                    f.file.annotations.iter().any(|a| {
                        a.version == label
                            && match (a.language.as_deref(), language) {
                                (None, None) => true,
                                (Some(x), Some(y)) => x == y,
                                _ => false,
                            }
                    })
                })
            };
            let read = |label: &str, file: &str, wanted: bool| -> Result<Option<Document>> {
                let path = dir.join(file);
                Ok(if wanted && path.exists() {
                    Some(source::read(&path)?.parse(label.to_owned())?.doc)
                } else {
                    None
                })
            };
            for v in &manifest.versions {
                let default = v.language.as_deref();
                let wanted =
                    used(&v.label, None) || default.is_some_and(|l| used(&v.label, Some(l)));
                let mut languages = Vec::new();
                for (code, file) in v.language_files().into_iter().skip(1) {
                    let code = code.unwrap_or_default();
                    let doc = read(&v.label, file, used(&v.label, Some(code)))?;
                    languages.push((code.to_owned(), file.to_owned(), doc));
                }
                docs.push(Read {
                    label: v.label.clone(),
                    file: v.file.clone(),
                    language: v.language.clone(),
                    doc: read(&v.label, &v.file, wanted)?,
                    languages,
                });
            }
            Some(())
        }
    };
    let texts = Texts {
        convention: convention.to_owned(),
        folder: display(dir),
        versions: versions.map(|()| {
            docs.iter()
                .map(|r| VersionText {
                    label: r.label.clone(),
                    file: r.file.clone(),
                    document: r.doc.as_ref(),
                    language: r.language.clone(),
                    languages: r
                        .languages
                        .iter()
                        .map(|(c, f, d)| (c.clone(), f.clone(), d.as_ref()))
                        .collect(),
                })
                .collect()
        }),
    };
    let refs: Vec<FileRef<'_>> = files
        .iter()
        .map(|f| FileRef {
            name: &f.name,
            source: &f.source,
            annotations: &f.file.annotations,
        })
        .collect();
    for (f, p) in treaty_annotate::check(&refs, &texts) {
        report.problems.push((ids[f], p));
    }
    Ok(())
}

/// Every annotation of every convention (or `only`) that has the draft `label`,
/// carried onto it, by convention.
pub fn against(
    texts: &Path,
    annotations: &Path,
    only: Option<&str>,
    label: &str,
) -> Result<Vec<(String, Vec<Carried>)>> {
    let mut out = Vec::new();
    for name in convention_dirs(annotations)? {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let dir = texts.join(&name);
        if !dir.join("convention.toml").exists() {
            continue;
        }
        let mut drafts = Convention::open(&dir)?.drafts()?;
        let Ok(to) = drafts.index(label) else {
            continue;
        };
        let carried = annotation_files(&annotations.join(&name))?
            .iter()
            .flat_map(|f| &f.file.annotations)
            .map(|a| treaty_lineage::carry(&mut drafts, a, to))
            .collect();
        out.push((name, carried));
    }
    if out.is_empty() {
        return Err(Error::Input(format!(
            "no convention in {} has a draft `{label}`",
            display(texts)
        )));
    }
    Ok(out)
}
