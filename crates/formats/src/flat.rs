//! Structure recovered from flattened text: publishers that put a whole article into one
//! paragraph keep its paragraph numbers and list markers inline ("1 The following shall be
//! prohibited:(a)the placing ...;(b)the use ... 2 The use of ..."). This module cuts such
//! a text back into one clause a line.
//!
//! A number or marker is a clause boundary only when it fits the sequence being read: the
//! paragraphs of an article are numbered 1, 2, 3 in order, and a list runs (a), (b), (c)
//! or (i), (ii), (iii). Numbers that merely occur in the words ("Article 2", "2 August",
//! "point (a)") are told apart by what stands before and after them.

/// Recover the lines of a flattened article: "1 The following shall be prohibited:(a)the
/// placing ...;(b)the use ... 2 The use of ..." becomes "1. The following ...", "(a) the
/// placing ...", "(b) the use ...", "2. The use of ...".
pub fn unflatten(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in split_paragraphs(text) {
        out.extend(split_points(&para));
    }
    out
}

/// Month names in the languages EU acts are most read in: a number before one is a date
/// ("2 August 2026"), never a paragraph number.
const MONTHS: [&str; 48] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "Januar",
    "Februar",
    "März",
    "Mai",
    "Juni",
    "Juli",
    "Oktober",
    "Dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "giugno",
    "luglio",
];

/// Words after which a number is part of a citation ("Article 2", "paragraph 3",
/// "Regulation (EU) No 2"), not the start of a paragraph.
const CITING: [&str; 22] = [
    "Article",
    "Articles",
    "article",
    "articles",
    "paragraph",
    "paragraphs",
    "point",
    "points",
    "subparagraph",
    "No",
    "Chapter",
    "Section",
    "Title",
    "Annex",
    "Annexes",
    "and",
    "or",
    "to",
    "of",
    "than",
    "least",
    "within",
];

/// A place where a paragraph could begin: a number of one to three digits on its own,
/// followed by a word that could open a sentence.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    at: usize,
    number: u32,
    /// It follows the end of a sentence or of a list (`.`, `;`, `:`).
    after_sentence: bool,
    /// It follows a word that cites (`Article`, `paragraph`, `and`): never a boundary
    /// unless a sentence ended before it.
    after_citing_word: bool,
}

fn candidates(text: &str) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || bytes[i - 1] == b' ';
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if !starts_word || digits == 0 {
            i += 1;
            continue;
        }
        let end = i + digits;
        if digits <= 3
            && bytes.get(end) == Some(&b' ')
            && opens_sentence(&text[end + 1..])
            && let Ok(number) = text[i..end].parse::<u32>()
        {
            let before = &text[..i];
            let previous = before.split_whitespace().next_back().unwrap_or("");
            out.push(Candidate {
                at: i,
                number,
                after_sentence: ends_sentence(before),
                after_citing_word: CITING.contains(&previous),
            });
        }
        i = end;
    }
    out
}

/// Whether the words could open a paragraph: a capital, a quotation mark or a bracket,
/// and not a month (which would make the number a date).
fn opens_sentence(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || "(‘“'\"[".contains(first)) {
        return false;
    }
    let word = rest
        .split([' ', ',', '.'])
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.']);
    !MONTHS.contains(&word)
}

fn ends_sentence(before: &str) -> bool {
    let t = before.trim_end();
    let t = t.trim_end_matches(['’', '”', '\'', '"', ')']);
    t.ends_with(['.', ';', ':']) && before.ends_with(' ')
}

/// Split at paragraph numbers. The text must open with "1 "; each next number is taken
/// where it follows the end of a sentence. Where the end of the sentence is missing (a
/// footnote or a page header left in the words, "... Official Journal of the European
/// Union 2 In accordance ..."), a bare number still counts when it is the one expected
/// and either the number after it follows or no later number is found at a sentence end.
fn split_paragraphs(text: &str) -> Vec<String> {
    if !(text.starts_with("1 ") && opens_sentence(&text[2..])) {
        return vec![text.to_owned()];
    }
    let found = candidates(text);
    let mut cuts = vec![0];
    let mut expected = 2;
    let mut last = 0;
    loop {
        let next = |c: &&Candidate| c.number == expected && c.at > last;
        let cut = match found.iter().filter(next).find(|c| c.after_sentence) {
            Some(c) => Some(c.at),
            None => found
                .iter()
                .filter(next)
                .find(|c| !c.after_citing_word)
                .filter(|c| {
                    let then_follows = found
                        .iter()
                        .any(|d| d.number == expected + 1 && d.at > c.at);
                    let none_later = !found
                        .iter()
                        .any(|d| d.after_sentence && d.number > expected);
                    then_follows || none_later
                })
                .map(|c| c.at),
        };
        let Some(at) = cut else { break };
        cuts.push(at);
        last = at;
        expected += 1;
    }
    cuts.push(text.len());
    cuts.windows(2)
        .map(|w| paragraph_line(&text[w[0]..w[1]]))
        .collect()
}

/// "2 The use" → "2. The use".
fn paragraph_line(s: &str) -> String {
    let s = s.trim();
    match s.split_once(' ') {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}. {rest}"),
        _ => s.to_owned(),
    }
}

/// Split before list markers: a marker that opens a list (`(a)`, `(i)`, `(1)`) after a
/// colon, a semicolon, a full stop or a comma, and one that continues a list already
/// begun after any of those or after "and"/"or" ("; and (c) the").
fn split_points(text: &str) -> Vec<String> {
    let mut cuts = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, _) in text.match_indices('(') {
        let Some(close) = text[i..].find(')') else {
            continue;
        };
        let marker = &text[i + 1..i + close];
        // `(b a)`: a point an amendment inserts after (b).
        let inserted = marker.len() == 3
            && marker.as_bytes()[1] == b' '
            && marker
                .bytes()
                .filter(|b| *b != b' ')
                .all(|b| b.is_ascii_lowercase());
        let is_marker = inserted
            || !marker.is_empty()
                && marker.len() <= 5
                && (marker.chars().all(|c| c.is_ascii_lowercase())
                    || marker.chars().all(|c| c.is_ascii_digit()));
        if !is_marker {
            continue;
        }
        let before = text[..i].trim_end();
        let joined = before
            .strip_suffix(" and")
            .or_else(|| before.strip_suffix(" or"))
            .map(str::trim_end);
        let before = joined.unwrap_or(before);
        let continues = seen.iter().any(|last| follows(last, marker));
        let opens = matches!(marker, "a" | "i" | "1");
        // An amendment's "deleted" stands where the points it struck out were.
        let cut = if before.ends_with([':', ';']) || (before.ends_with(" deleted") && continues) {
            true
        } else if before.ends_with(['.', ',']) {
            continues || opens
        } else {
            false
        };
        if cut {
            cuts.push(i);
            seen.push(marker);
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for &start in &cuts {
        let piece = text[from..start].trim();
        if !piece.is_empty() {
            out.push(piece.to_owned());
        }
        from = start;
    }
    out.push(text[from..].trim().to_owned());
    out.retain(|l| !l.is_empty());
    // Make sure a marker is followed by a space: "(a)the" → "(a) the".
    out.into_iter()
        .map(|l| match l.find(')') {
            Some(close) if l.starts_with('(') && !l[close + 1..].starts_with(' ') => {
                format!("{} {}", &l[..=close], &l[close + 1..])
            }
            _ => l,
        })
        .collect()
}

/// Whether `marker` comes right after `previous` in a list: `37` → `38`, `c` → `d`,
/// `iv` → `v`.
fn follows(previous: &str, marker: &str) -> bool {
    if let (Ok(a), Ok(b)) = (previous.parse::<u32>(), marker.parse::<u32>()) {
        return b == a + 1;
    }
    // An inserted point (`b a`) follows the point it is inserted after, and the point
    // after that one follows it.
    fn stem(s: &str) -> Option<&str> {
        let b = s.as_bytes();
        (b.len() == 3 && b[1] == b' ').then(|| &s[..1])
    }
    if let Some(x) = stem(marker) {
        return previous == x || stem(previous) == Some(x);
    }
    if let Some(x) = stem(previous) {
        return follows(x, marker);
    }
    let letter = |s: &str| {
        let mut c = s.chars();
        match (c.next(), c.next()) {
            (Some(x), None) => Some(x),
            _ => None,
        }
    };
    if let (Some(a), Some(b)) = (letter(previous), letter(marker))
        && u32::from(b) == u32::from(a) + 1
    {
        return true;
    }
    matches!((roman(previous), roman(marker)), (Some(a), Some(b)) if b == a + 1)
}

/// The value of a lowercase Roman numeral up to 39 (`xxxix`), as lists use them.
fn roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &d) in digits.iter().enumerate() {
        match digits.get(k + 1) {
            Some(&next) if next > d => total -= d as i64,
            _ => total += d as i64,
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unflattens_paragraphs_and_points() {
        let text = "1 The following AI practices shall be prohibited:(a)the placing on the market;(b)the use of a system with the following:(i)detrimental treatment;(ii)other treatment; and (c)the rest. 2 The use of systems referred to in paragraph 1, point (a) shall be notified. 3 Member States may decide.";
        assert_eq!(
            unflatten(text),
            vec![
                "1. The following AI practices shall be prohibited:",
                "(a) the placing on the market;",
                "(b) the use of a system with the following:",
                "(i) detrimental treatment;",
                "(ii) other treatment; and",
                "(c) the rest.",
                "2. The use of systems referred to in paragraph 1, point (a) shall be notified.",
                "3. Member States may decide.",
            ]
        );
    }

    #[test]
    fn an_unnumbered_text_is_left_whole() {
        assert_eq!(
            unflatten("This Regulation shall enter into force on the twentieth day."),
            vec!["This Regulation shall enter into force on the twentieth day."]
        );
    }

    #[test]
    fn a_paragraph_number_after_words_left_from_a_note_still_counts() {
        let text = "1 Systems shall be presumed to conform. Official Journal of the European Union 2 In accordance with Article 10 of Regulation (EU) No 1025/2012, the Commission shall act. 3 The participants shall promote investment.";
        assert_eq!(
            unflatten(text),
            vec![
                "1. Systems shall be presumed to conform. Official Journal of the European Union",
                "2. In accordance with Article 10 of Regulation (EU) No 1025/2012, the Commission shall act.",
                "3. The participants shall promote investment.",
            ]
        );
    }

    #[test]
    fn dates_and_citations_are_not_paragraph_numbers() {
        let text = "1 This Regulation shall apply from 2 August 2026. It amends Article 2 Regulation text and paragraph 3 Something. 2 Chapters I and II shall apply.";
        let lines = unflatten(text);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].contains("2 August 2026"));
        assert!(lines[1].starts_with("2. Chapters I and II"));
    }

    #[test]
    fn a_list_after_a_full_stop_is_split_and_a_citation_is_not() {
        let text = "The following apply. (a) the first case; (b) the case referred to in point (a) of Article 6(1). (c) the last case.";
        assert_eq!(
            unflatten(text),
            vec![
                "The following apply.",
                "(a) the first case;",
                "(b) the case referred to in point (a) of Article 6(1).",
                "(c) the last case.",
            ]
        );
    }

    #[test]
    fn roman_numerals_follow_each_other() {
        assert!(follows("i", "ii"));
        assert!(follows("iii", "iv"));
        assert!(follows("iv", "v"));
        assert!(follows("ix", "x"));
        assert!(follows("h", "i"));
        assert!(follows("9", "10"));
        assert!(!follows("a", "c"));
        assert_eq!(roman("xiv"), Some(14));
        assert_eq!(roman("abc"), None);
    }
}
