//! Live reload: the list replaced by a fresh load of the same path, or by
//! the new list a folder's check found. The selection follows its file; a
//! file that now fails keeps its last good row (its error said in the
//! status bar); an open briefing that changed is read again and kept at
//! its article (else page) and scroll; an open briefing whose file is
//! gone closes, its place remembered.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::{App, Item, Overlay, Reader, Screen};
use crate::briefing::Briefing;
use crate::i18n::{Msg, t, tf};
use crate::library::Library;

impl App {
    /// Replace the library with a fresh load of the same path (live reload).
    /// The selection follows its file; an open briefing keeps its page and
    /// (clamped) scroll. A file that now fails keeps its last good content
    /// on screen and in the list, and its error is shown in the status bar.
    pub fn reload(&mut self, lib: Library) {
        self.reload_items(crate::tui::library::items_of(lib));
    }

    /// A folder's check found its list changed: put the new one in place,
    /// as [`App::reload`] does.
    pub fn relist(&mut self, listed: Vec<crate::library::Listed>) {
        self.reload_items(listed.into_iter().map(Item::from).collect());
    }

    fn reload_items(&mut self, mut fresh: Vec<Item>) {
        // The article on screen, which the page follows if it moved.
        let open_article = self.article_on_page();
        let errors = self.keep_last_good(&mut fresh);
        let open_changed = self.open_row_changed(&fresh);
        self.close_if_removed(&fresh);
        let opts = self.filter_opts();
        self.library.replace(fresh, opts);
        self.resolve_counts();
        self.reload_error = errors.first().map(|e| tf(Msg::NotReloadedLastGood, &[e]));
        if self.reader().is_some()
            && open_changed
            && let Some(b) = self.read_open_again()
        {
            self.reopen(b, open_article);
        }
        self.settle();
    }

    /// Rows that now fail take their last good metadata (and briefing)
    /// from the rows on screen; the first line of each such error.
    fn keep_last_good(&self, fresh: &mut [Item]) -> Vec<String> {
        let mut errors = Vec::new();
        let mut old_rows: Option<HashMap<&Path, &Item>> = None;
        for e in fresh {
            let Some(err) = &e.error else { continue };
            let old_rows = old_rows.get_or_insert_with(|| {
                self.library
                    .items
                    .iter()
                    .map(|o| (o.path.as_path(), o))
                    .collect()
            });
            if let Some(old) = old_rows.get(e.path.as_path()).filter(|o| o.meta.is_some()) {
                errors.push(err.lines().next().unwrap_or("").to_string());
                e.meta = old.meta.clone();
                e.briefing = old.briefing.clone();
            }
        }
        errors
    }

    /// Whether the selected file's row changed: its briefing was read
    /// again, or its size or mtime differ (false when it is gone).
    fn open_row_changed(&self, fresh: &[Item]) -> bool {
        let Some(old) = self.library.current() else {
            return false;
        };
        let Some(new) = fresh.iter().find(|e| e.path == old.path) else {
            return false;
        };
        match (&new.briefing, &old.briefing) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            _ => new.stamp != old.stamp || new.briefing.is_some(),
        }
    }

    /// The open briefing's file is not in `fresh`: remember its place
    /// (while the selection still is it) and go back to the list.
    fn close_if_removed(&mut self, fresh: &[Item]) {
        let gone = self
            .library
            .current()
            .is_none_or(|old| !fresh.iter().any(|e| e.path == old.path));
        if gone && self.reader().is_some() {
            self.remember_position();
            self.screen = Screen::Library;
            self.status = Some(t(Msg::OpenRemoved).into());
        }
    }

    /// The selected briefing read again from its file, or why not (said
    /// in the status bar; the reader keeps its last good version).
    fn read_open_again(&mut self) -> Option<Arc<Briefing>> {
        let e = self.library.current().filter(|e| e.error.is_none())?;
        match e.load() {
            Ok(b) => Some(b),
            Err(err) => {
                let first = err.lines().next().unwrap_or("").to_string();
                self.reload_error = Some(tf(Msg::NotReloadedLastGood, &[&first]));
                None
            }
        }
    }

    /// The open reader replaced by one on `b`, at the same article (else
    /// page), scroll, writing direction and column; an open contents or
    /// links overlay keeps its selection within the new briefing.
    fn reopen(&mut self, b: Arc<Briefing>, open_article: Option<u64>) {
        let (opts, height, kana) = (self.layout_opts(), self.body_height(), self.kana);
        let Screen::Reader(r) = &mut self.screen else {
            return;
        };
        if Arc::ptr_eq(&b, &r.briefing) {
            return;
        }
        let mut page = r.page;
        if let Some(at) = open_article.and_then(|a| {
            crate::briefing::article::hashes(&b)
                .iter()
                .position(|x| *x == a)
        }) {
            page = at + 1;
        }
        let mut fresh = Reader::new(b, opts);
        fresh.set_kana(kana);
        fresh.vertical = r.vertical;
        fresh.vcol = r.vcol;
        fresh.place_at(page, r.scroll, height);
        **r = fresh;
        match &mut self.overlay {
            Some(Overlay::Toc { selected }) => *selected = (*selected).min(r.pages() - 1),
            Some(Overlay::Links { selected, .. }) => {
                *selected = (*selected).min(r.links.len().saturating_sub(1));
            }
            _ => {}
        }
    }
}
