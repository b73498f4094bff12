//! Amendments applied to a draft: each one's target provision found in the draft's tree
//! and its new wording put there (a point inserted after the one it follows, words
//! substituted, a clause deleted, a whole article added), with its number kept after
//! the words it gave (`[Amendment 217]`, which the parser keeps as a marker on the
//! clause). What cannot be applied is left out with the reason, and the rest goes on.
//!
//! The Parliament numbers what it inserts after the provision it follows: point `b a`
//! after point `b`, Article `4 a` after Article 4, recital `12 a` after recital 12.
//! treaty writes these as one ID segment, letters joined (`5.1.ba`, `4a`,
//! `preamble.12a`), as it writes `2 bis` as `2bis`.

use treaty_model::{ClauseId, Document, Node, NodeKind, normalised};

use crate::amendments::{Amendment, Piece};

/// What applying a list of amendments gave.
#[derive(Debug)]
pub struct Applied {
    /// The amended draft as canonical text.
    pub text: String,
    /// The numbers of the amendments applied, in order.
    pub applied: Vec<String>,
    /// Those left out, each with why.
    pub skipped: Vec<(String, String)>,
}

/// Apply `amendments` in order to `base`.
pub fn apply(base: &Document, amendments: &[Amendment]) -> Applied {
    let mut doc = base.clone();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    for a in amendments {
        match apply_one(&mut doc, a) {
            Ok(()) => applied.push(a.number.clone()),
            Err(why) => skipped.push((a.number.clone(), why)),
        }
    }
    Applied {
        text: crate::canonical_text(&doc),
        applied,
        skipped,
    }
}

/// A provision as an amendment names it.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    /// The IDs from the unit down (`5`, `1`, `b`), the last one the provision itself.
    path: Vec<String>,
    /// Whether the provision is new: inserted after its `base`.
    new: bool,
    /// Its introductory part only (the words before its points).
    intro: bool,
    /// For a recital: the preamble holds it.
    recital: bool,
    /// For an annex: its number is the first of `path`.
    annex: bool,
    /// Its title (heading) only.
    title: bool,
}

/// Read "Article 5 — paragraph 1 — point b a (new)", "Recital 12 a (new)", "Article
/// 4 a (new)", "Article 5 — paragraph 1 — point c — introductory part".
fn target(written: &str) -> Result<Target, String> {
    let parts: Vec<&str> = written
        .split(['—', '–'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut t = Target {
        path: Vec::new(),
        new: false,
        intro: false,
        recital: false,
        annex: false,
        title: false,
    };
    for (k, part) in parts.iter().enumerate() {
        let mut words: Vec<&str> = part.split_whitespace().collect();
        if words.last() == Some(&"(new)") {
            words.pop();
            t.new = k + 1 == parts.len();
        }
        let Some((&what, number)) = words.split_first() else {
            continue;
        };
        let number: String = number.concat().to_lowercase();
        match (k, what.to_lowercase().as_str()) {
            (0, "article") if !number.is_empty() => t.path.push(number),
            (0, "recital") if !number.is_empty() => {
                t.recital = true;
                t.path.push(number);
            }
            (0, "annex") if !number.is_empty() => {
                t.annex = true;
                t.path.push(number.to_uppercase());
            }
            (0, other) => {
                return Err(format!(
                    "amends {other} {number}; only articles, recitals and annexes are applied"
                ));
            }
            (_, "paragraph" | "point") if !number.is_empty() => t.path.push(number),
            (_, "introductory") => t.intro = true,
            (_, "title") if number.is_empty() => t.title = true,
            (_, "subparagraph") => {
                return Err(
                    "amends an unnumbered subparagraph, which has no ID of its own in the draft"
                        .into(),
                );
            }
            (_, other) => return Err(format!("its target `{other}` is not understood")),
        }
    }
    if t.path.is_empty() {
        return Err("names no provision".into());
    }
    Ok(t)
}

fn id_of(t: &Target, upto: usize) -> ClauseId {
    let head = if t.recital {
        vec!["preamble"]
    } else if t.annex {
        vec!["annex"]
    } else {
        Vec::new()
    };
    ClauseId::from_segments(
        head.into_iter()
            .chain(t.path[..upto].iter().map(String::as_str)),
    )
}

/// The number an inserted provision follows: `ba` follows `b`, `4a` follows `4`.
fn base_number(n: &str) -> Option<&str> {
    let last = n.chars().last()?;
    let stem = &n[..n.len() - last.len_utf8()];
    (!stem.is_empty() && last.is_ascii_lowercase()).then_some(stem)
}

fn apply_one(doc: &mut Document, a: &Amendment) -> Result<(), String> {
    let mut t = target(&a.target)?;
    // "Article 3 — paragraph 1 — point 44": an article of one unnumbered paragraph has
    // its points right under it in the draft (3.44).
    if t.path.len() >= 3 && t.path[1] == "1" && !t.recital && !t.annex {
        let addressed = |path: &[String]| {
            let last = path.len() - 1;
            let mut segments: Vec<&str> = path[..last].iter().map(String::as_str).collect();
            let end = if t.new {
                base_number(&path[last]).unwrap_or(&path[last])
            } else {
                &path[last]
            };
            segments.push(end);
            doc.find(&ClauseId::from_segments(segments)).is_some()
        };
        let mut shorter = t.path.clone();
        shorter.remove(1);
        if !addressed(&t.path) && addressed(&shorter) {
            t.path = shorter;
        }
    }
    let mark = format!(" [Amendment {}]", a.number);
    let id = id_of(&t, t.path.len());
    if t.new {
        let number = t.path.last().cloned().unwrap_or_default();
        let after = base_number(&number)
            .ok_or_else(|| format!("inserts `{number}`, which follows no provision"))?;
        let parent = id_of(&t, t.path.len() - 1);
        let follows = if t.recital || t.path.len() > 1 {
            parent.child(after)
        } else {
            ClauseId::from_segments([after])
        };
        let follows = if t.recital {
            ClauseId::from_segments(["preamble", after])
        } else {
            follows
        };
        // An article inserted after one the draft does not have (numbered otherwise)
        // follows the last article numbered before it.
        let follows = if t.recital || t.path.len() > 1 || doc.find(&follows).is_some() {
            follows
        } else {
            let value = |n: &str| {
                n.trim_end_matches(|c: char| c.is_ascii_lowercase())
                    .parse::<u32>()
                    .ok()
            };
            let before = value(after);
            doc.walk()
                .filter(|n| n.kind == NodeKind::Article)
                .filter(|n| n.number.as_deref().and_then(value) < before)
                .last()
                .map_or(follows, |n| n.id.clone())
        };
        let (list, at) = siblings_of(&mut doc.children, &follows)
            .ok_or_else(|| format!("inserts after {follows}, which is not in the draft"))?;
        let template = &list[at];
        let node = if template.kind == NodeKind::Article {
            article(&number, &a.new, &mark)?
        } else {
            let words = strip_marker(&a.new_words(), Some(&number));
            leaf(template, &id, &number, format!("{words}{mark}"))
        };
        insert_after(list, at, after, &number, node);
        return Ok(());
    }
    if t.title {
        let node =
            find_mut(&mut doc.children, &id).ok_or_else(|| format!("{id} is not in the draft"))?;
        node.heading = if a.deletes() {
            None
        } else {
            Some(a.new_words())
        };
        return Ok(());
    }
    if a.deletes() {
        if t.intro {
            let node = find_mut(&mut doc.children, &id)
                .ok_or_else(|| format!("{id} is not in the draft"))?;
            node.text = Default::default();
            return Ok(());
        }
        let (list, at) = siblings_of(&mut doc.children, &id)
            .ok_or_else(|| format!("deletes {id}, which is not in the draft"))?;
        list.remove(at);
        return Ok(());
    }
    let node =
        find_mut(&mut doc.children, &id).ok_or_else(|| format!("{id} is not in the draft"))?;
    if !a.old.trim().is_empty() && !same_words(&strip_marker(&a.old, node.number.as_deref()), node)
    {
        return Err(format!("its old words are not those of {id} in the draft"));
    }
    if node.kind == NodeKind::Article && !t.intro && t.path.len() == 1 {
        let number = node.number.clone().unwrap_or_default();
        let mut replaced = article(&number, &a.new, &mark)?;
        if replaced.heading.is_none() {
            replaced.heading = node.heading.clone();
        }
        *node = replaced;
        return Ok(());
    }
    if !t.intro && !node.children.is_empty() && a.new.len() > 1 {
        return Err(format!(
            "rewrites {id} with what is under it; only its own words (its introductory part) are applied"
        ));
    }
    let words = strip_marker(&a.new_words(), node.number.as_deref());
    node.text = format!("{words}{mark}").into();
    Ok(())
}

/// A clause of no sub-clauses, of the kind of the one it follows.
fn leaf(template: &Node, id: &ClauseId, number: &str, text: String) -> Node {
    Node {
        id: id.clone(),
        eid: Default::default(),
        kind: template.kind,
        number: Some(number.into()),
        heading: None,
        text: text.into(),
        closing: None,
        span: template.span,
        negotiation: Default::default(),
        footnotes: Vec::new(),
        children: Vec::new(),
    }
}

/// Insert `node` (numbered `number`) after the entry at `at` that it follows
/// (numbered `after`), and after what was inserted there before it (`ba` before `bb`).
fn insert_after(list: &mut Vec<Node>, at: usize, after: &str, number: &str, node: Node) {
    let mut k = at + 1;
    while k < list.len()
        && list[k]
            .number
            .as_deref()
            .is_some_and(|n| base_number(n) == Some(after) && n < number)
    {
        k += 1;
    }
    list.insert(k, node);
}

/// Whether the left column's words are, nearly, those of the node (its own words and
/// those under it): at least seven in ten of them.
fn same_words(old: &str, node: &Node) -> bool {
    let have = normalised(&node.full_text());
    let have: std::collections::HashSet<&str> = have.split_whitespace().collect();
    let old = normalised(old);
    let words: Vec<&str> = old.split_whitespace().collect();
    if words.is_empty() {
        return true;
    }
    let found = words.iter().filter(|w| have.contains(*w)).count();
    found * 10 >= words.len() * 7
}

/// The words without the provision's own marker at their start (`(b)` before the words
/// of point b).
fn strip_marker(words: &str, number: Option<&str>) -> String {
    let Some(n) = number else {
        return words.to_owned();
    };
    for lead in [format!("({n})"), format!("{n}."), format!("{n})")] {
        if let Some(rest) = words.strip_prefix(&lead) {
            return rest.trim_start().to_owned();
        }
    }
    words.to_owned()
}

/// A whole article from the right column: its pieces written as the plain layout
/// (`Article 4a`, its heading, its numbered paragraphs and points) and parsed.
fn article(number: &str, pieces: &[Piece], mark: &str) -> Result<Node, String> {
    let mut text = String::new();
    let mut heading_done = false;
    for p in pieces {
        let words = &p.text;
        // "Article 4 a" and the heading, as the column prints them first.
        if words.to_lowercase().starts_with("article ") && !heading_done {
            continue;
        }
        match &p.marker {
            Some(m) => text.push_str(&format!("{m} {words}\n\n")),
            None if !heading_done && !words.ends_with(['.', ';', ':']) && words.len() < 200 => {
                text.insert_str(0, &format!("{words}\n\n"));
            }
            None => text.push_str(&format!("{words}\n\n")),
        }
        heading_done = true;
    }
    let src = format!("Article {number}\n{text}");
    let doc = treaty_parse::parse_str(&src).map_err(|e| format!("its text does not read: {e}"))?;
    let mut node = doc
        .walk()
        .find(|n| n.kind == NodeKind::Article)
        .cloned()
        .ok_or_else(|| "its text holds no article".to_owned())?;
    mark_last(&mut node, mark);
    Ok(node)
}

/// The mark after the words of the last clause of a new article that has words.
fn mark_last(node: &mut Node, mark: &str) {
    if let Some(last) = node.children.last_mut() {
        mark_last(last, mark);
    } else {
        node.text = format!("{}{mark}", node.text).into();
    }
}

fn find_mut<'a>(nodes: &'a mut [Node], id: &ClauseId) -> Option<&'a mut Node> {
    for n in nodes {
        if &n.id == id {
            return Some(n);
        }
        if (n.id.contains(id) || n.kind.is_container() || n.kind == NodeKind::Preamble)
            && let Some(found) = find_mut(&mut n.children, id)
        {
            return Some(found);
        }
    }
    None
}

/// The list that holds `id`, and its place in it.
fn siblings_of<'a>(nodes: &'a mut Vec<Node>, id: &ClauseId) -> Option<(&'a mut Vec<Node>, usize)> {
    if let Some(k) = nodes.iter().position(|n| &n.id == id) {
        return Some((nodes, k));
    }
    let k = nodes.iter().position(|n| {
        n.id.contains(id)
            || n.kind.is_container()
            || n.kind == NodeKind::Preamble
            || n.walk().any(|d| &d.id == id)
    })?;
    let k = (k..nodes.len()).find(|&k| nodes[k].walk().any(|d| &d.id == id))?;
    siblings_of(&mut nodes[k].children, id)
}

/// Apply the article changes of an Akoma Ntoso change set: an inserted article is read
/// from its flat text (its number and heading first, then its paragraphs and points);
/// a substituted run is read line by line, each paragraph number and point marker
/// naming the clause whose words it gives (inserted after the one before when the
/// draft has no such clause). The change set gives no amendment numbers, so no mark.
pub fn apply_changes(base: &Document, changes: &[crate::amendments::ArticleChange]) -> Applied {
    let mut doc = base.clone();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    for c in changes {
        let name = format!("art_{}", c.article);
        match change_one(&mut doc, c) {
            Ok(()) => applied.push(name),
            Err(why) => skipped.push((name, why)),
        }
    }
    Applied {
        text: crate::canonical_text(&doc),
        applied,
        skipped,
    }
}

/// A line of unflattened text: its marker (`1.` → `1`, `(b a)` → `ba`) and its words.
fn marked(line: &str) -> (Option<String>, &str) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && close <= 5
    {
        let m: String = rest[..close]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !m.is_empty() && m.chars().all(|c| c.is_ascii_alphanumeric()) {
            return (Some(m.to_lowercase()), rest[close + 1..].trim());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with('.') {
        return (Some(line[..digits].to_owned()), line[digits + 1..].trim());
    }
    (None, line)
}

fn change_one(doc: &mut Document, c: &crate::amendments::ArticleChange) -> Result<(), String> {
    if let Some(after) = &c.after {
        let lines = crate::unflatten(&strip_article_lead(&c.new));
        // "Article 4 a General principles 1. …": the number, the heading, the rest.
        let mut pieces: Vec<Piece> = Vec::new();
        for line in &lines {
            let (m, words) = marked(line);
            let words = words.to_owned();
            if words.trim().is_empty() || words.eq_ignore_ascii_case("deleted") {
                continue;
            }
            pieces.push(Piece {
                marker: m.map(|m| {
                    if m.chars().all(|d| d.is_ascii_digit()) {
                        format!("{m}.")
                    } else {
                        format!("({m})")
                    }
                }),
                text: words,
            });
        }
        if doc
            .find(&ClauseId::from_segments([c.article.as_str()]))
            .is_some()
        {
            return Err(format!(
                "inserts Article {}, which the draft already has",
                c.article
            ));
        }
        let follows = ClauseId::from_segments([after.as_str()]);
        let node = article(&c.article, &pieces, "")?;
        let (list, at) = siblings_of(&mut doc.children, &follows)
            .ok_or_else(|| format!("inserts after Article {after}, which is not in the draft"))?;
        insert_after(list, at, after, &c.article, node);
        return Ok(());
    }
    let lines = crate::unflatten(&c.new);
    let article_id = ClauseId::from_segments([c.article.as_str()]);
    let Some(article) = doc.find(&article_id) else {
        return Err(format!("Article {} is not in the draft", c.article));
    };
    // Where the old run starts: the clause of the draft its first marked line names.
    let first_old = crate::unflatten(&c.old)
        .into_iter()
        .find_map(|l| marked(&l).0)
        .ok_or_else(|| "its old words name no paragraph or point".to_owned())?;
    let start = article
        .walk()
        .find(|n| n.number.as_deref() == Some(first_old.as_str()) && n.id != article.id)
        .map(|n| n.id.clone())
        .ok_or_else(|| {
            format!(
                "its old words start at ({first_old}), which Article {} does not have",
                c.article
            )
        })?;
    // The list the run starts in, and each paragraph's own.
    let parent_of = |id: &ClauseId| {
        let s = id.to_string();
        s.rsplit_once('.')
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default()
    };
    let mut context = parent_of(&start);
    let mut changed = 0;
    for line in &lines {
        let (Some(m), words) = marked(line) else {
            continue;
        };
        let words = words.trim_end_matches(" deleted").trim();
        if words.is_empty() || words.eq_ignore_ascii_case("deleted") {
            continue;
        }
        let is_paragraph = m.chars().all(|d| d.is_ascii_digit())
            && doc
                .find(&article_id.child(&m))
                .is_some_and(|n| n.kind == NodeKind::Paragraph);
        let id: ClauseId = if is_paragraph {
            context = article_id.child(&m).to_string();
            article_id.child(&m)
        } else {
            match context.parse::<ClauseId>() {
                Ok(p) => p.child(&m),
                Err(_) => article_id.child(&m),
            }
        };
        // A paragraph's words are its introductory part; a point's are all of it.
        if let Some(node) = find_mut(&mut doc.children, &id) {
            if normalised(&node.text) != normalised(words) {
                node.text = words.into();
                changed += 1;
            }
            continue;
        }
        let Some(after) = base_number(&m) else {
            continue;
        };
        let follows = match context.parse::<ClauseId>() {
            Ok(p) if !is_paragraph => p.child(after),
            _ => article_id.child(after),
        };
        let Some((list, at)) = siblings_of(&mut doc.children, &follows) else {
            continue;
        };
        let node = leaf(&list[at], &id, &m, words.to_owned());
        insert_after(list, at, after, &m, node);
        changed += 1;
    }
    if changed == 0 {
        return Err("its new words change nothing the draft has".into());
    }
    Ok(())
}

/// The words of an inserted article without its number: "Article 4 a General
/// principles" → "General principles".
fn strip_article_lead(words: &str) -> String {
    let mut it = words.split_whitespace();
    if it.next().is_some_and(|w| w.eq_ignore_ascii_case("article")) {
        let rest: Vec<&str> = it.collect();
        let mut k = 0;
        if rest
            .first()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        {
            k = 1;
            if rest
                .get(1)
                .is_some_and(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_lowercase()))
            {
                k = 2;
            }
        }
        return rest[k..].join(" ");
    }
    words.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amendment(number: &str, target: &str, old: &str, new: &[(&str, &str)]) -> Amendment {
        Amendment {
            number: number.into(),
            target: target.into(),
            old: old.into(),
            new: new
                .iter()
                .map(|(m, t)| Piece {
                    marker: (!m.is_empty()).then(|| (*m).to_owned()),
                    text: (*t).to_owned(),
                })
                .collect(),
        }
    }

    const BASE: &str = "Preamble\n\n(1) First recital.\n\n(2) Second recital.\n\nHAVE ADOPTED THIS REGULATION:\n\nArticle 1\nScope\n\nThis applies.\n\nArticle 5\nProhibited practices\n\n1. The following shall be prohibited:\n\n(a) subliminal techniques;\n\n(b) exploiting vulnerabilities;\n\n(c) social scoring.\n\n2. Old second paragraph.\n\nArticle 6\nRules\n\nOld rules.\n";

    fn ids(text: &str) -> Vec<String> {
        treaty_parse::parse_str(text)
            .expect("parses")
            .walk()
            .map(|n| n.id.to_string())
            .collect()
    }

    #[test]
    fn insertion_substitution_deletion_and_a_new_article() {
        let base = treaty_parse::parse_str(BASE).expect("parses");
        let out = apply(
            &base,
            &[
                amendment(
                    "217",
                    "Article 5 — paragraph 1 — point b a (new)",
                    "",
                    &[("(b a)", "biometric categorisation;")],
                ),
                amendment(
                    "216",
                    "Article 5 — paragraph 1 — point b",
                    "(b) exploiting vulnerabilities;",
                    &[("(b)", "exploiting any vulnerabilities;")],
                ),
                amendment(
                    "220",
                    "Article 5 — paragraph 2",
                    "2. Old second paragraph.",
                    &[("", "deleted")],
                ),
                amendment(
                    "100",
                    "Article 4 a (new)",
                    "",
                    &[
                        ("", "Article 4 a"),
                        ("", "General principles"),
                        ("", "1. Operators shall do their best."),
                        ("", "2. They shall report."),
                    ],
                ),
                amendment(
                    "230",
                    "Recital 1 a (new)",
                    "",
                    &[("", "(1a) An inserted recital.")],
                ),
                amendment("231", "Article 6", "Old rules.", &[("", "New rules.")]),
                amendment("240", "Article 9", "", &[("", "Nothing.")]),
                amendment(
                    "241",
                    "Article 1",
                    "Wholly other words here.",
                    &[("", "Changed.")],
                ),
                amendment("242", "Citation 1", "", &[("", "Having regard")]),
            ],
        );
        assert_eq!(out.applied, ["217", "216", "220", "100", "230", "231"]);
        assert_eq!(
            out.skipped,
            [
                ("240".to_owned(), "9 is not in the draft".to_owned()),
                (
                    "241".to_owned(),
                    "its old words are not those of 1 in the draft".to_owned()
                ),
                (
                    "242".to_owned(),
                    "amends citation 1; only articles, recitals and annexes are applied".to_owned()
                ),
            ]
        );
        let doc = treaty_parse::parse_str(&out.text).expect("the result parses");
        let text = |id: &str| {
            doc.find(&id.parse().expect("an ID"))
                .map(|n| n.text.clone())
        };
        assert_eq!(text("5.1.ba").as_deref(), Some("biometric categorisation;"));
        assert_eq!(
            text("5.1.b").as_deref(),
            Some("exploiting any vulnerabilities;")
        );
        assert_eq!(text("5.2"), None);
        assert_eq!(text("4a.2").as_deref(), Some("They shall report."));
        assert_eq!(
            doc.find(&"4a".parse().expect("an ID"))
                .and_then(|n| n.heading.clone())
                .as_deref(),
            Some("General principles")
        );
        assert_eq!(text("6").as_deref(), Some("New rules."));
        // The amendment's number stays with the words it gave.
        let marked = doc.find(&"5.1.ba".parse().expect("an ID")).expect("5.1.ba");
        assert_eq!(marked.negotiation.markers, ["amendment 217"]);
        let all = ids(&out.text);
        let at = |id: &str| all.iter().position(|x| x == id).expect(id);
        assert!(at("5.1.b") < at("5.1.ba") && at("5.1.ba") < at("5.1.c"));
        assert!(at("1") < at("4a") && at("4a") < at("5"));
        assert!(at("preamble.1") < at("preamble.1a") && at("preamble.1a") < at("preamble.2"));
    }
}
