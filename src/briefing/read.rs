//! Reading a briefing file from disk, refusing what is not a briefing
//! before any TOML is parsed: not a regular file (opened non-blocking and
//! checked on the open handle by [`crate::fsutil`], so a FIFO cannot
//! block), larger than
//! [`MAX_FILE_SIZE`] (checked before reading, and again while reading in
//! case the file grows), binary (a NUL byte, which TOML never allows), or
//! not UTF-8. Symlinks are followed; a loop is an I/O error from the OS.
//!
//! [`open`] checks the metadata and opens the file once; [`read_all`] reads
//! it whole, [`Blocks`] block by block with the same checks (the streaming
//! loader of large files, which hands the file to `read_all` if it gives up).

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use super::{LoadError, MAX_FILE_SIZE, display_path};

fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Io {
        path: display_path(path),
        source,
    }
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::TooLarge {
        path: display_path(path),
        size,
        limit: MAX_FILE_SIZE,
    }
}

/// Open `path` (non-blocking, a regular file within the size limit); the
/// file and its size.
pub fn open(path: &Path) -> Result<(File, u64), LoadError> {
    use crate::fsutil::ReadError;
    crate::fsutil::open_regular(path, MAX_FILE_SIZE).map_err(|e| match e {
        ReadError::Io(e) => io_error(path, e),
        ReadError::NotAFile { .. } => LoadError::NotAFile {
            path: display_path(path),
        },
        ReadError::TooLarge { size, .. } => too_large(path, size),
    })
}

/// Bytes read from `path` that start at byte `offset` of the file, as text:
/// refused if they hold a NUL byte or are not UTF-8 (cut only between
/// characters by the caller).
pub fn text_at(path: &Path, bytes: Vec<u8>, offset: usize) -> Result<String, LoadError> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(LoadError::Binary {
            path: display_path(path),
            offset: offset + at,
        });
    }
    // SIMD validation is several times faster than the standard library's
    // on Japanese text; the slower check only runs to locate an error.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        let at = std::str::from_utf8(&bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return Err(LoadError::NotUtf8 {
            path: display_path(path),
            offset: offset + at,
        });
    }
    // SAFETY: `simdutf8` has just validated these exact bytes as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// The text of `file` (opened from `path`, `len` bytes long), read from
/// where it is: its start when it was just opened (else see [`rewind`]).
pub fn read_all(path: &Path, file: &mut File, len: u64) -> Result<String, LoadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(path, bytes.len() as u64));
    }
    text_at(path, bytes, 0)
}

/// Put `file` (opened from `path`) back at its start, for [`read_all`]
/// after a part of it was read.
pub fn rewind(path: &Path, file: &mut File) -> Result<(), LoadError> {
    file.rewind().map_err(|e| io_error(path, e))
}

/// A file read block by block, with the size limit kept while reading.
pub struct Blocks<'a> {
    path: &'a Path,
    file: &'a mut File,
    read: u64,
}

impl<'a> Blocks<'a> {
    /// `file` (opened from `path`) read from where it is.
    pub fn new(path: &'a Path, file: &'a mut File) -> Self {
        Blocks {
            path,
            file,
            read: 0,
        }
    }

    /// Append up to `max` more bytes to `buf`; 0 at the end of the file.
    pub fn read_into(&mut self, buf: &mut Vec<u8>, max: usize) -> Result<usize, LoadError> {
        let n = (&mut *self.file)
            .take(max as u64)
            .read_to_end(buf)
            .map_err(|e| io_error(self.path, e))?;
        self.read += n as u64;
        if self.read > MAX_FILE_SIZE {
            return Err(too_large(self.path, self.read));
        }
        Ok(n)
    }
}
