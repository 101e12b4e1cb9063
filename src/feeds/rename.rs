//! `yomu feeds rename OLD NEW`: a subscription renamed with everything
//! that carries its name, so nothing is fetched twice and no mark is lost.
//!
//! Under the sync lock (no sync writes meanwhile) and the lock on
//! feeds.toml: every file to move is found and checked first (its new
//! name must be free), then the day files (`OLD-YYYY-MM-DD.toml`) and the
//! subscribed briefing (`OLD.remote.toml`) are renamed in the library,
//! the fetch state (validators, seen items, its journal's file names)
//! moves to `feeds/NEW.toml`, the reader's read marks and places follow
//! the files in state.db, and feeds.toml is written last.

use std::path::{Path, PathBuf};

use super::fetchstate;
use super::subscriptions;
use super::sync::{Paths, SyncError, SyncLock};
use crate::briefing::display_path;
use crate::i18n::{Msg, tf};

/// Why a rename did not happen (or stopped).
#[derive(Debug, thiserror::Error)]
pub enum RenameError {
    #[error("{}", tf(Msg::CliNoSuchSubscription, &[.0]))]
    NoSuch(String),
    #[error("{}", tf(Msg::CliNameTaken, &[.0]))]
    Taken(String),
    #[error("{0}")]
    Name(String),
    #[error("{}", tf(Msg::CliRenameFailed, &[path, source]))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Sync(#[from] SyncError),
    #[error("{0}")]
    Subscriptions(#[from] subscriptions::SubscriptionsError),
}

/// The new name of a library file of subscription `old`, when it is one:
/// `OLD-YYYY-MM-DD.toml` or `OLD.remote.toml`.
pub(crate) fn renamed(file: &str, old: &str, new: &str) -> Option<String> {
    let rest = file.strip_prefix(old)?;
    if rest == ".remote.toml" {
        return Some(format!("{new}{rest}"));
    }
    let day = rest.strip_prefix('-')?.strip_suffix(".toml")?;
    (day.len() == 10 && chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok())
        .then(|| format!("{new}{rest}"))
}

/// The library files of `old` and where they go.
fn library_moves(library: &Path, old: &str, new: &str) -> Vec<(PathBuf, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(library) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name();
            let to = renamed(name.to_str()?, old, new)?;
            Some((e.path(), library.join(to)))
        })
        .collect();
    out.sort();
    out
}

/// Rename subscription `old` to `new`; how many library files moved.
pub fn rename(paths: &Paths, old: &str, new: &str) -> Result<usize, RenameError> {
    subscriptions::check_name(new).map_err(RenameError::Name)?;
    let _lock = SyncLock::take(&paths.state)?;
    subscriptions::edit(&paths.subscriptions, |subs| {
        if !subs.feeds.iter().any(|s| s.name == old) {
            return Err(RenameError::NoSuch(crate::text::quoted(old)));
        }
        if old == new {
            return Ok(0);
        }
        if subs.feeds.iter().any(|s| s.name == new) {
            return Err(RenameError::Taken(crate::text::quoted(new)));
        }
        let files = library_moves(&paths.library, old, new);
        let state_from = fetchstate::feed_path(&paths.state, old);
        let state_to = fetchstate::feed_path(&paths.state, new);
        for to in files.iter().map(|(_, to)| to).chain([&state_to]) {
            if to.exists() {
                return Err(RenameError::Io {
                    path: display_path(to),
                    source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
                });
            }
        }
        let io = |path: &Path| {
            let path = display_path(path);
            move |source| RenameError::Io { path, source }
        };
        // The keys the reader knows the files by, before they move.
        let keys: Vec<(String, PathBuf)> = files
            .iter()
            .map(|(from, to)| (crate::state::key_for(from), to.clone()))
            .collect();
        for (from, to) in &files {
            std::fs::rename(from, to).map_err(io(from))?;
        }
        crate::fsutil::sync_folder(&paths.library);
        if state_from.exists() {
            let mut st = fetchstate::load_feed(&paths.state, old);
            for p in &mut st.pending {
                if let Some(n) = renamed(&p.file, old, new) {
                    p.file = n;
                }
            }
            fetchstate::save_feed(&paths.state, new, &st).map_err(io(&state_to))?;
            std::fs::remove_file(&state_from).map_err(io(&state_from))?;
        }
        let moves: Vec<(String, String)> = keys
            .into_iter()
            .map(|(k, to)| (k, crate::state::key_for(&to)))
            .collect();
        if !moves.is_empty() {
            let (store, _, problems) = crate::state::Store::open_in(&paths.state);
            let saved = match store {
                Some(mut s) => s.rename_keys(&moves).map_err(|e| e.to_string()),
                None => Err(problems.join("; ")),
            };
            if let Err(why) = saved {
                return Err(RenameError::Io {
                    path: display_path(&paths.state.join(crate::state::FILE_NAME)),
                    source: std::io::Error::other(why),
                });
            }
        }
        for s in subs.feeds.iter_mut().filter(|s| s.name == old) {
            s.name = new.to_string();
        }
        Ok(files.len())
    })
}

#[cfg(test)]
mod tests {
    use super::renamed;

    #[test]
    fn only_the_subscriptions_own_files_are_renamed() {
        let r = |f| renamed(f, "nhk", "NHK経済");
        assert_eq!(
            r("nhk-2026-12-06.toml").as_deref(),
            Some("NHK経済-2026-12-06.toml")
        );
        assert_eq!(r("nhk.remote.toml").as_deref(), Some("NHK経済.remote.toml"));
        assert_eq!(r("nhk-2-2026-12-06.toml"), None);
        assert_eq!(r("nhk-2026-13-06.toml"), None);
        assert_eq!(r("nhkx-2026-12-06.toml"), None);
        assert_eq!(r("nhk.toml"), None);
    }
}
