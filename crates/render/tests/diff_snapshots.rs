//! Snapshots of every diff rendering, on the sample's revised draft against its final one.

use std::path::PathBuf;

use treaty_model::Draft;
use treaty_render::Style;
use treaty_render::diff::{self as diffview, Filter};

fn sample(label: &str) -> Draft {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(format!("texts/sample/{label}.txt"));
    let text = std::fs::read_to_string(&path).expect("the sample");
    let doc = treaty_parse::parse_str(&text).expect("parses");
    Draft::new(label, path.display().to_string(), text, doc)
}

fn render(f: impl Fn(&treaty_diff::ConventionDiff, &Draft, &Draft, &mut Vec<u8>)) -> String {
    let (old, new) = (sample("revised-draft"), sample("final"));
    let d = treaty_diff::diff(&(&old).into(), &(&new).into());
    let mut out = Vec::new();
    f(&d, &old, &new, &mut out);
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn every_format() {
    let filter = Filter::default();
    insta::assert_snapshot!(
        "summary",
        render(|d, _, _, out| diffview::summary(d, &filter, out).expect("renders"))
    );
    insta::assert_snapshot!(
        "word",
        render(|d, _, _, out| diffview::words(d, &filter, Style::Plain, out).expect("renders"))
    );
    insta::assert_snapshot!(
        "text_color",
        render(|d, _, _, out| diffview::words(d, &filter, Style::Color, out).expect("renders"))
    );
    insta::assert_snapshot!(
        "side_by_side",
        render(
            |d, _, _, out| diffview::side_by_side(d, &filter, Style::Plain, 90, out)
                .expect("renders")
        )
    );
    insta::assert_snapshot!(
        "unified",
        render(|d, o, n, out| diffview::unified(d, &filter, o, n, out).expect("renders"))
    );
    insta::assert_snapshot!(
        "markdown",
        render(|d, _, _, out| diffview::markdown(d, &filter, out).expect("renders"))
    );
    insta::assert_snapshot!(
        "html",
        render(|d, _, _, out| diffview::html(d, &filter, out).expect("renders"))
    );
    insta::assert_snapshot!(
        "json",
        render(|d, _, _, out| serde_json::to_writer_pretty(out, d).expect("renders"))
    );
}

#[test]
fn user_text_is_escaped_in_html_and_markdown() {
    let old = Draft::new(
        "<old>",
        "",
        "Article 1\n1. Plain words.\n",
        treaty_parse::parse_str("Article 1\n1. Plain words.\n").expect("parses"),
    );
    // The parser drops inline HTML tags from clause text; what is left must still be
    // escaped: comparison signs, ampersands, quotes.
    let evil = "Article 1\n1. Plain <script>alert(1)</script> words, 5 < 6 && \"x\" > 'y'.\n";
    let new = Draft::new(
        "new",
        "",
        evil,
        treaty_parse::parse_str(evil).expect("parses"),
    );
    let d = treaty_diff::diff(&(&old).into(), &(&new).into());
    let mut html = Vec::new();
    diffview::html(&d, &Filter::default(), &mut html).expect("renders");
    let html = String::from_utf8(html).expect("UTF-8");
    assert!(
        !html.contains("<script>") && !html.contains("< 6"),
        "{html}"
    );
    assert!(
        html.contains("5 &lt; 6 &amp;&amp; &quot;x&quot; &gt; &#39;y&#39;"),
        "{html}"
    );
    assert!(html.contains("&lt;old&gt;"), "{html}");
    let mut md = Vec::new();
    diffview::markdown(&d, &Filter::default(), &mut md).expect("renders");
    let md = String::from_utf8(md).expect("UTF-8");
    assert!(!md.contains("<script>") && md.contains("5 &lt; 6"), "{md}");
}
