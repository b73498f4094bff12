//! The Universal Declaration in the six languages of the United Nations
//! (`../shared/corpus/multilingual/udhr/`), as plain text and as the published HTML: the
//! same articles and paragraphs under the same IDs in every language.

mod common;

use common::{node, parse, read};
use treaty_formats::Format;
use treaty_model::{Document, NodeKind};

const LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

fn ids(doc: &Document) -> Vec<String> {
    doc.walk().map(|n| n.id.to_string()).collect()
}

fn from_html(lang: &str) -> Document {
    let rel = format!("multilingual/udhr/{lang}.html");
    let bytes = read(&rel);
    assert_eq!(Format::detect(&bytes), Format::Html, "{rel}");
    let imported =
        treaty_formats::import(&bytes, Format::Html).unwrap_or_else(|e| panic!("{rel}: {e}"));
    treaty_parse::parse_str(&imported.text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn recitals(doc: &Document) -> usize {
    doc.children
        .iter()
        .find(|n| n.kind == NodeKind::Preamble)
        .map_or(0, |p| p.children.len())
}

#[test]
fn every_language_has_thirty_articles_with_the_english_ids() {
    let english = parse("multilingual/udhr/en.txt");
    let english_ids = ids(&english);
    for lang in LANGUAGES {
        let doc = parse(&format!("multilingual/udhr/{lang}.txt"));
        assert_eq!(doc.articles().count(), 30, "{lang}");
        assert_eq!(doc.language.as_deref(), Some(lang), "{lang}");
        let numbers: Vec<_> = doc.articles().filter_map(|a| a.number.clone()).collect();
        let expected: Vec<_> = (1..=30).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "{lang}");
        assert_eq!(node(&doc, "29").children.len(), 3, "{lang}");
        assert!(!node(&doc, "29.2").text.is_empty(), "{lang}");
        // The Arabic edition has six recitals: the one on friendly relations between
        // nations (the English fourth) is not in it. Every other ID is the English one.
        let mut want = english_ids.clone();
        if lang == "ar" {
            want.retain(|id| id != "preamble.7");
        }
        assert_eq!(ids(&doc), want, "{lang}");
        let codes: Vec<_> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.is_empty(), "{lang}: {codes:?}");
    }
}

#[test]
fn the_recitals_and_the_proclamation_are_told_apart_in_every_language() {
    for (lang, recital_count, proclamation) in [
        ("ar", 6, "فإن الجمعية العامة"),
        ("zh", 7, "因此现在"),
        ("en", 7, "Now, therefore,"),
        ("fr", 7, "L’Assemblée générale"),
        ("ru", 7, "Генеральная Ассамблея"),
        ("es", 7, "Ahora, por tanto,"),
    ] {
        let doc = parse(&format!("multilingual/udhr/{lang}.txt"));
        assert_eq!(recitals(&doc), recital_count, "{lang}");
        let preamble = node(&doc, "preamble");
        let closing = preamble.closing.as_deref().unwrap_or("");
        assert!(closing.starts_with(proclamation), "{lang}: {closing:?}");
    }
    // Each recital keeps its own words: the first one, as each language opens it.
    for (lang, opening) in [
        ("ar", "لمّا كان"),
        ("zh", "鉴于"),
        ("fr", "Considérant"),
        ("ru", "Принимая во внимание"),
        ("es", "Considerando"),
    ] {
        let doc = parse(&format!("multilingual/udhr/{lang}.txt"));
        assert!(node(&doc, "preamble.1").text.starts_with(opening), "{lang}");
    }
}

#[test]
fn article_headings_are_read_as_each_language_prints_them() {
    for (lang, first_line) in [
        ("ar", "المادة 1"),
        ("zh", "第一条"),
        ("fr", "Article premier"),
        ("ru", "Статья 1"),
        ("es", "Artículo 1"),
    ] {
        let rel = format!("multilingual/udhr/{lang}.txt");
        let src = String::from_utf8(read(&rel)).expect("UTF-8");
        let doc = parse(&rel);
        let first = node(&doc, "1");
        assert_eq!(
            &src[first.span.start..first.span.start + first_line.len()],
            first_line
        );
        // Article 24 of the Chinese text is `第二十四条`: a numeral of two characters.
        assert_eq!(node(&doc, "24").number.as_deref(), Some("24"), "{lang}");
    }
}

#[test]
fn the_published_html_gives_the_same_clauses_as_the_plain_text() {
    for lang in LANGUAGES {
        let plain = parse(&format!("multilingual/udhr/{lang}.txt"));
        let html = from_html(lang);
        assert_eq!(ids(&html), ids(&plain), "{lang}");
        for id in ["1", "29.2", "30"] {
            assert_eq!(node(&html, id).text, node(&plain, id).text, "{lang} {id}");
        }
        assert_eq!(html.title, plain.title, "{lang}");
    }
}
