//! The language a line is written in, from its script (Arabic, Cyrillic, Chinese) or,
//! for Latin script, from the function words it uses: what tells a text's own language
//! from a translation printed after it. Structural keywords that languages share
//! (`Article` is English and French) are no evidence.

/// A language treaty tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Fr,
    Es,
    De,
    Nl,
    Ru,
    Ar,
    Zh,
}

impl Language {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::De => "de",
            Language::Nl => "nl",
            Language::Ru => "ru",
            Language::Ar => "ar",
            Language::Zh => "zh",
        }
    }
}

/// Function words of each Latin-script language: frequent, short, and mostly found in
/// one language only. A word several languages share counts for each of them by a
/// share.
const WORDS: [(Language, &[&str]); 5] = [
    (
        Language::En,
        &[
            "the", "of", "and", "to", "shall", "be", "is", "that", "for", "by", "with", "any",
            "this", "which", "or", "as", "on", "are", "its", "their", "such", "has", "have",
            "from", "an", "all", "other", "under",
        ],
    ),
    (
        Language::Fr,
        &[
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "est",
            "dans",
            "par",
            "pour",
            "qui",
            "que",
            "une",
            "un",
            "sur",
            "au",
            "aux",
            "sont",
            "ses",
            "leur",
            "doit",
            "cette",
            "ce",
            "il",
            "ou",
            "toute",
            "tout",
            "présente",
            "être",
        ],
    ),
    (
        Language::Es,
        &[
            "el", "la", "los", "las", "de", "del", "y", "que", "por", "para", "con", "una", "un",
            "se", "su", "sus", "al", "es", "será", "este", "esta", "o", "toda", "todo", "presente",
            "ser",
        ],
    ),
    (
        Language::De,
        &[
            "der", "die", "das", "und", "des", "den", "dem", "zu", "von", "mit", "ist", "nicht",
            "ein", "eine", "auf", "für", "sich", "im", "werden", "oder", "wird", "diese", "dieses",
            "jede", "jeder",
        ],
    ),
    (
        Language::Nl,
        &[
            "de", "het", "een", "en", "van", "op", "te", "dat", "die", "zijn", "wordt", "met",
            "voor", "niet", "aan", "door", "worden", "deze", "dit", "elke", "ieder", "onder",
        ],
    ),
];

/// The longest function word, in bytes: longer words need no lookup.
const LONGEST: usize = 12;

/// A word of at most [`LONGEST`] bytes, packed into one number: the table is keyed by
/// it, so that a word read a byte at a time is its key as soon as it ends, with nothing
/// to copy, check or hash byte by byte.
fn key(word: &[u8]) -> u128 {
    word.iter()
        .rev()
        .fold(0u128, |k, &b| (k << 8) | u128::from(b))
}

/// The hasher of the table (and of other sets keyed by a `u128`): the number folded and
/// multiplied once.
#[derive(Default)]
pub(crate) struct Packed(u64);

impl std::hash::Hasher for Packed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Not reached for `u128` keys; fold any other key all the same.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u128(&mut self, k: u128) {
        let folded = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
        self.0 = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(26);
    }
}

type Table = std::collections::HashMap<u128, u8, std::hash::BuildHasherDefault<Packed>>;

/// Each function word with the languages (bits, in the order of [`WORDS`]) that use it,
/// built once.
fn function_words() -> &'static Table {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::default();
        for (k, (_, words)) in WORDS.iter().enumerate() {
            for w in *words {
                *table.entry(key(w.as_bytes())).or_insert(0u8) |= 1 << k;
            }
        }
        table
    })
}

/// How many bytes of a line are read for its language.
const PREFIX: usize = 240;

/// How many words of a line are read for its language: enough for a verdict, and a
/// long paragraph costs no more than a short one.
const WORDS_READ: usize = 24;

/// How many letters of a line are Latin, Arabic, Cyrillic and Chinese.
fn scripts(line: &str) -> (usize, usize, usize, usize) {
    let (mut latin, mut arabic, mut cyrillic, mut han) = (0, 0, 0, 0);
    for c in line.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | 'À'..='ɏ' => latin += 1,
            '\u{0600}'..='\u{06ff}'
            | '\u{0750}'..='\u{077f}'
            | '\u{fb50}'..='\u{fdff}'
            | '\u{fe70}'..='\u{feff}' => arabic += 1,
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => han += 1,
            _ => {}
        }
    }
    (latin, arabic, cyrillic, han)
}

/// The language of a line, when it is clear: by script for Arabic, Cyrillic and Chinese
/// (most of its letters), else by function words (at least two words' worth, well ahead
/// of the next language).
pub fn of_line(line: &str) -> Option<Language> {
    // The opening words tell; a long paragraph costs no more than a short one.
    let mut cut = line.len().min(PREFIX);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let line = &line[..cut];
    // Most lines are ASCII: their letters are all Latin, so there is nothing to count,
    // and a line without letters has no words to score either.
    let ascii = line.is_ascii();
    if !ascii {
        let (latin, arabic, cyrillic, han) = scripts(line);
        let letters = latin + arabic + cyrillic + han;
        if letters == 0 {
            return None;
        }
        for (n, lang) in [
            (arabic, Language::Ar),
            (cyrillic, Language::Ru),
            (han, Language::Zh),
        ] {
            if n * 2 > letters {
                return Some(lang);
            }
        }
        if latin * 2 <= letters {
            return None;
        }
    }
    let table = function_words();
    let mut scores = [0.0f32; 5];
    // Adds a word's weight; true once the line is as clear as a line gets (three words
    // of one language and none of another), so that the rest of it is not read.
    let mut count = |word: u128| {
        let Some(&holders) = table.get(&word) else {
            return false;
        };
        let share = 1.0 / holders.count_ones() as f32;
        for (k, score) in scores.iter_mut().enumerate() {
            if holders & (1 << k) != 0 {
                *score += share;
            }
        }
        share == 1.0
            && scores.iter().filter(|&&x| x > 0.0).count() == 1
            && scores.iter().any(|&x| x >= 3.0)
    };
    if ascii {
        // Most lines: words cut and lower-cased byte by byte into a buffer on the stack.
        let bytes = line.as_bytes();
        let (mut at, mut read) = (0, 0);
        while read < WORDS_READ {
            while at < bytes.len() && !bytes[at].is_ascii_alphabetic() {
                at += 1;
            }
            // The word, lower-cased, packed as it is read (its first byte lowest).
            let start = at;
            let mut packed = 0u128;
            while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                if at - start < LONGEST {
                    packed |= u128::from(bytes[at].to_ascii_lowercase()) << (8 * (at - start));
                }
                at += 1;
            }
            if at == start {
                break;
            }
            read += 1;
            if at - start <= LONGEST && count(packed) {
                break;
            }
        }
    } else {
        let mut lower = String::new();
        for word in line
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(WORDS_READ)
            .filter(|w| w.len() <= LONGEST)
        {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            // Lower case can be longer than the word: such a word is no function word.
            if lower.len() <= LONGEST && count(key(lower.as_bytes())) {
                break;
            }
        }
    }
    // The best language (the first of equals) and the best score of the others.
    let mut k = 0;
    for (i, &x) in scores.iter().enumerate() {
        if x > scores[k] {
            k = i;
        }
    }
    let best = scores[k];
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != k)
        .map(|(_, &x)| x)
        .fold(0.0f32, f32::max);
    (best >= 2.0 && best >= 1.5 * second.max(0.5)).then_some(WORDS[k].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verdict on a line's words as `of_line` reads them, written the plain way:
    /// every word cut with `split` and lower-cased into a string, the scores ranked by
    /// sorting.
    fn by_words(line: &str) -> Option<Language> {
        let mut scores = [0.0f32; 5];
        for word in line
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(WORDS_READ)
            .filter(|w| w.len() <= LONGEST)
        {
            let lower: String = word.chars().flat_map(char::to_lowercase).collect();
            if lower.len() > LONGEST {
                continue;
            }
            let Some(&holders) = function_words().get(&key(lower.as_bytes())) else {
                continue;
            };
            let share = 1.0 / holders.count_ones() as f32;
            for (k, score) in scores.iter_mut().enumerate() {
                if holders & (1 << k) != 0 {
                    *score += share;
                }
            }
            if share == 1.0
                && scores.iter().filter(|&&x| x > 0.0).count() == 1
                && scores.iter().any(|&x| x >= 3.0)
            {
                break;
            }
        }
        let mut ranked: Vec<(f32, usize)> = scores.iter().copied().zip(0..).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best, k) = ranked[0];
        (best >= 2.0 && best >= 1.5 * ranked[1].0.max(0.5)).then_some(WORDS[k].0)
    }

    proptest::proptest! {
        /// On Latin lines (where the function words decide), the byte-wise reading gives
        /// the plain reading's verdict, ties and all.
        #[test]
        fn function_words_are_read_alike_byte_by_byte(
            words in proptest::collection::vec(
                "(the|of|and|de|la|le|et|der|die|und|el|los|het|van|een|a|en|in|to|Les|DER|y|que|zu|op|[a-z]{1,14}|[0-9]{1,3}|[.,;:()-])",
                0..40,
            ),
            sep in "[ ,.]{1,2}",
        ) {
            let line = words.join(&sep);
            let mut cut = line.len().min(PREFIX);
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            let head = &line[..cut];
            let latin = head.bytes().filter(u8::is_ascii_alphabetic).count();
            let expected = if latin == 0 { None } else { by_words(head) };
            proptest::prop_assert_eq!(of_line(&line), expected);
        }
    }

    #[test]
    fn no_function_word_is_longer_than_the_lookup_allows() {
        for (_, words) in WORDS {
            assert!(words.iter().all(|w| w.len() <= LONGEST));
        }
    }

    #[test]
    fn each_language_is_told_by_its_words_or_its_script() {
        for (line, lang) in [
            (
                "Everyone has the right to life, liberty and security of person.",
                Language::En,
            ),
            (
                "Tout individu a droit à la vie, à la liberté et à la sûreté de sa personne.",
                Language::Fr,
            ),
            (
                "Todo individuo tiene derecho a la vida, a la libertad y a la seguridad de su persona.",
                Language::Es,
            ),
            (
                "Jeder hat das Recht auf Leben, Freiheit und Sicherheit der Person.",
                Language::De,
            ),
            (
                "Een ieder heeft recht op leven, vrijheid en onschendbaarheid van zijn persoon.",
                Language::Nl,
            ),
            (
                "Каждый человек имеет право на жизнь, на свободу и на личную неприкосновенность.",
                Language::Ru,
            ),
            (
                "لكل فرد الحق في الحياة والحرية وفي الأمان على شخصه.",
                Language::Ar,
            ),
            ("人人有权享有生命、自由和人身安全。", Language::Zh),
        ] {
            assert_eq!(of_line(line), Some(lang), "{line}");
        }
    }

    #[test]
    fn lines_with_too_little_to_go_on_have_no_language() {
        for line in ["Article 5", "1.", "Territorial application", "A/58/422", ""] {
            assert_eq!(of_line(line), None, "{line}");
        }
    }
}
