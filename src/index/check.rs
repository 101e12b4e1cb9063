//! The folder check: when a search may skip listing and statting a folder.
//!
//! Statting 100,000 files costs more than the whole budget of a warm
//! search, so `yomu search` does it only when it may have missed
//! something. After a search has listed the folder, statted every file and
//! found the index up to date, it records [`Checked`]: the folder's
//! modification time (taken before listing), when that was, and the
//! digest of the index's commit. A later search trusts that record while
//!
//! - the folder's modification time is unchanged: no file was added,
//!   removed, renamed or replaced by a rename since (how yomu, editors
//!   that save atomically, `rsync`, `git` and feed syncs write);
//! - that time was at least 2 s older than the check (a change within the
//!   same clock tick would not have moved it);
//! - the check is less than [`RECHECK_AFTER_NS`] (60 s) old: a file rewritten in
//!   place (same name, same inode) changes no folder time, so every file is
//!   statted again at least that often;
//! - the index is still at the commit the check saw.
//!
//! Otherwise the search lists and stats everything, as [`super::search_dir`]
//! always can.

use std::path::Path;
use std::time::SystemTime;

use super::stamp::{Digest, nanos};

/// How long a check of every file is trusted for in-place rewrites (60 s).
pub const RECHECK_AFTER_NS: i64 = 60_000_000_000;

/// A folder change this close to the check might hide another one.
const SETTLED_NS: i64 = 2_000_000_000;

/// The record of the last check of every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// The folder's modification time, taken before it was listed.
    pub folder_mtime: i64,
    /// When it was listed.
    pub at: i64,
    /// The digest of the index's commit then.
    pub digest: Digest,
}

const FILE: &str = "checked";

/// The folder's modification time (ns), if it can be statted.
pub fn folder_mtime(dir: &Path) -> Option<i64> {
    let m = std::fs::metadata(dir).ok()?;
    Some(nanos(m.modified().ok()?))
}

impl Checked {
    /// The record in index folder `at`, if any and readable.
    pub fn load(at: &Path) -> Option<Checked> {
        let text = std::fs::read_to_string(at.join(FILE)).ok()?;
        let mut parts = text.split_whitespace();
        if parts.next()? != "v1" {
            return None;
        }
        let folder_mtime = parts.next()?.parse().ok()?;
        let at = parts.next()?.parse().ok()?;
        let digest = Digest::from_text(parts.next()?)?;
        Some(Checked {
            folder_mtime,
            at,
            digest,
        })
    }

    /// Whether a search now may trust it, given the folder's time now.
    pub fn trusted(&self, folder_mtime_now: i64) -> bool {
        let now = nanos(SystemTime::now());
        folder_mtime_now == self.folder_mtime
            && self.folder_mtime <= self.at - SETTLED_NS
            && (0..RECHECK_AFTER_NS).contains(&(now - self.at))
    }

    /// Write the record into index folder `at` (atomically; best effort:
    /// without it the next search checks every file).
    pub fn save(&self, at: &Path) {
        let text = format!(
            "v1 {} {} {}\n",
            self.folder_mtime,
            self.at,
            self.digest.to_text()
        );
        let tmp = at.join(format!("{FILE}.tmp-{}", std::process::id()));
        if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, at.join(FILE)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_trusted_only_while_the_folder_is_unchanged_settled_and_recent() {
        let now = nanos(SystemTime::now());
        let d = Digest::default();
        let ok = Checked {
            folder_mtime: now - 10_000_000_000,
            at: now - 1_000_000_000,
            digest: d,
        };
        assert!(ok.trusted(ok.folder_mtime));
        assert!(!ok.trusted(ok.folder_mtime + 1));
        let unsettled = Checked {
            folder_mtime: ok.at - 1_000_000_000,
            ..ok
        };
        assert!(!unsettled.trusted(unsettled.folder_mtime));
        let old = Checked {
            folder_mtime: now - 100_000_000_000,
            at: now - RECHECK_AFTER_NS - 1,
            digest: d,
        };
        assert!(!old.trusted(old.folder_mtime));
        let future = Checked {
            at: now + 5_000_000_000,
            ..ok
        };
        assert!(!future.trusted(future.folder_mtime));
    }

    #[test]
    fn records_round_trip_and_garbage_is_none() {
        let dir = std::env::temp_dir().join(format!("yomu-checked-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let c = Checked {
            folder_mtime: -5,
            at: 7,
            digest: Digest {
                count: 3,
                a: 1,
                b: 2,
            },
        };
        c.save(&dir);
        assert_eq!(Checked::load(&dir), Some(c));
        std::fs::write(dir.join(FILE), "v1 x").expect("write");
        assert_eq!(Checked::load(&dir), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
