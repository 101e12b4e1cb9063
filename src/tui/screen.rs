//! What the screens, overlays and prompts speak to the router: the
//! [`Input`] they are handed (an action, a new terminal size, a click),
//! the [`Outcome`] they answer with, the [`Effect`]s the runtime performs,
//! and the movement rules every list and page shares ([`moved`],
//! [`scrolled`]).
//!
//! This module sits below the router (the `app` module): a screen imports
//! it, never the router, so a screen can be read, changed and tested on its
//! own, and the router is the only place that knows every screen (as
//! helix's compositor knows its components and no component knows it).

use super::keys::Action;
use super::overlay::Overlay;
use crate::i18n::{Msg, t};

/// A side effect for the runtime to perform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Open(String),
    Copy(String),
}

/// What the router's update takes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A key's (or the mouse wheel's) action.
    Action(Action),
    /// The terminal is now this many cells wide and high.
    Resize { width: usize, height: usize },
    /// A left click at this cell (`mouse = true`): selects the row of the
    /// library or of a list overlay under it.
    Click { x: usize, y: usize },
}

impl From<Action> for Input {
    fn from(a: Action) -> Input {
        Input::Action(a)
    }
}

/// What a screen, prompt or overlay asks of the router after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing more.
    Stay,
    /// Say this in the status bar.
    Status(String),
    /// Open this overlay.
    Overlay(Overlay),
    /// Run this side effect.
    Effect(Effect),
    /// Open the selected briefing.
    Open,
    /// Close the reader (back to the list).
    Close,
    /// `u`: mark the briefing or section read or unread.
    ToggleRead,
    /// `a`: read the article at this address inside yomu.
    ReadArticle(String),
    Quit,
}

impl Outcome {
    /// Say `msg` (in the interface's language) in the status bar.
    pub fn status(msg: Msg) -> Outcome {
        Outcome::Status(t(msg).into())
    }
}

/// A selection moved by a movement action within `n` items.
pub fn moved(sel: usize, a: Action, n: usize, height: usize) -> usize {
    let last = n.saturating_sub(1);
    let screen = height.saturating_sub(1).max(1);
    match a {
        Action::Down => (sel + 1).min(last),
        Action::Up => sel.saturating_sub(1),
        Action::ScreenDown => (sel + screen).min(last),
        Action::ScreenUp => sel.saturating_sub(screen),
        Action::Top => 0,
        Action::Bottom => last,
        _ => sel,
    }
}

/// A scroll offset moved by a movement action (the view clamps it).
pub fn scrolled(s: usize, a: Action, height: usize) -> usize {
    moved(s, a, usize::MAX / 2, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_moves_within_the_list_and_stops_at_its_ends() {
        assert_eq!(moved(0, Action::Up, 5, 10), 0);
        assert_eq!(moved(0, Action::Down, 5, 10), 1);
        assert_eq!(moved(4, Action::Down, 5, 10), 4);
        assert_eq!(moved(1, Action::ScreenDown, 50, 10), 10);
        assert_eq!(moved(3, Action::ScreenDown, 5, 10), 4);
        assert_eq!(moved(3, Action::Bottom, 5, 10), 4);
        assert_eq!(moved(3, Action::Top, 5, 10), 0);
        assert_eq!(moved(3, Action::Bottom, 0, 10), 0);
        assert_eq!(moved(2, Action::Help, 5, 10), 2);
    }

    #[test]
    fn a_scroll_moves_without_an_end_of_its_own() {
        assert_eq!(scrolled(0, Action::Bottom, 10), usize::MAX / 2 - 1);
        assert_eq!(scrolled(5, Action::ScreenUp, 3), 3);
    }

    #[test]
    fn no_screen_overlay_or_drawing_file_imports_the_router() {
        // Every file of the reader but the router (`app.rs`, `app/`) and
        // the runtime above it (`mod.rs`, `event_loop.rs`, `setup.rs`);
        // this file imports only `keys` and `overlay`, as its head shows.
        let files = [
            ("draw.rs", include_str!("draw.rs")),
            ("job.rs", include_str!("job.rs")),
            ("keys/mod.rs", include_str!("keys/mod.rs")),
            ("keys/table.rs", include_str!("keys/table.rs")),
            (
                "library/file_filter.rs",
                include_str!("library/file_filter.rs"),
            ),
            ("library/filter.rs", include_str!("library/filter.rs")),
            ("library/folder.rs", include_str!("library/folder.rs")),
            ("library/index.rs", include_str!("library/index.rs")),
            ("library/mod.rs", include_str!("library/mod.rs")),
            ("library/model.rs", include_str!("library/model.rs")),
            ("library/view.rs", include_str!("library/view.rs")),
            ("library/work.rs", include_str!("library/work.rs")),
            ("overlay/help.rs", include_str!("overlay/help.rs")),
            ("overlay/links.rs", include_str!("overlay/links.rs")),
            ("overlay/mod.rs", include_str!("overlay/mod.rs")),
            ("paint.rs", include_str!("paint.rs")),
            ("prompt.rs", include_str!("prompt.rs")),
            ("reader.rs", include_str!("reader.rs")),
            ("reader/columns.rs", include_str!("reader/columns.rs")),
            ("reader/draw.rs", include_str!("reader/draw.rs")),
            (
                "reader/draw_columns.rs",
                include_str!("reader/draw_columns.rs"),
            ),
            ("reader/find.rs", include_str!("reader/find.rs")),
            ("style.rs", include_str!("style.rs")),
            ("term.rs", include_str!("term.rs")),
            ("watch.rs", include_str!("watch.rs")),
        ];
        for (name, text) in files {
            for line in text.lines().map(str::trim_start) {
                let code = !line.starts_with("//");
                assert!(
                    !(code && (line.contains("app::") || line.contains("super::app"))),
                    "{name} reaches into the router: {line}"
                );
            }
        }
    }
}
