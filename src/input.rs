//! Reading a text from a file or standard input (`-`).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// A text as read, with the name to show in messages.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn read(path: &Path) -> anyhow::Result<Source> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(Source {
            name: "<stdin>".to_owned(),
            bytes,
        });
    }
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "cannot read {}: check the path (use `-` for standard input)",
            display(path)
        )
    })?;
    Ok(Source {
        name: display(path),
        bytes,
    })
}

/// The latest draft of the bundled sample convention, compiled into the binary so the
/// default works from any folder.
pub fn bundled() -> Source {
    Source {
        name: "texts/sample/final.txt (bundled)".to_owned(),
        bytes: include_bytes!("../texts/sample/final.txt").to_vec(),
    }
}

fn display(path: &Path) -> String {
    PathBuf::from(path).display().to_string()
}
