//! The folder model: which files of a folder are briefings, and a file's
//! stamp (size and modification time). The library, the listing cache and
//! the search index all list a folder and decide "unchanged" through this
//! module, so they always agree on both.
//!
//! A briefing is a `*.toml` entry (any case) whose name does not start
//! with a dot, of any file type: a FIFO or a broken symlink named `x.toml`
//! becomes a failed entry when it is loaded, not a silent omission. A file
//! whose size and modification time are those recorded is taken as
//! unchanged (as make, git and rsync do).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Whether a folder entry named `name` is a briefing.
pub fn is_briefing_name(name: &OsStr) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 5 && bytes[bytes.len() - 5..].eq_ignore_ascii_case(b".toml") && bytes[0] != b'.'
}

/// A file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch (negative before it).
    pub mtime_ns: i128,
}

impl Stamp {
    /// The stamp of file metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.len(),
            mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
        }
    }

    /// The modification time in nanoseconds, saturating at the ends of
    /// `i64` (years 1677–2262), as the search index stores it.
    pub fn mtime_ns_i64(&self) -> i64 {
        i64::try_from(self.mtime_ns).unwrap_or(if self.mtime_ns < 0 {
            i64::MIN
        } else {
            i64::MAX
        })
    }
}

/// A path with its stamp. A file that could not be statted (gone, a broken
/// symlink, no permission) has the zero stamp: loading it says why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileStamp {
    pub path: PathBuf,
    pub stamp: Stamp,
}

impl FileStamp {
    /// The file's size.
    pub fn size(&self) -> u64 {
        self.stamp.size
    }

    /// [`Stamp::mtime_ns_i64`].
    pub fn mtime_ns(&self) -> i64 {
        self.stamp.mtime_ns_i64()
    }
}

/// The briefings of a folder ([`is_briefing_name`]), in name order.
pub fn briefing_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        if is_briefing_name(&name) {
            names.push(name);
        }
    }
    // By name: in one folder, the order of the paths (and much faster to
    // sort than paths, compared component by component).
    names.sort_unstable();
    Ok(names.into_iter().map(|n| dir.join(n)).collect())
}

/// The briefings of folder `dir` with their stamps, in no particular
/// order: one pass over the folder, each entry statted relative to the
/// open folder (a symlink through to its target), on all cores. Sorting
/// 100,000 paths is left to whoever needs an order.
pub fn list_folder(dir: &Path) -> std::io::Result<Vec<FileStamp>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if is_briefing_name(&entry.file_name()) {
            entries.push(entry);
        }
    }
    Ok(crate::parallel::map(&entries, 512, |e| {
        let path = e.path();
        let meta = match e.file_type() {
            Ok(t) if t.is_symlink() => std::fs::metadata(&path),
            _ => e.metadata(),
        };
        let stamp = meta.map(|m| Stamp::of(&m)).unwrap_or_default();
        FileStamp { path, stamp }
    }))
}

/// The stamps of `files`, in their order, statted on all cores.
pub fn stamp_files(files: &[PathBuf]) -> Vec<FileStamp> {
    crate::parallel::map(files, 512, |path| FileStamp {
        path: path.clone(),
        stamp: std::fs::metadata(path)
            .map(|m| Stamp::of(&m))
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn briefing_names() {
        for yes in ["a.toml", "x.TOML", "日本.Toml", "a b.toml"] {
            assert!(is_briefing_name(OsStr::new(yes)), "{yes}");
        }
        for no in [
            ".toml",
            ".a.toml",
            "a.tom",
            "toml",
            "a.toml.bak",
            "a.txt",
            "",
        ] {
            assert!(!is_briefing_name(OsStr::new(no)), "{no}");
        }
    }

    #[test]
    fn the_listing_and_the_stamps_agree() {
        let dir = std::env::temp_dir().join(format!("yomu-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["b.toml", "a.TOML", ".h.toml", "n.txt"] {
            std::fs::write(dir.join(name), name).unwrap();
        }
        std::os::unix::fs::symlink(dir.join("gone"), dir.join("c.toml")).unwrap();
        let files = briefing_files(&dir).unwrap();
        let names: Vec<_> = files.iter().map(|p| p.file_name().unwrap()).collect();
        assert_eq!(names, ["a.TOML", "b.toml", "c.toml"]);
        let mut listed = list_folder(&dir).unwrap();
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(listed, stamp_files(&files));
        assert_eq!(listed[1].size(), 6);
        assert_eq!(listed[2].stamp, Stamp::default());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
