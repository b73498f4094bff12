//! The commentary shipped in `annotations/`: it checks clean, the sample's anchors in the
//! drafts it names, and the UN Convention against Cybercrime's covers the published concerns.

use std::path::PathBuf;

use treaty_annotate::Stance;

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn the_repository_checks_clean_with_one_warning_for_the_missing_un_text() {
    let report = treaty_project::check(&repo("texts"), &repo("annotations"), None).expect("runs");
    let problems: Vec<_> = report
        .problems
        .iter()
        .map(|(f, p)| (report.files[*f].name.clone(), p.code, p.message.clone()))
        .collect();
    assert_eq!(report.errors(), 0, "{problems:#?}");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].1, "text-missing");
    assert!(
        problems[0].2.contains("un-cybercrime-convention"),
        "{problems:#?}"
    );
    assert!(report.annotations >= 40, "{}", report.annotations);
}

#[test]
fn every_sample_annotation_anchors_in_the_draft_it_names() {
    let report =
        treaty_project::check(&repo("texts"), &repo("annotations"), Some("sample")).expect("runs");
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    let files = treaty_project::annotation_files(&repo("annotations/sample")).expect("read");
    let all: Vec<_> = files.iter().flat_map(|f| &f.file.annotations).collect();
    // The sample exercises the whole format.
    for stance in Stance::ALL {
        assert!(
            all.iter().any(|a| a.stance == stance),
            "no {stance} annotation"
        );
    }
    for version in ["zero-draft", "revised-draft", "final"] {
        assert!(
            all.iter().any(|a| a.version == version),
            "nothing on {version}"
        );
    }
    assert!(all.iter().any(|a| a.prefix.is_some()));
    assert!(all.iter().any(|a| a.suffix.is_some()));
    assert!(all.iter().any(|a| a.clause.is_document()));
    let authors: std::collections::BTreeSet<_> = all.iter().map(|a| &a.author).collect();
    assert!(authors.len() >= 3, "{authors:?}");
}

#[test]
fn the_un_cybercrime_commentary_covers_the_published_concerns() {
    let files = treaty_project::annotation_files(&repo("annotations/un-cybercrime-convention"))
        .expect("read");
    let all: Vec<_> = files.iter().flat_map(|f| &f.file.annotations).collect();
    let on = |clause: &str| {
        let id: treaty_model::ClauseId = clause.parse().expect("an ID");
        all.iter()
            .filter(move |a| a.clause == id)
            .collect::<Vec<_>>()
    };
    for clause in [
        "6.2", "18", "23", "24", "35", "47.1.c", "4", "6", "22", "28", "28.4", "29", "30", "36",
        "47", "7", "8", "9", "10", "11", "document",
    ] {
        assert!(!on(clause).is_empty(), "nothing on {clause}");
    }
    for a in &all {
        assert_eq!(a.version, "final", "{}: IDs use the final numbering", a.id);
        assert!(a.source.is_some(), "{} has no source", a.id);
        assert!(!a.author.is_empty());
    }
    // Numbers mapped from an earlier draft say so.
    for (clause, author) in [
        ("4", "ARTICLE 19"),
        ("28.4", "Global Network Initiative"),
        ("6", "OHCHR"),
    ] {
        let mapped = on(clause)
            .into_iter()
            .filter(|a| a.author.contains(author))
            .all(|a| a.tags.iter().any(|t| t == "number-mapped"));
        assert!(mapped, "{clause} by {author} is not marked as mapped");
    }
    // The quotes are the words the published concerns are about.
    let quoted: Vec<_> = all
        .iter()
        .filter_map(|a| Some((a.clause.as_str(), a.quote.as_deref()?)))
        .collect();
    assert!(quoted.contains(&("47.1.c", "for analytical or investigative purposes")));
    assert!(quoted.contains(&("6.2", "suppression of human rights or fundamental freedoms")));
}
