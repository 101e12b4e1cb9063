//! Reading progress, per article: a section's page shown marks its article
//! read (the cover and the contents mark nothing), `u` toggles the article
//! on screen (the whole briefing from the library or the cover), `U` goes
//! to the next unread article across the briefings shown, and `A` marks
//! what the list shows read, asking first when that is more than one
//! briefing; the undo key restores the marks the last `A` changed.
//!
//! Every change is written to the store at once, as its own small
//! transaction ([`crate::state::Store`]); a change that cannot be saved is
//! kept for this session and said in the status bar (and again at the
//! end), never fatal.

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, Screen};
use crate::briefing::article;
use crate::i18n::{Msg, t, tf};
use crate::state::{BriefingState, State, StateError};
use crate::tui::keys::Action;

/// What the last `A` changed: the briefings (key and articles) and the
/// marks it added (index into them, article); the counts before.
#[derive(Debug)]
pub struct Undo {
    briefings: Vec<(String, Arc<[u64]>)>,
    marks: Vec<(usize, u64)>,
    before: Vec<Before>,
}

/// A briefing's count and read marks (when held) before an `A`.
type Before = (Option<(u64, usize)>, Option<HashSet<u64>>);

impl App {
    /// Use the store and the state read from it (at launch), and reopen
    /// the open briefing where it was left.
    pub fn set_store(&mut self, store: Option<crate::state::Store>, state: State) {
        self.store = store;
        self.set_state(state);
    }

    /// Use `state` and reopen the open briefing where it was left.
    pub fn set_state(&mut self, state: State) {
        self.state = state;
        self.last_viewed = None;
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
    fn open_articles(&self) -> Option<Arc<[u64]>> {
        let r = self.reader()?;
        let listed = self.articles_of(self.library.selected);
        match listed {
            Some(a) if a.len() == r.briefing.sections.len() => Some(a),
            _ => Some(article::hashes(&r.briefing).into()),
        }
    }

    /// The article on the open reader's page (`None` on the cover).
    pub(super) fn article_on_page(&self) -> Option<u64> {
        let s = self.reader()?.section()?;
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
                    .store
                    .as_ref()
                    .map(|s| crate::briefing::display_path(&s.path))
                    .unwrap_or_default();
                let msg = tf(Msg::StateNotSaved, &[&path, &e]);
                self.status = Some(msg.clone());
                self.unsaved = Some(msg);
                None
            }
        }
    }

    /// A change was made with no store to save it in: said at the end.
    pub(super) fn kept_in_memory(&mut self) {
        if self.store.is_none() && self.no_store.is_some() {
            self.unsaved = self.no_store.clone();
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
        let stored = match &self.store {
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
        let Some(store) = &mut self.store else {
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
        if let Some(store) = &mut self.store {
            let r = store.set_read(&key, &list, changes);
            if let Some(now) = self.saved(r) {
                // With what other instances marked meanwhile.
                let n = list.iter().filter(|a| now.contains(a)).count();
                self.state.counts.insert(kh, (fp, n));
                self.state.briefings.entry(kh).or_default().read = Some(now);
            }
        }
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
        let Some((page, scroll)) = self.reader().map(|r| (r.page, r.scroll)) else {
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
        if let Some(store) = &mut self.store {
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
        let Some(page) = self.reader().map(|r| r.page) else {
            return;
        };
        let Some(path) = self.library.current().map(|e| e.path.clone()) else {
            return;
        };
        let here = Some((path, page));
        if self.last_viewed == here {
            return;
        }
        self.last_viewed = here;
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

    /// `u`: the article on screen (reader), else the selected briefing
    /// (library, or the cover), becomes read if unread, unread if read; a
    /// briefing is read when all its articles are.
    pub(super) fn toggle_read(&mut self) {
        if self.feed_view.is_some() {
            return self.feed_toggle_read();
        }
        let Some(true) = self.library.current().map(|e| e.meta.is_some()) else {
            self.status = Some(t(Msg::NothingToMark).into());
            return;
        };
        let i = self.library.selected;
        self.ensure_read_set(i);
        let msg = if let Some(a) = self.article_on_page() {
            let read = !self.article_read_hash(i, a);
            self.set_marks(i, &[(a, read)]);
            if read {
                Msg::SectionRead
            } else {
                Msg::SectionUnread
            }
        } else {
            let list = self.articles_of(i).unwrap_or_else(|| Arc::new([]));
            let all = list.iter().all(|a| self.article_read_hash(i, *a));
            let changes: Vec<(u64, bool)> = list.iter().map(|a| (*a, !all)).collect();
            self.set_marks(i, &changes);
            if all {
                Msg::BriefingUnread
            } else {
                Msg::BriefingRead
            }
        };
        self.status = Some(t(msg).into());
    }

    /// How many articles of item `i` are unread (0 for a file that did
    /// not load).
    fn unread_in(&self, i: usize) -> usize {
        self.library
            .read_count(i, &self.state)
            .map_or(0, |(read, total)| total.saturating_sub(read))
    }

    /// `U`: the next unread article after this page, else the first unread
    /// article of the next briefing of the list with one (from the
    /// library: the selected one first; from the reader: the ones after
    /// it), wrapping around. Covers are skipped.
    pub(super) fn next_unread(&mut self) {
        if let Some(page) = self.reader().map(|r| r.page) {
            let i = self.library.selected;
            self.ensure_read_set(i);
            let list = self.open_articles().unwrap_or_else(|| Arc::new([]));
            if let Some(s) = (page..list.len()).find(|&s| !self.article_read_hash(i, list[s])) {
                if let Screen::Reader(r) = &mut self.screen {
                    r.go_to_page(s + 1);
                }
                return;
            }
        }
        let shown = self.library.shown();
        let n = shown.len();
        let at = shown
            .iter()
            .position(|&i| i == self.library.selected)
            .unwrap_or(0);
        let from = usize::from(self.reader().is_some());
        let next = (from..from + n)
            .map(|k| shown[(at + k) % n.max(1)])
            .find(|&i| self.unread_in(i) > 0);
        let Some(i) = next else {
            self.status = Some(t(Msg::AllRead).into());
            return;
        };
        if self.reader().is_some() {
            self.remember_position();
        }
        self.library.selected = i;
        self.last_viewed = None;
        self.open_selected();
        self.ensure_read_set(i);
        let list = self.open_articles().unwrap_or_else(|| Arc::new([]));
        let first = (0..list.len()).find(|&s| !self.article_read_hash(i, list[s]));
        if let (Some(s), Screen::Reader(r)) = (first, &mut self.screen) {
            r.go_to_page(s + 1);
        }
    }

    /// `A` in the library: the briefings the list shows (the filter
    /// respected) marked read; asks first when they are more than one.
    pub(super) fn mark_all_read(&mut self) {
        let items: Vec<usize> = self
            .library
            .shown()
            .into_iter()
            .filter(|&i| self.library.items[i].meta.is_some())
            .collect();
        match items.len() {
            0 => self.status = Some(t(Msg::NothingToMark).into()),
            1 => self.do_mark_all(&items),
            n => {
                let unread: usize = items.iter().map(|&i| self.unread_in(i)).sum();
                self.status = Some(tf(
                    Msg::ConfirmMarkAll,
                    &[&crate::i18n::grouped(unread), &crate::i18n::grouped(n)],
                ));
                self.confirm = Some(items);
            }
        }
    }

    /// The answer to `A`'s question: `y` marks, anything else does not.
    pub(super) fn answer_mark_all(&mut self, items: Vec<usize>, action: Action) {
        if matches!(action, Action::Insert('y' | 'Y')) {
            self.do_mark_all(&items);
        } else {
            self.status = Some(t(Msg::NothingMarked).into());
        }
    }

    /// Whether `A` waits for its answer (`y` or anything else).
    pub fn confirming(&self) -> bool {
        self.confirm.is_some()
    }

    /// Mark every article of `items` read, in one transaction; remember
    /// what changed for the undo key.
    fn do_mark_all(&mut self, items: &[usize]) {
        let todo: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| self.unread_in(i) > 0)
            .collect();
        let briefings: Vec<(String, Arc<[u64]>)> = todo
            .iter()
            .filter_map(|&i| Some((self.library.items[i].key.clone(), self.articles_of(i)?)))
            .collect();
        let before: Vec<_> = briefings
            .iter()
            .map(|(k, _)| {
                let kh = crate::state::key_hash(k);
                (
                    self.state.counts.get(&kh).copied(),
                    self.state.briefings.get(&kh).and_then(|s| s.read.clone()),
                )
            })
            .collect();
        let marks = match &mut self.store {
            Some(store) => {
                let r = store.mark_all(&briefings);
                match self.saved(r) {
                    Some(m) => m,
                    None => return,
                }
            }
            None => briefings
                .iter()
                .enumerate()
                .flat_map(|(k, (key, list))| {
                    let read = self
                        .state
                        .briefings
                        .get(&crate::state::key_hash(key))
                        .and_then(|s| s.read.as_ref());
                    list.iter()
                        .filter(|a| !read.is_some_and(|r| r.contains(a)))
                        .map(move |a| (k, *a))
                        .collect::<Vec<_>>()
                })
                .collect(),
        };
        let memory_only = self.store.is_none();
        self.kept_in_memory();
        for (key, list) in &briefings {
            let kh = crate::state::key_hash(key);
            self.state
                .counts
                .insert(kh, (article::fingerprint(list), list.len()));
            if memory_only {
                let st = self.state.briefings.entry(kh).or_default();
                st.read.get_or_insert_with(HashSet::new);
            }
            if let Some(r) = self
                .state
                .briefings
                .get_mut(&kh)
                .and_then(|s| s.read.as_mut())
            {
                r.extend(list.iter().copied());
            }
        }
        self.status = Some(tf(
            Msg::ArticlesMarkedRead,
            &[&crate::i18n::grouped(marks.len())],
        ));
        self.undo = Some(Undo {
            briefings,
            marks,
            before,
        });
    }

    /// The undo key: the marks the last `A` made are taken back.
    pub(super) fn undo_mark_all(&mut self) {
        let Some(undo) = self.undo.take() else {
            self.status = Some(t(Msg::NothingToUndo).into());
            return;
        };
        if let Some(store) = &mut self.store {
            let r = store.unmark(&undo.briefings, &undo.marks);
            if self.saved(r).is_none() {
                self.undo = Some(undo);
                return;
            }
        }
        for ((key, _), (counted, read)) in undo.briefings.iter().zip(undo.before) {
            let kh = crate::state::key_hash(key);
            match counted {
                Some(c) => self.state.counts.insert(kh, c),
                None => self.state.counts.remove(&kh),
            };
            if let Some(st) = self.state.briefings.get_mut(&kh) {
                st.read = read;
            }
        }
        self.status = Some(tf(
            Msg::MarksRestored,
            &[&crate::i18n::grouped(undo.marks.len())],
        ));
    }
}
