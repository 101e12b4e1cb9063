//! What yomu remembers between syncs, in `$XDG_STATE_HOME/yomu/` (else
//! `~/.local/state/yomu/`):
//!
//! - `feeds/<name>.toml` per subscription: the validators of its last
//!   response (`ETag`, `Last-Modified`) and the address they belong to,
//!   the time of the last success (refreshed at most hourly while the
//!   feed answers 304), and the keys of the items already
//!   written (so an item appears once across days, however often the
//!   server repeats it; every key the feed still serves is kept, only
//!   keys beyond [`MAX_SEEN`] that it no longer serves are forgotten);
//!   a permanent redirect to another host waiting for a second sync to
//!   confirm it; and, while a sync writes the feed's day files, a journal
//!   of them ([`Pending`]: each file, the digest of its new text, the
//!   keys it adds), saved before the first file is written, so a sync
//!   killed between writing the files and saving the keys is settled by
//!   the next one ([`FeedState::settle`]) and adds nothing twice;
//! - `hosts.toml`: per host (and port), until when not to ask it again and
//!   how many times in a row it asked us to wait (429, 503), for the
//!   exponential backoff.
//!
//! Both are written atomically. A file that cannot be read as state is
//! treated as empty: the worst case is one unconditional fetch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// State files larger than this are ignored (read as empty).
const MAX_STATE: u64 = 8 * 1024 * 1024;

/// How many item keys are remembered per feed beyond those it still
/// serves (the oldest of the others are forgotten).
pub const MAX_SEEN: usize = 5000;

/// What is remembered of one subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// The address the validators came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Unix seconds of the last successful fetch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_success: Option<i64>,
    /// A permanent redirect to another host, seen once: feeds.toml is
    /// changed when the next sync is redirected there again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
    /// Days (`YYYY-MM-DD`) whose file held another subscription's
    /// briefing, written there under an older naming, and was moved away
    /// ([`super::files::migrate`]): the items of those days the feed still
    /// serves are written again, though they were seen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refill: Vec<String>,
    /// Keys of the items already written, oldest first.
    #[serde(default)]
    pub seen: Vec<String>,
    /// Day files being written, saved before they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Pending>,
}

/// One file a sync is about to write, in the journal of [`FeedState`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The file's name in the data library.
    pub file: String,
    /// SHA-256 of the text written, in hex.
    pub sha256: String,
    /// The keys of the items it adds.
    pub keys: Vec<String>,
}

/// SHA-256 of `bytes`, in hex.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl FeedState {
    /// Remember `keys` as written; beyond [`MAX_SEEN`], forget the oldest
    /// keys that are not in `served` (the keys the feed serves now, which
    /// are all kept however many).
    pub fn remember(
        &mut self,
        keys: impl IntoIterator<Item = String>,
        served: &std::collections::HashSet<&str>,
    ) {
        let new: Vec<String> = {
            let have: std::collections::HashSet<&str> =
                self.seen.iter().map(String::as_str).collect();
            keys.into_iter()
                .filter(|k| !have.contains(k.as_str()))
                .collect()
        };
        self.seen.extend(new);
        let mut over = self.seen.len().saturating_sub(MAX_SEEN);
        if over > 0 {
            self.seen.retain(|k| {
                if over > 0 && !served.contains(k.as_str()) {
                    over -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }

    /// Settle the journal a sync left (killed after saving it): the keys
    /// of each file that holds the text it was to be written with count
    /// as written; the others were not written, and their items will be
    /// added by the next fetch. Whether anything was left to settle.
    pub fn settle(&mut self, library: &Path) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        let none = std::collections::HashSet::new();
        for p in std::mem::take(&mut self.pending) {
            let written =
                crate::fsutil::read_file(&library.join(&p.file), crate::briefing::MAX_FILE_SIZE)
                    .is_ok_and(|b| digest(&b) == p.sha256);
            if written {
                self.remember(p.keys, &none);
            }
        }
        true
    }
}

/// One host's backoff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostState {
    /// Unix seconds before which the host is not asked.
    pub not_before: i64,
    /// Times in a row it asked us to wait.
    pub strikes: u32,
}

/// Every host's backoff, keyed by `host:port`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hosts {
    #[serde(default)]
    pub hosts: BTreeMap<String, HostState>,
}

/// Where one subscription's state is.
pub fn feed_path(dir: &Path, name: &str) -> PathBuf {
    crate::paths::feed_state_in(dir, name)
}

fn read<T: for<'de> Deserialize<'de> + Default>(path: &Path) -> T {
    crate::fsutil::read_file(path, MAX_STATE)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

fn write<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let text = toml::to_string(value).map_err(std::io::Error::other)?;
    crate::fsutil::write_atomic(path, text.as_bytes())
}

pub fn load_feed(dir: &Path, name: &str) -> FeedState {
    read(&feed_path(dir, name))
}

pub fn save_feed(dir: &Path, name: &str, state: &FeedState) -> std::io::Result<()> {
    write(&feed_path(dir, name), state)
}

pub fn load_hosts(dir: &Path) -> Hosts {
    read(&crate::paths::hosts_in(dir))
}

/// Save the backoff of the hosts in `changed` over what is on disk now
/// (another sync may have run meanwhile).
pub fn save_hosts(dir: &Path, changed: &Hosts) -> std::io::Result<()> {
    let mut all = load_hosts(dir);
    for (h, s) in &changed.hosts {
        if s.not_before == 0 && s.strikes == 0 {
            all.hosts.remove(h);
        } else {
            all.hosts.insert(h.clone(), s.clone());
        }
    }
    write(&crate::paths::hosts_in(dir), &all)
}

/// Seconds to wait after the `strikes`-th request in a row to wait that
/// named no time: a minute, doubling, at most six hours.
pub fn backoff(strikes: u32) -> i64 {
    60i64
        .saturating_mul(1 << strikes.saturating_sub(1).min(12))
        .min(6 * 3600)
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!([1, 2, 3, 4].map(backoff), [60, 120, 240, 480]);
        assert_eq!(backoff(40), 6 * 3600);
    }

    #[test]
    fn seen_keys_are_capped_oldest_first_but_keep_what_is_served() {
        let mut s = FeedState::default();
        let none = std::collections::HashSet::new();
        s.remember((0..MAX_SEEN + 3).map(|i| i.to_string()), &none);
        assert_eq!(s.seen.len(), MAX_SEEN);
        assert_eq!(s.seen[0], "3");
        let all: Vec<String> = (0..MAX_SEEN + 100).map(|i| i.to_string()).collect();
        let served = all.iter().map(String::as_str).collect();
        let mut s = FeedState::default();
        s.remember(all.clone(), &served);
        assert_eq!(s.seen, all);
        let text = toml::to_string(&FeedState {
            pending: vec![Pending {
                file: "a.toml".into(),
                sha256: digest(b""),
                keys: vec!["k".into()],
            }],
            seen: vec!["j".into()],
            moved_to: Some("https://b.example/".into()),
            ..Default::default()
        })
        .unwrap();
        let back: FeedState = toml::from_str(&text).unwrap();
        assert_eq!(back.pending[0].keys, ["k"]);
        assert_eq!(
            digest(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
