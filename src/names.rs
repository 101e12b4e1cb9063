//! The names of the reader's actions and of the keys with a name: defined
//! here once, and taken from here by the key table (`tui::keys`), the
//! configuration's `[keys]` parser, the help screen (through the key
//! table) and the manual page (`yomu man` lists them).
//!
//! `strum` derives the spellings: an action is named in snake case
//! (`next_page`), a key by its variant (`PageDown`) or, as the help screen
//! writes it, by its label (`PgDn`).

use strum::{EnumIter, EnumProperty, EnumString, IntoEnumIterator, IntoStaticStr};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumString, IntoStaticStr, EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Down,
    Up,
    ScreenDown,
    ScreenUp,
    Top,
    Bottom,
    NextPage,
    PrevPage,
    Toc,
    OpenSource,
    Links,
    Enter,
    Copy,
    ToggleRead,
    Help,
    ShowError,
    Back,
    Quit,
    /// Open the search prompt (the filter in the library).
    Search,
    /// Open the search prompt, searching backward.
    SearchBack,
    NextMatch,
    PrevMatch,
    /// Backspace in the prompt.
    DeleteBack,
    /// In a search: hiragana and katakana match each other, or not.
    ToggleKana,
    /// Vertical writing (縦書き) on or off.
    ToggleVertical,
    /// In the search prompt: the search before the one shown.
    HistoryBack,
    /// In the search prompt: the search after the one shown.
    HistoryForward,
    /// The next unread section, else the next unread briefing.
    NextUnread,
    /// Mark what the library shows read (asks first for more than one).
    MarkAllRead,
    /// Take back the marks the last `MarkAllRead` made.
    UndoMarkAll,
    /// Fetch every subscription in the background (`yomu sync`).
    Sync,
    /// Fetch every subscription, from the briefing list or the feed list.
    SyncAll,
    /// Switch the library between the briefing list and the feed list.
    FeedList,
    /// Read the current section's source inside yomu: its article,
    /// fetched and extracted (a second time from the cache).
    ReadArticle,
    /// List the characters of the page shown as 〓 (gaiji nothing
    /// resolves), with the descriptions the text gives of them.
    Gaiji,
    /// A digit typed in the links list (not remappable).
    #[strum(disabled)]
    Digit(u8),
    /// A character typed into the prompt (not remappable).
    #[strum(disabled)]
    Insert(char),
}

impl Action {
    /// The action named `name` in the configuration.
    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// Whether the configuration can bind it to other keys (all but the
    /// digits of the links list and the prompt's text).
    pub fn remappable(self) -> bool {
        !matches!(self, Action::Digit(_) | Action::Insert(_))
    }

    /// The configuration's name of this action (the help text's words for
    /// the two that have none).
    pub fn name(self) -> &'static str {
        if self.remappable() {
            self.into()
        } else {
            "a built-in action"
        }
    }

    /// The names of every action `[keys]` can remap, in the table's order.
    pub fn names() -> Vec<&'static str> {
        Action::iter()
            .filter(|a| a.remappable())
            .map(Action::name)
            .collect()
    }
}

/// Keys with a name in the `[keys]` table. A name is matched ignoring
/// case; the label (`PgDn`, `↓`) is how the help screen writes the key,
/// and is accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumString, IntoStaticStr, EnumIter, EnumProperty)]
#[strum(ascii_case_insensitive)]
pub enum NamedKey {
    #[strum(props(label = "↓"))]
    Down,
    #[strum(props(label = "↑"))]
    Up,
    #[strum(props(label = "←"))]
    Left,
    #[strum(props(label = "→"))]
    Right,
    #[strum(props(label = "PgDn"))]
    PageDown,
    #[strum(props(label = "PgUp"))]
    PageUp,
    Home,
    End,
    Tab,
    #[strum(props(label = "Shift-Tab"))]
    BackTab,
    Enter,
    Esc,
}

impl NamedKey {
    /// The name as the configuration writes it (`PageDown`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// How the help screen writes the key (`PgDn`; the name when it has no other).
    pub fn label(self) -> &'static str {
        self.get_str("label").unwrap_or_else(|| self.name())
    }

    /// The key with this label, written exactly so (`↓`, `PgDn`).
    pub fn from_label(s: &str) -> Option<NamedKey> {
        NamedKey::iter().find(|k| k.get_str("label") == Some(s))
    }

    /// Every name, in order.
    pub fn names() -> Vec<&'static str> {
        NamedKey::iter().map(NamedKey::name).collect()
    }
}

/// The manual page's list of actions and key names for `[keys]`.
pub fn keys_section() -> String {
    format!(
        "Keys can be remapped in the [keys] table of the configuration, \
         action = [\"key\", ...].\n\nActions: {}.\n\nKeys: one character (\"l\", \"G\", \"?\"), \
         \"Space\", C-<letter> for Ctrl, or one of: {}.",
        Action::names().join(", "),
        NamedKey::names().join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels() {
        assert_eq!(Action::from_name("next_page"), Some(Action::NextPage));
        assert_eq!(Action::from_name("digit"), None);
        assert_eq!(Action::NextPage.name(), "next_page");
        assert_eq!(Action::names().len(), 35);
        assert_eq!("pagedown".parse(), Ok(NamedKey::PageDown));
        assert_eq!(NamedKey::PageDown.label(), "PgDn");
        assert_eq!(NamedKey::Home.label(), "Home");
        assert_eq!(NamedKey::from_label("↓"), Some(NamedKey::Down));
        assert_eq!(NamedKey::names().len(), 12);
    }
}
