//! Opening the files yomu reads (briefings, the configuration, the reading
//! state), all in one place so none of them can hang or flood the reader.
//!
//! A path could name anything: a FIFO (opening it for reading blocks until
//! a writer appears, forever), a symlink to `/dev/zero` or `/dev/urandom`
//! (endless), a directory, a socket, or a regular file of gigabytes. So a
//! file is opened non-blocking (`O_NONBLOCK`: a FIFO opens at once), then
//! the opened handle's own metadata is checked (no gap between a check and
//! the open for someone to swap the file): it must be a regular file no
//! larger than the caller's limit. Reading then stops one byte past the
//! limit, in case the file grows while it is read.
//!
//! Writing goes through [`write_atomic`]: a temporary file in the same
//! folder, flushed to disk and renamed over the old one, so a reader (or a
//! crash) never sees half a file.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The OS refused (missing, permission, a symlink loop, …).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A FIFO, a device, a socket or a folder.
    #[error("not a regular file ({kind})")]
    NotAFile { kind: &'static str },
    /// Larger than the limit (when opened, or by growing while read).
    #[error("{size} bytes, over the limit of {}", human(*limit))]
    TooLarge { size: u64, limit: u64 },
}

impl ReadError {
    /// Whether the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// A path as shown in messages: sanitised, so an escape in a file name never
/// reaches the terminal.
pub fn display_path(path: &Path) -> String {
    crate::text::sanitize_line(&path.to_string_lossy()).into_owned()
}

/// A size limit as people write it: `16 MiB`, `512 KiB`, `100 bytes`.
pub fn human(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn kind_of(ft: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_dir() {
        "a folder"
    } else if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_char_device() || ft.is_block_device() {
        "a device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

/// Open `path` for reading without blocking, and check on the open handle
/// that it is a regular file of at most `limit` bytes; the file and its size.
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            kind: kind_of(meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok((file, meta.len()))
}

/// Read the rest of `file` (at most `limit` bytes, else `TooLarge`).
pub fn read_capped(file: &mut File, len_hint: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(len_hint.min(limit)).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// [`open_regular`] and [`read_capped`]: the whole file's bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (mut file, len) = open_regular(path, limit)?;
    read_capped(&mut file, len, limit)
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder
/// (created, not truncated), `fsync`ed and renamed over `path`; the folder
/// is created when missing. On any failure the temporary file is removed
/// and whatever was at `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_then(path, bytes, true)
}

/// [`write_atomic`], with the folder's `fsync` (which makes the rename
/// itself durable) left to the caller when `sync_folder` is false: several
/// files written into one folder then need it once ([`sync_folder`]).
pub fn write_atomic_then(path: &Path, bytes: &[u8], sync_folder: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let tmp = temp_path(path);
    let dir = match tmp.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    if sync_folder {
        self::sync_folder(dir);
    }
    Ok(())
}

/// The temporary file [`write_atomic`] writes `path` through: in the same
/// folder (so the rename is atomic), hidden, named after the file, this
/// process and this thread (so no two writers ever share one).
pub fn temp_path(path: &Path) -> std::path::PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // SAFETY: gettid has no preconditions.
    let thread = unsafe { libc::gettid() };
    dir.join(format!(".{name}.tmp-{}-{thread}", std::process::id()))
}

/// Make the renames in `dir` durable (best effort: not every system can).
/// Opened as a folder without blocking, so whatever else is at `dir` is
/// left alone.
pub fn sync_folder(dir: &Path) {
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(dir);
    if let Ok(d) = opened {
        let _ = d.sync_all();
    }
}

/// Take an exclusive advisory lock on `file`, the one way yomu locks: once
/// when `wait` is zero, else again every 10 ms until `wait` has passed.
/// `Ok(false)` when another holder kept it all that time. The lock goes
/// with the file (when it is closed or the process ends).
pub fn lock_exclusive(file: &File, wait: std::time::Duration) -> std::io::Result<bool> {
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Ok(false),
            Err(std::fs::TryLockError::Error(e))
                if e.kind() == std::io::ErrorKind::Interrupted && start.elapsed() < wait =>
            {
                continue;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// An exclusive advisory lock ([`lock_exclusive`]) on a folder, held while a file in
/// it is read, changed and written back (the reading state, the
/// subscriptions), so two yomu processes never both write from the same old
/// copy; released when dropped. Another yomu holds it for milliseconds; a
/// program that holds it longer than [`LOCK_WAIT`] makes the caller fail
/// rather than hang.
pub struct FolderLock {
    _dir: std::fs::File,
}

/// How long [`FolderLock::acquire`] waits.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

impl FolderLock {
    /// Lock folder `dir` (which must exist), waiting up to [`LOCK_WAIT`].
    pub fn acquire(dir: &Path) -> std::io::Result<FolderLock> {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(dir)?;
        if lock_exclusive(&f, LOCK_WAIT)? {
            Ok(FolderLock { _dir: f })
        } else {
            Err(std::io::Error::other(format!(
                "{} stayed locked by another program for {} s",
                display_path(dir),
                LOCK_WAIT.as_secs()
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("yomu-fsutil-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_lock_is_held_until_its_file_closes() {
        let dir = temp_dir("lock");
        let path = dir.join("x.lock");
        let open = || {
            std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .unwrap()
        };
        let (a, b) = (open(), open());
        assert!(lock_exclusive(&a, std::time::Duration::ZERO).unwrap());
        assert!(!lock_exclusive(&b, std::time::Duration::from_millis(30)).unwrap());
        drop(a);
        assert!(lock_exclusive(&b, std::time::Duration::ZERO).unwrap());
        let held = FolderLock::acquire(&dir).unwrap();
        drop(held);
        assert!(FolderLock::acquire(&dir).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporary() {
        let dir = temp_dir("atomic");
        let path = dir.join("sub").join("a.toml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1);
        // A folder in the way: the write fails and nothing is left behind.
        std::fs::create_dir_all(dir.join("d.toml")).unwrap();
        assert!(write_atomic(&dir.join("d.toml"), b"x").is_err());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = temp_dir("fifo");
        let fifo = dir.join("state.toml");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // Without O_NONBLOCK this open would wait for a writer forever.
        let e = read_file(&fifo, 1024).unwrap_err();
        assert!(matches!(e, ReadError::NotAFile { kind: "a FIFO" }), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn devices_folders_and_large_files_are_refused() {
        let dir = temp_dir("kinds");
        let zero = dir.join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_file(&zero, 1024).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a device)");
        let e = read_file(&dir, 1024).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a folder)");
        let big = dir.join("big.toml");
        std::fs::write(&big, vec![b'a'; 2049]).unwrap();
        let e = read_file(&big, 2048).unwrap_err();
        assert_eq!(e.to_string(), "2049 bytes, over the limit of 2 KiB");
        assert_eq!(read_file(&big, 4096).unwrap().len(), 2049);
        assert!(read_file(&dir.join("none"), 10).unwrap_err().is_not_found());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
