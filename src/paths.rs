//! Where yomu keeps its files, resolved in one place. Every file yomu reads
//! or writes on its own account (not the briefings it is given) is named
//! here, under four XDG base folders:
//!
//! | folder | default | holds |
//! |---|---|---|
//! | `$XDG_CONFIG_HOME/yomu` | `~/.config/yomu` | `config.toml`, `feeds.toml` |
//! | `$XDG_STATE_HOME/yomu` | `~/.local/state/yomu` | `state.db` (and the `state.toml` it was carried over from), `feeds/NAME.toml`, `hosts.toml`, `sync.lock` |
//! | `$XDG_DATA_HOME/yomu` | `~/.local/share/yomu` | `library/`, the synced briefings |
//! | `$XDG_CACHE_HOME/yomu` | `~/.cache/yomu` | `library/` (folder listings), `index/` (search indexes), `articles/` |
//!
//! A variable counts when it holds an absolute path; else the default under
//! `$HOME` is used, and without a home a folder is `None` (the caller says
//! what to set). The per-folder entries of the caches are named by their
//! owners ([`crate::cache`], [`crate::index`]) inside the folders given
//! here. Within the state folder the layout is fixed by the `*_in`
//! functions, so a sync or a test given another state folder lays it out
//! the same way.

use std::path::{Path, PathBuf};

/// The database of the reading state, inside the state folder.
pub const STATE_DB: &str = "state.db";
/// The reading state of earlier versions, carried over once.
pub const OLD_STATE: &str = "state.toml";

/// yomu's four base folders, read from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `$XDG_CONFIG_HOME/yomu`.
    pub config: Option<PathBuf>,
    /// `$XDG_STATE_HOME/yomu`.
    pub state: Option<PathBuf>,
    /// `$XDG_DATA_HOME/yomu`.
    pub data: Option<PathBuf>,
    /// `$XDG_CACHE_HOME/yomu`.
    pub cache: Option<PathBuf>,
}

impl Paths {
    /// The folders the environment gives now.
    pub fn from_env() -> Paths {
        Paths {
            config: yomu_dir("XDG_CONFIG_HOME", ".config"),
            state: yomu_dir("XDG_STATE_HOME", ".local/state"),
            data: yomu_dir("XDG_DATA_HOME", ".local/share"),
            cache: yomu_dir("XDG_CACHE_HOME", ".cache"),
        }
    }

    /// The configuration file.
    pub fn config_file(&self) -> Option<PathBuf> {
        Some(self.config.as_ref()?.join("config.toml"))
    }

    /// The subscriptions.
    pub fn feeds_file(&self) -> Option<PathBuf> {
        Some(self.config.as_ref()?.join("feeds.toml"))
    }

    /// The state folder (reading state, fetch state, the sync lock).
    pub fn state_dir(&self) -> Option<PathBuf> {
        self.state.clone()
    }

    /// The reading-state database.
    pub fn state_db(&self) -> Option<PathBuf> {
        Some(self.state.as_ref()?.join(STATE_DB))
    }

    /// The folder of synced briefings.
    pub fn library_dir(&self) -> Option<PathBuf> {
        Some(self.data.as_ref()?.join("library"))
    }

    /// The cache folder.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        self.cache.clone()
    }

    /// The folder of the folders' cached listings.
    pub fn listing_cache_dir(&self) -> Option<PathBuf> {
        Some(self.cache.as_ref()?.join("library"))
    }

    /// The folder of the search indexes, one folder each.
    pub fn index_dir(&self) -> Option<PathBuf> {
        Some(self.cache.as_ref()?.join("index"))
    }

    /// The folder for cached web articles.
    pub fn articles_dir(&self) -> Option<PathBuf> {
        Some(self.cache.as_ref()?.join("articles"))
    }
}

/// The reading-state database in the state folder `dir`.
pub fn state_db_in(dir: &Path) -> PathBuf {
    dir.join(STATE_DB)
}

/// The old reading-state file in the state folder `dir`.
pub fn old_state_in(dir: &Path) -> PathBuf {
    dir.join(OLD_STATE)
}

/// Where one subscription's fetch state is, in the state folder `dir`.
pub fn feed_state_in(dir: &Path, name: &str) -> PathBuf {
    feed_states_in(dir).join(format!("{name}.toml"))
}

/// The folder of the subscriptions' fetch states, in the state folder `dir`.
pub fn feed_states_in(dir: &Path) -> PathBuf {
    dir.join("feeds")
}

/// Every host's backoff, in the state folder `dir`.
pub fn hosts_in(dir: &Path) -> PathBuf {
    dir.join("hosts.toml")
}

/// The lock a sync holds, in the state folder `dir`.
pub fn sync_lock_in(dir: &Path) -> PathBuf {
    dir.join("sync.lock")
}

/// yomu's folder under the base directory `var` (`XDG_CONFIG_HOME`), or
/// under `$HOME/<home_default>` (`.config`) when the variable is unset,
/// empty or relative; `None` without either.
fn yomu_dir(var: &str, home_default: &str) -> Option<PathBuf> {
    let base = std::env::var_os(var)
        .filter(|v| !v.is_empty() && Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(home_default))
        })?;
    Some(base.join("yomu"))
}
