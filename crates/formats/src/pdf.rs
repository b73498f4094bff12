//! Text extracted from a PDF (what `pdftotext` gives for an official UN document) to
//! canonical text. Running headers and footers, form feeds, wrapped lines and words
//! hyphenated across lines are the parser's business and stay as they are; what is done
//! here is what the parser cannot see line by line: footnotes at the bottom of a page.
//! Their text is taken out of the page and kept as footnotes (`[^1]: ...`), and their
//! markers in the body (`session,1 and`) become references (`session,[^1] and`).

use crate::{Imported, Warning};

/// A footnote separator: a rule of underscores (or dashes) and nothing else.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5 && (t.chars().all(|c| c == '_') || t.chars().all(|c| c == '-' || c == '—'))
}

/// "12 Official Records ..." → (12, "Official Records ...").
fn footnote_start(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    let text = rest.trim_start();
    (rest.len() > text.len() && !text.is_empty())
        .then(|| t[..digits].parse().ok().map(|n| (n, text)))
        .flatten()
}

pub fn import(src: &str) -> Imported {
    let mut out = String::with_capacity(src.len());
    let mut notes: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    for (p, page) in src.split('\u{c}').enumerate() {
        if p > 0 {
            out.push('\u{c}');
        }
        let lines: Vec<&str> = page.split('\n').collect();
        let Some(sep) = lines.iter().rposition(|l| is_separator(l)) else {
            out.push_str(page);
            continue;
        };
        // The footnotes: from the separator to the first blank line after them.
        let mut page_notes: Vec<(u32, String)> = Vec::new();
        let mut end = sep + 1;
        while end < lines.len() {
            let l = lines[end];
            if l.trim().is_empty() {
                if page_notes.is_empty() {
                    end += 1;
                    continue;
                }
                break;
            }
            match footnote_start(l) {
                Some((n, text)) => page_notes.push((n, text.trim().to_owned())),
                None => match page_notes.last_mut() {
                    Some((_, t)) => {
                        // A word hyphenated across lines is rejoined.
                        if t.ends_with('-') && l.trim_start().starts_with(char::is_lowercase) {
                            t.pop();
                        } else {
                            t.push(' ');
                        }
                        t.push_str(l.trim());
                    }
                    None => break,
                },
            }
            end += 1;
        }
        if page_notes.is_empty() {
            out.push_str(page);
            continue;
        }
        let mut body: Vec<String> = lines[..sep].iter().map(|l| (*l).to_owned()).collect();
        for (n, text) in page_notes {
            notes.push(text);
            let k = notes.len();
            if !replace_marker(&mut body, n, k) {
                warnings.push(Warning::new(format!(
                    "page {}: the marker of footnote {n} was not found in the text; the footnote is kept at the end",
                    p + 1
                )));
            }
        }
        body.extend(lines[end..].iter().map(|l| (*l).to_owned()));
        out.push_str(&body.join("\n"));
    }
    if !notes.is_empty() {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        for (k, n) in notes.iter().enumerate() {
            out.push_str(&format!("[^{}]: {n}\n", k + 1));
        }
    }
    Imported {
        text: out,
        title: None,
        warnings,
    }
}

/// Replace the first marker of footnote `n` in the page body with a reference `[^k]`: the
/// number glued to the end of a word or to punctuation ("session,1", "Convention1").
fn replace_marker(body: &mut [String], n: u32, k: usize) -> bool {
    let digits = n.to_string();
    for line in body.iter_mut() {
        let mut from = 0;
        while let Some(at) = line[from..].find(&digits).map(|i| i + from) {
            let before = line[..at].chars().next_back();
            let after = line[at + digits.len()..].chars().next();
            let glued = before.is_some_and(|c| c.is_alphabetic() || ",.;:)”’\"".contains(c));
            let two_before = line[..at].chars().rev().nth(1);
            let after_number = before.is_some_and(|c| ",.".contains(c))
                && two_before.is_some_and(|c| c.is_ascii_digit());
            let ends = after.is_none_or(|c| c.is_whitespace() || ",.;:)".contains(c));
            if glued && ends && !after_number {
                line.replace_range(at..at + digits.len(), &format!("[^{k}]"));
                return true;
            }
            from = at + digits.len();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_at_the_bottom_of_a_page_become_footnotes() {
        let page = "Article 1\nThe Assembly, recalling its resolution,1 decides as follows.\n\n______\n1 See the report of the session, pp. 1-\n  2.\n\n17\nV.24-12345 (E)\n\u{c}Article 2\nText.\n";
        let imp = import(page);
        assert_eq!(
            imp.text,
            "Article 1\nThe Assembly, recalling its resolution,[^1] decides as follows.\n\n\n17\nV.24-12345 (E)\n\u{c}Article 2\nText.\n\n[^1]: See the report of the session, pp. 1- 2.\n"
        );
        assert!(imp.warnings.is_empty());
    }

    #[test]
    fn numbers_that_are_not_markers_are_left_alone() {
        let mut body = vec![
            "in article 1 and in 2001,1 of".to_owned(),
            "the Convention1 applies".to_owned(),
        ];
        assert!(replace_marker(&mut body, 1, 1));
        assert_eq!(
            body,
            [
                "in article 1 and in 2001,1 of",
                "the Convention[^1] applies"
            ]
        );
    }
}
