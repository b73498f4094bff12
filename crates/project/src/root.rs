//! Finding the project: the folder that holds `texts/` and `annotations/`, found by
//! walking up from the current folder as git finds `.git`. Paths are kept relative to
//! the current folder, so messages show them as the user would type them.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a project's conventions and commentary are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// The project folder, relative to the current folder (empty: the current folder).
    pub root: PathBuf,
    /// `texts/`: one folder per convention, each with a `convention.toml` and drafts.
    pub texts: PathBuf,
    /// `annotations/`: one folder per convention, each with TOML files of commentary.
    pub annotations: PathBuf,
}

impl Project {
    /// The project at `root` (relative to the current folder, or absolute).
    pub fn at(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Self {
            texts: root.join("texts"),
            annotations: root.join("annotations"),
            root,
        }
    }

    /// The nearest folder from `start` up that holds both `texts/` and `annotations/`.
    /// `start` is the current folder (as an absolute path, to walk up); the project's
    /// paths come back relative to it.
    pub fn discover(start: &Path) -> Result<Self> {
        let mut rel = PathBuf::new();
        for dir in start.ancestors() {
            if dir.join("texts").is_dir() && dir.join("annotations").is_dir() {
                return Ok(Self::at(rel));
            }
            rel.push("..");
        }
        Err(Error::NoProject {
            start: start.display().to_string(),
        })
    }

    /// A path the user gave: as it is when it exists from the current folder, else from
    /// the project folder (so `texts/sample` works from anywhere inside the project),
    /// else the convention of that name (`sample`).
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.exists() || path.is_absolute() || path == Path::new("-") {
            return path.to_path_buf();
        }
        let from_root = self.root.join(path);
        if from_root.exists() {
            return from_root;
        }
        let convention = self.texts.join(path);
        if path.components().count() == 1 && convention.is_dir() {
            return convention;
        }
        path.to_path_buf()
    }

    /// The convention folder the current folder is in (`texts/<name>` or below it), if
    /// any: the default for commands that read one.
    pub fn current_convention(&self, cwd: &Path) -> Option<PathBuf> {
        let texts = cwd.join(&self.texts);
        let texts = texts.canonicalize().ok()?;
        let here = cwd.canonicalize().ok()?;
        let name = here.strip_prefix(&texts).ok()?.components().next()?;
        let dir = self.texts.join(name.as_os_str());
        dir.join("convention.toml").is_file().then_some(dir)
    }

    /// The folder of one convention's texts.
    pub fn convention_dir(&self, name: &str) -> PathBuf {
        self.texts.join(name)
    }
}

/// A path as messages show it.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_by_walking_up_with_paths_relative_to_the_start()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        std::fs::create_dir_all(root.join("texts/sample"))?;
        std::fs::create_dir_all(root.join("annotations/sample"))?;
        std::fs::write(
            root.join("texts/sample/convention.toml"),
            "[convention]\nid = \"sample\"\ntitle = \"S\"\n",
        )?;
        let here = Project::discover(&root)?;
        assert_eq!(here.texts, PathBuf::from("texts"));
        let deep = root.join("texts/sample");
        let p = Project::discover(&deep)?;
        assert_eq!(p.root, PathBuf::from("../.."));
        assert_eq!(p.texts, PathBuf::from("../../texts"));
        assert_eq!(
            p.current_convention(&deep),
            Some(PathBuf::from("../../texts/sample"))
        );
        assert_eq!(here.current_convention(&root), None);
        let outside = tempfile::tempdir()?;
        let err = Project::discover(&outside.path().canonicalize()?).expect_err("no project");
        assert!(err.to_string().contains("treaty init"), "{err}");
        Ok(())
    }
}
