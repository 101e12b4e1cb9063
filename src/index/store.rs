//! Where a folder's index lives and how it comes to exist.
//!
//! `$XDG_CACHE_HOME/yomu/index/<name>-<hash>/` (default `~/.cache`), named
//! after the folder's canonical path. Inside: tantivy's files,
//! `version`, written last when the index is created, and `verified`,
//! the files whose checksums passed (each opening checks only the others). An index without
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
    BytesOptions, FAST, Field, INDEXED, IndexRecordOption, NumericOptions, STORED, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexSettings};

use super::IndexError;
use super::safe_dir::SafeDirectory;
use super::tokens::Grams;

/// Bumped whenever what is indexed or how changes: another version is rebuilt.
pub const VERSION: &str = "yomu-index 5 (tantivy 0.27, distinct bigrams and field ends of \
     NFKC, lower case, kana folded, no positions; fields stored as text, as shown and normalised, \
     simple text marked)";

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
    /// The document's [`Grams`] (no positions).
    pub grams: Field,
    /// The briefing's fields as [`super::stored`] lays them out (stored,
    /// not indexed; none when it failed to load).
    pub doc: Field,
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
    let grams = b.add_text_field("grams", text("yomu_grams", IndexRecordOption::Basic));
    let doc = b.add_text_field("doc", STORED);
    (
        b.build(),
        Fields {
            path,
            size,
            mtime,
            failed,
            grams,
            doc,
        },
    )
}

/// The cache folder of `dir`'s index (`dir` canonical).
pub fn location(dir: &Path) -> Result<PathBuf, IndexError> {
    let indexes = crate::paths::Paths::from_env()
        .index_dir()
        .ok_or(IndexError::NoCache)?;
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
    Ok(indexes.join(key))
}

/// Give an index its tokenizers (they are not stored with it).
fn with_tokenizers(index: Index) -> Index {
    index.tokenizers().register("yomu_grams", Grams::default());
    index
}

/// The largest `version` file read.
const MAX_VERSION: u64 = 4096;

/// Open the index at `at`, if it is there, of this version, readable and
/// whole (every file of its commit matches its checksum); else why not.
pub fn open_existing(at: &Path) -> Result<Index, String> {
    let version = crate::fsutil::read_file(&at.join("version"), MAX_VERSION)
        .map_err(|e| format!("no usable version file ({e})"))?;
    if String::from_utf8_lossy(&version).trim_end() != VERSION {
        return Err("another version".into());
    }
    let directory = SafeDirectory::open(at).map_err(|e| format!("unreadable ({e})"))?;
    let index = Index::open(directory).map_err(|e| format!("unreadable ({e})"))?;
    // Another schema under the same version would be a bug; treat as stale.
    if index.schema() != schema().0 {
        return Err("another schema".into());
    }
    verify(at, &index)?;
    Ok(with_tokenizers(index))
}

/// Check every file of the index's last commit against the checksum in its
/// footer, on all cores: a damaged index is never asked (it could miss
/// matches, or make tantivy panic). A file checked before and unchanged
/// since (the same length, modification and change times and inode, as
/// recorded in [`VERIFIED`]) is not read again, so a search checks only
/// what the last commit wrote; any write to a file, even one that puts
/// back its modification time, changes its change time, and it is checked
/// again.
fn verify(at: &Path, index: &Index) -> Result<(), String> {
    let metas = index
        .load_metas()
        .map_err(|e| format!("unreadable ({e})"))?;
    let mut files: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
    files.sort();
    files.dedup();
    let before = verified(at);
    let directory = index.directory();
    let read = std::sync::atomic::AtomicUsize::new(0);
    // Each file's stamp is taken before it is read: a file changed while
    // it is checked is checked again next time.
    let checked: Vec<Result<Option<(String, String)>, String>> =
        crate::parallel::map_each(&files, |f| {
            let name = f.to_string_lossy().into_owned();
            let stamp = file_stamp(&at.join(f));
            if let Some(s) = &stamp
                && before.get(&name) == Some(s)
            {
                return Ok(Some((name, s.clone())));
            }
            let checked = directory.validate_checksum(f);
            if checked.is_ok() {
                read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            match checked {
                Ok(true) => Ok(stamp.map(|s| (name, s))),
                Ok(false) => Err(format!("{} fails its checksum", f.display())),
                // Files a segment may lack (no deletes yet) are not damage.
                Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_))
                    if !must_exist(f) =>
                {
                    Ok(None)
                }
                Err(e) => Err(format!("{}: {e}", f.display())),
            }
        });
    let mut now: Vec<(String, String)> = Vec::with_capacity(checked.len());
    for c in checked {
        match c {
            Ok(seen) => now.extend(seen),
            Err(why) => {
                let _ = std::fs::remove_file(at.join(VERIFIED));
                return Err(format!("damaged: {why}"));
            }
        }
    }
    super::trace(
        at,
        &format!(
            "checksums read for {} of {} files",
            read.into_inner(),
            files.len()
        ),
    );
    let same = now.len() == before.len() && now.iter().all(|(n, s)| before.get(n) == Some(s));
    if !same {
        let text: String = now.iter().map(|(n, s)| format!("{n}\t{s}\n")).collect();
        // Not recorded (a read-only cache): checked again next time.
        let _ = crate::fsutil::write_atomic_then(&at.join(VERIFIED), text.as_bytes(), false);
    }
    Ok(())
}

/// The record of the index files whose checksums passed, one a line:
/// `name<TAB>stamp` ([`file_stamp`]).
const VERIFIED: &str = "verified";
/// The largest [`VERIFIED`] read (a few dozen lines in use).
const MAX_VERIFIED: u64 = 1024 * 1024;

/// What [`VERIFIED`] records (nothing when it is missing or unreadable:
/// every file is then checked).
fn verified(at: &Path) -> std::collections::HashMap<String, String> {
    let Ok(bytes) = crate::fsutil::read_file(&at.join(VERIFIED), MAX_VERIFIED) else {
        return std::collections::HashMap::new();
    };
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect()
}

/// A regular file's length, modification and change times (ns) and inode,
/// as text; `None` for anything else (always checked).
fn file_stamp(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).ok()?;
    m.is_file().then(|| {
        format!(
            "{} {}.{:09} {}.{:09} {} {}",
            m.len(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec(),
            m.dev(),
            m.ino()
        )
    })
}

/// Whether a segment's file must be there: the parts every segment of this
/// schema has (deletes, and the parts of features it does not use, need not).
fn must_exist(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("idx" | "term" | "pos" | "fast" | "fieldnorm" | "store")
    )
}

/// Room kept free beyond the text to index: tantivy's segments and a merge.
const HEADROOM: u64 = 16 * 1024 * 1024;

/// Whether the disk of the index at `at` has room to index `text_bytes`
/// of briefings (an index takes about half its text; this asks for all
/// of it and [`HEADROOM`]): a full disk is seen before a build, so no
/// search spends its time on a build that cannot end.
pub fn check_room(at: &Path, text_bytes: u64) -> Result<(), IndexError> {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(at.as_os_str().as_bytes()) else {
        return Ok(());
    };
    // SAFETY: a zeroed statvfs is a valid out-parameter.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a valid out-pointer.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return Ok(());
    }
    let free = (st.f_bavail as u64).saturating_mul(st.f_frsize as u64);
    let need = text_bytes.saturating_add(HEADROOM);
    if free < need {
        return Err(IndexError::NoRoom {
            path: at.to_path_buf(),
            need,
            free,
        });
    }
    Ok(())
}

/// Mark the index at `at` to be made anew by whoever opens it next (its
/// `version` goes), saying why on the debug trace.
pub fn invalidate(at: &Path, why: &str) {
    super::trace(at, &format!("marked for a rebuild: {why}"));
    let _ = std::fs::remove_file(at.join("version"));
}

/// Replace whatever is at `at` by a new empty index (see the module doc).
/// On failure (a full or read-only disk) nothing of the attempt is left.
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
    let made = make_empty(&fresh);
    if let Err(e) = made {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e.at(at));
    }
    stall("created");
    if std::fs::symlink_metadata(at).is_ok() {
        let old = parent.join(format!("{file_name}.old-{pid}"));
        if let Err(e) = std::fs::rename(at, &old) {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(io(e));
        }
        stall("moved-aside");
        if let Err(e) = std::fs::rename(&fresh, at) {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(io(e));
        }
        remove_any(&old);
    } else if let Err(e) = std::fs::rename(&fresh, at) {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(io(e));
    }
    crate::fsutil::sync_folder(parent);
    let directory =
        SafeDirectory::open(at).map_err(|e| io(std::io::Error::other(e.to_string())))?;
    let index = Index::open(directory).map_err(|e| IndexError::Tantivy {
        path: at.to_path_buf(),
        source: e,
    })?;
    Ok(with_tokenizers(index))
}

/// Remove a folder, or whatever else is there.
fn remove_any(path: &Path) {
    if std::fs::remove_dir_all(path).is_err() {
        let _ = std::fs::remove_file(path);
    }
}

/// Why making an empty index failed (its place filled in by [`create`]).
enum Failed {
    Io(std::io::Error),
    Tantivy(tantivy::TantivyError),
}

impl Failed {
    fn at(self, at: &Path) -> IndexError {
        match self {
            Failed::Io(source) => IndexError::Io {
                path: at.to_path_buf(),
                source,
            },
            Failed::Tantivy(source) => IndexError::Tantivy {
                path: at.to_path_buf(),
                source,
            },
        }
    }
}

/// An empty index with its `version`, in the new folder `fresh`.
fn make_empty(fresh: &Path) -> Result<(), Failed> {
    std::fs::create_dir_all(fresh).map_err(Failed::Io)?;
    let directory =
        SafeDirectory::open(fresh).map_err(|e| Failed::Io(std::io::Error::other(e.to_string())))?;
    let (schema, _) = schema();
    Index::create(directory, schema, IndexSettings::default()).map_err(Failed::Tantivy)?;
    crate::fsutil::write_atomic(&fresh.join("version"), VERSION.as_bytes()).map_err(Failed::Io)
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

/// The crash tests' stall point (`YOMU_TEST_INDEX_STALL`), read once.
fn stall_point() -> Option<&'static str> {
    static POINT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    POINT
        .get_or_init(|| std::env::var("YOMU_TEST_INDEX_STALL").ok())
        .as_deref()
}

/// For the crash tests: when `YOMU_TEST_INDEX_STALL` names this point,
/// say so on stderr and wait forever (to be killed there); when it names
/// `panic:<point>`, panic there (as tantivy does on some damaged files).
pub fn stall(point: &str) {
    match stall_point() {
        Some(p) if p == point => stall_here(point),
        Some(p) if p.strip_prefix("panic:") == Some(point) => {
            panic!("injected at {point}")
        }
        _ => {}
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
