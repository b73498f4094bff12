//! W3C Web Annotation JSON-LD: an `AnnotationCollection` whose items target the clause
//! by a `FragmentSelector` (its eId), refined by a `TextQuoteSelector` when there is a
//! quote.

use std::io::{self, Write};

use serde::Serialize;
use treaty_annotate::Stance;
use treaty_lineage::AnnotatedDraft;

use super::{Plan, Selection};

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` whose items target the clause by
/// a `FragmentSelector` (its eId), refined by a `TextQuoteSelector` when there is a quote.
pub(super) fn write(e: &AnnotatedDraft, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let plan = Plan::new(e, sel);
    let base = format!("urn:treaty:{}", e.convention.as_deref().unwrap_or("text"));
    let base = base.as_str();
    let source = format!("{base}#{}", e.version().unwrap_or("text"));
    let items: Vec<W3cAnnotation<'_>> = plan
        .items()
        .map(|i| {
            let a = &i.annotation;
            let selector = (!i.on.is_document()).then(|| W3cSelector {
                kind: "FragmentSelector",
                conforms_to: "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/akn-core-v1.0-part2-specs.html",
                value: plan.nodes.get(&i.on).map_or("", |n| n.eid.as_str()),
                refined_by: a.quote.as_deref().map(|q| W3cQuote {
                    kind: "TextQuoteSelector",
                    exact: q,
                    prefix: a.prefix.as_deref(),
                    suffix: a.suffix.as_deref(),
                }),
            });
            let mut body = vec![W3cBody {
                kind: "TextualBody",
                value: &a.body,
                format: Some("text/markdown"),
                purpose: "commenting",
            }];
            // `via` is an address; a source that is none (a citation, or a `javascript:`
            // link) travels as a describing body instead, its words kept.
            let via = a.source.as_deref().and_then(crate::escape::safe_url);
            if let Some(s) = a.source.as_deref().filter(|_| via.is_none()) {
                body.push(W3cBody {
                    kind: "TextualBody",
                    value: s,
                    format: Some("text/plain"),
                    purpose: "describing",
                });
            }
            body.extend(a.tags.iter().map(|t| W3cBody {
                kind: "TextualBody",
                value: t,
                format: None,
                purpose: "tagging",
            }));
            W3cAnnotation {
                id: format!("{base}#annotation-{}", a.id),
                kind: "Annotation",
                motivation: match a.stance {
                    Stance::Concern | Stance::Question => "questioning",
                    Stance::Support => "assessing",
                    Stance::Proposal => "editing",
                    Stance::Note => "commenting",
                },
                created: a.date.to_string(),
                creator: W3cCreator {
                    kind: "Organization",
                    name: &a.author,
                },
                body,
                target: W3cTarget {
                    source: &source,
                    selector,
                },
                via,
            }
        })
        .collect();
    let collection = W3cCollection {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: format!("{base}#annotations"),
        kind: "AnnotationCollection",
        label: e.draft.doc.title.as_deref(),
        total: items.len(),
        first: W3cPage {
            kind: "AnnotationPage",
            items,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    writeln!(out)?;
    Ok(())
}

#[derive(Serialize)]
struct W3cCollection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    total: usize,
    first: W3cPage<'a>,
}

#[derive(Serialize)]
struct W3cPage<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    items: Vec<W3cAnnotation<'a>>,
}

#[derive(Serialize)]
struct W3cAnnotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    creator: W3cCreator<'a>,
    body: Vec<W3cBody<'a>>,
    target: W3cTarget<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
}

#[derive(Serialize)]
struct W3cCreator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct W3cBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    purpose: &'static str,
}

#[derive(Serialize)]
struct W3cTarget<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    selector: Option<W3cSelector<'a>>,
}

#[derive(Serialize)]
struct W3cSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "conformsTo")]
    conforms_to: &'static str,
    value: &'a str,
    #[serde(rename = "refinedBy", skip_serializing_if = "Option::is_none")]
    refined_by: Option<W3cQuote<'a>>,
}

#[derive(Serialize)]
struct W3cQuote<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<&'a str>,
}
