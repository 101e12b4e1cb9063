//! Remembered reading state: `$XDG_STATE_HOME/yomu/state.toml` (else
//! `~/.local/state/yomu/state.toml`).
//!
//! For each briefing, keyed by its canonical path (built-in samples by
//! `sample:<name>`): the page and scroll position it was left at, whether it
//! has been read, and which of its sections have been read. The reader
//! restores the position when the briefing is opened again and marks unread
//! briefings in the library.
//!
//! The file is written atomically: a temporary file in the same folder is
//! written, flushed to disk (`fsync`) and renamed over the old one, so a
//! crash or a full disk never leaves a half-written state. A file that
//! cannot be read as state is renamed aside (`state.toml.corrupt-<unix
//! time>`) and reported; it is never fatal: reading starts afresh.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The state file's name inside the state folder.
pub const FILE_NAME: &str = "state.toml";

/// What is remembered about one briefing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingState {
    /// Page: 0 is the cover, 1.. the sections.
    #[serde(default)]
    pub page: usize,
    /// First line shown on that page.
    #[serde(default)]
    pub scroll: usize,
    /// Whether the briefing has been read (opened, or marked with `u`).
    #[serde(default)]
    pub read: bool,
    /// Indexes (0-based) of the sections that have been read (a set: the
    /// file may be edited by hand, unsorted or with repeats).
    #[serde(default)]
    pub sections_read: BTreeSet<usize>,
}

impl BriefingState {
    pub fn section_read(&self, s: usize) -> bool {
        self.sections_read.contains(&s)
    }

    /// Mark section `s` read or unread.
    pub fn set_section_read(&mut self, s: usize, read: bool) {
        if read {
            self.sections_read.insert(s);
        } else {
            self.sections_read.remove(&s);
        }
    }
}

/// Everything remembered, per briefing key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub briefings: BTreeMap<String, BriefingState>,
}

/// The key of a briefing at `path`: its canonical path when it exists on
/// disk, else `sample:<path>` (the built-in samples).
pub fn key_for(path: &Path) -> String {
    match std::fs::canonicalize(path) {
        Ok(p) => p.to_string_lossy().into_owned(),
        Err(_) => format!("sample:{}", path.to_string_lossy()),
    }
}

/// The state folder: `$XDG_STATE_HOME/yomu`, else `$HOME/.local/state/yomu`.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty() && Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("state"))
        })?;
    Some(base.join("yomu"))
}

/// The state file in a folder, and where it is read from and written to.
#[derive(Debug, Clone)]
pub struct Store {
    pub path: PathBuf,
}

impl Store {
    /// The store in the default folder, if a home is known.
    pub fn default_store() -> Option<Store> {
        default_dir().map(|d| Store::in_dir(&d))
    }

    pub fn in_dir(dir: &Path) -> Store {
        Store {
            path: dir.join(FILE_NAME),
        }
    }

    /// Read the state. A missing file is an empty state. A file that cannot
    /// be read as state is renamed aside and the message says so; the state
    /// returned is then empty.
    pub fn load(&self) -> (State, Option<String>) {
        let text = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (State::default(), None);
            }
            Err(e) => {
                return (
                    State::default(),
                    Some(format!(
                        "cannot read {}: {e}",
                        crate::briefing::display_path(&self.path)
                    )),
                );
            }
        };
        let parsed = String::from_utf8(text)
            .map_err(|e| e.to_string())
            .and_then(|t| toml::from_str::<State>(&t).map_err(|e| e.message().to_string()));
        match parsed {
            Ok(state) => (state, None),
            Err(why) => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let aside = self
                    .path
                    .with_file_name(format!("{FILE_NAME}.corrupt-{secs}"));
                let moved = std::fs::rename(&self.path, &aside);
                let why = crate::text::sanitize_line(why.lines().next().unwrap_or("")).into_owned();
                let msg = match moved {
                    Ok(()) => format!(
                        "reading state was corrupt ({why}); moved aside to {}",
                        crate::briefing::display_path(&aside)
                    ),
                    Err(e) => format!("reading state was corrupt ({why}) and not moved: {e}"),
                };
                (State::default(), Some(msg))
            }
        }
    }

    /// Write the state atomically: temp file in the same folder, fsync, rename.
    pub fn save(&self, state: &State) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let text = toml::to_string(state).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!(".{FILE_NAME}.tmp-{}", std::process::id()));
        let written = (|| {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
            return written;
        }
        // Make the rename itself durable (best effort: not every system can).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("yomu-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn sample() -> State {
        let mut s = State::default();
        let mut b = BriefingState {
            page: 2,
            scroll: 17,
            read: true,
            sections_read: BTreeSet::new(),
        };
        b.set_section_read(1, true);
        b.set_section_read(0, true);
        b.set_section_read(1, true);
        s.briefings.insert("/home/a/briefings/x.toml".into(), b);
        s.briefings
            .insert("sample:y.toml".into(), BriefingState::default());
        s
    }

    #[test]
    fn a_hand_edited_list_of_read_sections_is_a_set() {
        let dir = temp_dir("edited");
        let store = Store::in_dir(&dir.join("yomu"));
        std::fs::create_dir_all(dir.join("yomu")).unwrap();
        std::fs::write(
            &store.path,
            "[briefings.\"k\"]\nsections_read = [3, 1, 3]\n",
        )
        .unwrap();
        let (mut state, problem) = store.load();
        assert_eq!(problem, None);
        let b = state.briefings.get_mut("k").unwrap();
        b.set_section_read(3, false);
        assert!(!b.section_read(3), "every copy of 3 is unread");
        b.set_section_read(1, true);
        assert_eq!(b.sections_read, BTreeSet::from([1]));
    }

    #[test]
    fn round_trip() {
        let dir = temp_dir("round");
        let store = Store::in_dir(&dir.join("yomu"));
        assert_eq!(store.load(), (State::default(), None));
        let s = sample();
        assert_eq!(
            s.briefings["/home/a/briefings/x.toml"].sections_read,
            BTreeSet::from([0, 1])
        );
        store.save(&s).unwrap();
        assert_eq!(store.load(), (s.clone(), None));
        // Saving again replaces the file; no temporary file is left behind.
        store.save(&State::default()).unwrap();
        store.save(&s).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.join("yomu"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [FILE_NAME]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn corrupt_state_is_moved_aside_and_reported() {
        let dir = temp_dir("corrupt");
        let store = Store::in_dir(&dir);
        std::fs::write(&store.path, "briefings = [[[ not toml \u{1b}[31m").unwrap();
        let (state, msg) = store.load();
        assert_eq!(state, State::default());
        let msg = msg.expect("reported");
        assert!(msg.contains("corrupt"), "{msg}");
        assert!(!msg.contains('\u{1b}'), "{msg}");
        assert!(!store.path.exists());
        let aside: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(aside.len(), 1);
        assert!(aside[0].starts_with("state.toml.corrupt-"), "{aside:?}");
        // Wrong types and bytes that are not UTF-8 are corrupt too.
        std::fs::write(&store.path, "[briefings.x]\npage = \"two\"\n").unwrap();
        assert!(store.load().1.is_some());
        std::fs::write(&store.path, b"\xff\xfe").unwrap();
        assert!(store.load().1.is_some());
        // And the next save works.
        store.save(&sample()).unwrap();
        assert_eq!(store.load(), (sample(), None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn failed_write_leaves_the_old_file_whole() {
        let dir = temp_dir("atomic");
        let store = Store::in_dir(&dir);
        store.save(&sample()).unwrap();
        let before = std::fs::read(&store.path).unwrap();
        // The temporary file cannot be created: the save fails, the old file stays.
        let tmp = dir.join(format!(".{FILE_NAME}.tmp-{}", std::process::id()));
        std::fs::create_dir(&tmp).unwrap();
        assert!(store.save(&State::default()).is_err());
        assert_eq!(std::fs::read(&store.path).unwrap(), before);
        assert_eq!(store.load(), (sample(), None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn keys() {
        assert_eq!(
            key_for(Path::new("no/such/file.toml")),
            "sample:no/such/file.toml"
        );
        let here = key_for(Path::new("Cargo.toml"));
        assert!(Path::new(&here).is_absolute(), "{here}");
    }
}
