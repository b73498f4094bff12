//! `treaty check`: every annotation file against the texts it names.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use treaty_annotate::{FileRef, Problem, Texts, VersionText};
use treaty_model::{Document, LineIndex};

use crate::diagnostics::{self, Message};
use crate::project::{self, AnnotationSource, ManifestState};

/// Everything a check found, with the files the problems point into.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<(String, String)>,
    pub problems: Vec<(usize, Problem)>,
    pub annotations: usize,
    pub annotation_files: usize,
    pub conventions: usize,
}

impl Report {
    fn file(&mut self, name: &str, source: &str) -> usize {
        if let Some(i) = self.files.iter().position(|(n, _)| n == name) {
            return i;
        }
        self.files.push((name.to_owned(), source.to_owned()));
        self.files.len() - 1
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|(_, p)| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Check the conventions found in the annotations folder (or just `only`).
pub fn run(texts: &Path, annotations: &Path, only: Option<&str>) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let mut conventions = project::convention_dirs(annotations)?;
    if let Some(only) = only {
        conventions.retain(|c| c == only);
        if conventions.is_empty() {
            anyhow::bail!(
                "there is no folder {} for the convention `{only}`",
                project::display(&annotations.join(only))
            );
        }
    }
    for convention in conventions {
        report.conventions += 1;
        let files = project::annotation_files(&annotations.join(&convention))?;
        check_convention(texts, &convention, &files, &mut report)?;
    }
    Ok(report)
}

/// Check one convention's annotation files, adding to the report.
pub fn check_convention(
    texts: &Path,
    convention: &str,
    files: &[AnnotationSource],
    report: &mut Report,
) -> anyhow::Result<()> {
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
    let folder = texts.join(convention);
    let state = project::manifest(texts, convention)?;
    // Parse only the drafts some annotation is written against.
    let mut docs: Vec<(String, String, Option<Document>)> = Vec::new();
    let versions = match &state {
        ManifestState::Absent => None,
        ManifestState::Bad {
            name,
            source,
            problem,
        } => {
            let i = report.file(name, source);
            report.problems.push((i, problem.clone()));
            return Ok(());
        }
        ManifestState::Ok { path, manifest } => {
            for v in &manifest.versions {
                let used = files
                    .iter()
                    .any(|f| f.file.annotations.iter().any(|a| a.version == v.label));
                let doc = if used {
                    project::version_text(path, &v.file)?
                } else {
                    None
                };
                docs.push((v.label.clone(), v.file.clone(), doc));
            }
            Some(())
        }
    };
    let texts = Texts {
        convention: convention.to_owned(),
        folder: project::display(&folder),
        versions: versions.map(|()| {
            docs.iter()
                .map(|(label, file, doc)| VersionText {
                    label: label.clone(),
                    file: file.clone(),
                    document: doc.as_ref(),
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

/// The report for people: each problem as a snippet, then a summary line.
pub fn write_text(report: &Report, color: bool, out: &mut impl Write) -> std::io::Result<()> {
    let renderer = diagnostics::renderer(color);
    let indexes: Vec<LineIndex> = report
        .files
        .iter()
        .map(|(_, s)| LineIndex::new(s))
        .collect();
    for (f, p) in &report.problems {
        let (name, source) = &report.files[*f];
        let text =
            diagnostics::render_one(&renderer, &indexes[*f], name, source, &Message::from(p));
        writeln!(out, "{text}\n")?;
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "checked {} in {} of {}: {}, {}",
        plural(report.annotations, "annotation", "annotations"),
        plural(report.annotation_files, "file", "files"),
        plural(report.conventions, "convention", "conventions"),
        plural(report.errors(), "error", "errors"),
        plural(report.warnings(), "warning", "warnings"),
    )
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    #[serde(flatten)]
    problem: &'a Problem,
}

/// The report for machines.
pub fn write_json(report: &Report, out: &mut impl Write) -> anyhow::Result<()> {
    let indexes: Vec<LineIndex> = report
        .files
        .iter()
        .map(|(_, s)| LineIndex::new(s))
        .collect();
    let problems: Vec<JsonProblem<'_>> = report
        .problems
        .iter()
        .map(|(f, p)| {
            let (name, source) = &report.files[*f];
            let at = |o: usize| indexes[*f].line_col(source, o);
            let start = p.span.as_ref().map(|s| at(s.start));
            let end = p.span.as_ref().map(|s| at(s.end));
            JsonProblem {
                file: name,
                line: start.map(|l| l.line),
                column: start.map(|l| l.column),
                end_line: end.map(|l| l.line),
                end_column: end.map(|l| l.column),
                problem: p,
            }
        })
        .collect();
    let json = serde_json::json!({
        "schema": "treaty-check/1",
        "conventions": report.conventions,
        "files": report.files.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "annotations": report.annotations,
        "errors": report.errors(),
        "warnings": report.warnings(),
        "problems": problems,
    });
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}
