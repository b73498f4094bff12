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

/// The language of a line, when it is clear: by script for Arabic, Cyrillic and Chinese
/// (most of its letters), else by function words (at least two words' worth, well ahead
/// of the next language).
pub fn of_line(line: &str) -> Option<Language> {
    let (mut latin, mut arabic, mut cyrillic, mut han) = (0usize, 0usize, 0usize, 0usize);
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
    let mut scores = [0.0f32; 5];
    for word in line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        let holders: Vec<usize> = (0..WORDS.len())
            .filter(|&k| WORDS[k].1.contains(&w.as_str()))
            .collect();
        for &k in &holders {
            scores[k] += 1.0 / holders.len() as f32;
        }
    }
    let mut ranked: Vec<(f32, usize)> = scores.iter().copied().zip(0..).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, k) = ranked[0];
    let second = ranked[1].0;
    (best >= 2.0 && best >= 1.5 * second.max(0.5)).then_some(WORDS[k].0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
