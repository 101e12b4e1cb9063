//! The reading state's bookkeeping: the remembered positions and read
//! marks ([`State`]), where they are kept ([`Keeping`]: the store, or the
//! message saying why there is none), read from the store as they are
//! needed and written to it as each change is made, as its own small
//! transaction ([`crate::state::Store`]). A change that cannot be saved is
//! kept for this session and said in the status bar (and again at the
//! end), never fatal. The keys that change marks are in `unread`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::App;
use crate::briefing::article;
use crate::i18n::{Msg, tf};
use crate::state::{BriefingState, State, StateError, Store};

/// Where the reading state is kept, and what could not be saved.
#[derive(Debug, Default)]
pub struct Keeping {
    /// The store (none when the state folder cannot be written: changes
    /// are then kept for this session only).
    pub store: Option<Store>,
    /// The last change that could not be saved, said again at the end.
    pub unsaved: Option<String>,
    /// Why there is no store, when it could not be opened: every change
    /// is then unsaved.
    pub no_store: Option<String>,
    /// The (file, page) last marked as viewed (by path: items are
    /// re-sorted as a folder loads).
    pub(super) last_viewed: Option<(PathBuf, usize)>,
}

impl App {
    /// Use the store and the state read from it (at launch), and reopen
    /// the open briefing where it was left.
    pub fn set_store(&mut self, store: Option<crate::state::Store>, state: State) {
        self.keeping.store = store;
        self.set_state(state);
    }

    /// Use `state` and reopen the open briefing where it was left.
    pub fn set_state(&mut self, state: State) {
        self.state = state;
        self.keeping.last_viewed = None;
        self.resolve_counts();
        self.restore_position();
        self.mark_viewed();
    }

    /// The remembered state of item `i`, if it has been read or changed.
    pub fn entry_state(&self, i: usize) -> Option<&BriefingState> {
        self.library
            .items
            .get(i)
            .and_then(|e| self.state.briefings.get(&e.key_hash))
    }

    /// The articles of item `i` (its sections' article hashes).
    pub fn articles_of(&self, i: usize) -> Option<Arc<[u64]>> {
        let e = self.library.items.get(i)?;
        if let Some(m) = &e.meta {
            return Some(Arc::clone(&m.articles));
        }
        e.briefing.as_deref().map(|b| article::hashes(b).into())
    }

    /// The articles of the open briefing (as open: a reload may not have
    /// reached the list yet).
    pub(super) fn open_articles(&self) -> Option<Arc<[u64]>> {
        let r = self.briefing_reader()?;
        let listed = self.articles_of(self.library.selected);
        match listed {
            Some(a) if a.len() == r.briefing.sections.len() => Some(a),
            _ => Some(article::hashes(&r.briefing).into()),
        }
    }

    /// The article on the open reader's page (`None` on the cover).
    pub(super) fn article_on_page(&self) -> Option<u64> {
        let s = self.briefing_reader()?.section()?;
        self.open_articles()?.get(s).copied()
    }

    /// Whether section `s` of item `i` has been read.
    pub fn article_read(&self, i: usize, s: usize) -> bool {
        let Some(a) = self.articles_of(i).and_then(|l| l.get(s).copied()) else {
            return false;
        };
        self.entry_state(i)
            .and_then(|st| st.is_read(a))
            .unwrap_or(false)
    }

    /// A change saved, or the message for one that was not.
    pub(super) fn saved<T>(&mut self, r: Result<T, StateError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                let path = self
                    .keeping
                    .store
                    .as_ref()
                    .map(|s| crate::briefing::display_path(&s.path))
                    .unwrap_or_default();
                let msg = tf(Msg::StateNotSaved, &[&path, &e]);
                self.status = Some(msg.clone());
                self.keeping.unsaved = Some(msg);
                None
            }
        }
    }

    /// A change was made with no store to save it in: said at the end.
    pub(super) fn kept_in_memory(&mut self) {
        if self.keeping.store.is_none() && self.keeping.no_store.is_some() {
            self.keeping.unsaved = self.keeping.no_store.clone();
        }
    }

    /// Read item `i`'s position and marks from the store when they are
    /// not held.
    pub(super) fn ensure_read_set(&mut self, i: usize) {
        let Some((key, kh)) = self
            .library
            .items
            .get(i)
            .map(|e| (e.key.clone(), e.key_hash))
        else {
            return;
        };
        if self
            .state
            .briefings
            .get(&kh)
            .is_some_and(|s| s.read.is_some())
        {
            return;
        }
        let stored = match &self.keeping.store {
            Some(store) => {
                let r = store.briefing(&key);
                self.saved(r)
            }
            None => None,
        };
        let st = self.state.briefings.entry(kh).or_default();
        match stored {
            Some(b) => *st = b,
            None => st.read = Some(HashSet::new()),
        }
    }

    /// Load the read marks of every briefing whose count is not known for
    /// its articles as they are now (the file changed since it was last
    /// marked), so the list counts right.
    pub fn resolve_counts(&mut self) {
        let stale: Vec<usize> = (0..self.library.items.len())
            .filter(|&i| {
                let e = &self.library.items[i];
                e.meta.as_ref().is_some_and(|m| {
                    self.state
                        .read_count(e.key_hash, &m.articles, m.fingerprint)
                        .is_none()
                })
            })
            .collect();
        for i in stale {
            self.ensure_read_set(i);
        }
    }

    /// Read the state again when another instance changed it; true when
    /// it was.
    pub fn refresh_state(&mut self) -> bool {
        let Some(store) = &mut self.keeping.store else {
            return false;
        };
        if !store.changed_elsewhere() {
            return false;
        }
        let fresh = store.load();
        if let Some(state) = self.saved(fresh) {
            // Positions and marks are read again as they are needed.
            self.state = state;
            self.resolve_counts();
        }
        true
    }

    /// Put the open reader at its remembered article (else page) and scroll.
    pub(super) fn restore_position(&mut self) {
        if self.feed_view.is_some() {
            return;
        }
        self.ensure_read_set(self.library.selected);
        let Some(saved) = self.entry_state(self.library.selected).cloned() else {
            return;
        };
        let height = self.body_height();
        let articles = self.open_articles();
        let page = saved
            .article
            .and_then(|a| articles?.iter().position(|x| *x == a))
            .map_or(saved.page, |s| s + 1);
        if let Some(r) = self.reader_mut() {
            r.place_at(page, saved.scroll, height);
        }
    }

    /// Record (and save) the open reader's page, article and scroll.
    pub fn remember_position(&mut self) {
        // A feed's briefing is no file: its marks went to its day files.
        if self.feed_view.is_some() {
            return;
        }
        let Some((page, scroll)) = self.briefing_reader().map(|r| (r.page, r.scroll)) else {
            return;
        };
        let article = self.article_on_page();
        let Some((key, kh)) = self.library.current().map(|e| (e.key.clone(), e.key_hash)) else {
            return;
        };
        let st = self.state.briefings.entry(kh).or_default();
        if (st.page, st.article, st.scroll) == (page, article, scroll) {
            return;
        }
        (st.page, st.article, st.scroll) = (page, article, scroll);
        let st = st.clone();
        self.kept_in_memory();
        if let Some(store) = &mut self.keeping.store {
            let r = store.set_position(&key, &st);
            self.saved(r);
        }
    }

    /// Mark the article on screen read, once per page visit (so `u` can
    /// mark it unread again); the cover marks nothing.
    pub(super) fn mark_viewed(&mut self) {
        if self.feed_view.is_some() {
            return self.feed_mark_viewed();
        }
        let Some(page) = self.briefing_reader().map(|r| r.page) else {
            return;
        };
        let Some(path) = self.library.current().map(|e| e.path.clone()) else {
            return;
        };
        let here = Some((path, page));
        if self.keeping.last_viewed == here {
            return;
        }
        self.keeping.last_viewed = here;
        let Some(a) = self.article_on_page() else {
            return;
        };
        let i = self.library.selected;
        self.ensure_read_set(i);
        if !self.article_read_hash(i, a) {
            self.set_marks(i, &[(a, true)]);
        }
    }

    pub(super) fn article_read_hash(&self, i: usize, a: u64) -> bool {
        self.entry_state(i)
            .and_then(|st| st.is_read(a))
            .unwrap_or(false)
    }

    /// Mark articles of item `i` read or unread: `changes` of (article,
    /// read); saved at once.
    pub(super) fn set_marks(&mut self, i: usize, changes: &[(u64, bool)]) {
        let (Some((key, kh)), Some(list)) = (
            self.library
                .items
                .get(i)
                .map(|e| (e.key.clone(), e.key_hash)),
            self.articles_of(i),
        ) else {
            return;
        };
        self.ensure_read_set(i);
        let fp = article::fingerprint(&list);
        let st = self.state.briefings.entry(kh).or_default();
        let read = st.read.get_or_insert_with(HashSet::new);
        for &(a, r) in changes {
            if r {
                read.insert(a);
            } else {
                read.remove(&a);
            }
        }
        let n = list.iter().filter(|a| read.contains(a)).count();
        self.state.counts.insert(kh, (fp, n));
        self.kept_in_memory();
        if let Some(store) = &mut self.keeping.store {
            let r = store.set_read(&key, &list, changes);
            if let Some(now) = self.saved(r) {
                // With what other instances marked meanwhile.
                let n = list.iter().filter(|a| now.contains(a)).count();
                self.state.counts.insert(kh, (fp, n));
                self.state.briefings.entry(kh).or_default().read = Some(now);
            }
        }
    }
}
