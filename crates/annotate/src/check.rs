//! `treaty check`: every annotation of a convention against the drafts it names.

use std::collections::HashMap;

use treaty_model::{ClauseId, Document, LineIndex, Node};

use crate::anchor::{Anchor, Searchable, anchor};
use crate::format::Annotation;
use crate::problem::Problem;
use treaty_model::edit_distance;

/// The drafts of one convention, as far as they are known.
#[derive(Debug)]
pub struct Texts<'a> {
    /// The convention's folder name.
    pub convention: String,
    /// Where its texts live (`texts/<convention>`), for messages.
    pub folder: String,
    /// The versions in `convention.toml`, oldest first; `None` when there is no manifest.
    pub versions: Option<Vec<VersionText<'a>>>,
}

#[derive(Debug)]
pub struct VersionText<'a> {
    pub label: String,
    /// The parsed text, or `None` when its file is not there.
    pub document: Option<&'a Document>,
    /// The text file, as listed in the manifest.
    pub file: String,
    /// The draft's default language (`None` when the manifest does not say).
    pub language: Option<String>,
    /// Its other language versions: the code, the file and the parsed text (`None` when
    /// the file is not there or no annotation is written on it).
    pub languages: Vec<(String, String, Option<&'a Document>)>,
}

/// One annotation file of the convention.
#[derive(Debug, Clone, Copy)]
pub struct FileRef<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub annotations: &'a [Annotation],
}

/// What an annotation is attached to, once checked.
#[derive(Debug, Clone)]
pub enum Target<'d> {
    /// The whole text.
    Document(&'d Document),
    Clause(&'d Node),
}

/// Clause texts prepared for quote searches, cached across annotations, per version.
#[derive(Debug, Default)]
pub struct Cache {
    versions: HashMap<String, VersionCache>,
}

#[derive(Debug, Default)]
struct VersionCache {
    clauses: HashMap<ClauseId, Searchable>,
    nodes: Option<Vec<(ClauseId, Searchable)>>,
}

impl Cache {
    fn version(&mut self, label: &str) -> &mut VersionCache {
        if !self.versions.contains_key(label) {
            self.versions
                .insert(label.to_owned(), VersionCache::default());
        }
        self.versions.get_mut(label).expect("inserted above")
    }

    /// The searchable text of a target.
    fn clause(&mut self, label: &str, target: &Target<'_>) -> &Searchable {
        self.version(label)
            .clauses
            .entry(target_id(target))
            .or_insert_with(|| {
                Searchable::new(match target {
                    Target::Document(d) => d
                        .children
                        .iter()
                        .map(Node::full_text)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    Target::Clause(n) => n.full_text(),
                })
            })
    }

    /// Every node's own words (heading, text, closing), for "the quote is now in ...".
    fn nodes(&mut self, label: &str, doc: &Document) -> &[(ClauseId, Searchable)] {
        self.version(label).nodes.get_or_insert_with(|| {
            doc.walk()
                .map(|n| {
                    let own = n.own_text();
                    (n.id.clone(), Searchable::new(own))
                })
                .collect()
        })
    }
}

fn target_id(t: &Target<'_>) -> ClauseId {
    match t {
        Target::Document(_) => ClauseId::document(),
        Target::Clause(n) => n.id.clone(),
    }
}

/// Find the clause an annotation names in a document.
pub fn target<'d>(doc: &'d Document, id: &ClauseId) -> Option<Target<'d>> {
    if id.is_document() {
        Some(Target::Document(doc))
    } else {
        doc.find(id).map(Target::Clause)
    }
}

/// Where an annotation's quote sits in its clause: the clause's text and the anchor.
pub fn locate(
    doc: &Document,
    label: &str,
    a: &Annotation,
    cache: &mut Cache,
) -> Option<(String, Option<Anchor>)> {
    let t = target(doc, &a.clause)?;
    let s = cache.clause(label, &t);
    let found = a
        .quote
        .as_deref()
        .map(|q| anchor(s, q, a.prefix.as_deref(), a.suffix.as_deref()));
    Some((s.text.clone(), found))
}

/// Check every annotation of one convention. Problems come back with the index of
/// the file they belong to, in file order.
pub fn check(files: &[FileRef<'_>], texts: &Texts<'_>) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    let mut cache = Cache::default();
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut missing_reported: Vec<&str> = Vec::new();
    let mut manifest_reported = false;
    for (f, file) in files.iter().enumerate() {
        for a in file.annotations {
            let mut push = |p: Problem| out.push((f, p.annotation(Some(a.id.clone()))));
            if let Some(&(first_file, first_at)) = seen.get(a.id.as_str()) {
                let first = &files[first_file];
                let at = LineIndex::new(first.source).line_col(first.source, first_at);
                let (line, col) = (at.line, at.column);
                push(
                    Problem::error(
                        "duplicate-id",
                        format!("the annotation ID `{}` is used twice", a.id),
                    )
                    .at(Some(a.at.id.clone()))
                    .help(format!(
                        "it is first used at {}:{line}:{col}; IDs are unique within a convention",
                        first.name
                    )),
                );
            } else {
                seen.insert(&a.id, (f, a.at.id.start));
            }
            let Some(versions) = &texts.versions else {
                if !manifest_reported {
                    manifest_reported = true;
                    push(
                        Problem::warning(
                            "text-missing",
                            format!("there is no text of `{}` to check against", texts.convention),
                        )
                        .at(Some(a.at.version.clone()))
                        .help(format!(
                            "versions, clause IDs and quotes are not checked until {}/convention.toml lists the drafts; see texts/README.md for how to bring a text in",
                            texts.folder
                        )),
                    );
                }
                continue;
            };
            let Some(version) = versions.iter().find(|v| v.label == a.version) else {
                let labels: Vec<&str> = versions.iter().map(|v| v.label.as_str()).collect();
                let mut p = Problem::error(
                    "unknown-version",
                    format!(
                        "`{}` does not list a version `{}`",
                        texts.convention, a.version
                    ),
                )
                .at(Some(a.at.version.clone()));
                if let Some(close) = labels
                    .iter()
                    .map(|l| (edit_distance(l, &a.version), *l))
                    .filter(|&(d, l)| d <= 2.max(l.len() / 3))
                    .min()
                {
                    p = p.help(format!("did you mean `{}`?", close.1));
                }
                push(p.help(format!(
                    "the versions in {}/convention.toml are: {}",
                    texts.folder,
                    labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
                )));
                continue;
            };
            // Written on another language version: its text is the one to check.
            if let Some(l) = a.language.as_deref()
                && version.language.as_deref() != Some(l)
            {
                let Some((_, file, doc)) = version.languages.iter().find(|(c, _, _)| c == l) else {
                    let mut codes: Vec<&str> =
                        version.language.iter().map(String::as_str).collect();
                    codes.extend(version.languages.iter().map(|(c, _, _)| c.as_str()));
                    push(
                        Problem::error(
                            "unknown-language",
                            format!("version `{}` has no `{l}` text", version.label),
                        )
                        .at(a.at.language.clone().or(Some(a.at.version.clone())))
                        .help(if codes.is_empty() {
                            format!(
                                "list the draft's language versions in {}/convention.toml (`languages = {{ {l} = \"{}.{l}.txt\" }}`), or leave `language` out",
                                texts.folder, version.label
                            )
                        } else {
                            format!("its languages are {}", codes.join(", "))
                        }),
                    );
                    continue;
                };
                let Some(doc) = doc else {
                    push(
                        Problem::warning(
                            "text-missing",
                            format!(
                                "the `{l}` text of version `{}` ({file}) is not in {}; the clause ID and quote are not checked",
                                version.label, texts.folder
                            ),
                        )
                        .at(a.at.language.clone().or(Some(a.at.version.clone()))),
                    );
                    continue;
                };
                let label = format!("{} ({l})", version.label);
                for p in check_against(doc, &label, a, &mut cache) {
                    push(p);
                }
                continue;
            }
            let Some(doc) = version.document else {
                if !missing_reported.contains(&version.label.as_str()) {
                    missing_reported.push(&version.label);
                    push(
                        Problem::warning(
                            "text-missing",
                            format!(
                                "the text of `{}` (version `{}`) is not in {}; clause IDs and quotes written against it are not checked",
                                texts.convention, version.label, texts.folder
                            ),
                        )
                        .at(Some(a.at.version.clone()))
                        .help(format!(
                            "put the text at {}/{} (see texts/README.md, \"Bringing in a real text\"), then run `treaty check` again",
                            texts.folder, version.file
                        )),
                    );
                }
                continue;
            };
            for p in check_against(doc, &version.label, a, &mut cache) {
                push(p);
            }
        }
    }
    out
}

/// The checks that need the text: the clause exists, the quote is in it once.
pub fn check_against(
    doc: &Document,
    label: &str,
    a: &Annotation,
    cache: &mut Cache,
) -> Vec<Problem> {
    let Some(t) = target(doc, &a.clause) else {
        let suggestions = doc.suggest(&a.clause, 3);
        let mut p = Problem::error(
            "no-such-clause",
            format!("there is no clause {} in version `{label}`", a.clause),
        )
        .at(Some(a.at.clause.clone()));
        if !suggestions.is_empty() {
            p = p.help(format!(
                "did you mean {}?",
                suggestions
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return vec![p];
    };
    let Some(quote) = a.quote.as_deref() else {
        return Vec::new();
    };
    let quote_at = a.at.quote.clone().or(Some(a.at.clause.clone()));
    let s = cache.clause(label, &t);
    match anchor(s, quote, a.prefix.as_deref(), a.suffix.as_deref()) {
        Anchor::Found(_) => Vec::new(),
        Anchor::Ambiguous { at } => {
            let context: Vec<String> = at
                .iter()
                .take(4)
                .map(|r| format!("\"…{}\"", context_before(&s.text, r.start)))
                .collect();
            vec![
                Problem::error(
                    "quote-ambiguous",
                    format!("the quote occurs {} times in {}", at.len(), a.clause),
                )
                .at(quote_at)
                .help(format!(
                    "add a `prefix` (the words just before) or a `suffix` (the words just after) that picks one; the occurrences follow {}",
                    context.join(", ")
                )),
            ]
        }
        Anchor::ContextMismatch { at } => vec![
            Problem::error(
                "quote-context",
                format!(
                    "the quote occurs {} time{} in {}, but never with this prefix/suffix around it",
                    at.len(),
                    if at.len() == 1 { "" } else { "s" },
                    a.clause
                ),
            )
            .at(quote_at)
            .help(format!(
                "the words before it: {}",
                at.iter()
                    .take(4)
                    .map(|r| format!("\"…{}\"", context_before(&s.text, r.start)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ],
        Anchor::Missing { near } => {
            let elsewhere: Vec<ClauseId> = cache
                .nodes(label, doc)
                .iter()
                .filter(|(_, s)| s.contains(quote))
                .map(|(id, _)| id.clone())
                .collect();
            if !elsewhere.is_empty() {
                let list = elsewhere
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                return vec![
                    Problem::error(
                        "quote-elsewhere",
                        format!(
                            "the quote is not in {} but in {list} of version `{label}`",
                            a.clause
                        ),
                    )
                    .at(Some(a.at.clause.clone()))
                    .help(format!(
                        "if the words moved, point `clause` at {}",
                        elsewhere[0]
                    )),
                ];
            }
            let mut p = Problem::error(
                "quote-not-found",
                format!(
                    "the quote does not occur in {} of version `{label}`",
                    a.clause
                ),
            )
            .at(quote_at);
            p = match near {
                Some(n) => p.help(format!(
                    "the closest words there are \"{}\" ({:.0}% alike)",
                    n.text.replace('\n', " "),
                    n.score * 100.0
                )),
                None => {
                    p.help("nothing in the clause comes close; check the clause ID and the version")
                }
            };
            vec![p]
        }
    }
}

/// Up to six words before a byte offset, for telling occurrences apart.
fn context_before(text: &str, at: usize) -> String {
    let before = &text[..at];
    let words: Vec<&str> = before.split_whitespace().collect();
    let start = words.len().saturating_sub(6);
    words[start..].join(" ")
}
