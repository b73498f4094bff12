//! Advisory locks that make a read–check–write of a folder's files one step for every
//! treaty process: two `annotate add` runs on one folder take turns, so neither writes
//! over what the other added. Editors do not take the lock; the changed-since-read check
//! of [`crate::write::write_atomic`] still refuses what they changed meanwhile.

use std::fs::File;
use std::path::Path;

use crate::write::WriteError;

/// A held lock; it is released when dropped (and by the system if the process dies).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// Wait for and take the exclusive lock of `dir` (created if missing). On Unix the
/// folder itself is locked, so that nothing is added to it; elsewhere a hidden
/// `.treaty.lock` file inside it.
pub fn lock_folder(dir: &Path) -> Result<FolderLock, WriteError> {
    let io_err = |source| WriteError::Io {
        path: treaty_model::escape_controls(&dir.display().to_string()).into_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io_err)?;
    #[cfg(unix)]
    let file = File::open(dir).map_err(io_err)?;
    #[cfg(not(unix))]
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".treaty.lock"))
        .map_err(io_err)?;
    file.lock().map_err(io_err)?;
    Ok(FolderLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let held = lock_folder(dir.path())?;
        let other = File::open(dir.path())?;
        assert!(other.try_lock().is_err(), "the folder is locked");
        drop(held);
        assert!(other.try_lock().is_ok(), "and free again once dropped");
        Ok(())
    }
}
