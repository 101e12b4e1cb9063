//! The interactive reader: library list, briefing pages, keyboard.
//!
//! Elm-style: [`keys`] maps a key to an action; [`app`] routes it (and a
//! new terminal size) to the screen that has the keys: the [`library`]
//! list, the [`reader`] (with its search), an [`overlay`], or a [`prompt`].
//! Each screen owns its state, update, drawing and key hints, and speaks
//! to the router in the vocabulary of [`screen`], drawing with [`draw`];
//! no screen imports the router. [`view`] draws the frame around them from
//! `&App`; work off the screen's thread is a [`job`]. No terminal in any of
//! those: this module is the runtime that owns the terminal (its parts:
//! [`term`], [`paint`], the event loop, and the setup that carries the
//! configuration's keymap, theme and widths into the app).
//!
//! [`run`] opens the path, takes the terminal, opens the remembered state
//! (each change is saved as it is made, see [`crate::state`]) and runs the
//! event loop, which reloads the briefing or library when [`watch`] sees it
//! change on disk and performs the effects (opening and copying links)
//! that the update asks for.

pub mod app;
pub mod article;
pub mod draw;
mod event_loop;
pub mod feeds;
pub mod job;
pub mod keys;
pub mod library;
pub mod overlay;
pub mod paint;
pub mod prompt;
pub mod reader;
pub mod screen;
mod setup;
pub mod style;
pub mod term;
pub mod watch;

pub use app::view;

use std::io;
use std::path::{Path, PathBuf};

use crossterm::terminal;

use crate::briefing::LoadError;
use crate::config::Config;
use crate::i18n::{Msg, tf};
use crate::text::WidthOptions;
use app::App;
use paint::Painter;

/// What the reader is started with, besides the path.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The configuration (keys, theme, widths, opener).
    pub settings: &'a Config,
    /// How wide ambiguous characters are.
    pub widths: WidthOptions,
    /// No colours, whatever the terminal (`--color never`).
    pub no_color: bool,
}

/// Why the reader stopped short.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The path could not be opened.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Terminal(#[from] io::Error),
    /// The reading state could not be saved at the end.
    #[error("{0}")]
    Save(String),
}

/// Run the reader on `path` (or the default library).
pub fn run(path: Option<&Path>, opts: Options<'_>) -> Result<(), RunError> {
    let opening = Opening::of(path)?;
    let (single, signals) = (opening.single, term::signal_flag());
    let result = (|| -> io::Result<Option<String>> {
        crate::i18n::set_lang(crate::i18n::Lang::resolve(opts.settings.ui_language));
        let _guard = term::Guard::enter(opts.settings.mouse)?;
        let (width, height) = terminal::size()?;
        let mut painter = Painter::new(io::stdout(), width, height);
        let mut app = opening.app(opts.widths, (usize::from(width), usize::from(height)));
        let config = opts.settings;
        let settings = setup::apply(&mut app, opts);
        app.article.cache = crate::webpage::cache::ArticleCache::open_default(
            config.article_cache_mb.saturating_mul(1024 * 1024),
        );
        open_store(&mut app);
        // The feed list (if it was the list shown last), `sync_every` and
        // `notify_command`.
        app.configure_feeds(config);
        setup::say_conflicts(&mut app);
        let mut looping = event_loop::Loop::new(path, single, settings, signals);
        looping.run(&mut app, &mut painter)?;
        // A change that could not be saved is said again once the
        // terminal is back.
        Ok(app.keeping.unsaved.take())
    })();
    term::restore();
    match result {
        Ok(None) => Ok(()),
        // Said after the terminal is back, where it stays readable.
        Ok(Some(e)) => Err(RunError::Save(e)),
        Err(e) => Err(RunError::Terminal(e)),
    }
}

/// What the reader opens: a folder (listed from its metadata cache at once
/// and checked against its files in the background, a briefing read when
/// opened), or a file or the built-in samples, loaded up front.
struct Opening {
    folder: Option<PathBuf>,
    lib: crate::library::Library,
    /// Opened on one file: leaving the reader quits.
    single: bool,
}

impl Opening {
    /// What `path` opens; a folder that cannot be listed is said before
    /// the screen is taken.
    fn of(path: Option<&Path>) -> Result<Opening, RunError> {
        let single = path.is_some_and(Path::is_file);
        let folder = crate::launch::default_path(path).filter(|p| p.is_dir());
        let lib = match &folder {
            Some(dir) => match std::fs::read_dir(dir) {
                Ok(_) => crate::library::Library::default(),
                Err(source) => {
                    return Err(RunError::Load(LoadError::Io {
                        path: crate::briefing::display_path(dir),
                        source,
                    }));
                }
            },
            None => crate::launch::load(path)?,
        };
        Ok(Opening {
            folder,
            lib,
            single,
        })
    }

    /// The app on it, at a terminal `size` cells large.
    fn app(self, widths: WidthOptions, size: (usize, usize)) -> App {
        let mut app = App::new(self.lib, self.single, widths, size);
        if let Some(dir) = &self.folder {
            // Listed a moment ago: a failure now leaves the list empty.
            let _ = app.open_folder(dir);
        }
        app
    }
}

/// Open the remembered state (every change is then saved as it is made,
/// [`crate::state::Store`]); say why it cannot be saved, if it cannot.
fn open_store(app: &mut App) {
    let Some((store, state, problems)) = crate::state::Store::open_default() else {
        return;
    };
    if store.is_none()
        && let Some(db) = crate::paths::Paths::from_env().state_db()
    {
        let why = problems.last().cloned().unwrap_or_default();
        app.keeping.no_store = Some(tf(
            Msg::StateNotSaved,
            &[&crate::briefing::display_path(&db), &why],
        ));
    }
    app.set_store(store, state);
    if !problems.is_empty() {
        app.status = Some(problems.join("; "));
    }
}
