//! Styled text for the panes: a text cut at styled ranges, control characters escaped,
//! and wrapped into lines of a given width by display cells.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use treaty_model::escape_controls;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: Style,
}

impl Piece {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

/// `text` cut where the `ranges` start and end, each piece in `base` patched with the
/// styles of the ranges that cover it. Control characters come out escaped (`\u{1b}`).
pub fn styled(text: &str, ranges: &[(Range<usize>, Style)], base: Style) -> Vec<Piece> {
    let mut cuts = vec![0, text.len()];
    for (r, _) in ranges {
        cuts.push(r.start.min(text.len()));
        cuts.push(r.end.min(text.len()));
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let style = ranges
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |s, (_, add)| s.patch(*add));
            Piece::new(escape_controls(&text[w[0]..w[1]]).into_owned(), style)
        })
        .collect()
}

/// Wrap pieces into lines of at most `width` cells; `\n` breaks a line. Words longer than
/// a line are cut. `first` is put before the first line and as many spaces before the
/// others (a hanging indent for clause numbers), when it leaves room for text.
pub fn wrap(first: &[Piece], pieces: &[Piece], width: usize) -> Vec<Line<'static>> {
    let lead: usize = first.iter().map(|p| cells(&p.text)).sum();
    let indent = if lead + 8 <= width { lead } else { 0 };
    let avail = width.saturating_sub(indent).max(1);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0usize;
    for tok in tokens(pieces) {
        let (space, runs) = match tok {
            Tok::Break => {
                lines.push(Vec::new());
                used = 0;
                continue;
            }
            Tok::Word(runs) => (false, runs),
            Tok::Space(runs) => (true, runs),
        };
        let w: usize = runs.iter().map(|(t, _)| cells(t)).sum();
        if space {
            if used > 0 && used + w <= avail {
                for (t, s) in runs {
                    lines.last_mut().expect("a line").push(Span::styled(t, s));
                }
                used += w;
            }
            continue;
        }
        if used > 0 && used + w > avail {
            // Drop the spaces that ended the line.
            if let Some(line) = lines.last_mut() {
                while line.last().is_some_and(|s| s.content.trim().is_empty()) {
                    line.pop();
                }
            }
            lines.push(Vec::new());
            used = 0;
        }
        for (t, s) in runs {
            let mut rest = t.as_str();
            while !rest.is_empty() {
                let (take, taken) = fit(rest, avail - used);
                if take == 0 {
                    if used == 0 {
                        // Not even one character fits: put one anyway.
                        let n = rest.graphemes(true).next().map_or(rest.len(), str::len);
                        lines
                            .last_mut()
                            .expect("a line")
                            .push(Span::styled(rest[..n].to_owned(), s));
                        rest = &rest[n..];
                    }
                    lines.push(Vec::new());
                    used = 0;
                    continue;
                }
                lines
                    .last_mut()
                    .expect("a line")
                    .push(Span::styled(rest[..take].to_owned(), s));
                used += taken;
                rest = &rest[take..];
            }
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(k, spans)| {
            let mut out: Vec<Span<'static>> = Vec::new();
            if indent > 0 {
                if k == 0 {
                    out.extend(first.iter().map(|p| Span::styled(p.text.clone(), p.style)));
                } else {
                    out.push(Span::raw(" ".repeat(indent)));
                }
            }
            out.extend(spans);
            Line::from(out)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
        .flat_map(|(k, line)| {
            // Without room for a hanging indent, the lead stands on its own line.
            if k == 0 && indent == 0 && !first.is_empty() {
                let lead = Line::from(
                    first
                        .iter()
                        .map(|p| Span::styled(p.text.clone(), p.style))
                        .collect::<Vec<_>>(),
                );
                vec![lead, line]
            } else {
                vec![line]
            }
        })
        .collect()
}

enum Tok {
    Word(Vec<(String, Style)>),
    Space(Vec<(String, Style)>),
    Break,
}

/// Words, runs of spaces and line breaks, each word or space a list of styled runs.
fn tokens(pieces: &[Piece]) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    for p in pieces {
        for ch in p.text.chars() {
            if ch == '\n' {
                toks.push(Tok::Break);
                continue;
            }
            let space = ch == ' ';
            let fresh = match toks.last() {
                Some(Tok::Word(_)) => space,
                Some(Tok::Space(_)) => !space,
                _ => true,
            };
            if fresh {
                toks.push(if space {
                    Tok::Space(Vec::new())
                } else {
                    Tok::Word(Vec::new())
                });
            }
            if let Some(Tok::Word(runs) | Tok::Space(runs)) = toks.last_mut() {
                match runs.last_mut() {
                    Some((t, s)) if *s == p.style => t.push(ch),
                    _ => runs.push((ch.to_string(), p.style)),
                }
            }
        }
    }
    toks
}

/// Display width of a string in terminal cells, measured as the terminal (and ratatui)
/// lays it out: by grapheme, so that an emoji with a skin tone or joined by ZWJ, or a
/// letter with combining marks, counts once.
pub fn cells(s: &str) -> usize {
    // Printable ASCII (what escaped text mostly is) is a cell a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// How many bytes of `s` fit in `room` cells, and how many cells they take; a grapheme
/// is never cut.
fn fit(s: &str, room: usize) -> (usize, usize) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        let n = s.len().min(room);
        return (n, n);
    }
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if used + w > room {
            return (i, used);
        }
        used += w;
    }
    (s.len(), used)
}

/// Cut a line to `width` cells (for one-line labels).
pub fn truncate(s: &str, width: usize) -> String {
    if cells(s) <= width {
        return s.to_owned();
    }
    let (n, _) = fit(s, width.saturating_sub(1));
    format!("{}…", &s[..n])
}

/// A line of left-to-right text as a terminal must show it when it holds words of a
/// right-to-left script (`Article 2 — الضمانات`): terminals print characters in the
/// order they receive them, so the right-to-left runs are put in reading order by the
/// Unicode bidirectional algorithm. Other lines are returned as they are.
pub fn visual(line: &str) -> std::borrow::Cow<'_, str> {
    let has_rtl = line.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    });
    if !has_rtl {
        return std::borrow::Cow::Borrowed(line);
    }
    std::borrow::Cow::Owned(unjoined(&reordered(line, None)))
}

/// A line in visual order by the Unicode bidirectional algorithm, from the base level
/// given (`None`: the line's first strong letter), the brackets of right-to-left runs
/// mirrored as a terminal will not: `(ب)` read right to left is drawn `)ب(` without it.
pub fn reordered(line: &str, base: Option<unicode_bidi::Level>) -> String {
    let info = unicode_bidi::BidiInfo::new(line, base);
    let Some(para) = info.paragraphs.first() else {
        return line.to_owned();
    };
    let range = para.range.clone();
    let levels = info.reordered_levels_per_char(para, range.clone());
    let chars: Vec<char> = line[range].chars().collect();
    unicode_bidi::BidiInfo::reorder_visual(&levels)
        .into_iter()
        .filter_map(|k| {
            let c = *chars.get(k)?;
            Some(if levels[k].is_rtl() { mirrored(c) } else { c })
        })
        .collect()
}

/// The mirror image of a bracket or quotation mark, as right-to-left text shows it.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '（' => '）',
        '）' => '（',
        c => c,
    }
}

/// Text in visual order with a zero-width non-joiner after each lam that precedes an
/// alef. Reversed, such a pair is no ligature, yet width tables count it as one cell:
/// the mark keeps each letter its own cell, as the terminal draws them.
pub fn unjoined(visual: &str) -> String {
    let mut out = String::with_capacity(visual.len());
    let mut chars = visual.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == 'ل'
            && chars
                .peek()
                .is_some_and(|n| matches!(n, 'ا' | 'أ' | 'إ' | 'آ'))
        {
            out.push('\u{200c}');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_with_a_hanging_indent() {
        let lines = wrap(
            &[Piece::new("6.1  ", Style::new())],
            &[Piece::new(
                "Each State Party shall adopt such measures",
                Style::new(),
            )],
            20,
        );
        assert_eq!(
            plain(&lines),
            [
                "6.1  Each State",
                "     Party shall",
                "     adopt such",
                "     measures"
            ]
        );
    }

    #[test]
    fn long_words_are_cut_and_nothing_is_lost() {
        let lines = wrap(&[], &[Piece::new("abcdefghij klm", Style::new())], 4);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij", "klm"]);
    }

    #[test]
    fn control_characters_are_escaped_and_styles_kept() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let pieces = styled("a\u{1b}[31mb c", &[(2..5, bold)], Style::new());
        let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(pieces.iter().any(|p| p.style == bold));
    }

    #[test]
    fn graphemes_are_measured_and_kept_whole() {
        // A thumbs-up with a skin tone, a family joined by ZWJ, an e with an acute.
        for (s, w) in [("👍🏽", 2), ("e\u{301}", 1), ("漢字", 4), ("ab", 2)] {
            assert_eq!(cells(s), w, "{s:?}");
        }
        let lines = wrap(
            &[],
            &[Piece::new("e\u{301}e\u{301}e\u{301}", Style::new())],
            2,
        );
        assert_eq!(plain(&lines), ["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn any_width_down_to_one_is_fine() {
        for w in 0..6 {
            let lines = wrap(
                &[Piece::new("12.2  ", Style::new())],
                &[Piece::new("Wide 漢字 text\nnext", Style::new())],
                w,
            );
            assert!(!lines.is_empty());
        }
    }
}
