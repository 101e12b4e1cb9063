//! The one-line prompt shared by the reader's search and the library's
//! filter: the query being typed, whether keys are still text, and what an
//! action does to it. Each screen decides what a change of query means
//! (new matches, a new list); the status bar draws either the same way.

use super::keys::Action;

/// A query typed at the bottom of the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub query: String,
    /// The prompt is open: keys are text.
    pub editing: bool,
    /// Which earlier query is shown (`↑`/`↓`): an index into the history,
    /// newest last; `None` while the query is the one being typed.
    recalled: Option<usize>,
    /// The query being typed, kept while earlier ones are shown.
    draft: String,
}

/// What an action did to an open prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The query changed (a character typed or deleted).
    Changed,
    /// Enter: the prompt closes, keeping the query.
    Confirm,
    /// Esc: the prompt closes, dropping the query.
    Cancel,
    /// Ctrl-k: hiragana and katakana match each other, or no longer.
    ToggleKana,
    /// Any other key: nothing.
    Ignored,
}

impl Prompt {
    /// An open prompt holding `query`.
    pub fn open(query: String) -> Prompt {
        Prompt {
            query,
            editing: true,
            recalled: None,
            draft: String::new(),
        }
    }

    /// `↑` (`back`) or `↓` through `history` (oldest first): the query
    /// becomes an earlier search, or, past the newest, what was being
    /// typed. False when there is nothing further that way.
    pub fn recall(&mut self, history: &[String], back: bool) -> bool {
        let next = match (self.recalled, back) {
            (None, true) => history.len().checked_sub(1),
            (None, false) => None,
            (Some(i), true) => i.checked_sub(1),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => {
                self.recalled = None;
                self.query = std::mem::take(&mut self.draft);
                return true;
            }
        };
        let Some(i) = next else { return false };
        if self.recalled.is_none() {
            self.draft = std::mem::take(&mut self.query);
        }
        self.recalled = Some(i);
        self.query = history[i].clone();
        true
    }

    /// Apply an action to the prompt while it is open.
    pub fn edit(&mut self, action: Action) -> Edit {
        match action {
            Action::Insert(c) => {
                self.query.push(c);
                self.recalled = None;
                Edit::Changed
            }
            Action::DeleteBack => {
                self.query.pop();
                self.recalled = None;
                Edit::Changed
            }
            Action::ToggleKana => Edit::ToggleKana,
            Action::Enter => {
                self.editing = false;
                Edit::Confirm
            }
            Action::Back => Edit::Cancel,
            _ => Edit::Ignored,
        }
    }
}

/// Shown after the count while hiragana and katakana match each other.
pub fn kana_mark(kana: bool) -> &'static str {
    if kana { "  [かな=カナ]" } else { "" }
}
