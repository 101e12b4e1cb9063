//! Remembered reading state: `$XDG_STATE_HOME/yomu/state.toml` (else
//! `~/.local/state/yomu/state.toml`).
//!
//! For each briefing, keyed by its canonical path (built-in samples by
//! `sample:<name>`): the page and scroll position it was left at, whether it
//! has been read, and which of its sections have been read. The reader
//! restores the position when the briefing is opened again and marks unread
//! briefings in the library.
//!
//! Several readers may run at once: a save takes an advisory lock on the
//! state folder, reads the file again and applies only this instance's
//! changes to it ([`merge`]), so no instance erases another's positions or
//! read marks. The file is written atomically: a temporary file in the same
//! folder is written, flushed to disk (`fsync`) and renamed over the old
//! one, so a crash or a full disk never leaves a half-written state. A file that
//! cannot be read as state is renamed aside (`state.toml.corrupt-<unix
//! time>`) and reported; it is never fatal: reading starts afresh.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::{Msg, tf};

/// The state file's name inside the state folder.
pub const FILE_NAME: &str = "state.toml";

/// State files larger than this are set aside (about 40,000 briefings).
pub const MAX_STATE_SIZE: u64 = 4 * 1024 * 1024;

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
    /// Earlier searches in the reader, oldest first (`↑` in the prompt
    /// recalls them; Enter on an empty prompt repeats the last).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub searches: Vec<String>,
    #[serde(default)]
    pub briefings: BTreeMap<String, BriefingState>,
}

/// How many searches are remembered.
pub const MAX_SEARCHES: usize = 50;

impl State {
    /// Remember `query` as the latest search (once: an earlier copy moves
    /// to the end); the oldest are forgotten past [`MAX_SEARCHES`].
    pub fn remember_search(&mut self, query: &str) {
        if query.is_empty() || query.chars().any(char::is_control) {
            return;
        }
        self.searches.retain(|q| q != query);
        self.searches.push(query.to_string());
        let over = self.searches.len().saturating_sub(MAX_SEARCHES);
        self.searches.drain(..over);
    }

    /// The last search, if any.
    pub fn last_search(&self) -> Option<&str> {
        self.searches.last().map(String::as_str)
    }
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
    crate::xdg::yomu_dir("XDG_STATE_HOME", ".local/state")
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
    /// be read as state (corrupt, not a regular file, over
    /// [`MAX_STATE_SIZE`]) is renamed aside and the message says so; the
    /// state returned is then empty.
    pub fn load(&self) -> (State, Option<String>) {
        match self.read_disk() {
            Ok(state) => (state, None),
            Err(Unread::Io(e)) => (
                State::default(),
                Some(tf(
                    Msg::StateUnreadable,
                    &[&crate::briefing::display_path(&self.path), &e],
                )),
            ),
            Err(Unread::Unusable(why)) => (State::default(), Some(self.set_aside(&why))),
        }
    }

    /// The state on disk: empty when there is no file.
    fn read_disk(&self) -> Result<State, Unread> {
        use crate::fsutil::ReadError;
        let bytes = match crate::fsutil::read_file(&self.path, MAX_STATE_SIZE) {
            Ok(b) => b,
            Err(e) if e.is_not_found() => return Ok(State::default()),
            Err(ReadError::Io(e)) => return Err(Unread::Io(e)),
            Err(e) => return Err(Unread::Unusable(e.to_string())),
        };
        String::from_utf8(bytes)
            .map_err(|e| e.to_string())
            .and_then(|t| toml::from_str::<State>(&t).map_err(|e| e.message().to_string()))
            .map_err(Unread::Unusable)
    }

    /// Rename an unusable state file aside; the message that says so.
    fn set_aside(&self, why: &str) -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = self
            .path
            .with_file_name(format!("{FILE_NAME}.corrupt-{secs}"));
        let moved = std::fs::rename(&self.path, &aside);
        let why = crate::text::sanitize_line(why.lines().next().unwrap_or("")).into_owned();
        match moved {
            Ok(()) => tf(
                Msg::StateSetAside,
                &[&why, &crate::briefing::display_path(&aside)],
            ),
            Err(e) => tf(Msg::StateNotSetAside, &[&why, &e]),
        }
    }

    /// Save this instance's changes: `ours` is its state, `base` the state
    /// it last read or wrote. Under an exclusive lock on the state folder,
    /// the file is read again, this instance's changes since `base` are
    /// applied to it ([`merge`]), and the result is written atomically.
    /// Returns what was written (the new `base`).
    pub fn save_merged(&self, base: &State, ours: &State) -> std::io::Result<State> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let _lock = crate::fsutil::FolderLock::acquire(dir)?;
        let disk = match self.read_disk() {
            Ok(s) => s,
            Err(Unread::Io(e)) => return Err(e),
            Err(Unread::Unusable(why)) => {
                self.set_aside(&why);
                State::default()
            }
        };
        let merged = merge(base, ours, &disk);
        self.write(&merged)?;
        Ok(merged)
    }

    /// Write `state` as the whole file (no merge), atomically.
    pub fn save(&self, state: &State) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let _lock = crate::fsutil::FolderLock::acquire(dir)?;
        self.write(state)
    }

    /// The whole file, atomically ([`crate::fsutil::write_atomic`]).
    fn write(&self, state: &State) -> std::io::Result<()> {
        let text = toml::to_string(state).map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(&self.path, text.as_bytes())
    }
}

/// Why the state on disk was not read.
enum Unread {
    /// The OS refused (permission, …): the file is left alone.
    Io(std::io::Error),
    /// Not state (corrupt, not a regular file, too large): set aside.
    Unusable(String),
}

/// Three-way merge of one instance's changes into the state on disk.
///
/// A briefing this instance did not change (`ours` equals `base` for it) is
/// taken from `disk`, so what other instances saved meanwhile is kept. For
/// a briefing it changed, each part it changed wins: the position (page and
/// scroll together), the read flag, and each section it marked read or
/// unread; the parts it left alone come from `disk`.
pub fn merge(base: &State, ours: &State, disk: &State) -> State {
    let mut out = disk.clone();
    let keys: BTreeSet<&String> = base.briefings.keys().chain(ours.briefings.keys()).collect();
    let none = BriefingState::default();
    for key in keys {
        let (b, o) = (base.briefings.get(key), ours.briefings.get(key));
        if b == o {
            continue;
        }
        let Some(o) = o else {
            out.briefings.remove(key);
            continue;
        };
        let b = b.unwrap_or(&none);
        let d = out.briefings.entry(key.clone()).or_default();
        if (o.page, o.scroll) != (b.page, b.scroll) {
            (d.page, d.scroll) = (o.page, o.scroll);
        }
        if o.read != b.read {
            d.read = o.read;
        }
        for s in o.sections_read.difference(&b.sections_read) {
            d.sections_read.insert(*s);
        }
        for s in b.sections_read.difference(&o.sections_read) {
            d.sections_read.remove(s);
        }
    }
    // Searches made here since `base` join the file's list, as the newest.
    // A search moves to the end of the list, so `ours` is `base` with the
    // searches made since taken out and put at the end: they start at the
    // first entry that no longer follows `base`'s order.
    let mut rest = base.searches.iter();
    let new = ours
        .searches
        .iter()
        .position(|q| !rest.any(|b| b == q))
        .unwrap_or(ours.searches.len());
    for q in &ours.searches[new..] {
        out.remember_search(q);
    }
    out
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
    fn searches_are_kept_newest_last_once_each_and_capped() {
        let dir = temp_dir("searches");
        let store = Store::in_dir(&dir.join("yomu"));
        let mut st = State::default();
        for q in ["停戦", "和平", "停戦", "", "a\x1bb"] {
            st.remember_search(q);
        }
        assert_eq!(st.searches, ["和平", "停戦"]);
        assert_eq!(st.last_search(), Some("停戦"));
        for i in 0..60 {
            st.remember_search(&i.to_string());
        }
        assert_eq!(st.searches.len(), MAX_SEARCHES);
        assert_eq!(st.searches[0], "10");
        store.save(&st).unwrap();
        assert_eq!(store.load(), (st, None));
        let _ = std::fs::remove_dir_all(&dir);
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
        std::fs::create_dir(crate::fsutil::temp_path(&store.path)).unwrap();
        assert!(store.save(&State::default()).is_err());
        assert_eq!(std::fs::read(&store.path).unwrap(), before);
        assert_eq!(store.load(), (sample(), None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn searches_made_since_the_last_save_join_the_files() {
        let v = |s: &[&str]| s.iter().map(|q| q.to_string()).collect::<Vec<_>>();
        let state = |s: &[&str]| State {
            searches: v(s),
            ..State::default()
        };
        let base = state(&["a", "b", "c"]);
        // Here: `x`, then `a` again. Elsewhere meanwhile: `y`.
        let ours = state(&["b", "c", "x", "a"]);
        let disk = state(&["a", "b", "c", "y"]);
        assert_eq!(
            merge(&base, &ours, &disk).searches,
            v(&["b", "c", "y", "x", "a"])
        );
        assert_eq!(merge(&base, &base, &disk).searches, disk.searches);
    }

    #[test]
    fn merge_applies_only_this_instances_changes() {
        let entry = |page, read, secs: &[usize]| BriefingState {
            page,
            scroll: 0,
            read,
            sections_read: secs.iter().copied().collect(),
        };
        let mut base = State::default();
        base.briefings.insert("a".into(), entry(0, false, &[]));
        base.briefings.insert("b".into(), entry(1, true, &[0]));
        // This instance turned a's page and read its section 2, unmarked b's 0.
        let mut ours = base.clone();
        ours.briefings.insert("a".into(), entry(2, true, &[2]));
        ours.briefings.insert("b".into(), entry(1, true, &[]));
        // Meanwhile another instance saved a new briefing c, read a's
        // section 1 and moved b to page 3.
        let mut disk = base.clone();
        disk.briefings.insert("a".into(), entry(0, false, &[1]));
        disk.briefings.insert("b".into(), entry(3, true, &[0]));
        disk.briefings.insert("c".into(), entry(5, true, &[4]));
        let m = merge(&base, &ours, &disk);
        assert_eq!(m.briefings["a"], entry(2, true, &[1, 2]));
        assert_eq!(m.briefings["b"], entry(3, true, &[]));
        assert_eq!(m.briefings["c"], entry(5, true, &[4]));
        // Nothing changed here: the disk wins whole.
        assert_eq!(merge(&ours, &ours, &disk), disk);
    }

    #[test]
    fn a_save_keeps_what_another_instance_saved() {
        let dir = temp_dir("merge");
        let store = Store::in_dir(&dir.join("yomu"));
        let (base_a, _) = store.load();
        let (base_b, _) = store.load();
        let mut a = base_a.clone();
        a.briefings.insert(
            "/x/a.toml".into(),
            sample().briefings["/home/a/briefings/x.toml"].clone(),
        );
        let mut b = base_b.clone();
        b.briefings.insert(
            "/x/b.toml".into(),
            BriefingState {
                page: 1,
                ..Default::default()
            },
        );
        let written_a = store.save_merged(&base_a, &a).unwrap();
        assert_eq!(written_a, a);
        let written_b = store.save_merged(&base_b, &b).unwrap();
        assert_eq!(written_b.briefings.len(), 2, "{written_b:?}");
        assert_eq!(store.load().0, written_b);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_fifo_or_a_device_at_the_state_path_is_set_aside_without_blocking() {
        let dir = temp_dir("fifo");
        let store = Store::in_dir(&dir);
        let c = std::ffi::CString::new(store.path.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (state, msg) = store.load();
        assert_eq!(state, State::default());
        let msg = msg.expect("reported");
        assert!(msg.contains("not a regular file (a FIFO)"), "{msg}");
        assert!(!store.path.exists());
        std::os::unix::fs::symlink("/dev/zero", &store.path).unwrap();
        let msg = store.load().1.expect("reported");
        assert!(msg.contains("(a device)"), "{msg}");
        // Too large: refused before it is read.
        std::fs::write(&store.path, vec![b'#'; MAX_STATE_SIZE as usize + 1]).unwrap();
        let msg = store.load().1.expect("reported");
        assert!(msg.contains("over the limit of 4 MiB"), "{msg}");
        store.save_merged(&State::default(), &sample()).unwrap();
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
