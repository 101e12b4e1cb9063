//! After files are written into a folder (a sync): its listing cache
//! ([`crate::listing`]) and its search index ([`crate::index`]) brought up
//! to date in one step, from one listing of the folder. The reader runs
//! the same halves on its background thread: [`crate::listing::check`]
//! (with what it shows as the known list, so it can stop and show each
//! new file as it is read), then [`index_in_background`] with
//! [`crate::listing::stamps`] of the result.
//!
//! No terminal code: the caller shows the progress.

use std::path::Path;

use crate::briefing::LoadError;
use crate::index::{FileStamp, IndexError, LibraryIndex, UpdateStats};

/// Why a folder could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// The folder could not be listed.
    #[error(transparent)]
    Listing(#[from] LoadError),
    /// The index could not be opened or written.
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Bring the listing cache and the search index of `dir` up to date with
/// its files (`progress(done, total)` as files are indexed).
pub fn after_write(
    dir: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<UpdateStats, RefreshError> {
    let files = listing(dir)?;
    Ok(index(dir, &files, progress)?)
}

/// Check the folder against its cached listing, save the listing when it
/// changed, and return the stamps of its files.
pub fn listing(dir: &Path) -> Result<Vec<FileStamp>, LoadError> {
    let known = crate::listing::cached(dir).unwrap_or_default();
    let scanned = crate::listing::check(dir, &known, &|_| {})?;
    scanned.save();
    let listed = scanned.listed.as_deref().unwrap_or(&known);
    Ok(crate::listing::stamps(
        listed.iter().map(|l| (&l.path, l.stamp)),
    ))
}

/// The reader's [`index`]: opened for work in the background (fewer
/// threads and less memory than a command's build), brought up to date
/// with `files`, and kept when the update fails (another yomu holds its
/// lock, a full disk): it still names every file it has not indexed as it
/// is now, so it stays right to ask. `None` when it cannot be opened.
pub fn index_in_background(
    dir: &Path,
    files: &[FileStamp],
    progress: &mut dyn FnMut(usize, usize),
) -> Option<LibraryIndex> {
    let mut index = LibraryIndex::open(dir).ok()?.in_background();
    let _ = index.update(files, progress);
    Some(index)
}

/// Open the index of `dir` and bring it up to date with `files`; a
/// corrupt index is rebuilt once, as a search would.
pub fn index(
    dir: &Path,
    files: &[FileStamp],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<UpdateStats, IndexError> {
    let mut index = LibraryIndex::open(dir)?;
    let mut result = index.update(files, progress);
    if let Err(IndexError::Tantivy { .. }) = result {
        index.rebuild()?;
        result = index.update(files, progress);
    }
    result
}
