//! Reading files for the index and for a search: a file as a tantivy
//! document, a full scan (each worker holding one file at a time), and
//! [`search_dir`], the scan of only the index's candidates.

use std::path::{Path, PathBuf};

use tantivy::TantivyDocument;

use super::stamp::{Digest, digest_of};
use super::store::Fields;
use super::{FileStamp, IndexError, LibraryIndex, Searched, path_bytes, store, tokens};
use crate::briefing::{Briefing, LoadError, load_for_search, load_for_search_unless};
use crate::folder::list_folder;
use crate::search::{Matches, SearchOptions, Want, count_fields, fields, search_briefing};

/// What a search keeps of a briefing that matched: what orders it in the
/// library (a search holds one per matching file, and moves them as it
/// orders them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub title: String,
    pub published: Option<crate::briefing::Published>,
}

impl Head {
    /// The title and date of `b`.
    pub fn of(b: &Briefing) -> Head {
        Head {
            title: b.title.clone(),
            published: b.published,
        }
    }
}

/// A file that matched or failed to load, as a search reports it.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    /// The briefing's title and date (which order the results), or why
    /// it did not load.
    pub result: Result<Head, LoadError>,
    /// Every match, in reading order (none when it failed, and none but
    /// counted when the search wanted only a count or a file).
    pub matches: Matches,
    /// How many matches (as many as `matches` holds when they were cut;
    /// 1 for a search that stopped at the first one; 0 when it failed).
    pub count: usize,
}

impl Found {
    /// A file that matched `count` times, ordered by `title` and `published`.
    pub(super) fn matched(
        path: &Path,
        title: &str,
        published: Option<crate::briefing::Published>,
        matches: Matches,
        count: usize,
    ) -> Found {
        Found {
            path: path.to_path_buf(),
            result: Ok(Head {
                title: title.to_string(),
                published,
            }),
            matches,
            count,
        }
    }
}

/// The document of file `f` (loaded now), with the time to record.
pub(super) fn document(f: Fields, file: &FileStamp, mtime: i64) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_bytes(f.path, path_bytes(&file.path));
    d.add_u64(f.size, file.size());
    d.add_i64(f.mtime, mtime);
    match load_for_search(&file.path) {
        Ok(briefing) => {
            let text = tokens::doc_text(&briefing);
            d.add_text(f.grams, &text);
            d.add_text(f.doc, super::stored::encode(&briefing));
        }
        Err(_) => d.add_u64(f.failed, 1),
    }
    d
}

/// Search one file: `None` when it loaded and did not match.
fn search_file(path: &Path, query: &str, opts: SearchOptions, want: Want) -> Option<Found> {
    let skip = |text: &str| crate::search::prefilter::cannot_match(text, query, opts);
    match load_for_search_unless(path, skip) {
        Ok(None) => None,
        Ok(Some(b)) => {
            let (matches, count) = match want {
                Want::Lines => {
                    let m = search_briefing(&b, query, opts);
                    let n = m.match_count();
                    (m, n)
                }
                Want::Count | Want::Any => (
                    Matches::default(),
                    count_fields(fields(&b), query, opts, want == Want::Any),
                ),
            };
            (count > 0).then(|| Found::matched(path, &b.title, b.published, matches, count))
        }
        Err(e) => Some(Found {
            path: path.to_path_buf(),
            result: Err(e),
            matches: Matches::default(),
            count: 0,
        }),
    }
}

/// Every file of `files` that matches the prepared `query` or fails to
/// load, read on all cores one file per worker at a time, in library
/// order (newest first, failures last).
pub fn scan_files(files: &[PathBuf], query: &str, opts: SearchOptions) -> Vec<Found> {
    scan_files_as(files, query, opts, Want::Lines)
}

/// [`scan_files`], giving of each file what `want` asks.
pub fn scan_files_as(
    files: &[PathBuf],
    query: &str,
    opts: SearchOptions,
    want: Want,
) -> Vec<Found> {
    let found: Vec<Found> = crate::parallel::map_each(files, |p| search_file(p, query, opts, want))
        .into_iter()
        .flatten()
        .collect();
    in_library_order(found)
}

/// `found` in the library's order ([`crate::library::order`]: newest
/// first, then by title and path). The comparisons sort positions and each
/// result is moved once, not at every step of the sort (a result holds its
/// briefing and matches).
pub fn in_library_order(found: Vec<Found>) -> Vec<Found> {
    use crate::library::{DateKey, order_by};
    // What the order looks at, read once per result.
    type Parts<'a> = (&'a Path, Option<(Option<DateKey>, &'a str)>);
    let parts: Vec<Parts<'_>> = found
        .iter()
        .map(|f| {
            let fields = f
                .result
                .as_ref()
                .ok()
                .map(|b| (b.published.map(|p| p.sort_key()), b.title.as_str()));
            (f.path.as_path(), fields)
        })
        .collect();
    // Each result as two numbers that order as `order_by` does wherever
    // they differ (its rank by date, then the first bytes of its title),
    // and its position: the sort compares these, and the results
    // themselves only on a tie.
    let mut keys: Vec<(u64, u64, usize)> = parts
        .iter()
        .enumerate()
        .map(|(i, &(_, fields))| {
            let (rank, title) = match fields {
                Some((Some(d), title)) => (DATED - date_number(d), title),
                Some((None, title)) => (DATED, title),
                None => (DATED + 1, ""),
            };
            let mut prefix = [0; 8];
            let head = &title.as_bytes()[..title.len().min(8)];
            prefix[..head.len()].copy_from_slice(head);
            (rank, u64::from_be_bytes(prefix), i)
        })
        .collect();
    let cmp = |a: &(u64, u64, usize), b: &(u64, u64, usize)| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| order_by(parts[a.2], parts[b.2]))
    };
    // Two halves sorted at once, then merged (left first on a tie: as
    // stable as one sort of the whole).
    let (n, mid) = (keys.len(), keys.len() / 2);
    let (left, right) = keys.split_at_mut(mid);
    if crate::parallel::workers() > 1 && mid >= 1024 {
        std::thread::scope(|s| {
            s.spawn(|| left.sort_by(cmp));
            right.sort_by(cmp);
        });
    } else {
        left.sort_by(cmp);
        right.sort_by(cmp);
    }
    let mut order = Vec::with_capacity(n);
    let (mut l, mut r) = (left.iter().peekable(), right.iter().peekable());
    loop {
        let next = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) if cmp(b, a).is_lt() => r.next(),
            (Some(_), _) => l.next(),
            (None, _) => r.next(),
        };
        match next {
            Some(k) => order.push(k.2),
            None => break,
        }
    }
    drop(keys);
    drop(parts);
    let mut slots: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The rank in [`in_library_order`] of a briefing with no date: after every
/// dated one (whose ranks are below it, newest first).
const DATED: u64 = 1 << 56;

/// A date as one number, later dates greater (below [`DATED`]).
fn date_number((y, mo, d, h, mi, s): crate::library::DateKey) -> u64 {
    (u64::from(y) << 40)
        | (u64::from(mo) << 32)
        | (u64::from(d) << 24)
        | (u64::from(h) << 16)
        | (u64::from(mi) << 8)
        | u64::from(s)
}

/// [`scan_files`] over the `*.toml` files of folder `dir`, through its
/// index: the same results, in the same order, reading only the index's
/// candidates (confirmed from the index's stored fields when unchanged).
/// A small folder with no index yet is read whole instead ([`SCAN_BELOW`]). The folder is listed and every file statted first, and the
/// index brought up to date (`progress` as files are indexed): a file
/// added, removed or changed in any way since it was indexed, even within
/// the last second and even rewritten in place, is searched as it is now.
/// An index that fails its checksums is rebuilt; one that tantivy reports
/// corrupt while it is asked is opened again (and so checked) once. An
/// index that cannot be updated (another process updating it, a full or
/// read-only disk) is used as committed: the files it lacks are read. An
/// error when the index cannot be used at all (a panic inside tantivy
/// among them): the caller then scans.
pub fn search_dir(
    dir: &Path,
    query: &str,
    opts: SearchOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Found>, IndexError> {
    search_dir_as(dir, query, opts, Want::Lines, progress)
}

/// [`search_dir`], giving of each file what `want` asks.
pub fn search_dir_as(
    dir: &Path,
    query: &str,
    opts: SearchOptions,
    want: Want,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Found>, IndexError> {
    let canonical = std::fs::canonicalize(dir).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let at = store::location(&canonical)?;
    let there = std::fs::symlink_metadata(&at).is_ok();
    // An index already there is opened and asked while the folder is
    // listed (its answer is used only if it is of exactly these files).
    let (files, ahead) = std::thread::scope(|s| {
        let ahead = there.then(|| {
            std::thread::Builder::new().spawn_scoped(s, || {
                let index = LibraryIndex::open_at(&at).ok()?;
                let hits = index.hits_ahead(query, opts).ok()?;
                Some((index, hits))
            })
        });
        let files = list_folder(dir);
        let ahead = ahead.and_then(|h| h.ok()?.join().ok().flatten());
        (files, ahead)
    });
    let files = files.map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    if files.len() < scan_below() && !there {
        super::trace(
            &at,
            &format!(
                "not built: {} files are read sooner than indexed",
                files.len()
            ),
        );
        let paths: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
        return Ok(scan_files_as(&paths, query, opts, want));
    }
    let (mut index, ahead) = match ahead {
        Some((index, hits)) => (index, Some(hits)),
        None => (LibraryIndex::open_at(&at)?, None),
    };
    let digest = digest_of(&files);
    let ask = Asked { query, opts, want };
    let (searched, indexed) = match attempt(&mut index, &files, digest, ask, ahead, progress) {
        Ok(c) => c,
        Err(IndexError::Tantivy { .. }) => {
            let at = index.location().to_path_buf();
            index = LibraryIndex::open_at(&at)?;
            attempt(&mut index, &files, digest, ask, None, progress).inspect_err(|e| {
                if let IndexError::Tantivy { .. } = e {
                    store::invalidate(&at, &format!("failed twice in one search: {e}"));
                }
            })?
        }
        Err(e) => return Err(e),
    };
    report(&index, &searched, files.len(), indexed);
    Ok(searched.found)
}

/// Below this many files a folder without an index is searched by reading
/// every file, and no index is built: the build would cost the first
/// search several times what the scan does (see BENCHMARKS.md). An index
/// already there (made by `yomu sync`, or when the folder was larger) is
/// still used and kept up to date.
const SCAN_BELOW: usize = 2_000;

/// [`SCAN_BELOW`], or `YOMU_TEST_INDEX_FROM` for the tests of the index.
fn scan_below() -> usize {
    std::env::var("YOMU_TEST_INDEX_FROM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SCAN_BELOW)
}

/// For the tests (`YOMU_TEST_INDEX_REPORT`): how many files the index
/// named, of how many statted, and whether the index was made anew; then
/// how many of those were read from disk, and how many files were indexed.
fn report(index: &LibraryIndex, searched: &Searched, listed: usize, indexed: usize) {
    if std::env::var_os("YOMU_TEST_INDEX_REPORT").is_some() {
        let how = if index.created() { "created" } else { "opened" };
        eprintln!(
            "yomu: index: read {} of {listed} files ({how})\n\
             yomu: index: {} from disk, indexed {indexed}\n\
             yomu: index: {} proven by the index alone",
            searched.candidates, searched.from_disk, searched.proven
        );
    }
}

/// Update the index (used as committed when that fails, unless tantivy
/// panicked), then its candidates, and how many files were indexed.
fn attempt(
    index: &mut LibraryIndex,
    files: &[FileStamp],
    digest: Digest,
    ask: Asked<'_>,
    ahead: Option<super::Hits>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Searched, usize), IndexError> {
    let indexed = match index.update_digested(files, digest, progress) {
        Ok(s) => s.added + s.changed,
        Err(e @ IndexError::Panicked { .. }) => return Err(e),
        // The last commit is still right to ask: it names every file it
        // has not indexed as it is now.
        Err(_) => 0,
    };
    Ok((
        index.search_digested(ask.query, ask.opts, ask.want, files, digest, ahead)?,
        indexed,
    ))
}

/// One search's question: the prepared query, its options, and what it
/// wants of each file.
#[derive(Clone, Copy)]
struct Asked<'a> {
    query: &'a str,
    opts: SearchOptions,
    want: Want,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Published;

    /// What [`crate::library::order_by`] orders a result by.
    fn sort_parts(f: &Found) -> Option<(Option<crate::library::DateKey>, &str)> {
        let head = f.result.as_ref().ok()?;
        Some((head.published.map(|p| p.sort_key()), head.title.as_str()))
    }

    /// A result for `path` titled `title`, dated `date` (`None`: undated),
    /// or one that failed to load (`title` `None`).
    fn result(path: &str, title: Option<&str>, date: Option<&str>) -> Found {
        let published = date.map(|d| Published(d.parse().expect("a TOML date")));
        match title {
            Some(t) => Found::matched(Path::new(path), t, published, Matches::default(), 1),
            None => Found {
                path: PathBuf::from(path),
                result: Err(LoadError::TooLarge {
                    path: path.to_string(),
                    size: 1,
                    limit: 0,
                }),
                matches: Matches::default(),
                count: 0,
            },
        }
    }

    #[test]
    fn results_are_put_in_the_library_order_as_one_stable_sort_puts_them() {
        // Enough for the two halves to be sorted at once, with ties of
        // date and title, undated and failed files, in a scrambled order;
        // titles alike in their first bytes, or the start of another.
        let titles = [
            "和平",
            "停戦",
            "円安",
            "和平",
            "和平交渉の行方",
            "和平交渉の結果",
            "和",
            "",
            "ab",
            "ab\0",
        ];
        let dates = [
            Some("2025-03-04"),
            None,
            Some("2025-03-04T09:30:00"),
            Some("2024-12-31"),
        ];
        let all: Vec<Found> = (0..5000usize)
            .map(|i| {
                let k = (i * 7919) % 5000;
                let path = format!("/lib/{:04}.toml", k % 1300);
                let title = (k % 17 != 0).then_some(titles[k % titles.len()]);
                result(&path, title, dates[(k / 4) % 4])
            })
            .collect();
        let mut expected: Vec<(PathBuf, Option<String>)> = Vec::new();
        let mut plain: Vec<&Found> = all.iter().collect();
        plain.sort_by(|a, b| {
            crate::library::order_by((&a.path, sort_parts(a)), (&b.path, sort_parts(b)))
        });
        for f in plain {
            expected.push((
                f.path.clone(),
                f.result.as_ref().ok().map(|b| b.title.clone()),
            ));
        }
        let sorted: Vec<(PathBuf, Option<String>)> = in_library_order(all)
            .into_iter()
            .map(|f| (f.path, f.result.ok().map(|b| b.title)))
            .collect();
        assert_eq!(sorted, expected);
    }
}
