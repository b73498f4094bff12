//! Numbers as the six languages of the United Nations write them in headings and list
//! markers: ASCII and Arabic-Indic digits, Chinese numerals, Roman numerals and ordinal
//! words (`premier`, `primero`, `الأولى`). Every form is read to its value, so that an
//! article or a list entry gets the same ID in every language.

/// The value of a digit in any of the decimal digit sets treaty reads: ASCII, Arabic-Indic
/// (`٠`–`٩`), Extended Arabic-Indic as used for Persian and Urdu (`۰`–`۹`) and full-width
/// (`０`–`９`).
pub fn digit_value(c: char) -> Option<u32> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6f0}'..='\u{6f9}' => '\u{6f0}',
        '\u{ff10}'..='\u{ff19}' => '\u{ff10}',
        _ => return None,
    };
    Some(u32::from(c) - u32::from(zero))
}

/// Whether a character is a decimal digit of one of the sets [`digit_value`] reads.
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A run of digits of any one set written in ASCII: `٤٧` → `47`; `None` for anything
/// that is not digits only (or too large to be a number of a treaty).
pub fn ascii_digits(s: &str) -> Option<String> {
    if s.is_empty() || s.chars().count() > 6 {
        return None;
    }
    s.chars()
        .map(|c| digit_value(c).and_then(|d| char::from_digit(d, 10)))
        .collect()
}

/// The value of a Chinese numeral: `一` = 1, `十` = 10, `二十四` = 24, `一百零三` = 103,
/// `三十` = 30; `〇` and `零` are zero, `两` two. Up to 9999.
pub fn chinese_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            c => {
                let d = digit(c)?;
                // Two digits in a row ("二四") are no numeral, but "一百零三" has a zero
                // standing for an empty place.
                if pending.is_some_and(|p| p != 0) {
                    return None;
                }
                pending = Some(d);
                continue;
            }
        };
        // Units fall from left to right: "十百" is no numeral.
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        // "十" alone at the start is ten; a zero cannot multiply a unit.
        let times = match pending.take() {
            None if total == 0 => 1,
            None | Some(0) => return None,
            Some(d) => d,
        };
        total += times * unit;
    }
    if let Some(d) = pending {
        total += d;
    }
    (total > 0).then_some(total)
}

/// Ordinal words used in place of a number for the first (and in Arabic, every) article or
/// division: French `premier`/`première`, Spanish `primero`/`primera`/`primer`, and the
/// Arabic ordinals, masculine and feminine, with or without the article `ال` (`الأول`,
/// `الأولى`, `الثاني`, `الحادي عشر`, `العشرون`).
pub fn ordinal_word(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    match lower.as_str() {
        "premier" | "première" | "premiere" | "1er" | "1re" | "primero" | "primera" | "primer" => {
            return Some(1);
        }
        _ => {}
    }
    arabic_ordinal(s)
}

/// The units of the Arabic ordinals (first to tenth), each with its feminine and the
/// forms used in compounds (`الحادي` for the one of eleven).
const ARABIC_UNITS: [(&str, u32); 22] = [
    ("أول", 1),
    ("أولى", 1),
    ("اول", 1),
    ("اولى", 1),
    ("حادي", 1),
    ("حادية", 1),
    ("ثاني", 2),
    ("ثانية", 2),
    ("ثالث", 3),
    ("ثالثة", 3),
    ("رابع", 4),
    ("رابعة", 4),
    ("خامس", 5),
    ("خامسة", 5),
    ("سادس", 6),
    ("سادسة", 6),
    ("سابع", 7),
    ("سابعة", 7),
    ("ثامن", 8),
    ("ثامنة", 8),
    ("تاسع", 9),
    ("تاسعة", 9),
];

/// An Arabic ordinal of up to two words: a unit (`الثالث`), ten (`العاشر`), a unit and
/// ten (`الثالث عشر`, `الحادية عشرة`), or twenty (`العشرون`, `العشرين`).
fn arabic_ordinal(s: &str) -> Option<u32> {
    let word = |w: &str| -> Option<u32> {
        let w = w.strip_prefix("ال").unwrap_or(w);
        if matches!(w, "عاشر" | "عاشرة") {
            return Some(10);
        }
        if matches!(w, "عشرون" | "عشرين") {
            return Some(20);
        }
        ARABIC_UNITS
            .iter()
            .find(|(form, _)| *form == w)
            .map(|&(_, v)| v)
    };
    let mut words = s.split(crate::classify::is_space).filter(|w| !w.is_empty());
    let first = word(words.next()?)?;
    match (words.next(), words.next()) {
        (None, _) => Some(first),
        (Some("عشر" | "عشرة"), None) if first < 10 => Some(first + 10),
        _ => None,
    }
}

/// The value of a number as a heading writes it: digits of any set (with a suffix such as
/// `bis` after them), a Chinese numeral, a Roman numeral or an ordinal word.
pub fn value(s: &str) -> Option<u32> {
    let s = s.trim_matches(crate::classify::is_space);
    let digits: String = s.chars().take_while(|&c| is_digit(c)).collect();
    if !digits.is_empty() {
        return ascii_digits(&digits)?.parse().ok();
    }
    chinese_value(s)
        .or_else(|| ordinal_word(s))
        .or_else(|| crate::classify::roman_value(s))
}

/// The form an article number takes in IDs: digits in ASCII with any suffix joined and
/// in lower case (`2 bis` → `2bis`, `٤٧` → `47`), and numbers written as words or
/// Chinese numerals as their value in digits (`premier` → `1`, `二十四` → `24`).
pub fn article_id(raw: &str) -> String {
    let raw = raw.trim_matches(crate::classify::is_space);
    let digits: String = raw.chars().take_while(|&c| is_digit(c)).collect();
    if digits.is_empty()
        && let Some(v) = chinese_value(raw).or_else(|| ordinal_word(raw))
    {
        return v.to_string();
    }
    // Digits of any script in ASCII, however many there are.
    let mut out: String = digits
        .chars()
        .filter_map(|c| digit_value(c).and_then(|d| char::from_digit(d, 10)))
        .collect();
    out.extend(
        raw[digits.len()..]
            .chars()
            .filter(|c| !crate::classify::is_space(*c))
            .flat_map(char::to_lowercase),
    );
    out
}

/// The form a division number takes in IDs: Roman numerals and English number words in
/// capitals as before (`IV`, `ONE`), digits in ASCII, and ordinal words and Chinese
/// numerals as the Roman numeral the other languages print (`premier`, `الأول`, `一` →
/// `I`), so that `chapter.I` is the first chapter in each language.
pub fn division_id(raw: &str) -> String {
    let raw = raw.trim_matches(crate::classify::is_space);
    if let Some(d) = ascii_digits(raw) {
        return d;
    }
    match chinese_value(raw).or_else(|| ordinal_word(raw)) {
        Some(v) if crate::classify::roman_value(raw).is_none() => {
            crate::classify::to_roman(v).to_uppercase()
        }
        _ => raw.to_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十四", 24),
            ("二十九", 29),
            ("三十", 30),
            ("四十七", 47),
            ("一百", 100),
            ("一百零三", 103),
            ("一百一十", 110),
            ("两百", 200),
        ] {
            assert_eq!(chinese_value(s), Some(v), "{s}");
        }
        for s in ["", "二四", "十百", "条", "〇", "百十十"] {
            assert_eq!(chinese_value(s), None, "{s}");
        }
    }

    #[test]
    fn digits_of_every_set() {
        assert_eq!(ascii_digits("٤٧").as_deref(), Some("47"));
        assert_eq!(ascii_digits("۴۷").as_deref(), Some("47"));
        assert_eq!(ascii_digits("４７").as_deref(), Some("47"));
        assert_eq!(ascii_digits("47").as_deref(), Some("47"));
        assert_eq!(ascii_digits("4a"), None);
        assert_eq!(value("٢٩"), Some(29));
    }

    #[test]
    fn ordinal_words() {
        for (s, v) in [
            ("premier", 1),
            ("Première", 1),
            ("primero", 1),
            ("الأول", 1),
            ("الأولى", 1),
            ("الثاني", 2),
            ("الثانية", 2),
            ("الثالث", 3),
            ("العاشر", 10),
            ("الحادي عشر", 11),
            ("الحادية عشرة", 11),
            ("الثاني عشر", 12),
            ("التاسع عشر", 19),
            ("العشرون", 20),
        ] {
            assert_eq!(ordinal_word(s), Some(v), "{s}");
        }
        for s in ["second", "الفصل", "عشر", "العاشر عشر"] {
            assert_eq!(ordinal_word(s), None, "{s}");
        }
    }

    #[test]
    fn ids_do_not_depend_on_the_language() {
        for (raw, id) in [
            ("47", "47"),
            ("٤٧", "47"),
            ("2 bis", "2bis"),
            ("二十四", "24"),
            ("premier", "1"),
            ("الأولى", "1"),
            ("12345678", "12345678"),
            ("١٢٣٤٥٦٧٨", "12345678"),
        ] {
            assert_eq!(article_id(raw), id, "{raw}");
        }
        for (raw, id) in [
            ("I", "I"),
            ("iv", "IV"),
            ("ONE", "ONE"),
            ("3", "3"),
            ("premier", "I"),
            ("الأول", "I"),
            ("الرابع", "IV"),
            ("一", "I"),
            ("十二", "XII"),
        ] {
            assert_eq!(division_id(raw), id, "{raw}");
        }
    }
}
