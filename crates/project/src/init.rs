//! `treaty init`: an empty project, ready for a first convention.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::root::display;
use crate::write::write_atomic;

/// What `init` made.
#[derive(Debug)]
pub struct Created {
    /// The folders and files made, in order; what was already there is not listed.
    pub made: Vec<PathBuf>,
}

const README: &str = "# A treaty project\n\n\
texts/        one folder per convention: a convention.toml listing its drafts, and their texts\n\
              (bring a published text in with `treaty import FILE --convention texts/NAME --label LABEL`)\n\
annotations/  one folder per convention (the same NAME): TOML files of commentary on its clauses\n\
              (write one with `treaty annotate add`, check them all with `treaty check`)\n";

/// Make `dir` a project: `texts/`, `annotations/` and a README saying what goes where.
/// What is there already is kept; a folder that is already a project is refused.
pub fn init(dir: &Path) -> Result<Created> {
    let (texts, annotations) = (dir.join("texts"), dir.join("annotations"));
    if texts.is_dir() && annotations.is_dir() {
        return Err(Error::refused(format!(
            "{} is a treaty project already (it holds texts/ and annotations/)",
            display(dir)
        )));
    }
    let mut made = Vec::new();
    for d in [dir, &texts, &annotations] {
        if !d.is_dir() {
            fs::create_dir_all(d).map_err(|e| Error::read(display(d), e))?;
            made.push(d.to_path_buf());
        }
    }
    let readme = dir.join("README.md");
    if !readme.exists() {
        write_atomic(&readme, None, |w| w.write_all(README.as_bytes()))?;
        made.push(readme);
    }
    Ok(Created { made })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_the_two_folders_and_keeps_what_is_there()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("new");
        let c = init(&root)?;
        assert_eq!(c.made.len(), 4);
        assert!(root.join("texts").is_dir() && root.join("annotations").is_dir());
        assert!(fs::read_to_string(root.join("README.md"))?.contains("texts/"));
        // A second time: refused, nothing touched.
        fs::write(root.join("README.md"), "mine")?;
        assert!(matches!(init(&root), Err(Error::Refused { .. })));
        assert_eq!(fs::read_to_string(root.join("README.md"))?, "mine");
        // A folder with a README of its own keeps it.
        let other = dir.path().join("other");
        fs::create_dir_all(&other)?;
        fs::write(other.join("README.md"), "theirs")?;
        init(&other)?;
        assert_eq!(fs::read_to_string(other.join("README.md"))?, "theirs");
        Ok(())
    }
}
