//! Reading a briefing file from disk, refusing what is not a briefing
//! before any TOML is parsed: not a regular file (checked on the metadata,
//! so a FIFO is never opened and cannot block), larger than
//! [`MAX_FILE_SIZE`] (checked before reading, and again while reading in
//! case the file grows), binary (a NUL byte, which TOML never allows), or
//! not UTF-8. Symlinks are followed; a loop is an I/O error from the OS.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::{LoadError, MAX_FILE_SIZE, display_path};

/// The text of the file at `path`.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let shown = || display_path(path);
    let io = |source| LoadError::Io {
        path: shown(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile { path: shown() });
    }
    let too_large = |size| LoadError::TooLarge {
        path: shown(),
        size,
        limit: MAX_FILE_SIZE,
    };
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)
        .and_then(|f| f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(LoadError::Binary {
            path: shown(),
            offset,
        });
    }
    // SIMD validation is several times faster than the standard library's
    // on Japanese text; the slower check only runs to locate an error.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        let offset = std::str::from_utf8(&bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return Err(LoadError::NotUtf8 {
            path: shown(),
            offset,
        });
    }
    // SAFETY: `simdutf8` has just validated these exact bytes as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}
