//! Writing user files so that nothing is lost: the new contents go to a temporary file in
//! the same folder, which replaces the original by a rename only once it is complete, and
//! only if the original is still what was read.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} changed on disk since it was read; nothing was written: run the command again")]
    Changed(String),
    #[error("cannot write {path}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// Replace `path` with what `fill` writes, atomically. `expected` is the content the
/// caller read (`None`: the file did not exist); if the file no longer holds it, nothing
/// is written. If `fill` fails, the temporary file is removed and `path` is untouched.
pub fn write_atomic(
    path: &Path,
    expected: Option<&[u8]>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let name = path.display().to_string();
    let io_err = |source| WriteError::Io {
        path: name.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(io_err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".treaty-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).map_err(io_err)?;
        w.flush().map_err(io_err)?;
    }
    tmp.as_file().sync_all().map_err(io_err)?;
    let current = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if current.as_deref() != expected {
        return Err(WriteError::Changed(name));
    }
    if let Ok(meta) = fs::metadata(path) {
        // Keep the original's permissions.
        fs::set_permissions(tmp.path(), meta.permissions()).map_err(io_err)?;
    }
    let persisted = if expected.is_some() {
        tmp.persist(path).map(drop)
    } else {
        // A file that appeared meanwhile is not overwritten.
        tmp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Changed(name.clone())
        } else {
            io_err(e.error)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".treaty-"))
            .collect()
    }

    #[test]
    fn replaces_the_file_when_it_is_unchanged() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.toml");
        fs::write(&path, "old\n")?;
        write_atomic(&path, Some(b"old\n"), |w| w.write_all(b"new\n"))?;
        assert_eq!(fs::read_to_string(&path)?, "new\n");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn an_interrupted_write_leaves_the_original_intact() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.toml");
        fs::write(&path, "# keep me\n[[annotation]]\n")?;
        let result = write_atomic(&path, Some(b"# keep me\n[[annotation]]\n"), |w| {
            w.write_all(b"# half of the new conte")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(matches!(result, Err(WriteError::Io { .. })));
        assert_eq!(fs::read_to_string(&path)?, "# keep me\n[[annotation]]\n");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn refuses_when_the_file_changed_since_it_was_read() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.toml");
        fs::write(&path, "edited by someone else\n")?;
        let result = write_atomic(&path, Some(b"as read\n"), |w| w.write_all(b"mine\n"));
        assert!(matches!(result, Err(WriteError::Changed(_))));
        assert_eq!(fs::read_to_string(&path)?, "edited by someone else\n");
        // A file that appeared after we found none is not overwritten either.
        let fresh = dir.path().join("b.toml");
        fs::write(&fresh, "theirs\n")?;
        let result = write_atomic(&fresh, None, |w| w.write_all(b"mine\n"));
        assert!(matches!(result, Err(WriteError::Changed(_))));
        assert_eq!(fs::read_to_string(&fresh)?, "theirs\n");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
        Ok(())
    }
}
