//! The index's folder as tantivy sees it: tantivy's memory-mapped folder,
//! except that every file yomu opens in it is opened the way yomu opens any
//! file ([`crate::fsutil`]): without blocking, and checked on the open
//! handle to be a regular file of a sane size.
//!
//! The index lives in a cache folder anybody with the user's rights can
//! change. A segment file replaced by a FIFO would make tantivy's plain
//! `open` wait for a writer forever; a symlink to `/dev/zero` would be
//! read without end (`meta.json`) or mapped and checksummed without end; a
//! lock file replaced by a FIFO would block the writer's `open`. Here a
//! file is opened with `O_NONBLOCK`, checked with `fstat` (no gap between
//! the check and the open), then mapped from that very descriptor. Writing,
//! deleting and watching are tantivy's own.

use std::fs::File;
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

use crate::fsutil::{ReadError, open_regular, read_capped};

/// The largest index file opened: far above what any library makes (a
/// whole index of 100,000 briefings is a few hundred MB), low enough that
/// a checksum over it ends in seconds.
const MAX_FILE: u64 = 8 * 1024 * 1024 * 1024;
/// The largest `meta.json` or `.managed.json` read into memory.
const MAX_META: u64 = 64 * 1024 * 1024;

/// The folder of one index (see the module doc).
#[derive(Clone, Debug)]
pub struct SafeDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl SafeDirectory {
    /// The index folder `root` (which must exist).
    pub fn open(root: &Path) -> Result<SafeDirectory, OpenDirectoryError> {
        Ok(SafeDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }
}

/// A refused or failed open as tantivy's error, naming the file.
fn read_error(e: ReadError, path: &Path) -> OpenReadError {
    if e.is_not_found() {
        return OpenReadError::FileDoesNotExist(path.to_path_buf());
    }
    let io = match e {
        ReadError::Io(io) => io,
        other => io::Error::other(other.to_string()),
    };
    OpenReadError::wrap_io_error(io, path.to_path_buf())
}

impl Directory for SafeDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let (file, len) =
            open_regular(&self.root.join(path), MAX_FILE).map_err(|e| read_error(e, path))?;
        if len == 0 {
            return Ok(Arc::new(OwnedBytes::empty()));
        }
        // SAFETY: the map is of a regular file in yomu's own cache folder,
        // which tantivy never changes once written (segment files are
        // written once, then only read or deleted). A file truncated under
        // the map by another program would fault; that is the same risk
        // tantivy's own folder takes.
        let map = unsafe { memmap2::Mmap::map(&file) }
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        Ok(Arc::new(OwnedBytes::new(map)))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let (mut file, len) =
            open_regular(&self.root.join(path), MAX_META).map_err(|e| read_error(e, path))?;
        read_capped(&mut file, len, MAX_META).map_err(|e| read_error(e, path))
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        use std::os::fd::AsRawFd;
        // Non-blocking and not through a symlink: a FIFO opens (or fails)
        // at once instead of waiting for the other end. Write-only to
        // create it; on a read-only disk an existing one is locked read-only.
        let path = self.root.join(&lock.filepath);
        let flags = libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOFOLLOW;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(flags)
            .open(&path)
            .or_else(|e| match e.raw_os_error() {
                Some(libc::EROFS | libc::EACCES | libc::EPERM) => std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(flags)
                    .open(&path),
                _ => Err(e),
            })
            .map_err(LockError::wrap_io_error)?;
        let meta = file.metadata().map_err(LockError::wrap_io_error)?;
        if !meta.is_file() {
            return Err(LockError::wrap_io_error(io::Error::other(format!(
                "{} is not a regular file",
                lock.filepath.display()
            ))));
        }
        let how = if lock.is_blocking {
            libc::LOCK_EX
        } else {
            libc::LOCK_EX | libc::LOCK_NB
        };
        loop {
            // SAFETY: a valid open descriptor, owned by `file`.
            if unsafe { libc::flock(file.as_raw_fd(), how) } == 0 {
                break;
            }
            let e = io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::EINTR) => continue,
                Some(libc::EWOULDBLOCK) => return Err(LockError::LockBusy),
                _ => return Err(LockError::wrap_io_error(e)),
            }
        }
        // Closing the file releases the lock; the lock file stays, as
        // tantivy's own folder leaves it.
        Ok(DirectoryLock::from(Box::new(Held(file))))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A held lock: its open file.
struct Held(#[allow(dead_code)] File);
