//! The annotation file: `annotations/<convention>/<source>.toml`, a list of
//! `[[annotation]]` tables. Loading keeps the byte span of every field that a
//! problem may point at, and reports every problem it can find, not just the first.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use treaty_model::ClauseId;

use crate::problem::Problem;

/// What an annotation says about its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Concern,
    Support,
    Question,
    Proposal,
    Note,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Concern,
        Stance::Support,
        Stance::Question,
        Stance::Proposal,
        Stance::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Concern => "concern",
            Stance::Support => "support",
            Stance::Question => "question",
            Stance::Proposal => "proposal",
            Stance::Note => "note",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Stance::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown stance `{s}`; expected one of {}", stance_list()))
    }
}

pub(crate) fn stance_list() -> String {
    Stance::ALL
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A calendar date as precise as the source gives it: `2024`, `2024-08` or `2024-08-08`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl FromStr for PartialDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        const HINT: &str = "write the date as YYYY-MM-DD, YYYY-MM or YYYY (for example 2024-08-08)";
        let mut parts = s.split('-');
        let number = |p: Option<&str>, digits: usize| -> Result<Option<u16>, String> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| HINT.to_owned())
                }
                Some(_) => Err(format!("`{s}` is not a date: {HINT}")),
            }
        };
        let year = number(parts.next(), 4)?.ok_or_else(|| HINT.to_owned())?;
        let month = number(parts.next(), 2)?;
        let day = number(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(format!("`{s}` is not a date: {HINT}"));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("`{s}` has no month {m}: months run from 01 to 12"));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(format!(
                    "`{s}` is not a date: month {m:02} of {year} has {last} days"
                ));
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }
}

fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where the fields of one annotation sit in its file (byte ranges), for messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locations {
    /// The whole `[[annotation]]` table.
    pub table: Range<usize>,
    pub id: Range<usize>,
    pub clause: Range<usize>,
    pub version: Range<usize>,
    pub quote: Option<Range<usize>>,
    pub date: Range<usize>,
    pub language: Option<Range<usize>>,
}

/// One piece of commentary on one clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// Unique within the convention.
    pub id: String,
    /// The clause, normalised to its canonical ID.
    pub clause: ClauseId,
    /// The label of the draft it was written against.
    pub version: String,
    /// The language version of that draft it was written on (an ISO 639-1 code), when
    /// not the draft's default language. It shows on the clause in every language; its
    /// quote is looked for in this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The exact words it is about (a W3C TextQuoteSelector `exact`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Words just before the quote, to tell repeated quotes apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Words just after the quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    pub author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub date: PartialDate,
    pub tags: Vec<String>,
    pub stance: Stance,
    /// Markdown.
    pub body: String,
    #[serde(skip)]
    pub at: Locations,
}

/// The fields of an annotation table: name, required.
pub const FIELDS: [(&str, bool); 13] = [
    ("id", true),
    ("clause", true),
    ("version", true),
    ("language", false),
    ("quote", false),
    ("prefix", false),
    ("suffix", false),
    ("author", true),
    ("source", false),
    ("date", true),
    ("tags", false),
    ("stance", true),
    ("body", true),
];

/// The table as serde reads it once the set of keys is known to be right.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: Spanned<String>,
    clause: Spanned<String>,
    version: Spanned<String>,
    language: Option<Spanned<String>>,
    quote: Option<Spanned<String>>,
    prefix: Option<String>,
    suffix: Option<String>,
    author: String,
    source: Option<String>,
    date: Spanned<toml::Value>,
    #[serde(default)]
    tags: Vec<String>,
    stance: Stance,
    body: String,
}

/// An annotation file, read.
#[derive(Debug, Default)]
pub struct AnnotationFile {
    pub annotations: Vec<Annotation>,
    pub problems: Vec<Problem>,
}

/// Read an annotation file. Every annotation that can be read is returned, with a
/// problem for each one that cannot (and for each field that is wrong).
pub fn load(src: &str) -> AnnotationFile {
    let mut file = AnnotationFile::default();
    let (root, errors) = DeTable::parse_recoverable(src);
    if !errors.is_empty() {
        for e in errors {
            file.problems.push(
                Problem::error("toml-syntax", format!("this is not valid TOML: {}", e.message()))
                    .at(e.span())
                    .help("see https://toml.io for the syntax; strings need quotes, and a multi-line body goes between \"\"\" and \"\"\""),
            );
        }
        return file;
    }
    let root_span = root.span();
    let root = root.into_inner();
    let mut list = None;
    for (key, value) in root {
        if key.get_ref() == "annotation" {
            list = Some(value);
            continue;
        }
        let hint = if FIELDS.iter().any(|(f, _)| *f == key.get_ref()) {
            format!(
                "`{}` belongs inside an `[[annotation]]` table: put it below an `[[annotation]]` line",
                key.get_ref()
            )
        } else {
            "an annotation file holds only `[[annotation]]` tables".to_owned()
        };
        file.problems.push(
            Problem::error(
                "unknown-field",
                format!("unknown top-level key `{}`", key.get_ref()),
            )
            .at(Some(key.span()))
            .help(hint),
        );
    }
    let Some(list) = list else {
        file.problems.push(
            Problem::warning("no-annotations", "this file holds no annotations")
                .at(Some(root_span.start..root_span.start))
                .help("add one with `treaty annotate add`, or write an `[[annotation]]` table"),
        );
        return file;
    };
    let list_span = list.span();
    match list.into_inner() {
        DeValue::Array(items) => {
            for item in items {
                if let Some(a) = load_one(item, &mut file.problems) {
                    file.annotations.push(a);
                }
            }
        }
        _ => file.problems.push(
            Problem::error(
                "invalid-value",
                "`annotation` must be a list of tables, written `[[annotation]]`",
            )
            .at(Some(list_span)),
        ),
    }
    file
}

/// [`load`] for many files at once, spread over the machine's cores.
pub fn load_many(sources: &[&str]) -> Vec<AnnotationFile> {
    treaty_par::map(sources, |s| load(s))
}

fn load_one(item: Spanned<DeValue<'_>>, problems: &mut Vec<Problem>) -> Option<Annotation> {
    let span = item.span();
    let header = span.start..span.start;
    let DeValue::Table(table) = item.get_ref() else {
        problems.push(
            Problem::error("invalid-value", "each annotation must be a table").at(Some(span)),
        );
        return None;
    };
    let item_id = table
        .get("id")
        .and_then(|v| v.get_ref().as_str())
        .map(str::to_owned);
    let known = |name: &str| FIELDS.iter().any(|(f, _)| *f == name);
    let complete = FIELDS
        .iter()
        .all(|&(name, required)| !required || table.contains_key(name));
    if !complete || !table.keys().all(|k| known(k.get_ref())) {
        report_fields(table, header, problems);
        return None;
    }
    // Every field of the wrong type, in the order written (deserialising would stop at
    // one of them).
    let wrong = wrong_types(table, item_id.as_deref());
    if !wrong.is_empty() {
        problems.extend(wrong);
        return None;
    }
    let raw = match Raw::deserialize(ValueDeserializer::from(item)) {
        Ok(raw) => raw,
        Err(e) => {
            let mut message = e.message().trim_end_matches('\n').to_owned();
            let (code, help) = if message.contains("unknown variant") {
                message = message.replace("unknown variant", "unknown stance");
                (
                    "unknown-stance",
                    format!("`stance` is one of {}", stance_list()),
                )
            } else {
                (
                    "invalid-value",
                    "`tags` is a list of strings; every other field is a string (`date` may also be a TOML date)".to_owned(),
                )
            };
            problems.push(
                Problem::error(code, message)
                    .at(e.span().or(Some(header)))
                    .annotation(item_id)
                    .help(help),
            );
            return None;
        }
    };
    convert(raw, span, problems)
}

/// A problem for each field whose value is not of its type: `tags` a list of strings,
/// `date` a string or a TOML date, every other field a string.
fn wrong_types(table: &DeTable<'_>, id: Option<&str>) -> Vec<Problem> {
    let kind = |v: &DeValue<'_>| match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    };
    let mut fields: Vec<_> = table.iter().collect();
    fields.sort_by_key(|(k, _)| k.span().start);
    let mut out = Vec::new();
    for (key, value) in fields {
        let name = key.get_ref().as_ref();
        let v = value.get_ref();
        let (ok, wanted) = match name {
            "tags" => (
                matches!(v, DeValue::Array(items) if items.iter().all(|i| matches!(i.get_ref(), DeValue::String(_)))),
                "a list of strings, such as `[\"privacy\"]`",
            ),
            "date" => (
                matches!(v, DeValue::String(_) | DeValue::Datetime(_)),
                "a date, such as `\"2024-08-08\"`",
            ),
            _ => (matches!(v, DeValue::String(_)), "a string, in quotes"),
        };
        if !ok {
            out.push(
                Problem::error(
                    "invalid-value",
                    format!("`{name}` is {}; it must be {wanted}", kind(v)),
                )
                .at(Some(value.span()))
                .annotation(id.map(str::to_owned))
                .help("`tags` is a list of strings; every other field is a string (`date` may also be a TOML date)"),
            );
        }
    }
    out
}

/// Every unknown key (with the closest known one) and every missing field of a table, in
/// the order they were written.
fn report_fields(table: &DeTable<'_>, header: Range<usize>, problems: &mut Vec<Problem>) {
    let id = table
        .get("id")
        .and_then(|v| v.get_ref().as_str())
        .map(str::to_owned);
    let mut keys: Vec<_> = table.keys().collect();
    keys.sort_by_key(|k| k.span().start);
    for key in keys {
        let name = key.get_ref().as_ref();
        if FIELDS.iter().any(|(f, _)| *f == name) {
            continue;
        }
        let mut p = Problem::error(
            "unknown-field",
            format!("unknown field `{name}` in an annotation"),
        )
        .at(Some(key.span()))
        .annotation(id.clone());
        p = match closest_field(name) {
            Some(f) => p.help(format!("did you mean `{f}`?")),
            None => p.help(format!("the fields are {}", field_list())),
        };
        problems.push(p);
    }
    for (name, required) in FIELDS {
        if required && !table.contains_key(name) {
            problems.push(
                Problem::error("missing-field", format!("this annotation has no `{name}`"))
                    .at(Some(header.clone()))
                    .annotation(id.clone())
                    .help(field_help(name)),
            );
        }
    }
}

fn convert(raw: Raw, table: Range<usize>, problems: &mut Vec<Problem>) -> Option<Annotation> {
    let id = raw.id.get_ref().trim().to_owned();
    let before = problems.len();
    let mut bad = |code: &'static str, message: String, span: Range<usize>, help: &str| {
        problems.push(
            Problem::error(code, message)
                .at(Some(span))
                .annotation(Some(id.clone()))
                .help(help),
        );
    };
    for (name, value, span) in [
        ("id", raw.id.get_ref(), raw.id.span()),
        ("version", raw.version.get_ref(), raw.version.span()),
    ] {
        if value.trim().is_empty() {
            bad(
                "empty-field",
                format!("`{name}` is empty"),
                span,
                "give it a value",
            );
        }
    }
    if raw.body.trim().is_empty() {
        bad(
            "empty-field",
            "`body` is empty".to_owned(),
            table.clone(),
            "say what the annotation is about",
        );
    }
    if raw.author.trim().is_empty() {
        bad(
            "empty-field",
            "`author` is empty".to_owned(),
            table.clone(),
            "name the organisation or person",
        );
    }
    if let Some(q) = &raw.quote
        && q.get_ref().trim().is_empty()
    {
        bad(
            "empty-field",
            "`quote` is empty".to_owned(),
            q.span(),
            "quote the exact words, or leave `quote` out",
        );
    }
    if let Some(l) = &raw.language
        && !treaty_model::is_language_code(l.get_ref())
    {
        bad(
            "bad-language",
            format!("`{}` is not a language code", l.get_ref()),
            l.span(),
            "write the language of the text the annotation was written on as two lower-case letters, such as `fr` or `ar`",
        );
    }
    let clause = match raw.clause.get_ref().parse::<ClauseId>() {
        Ok(c) => Some(c),
        Err(e) => {
            let at = raw.clause.span();
            let written = raw.clause.get_ref();
            // Point at the character the ID parser stopped at (+1 for the opening quote).
            let byte = written
                .char_indices()
                .nth(e.column.saturating_sub(1))
                .map_or(written.len(), |(i, _)| i);
            let from = (at.start + 1 + byte).min(at.end.saturating_sub(1));
            bad(
                "bad-clause-id",
                format!(
                    "`{written}` is not a clause ID: expected {} at column {}",
                    e.expected, e.column
                ),
                from..at.end.saturating_sub(1).max(from + 1).min(at.end),
                "write it as 47.1.c, 47(1)(c), Art. 47(1)(c) or an Akoma Ntoso eId; `document` means the whole text",
            );
            None
        }
    };
    let date = match date_value(raw.date.get_ref()) {
        Ok(d) => Some(d),
        Err(message) => {
            bad(
                "bad-date",
                message,
                raw.date.span(),
                "dates are YYYY-MM-DD, YYYY-MM or YYYY",
            );
            None
        }
    };
    if problems.len() > before {
        return None;
    }
    let clean = |s: Option<String>| s.filter(|s| !s.is_empty());
    Some(Annotation {
        at: Locations {
            table,
            id: raw.id.span(),
            clause: raw.clause.span(),
            version: raw.version.span(),
            quote: raw.quote.as_ref().map(Spanned::span),
            date: raw.date.span(),
            language: raw.language.as_ref().map(Spanned::span),
        },
        id,
        clause: clause?,
        version: raw.version.into_inner().trim().to_owned(),
        language: raw.language.map(Spanned::into_inner),
        quote: raw.quote.map(Spanned::into_inner),
        prefix: clean(raw.prefix),
        suffix: clean(raw.suffix),
        author: raw.author.trim().to_owned(),
        source: clean(raw.source),
        date: date?,
        tags: raw.tags,
        stance: raw.stance,
        body: raw.body,
    })
}

fn date_value(v: &toml::Value) -> Result<PartialDate, String> {
    match v {
        toml::Value::String(s) => s.trim().parse(),
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day).parse(),
            _ => Err(format!("`{dt}` has a time; a date alone is expected")),
        },
        toml::Value::Integer(y) => y.to_string().parse(),
        other => Err(format!("a date is expected, not a {}", other.type_str())),
    }
}

fn field_list() -> String {
    FIELDS
        .iter()
        .map(|(f, _)| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn field_help(name: &str) -> String {
    match name {
        "id" => "give it an ID that is unique within the convention, such as `eff-47-1-c`".into(),
        "clause" => "name the clause it is about, such as `clause = \"47.1.c\"`".into(),
        "version" => "name the draft it was written against, as labelled in the convention's `convention.toml`".into(),
        "author" => "name the organisation or person who said it".into(),
        "date" => "add the date it was published: `date = \"2024-08-08\"` (or `2024-08`)".into(),
        "stance" => format!("add `stance`: one of {}", stance_list()),
        "body" => "add the commentary itself as `body` (Markdown)".into(),
        _ => format!("the fields are {}", field_list()),
    }
}

/// The known field closest to a misspelt one, if it is close.
fn closest_field(name: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|(f, _)| (treaty_model::edit_distance(f, &name.to_lowercase()), *f))
        .filter(|&(d, f)| d <= 2.max(f.len() / 3))
        .min()
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_wrong_type_is_reported_first_one_first() {
        let f = load(
            "[[annotation]]\nid = 5\nclause = \"6.1\"\nversion = true\nauthor = 3\ndate = \"2024\"\nstance = \"note\"\ntags = [1]\nbody = []\n",
        );
        let fields: Vec<&str> = f
            .problems
            .iter()
            .map(|p| p.message.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(fields, ["id", "version", "author", "tags", "body"]);
        assert!(f.annotations.is_empty());
    }

    const GOOD: &str = r#"# Commentary by one organisation.

[[annotation]]
id = "a-1"
clause = "Art. 47(1)(c)"
version = "final"
quote = "for analytical or investigative purposes"
author = "An Organisation"
source = "https://example.org/comment"
date = 2024-08-08
tags = ["data-protection"]
stance = "concern"
body = """
Data may be shared *without* safeguards.
"""
"#;

    fn codes(src: &str) -> Vec<&'static str> {
        load(src).problems.iter().map(|p| p.code).collect()
    }

    #[test]
    fn reads_a_complete_annotation_and_normalises_the_clause() {
        let f = load(GOOD);
        assert_eq!(f.problems, vec![]);
        let a = &f.annotations[0];
        assert_eq!(a.clause.as_str(), "47.1.c");
        assert_eq!(a.date.to_string(), "2024-08-08");
        assert_eq!(a.stance, Stance::Concern);
        assert_eq!(&GOOD[a.at.clause.clone()], "\"Art. 47(1)(c)\"");
        assert_eq!(
            &GOOD[a.at.quote.clone().unwrap_or_default()],
            "\"for analytical or investigative purposes\""
        );
    }

    #[test]
    fn reports_every_unknown_and_missing_field_at_once() {
        let src = "[[annotation]]\nid = \"x\"\nclause = \"1\"\nversoin = \"final\"\ncolour = \"red\"\nstance = \"note\"\nbody = \"b\"\ndate = \"2024\"\n";
        let f = load(src);
        let got: Vec<_> = f
            .problems
            .iter()
            .map(|p| {
                (
                    p.code,
                    p.message.as_str(),
                    p.help.first().map(String::as_str),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "unknown-field",
                    "unknown field `versoin` in an annotation",
                    Some("did you mean `version`?")
                ),
                (
                    "unknown-field",
                    "unknown field `colour` in an annotation",
                    Some(
                        "the fields are `id`, `clause`, `version`, `language`, `quote`, `prefix`, `suffix`, `author`, `source`, `date`, `tags`, `stance`, `body`"
                    )
                ),
                (
                    "missing-field",
                    "this annotation has no `version`",
                    Some(
                        "name the draft it was written against, as labelled in the convention's `convention.toml`"
                    )
                ),
                (
                    "missing-field",
                    "this annotation has no `author`",
                    Some("name the organisation or person who said it")
                ),
            ]
        );
        assert!(f.annotations.is_empty());
    }

    #[test]
    fn bad_values_are_named() {
        assert_eq!(
            codes(&GOOD.replace("\"concern\"", "\"worry\"")),
            ["unknown-stance"]
        );
        assert_eq!(
            codes(&GOOD.replace("2024-08-08", "\"2024-02-30\"")),
            ["bad-date"]
        );
        assert_eq!(
            codes(&GOOD.replace("2024-08-08", "\"8 August 2024\"")),
            ["bad-date"]
        );
        assert_eq!(
            codes(&GOOD.replace("2024-08-08", "2024-08-08T10:00:00")),
            ["bad-date"]
        );
        assert_eq!(
            codes(&GOOD.replace("Art. 47(1)(c)", "47((1)")),
            ["bad-clause-id"]
        );
        assert_eq!(
            codes(&GOOD.replace("[\"data-protection\"]", "\"one\"")),
            ["invalid-value"]
        );
        assert_eq!(
            codes(&GOOD.replace("id = \"a-1\"", "id = \" \"")),
            ["empty-field"]
        );
        assert_eq!(
            codes(&GOOD.replace("[[annotation]]", "[[annotation]\n")),
            ["toml-syntax"]
        );
        assert_eq!(
            codes("stance = \"note\"\n"),
            ["unknown-field", "no-annotations"]
        );
    }

    #[test]
    fn partial_dates_are_checked_against_the_calendar() {
        for ok in ["2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert_eq!(
                ok.parse::<PartialDate>().map(|d| d.to_string()),
                Ok(ok.to_owned())
            );
        }
        for bad in [
            "1900-02-29",
            "2023-02-29",
            "2024-13",
            "2024-04-31",
            "24-08-08",
            "2024-8-8",
            "2024-08-08-01",
            "",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_field_list_matches_what_serde_reads() {
        // A table with every listed field loads, so serde accepts all of them ...
        let all = GOOD
            .replace("author =", "prefix = \"data \"\nsuffix = \";\"\nauthor =")
            .replace(
                "version = \"final\"",
                "version = \"final\"\nlanguage = \"fr\"",
            );
        let f = load(&all);
        assert_eq!(f.problems, vec![]);
        // ... and what is written back uses only listed fields.
        let written = toml::to_string(&f.annotations[0]).unwrap_or_default();
        let keys: Vec<&str> = written
            .lines()
            .filter_map(|l| l.split_once(" = "))
            .map(|(k, _)| k)
            .collect();
        let listed: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
        assert_eq!(keys, listed);
    }
}
