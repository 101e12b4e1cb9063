//! Reading files for the index and for a search: a file as a tantivy
//! document, a full scan (each worker holding one file at a time), and
//! [`search_dir`], the scan of only the index's candidates.

use std::path::{Path, PathBuf};

use tantivy::TantivyDocument;

use super::stamp::{Digest, digest_of, list_folder};
use super::store::Fields;
use super::{FileStamp, IndexError, LibraryIndex, path_bytes, tokens};
use crate::briefing::{Briefing, LoadError, load_file};
use crate::search::{FieldMatch, SearchOptions, search_briefing};

/// A file that matched or failed to load, as a search reports it.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    /// The briefing (only its title and date, which order the results), or
    /// why it did not load.
    pub result: Result<Briefing, LoadError>,
    /// Every match, in reading order (none when it failed).
    pub matches: Vec<FieldMatch>,
}

/// The document of file `f` (loaded now), with the time to record.
pub(super) fn document(f: Fields, file: &FileStamp, mtime: i64) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_bytes(f.path, path_bytes(&file.path));
    d.add_u64(f.size, file.size);
    d.add_i64(f.mtime, mtime);
    match load_file(&file.path) {
        Ok(loaded) => {
            let text = tokens::doc_text(&loaded.briefing);
            d.add_text(f.uni, &text);
            d.add_text(f.bi, &text);
        }
        Err(_) => d.add_u64(f.failed, 1),
    }
    d
}

/// Search one file: `None` when it loaded and did not match.
fn search_file(path: &Path, query: &str, opts: SearchOptions) -> Option<Found> {
    match load_file(path) {
        Ok(loaded) => {
            let b = loaded.briefing;
            let matches = search_briefing(&b, query, opts);
            (!matches.is_empty()).then(|| Found {
                path: path.to_path_buf(),
                result: Ok(Briefing {
                    title: b.title,
                    subtitle: None,
                    summary: None,
                    published: b.published,
                    language: None,
                    tags: Vec::new(),
                    takeaways: Vec::new(),
                    sections: Vec::new(),
                }),
                matches,
            })
        }
        Err(e) => Some(Found {
            path: path.to_path_buf(),
            result: Err(e),
            matches: Vec::new(),
        }),
    }
}

/// Every file of `files` that matches the prepared `query` or fails to
/// load, read on all cores one file per worker at a time, in library
/// order (newest first, failures last).
pub fn scan_files(files: &[PathBuf], query: &str, opts: SearchOptions) -> Vec<Found> {
    let mut found: Vec<Found> = crate::parallel::map_each(files, |p| search_file(p, query, opts))
        .into_iter()
        .flatten()
        .collect();
    found.sort_by(|a, b| {
        crate::library::order(
            (&a.path, a.result.as_ref().ok()),
            (&b.path, b.result.as_ref().ok()),
        )
    });
    found
}

/// [`scan_files`] over the `*.toml` files of folder `dir`, through its
/// index: the same results, in the same order, reading only the index's
/// candidates. The folder is listed and every file statted first, and the
/// index brought up to date (`progress` as files are indexed): a file
/// added, removed or changed in any way since it was indexed, even within
/// the last second and even rewritten in place, is searched as it is now.
/// A corrupt index is rebuilt once; an index another process is updating
/// is used as committed (the files it lacks are read). An error when the
/// index cannot be used at all: the caller then scans.
pub fn search_dir(
    dir: &Path,
    query: &str,
    opts: SearchOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Found>, IndexError> {
    let mut index = LibraryIndex::open(dir)?;
    let files = list_folder(dir).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let digest = digest_of(&files);
    let candidates = match attempt(&mut index, &files, digest, query, opts, progress) {
        Ok(c) => c,
        Err(IndexError::Tantivy { .. }) => {
            index.rebuild()?;
            attempt(&mut index, &files, digest, query, opts, progress)?
        }
        Err(e) => return Err(e),
    };
    report(&index, candidates.len(), files.len());
    Ok(scan_files(&candidates, query, opts))
}

/// For the tests (`YOMU_TEST_INDEX_REPORT`): how many files were read, of
/// how many statted, and whether the index was made anew.
fn report(index: &LibraryIndex, read: usize, listed: usize) {
    if std::env::var_os("YOMU_TEST_INDEX_REPORT").is_some() {
        let how = if index.created() { "created" } else { "opened" };
        eprintln!("yomu: index: read {read} of {listed} files ({how})");
    }
}

fn attempt(
    index: &mut LibraryIndex,
    files: &[FileStamp],
    digest: Digest,
    query: &str,
    opts: SearchOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PathBuf>, IndexError> {
    match index.update_digested(files, digest, progress) {
        Ok(_) | Err(IndexError::Busy { .. }) => {}
        Err(e) => return Err(e),
    }
    index.candidates_digested(query, opts, files, digest)
}
