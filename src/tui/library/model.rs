//! The library's model: the rows ([`Item`]: a file and what the list
//! shows of it), their order (newest first, failed files last), the
//! selection and which rows are shown, and the read counts the list draws.
//! No threads and no terminal: the background work ([`super::work`]) and
//! the filter ([`super::filter`]) change the rows through these.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::LibraryScreen;
use crate::briefing::Briefing;
use crate::library::{Listed, Meta, Stamp};
use crate::search::SearchOptions;
use crate::state::State;

/// One row of the list: a file, what the list shows of its briefing, or
/// why it did not load.
#[derive(Debug, Clone)]
pub struct Item {
    pub path: PathBuf,
    /// The key of its remembered state ([`crate::state::key_for`]).
    pub key: String,
    /// The key's hash ([`crate::state::key_hash`]).
    pub key_hash: u64,
    /// Its size and mtime when listed (a file of a folder).
    pub stamp: Option<Stamp>,
    /// Title, date and sections (of the last good version, when the file
    /// failed on a reload).
    pub meta: Option<Meta>,
    /// The briefing, when held in memory (the built-in samples, a single
    /// file); a folder's are read when opened ([`Item::load`]).
    pub briefing: Option<Arc<Briefing>>,
    pub error: Option<String>,
}

impl From<crate::library::Entry> for Item {
    fn from(e: crate::library::Entry) -> Self {
        let key = crate::state::key_for(&e.path);
        let (briefing, error) = match e.result {
            Ok(l) => (Some(Arc::new(l.briefing)), None),
            Err(err) => (None, Some(err.to_string())),
        };
        Item {
            path: e.path,
            key_hash: crate::state::key_hash(&key),
            key,
            stamp: None,
            meta: briefing.as_deref().map(Meta::of),
            briefing,
            error,
        }
    }
}

impl From<Listed> for Item {
    fn from(l: Listed) -> Self {
        let (meta, error) = match l.info {
            Ok(m) => (Some(m), None),
            Err(e) => (None, Some(e)),
        };
        Item {
            path: l.path,
            key_hash: crate::state::key_hash(&l.key),
            key: l.key,
            stamp: l.stamp,
            meta,
            briefing: None,
            error,
        }
    }
}

impl Item {
    /// The briefing: the one held, else its file read now.
    pub fn load(&self) -> Result<Arc<Briefing>, String> {
        match &self.briefing {
            Some(b) => Ok(Arc::clone(b)),
            None => crate::briefing::load_file(&self.path)
                .map(|l| Arc::new(l.briefing))
                .map_err(|e| e.to_string()),
        }
    }

    /// What a folder's check needs to know of it again.
    pub fn listed(&self) -> Listed {
        Listed {
            path: self.path.clone(),
            key: self.key.clone(),
            stamp: self.stamp,
            info: match (&self.meta, &self.error) {
                (Some(m), None) => Ok(m.clone()),
                (_, e) => Err(e.clone().unwrap_or_default()),
            },
        }
    }

    fn sort_fields(&self) -> Option<(Option<crate::library::DateKey>, &str)> {
        self.meta.as_ref().map(|m| (m.date, m.title.as_str()))
    }
}

impl crate::listing::Known for Item {
    fn path(&self) -> &Path {
        &self.path
    }
    fn stamp(&self) -> Option<Stamp> {
        self.stamp
    }
    fn loaded(&self) -> bool {
        self.error.is_none()
    }
    fn listed(&self) -> Listed {
        Item::listed(self)
    }
}

/// The library's order between two rows.
pub(super) fn order(a: &Item, b: &Item) -> std::cmp::Ordering {
    crate::library::order_by((&a.path, a.sort_fields()), (&b.path, b.sort_fields()))
}

/// `old` and `added` (each in the library's order) merged in that order.
pub(super) fn merge(old: Vec<Item>, added: Vec<Item>) -> Vec<Item> {
    let mut merged = Vec::with_capacity(old.len() + added.len());
    let (mut a, mut b) = (old.into_iter().peekable(), added.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => order(x, y).is_le(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        merged.extend(if take_a { a.next() } else { b.next() });
    }
    merged
}

/// The rows of a loaded library.
pub fn items_of(lib: crate::library::Library) -> Vec<Item> {
    lib.entries.into_iter().map(Item::from).collect()
}

impl LibraryScreen {
    /// The item under the selection.
    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    /// The items shown (all, or those the filter keeps).
    pub fn shown(&self) -> Vec<usize> {
        match &self.filter {
            Some(f) => f.shown.clone(),
            None => (0..self.items.len()).collect(),
        }
    }

    /// How many items are shown.
    pub(super) fn shown_len(&self) -> usize {
        self.filter
            .as_ref()
            .map_or(self.items.len(), |f| f.shown.len())
    }

    /// The shown item at position `pos` of the list.
    pub(super) fn shown_at(&self, pos: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.shown.get(pos).copied(),
            None => (pos < self.items.len()).then_some(pos),
        }
    }

    /// The position of the selection among the shown items.
    pub(super) fn selected_pos(&self) -> Option<usize> {
        match &self.filter {
            Some(f) => f.shown.binary_search(&self.selected).ok(),
            None => (self.selected < self.items.len()).then_some(self.selected),
        }
    }

    /// Whether every item holds its briefing (no file to read to filter).
    pub(super) fn all_held(&self) -> bool {
        self.items
            .iter()
            .all(|e| e.briefing.is_some() || e.meta.is_none())
    }

    /// Replace the items with a fresh load (the selection following its
    /// file, or `None` when that file is gone); loading stops (the fresh
    /// load is complete: files still arriving would be doubles).
    pub fn replace(&mut self, items: Vec<Item>, opts: SearchOptions) -> Option<usize> {
        self.incoming.clear();
        self.arriving.clear();
        self.loading = 0;
        let old = self.current().map(|e| e.path.clone());
        let kept = old.and_then(|p| items.iter().position(|e| e.path == p));
        self.items = Arc::new(items);
        self.selected = kept.unwrap_or(self.selected.min(self.items.len().saturating_sub(1)));
        self.texts_changed(opts);
        kept
    }

    /// Add items that finished loading, keeping the library's order; the
    /// selection stays on the first row (the newest briefing) until the
    /// reader moves it, then on the same file.
    pub(super) fn add_loaded(&mut self, loaded: Vec<Listed>, opts: SearchOptions) {
        if loaded.is_empty() {
            return;
        }
        self.loading = self.loading.saturating_sub(loaded.len());
        let current = self.current().map(|e| e.path.clone());
        let mut added: Vec<Item> = loaded.into_iter().map(Item::from).collect();
        added.sort_by(order);
        // Merged into the rows (a filter job holding them gets its own copy).
        let old = std::mem::take(Arc::make_mut(&mut self.items));
        self.items = Arc::new(merge(old, added));
        match current {
            Some(p) if self.cursor_moved => {
                self.selected = self.items.iter().position(|e| e.path == p).unwrap_or(0);
            }
            _ => self.selected = 0,
        }
        // With a filter, the first row shown (its items are in order).
        self.texts_changed(opts);
    }

    /// How many articles of the briefings that loaded are unread.
    pub fn unread_count(&self, state: &State) -> usize {
        (0..self.items.len())
            .filter_map(|i| self.read_count(i, state))
            .map(|(read, total)| total.saturating_sub(read))
            .sum()
    }

    /// Item `i`'s articles read and in all (a briefing that loaded). A
    /// count not known yet (the file changed since it was counted, and its
    /// marks are not loaded) is taken as none read.
    pub fn read_count(&self, i: usize, state: &State) -> Option<(usize, usize)> {
        let e = self.items.get(i)?;
        let m = e.meta.as_ref()?;
        let total = m.articles.len();
        let read = state
            .read_count(e.key_hash, &m.articles, m.fingerprint)
            .unwrap_or(0);
        Some((read.min(total), total))
    }

    /// Whether item `i` (a briefing that loaded) has an article not read yet.
    pub fn is_unread(&self, i: usize, state: &State) -> bool {
        self.read_count(i, state)
            .is_some_and(|(read, total)| read < total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::Action;

    /// A briefing file's row: published on `day` of January (newest
    /// first), with `articles` sections.
    fn row(name: &str, day: u8, articles: &[u64]) -> Listed {
        Listed {
            path: PathBuf::from(name),
            key: name.to_string(),
            stamp: None,
            info: Ok(Meta {
                title: name.to_string(),
                date: Some((2026, 1, day, 0, 0, 0)),
                sections: articles.len(),
                ..Meta::with_articles(articles.into())
            }),
        }
    }

    /// A file that did not load.
    fn failed(name: &str) -> Listed {
        Listed {
            path: PathBuf::from(name),
            key: name.to_string(),
            stamp: None,
            info: Err("bad".into()),
        }
    }

    fn names(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| i.path.display().to_string()).collect()
    }

    #[test]
    fn merged_rows_keep_the_library_order_newest_first_failures_last() {
        let old: Vec<Item> = vec![row("b", 5, &[1]), failed("x")]
            .into_iter()
            .map(Item::from)
            .collect();
        let added: Vec<Item> = vec![row("a", 9, &[2]), row("c", 1, &[3]), failed("w")]
            .into_iter()
            .map(Item::from)
            .collect();
        assert_eq!(names(&merge(old, added)), ["a", "b", "c", "w", "x"]);
    }

    #[test]
    fn the_selection_stays_on_the_first_row_until_moved_then_follows_its_file() {
        let opts = SearchOptions::default();
        let mut lib = LibraryScreen::default();
        lib.add_loaded(vec![row("b", 5, &[1])], opts);
        lib.add_loaded(vec![row("a", 9, &[2])], opts);
        // Nothing moved yet: the newest briefing is selected.
        assert_eq!(lib.current().map(|i| i.key.as_str()), Some("a"));
        let _ = lib.update(Action::Down, 10, opts);
        assert_eq!(lib.current().map(|i| i.key.as_str()), Some("b"));
        lib.add_loaded(vec![row("c", 7, &[3])], opts);
        assert_eq!(names(&lib.items), ["a", "c", "b"]);
        assert_eq!(lib.current().map(|i| i.key.as_str()), Some("b"));
    }

    #[test]
    fn a_fresh_list_keeps_the_selected_file_and_says_when_it_is_gone() {
        let opts = SearchOptions::default();
        let mut lib = LibraryScreen::default();
        lib.add_loaded(vec![row("a", 9, &[1]), row("b", 5, &[2])], opts);
        lib.selected = 1;
        let fresh = vec![row("z", 10, &[3]), row("b", 5, &[2])];
        let kept = lib.replace(fresh.into_iter().map(Item::from).collect(), opts);
        assert_eq!(kept, Some(1));
        assert_eq!(lib.current().map(|i| i.key.as_str()), Some("b"));
        let kept = lib.replace(vec![Item::from(row("z", 10, &[3]))], opts);
        assert_eq!(kept, None);
        assert_eq!(lib.selected, 0);
    }

    #[test]
    fn counts_come_from_the_read_marks_and_a_failed_file_has_none() {
        let opts = SearchOptions::default();
        let mut lib = LibraryScreen::default();
        lib.add_loaded(vec![row("a", 9, &[1, 2, 3]), failed("x")], opts);
        let mut state = State::default();
        assert_eq!(lib.read_count(0, &state), Some((0, 3)));
        assert_eq!(lib.read_count(1, &state), None);
        assert_eq!(lib.unread_count(&state), 3);
        let a = &lib.items[0];
        let st = state.briefings.entry(a.key_hash).or_default();
        st.read = Some([1, 3].into_iter().collect());
        let fp = crate::briefing::article::fingerprint(&[1, 2, 3]);
        state.counts.insert(a.key_hash, (fp, 2));
        assert_eq!(lib.read_count(0, &state), Some((2, 3)));
        assert!(lib.is_unread(0, &state));
        assert_eq!(lib.unread_count(&state), 1);
    }
}
