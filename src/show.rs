//! `treaty show --annotations`: which draft a text file is, and the commentary on a clause.

use std::path::Path;

use anyhow::bail;
use treaty_annotate::{Anchor, Annotation, Cache};
use treaty_model::{Document, Node};

use crate::carry;
use crate::lineage::Drafts;
use crate::project::{self, ManifestState};
use crate::render::{Mark, Shown};

/// The convention and draft a text is.
#[derive(Debug)]
pub struct Draft {
    pub convention: String,
    pub version: String,
}

/// Work out which draft FILE is: from the flags, else from the `convention.toml` beside it.
pub fn which_draft(
    file: &Path,
    texts: &Path,
    convention: Option<&str>,
    version: Option<&str>,
) -> anyhow::Result<Draft> {
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty());
    let convention = match (convention, folder.and_then(|f| f.file_name())) {
        (Some(c), _) => c.to_owned(),
        (None, Some(name)) if file != Path::new("-") => name.to_string_lossy().into_owned(),
        _ => bail!(
            "cannot tell which convention {} belongs to: pass --convention NAME --version LABEL",
            project::display(file)
        ),
    };
    if let Some(v) = version {
        return Ok(Draft {
            convention,
            version: v.to_owned(),
        });
    }
    // The manifest sits beside the file, or in the texts folder under the convention.
    let base = folder.and_then(Path::parent).unwrap_or(texts);
    let state = match project::manifest(base, &convention)? {
        ManifestState::Absent => project::manifest(texts, &convention)?,
        other => other,
    };
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    match state {
        ManifestState::Ok { manifest, .. } => {
            match manifest
                .versions
                .iter()
                .find(|v| Some(&v.file) == name.as_ref())
            {
                Some(v) => Ok(Draft {
                    convention,
                    version: v.label.clone(),
                }),
                None => bail!(
                    "{} is not a version listed in the convention.toml of `{convention}`: pass --version LABEL",
                    project::display(file)
                ),
            }
        }
        ManifestState::Absent => bail!(
            "there is no convention.toml for `{convention}`: pass --convention NAME --version LABEL"
        ),
        ManifestState::Bad { name, problem, .. } => bail!("{name}: {}", problem.message),
    }
}

/// The annotations of a convention on `node` or anything inside it. Those written on this
/// draft get their quotes anchored; those written on another draft are listed with a note.
pub fn annotations_on(
    dir: &Path,
    texts: &Path,
    draft: &Draft,
    doc: &Document,
    node: &Node,
) -> anyhow::Result<FoundOwned> {
    project::require_dir(dir, "annotations", "--annotations")?;
    let files = project::annotation_files(&dir.join(&draft.convention))?;
    let mut mine = Vec::new();
    let mut others = Vec::new();
    for f in files {
        for a in f.file.annotations {
            if a.version == draft.version {
                if a.clause == node.id || node.id.contains(&a.clause) {
                    mine.push(a);
                }
            } else {
                others.push(a);
            }
        }
    }
    let parts = node.text_parts();
    let mut cache = Cache::default();
    let mut out = FoundOwned::default();
    for a in mine {
        let mut note = None;
        let mut range = None;
        match treaty_annotate::locate(doc, &draft.version, &a, &mut cache) {
            None => note = Some(format!("clause {} is not in this draft", a.clause)),
            Some((_, None)) => {}
            Some((_, Some(Anchor::Found(r)))) => {
                // The quote was found in the annotated clause, which may sit inside `node`.
                let offset = parts
                    .iter()
                    .find(|p| p.node.id == a.clause || a.clause.contains(&p.node.id))
                    .map_or(0, |p| p.start);
                range = Some(r.start + offset..r.end + offset);
            }
            Some((_, Some(_))) => {
                note = Some("its quote does not anchor here; run `treaty check`".into());
            }
        }
        out.push(a, note, range);
    }
    // Commentary written on other drafts, carried here through the clauses' lineage.
    let folder = texts.join(&draft.convention);
    let mut drafts = if others.is_empty() {
        None
    } else {
        Drafts::read(&folder).ok()
    };
    let target = drafts.as_ref().and_then(|d| d.index(&draft.version).ok());
    for a in others {
        let (Some(drafts), Some(to)) = (drafts.as_mut(), target) else {
            if a.clause == node.id || node.id.contains(&a.clause) {
                let note = format!(
                    "written on `{}`; not checked against `{}`",
                    a.version, draft.version
                );
                out.push(a, Some(note), None);
            }
            continue;
        };
        let c = carry::carry(drafts, &a, to);
        let here = c
            .now
            .as_ref()
            .is_some_and(|now| now == &node.id || node.id.contains(now));
        let was_here = c.now.is_none() && (a.clause == node.id || node.id.contains(&a.clause));
        if !here && !was_here {
            continue;
        }
        let note = format!(
            "written on `{}` as {}: {}, {}",
            a.version,
            a.clause,
            c.status.as_str(),
            c.reason
        );
        let mut range = None;
        if matches!(c.status, carry::Status::Exact | carry::Status::Moved)
            && let (Some(q), Some(now)) = (&a.quote, &c.now)
            && let Some(n) = doc.find(now)
        {
            let text = treaty_annotate::Searchable::new(n.full_text());
            if let Anchor::Found(r) =
                treaty_annotate::anchor(&text, q, a.prefix.as_deref(), a.suffix.as_deref())
            {
                let offset = parts
                    .iter()
                    .find(|p| &p.node.id == now || now.contains(&p.node.id))
                    .map_or(0, |p| p.start);
                range = Some(r.start + offset..r.end + offset);
            }
        }
        out.push(a, Some(note), range);
    }
    Ok(out)
}

/// Owned results of [`annotations_on`].
#[derive(Debug, Default)]
pub struct FoundOwned {
    pub annotations: Vec<Annotation>,
    pub notes: Vec<Option<String>>,
    pub anchors: Vec<Option<std::ops::Range<usize>>>,
}

impl FoundOwned {
    fn push(&mut self, a: Annotation, note: Option<String>, range: Option<std::ops::Range<usize>>) {
        self.annotations.push(a);
        self.notes.push(note);
        self.anchors.push(range);
    }

    /// The marks for the quoted passages, numbered like the list.
    pub fn marks(&self) -> Vec<Mark> {
        self.anchors
            .iter()
            .enumerate()
            .filter_map(|(k, r)| {
                r.clone().map(|range| Mark {
                    range,
                    number: k + 1,
                })
            })
            .collect()
    }

    pub fn shown(&self) -> Vec<Shown<'_>> {
        self.annotations
            .iter()
            .zip(&self.notes)
            .map(|(annotation, note)| Shown {
                annotation,
                note: note.clone(),
            })
            .collect()
    }

    /// The annotations as JSON, each with where its quote sits in the clause's full text.
    pub fn json(&self) -> serde_json::Value {
        self.annotations
            .iter()
            .zip(&self.anchors)
            .zip(&self.notes)
            .map(|((a, r), note)| {
                let mut v = serde_json::to_value(a).unwrap_or_default();
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
