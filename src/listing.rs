//! Listing a folder for the reader without holding its briefings: the
//! cached list first ([`cached`], a few milliseconds for 100,000 files),
//! then [`scan`] checks it against the folder (list the `*.toml` files,
//! stat each, parse only the new and changed ones, on every core) and
//! saves the cache when anything changed.
//!
//! A file is unchanged when its size and mtime are those cached. Files are
//! stat'ed before they are read, so a file written while it is read is
//! seen as changed next time, never the other way round.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::briefing::{LoadError, display_path};
use crate::library::{self, Listed, Stamp};

/// The folder's list as cached at its last scan, in the library's order;
/// `None` when there is none (or it cannot be used).
pub fn cached(dir: &Path) -> Option<Vec<Listed>> {
    let canon = std::fs::canonicalize(dir).ok()?;
    crate::cache::load(dir, &canon)
}

/// What [`scan`] found.
#[derive(Debug)]
pub struct Scanned {
    /// Every `*.toml` file of the folder, in the library's order.
    pub listed: Vec<Listed>,
    /// How many files were parsed (new or changed since the cache).
    pub read: usize,
    /// Whether the list differs from the one scanned against.
    pub changed: bool,
    /// The folder's canonical path.
    pub canon: PathBuf,
}

impl Scanned {
    /// Save the list as the folder's cache when it changed. A cache that
    /// cannot be written (read-only, no home) only costs the next launch
    /// its speed, so that is not an error.
    pub fn save(&self) {
        if self.changed {
            let _ = crate::cache::save(&self.canon, &self.listed);
        }
    }
}

/// What [`scan`] tells as it goes.
#[derive(Debug)]
pub enum Progress<'a> {
    /// This many files are new or changed, and will be read.
    Reading(usize),
    /// A file that was not known, just read.
    New(&'a Listed),
}

/// The stamp of `path` (following a symlink), and whether it is a symlink.
fn stat(path: &Path) -> (Option<Stamp>, bool) {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            (std::fs::metadata(path).ok().map(|m| Stamp::of(&m)), true)
        }
        Ok(m) => (Some(Stamp::of(&m)), false),
        Err(_) => (None, false),
    }
}

/// List the folder `dir` against `known` (its cached list, or the list on
/// screen): files whose size and mtime are unchanged keep what is known
/// of them; the others are parsed in parallel, each handed to `fresh` as
/// soon as it is read (the new ones only: not in `known`). Only a folder
/// that cannot be listed is an error.
pub fn scan(
    dir: &Path,
    known: Vec<Listed>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Scanned, LoadError> {
    scan_until(dir, known, progress, &AtomicBool::new(false))
}

/// [`scan`], given up (`None`) as soon as `stop` is set: nobody wants
/// the list any more.
pub fn scan_until(
    dir: &Path,
    known: Vec<Listed>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    stop: &AtomicBool,
) -> Result<Scanned, LoadError> {
    let stopped = || stop.load(Ordering::Relaxed);
    let canon = std::fs::canonicalize(dir).map_err(|source| LoadError::Io {
        path: display_path(dir),
        source,
    })?;
    let files = library::briefing_files(dir)?;
    let stats = crate::parallel::map(
        &files,
        256,
        |p| if stopped() { (None, false) } else { stat(p) },
    );
    if stopped() {
        return Err(LoadError::Io {
            path: display_path(dir),
            source: std::io::Error::other("stopped"),
        });
    }
    let known_count = known.len();
    let mut known: Vec<Option<Listed>> = known.into_iter().map(Some).collect();
    let found: Vec<Option<usize>> = {
        let by_path: HashMap<&Path, usize> = known
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.as_ref().map(|l| (l.path.as_path(), i)))
            .collect();
        files
            .iter()
            .map(|p| by_path.get(p.as_path()).copied())
            .collect()
    };
    let key = |i: usize| match (stats[i].1, files[i].file_name()) {
        (false, Some(name)) => canon.join(name).to_string_lossy().into_owned(),
        _ => crate::state::key_for(&files[i]),
    };
    let mut listed: Vec<Option<Listed>> = Vec::with_capacity(files.len());
    let mut to_read = Vec::new();
    // What was known of the files read again, to tell whether they changed.
    let mut before = Vec::new();
    for (i, at) in found.iter().enumerate() {
        let stamp = stats[i].0;
        match at.and_then(|k| known[k].take()) {
            // A failure is never taken from the cache: it may have been
            // the file's permissions, which change no mtime.
            Some(l) if stamp.is_some() && l.stamp == stamp && l.info.is_ok() => {
                listed.push(Some(l))
            }
            old => {
                to_read.push(i);
                before.push(old);
                listed.push(None);
            }
        }
    }
    let seen = files.len() - before.iter().filter(|b| b.is_none()).count();
    if !to_read.is_empty() {
        progress(Progress::Reading(to_read.len()));
    }
    let read = crate::parallel::map_each(&to_read, |&i| {
        if stopped() {
            return Listed {
                path: files[i].clone(),
                key: String::new(),
                stamp: None,
                info: Err(String::new()),
            };
        }
        let l = Listed::read(&files[i], key(i), stats[i].0);
        if found[i].is_none() {
            progress(Progress::New(&l));
        }
        l
    });
    let mut changed = seen != known_count;
    for ((i, l), old) in to_read.iter().zip(read).zip(before) {
        changed |= old.as_ref() != Some(&l);
        listed[*i] = Some(l);
    }
    if stopped() {
        return Err(LoadError::Io {
            path: display_path(dir),
            source: std::io::Error::other("stopped"),
        });
    }
    let mut listed: Vec<Listed> = listed.into_iter().flatten().collect();
    listed.sort_by(library::order_listed);
    Ok(Scanned {
        listed,
        read: to_read.len(),
        changed,
        canon,
    })
}

/// List `files` (no cache), each handed to `fresh` as it is read.
pub fn read_files(files: &[PathBuf]) -> Vec<Listed> {
    crate::parallel::map_each(files, |p| {
        Listed::read(p, crate::state::key_for(p), stat(p).0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, date: &str) -> String {
        format!("title = \"{title}\"\npublished = {date}\n[[sections]]\nheading = \"h\"\n")
    }

    #[test]
    fn unchanged_files_are_not_read_again() {
        let dir = std::env::temp_dir().join(format!("yomu-listing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..5 {
            std::fs::write(
                dir.join(format!("{i}.toml")),
                doc(&format!("t{i}"), &format!("2025-01-0{}", i + 1)),
            )
            .unwrap();
        }
        std::fs::write(dir.join("bad.toml"), "title = ").unwrap();
        let seen = std::sync::Mutex::new(0);
        let first = scan(&dir, Vec::new(), &|p| {
            if let Progress::New(_) = p {
                *seen.lock().unwrap() += 1
            }
        })
        .unwrap();
        assert_eq!(
            (first.read, first.changed, *seen.lock().unwrap()),
            (6, true, 6)
        );
        let titles: Vec<_> = first
            .listed
            .iter()
            .map(|l| l.info.as_ref().map(|m| m.title.clone()).unwrap_or_default())
            .collect();
        assert_eq!(titles, ["t4", "t3", "t2", "t1", "t0", ""]);
        let again = scan(&dir, first.listed.clone(), &|p| {
            assert!(
                matches!(p, Progress::Reading(1)),
                "only the failed file: {p:?}"
            )
        })
        .unwrap();
        assert_eq!((again.read, again.changed), (1, false));
        assert_eq!(again.listed, first.listed);
        // One file changes (another size), one goes, one comes.
        std::fs::write(dir.join("0.toml"), doc("t0 again", "2026-01-01")).unwrap();
        std::fs::remove_file(dir.join("1.toml")).unwrap();
        std::fs::write(dir.join("9.toml"), doc("t9", "2020-01-01")).unwrap();
        let new = std::sync::Mutex::new(Vec::new());
        let third = scan(&dir, again.listed, &|p| {
            if let Progress::New(l) = p {
                new.lock().unwrap().push(l.path.clone())
            }
        })
        .unwrap();
        assert_eq!((third.read, third.changed), (3, true));
        assert_eq!(*new.lock().unwrap(), [dir.join("9.toml")]);
        let titles: Vec<_> = third
            .listed
            .iter()
            .map(|l| l.info.as_ref().map(|m| m.title.clone()).unwrap_or_default())
            .collect();
        assert_eq!(titles, ["t0 again", "t4", "t3", "t2", "t9", ""]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
