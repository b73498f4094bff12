//! Reading a text from a file or standard input (`-`), and parsing it into a draft.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use treaty_model::Draft;

use crate::error::{Error, Result};
use crate::root::display;

/// A text as read, with the name to show in messages.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Source {
    /// Parse it into a draft called `label`.
    pub fn parse(self, label: impl Into<String>) -> Result<Draft> {
        // The bytes are checked to be UTF-8 once, here; the parser reads the string.
        // A valid text is shared with the words of its nodes rather than copied into them.
        let parsed = match String::from_utf8(self.bytes) {
            Ok(text) => {
                let text: Arc<str> = text.into();
                treaty_parse::parse_shared(&text).map(|doc| (text, doc))
            }
            Err(e) => treaty_parse::parse(e.as_bytes())
                .map(|doc| (String::from_utf8_lossy(e.as_bytes()).into(), doc)),
        };
        let (text, doc) = parsed.map_err(|source| Error::Parse {
            name: self.name.clone(),
            source,
        })?;
        Ok(Draft::new(label, self.name, text, doc))
    }
}

/// Read a file, or standard input for `-`.
pub fn read(path: &Path) -> Result<Source> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::read("standard input", e))?;
        return Ok(Source {
            name: "<stdin>".to_owned(),
            bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: display(path),
        hint: ": check the path (use `-` for standard input)",
        source,
    })?;
    Ok(Source {
        name: display(path),
        bytes,
    })
}

/// Read and parse a text file (or `-`) as a draft labelled with its name.
pub fn draft(path: &Path) -> Result<Draft> {
    let src = read(path)?;
    let label = src.name.clone();
    src.parse(label)
}
