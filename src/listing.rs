//! Listing a folder for the reader without holding its briefings: the
//! cached list first ([`cached`], read in one go without a parser),
//! then [`check`] checks it against the folder (list the `*.toml` files,
//! stat each, parse only the new and changed ones, on every core) and
//! saves the cache when anything changed.
//!
//! A file is unchanged when its size and mtime are those cached. Files are
//! stat'ed before they are read, so a file written while it is read is
//! seen as changed next time, never the other way round.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::briefing::{LoadError, display_path};
use crate::library::{self, Listed, Stamp};

/// The folder's list as cached at its last check, in the library's order;
/// `None` when there is none (or it cannot be used).
pub fn cached(dir: &Path) -> Option<Vec<Listed>> {
    cached_into(dir, |l| l)
}

/// [`cached`], each entry made into what `make` makes of it.
pub fn cached_into<T>(dir: &Path, make: impl FnMut(Listed) -> T) -> Option<Vec<T>> {
    let canon = std::fs::canonicalize(dir).ok()?;
    crate::cache::load_into(dir, &canon, make)
}

/// What [`check`] found.
#[derive(Debug)]
pub struct Checked {
    /// Every `*.toml` file of the folder, in the library's order, when the
    /// list changed (`None`: the known list is the folder's).
    pub listed: Option<Vec<Listed>>,
    /// How many files were parsed (new or changed since the cache).
    pub read: usize,
    /// The folder's canonical path.
    pub canon: PathBuf,
}

impl Checked {
    /// Whether the list differs from the one scanned against.
    pub fn changed(&self) -> bool {
        self.listed.is_some()
    }

    /// Save the list as the folder's cache when it changed. A cache that
    /// cannot be written (read-only, no home) only costs the next launch
    /// its speed, so that is not an error.
    pub fn save(&self) {
        if let Some(listed) = &self.listed {
            let _ = crate::cache::save(&self.canon, listed);
        }
    }
}

/// What a check may know of a file already: a cached entry, a row on
/// screen.
pub trait Known: Sync {
    fn path(&self) -> &Path;
    fn stamp(&self) -> Option<Stamp>;
    /// Whether the file loaded (a failure is always read again: it may
    /// have been the file's permissions, which change no mtime).
    fn loaded(&self) -> bool;
    /// What the list keeps of it.
    fn listed(&self) -> Listed;
}

impl Known for Listed {
    fn path(&self) -> &Path {
        &self.path
    }
    fn stamp(&self) -> Option<Stamp> {
        self.stamp
    }
    fn loaded(&self) -> bool {
        self.info.is_ok()
    }
    fn listed(&self) -> Listed {
        self.clone()
    }
}

/// The stamps of listed files, as the search index wants them (those
/// that could be stat'ed).
pub fn stamps<'a>(
    listed: impl Iterator<Item = (&'a PathBuf, Option<Stamp>)>,
) -> Vec<crate::folder::FileStamp> {
    listed
        .filter_map(|(p, s)| {
            Some(crate::folder::FileStamp {
                path: p.clone(),
                stamp: s?,
            })
        })
        .collect()
}

/// What [`check`] tells as it goes.
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
/// of them; the others are parsed in parallel, each new one (not in
/// `known`) handed to `progress` as soon as it is read. Only a folder
/// that cannot be listed is an error.
pub fn check<K: Known>(
    dir: &Path,
    known: &[K],
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Checked, LoadError> {
    check_until(dir, known, progress, &AtomicBool::new(false))
}

/// [`check`], given up (an error) as soon as `stop` is set: nobody wants
/// the list any more.
pub fn check_until<K: Known>(
    dir: &Path,
    known: &[K],
    progress: &(dyn Fn(Progress<'_>) + Sync),
    stop: &AtomicBool,
) -> Result<Checked, LoadError> {
    let stopped = || stop.load(Ordering::Relaxed);
    let gave_up = || LoadError::Io {
        path: display_path(dir),
        source: std::io::Error::other("stopped"),
    };
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
        return Err(gave_up());
    }
    // Files of one folder: known by their names.
    let found: Vec<Option<usize>> = {
        let by_name: HashMap<&OsStr, usize> = known
            .iter()
            .enumerate()
            .filter_map(|(i, k)| Some((k.path().file_name()?, i)))
            .collect();
        files
            .iter()
            .map(|p| by_name.get(p.file_name()?).copied())
            .collect()
    };
    let key = |i: usize| match (stats[i].1, files[i].file_name()) {
        (false, Some(name)) => canon.join(name).to_string_lossy().into_owned(),
        _ => crate::state::key_for(&files[i]),
    };
    // Each file: the known entry it keeps, or `None` to read it.
    let kept: Vec<Option<usize>> = found
        .iter()
        .zip(&stats)
        .map(|(at, (stamp, _))| {
            at.filter(|&k| stamp.is_some() && known[k].stamp() == *stamp && known[k].loaded())
        })
        .collect();
    let to_read: Vec<usize> = (0..files.len()).filter(|&i| kept[i].is_none()).collect();
    if !to_read.is_empty() {
        progress(Progress::Reading(to_read.len()));
    }
    let read = crate::parallel::map_each(&to_read, |&i| {
        if stopped() {
            return None;
        }
        let l = Listed::read(&files[i], key(i), stats[i].0);
        if found[i].is_none() {
            progress(Progress::New(&l));
        }
        Some(l)
    });
    if stopped() {
        return Err(gave_up());
    }
    let mut read: Vec<Listed> = read.into_iter().flatten().collect();
    // Changed: a file came or went, or one read again is not as known.
    let changed = files.len() != known.len()
        || found.iter().any(Option::is_none)
        || to_read
            .iter()
            .zip(&read)
            .any(|(&i, l)| found[i].is_none_or(|k| known[k].listed() != *l));
    let listed = changed.then(|| {
        let mut fresh = read.drain(..);
        let mut listed: Vec<Listed> = kept
            .iter()
            .filter_map(|k| match k {
                Some(k) => Some(known[*k].listed()),
                None => fresh.next(),
            })
            .collect();
        listed.sort_by(library::order_listed);
        listed
    });
    Ok(Checked {
        listed,
        read: to_read.len(),
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

    fn titles(listed: &[Listed]) -> Vec<String> {
        listed
            .iter()
            .map(|l| l.info.as_ref().map(|m| m.title.clone()).unwrap_or_default())
            .collect()
    }

    #[test]
    fn unchanged_files_are_not_read_again() {
        let dir = std::env::temp_dir().join(format!("yomu-listing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..5 {
            let text = doc(&format!("t{i}"), &format!("2025-01-0{}", i + 1));
            std::fs::write(dir.join(format!("{i}.toml")), text).unwrap();
        }
        std::fs::write(dir.join("bad.toml"), "title = ").unwrap();
        let seen = std::sync::Mutex::new(0);
        let first = check::<Listed>(&dir, &[], &|p| {
            if let Progress::New(_) = p {
                *seen.lock().unwrap() += 1
            }
        })
        .unwrap();
        assert_eq!((first.read, *seen.lock().unwrap()), (6, 6));
        let first = first.listed.unwrap();
        assert_eq!(titles(&first), ["t4", "t3", "t2", "t1", "t0", ""]);
        let again = check(&dir, &first, &|p| {
            assert!(
                matches!(p, Progress::Reading(1)),
                "only the failed file: {p:?}"
            )
        })
        .unwrap();
        assert_eq!((again.read, again.changed()), (1, false));
        // One file changes (another size), one goes, one comes.
        std::fs::write(dir.join("0.toml"), doc("t0 again", "2026-01-01")).unwrap();
        std::fs::remove_file(dir.join("1.toml")).unwrap();
        std::fs::write(dir.join("9.toml"), doc("t9", "2020-01-01")).unwrap();
        let new = std::sync::Mutex::new(Vec::new());
        let third = check(&dir, &first, &|p| {
            if let Progress::New(l) = p {
                new.lock().unwrap().push(l.path.clone())
            }
        })
        .unwrap();
        assert_eq!(third.read, 3);
        assert_eq!(*new.lock().unwrap(), [dir.join("9.toml")]);
        let third = third.listed.unwrap();
        assert_eq!(titles(&third), ["t0 again", "t4", "t3", "t2", "t9", ""]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
