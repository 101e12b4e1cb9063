//! Searching as in less: the reader's searches are remembered in the
//! state file; in the prompt `↑`/`↓` recall them and Enter on an empty
//! prompt repeats the last; `n`/`N` with no search on screen (after Esc)
//! search the last query again from where the reader is. A briefing
//! opened from a filtered library opens on the filter's first match, with
//! that search on (`n`/`N` go on from there), as if `/` had been typed in
//! it.

use super::{App, Screen};
use crate::tui::keys::Action;
use crate::tui::screen::Outcome;

impl App {
    /// Keys of the reader's search prompt that need the history; `None`
    /// when the prompt handles the key alone.
    pub(super) fn search_prompt_key(&mut self, action: Action, height: usize) -> Option<()> {
        let r = match (&mut self.screen, &mut self.article.open) {
            (Screen::Reader(_), Some(a)) => a,
            (Screen::Reader(r), None) => r,
            (Screen::Library, _) => return None,
        };
        match action {
            Action::HistoryBack | Action::HistoryForward => {
                let back = action == Action::HistoryBack;
                let f = r.find.as_mut()?;
                if f.prompt.recall(&self.state.searches, back) {
                    let q = f.prompt.query.clone();
                    r.set_query(&q, height);
                }
                Some(())
            }
            Action::Enter if r.prompt_query() == Some("") => {
                if let Some(last) = self.state.last_search() {
                    r.set_query(last, height);
                }
                None
            }
            _ => None,
        }
    }

    /// Before a key in the prompt: Enter confirms the query, which joins
    /// the history (found or not, as in less).
    pub(super) fn remember_confirmed(&mut self, action: Action) {
        if action != Action::Enter {
            return;
        }
        let q = self
            .reader()
            .and_then(|r| r.prompt_query())
            .map(str::to_string);
        if let Some(q) = q {
            self.remember_search(&q);
        }
    }

    /// `n`/`N` in the reader with no search on screen: the last search
    /// again, from here. `None` when there is a search (or none to repeat).
    pub(super) fn resume_last_search(&mut self, action: Action, height: usize) -> Option<Outcome> {
        if !matches!(action, Action::NextMatch | Action::PrevMatch) {
            return None;
        }
        let last = self.state.last_search()?.to_string();
        let r = match (&mut self.screen, &mut self.article.open) {
            (Screen::Reader(_), Some(a)) => a,
            (Screen::Reader(r), None) => r,
            (Screen::Library, _) => return None,
        };
        if r.find.is_some() {
            return None;
        }
        Some(r.resume_search(&last, action, height))
    }

    /// The briefing just opened from a filtered library: the filter's
    /// query searched in it from the top, its first match shown. False
    /// when there is no filter or no match in the text (the file matched
    /// by its name): the briefing then opens where it was left.
    pub(super) fn carry_filter_in(&mut self) -> bool {
        let Some(q) = self
            .library
            .filter
            .as_ref()
            .map(|f| f.prompt.query.trim().to_string())
            .filter(|q| !q.is_empty())
        else {
            return false;
        };
        let height = self.body_height();
        let Screen::Reader(r) = &mut self.screen else {
            return false;
        };
        match r.resume_search(&q, Action::NextMatch, height) {
            Outcome::Stay => {
                self.remember_search(&q);
                true
            }
            _ => false,
        }
    }

    /// Keep `q` as the latest search, in memory and in the store.
    fn remember_search(&mut self, q: &str) {
        if !self.state.remember_search(q) {
            return;
        }
        self.kept_in_memory();
        if let Some(store) = &mut self.keeping.store {
            let r = store.remember_search(q);
            self.saved(r);
        }
    }
}
