//! Word diffs with `similar`, and the shingles that find candidate pairs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use similar::DiffTag;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Word;

/// The word diff of two texts, runs of the same kind merged. Each run is cut from the
/// text in one piece (words are consecutive slices of it), not glued word by word.
///
/// The words are those `similar`'s `diff_unicode_words` reads (Unicode word bounds),
/// and the edit script is the one its patience diff makes of them. Each distinct word
/// is given a number first, and the numbers are diffed: the diff only ever compares and
/// hashes words, so the script is the same, and comparing numbers is cheaper than
/// comparing strings.
pub fn word_diff(old: &str, new: &str) -> Vec<Word> {
    let old_words = word_bounds(old);
    let new_words = word_bounds(new);
    let mut numbers: Numbers<'_> =
        HashMap::with_capacity_and_hasher(old_words.len() + new_words.len(), Default::default());
    let old_ids = number(&mut numbers, &old_words);
    let new_ids = number(&mut numbers, &new_words);
    let ops = crate::patience::diff(&old_ids, &new_ids, numbers.len());
    let mut out: Vec<Word> = Vec::new();
    let mut push = |word: Word| match (out.last_mut(), &word) {
        (Some(Word::Equal(a)), Word::Equal(b))
        | (Some(Word::Delete(a)), Word::Delete(b))
        | (Some(Word::Insert(a)), Word::Insert(b)) => a.push_str(b),
        _ => out.push(word),
    };
    for op in &ops {
        let (tag, in_old, in_new) = op.as_tag_tuple();
        let from_old = || run(old, &old_words[in_old.clone()]);
        let from_new = || run(new, &new_words[in_new.clone()]);
        match tag {
            DiffTag::Equal => push(Word::Equal(from_old())),
            DiffTag::Delete => push(Word::Delete(from_old())),
            DiffTag::Insert => push(Word::Insert(from_new())),
            DiffTag::Replace => {
                push(Word::Delete(from_old()));
                push(Word::Insert(from_new()));
            }
        }
    }
    // A space between two changes belongs to neither: fold "[-a-] [-b-]" into one run.
    fold_spaces(out)
}

/// A text cut at its Unicode word bounds (UAX #29), as `split_word_bounds` cuts it. Most
/// clause texts are ASCII once normalised (quotes and dashes are), and for those the
/// rules come down to a few, read here a byte at a time; a property test checks the two
/// cuts agree.
fn word_bounds(text: &str) -> Vec<&str> {
    if !text.is_ascii() {
        return text.split_word_bounds().collect();
    }
    // Letters, digits and `_` hold together (WB5, WB8–WB10, WB13a/b); so do a letter,
    // `'`, `.` or `:`, and a letter (WB6/7), and a digit, `'`, `.`, `,` or `;`, and a
    // digit (WB11/12); runs of spaces (WB3d) and CR LF (WB3) are one piece each; any
    // other byte is a piece of its own (WB999).
    let b = text.as_bytes();
    let core = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    let joins = |at: usize| {
        let (prev, mid, next) = (b[at - 1], b[at], b[at + 1]);
        (matches!(mid, b'\'' | b'.' | b':')
            && prev.is_ascii_alphabetic()
            && next.is_ascii_alphabetic())
            || (matches!(mid, b'\'' | b'.' | b',' | b';')
                && prev.is_ascii_digit()
                && next.is_ascii_digit())
    };
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut start = 0;
    while start < b.len() {
        let mut end = start + 1;
        if b[start] == b' ' {
            while end < b.len() && b[end] == b' ' {
                end += 1;
            }
        } else if core(b[start]) {
            while end < b.len() && (core(b[end]) || (end + 1 < b.len() && joins(end))) {
                end += 1;
            }
        } else if b[start] == b'\r' && b.get(start + 1) == Some(&b'\n') {
            end += 1;
        }
        out.push(&text[start..end]);
        start = end;
    }
    out
}

/// The number given to each distinct word.
type Numbers<'a> = HashMap<&'a str, u32, foldhash::fast::FixedState>;

/// The numbers of `words`, a word met for the first time taking the next one.
fn number<'a>(numbers: &mut Numbers<'a>, words: &[&'a str]) -> Vec<u32> {
    words
        .iter()
        .map(|&w| {
            let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
            *numbers.entry(w).or_insert(next)
        })
        .collect()
}

/// The piece of `text` that a run of its words covers, from the first word's start to
/// the last word's end.
fn run(text: &str, words: &[&str]) -> String {
    let at = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => text[at(first)..at(last) + last.len()].to_owned(),
        _ => String::new(),
    }
}

fn fold_spaces(mut words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if let (Some(Word::Equal(space)), Some(prev), Some(next)) =
            (words.get(i), out.last(), words.get(i + 1))
            && space.trim().is_empty()
            && !matches!(prev, Word::Equal(_))
            && !matches!(next, Word::Equal(_))
        {
            // Push the space into both the deletion and the insertion runs around it.
            let space = space.clone();
            let mut del = String::new();
            let mut ins = String::new();
            while let Some(last) = out.last() {
                match last {
                    Word::Delete(t) => del.insert_str(0, t),
                    Word::Insert(t) => ins.insert_str(0, t),
                    Word::Equal(_) => break,
                }
                out.pop();
            }
            let mut j = i + 1;
            let mut del2 = String::new();
            let mut ins2 = String::new();
            while let Some(w) = words.get(j) {
                match w {
                    Word::Delete(t) => del2.push_str(t),
                    Word::Insert(t) => ins2.push_str(t),
                    Word::Equal(_) => break,
                }
                j += 1;
            }
            let join = |a: String, b: String| match (a.is_empty(), b.is_empty()) {
                (true, _) => b,
                (_, true) => a,
                _ => format!("{a}{space}{b}"),
            };
            let del = join(del, del2);
            let ins = join(ins, ins2);
            if !del.is_empty() {
                out.push(Word::Delete(del));
            }
            if !ins.is_empty() {
                out.push(Word::Insert(ins));
            }
            i = j;
            continue;
        }
        // Moved, not copied: nothing looks back at a word once it is passed.
        out.push(std::mem::replace(&mut words[i], Word::Equal(String::new())));
        i += 1;
    }
    out
}

/// How many words a diff deletes or inserts.
pub fn changed_words(words: &[Word]) -> usize {
    words
        .iter()
        .map(|w| match w {
            Word::Delete(t) | Word::Insert(t) => t.split_whitespace().count(),
            Word::Equal(_) => 0,
        })
        .sum()
}

/// The set of hashed word shingles of a text (3 words; fewer for short texts), sorted
/// and without repeats. Words are compared lower-cased and without the punctuation around
/// them, so that case and a trailing comma alone do not hide a match. Nothing is
/// allocated per word: words are hashed as they are read (FNV-1a), then combined.
#[cfg(test)]
pub fn shingles(text: &str) -> Vec<u64> {
    shingles_of(&word_hashes(text))
}

/// The shingles of words already hashed by [`word_hashes`]: callers that need both the
/// words and the shingles of a text read it once.
pub(crate) fn shingles_of(words: &[u64]) -> Vec<u64> {
    let k = words.len().clamp(1, 3);
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| {
            w.iter().fold(FNV_OFFSET, |h, &x| {
                (h ^ x).wrapping_mul(FNV_PRIME).rotate_left(29)
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashes of a text's words in order: pieces between white space, trimmed of what
/// is not a letter or digit. Most words are ASCII, and are cut, trimmed and hashed in
/// one pass over their bytes (the hash as it stood after the last letter or digit is
/// the trimmed word's). ASCII white space never occurs inside a multi-byte character,
/// so a piece holding other characters is whole, and is cut again by
/// `split_whitespace`, which also knows the no-break and other Unicode spaces.
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    push_word_hashes(text, &mut out);
    out
}

/// [`word_hashes`], added to the end of `out`.
pub(crate) fn push_word_hashes(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let class = |b: u8| BYTE_CLASS[usize::from(b)];
    let mut i = 0;
    'pieces: while i < bytes.len() {
        while i < bytes.len() && class(bytes[i]) == SPACE {
            i += 1;
        }
        let start = i;
        let mut h = FNV_OFFSET;
        // The hash as it stood after the last letter or digit, once there is one.
        let mut trimmed = None;
        while i < bytes.len() {
            let b = bytes[i];
            match class(b) {
                SPACE => break,
                // `| 0x20` lower-cases an ASCII letter and leaves a digit as it is.
                LETTER_OR_DIGIT => {
                    h = (h ^ u64::from(b | 0x20)).wrapping_mul(FNV_PRIME);
                    trimmed = Some(h);
                }
                // Inside the word, or trailing punctuation (dropped unless a letter or
                // digit follows).
                OTHER_ASCII => {
                    if trimmed.is_some() {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                }
                _ => {
                    // Not ASCII: the piece is read again, by characters.
                    while i < bytes.len() && class(bytes[i]) != SPACE {
                        i += 1;
                    }
                    if let Ok(piece) = std::str::from_utf8(&bytes[start..i]) {
                        out.extend(piece.split_whitespace().filter_map(|w| {
                            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                            (!w.is_empty()).then(|| word_hash(w))
                        }));
                    }
                    continue 'pieces;
                }
            }
            i += 1;
        }
        out.extend(trimmed);
    }
}

/// What a byte is to [`push_word_hashes`]: ASCII white space, an ASCII letter or digit,
/// other ASCII, or part of a character beyond ASCII.
const SPACE: u8 = 0;
const LETTER_OR_DIGIT: u8 = 1;
const OTHER_ASCII: u8 = 2;
const NOT_ASCII: u8 = 3;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            LETTER_OR_DIGIT
        } else {
            OTHER_ASCII
        };
        b += 1;
    }
    t
};

/// FNV-1a, the hash every word and shingle here is made with.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn ascii_hash(w: &[u8]) -> u64 {
    w.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME)
    })
}

fn word_hash(w: &str) -> u64 {
    if w.is_ascii() {
        return ascii_hash(w.as_bytes());
    }
    let mut h = FNV_OFFSET;
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// A map keyed by shingles. They are hashes already, well mixed by `shingles`, so the
/// map takes them as they are instead of hashing them a second time.
pub type ShingleMap<V> = HashMap<u64, V, BuildHasherDefault<AsIs>>;

/// The hasher of `ShingleMap`: a `u64` key is its own hash.
#[derive(Debug, Default, Clone, Copy)]
pub struct AsIs(u64);

impl Hasher for AsIs {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Not reached for `u64` keys; fold any other key in FNV-1a style all the same.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// How many shingles two sorted sets share.
///
/// A set many times smaller than the other (a short clause against a long preamble) is
/// looked up by binary search in the narrowing rest of the larger one; sets of like size
/// are merged without branches, because a merge that branches on every comparison of two
/// random hashes mispredicts half the time.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() * 16 < large.len() {
        let mut rest = large;
        let mut n = 0;
        for x in small {
            match rest.binary_search(x) {
                Ok(k) => {
                    n += 1;
                    rest = &rest[k + 1..];
                }
                Err(k) => rest = &rest[k..],
            }
        }
        return n;
    }
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Dice similarity of two shingle sets: 1 for the same words, 0 for none in common.
pub fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// The share of `part`'s shingles that are in `whole`.
pub fn containment(part: &[u64], whole: &[u64]) -> f32 {
    if part.is_empty() {
        return 0.0;
    }
    shared(part, whole) as f32 / part.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(words: &[Word]) -> String {
        words
            .iter()
            .map(|w| match w {
                Word::Equal(t) => t.clone(),
                Word::Delete(t) => format!("[-{t}-]"),
                Word::Insert(t) => format!("{{+{t}+}}"),
            })
            .collect()
    }

    #[test]
    fn word_diffs_read_like_wdiff() {
        assert_eq!(
            show(&word_diff("the antidoping rules", "the anti-doping rules")),
            "the [-antidoping-]{+anti-doping+} rules"
        );
        assert_eq!(
            show(&word_diff(
                "articles 5 and 6 of this",
                "articles 6 and 7 of this"
            )),
            "articles [-5-]{+6+} and [-6-]{+7+} of this"
        );
        assert_eq!(changed_words(&word_diff("a b c", "a x c")), 2);
    }

    #[test]
    fn similarity() {
        let a = shingles("Each State Party shall adopt such measures as may be necessary");
        let b = shingles("each state party shall adopt such measures as may be necessary.");
        assert_eq!(dice(&a, &b), 1.0);
        let c = shingles("Nothing in common with the text above at all");
        assert_eq!(dice(&a, &c), 0.0);
        assert!(containment(&shingles("adopt such measures as may be"), &a) > 0.99);
    }

    /// The words as `shingles` has always read them: `split_whitespace`, trimmed.
    fn word_hashes_by_chars(text: &str) -> Vec<u64> {
        text.split_whitespace()
            .filter_map(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                (!w.is_empty()).then(|| word_hash(w))
            })
            .collect()
    }

    proptest::proptest! {
        /// ASCII text is cut at the same word bounds as `split_word_bounds` cuts it,
        /// whatever the mix of letters, digits, joiners and other punctuation.
        #[test]
        fn ascii_word_bounds_are_unicode_word_bounds(
            text in "([a-zA-Z]{1,3}|[0-9]{1,3}|[_.,;:'\" ]|\r\n|[\r\n\t\u{b}\u{c}]|[-!?()\\[\\]/%§]|[ -~]){0,40}"
        ) {
            let expected: Vec<&str> = text.split_word_bounds().collect();
            proptest::prop_assert_eq!(word_bounds(&text), expected);
        }

        /// The byte-wise cut reads the same words as the character-wise one, whatever
        /// the mix of ASCII, accents, no-break and other spaces, and punctuation.
        #[test]
        fn words_are_read_alike_byte_by_byte(
            text in "([a-zA-Z0-9]{1,6}|[ \t\n\r\u{b}\u{c}]{1,2}|[\u{a0}\u{2003}\u{3000}]|[éÉßİ€’“]|[.,;:()'\"-]){0,30}|\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(word_hashes(&text), word_hashes_by_chars(&text));
        }


        /// Both ways of counting (binary search for a small set against a large one, the
        /// merge for sets of like size) agree with counting by hand.
        #[test]
        fn shared_counts_the_common_shingles(
            a in proptest::collection::btree_set(0u64..400, 0..40),
            b in proptest::collection::btree_set(0u64..400, 0..400),
        ) {
            let a: Vec<u64> = a.into_iter().collect();
            let b: Vec<u64> = b.into_iter().collect();
            let by_hand = a.iter().filter(|x| b.contains(x)).count();
            proptest::prop_assert_eq!(shared(&a, &b), by_hand);
            proptest::prop_assert_eq!(shared(&b, &a), by_hand);
        }
    }
}
