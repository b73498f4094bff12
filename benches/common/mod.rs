//! What the benchmarks share: reading the real texts.

/// A corpus text: `TREATY_CORPUS`, or `../shared/corpus` beside the project.
pub fn corpus_text(rel: &str) -> Vec<u8> {
    treaty_testdata::read(rel)
}

/// `n` annotations on the clauses of `doc` that have seven words or more, round-robin,
/// each quoting four of the clause's words, written on draft `version`.
#[allow(dead_code)] // not every benchmark uses it
pub fn generated_annotations(
    doc: &treaty_model::Document,
    n: usize,
    version: &str,
) -> Vec<treaty_annotate::Annotation> {
    let nodes: Vec<&treaty_model::Node> = doc
        .walk()
        .filter(|x| x.text.split_whitespace().count() >= 7)
        .collect();
    (0..n)
        .map(|k| {
            let node = nodes[k % nodes.len()];
            let quote: String = node
                .text
                .split_whitespace()
                .skip(2)
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            treaty_annotate::Annotation {
                id: format!("a-{k}"),
                clause: node.id.clone(),
                version: version.into(),
                language: None,
                quote: Some(quote),
                prefix: None,
                suffix: None,
                author: format!("Organisation {}", k % 40),
                source: Some(format!("https://example.org/comment/{k}")),
                date: "2024-08-08".parse().expect("a date"),
                tags: vec![format!("t{}", k % 7)],
                stance: treaty_annotate::Stance::ALL[k % 5],
                body: format!("Comment number {k}, with *emphasis* and a list:\n\n- one\n- two\n"),
                at: treaty_annotate::Locations::default(),
            }
        })
        .collect()
}
