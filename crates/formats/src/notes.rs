//! Footnotes met while writing canonical text: each reference becomes `[^label]` in the
//! words, and the notes referred to since the last block are written after it, as
//! `[^label]: text` lines, the way the foot of a page holds them.

use std::collections::HashSet;

use crate::text::Lines;

#[derive(Debug, Default)]
pub struct Footnotes {
    /// Notes referred to since the last were written: label and text.
    pending: Vec<(String, String)>,
    /// Every label given so far, for labels to stay unique in the document.
    labels: HashSet<String>,
}

impl Footnotes {
    /// Keep a note for the next block of footnotes and give the reference to write in
    /// the words: the publisher's marker when it is free (`1`, `*`), else the next free
    /// number.
    pub fn refer(&mut self, marker: Option<&str>, text: String) -> String {
        let wanted = marker
            .map(|m| m.trim().trim_matches(['(', ')']).to_owned())
            .filter(|m| {
                !m.is_empty() && !m.contains(|c: char| c.is_whitespace() || "[]^".contains(c))
            });
        let label = match wanted {
            Some(m) if !self.labels.contains(&m) => m,
            _ => (1..)
                .map(|n: usize| n.to_string())
                .find(|n| !self.labels.contains(n))
                .unwrap_or_default(),
        };
        self.labels.insert(label.clone());
        self.pending.push((label.clone(), text));
        format!("[^{label}]")
    }

    /// Write the notes referred to since the last call, after a blank line.
    pub fn flush(&mut self, lines: &mut Lines) {
        if self.pending.is_empty() {
            return;
        }
        lines.blank();
        for (label, text) in std::mem::take(&mut self.pending) {
            lines.line(&format!("[^{label}]: {text}"));
        }
        lines.blank();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_stay_unique_and_notes_follow_their_block() {
        let mut notes = Footnotes::default();
        assert_eq!(notes.refer(Some("1"), "First.".into()), "[^1]");
        assert_eq!(notes.refer(Some("(1)"), "Marked 1 again.".into()), "[^2]");
        assert_eq!(notes.refer(Some("*"), "Starred.".into()), "[^*]");
        assert_eq!(notes.refer(None, "Unmarked.".into()), "[^3]");
        let mut lines = Lines::default();
        lines.line("Text[^1].");
        notes.flush(&mut lines);
        notes.flush(&mut lines);
        assert_eq!(
            lines.finish(),
            "Text[^1].\n\n[^1]: First.\n[^2]: Marked 1 again.\n[^*]: Starred.\n[^3]: Unmarked.\n"
        );
    }
}
