//! The reader's side of the search index ([`crate::index`]): brought up to
//! date with the folder's files after each check (at launch and on every
//! live reload), then asked by the library filter for the files that may
//! match ([`Candidates`]).
//!
//! Until the index is there (or when it cannot be opened or written) the
//! filter reads every file instead: slower, with the same rows. The index
//! is never trusted over the files: it is asked with the stamps the check
//! just took, and answers with every file it has not indexed as it is now.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file_filter::Candidates;
use crate::index::{FileStamp, LibraryIndex};
use crate::library::Stamp;

/// The files as the index wants them: path, size and mtime.
pub type Stamps = Vec<FileStamp>;

/// The stamps of the listed files (those that could be stat'ed).
pub fn stamps<'a>(listed: impl Iterator<Item = (&'a PathBuf, Option<Stamp>)>) -> Stamps {
    listed
        .filter_map(|(p, s)| {
            Some(FileStamp {
                path: p.clone(),
                stamp: s?,
            })
        })
        .collect()
}

/// Bring the index of `dir` up to date with `files` (`progress(done,
/// total)` as files are indexed; not called when nothing changed); the
/// filter's way to ask it, or `None` when there is no usable index. An
/// update that fails (another yomu holds the index's lock, a full disk)
/// leaves an index that is still right to ask: it names every file it has
/// not indexed as it is.
pub fn update(
    dir: &Path,
    files: Stamps,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Candidates> {
    let mut index = LibraryIndex::open(dir).ok()?.in_background();
    let _ = index.update(&files, progress);
    // Building gave back what it used: return it to the system.
    crate::parallel::release_free_memory();
    let digest = crate::index::stamp::digest_of(&files);
    let index = Arc::new(index);
    Some(Candidates(Arc::new(move |query, opts| {
        index.candidates_digested(query, opts, &files, digest).ok()
    })))
}
