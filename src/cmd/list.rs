//! `treaty list`: the conventions of the project, their drafts and annotation files.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use treaty_model::escape_controls;
use treaty_project::{Convention, ManifestState, display};

use crate::cli::Ctx;
use crate::cli::args::{CheckFormat, ListArgs};

#[derive(Serialize)]
struct Listed {
    convention: String,
    title: Option<String>,
    /// Why the convention's manifest cannot be read, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
    drafts: Vec<DraftRow>,
    annotation_files: Vec<FileRow>,
}

#[derive(Serialize)]
struct DraftRow {
    label: String,
    date: Option<String>,
    file: String,
    present: bool,
}

#[derive(Serialize)]
struct FileRow {
    file: String,
    annotations: usize,
    /// Whether the file has errors that `treaty check` reports.
    errors: bool,
}

pub fn run(ctx: &Ctx, a: &ListArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let project = ctx.require_project()?;
    let mut names = treaty_project::convention_dirs(&project.texts)?;
    for n in treaty_project::convention_dirs(&project.annotations)? {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.sort();
    let mut rows = Vec::new();
    for name in names {
        let dir = project.texts.join(&name);
        let mut row = Listed {
            convention: name.clone(),
            title: None,
            problem: None,
            drafts: Vec::new(),
            annotation_files: Vec::new(),
        };
        match treaty_project::manifest(&dir)? {
            ManifestState::Ok(_) => {
                let conv = Convention::open(&dir)?;
                row.title = Some(conv.manifest.convention.title.clone());
                for v in &conv.manifest.versions {
                    row.drafts.push(DraftRow {
                        label: v.label.clone(),
                        date: v.date.clone(),
                        file: display(&conv.dir.join(&v.file)),
                        present: conv.dir.join(&v.file).is_file(),
                    });
                }
            }
            ManifestState::Absent => {
                row.problem = Some(format!("no {}", display(&dir.join("convention.toml"))));
            }
            ManifestState::Bad { name, problem, .. } => {
                row.problem = Some(format!("{name}: {}", problem.message));
            }
        }
        for f in treaty_project::annotation_files(&project.annotations.join(&name))? {
            row.annotation_files.push(FileRow {
                file: f.name,
                annotations: f.file.annotations.len(),
                errors: f
                    .file
                    .problems
                    .iter()
                    .any(treaty_annotate::Problem::is_error),
            });
        }
        rows.push(row);
    }
    match a.format {
        CheckFormat::Json => treaty_render::json::write(
            out,
            &serde_json::json!({ "schema": "treaty-list/1", "conventions": rows }),
        )?,
        CheckFormat::Text => text(&rows, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn text(rows: &[Listed], out: &mut impl Write) -> std::io::Result<()> {
    if rows.is_empty() {
        writeln!(
            out,
            "no conventions yet: bring a text in with `treaty import FILE --convention texts/NAME --label LABEL`"
        )?;
    }
    for (k, r) in rows.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        let title = r
            .title
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{}{}",
            escape_controls(&r.convention),
            escape_controls(&title)
        )?;
        if let Some(p) = &r.problem {
            writeln!(out, "  ({})", escape_controls(p))?;
        }
        for d in &r.drafts {
            writeln!(
                out,
                "  draft {:<16} {:<10} {}{}",
                escape_controls(&d.label),
                escape_controls(d.date.as_deref().unwrap_or("-")),
                escape_controls(&d.file),
                if d.present { "" } else { "  (text not there)" }
            )?;
        }
        for f in &r.annotation_files {
            writeln!(
                out,
                "  notes {:<40} {} annotation{}{}",
                escape_controls(&f.file),
                f.annotations,
                if f.annotations == 1 { "" } else { "s" },
                if f.errors {
                    "  (has errors: treaty check)"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}
