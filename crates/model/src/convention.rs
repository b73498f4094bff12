//! The manifest of a convention folder (`texts/<convention>/convention.toml`): which
//! drafts exist, in negotiation order, and where their texts are, in each language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `convention.toml`, as written by people and by `treaty import`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub convention: ConventionInfo,
    /// The drafts, oldest first.
    #[serde(default)]
    pub versions: Vec<Version>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConventionInfo {
    /// The folder name, used by `annotations/<id>/` too.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One draft of the convention.
///
/// A draft may have language versions, all equally authentic:
///
/// ```toml
/// [[versions]]
/// label = "1948"
/// file = "en.txt"          # the default language's text
/// language = "en"          # its language
/// languages = { ar = "ar.txt", fr = "fr.txt" }
/// ```
///
/// `file` may be left out when `languages` lists every text; the default language is
/// then `language`, else English when listed, else the first code in alphabetical
/// order. A draft with one text needs neither `language` nor `languages`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// A short label annotations refer to (`zero-draft`, `final`).
    pub label: String,
    /// The text file of the default language, relative to the manifest.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// The language of `file`, as an ISO 639-1 code (`en`, `ar`, `zh`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The draft's texts by language, the default one included once the manifest is
    /// read ([`Manifest::settle_languages`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, String>,
    /// When the draft was issued: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The official document symbol, such as `A/AC.291/22/Rev.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Where the text came from (a URL or a citation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Version {
    /// The draft's texts as (language, file), the default language first and the others
    /// in the order of their codes. A draft with one text and no `language` gives that
    /// text with no language.
    pub fn language_files(&self) -> Vec<(Option<&str>, &str)> {
        let mut out = vec![(self.language.as_deref(), self.file.as_str())];
        out.extend(
            self.languages
                .iter()
                .filter(|(code, _)| Some(code.as_str()) != self.language.as_deref())
                .map(|(code, file)| (Some(code.as_str()), file.as_str())),
        );
        out
    }

    /// The text of this language (`None`: the default one).
    pub fn file_in(&self, language: Option<&str>) -> Option<&str> {
        match language {
            None => Some(&self.file),
            Some(l) if self.language.as_deref() == Some(l) => Some(&self.file),
            Some(l) => self.languages.get(l).map(String::as_str),
        }
    }

    /// The codes of the languages this draft has, the default first.
    pub fn language_codes(&self) -> Vec<&str> {
        self.language_files()
            .into_iter()
            .filter_map(|(l, _)| l)
            .collect()
    }
}

/// Whether a language code is written as treaty expects: two or three lower-case ASCII
/// letters (ISO 639-1 or 639-3).
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

impl Manifest {
    /// Fill in what the language fields leave implicit and check they agree: a version
    /// with `languages` and no `file` takes its default language's text as `file`; the
    /// default language is listed in `languages` too. Returns what is wrong, naming the
    /// version, for the manifest's reader to report.
    pub fn settle_languages(&mut self) -> Result<(), String> {
        for v in &mut self.versions {
            for code in v.languages.keys().chain(v.language.iter()) {
                if !is_language_code(code) {
                    return Err(format!(
                        "version `{}`: `{code}` is not a language code; write two lower-case letters such as `en`, `fr` or `ar`",
                        v.label
                    ));
                }
            }
            if v.file.is_empty() {
                let default = v
                    .language
                    .clone()
                    .or_else(|| v.languages.contains_key("en").then(|| "en".to_owned()))
                    .or_else(|| v.languages.keys().next().cloned());
                let Some(default) = default else {
                    return Err(format!(
                        "version `{}` names no text: give `file = \"{}.txt\"`, or `languages = {{ en = \"{}.en.txt\" }}`",
                        v.label, v.label, v.label
                    ));
                };
                let Some(file) = v.languages.get(&default) else {
                    return Err(format!(
                        "version `{}` has language `{default}` but no text for it in `languages`",
                        v.label
                    ));
                };
                v.file = file.clone();
                v.language = Some(default);
                continue;
            }
            if v.languages.is_empty() {
                if let Some(l) = &v.language {
                    v.languages.insert(l.clone(), v.file.clone());
                }
                continue;
            }
            let language = match &v.language {
                Some(l) => l.clone(),
                None => match v.languages.iter().find(|(_, f)| **f == v.file) {
                    Some((l, _)) => l.clone(),
                    None => {
                        return Err(format!(
                            "version `{}` lists languages but not the language of `{}`: add `language = \"en\"` (or its code)",
                            v.label, v.file
                        ));
                    }
                },
            };
            match v.languages.get(&language) {
                Some(f) if *f != v.file => {
                    return Err(format!(
                        "version `{}` gives two texts for `{language}`: `{}` and `{f}`",
                        v.label, v.file
                    ));
                }
                Some(_) => {}
                None => {
                    v.languages.insert(language.clone(), v.file.clone());
                }
            }
            v.language = Some(language);
        }
        Ok(())
    }

    /// The version with this label.
    pub fn version(&self, label: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.label == label)
    }

    /// The newest draft: the last one listed.
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// The labels, oldest first, for messages such as "expected one of ...".
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.versions.iter().map(|v| v.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(versions: &str) -> Result<Manifest, String> {
        let mut m: Manifest = toml::from_str(&format!(
            "[convention]\nid = \"udhr\"\ntitle = \"UDHR\"\n{versions}"
        ))
        .map_err(|e| e.to_string())?;
        m.settle_languages()?;
        Ok(m)
    }

    #[test]
    fn one_text_per_draft_stays_valid() {
        let m = manifest("[[versions]]\nlabel = \"final\"\nfile = \"final.txt\"\n").expect("valid");
        let v = &m.versions[0];
        assert_eq!(v.language_files(), [(None, "final.txt")]);
        assert_eq!(v.file_in(None), Some("final.txt"));
        assert_eq!(v.file_in(Some("fr")), None);
    }

    #[test]
    fn languages_with_a_default_file() {
        let m = manifest(
            "[[versions]]\nlabel = \"1948\"\nfile = \"en.txt\"\nlanguage = \"en\"\nlanguages = { zh = \"zh.txt\", ar = \"ar.txt\" }\n",
        )
        .expect("valid");
        let v = &m.versions[0];
        assert_eq!(
            v.language_files(),
            [
                (Some("en"), "en.txt"),
                (Some("ar"), "ar.txt"),
                (Some("zh"), "zh.txt")
            ]
        );
        assert_eq!(v.file_in(Some("ar")), Some("ar.txt"));
        assert_eq!(v.file_in(Some("en")), Some("en.txt"));
        assert_eq!(v.language_codes(), ["en", "ar", "zh"]);
    }

    #[test]
    fn languages_alone_default_to_english() {
        let m = manifest(
            "[[versions]]\nlabel = \"final\"\nlanguages = { fr = \"final.fr.txt\", en = \"final.en.txt\" }\n",
        )
        .expect("valid");
        assert_eq!(m.versions[0].file, "final.en.txt");
        assert_eq!(m.versions[0].language.as_deref(), Some("en"));
        let m = manifest(
            "[[versions]]\nlabel = \"final\"\nlanguages = { ru = \"ru.txt\", fr = \"fr.txt\" }\n",
        )
        .expect("valid");
        assert_eq!(m.versions[0].file, "fr.txt");
    }

    #[test]
    fn contradictions_are_refused_with_the_version_named() {
        for (versions, says) in [
            ("label = \"a\"\n", "names no text"),
            (
                "label = \"a\"\nfile = \"en.txt\"\nlanguages = { fr = \"fr.txt\" }\n",
                "add `language",
            ),
            (
                "label = \"a\"\nfile = \"en.txt\"\nlanguage = \"en\"\nlanguages = { en = \"other.txt\" }\n",
                "two texts",
            ),
            (
                "label = \"a\"\nfile = \"en.txt\"\nlanguage = \"English\"\n",
                "not a language code",
            ),
        ] {
            let err = manifest(&format!("[[versions]]\n{versions}")).expect_err(versions);
            assert!(err.contains("version `a`") && err.contains(says), "{err}");
        }
    }
}
