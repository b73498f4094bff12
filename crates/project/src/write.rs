//! Writing user files so that nothing is lost: the new contents go to a temporary file in
//! the same folder, which replaces the original by a rename only once it is complete, and
//! only if the original is still what was read.
//!
//! Only regular files are replaced: a device, a FIFO or a folder at the path is refused,
//! and a symlink is written through (its target is replaced atomically, the link stays).
//! A new file gets the permissions the umask gives (0644 under umask 022); a replaced one
//! keeps its own. Temporary files a killed write left behind are removed by the next write
//! to the same folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use treaty_model::escape_controls;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} changed on disk since it was read; nothing was written: run the command again")]
    Changed(String),
    #[error("{path} is {what}, not a regular file; nothing was written: give the path of a file")]
    NotRegular { path: String, what: &'static str },
    #[error("cannot write {path}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// The prefix and suffix of the temporary files writes make; readers never read them.
pub const TEMP_PREFIX: &str = ".treaty-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file older than this is one a killed write left behind.
const STALE: Duration = Duration::from_secs(600);

/// The file a write to `path` replaces: `path` itself, or the target of the symlink it
/// is. Anything but a regular file (or nothing yet) is refused.
pub(crate) fn target_of(path: &Path) -> Result<PathBuf, WriteError> {
    let name = || escape_controls(&path.display().to_string()).into_owned();
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(source) => {
            return Err(WriteError::Io {
                path: name(),
                source,
            });
        }
    };
    let (target, meta) = if meta.file_type().is_symlink() {
        let target = fs::canonicalize(path).map_err(|_| WriteError::NotRegular {
            path: name(),
            what: "a symlink to nothing",
        })?;
        let meta = fs::metadata(&target).map_err(|source| WriteError::Io {
            path: name(),
            source,
        })?;
        (target, meta)
    } else {
        (path.to_path_buf(), meta)
    };
    if meta.is_file() {
        return Ok(target);
    }
    Err(WriteError::NotRegular {
        path: name(),
        what: kind_of(&meta),
    })
}

/// What a path that is not a regular file is, for the message.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// The operating system's error alone. The temporary file's errors carry that file's
/// name (`… at path ".treaty-x.tmp"`), which the user neither gave nor needs: the message
/// names the file they asked for instead.
fn plain(e: io::Error) -> io::Error {
    if e.raw_os_error().is_some() || e.get_ref().is_none() {
        return e;
    }
    let text = e.to_string();
    match text.find(" at path ") {
        Some(end) => io::Error::new(e.kind(), text[..end].to_owned()),
        None => e,
    }
}

/// Remove the temporary files of writes that were killed: ours by their name, and old
/// enough that no write still running can own them.
fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE);
        if old && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Replace `path` with what `fill` writes, atomically. `expected` is the content the
/// caller read (`None`: the file did not exist); if the file no longer holds it, nothing
/// is written. If `fill` fails, the temporary file is removed and `path` is untouched.
pub fn write_atomic(
    path: &Path,
    expected: Option<&[u8]>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let name = escape_controls(&path.display().to_string()).into_owned();
    let io_err = |e| WriteError::Io {
        path: name.clone(),
        source: plain(e),
    };
    let target = target_of(path)?;
    let path = target.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(io_err)?;
    remove_stale(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        // What a new file gets: read and write for all, less the umask (the kernel
        // applies it), as any other program's new file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io_err)?;
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

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_replaced_and_a_symlink_is_written_through()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        // A FIFO is refused and stays a FIFO.
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
        assert!(made.success());
        let result = write_atomic(&fifo, None, |w| w.write_all(b"x"));
        assert!(
            matches!(result, Err(WriteError::NotRegular { what: "a FIFO", .. })),
            "{result:?}"
        );
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(
            &fs::symlink_metadata(&fifo)?.file_type()
        ));
        // A folder is refused.
        let result = write_atomic(dir.path(), None, |w| w.write_all(b"x"));
        assert!(matches!(
            result,
            Err(WriteError::NotRegular {
                what: "a folder",
                ..
            })
        ));
        // A symlink: its target gets the new words, the link stays a link.
        let real = dir.path().join("real.toml");
        fs::write(&real, "old\n")?;
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link)?;
        write_atomic(&link, Some(b"old\n"), |w| w.write_all(b"new\n"))?;
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real)?, "new\n");
        // A dangling link is refused.
        let dangling = dir.path().join("dangling.toml");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling)?;
        let result = write_atomic(&dangling, None, |w| w.write_all(b"x"));
        assert!(
            matches!(result, Err(WriteError::NotRegular { .. })),
            "{result:?}"
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_old_ones_keep_their_mode()
    -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let fresh = dir.path().join("page.html");
        write_atomic(&fresh, None, |w| w.write_all(b"<p>hi</p>"))?;
        let mode = fs::metadata(&fresh)?.permissions().mode() & 0o777;
        // Whatever the umask, a new file is readable by others unless the umask says
        // otherwise: never the 0600 of a temporary file. Tests run under umask 022.
        assert_eq!(mode, 0o666 & !umask(), "mode {mode:o}");
        let kept = dir.path().join("kept.toml");
        fs::write(&kept, "old")?;
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o640))?;
        write_atomic(&kept, Some(b"old"), |w| w.write_all(b"new"))?;
        assert_eq!(fs::metadata(&kept)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }

    /// The process's umask, read from /proc.
    #[cfg(unix)]
    fn umask() -> u32 {
        fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022)
    }

    #[test]
    fn temporary_files_of_killed_writes_are_removed_by_the_next_write()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let stale = dir.path().join(".treaty-killed.tmp");
        fs::write(&stale, "half")?;
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&stale)?
            .set_modified(old)?;
        // One that a write running now may own is left alone.
        let fresh = dir.path().join(".treaty-running.tmp");
        fs::write(&fresh, "in progress")?;
        write_atomic(&dir.path().join("a.toml"), None, |w| w.write_all(b"x"))?;
        assert!(!stale.exists());
        assert!(fresh.exists());
        Ok(())
    }
}
