//! Annotations written on one draft, resolved on another: through the clause's lineage,
//! then by finding the quoted words. Each gets an honest status; none is dropped, and
//! none is attached to words it was not written about.

use serde::Serialize;
use treaty_annotate::{Anchor, Annotation, Searchable, anchor};
use treaty_diff::{Word, word_diff};
use treaty_model::{ClauseId, Document, Node, normalised};

use crate::drafts::Drafts;

/// What became of an annotation on the other draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The same words at the same place.
    Exact,
    /// The same words under a new number (or in another clause).
    Moved,
    /// The words it is about were edited.
    Changed,
    /// The clause is gone.
    Orphaned,
    /// It cannot be placed without a person looking.
    Uncertain,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Moved => "moved",
            Status::Changed => "changed",
            Status::Orphaned => "orphaned",
            Status::Uncertain => "uncertain",
        }
    }
}

/// One annotation resolved on a draft.
#[derive(Clone, Debug, Serialize)]
pub struct Carried {
    pub id: String,
    pub from: String,
    pub clause: ClauseId,
    pub to: String,
    pub status: Status,
    /// The clause it belongs to on the target draft.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<ClauseId>,
    /// For `changed`: the quoted words, diffed against what stands there now.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    /// For `orphaned`: where the clause's content went, as nearly as can be said.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<ClauseId>,
    /// Why, in a sentence.
    pub reason: String,
}

/// Resolve `a` (written on its own version) on the draft at index `to`.
pub fn carry(drafts: &mut Drafts, a: &Annotation, to: usize) -> Carried {
    let to_label = drafts.label(to).to_owned();
    let mut out = Carried {
        id: a.id.clone(),
        from: a.version.clone(),
        clause: a.clause.clone(),
        to: to_label.clone(),
        status: Status::Uncertain,
        now: None,
        words: Vec::new(),
        successors: Vec::new(),
        reason: String::new(),
    };
    let from = match drafts.index(&a.version) {
        Ok(i) if drafts.draft(i).is_some() => i,
        Ok(_) => {
            out.reason = format!("the text of `{}` is not there to trace from", a.version);
            return out;
        }
        Err(_) => {
            out.reason = format!("the convention lists no version `{}`", a.version);
            return out;
        }
    };
    if drafts.draft(to).is_none() {
        out.reason = format!("the text of `{to_label}` is not there");
        return out;
    }
    if a.clause.is_document() {
        out.now = Some(a.clause.clone());
        let doc = &drafts.draft(to).map(|s| &s.doc);
        return match (&a.quote, doc) {
            (None, _) => done(out, Status::Exact, "it is about the text as a whole"),
            (Some(q), Some(doc)) => {
                let text: Vec<String> = doc.children.iter().map(Node::full_text).collect();
                by_quote(out, a, q, &Searchable::new(text.join("\n")), true)
            }
            (Some(_), None) => out,
        };
    }
    if drafts
        .draft(from)
        .is_some_and(|s| s.doc.find(&a.clause).is_none())
    {
        out.reason = format!(
            "{} is not in its own draft `{}`: run `treaty check` first",
            a.clause, a.version
        );
        return out;
    }
    match drafts.trace(&a.clause, from, to) {
        Some(now) => along_lineage(drafts, a, out, (from, to), now),
        None => gone(drafts, a, out, (from, to)),
    }
}

/// The lineage leads to `now` on the target draft: place the quote (or compare the
/// clause) there.
fn along_lineage(
    drafts: &Drafts,
    a: &Annotation,
    mut out: Carried,
    (from, to): (usize, usize),
    now: ClauseId,
) -> Carried {
    let Some(node) = drafts.draft(to).and_then(|s| s.doc.find(&now)) else {
        out.reason = format!(
            "the lineage leads to {now}, which is not in `{}`",
            drafts.label(to)
        );
        return out;
    };
    let same_place = now == a.clause;
    out.now = Some(now.clone());
    let old_text = drafts
        .draft(from)
        .and_then(|s| s.doc.find(&a.clause))
        .map(Node::full_text)
        .unwrap_or_default();
    let new_text = node.full_text();
    let Some(q) = &a.quote else {
        return whole_clause(out, &old_text, &new_text, &now, same_place);
    };
    let carried = by_quote(out, a, q, &Searchable::new(new_text.clone()), same_place);
    if carried.status != Status::Uncertain || !carried.reason.contains("no longer") {
        return carried;
    }
    // The words are gone from a clause the lineage is sure of: if the old clause held
    // them, they were deleted, which is an edit.
    match deleted_quote(&old_text, &new_text, q) {
        Some(words) => {
            let mut c = carried;
            c.words = words;
            done(
                c,
                Status::Changed,
                "the quoted words were deleted from the clause",
            )
        }
        None => carried,
    }
}

/// An annotation on a whole clause: the same words, or the clause's word diff.
fn whole_clause(
    mut out: Carried,
    old_text: &str,
    new_text: &str,
    now: &ClauseId,
    same_place: bool,
) -> Carried {
    if normalised(old_text) == normalised(new_text) {
        return if same_place {
            done(out, Status::Exact, "the clause is the same")
        } else {
            let why = format!("the clause is the same, now numbered {now}");
            done(out, Status::Moved, &why)
        };
    }
    out.words = word_diff(&normalised(old_text), &normalised(new_text));
    let why = format!(
        "the clause was edited{}",
        if same_place {
            String::new()
        } else {
            format!(" and is now {now}")
        }
    );
    done(out, Status::Changed, &why)
}

/// The clause is gone from the target draft: its quoted words may still stand
/// somewhere, or its nearest surviving ancestor is named.
fn gone(
    drafts: &mut Drafts,
    a: &Annotation,
    mut out: Carried,
    (from, to): (usize, usize),
) -> Carried {
    if let Some(q) = &a.quote
        && let Some(doc) = drafts.draft(to).map(|s| &s.doc)
    {
        let holders = holders(doc, q);
        if let [only] = &holders[..] {
            out.now = Some(only.clone());
            let why = format!("{} is gone, but the quoted words stand in {only}", a.clause);
            return done(out, Status::Moved, &why);
        }
        if holders.len() > 1 {
            let list: Vec<String> = holders.iter().map(ToString::to_string).collect();
            let why = format!(
                "{} is gone; the quoted words stand in several clauses ({})",
                a.clause,
                list.join(", ")
            );
            return done(out, Status::Uncertain, &why);
        }
    }
    out.successors = drafts.successors(&a.clause, from, to);
    let to_label = drafts.label(to);
    let why = if out.successors.is_empty() {
        format!(
            "{} is not in `{to_label}` and nothing follows from it",
            a.clause
        )
    } else {
        let list: Vec<String> = out.successors.iter().map(ToString::to_string).collect();
        format!(
            "{} is not in `{to_label}`; its nearest successor is {}",
            a.clause,
            list.join(", ")
        )
    };
    done(out, Status::Orphaned, &why)
}

fn done(mut c: Carried, status: Status, why: &str) -> Carried {
    c.status = status;
    why.clone_into(&mut c.reason);
    c
}

/// Place the quote in the clause the lineage leads to.
fn by_quote(out: Carried, a: &Annotation, q: &str, text: &Searchable, same_place: bool) -> Carried {
    match anchor(text, q, a.prefix.as_deref(), a.suffix.as_deref()) {
        Anchor::Found(_) if same_place => done(out, Status::Exact, "the quoted words are there"),
        Anchor::Found(_) => {
            let why = format!(
                "the quoted words are there, now in {}",
                out.now
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            );
            done(out, Status::Moved, &why)
        }
        Anchor::Missing { near: Some(n) } => {
            let mut out = out;
            out.words = word_diff(&normalised(q), &normalised(&n.text));
            let why = format!(
                "the quoted words were edited ({:.0}% alike)",
                n.score * 100.0
            );
            done(out, Status::Changed, &why)
        }
        Anchor::Missing { near: None } => done(
            out,
            Status::Uncertain,
            "the quoted words are no longer in the clause, and nothing there is close",
        ),
        Anchor::Ambiguous { at } => {
            let why = format!(
                "the quoted words occur {} times there and the prefix/suffix do not pick one",
                at.len()
            );
            done(out, Status::Uncertain, &why)
        }
        Anchor::ContextMismatch { .. } => done(
            out,
            Status::Uncertain,
            "the quoted words are there, but not between the same prefix and suffix",
        ),
    }
}

/// When the old clause holds the quote and the new one does not, the word diff of the
/// two clauses around the quote (a few words of context on each side).
fn deleted_quote(old: &str, new: &str, quote: &str) -> Option<Vec<Word>> {
    let old = normalised(old);
    let q = normalised(quote);
    let at = old.find(&q)?;
    let words = word_diff(&old, &normalised(new));
    // Keep the runs that touch the quote, plus the equal runs either side, trimmed.
    let mut pos = 0;
    let mut out = Vec::new();
    for w in words {
        let len = match &w {
            Word::Equal(t) | Word::Delete(t) => t.len(),
            Word::Insert(_) => 0,
        };
        let (start, end) = (pos, pos + len);
        pos = end;
        let near = end + 40 >= at && start <= at + q.len() + 40;
        if !near {
            continue;
        }
        out.push(match w {
            Word::Equal(t) if end < at => Word::Equal(tail(&t, 5)),
            Word::Equal(t) if start > at + q.len() => Word::Equal(head(&t, 5)),
            other => other,
        });
    }
    out.iter()
        .any(|w| matches!(w, Word::Delete(_)))
        .then_some(out)
}

fn tail(t: &str, n: usize) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let keep = words.len().saturating_sub(n);
    let mut s = words[keep..].join(" ");
    if keep > 0 {
        s.insert_str(0, "… ");
    }
    s
}

fn head(t: &str, n: usize) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push_str(" …");
    }
    s
}

/// The clauses whose own words hold the quote.
fn holders(doc: &Document, quote: &str) -> Vec<ClauseId> {
    doc.walk()
        .filter(|n| {
            let own = n.own_text();
            Searchable::new(own).contains(quote)
        })
        .map(|n| n.id.clone())
        .collect()
}
