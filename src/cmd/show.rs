//! `treaty show`: one clause with everything under it, its references, and with
//! `--annotations` the commentary on it, quoted words marked.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use treaty_annotate::Annotation;
use treaty_lineage::{Drafts, Placed, Unplaced, place_all_in};
use treaty_model::{ClauseId, Draft, Manifest, Node, escape_controls};
use treaty_project::{Convention, ManifestState, display};
use treaty_render::text::{Mark, Shown, annotations as write_annotations, clause_marked};
use treaty_render::{json, report};

use crate::cli::Ctx;
use crate::cli::args::{ShowArgs, ShowFormat};

pub fn run(ctx: &Ctx, a: &ShowArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let wanted: ClauseId = a.id.parse()?;
    if wanted.is_document() {
        bail!("`show` prints one clause; for the whole text use `treaty parse`");
    }
    let file = ctx.resolve(&a.file);
    let draft = treaty_project::draft(&file)?;
    ctx.warn(&draft);
    let node = match draft.doc.require(&wanted) {
        Ok(n) => n,
        Err(e) if e.near.is_empty() => bail!(
            "{}: {e}; run `treaty parse FILE` to list the clause IDs",
            draft.origin
        ),
        Err(e) => bail!("{}: {e}", draft.origin),
    };
    let refs = treaty_refs::find(&draft.doc);
    let Some(dir) = &a.annotations else {
        match a.format {
            ShowFormat::Text => {
                treaty_render::text::clause(node, out)?;
                report::refs_section(&draft.doc, &refs, node, out)?;
            }
            ShowFormat::Json => json::write(
                out,
                &serde_json::json!({ "schema": "treaty-show/1", "clause": node }),
            )?,
        }
        return Ok(ExitCode::SUCCESS);
    };
    let texts = ctx.texts(a.texts.as_deref())?;
    let annotations = ctx.annotations(dir.as_deref())?;
    treaty_project::require_dir(&annotations, "annotations", "--annotations")?;
    let (mut drafts, at, language) =
        which_draft(&file, &texts, a.convention.as_deref(), a.version.as_deref())?;
    let convention = drafts.name.clone();
    let label = drafts.label(at).to_owned();
    let notes = treaty_project::annotations_of(&annotations.join(&convention))?;
    // The text shown is FILE's, whatever the folder holds for that draft.
    drafts.replace(at, draft.clone());
    let found = Found::on(
        node,
        &label,
        place_all_in(&mut drafts, at, &notes, language.as_deref()),
    );
    match a.format {
        ShowFormat::Text => {
            clause_marked(node, &found.marks(), ctx.stdout_style(), out)?;
            report::refs_section(&draft.doc, &refs, node, out)?;
            writeln!(out)?;
            if found.list.is_empty() {
                writeln!(
                    out,
                    "No annotations on {} in {} ({}).",
                    node.id,
                    escape_controls(&convention),
                    escape_controls(&label)
                )?;
            } else {
                write_annotations(&found.shown(), true, out)?;
            }
        }
        ShowFormat::Json => json::write(
            out,
            &serde_json::json!({
                "schema": "treaty-show/1",
                "convention": convention,
                "version": label,
                "clause": node,
                "annotations": found.json(),
            }),
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The drafts of the convention FILE belongs to, the index of the draft FILE is, and the
/// language of FILE when it is one of the draft's language versions: from the flags,
/// else from the `convention.toml` beside FILE.
fn which_draft(
    file: &Path,
    texts: &Path,
    convention: Option<&str>,
    version: Option<&str>,
) -> anyhow::Result<(Drafts, usize, Option<String>)> {
    // The folder FILE is in (the current one for a bare file name), known by its name.
    let beside = (file != Path::new("-"))
        .then(|| match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .and_then(|p| p.canonicalize().ok());
    let beside = beside.as_deref();
    let dir = match (convention, beside) {
        (Some(c), _) => match beside {
            Some(f) if f.file_name().is_some_and(|n| n == c) => f.to_path_buf(),
            _ => texts.join(c),
        },
        (None, Some(f)) if f.file_name().is_some() => f.to_path_buf(),
        _ => bail!(
            "cannot tell which convention {} belongs to: pass --convention NAME --version LABEL",
            display(file)
        ),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match treaty_project::manifest(&dir)? {
        ManifestState::Ok(_) => {
            let conv = Convention::open(&dir)?;
            let label = match version {
                Some(v) => v.to_owned(),
                None => match conv.version_of_file(file) {
                    Some(v) => v.label.clone(),
                    None => bail!(
                        "{} is not a version listed in the convention.toml of `{name}`: pass --version LABEL",
                        display(file)
                    ),
                },
            };
            // The language whose file FILE is (by name, in this folder).
            let language = conv.version(&label).ok().and_then(|v| {
                let name = file.file_name()?;
                v.language_files()
                    .into_iter()
                    .find(|(_, f)| Path::new(f).file_name() == Some(name))
                    .and_then(|(l, _)| l.map(str::to_owned))
            });
            let drafts = conv.drafts()?;
            let at = drafts.index(&label)?;
            Ok((drafts, at, language))
        }
        ManifestState::Absent => match version {
            // No manifest: the one draft given, on its own.
            Some(v) => Ok((single(&name, v), 0, None)),
            None => bail!(
                "there is no convention.toml for `{name}`: pass --convention NAME --version LABEL"
            ),
        },
        ManifestState::Bad { name, problem, .. } => bail!("{name}: {}", problem.message),
    }
}

/// A convention known only by one draft's label.
fn single(name: &str, label: &str) -> Drafts {
    let manifest = Manifest {
        convention: treaty_model::ConventionInfo {
            id: name.to_owned(),
            title: name.to_owned(),
            note: None,
        },
        versions: vec![treaty_model::Version {
            label: label.to_owned(),
            file: String::new(),
            date: None,
            symbol: None,
            source: None,
            ..Default::default()
        }],
    };
    let empty = Draft::new(label, "", "", treaty_model::Document::default());
    Drafts::new(name, manifest, vec![Some(empty)])
}

/// The annotations shown with a clause, each with a note on its anchoring and where its
/// quote is in the clause's full text.
#[derive(Debug, Default)]
struct Found {
    list: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    /// Written on the draft shown (rather than carried from another).
    mine: bool,
    annotation: Annotation,
    note: Option<String>,
    /// Where its quote is in the shown clause's full text.
    range: Option<Range<usize>>,
}

impl Found {
    /// The placed annotations that belong under `node`: those on it or inside it, and
    /// those that could not be placed but were written on a clause inside it.
    fn on(node: &Node, label: &str, placed: Vec<Placed>) -> Self {
        let inside = |id: &ClauseId| id == &node.id || node.id.contains(id);
        let mut out = Self::default();
        for p in placed {
            let here = match &p.on {
                Some(on) => inside(on),
                None => inside(&p.annotation.clause),
            };
            if !here {
                continue;
            }
            let mine = p.annotation.version == label;
            let note = match (&p.unplaced, &p.carried) {
                (Some(Unplaced::ClauseMissing), _) => Some(format!(
                    "clause {} is not in this draft",
                    p.annotation.clause
                )),
                (Some(Unplaced::QuoteAdrift), _) if mine => {
                    Some("its quote does not anchor here; run `treaty check`".to_owned())
                }
                (_, carried) => carried.clone(),
            };
            let range = match (&p.on, &p.quote_at) {
                (Some(on), Some(r)) => {
                    let offset = node.offset_of(on).unwrap_or(0);
                    Some(r.start + offset..r.end + offset)
                }
                _ => None,
            };
            out.list.push(Entry {
                mine,
                annotation: p.annotation,
                note,
                range,
            });
        }
        // Those written on this draft first, then those carried here.
        out.list.sort_by_key(|e| !e.mine);
        out
    }

    /// The marks for the quoted passages, numbered like the list.
    fn marks(&self) -> Vec<Mark> {
        self.list
            .iter()
            .enumerate()
            .filter_map(|(k, e)| {
                e.range.clone().map(|range| Mark {
                    range,
                    number: k + 1,
                })
            })
            .collect()
    }

    fn shown(&self) -> Vec<Shown<'_>> {
        self.list
            .iter()
            .map(|e| Shown {
                annotation: &e.annotation,
                note: e.note.clone(),
            })
            .collect()
    }

    /// The annotations as JSON, each with where its quote sits in the clause's full text.
    fn json(&self) -> serde_json::Value {
        self.list
            .iter()
            .map(|e| {
                let (note, r) = (&e.note, &e.range);
                let mut v = serde_json::to_value(&e.annotation).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert(
                        "quote_at".into(),
                        r.as_ref().map_or(serde_json::Value::Null, |r| {
                            serde_json::json!([r.start, r.end])
                        }),
                    );
                    if let Some(n) = note {
                        obj.insert("note".into(), n.clone().into());
                    }
                }
                v
            })
            .collect()
    }
}
