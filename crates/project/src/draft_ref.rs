//! Which draft a command means: a version label of a convention, or a text file. Said
//! once, by type, never a string tried both ways.

use std::path::{Path, PathBuf};

use treaty_model::Draft;

use crate::convention::Convention;
use crate::error::{Error, Result};
use crate::root::display;
use crate::source;

/// A draft named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftRef {
    /// A version label of the convention at hand (`zero-draft`).
    Label(String),
    /// A text file, or `-` for standard input.
    File(PathBuf),
}

impl DraftRef {
    /// Read what the user wrote: a label of `convention` when it lists one by that name,
    /// else a file. Labels win inside a convention, so a file that happens to be named
    /// like a label in the current folder is never read in its place.
    pub fn new(text: &str, convention: Option<&Convention>) -> Self {
        match convention {
            Some(c) if c.manifest.version(text).is_some() => DraftRef::Label(text.to_owned()),
            _ => DraftRef::File(PathBuf::from(text)),
        }
    }

    /// Read and parse the draft. A label needs its convention.
    pub fn read(&self, convention: Option<&Convention>) -> Result<Draft> {
        match (self, convention) {
            (DraftRef::Label(l), Some(c)) => c.draft(l),
            (DraftRef::Label(l), None) => source::draft(Path::new(l)),
            // Neither a label nor a file: most likely a label mistyped.
            (DraftRef::File(p), Some(c)) if !p.exists() && p != Path::new("-") => {
                let missing = c.version(&p.to_string_lossy()).err();
                Err(Error::Input(format!(
                    "{}, and there is no file {}",
                    missing.map_or_else(String::new, |m| m.to_string()),
                    display(p)
                )))
            }
            (DraftRef::File(p), _) => source::draft(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use treaty_model::{ConventionInfo, Manifest, Version};

    #[test]
    fn a_label_of_the_convention_wins_over_a_file_of_that_name() {
        let c = Convention {
            name: "sample".into(),
            dir: PathBuf::from("texts/sample"),
            manifest: Manifest {
                convention: ConventionInfo {
                    id: "sample".into(),
                    title: "Sample".into(),
                    note: None,
                },
                versions: vec![Version {
                    label: "final".into(),
                    file: "final.txt".into(),
                    date: None,
                    symbol: None,
                    source: None,
                    ..Default::default()
                }],
            },
            language: None,
        };
        assert_eq!(
            DraftRef::new("final", Some(&c)),
            DraftRef::Label("final".into())
        );
        assert_eq!(
            DraftRef::new("old.txt", Some(&c)),
            DraftRef::File("old.txt".into())
        );
        assert_eq!(DraftRef::new("final", None), DraftRef::File("final".into()));
    }
}
