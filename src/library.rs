//! A library: a folder of briefings, sorted newest first, with the files
//! that failed kept in the list beside their error.
//!
//! A folder's `*.toml` files (not recursive, dot-files ignored) are loaded
//! in parallel ([`crate::parallel::map_each`]: threads take files from a
//! shared counter, so one large file does not leave the other cores idle). One file's failure
//! never stops the others: it becomes an entry with its [`LoadError`].
//!
//! The reader lists a folder by its metadata only ([`Listed`]: title, date,
//! section count or the error, and the file's size and mtime), never whole
//! briefings: [`scan`] stats every file and parses only those the
//! [`crate::cache`] does not know in their current size and mtime.

use std::path::{Path, PathBuf};

use crate::briefing::{self, Briefing, LoadError, Loaded, display_path};

/// One file of a library.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub result: Result<Loaded, LoadError>,
}

impl Entry {
    /// Load the file at `path` into an entry (its failure included).
    pub fn load(path: &Path) -> Entry {
        Entry {
            path: path.to_path_buf(),
            result: briefing::load_file(path),
        }
    }

    /// The briefing, when the file loaded.
    pub fn briefing(&self) -> Option<&Briefing> {
        self.result.as_ref().ok().map(|l| &l.briefing)
    }
}

/// What the library list shows of a briefing, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    /// The sort key of `published` ([`crate::briefing::Published::sort_key`]).
    pub date: Option<DateKey>,
    pub sections: usize,
    /// Each section's article hash, in order ([`crate::briefing::article`]).
    pub articles: std::sync::Arc<[u64]>,
    /// Their fingerprint ([`crate::briefing::article::fingerprint`]).
    pub fingerprint: u64,
}

/// A date as `(year, month, day, hour, minute, second)`: sorts chronologically.
pub type DateKey = (u16, u8, u8, u8, u8, u8);

impl Meta {
    /// The metadata of a loaded briefing.
    pub fn of(b: &Briefing) -> Meta {
        Meta {
            title: b.title.clone(),
            date: b.published.map(|p| p.sort_key()),
            sections: b.sections.len(),
            ..Meta::with_articles(crate::briefing::article::hashes(b).into())
        }
    }

    /// No title, no date, these articles (and as many sections).
    pub fn with_articles(articles: std::sync::Arc<[u64]>) -> Meta {
        Meta {
            title: String::new(),
            date: None,
            sections: articles.len(),
            fingerprint: crate::briefing::article::fingerprint(&articles),
            articles,
        }
    }

    /// The date as the list shows it, `2025-03-04` (as RFC 3339 starts).
    pub fn date_text(&self) -> Option<String> {
        self.date
            .map(|(y, m, d, ..)| format!("{y:04}-{m:02}-{d:02}"))
    }
}

pub use crate::folder::Stamp;

/// One file of a library as the reader lists it: no text, only what the
/// list shows (or why the file did not load) and the stamp it had then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    /// The key of its remembered state ([`crate::state::key_for`]).
    pub key: String,
    /// Size and mtime when it was read (`None`: it could not be stat'ed).
    pub stamp: Option<Stamp>,
    pub info: Result<Meta, String>,
}

impl Listed {
    /// What the list keeps of a loaded entry.
    pub fn of(entry: &Entry, key: String, stamp: Option<Stamp>) -> Listed {
        Listed {
            path: entry.path.clone(),
            key,
            stamp,
            info: match &entry.result {
                Ok(l) => Ok(Meta::of(&l.briefing)),
                Err(e) => Err(e.to_string()),
            },
        }
    }

    /// Read the file at `path` for the list (its text dropped at once).
    /// The checks that can only warn are skipped (the row needs none of
    /// them); a file that fails is loaded again in full, so its row holds
    /// exactly the error [`briefing::load_file`] gives.
    pub fn read(path: &Path, key: String, stamp: Option<Stamp>) -> Listed {
        Listed {
            path: path.to_path_buf(),
            key,
            stamp,
            info: briefing::load_for_search(path)
                .map(|b| Meta::of(&b))
                .map_err(|e| e.to_string()),
        }
    }

    /// The title and date, when the file loaded.
    fn sort_fields(&self) -> Option<(Option<DateKey>, &str)> {
        self.info.as_ref().ok().map(|m| (m.date, m.title.as_str()))
    }
}

/// The library's order between two listed files.
pub fn order_listed(a: &Listed, b: &Listed) -> std::cmp::Ordering {
    order_by((&a.path, a.sort_fields()), (&b.path, b.sort_fields()))
}

/// The loaded library, newest first.
#[derive(Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
}

impl Library {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The briefings that loaded, newest first.
    pub fn briefings(&self) -> impl Iterator<Item = &Briefing> {
        self.entries.iter().filter_map(Entry::briefing)
    }

    /// The entries that failed to load.
    pub fn failures(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.result.is_err())
    }

    fn from_entries(mut entries: Vec<Entry>) -> Library {
        sort(&mut entries);
        Library { entries }
    }
}

/// Load every `*.toml` file of the folder `path`. Only a folder that cannot
/// be listed is an error; each file's own failure is kept in its entry.
pub fn load_dir(path: &Path) -> Result<Library, LoadError> {
    let files = briefing_files(path)?;
    Ok(Library::from_entries(load_files(&files)))
}

/// Load a file (a one-entry library) or a folder. Problems with the path
/// itself (missing, unreadable, not a regular file, too large, not text) are
/// returned as `Err`; an invalid briefing is an entry carrying its
/// diagnostics, as in a folder.
pub fn load_path(path: &Path) -> Result<Library, LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: display_path(path),
        source,
    })?;
    if meta.is_dir() {
        return load_dir(path);
    }
    match Entry::load(path) {
        Entry { result: Err(e), .. } if !e.is_invalid() => Err(e),
        entry => Ok(Library {
            entries: vec![entry],
        }),
    }
}

/// A library from in-memory `(file name, TOML text)` pairs, such as the
/// samples built into the binary.
pub fn from_sources(items: &[(&str, &str)]) -> Library {
    let entries = items
        .iter()
        .map(|&(name, text)| Entry {
            path: PathBuf::from(name),
            result: briefing::parse_str(name, text)
                .map_err(|diagnostics| LoadError::Invalid { diagnostics }),
        })
        .collect();
    Library::from_entries(entries)
}

/// The briefings of a folder ([`crate::folder::briefing_files`]), in name
/// order.
pub fn briefing_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    crate::folder::briefing_files(dir).map_err(|source| LoadError::Io {
        path: display_path(dir),
        source,
    })
}

/// Load `files` on up to [`crate::parallel::workers`] scoped threads; the
/// entries come back in the order of `files`.
pub fn load_files(files: &[PathBuf]) -> Vec<Entry> {
    load_files_then(files, |e| e)
}

/// [`load_files`], each entry turned into what `then` makes of it on the
/// thread that loaded it (the matches of a search, say), so that work is
/// shared by the cores too and what is not kept is freed at once.
pub fn load_files_then<T: Send>(files: &[PathBuf], then: impl Fn(Entry) -> T + Sync) -> Vec<T> {
    crate::parallel::map_each(files, |path| then(Entry::load(path)))
}

/// Newest first by `published` (undated after dated), then by title; the
/// failed files after all the good ones, by name.
fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| order((&a.path, a.briefing()), (&b.path, b.briefing())));
}

/// The library's order between two files (`None`: the file failed to load):
/// newest first, undated after dated, then by title, failures last by name.
pub fn order(a: (&Path, Option<&Briefing>), b: (&Path, Option<&Briefing>)) -> std::cmp::Ordering {
    fn fields(b: &Briefing) -> (Option<DateKey>, &str) {
        (b.published.map(|p| p.sort_key()), b.title.as_str())
    }
    order_by((a.0, a.1.map(fields)), (b.0, b.1.map(fields)))
}

/// [`order`] over what it looks at: the path, and the date and title of a
/// file that loaded.
pub fn order_by(
    a: (&Path, Option<(Option<DateKey>, &str)>),
    b: (&Path, Option<(Option<DateKey>, &str)>),
) -> std::cmp::Ordering {
    match (a.1, b.1) {
        (Some((xd, xt)), Some((yd, yt))) => {
            // `Option` orders `None` first; reversed, undated ones go last.
            yd.cmp(&xd)
                .then_with(|| xt.cmp(yt))
                .then_with(|| a.0.cmp(b.0))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(b.0),
    }
}

/// Load `files` on background threads, sending each entry as soon as it is
/// loaded (in no particular order), so a reader can show the list while a
/// large library is still loading. The channel closes when all are sent.
pub fn load_in_background(files: Vec<PathBuf>) -> std::sync::mpsc::Receiver<Entry> {
    crate::parallel::stream(files, |path| Entry::load(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, published: &str) -> String {
        format!("title = \"{title}\"\n{published}\n[[sections]]\nheading = \"h\"\n")
    }

    #[test]
    fn sorted_newest_first_undated_then_failed() {
        let old = doc("古い", "published = 2024-01-01");
        let new = doc("新しい", "published = 2025-03-04T09:00:00");
        let same_day = doc("あ", "published = 2025-03-04");
        let undated = doc("日付なし", "");
        let lib = from_sources(&[
            ("z-bad.toml", "title = 1"),
            ("undated.toml", &undated),
            ("old.toml", &old),
            ("a-bad.toml", ""),
            ("new.toml", &new),
            ("same.toml", &same_day),
        ]);
        let names: Vec<_> = lib
            .entries
            .iter()
            .map(|e| e.path.to_string_lossy())
            .collect();
        assert_eq!(
            names,
            [
                "new.toml",
                "same.toml",
                "old.toml",
                "undated.toml",
                "a-bad.toml",
                "z-bad.toml"
            ]
        );
        assert_eq!(lib.briefings().count(), 4);
        assert_eq!(lib.failures().count(), 2);
    }

    #[test]
    fn folders_load_in_parallel_and_keep_failures() {
        let dir = std::env::temp_dir().join(format!("yomu-lib-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub.toml")).unwrap();
        for i in 0..9 {
            let text = doc(&format!("t{i}"), &format!("published = 2025-01-0{}", i + 1));
            std::fs::write(dir.join(format!("{i}.toml")), text).unwrap();
        }
        std::fs::write(dir.join("bad.toml"), "title = ").unwrap();
        std::fs::write(dir.join(".hidden.toml"), "").unwrap();
        std::fs::write(dir.join("notes.txt"), "").unwrap();
        let lib = load_path(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        let titles: Vec<_> = lib.briefings().map(|b| b.title.as_str()).collect();
        assert_eq!(
            titles,
            ["t8", "t7", "t6", "t5", "t4", "t3", "t2", "t1", "t0"]
        );
        let failed: Vec<_> = lib
            .failures()
            .map(|e| e.path.file_name().unwrap())
            .collect();
        assert_eq!(failed, ["bad.toml", "sub.toml"]);
        assert!(matches!(
            lib.entries[10].result,
            Err(LoadError::NotAFile { .. })
        ));
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let e = load_path(Path::new("/nonexistent/yomu.toml")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/nonexistent/yomu.toml: cannot read")
        );
    }
}
