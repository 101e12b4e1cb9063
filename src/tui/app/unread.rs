//! Reading progress, per article: a section's page shown marks its article
//! read (the cover and the contents mark nothing), `u` toggles the article
//! on screen (the whole briefing from the library or the cover), `U` goes
//! to the next unread article across the briefings shown, and `A` marks
//! what the list shows read, asking first when that is more than one
//! briefing; the undo key restores the marks the last `A` changed.
//!
//! Every change is saved at once through [`super::reading`].

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, Screen};
use crate::briefing::article;
use crate::i18n::{Msg, t, tf};
use crate::tui::keys::Action;

/// What the last `A` changed: the briefings (key and articles) and the
/// marks it added (index into them, article); the counts before.
#[derive(Debug)]
pub struct Undo {
    briefings: Vec<(String, Arc<[u64]>)>,
    marks: Vec<(usize, u64)>,
    before: Vec<Before>,
}

/// `A`'s question and its undo.
#[derive(Debug, Default)]
pub struct Marking {
    /// `A` waiting for `y`: the briefings it would mark (item indices).
    pub(super) confirm: Option<Vec<usize>>,
    /// What the last `A` changed, for the undo key.
    pub(super) undo: Option<Undo>,
}

/// A briefing's count and read marks (when held) before an `A`.
type Before = (Option<(u64, usize)>, Option<HashSet<u64>>);

impl App {
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
        self.keeping.last_viewed = None;
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
        if self.feeds.on {
            return self.mark_feed_read();
        }
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
                self.marking.confirm = Some(items);
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
        self.marking.confirm.is_some()
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
        let marks = match &mut self.keeping.store {
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
        let memory_only = self.keeping.store.is_none();
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
        self.marking.undo = Some(Undo {
            briefings,
            marks,
            before,
        });
    }

    /// The undo key: the marks the last `A` made are taken back.
    pub(super) fn undo_mark_all(&mut self) {
        let Some(undo) = self.marking.undo.take() else {
            self.status = Some(t(Msg::NothingToUndo).into());
            return;
        };
        if let Some(store) = &mut self.keeping.store {
            let r = store.unmark(&undo.briefings, &undo.marks);
            if self.saved(r).is_none() {
                self.marking.undo = Some(undo);
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
