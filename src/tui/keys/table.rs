//! The built-in key table: every key yomu understands, in which contexts,
//! and the help screen's words for it. Data only; [`super::Keymap`] applies
//! the configuration's remapping to it.

use crossterm::event::KeyCode;

use super::{Action, Context, Key};
use crate::i18n::Msg;

/// One row of the table.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub contexts: &'static [Context],
    pub help: Msg,
}

use Context::{Library as Lib, List, Prompt, Reader as Rd};
use Key::{Char as C, Code, Ctrl};

/// Every key yomu understands.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[C('j'), Code(KeyCode::Down)],
        action: Action::Down,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpDown,
    },
    Binding {
        keys: &[C('k'), Code(KeyCode::Up)],
        action: Action::Up,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpUp,
    },
    Binding {
        keys: &[C(' '), Code(KeyCode::PageDown), Ctrl('f')],
        action: Action::ScreenDown,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpScreenDown,
    },
    Binding {
        keys: &[C('b'), Code(KeyCode::PageUp), Ctrl('b')],
        action: Action::ScreenUp,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpScreenUp,
    },
    Binding {
        keys: &[C('g'), Code(KeyCode::Home)],
        action: Action::Top,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpTop,
    },
    Binding {
        keys: &[C('G'), Code(KeyCode::End)],
        action: Action::Bottom,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpBottom,
    },
    Binding {
        keys: &[C('l'), Code(KeyCode::Right), Code(KeyCode::Tab), C(']')],
        action: Action::NextPage,
        contexts: &[Rd],
        help: Msg::HelpNextPage,
    },
    Binding {
        keys: &[C('h'), Code(KeyCode::Left), Code(KeyCode::BackTab), C('[')],
        action: Action::PrevPage,
        contexts: &[Rd],
        help: Msg::HelpPrevPage,
    },
    Binding {
        keys: &[C('t')],
        action: Action::Toc,
        contexts: &[Rd],
        help: Msg::HelpToc,
    },
    Binding {
        keys: &[C('o')],
        action: Action::OpenSource,
        contexts: &[Rd],
        help: Msg::HelpOpenSource,
    },
    Binding {
        keys: &[C('a')],
        action: Action::ReadArticle,
        contexts: &[Rd, List],
        help: Msg::HelpReadArticle,
    },
    Binding {
        keys: &[C('L')],
        action: Action::Links,
        contexts: &[Rd],
        help: Msg::HelpLinks,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: Action::Enter,
        contexts: &[Lib, List],
        help: Msg::HelpEnter,
    },
    Binding {
        keys: &[Key::Digits],
        action: Action::Digit(0),
        contexts: &[List],
        help: Msg::HelpDigit,
    },
    Binding {
        keys: &[C('y')],
        action: Action::Copy,
        contexts: &[List],
        help: Msg::HelpCopy,
    },
    Binding {
        keys: &[C('v')],
        action: Action::ToggleVertical,
        contexts: &[Rd],
        help: Msg::HelpVertical,
    },
    Binding {
        keys: &[C('/')],
        action: Action::Search,
        contexts: &[Lib, Rd],
        help: Msg::HelpSearch,
    },
    Binding {
        keys: &[C('\\')],
        action: Action::SearchBack,
        contexts: &[Rd],
        help: Msg::HelpSearchBack,
    },
    Binding {
        keys: &[C('n')],
        action: Action::NextMatch,
        contexts: &[Rd],
        help: Msg::HelpNextMatch,
    },
    Binding {
        keys: &[C('N')],
        action: Action::PrevMatch,
        contexts: &[Rd],
        help: Msg::HelpPrevMatch,
    },
    Binding {
        keys: &[Ctrl('k')],
        action: Action::ToggleKana,
        contexts: &[Prompt],
        help: Msg::HelpToggleKana,
    },
    Binding {
        keys: &[Key::Text],
        action: Action::Insert(' '),
        contexts: &[Prompt],
        help: Msg::HelpInsert,
    },
    Binding {
        keys: &[Code(KeyCode::Backspace)],
        action: Action::DeleteBack,
        contexts: &[Prompt],
        help: Msg::HelpDeleteBack,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: Action::Enter,
        contexts: &[Prompt],
        help: Msg::HelpPromptEnter,
    },
    Binding {
        keys: &[Code(KeyCode::Up)],
        action: Action::HistoryBack,
        contexts: &[Prompt],
        help: Msg::HelpPromptHistory,
    },
    Binding {
        keys: &[Code(KeyCode::Down)],
        action: Action::HistoryForward,
        contexts: &[Prompt],
        help: Msg::HelpPromptHistoryForward,
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        action: Action::Back,
        contexts: &[Prompt],
        help: Msg::HelpPromptEsc,
    },
    Binding {
        keys: &[C('e')],
        action: Action::ShowError,
        contexts: &[Lib, Rd],
        help: Msg::HelpShowError,
    },
    Binding {
        keys: &[C('u')],
        action: Action::ToggleRead,
        contexts: &[Lib, Rd],
        help: Msg::HelpToggleRead,
    },
    Binding {
        keys: &[C('U')],
        action: Action::NextUnread,
        contexts: &[Lib, Rd],
        help: Msg::HelpNextUnread,
    },
    Binding {
        keys: &[C('A')],
        action: Action::MarkAllRead,
        contexts: &[Lib],
        help: Msg::HelpMarkAllRead,
    },
    Binding {
        keys: &[C('Z')],
        action: Action::UndoMarkAll,
        contexts: &[Lib],
        help: Msg::HelpUndoMarkAll,
    },
    Binding {
        keys: &[C('r')],
        action: Action::Sync,
        contexts: &[Lib],
        help: Msg::HelpSync,
    },
    Binding {
        keys: &[C('R')],
        action: Action::SyncAll,
        contexts: &[Lib],
        help: Msg::HelpSyncAll,
    },
    Binding {
        keys: &[C('F')],
        action: Action::FeedList,
        contexts: &[Lib],
        help: Msg::HelpFeedList,
    },
    Binding {
        keys: &[C('*')],
        action: Action::Gaiji,
        contexts: &[Rd],
        help: Msg::HelpGaiji,
    },
    Binding {
        keys: &[C('?')],
        action: Action::Help,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpHelp,
    },
    Binding {
        keys: &[C('q'), Code(KeyCode::Esc)],
        action: Action::Back,
        contexts: &[Lib, Rd, List],
        help: Msg::HelpBack,
    },
    Binding {
        keys: &[Ctrl('c')],
        action: Action::Quit,
        contexts: &[Lib, Rd, List, Prompt],
        help: Msg::HelpQuit,
    },
];
