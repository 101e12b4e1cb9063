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
        }
    }

    /// Apply an action to the prompt while it is open.
    pub fn edit(&mut self, action: Action) -> Edit {
        match action {
            Action::Insert(c) => {
                self.query.push(c);
                Edit::Changed
            }
            Action::DeleteBack => {
                self.query.pop();
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
