//! The manifest of a convention folder (`texts/<convention>/convention.toml`): which
//! drafts exist, in negotiation order, and where their texts are.

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// A short label annotations refer to (`zero-draft`, `final`).
    pub label: String,
    /// The text file, relative to the manifest.
    pub file: String,
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

impl Manifest {
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
