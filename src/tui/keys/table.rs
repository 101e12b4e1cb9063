//! The built-in key table: every key yomu understands, in which contexts,
//! and the help screen's words for it. Data only; [`super::Keymap`] applies
//! the configuration's remapping to it.

use crossterm::event::KeyCode;

use super::{Action, Context, Key};

/// One row of the table.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub contexts: &'static [Context],
    pub help: &'static str,
}

use Context::{Library as Lib, List, Prompt, Reader as Rd};
use Key::{Char as C, Code, Ctrl};

/// Every key yomu understands.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[C('j'), Code(KeyCode::Down)],
        action: Action::Down,
        contexts: &[Lib, Rd, List],
        help: "scroll down a line / next item (mouse wheel too)",
    },
    Binding {
        keys: &[C('k'), Code(KeyCode::Up)],
        action: Action::Up,
        contexts: &[Lib, Rd, List],
        help: "scroll up a line / previous item",
    },
    Binding {
        keys: &[C(' '), Code(KeyCode::PageDown), Ctrl('f')],
        action: Action::ScreenDown,
        contexts: &[Lib, Rd, List],
        help: "scroll down a screen",
    },
    Binding {
        keys: &[C('b'), Code(KeyCode::PageUp), Ctrl('b')],
        action: Action::ScreenUp,
        contexts: &[Lib, Rd, List],
        help: "scroll up a screen",
    },
    Binding {
        keys: &[C('g'), Code(KeyCode::Home)],
        action: Action::Top,
        contexts: &[Lib, Rd, List],
        help: "top of the page",
    },
    Binding {
        keys: &[C('G'), Code(KeyCode::End)],
        action: Action::Bottom,
        contexts: &[Lib, Rd, List],
        help: "bottom of the page",
    },
    Binding {
        keys: &[C('l'), Code(KeyCode::Right), Code(KeyCode::Tab), C(']')],
        action: Action::NextPage,
        contexts: &[Rd],
        help: "next page (section)",
    },
    Binding {
        keys: &[C('h'), Code(KeyCode::Left), Code(KeyCode::BackTab), C('[')],
        action: Action::PrevPage,
        contexts: &[Rd],
        help: "previous page (section)",
    },
    Binding {
        keys: &[C('t')],
        action: Action::Toc,
        contexts: &[Rd],
        help: "table of contents",
    },
    Binding {
        keys: &[C('o')],
        action: Action::OpenSource,
        contexts: &[Rd],
        help: "open this section's first source in the browser",
    },
    Binding {
        keys: &[C('L')],
        action: Action::Links,
        contexts: &[Rd],
        help: "list every link of the briefing",
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: Action::Enter,
        contexts: &[Lib, List],
        help: "open / jump to the selected item",
    },
    Binding {
        keys: &[Key::Digits],
        action: Action::Digit(0),
        contexts: &[List],
        help: "open link number N (in the link list)",
    },
    Binding {
        keys: &[C('y')],
        action: Action::Copy,
        contexts: &[List],
        help: "copy the selected link (OSC 52)",
    },
    Binding {
        keys: &[C('v')],
        action: Action::ToggleVertical,
        contexts: &[Rd],
        help: "vertical writing (縦書き): columns right to left, on / off",
    },
    Binding {
        keys: &[C('/')],
        action: Action::Search,
        contexts: &[Lib, Rd],
        help: "search the briefing (in the library: filter by title, tags, text)",
    },
    Binding {
        keys: &[C('n')],
        action: Action::NextMatch,
        contexts: &[Rd],
        help: "next match (across pages)",
    },
    Binding {
        keys: &[C('N')],
        action: Action::PrevMatch,
        contexts: &[Rd],
        help: "previous match",
    },
    Binding {
        keys: &[Ctrl('k')],
        action: Action::ToggleKana,
        contexts: &[Prompt],
        help: "(search prompt) hiragana and katakana match each other: on / off",
    },
    Binding {
        keys: &[Key::Text],
        action: Action::Insert(' '),
        contexts: &[Prompt],
        help: "(search prompt) type the query; matches show as you type",
    },
    Binding {
        keys: &[Code(KeyCode::Backspace)],
        action: Action::DeleteBack,
        contexts: &[Prompt],
        help: "(search prompt) delete a character",
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: Action::Enter,
        contexts: &[Prompt],
        help: "(search prompt) confirm: go to the first match from here",
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        action: Action::Back,
        contexts: &[Prompt],
        help: "(search prompt) cancel: back to where you were",
    },
    Binding {
        keys: &[C('e')],
        action: Action::ShowError,
        contexts: &[Lib],
        help: "show why the selected file failed to load",
    },
    Binding {
        keys: &[C('u')],
        action: Action::ToggleRead,
        contexts: &[Lib, Rd],
        help: "mark read / unread (the briefing in the library, the section in the reader)",
    },
    Binding {
        keys: &[C('?')],
        action: Action::Help,
        contexts: &[Lib, Rd, List],
        help: "this help",
    },
    Binding {
        keys: &[C('q'), Code(KeyCode::Esc)],
        action: Action::Back,
        contexts: &[Lib, Rd, List],
        help: "back (list → highlights → reader → library → quit)",
    },
    Binding {
        keys: &[Ctrl('c')],
        action: Action::Quit,
        contexts: &[Lib, Rd, List, Prompt],
        help: "quit at once",
    },
];
