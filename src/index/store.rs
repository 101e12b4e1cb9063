//! Where a folder's index lives and how it comes to exist.
//!
//! `$XDG_CACHE_HOME/yomu/index/<name>-<hash>/` (default `~/.cache`), named
//! after the folder's canonical path. Inside: tantivy's files and
//! `version`, written last when the index is created. An index without
//! `version`, with another version, or that tantivy cannot open is
//! replaced: a fresh empty index is made in a sibling folder
//! (`<key>.new-<pid>`), then renamed into place, so a process killed at
//! any point leaves either the old folder, no folder (rebuilt next time)
//! or a complete new one. From then on the index is filled and updated by
//! tantivy commits, which are atomic: a killed update leaves the last
//! commit, and whatever it lacks is re-read from the files (see
//! [`super::LibraryIndex::candidates`]).

use std::path::{Path, PathBuf};

use tantivy::schema::{
    BytesOptions, FAST, Field, INDEXED, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexSettings};

use super::IndexError;
use super::tokens::{Bigrams, Unigrams};

/// Bumped whenever what is indexed or how changes: another version is rebuilt.
pub const VERSION: &str =
    "yomu-index 1 (tantivy 0.27, bigrams+unigrams of NFKC, lower case, kana folded)";

/// The fields of a document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The file's path (bytes): a term to delete by, and a fast field.
    pub path: Field,
    pub size: Field,
    /// Nanoseconds since 1970 ([`super::stamp::nanos`]); [`RACY`] when too
    /// recent to trust.
    pub mtime: Field,
    /// 1 when the file failed to load (always re-read, to report it).
    pub failed: Field,
    pub uni: Field,
    pub bi: Field,
}

/// The recorded time of a file modified too recently to be sure that a
/// second change within the clock's tick would show: never equal to a real
/// stamp, so it is re-read until it is indexed again.
pub const RACY: i64 = i64::MIN;

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let path = b.add_bytes_field("path", BytesOptions::default().set_indexed().set_fast());
    let size = b.add_u64_field("size", FAST);
    let mtime = b.add_i64_field("mtime", FAST);
    let failed = b.add_u64_field("failed", NumericOptions::from(INDEXED));
    let text = |tokenizer: &str, opt: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(opt)
                .set_fieldnorms(false),
        )
    };
    let uni = b.add_text_field("uni", text("yomu_uni", IndexRecordOption::Basic));
    let bi = b.add_text_field(
        "bi",
        text("yomu_bi", IndexRecordOption::WithFreqsAndPositions),
    );
    (
        b.build(),
        Fields {
            path,
            size,
            mtime,
            failed,
            uni,
            bi,
        },
    )
}

/// The cache folder of `dir`'s index (`dir` canonical).
pub fn location(dir: &Path) -> Result<PathBuf, IndexError> {
    let cache = crate::xdg::yomu_dir("XDG_CACHE_HOME", ".cache").ok_or(IndexError::NoCache)?;
    let bytes = super::stamp::path_bytes(dir);
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .take(32)
        .collect();
    let key = format!("{name}-{:016x}", super::stamp::hash64(bytes));
    Ok(cache.join("index").join(key))
}

/// Give an index its tokenizers (they are not stored with it).
fn with_tokenizers(index: Index) -> Index {
    index.tokenizers().register("yomu_bi", Bigrams::default());
    index.tokenizers().register("yomu_uni", Unigrams);
    index
}

/// Open the index at `at`, if it is there, of this version and readable.
pub fn open_existing(at: &Path) -> Option<Index> {
    let version = std::fs::read_to_string(at.join("version")).ok()?;
    if version.trim_end() != VERSION {
        return None;
    }
    let index = Index::open_in_dir(at).ok()?;
    // Another schema under the same version would be a bug; treat as stale.
    if index.schema() != schema().0 {
        return None;
    }
    Some(with_tokenizers(index))
}

/// Replace whatever is at `at` by a new empty index (see the module doc).
pub fn create(at: &Path) -> Result<Index, IndexError> {
    let io = |e: std::io::Error| IndexError::Io {
        path: at.to_path_buf(),
        source: e,
    };
    let parent = at
        .parent()
        .ok_or_else(|| io(std::io::Error::other("no parent folder")))?;
    std::fs::create_dir_all(parent).map_err(io)?;
    let file_name = at
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    clean_leftovers(parent, &file_name);
    let pid = std::process::id();
    let fresh = parent.join(format!("{file_name}.new-{pid}"));
    let _ = std::fs::remove_dir_all(&fresh);
    std::fs::create_dir_all(&fresh).map_err(io)?;
    let (schema, _) = schema();
    Index::builder()
        .schema(schema)
        .settings(IndexSettings::default())
        .create_in_dir(&fresh)
        .map_err(|e| IndexError::Tantivy {
            path: at.to_path_buf(),
            source: e,
        })?;
    write_synced(&fresh.join("version"), VERSION.as_bytes()).map_err(io)?;
    stall("created");
    if at.exists() {
        let old = parent.join(format!("{file_name}.old-{pid}"));
        std::fs::rename(at, &old).map_err(io)?;
        stall("moved-aside");
        std::fs::rename(&fresh, at).map_err(io)?;
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&fresh, at).map_err(io)?;
    }
    sync_dir(parent);
    let index = Index::open_in_dir(at).map_err(|e| IndexError::Tantivy {
        path: at.to_path_buf(),
        source: e,
    })?;
    Ok(with_tokenizers(index))
}

/// Remove `<name>.new-<pid>` and `<name>.old-<pid>` folders left by
/// processes that are gone.
fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name();
        let n = n.to_string_lossy();
        let Some(rest) = n.strip_prefix(name) else {
            continue;
        };
        let pid = rest
            .strip_prefix(".new-")
            .or_else(|| rest.strip_prefix(".old-"))
            .and_then(|p| p.parse::<i32>().ok());
        if let Some(pid) = pid
            && !alive(pid)
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn alive(pid: i32) -> bool {
    if pid == std::process::id() as i32 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Write a small file and flush it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Make renames in `dir` durable (best effort).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The crash tests' stall point (`YOMU_TEST_INDEX_STALL`), read once.
fn stall_point() -> Option<&'static str> {
    static POINT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    POINT
        .get_or_init(|| std::env::var("YOMU_TEST_INDEX_STALL").ok())
        .as_deref()
}

/// For the crash tests: when `YOMU_TEST_INDEX_STALL` names this point,
/// say so on stderr and wait forever (to be killed there).
pub fn stall(point: &str) {
    if stall_point() == Some(point) {
        stall_here(point);
    }
}

/// [`stall`] at point `docs:<n>`, after the n-th file is given to tantivy.
pub fn stall_after_docs(n: usize) {
    if let Some(want) = stall_point().and_then(|p| p.strip_prefix("docs:"))
        && want.parse() == Ok(n)
    {
        stall_here(want);
    }
}

fn stall_here(point: &str) -> ! {
    eprintln!("yomu: stalled at {point}");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Files per commit while building (`YOMU_TEST_INDEX_COMMIT_EVERY` for the
/// crash tests, else `default`).
pub fn commit_every(default: usize) -> usize {
    std::env::var("YOMU_TEST_INDEX_COMMIT_EVERY")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}
