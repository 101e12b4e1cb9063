//! The interactive reader: library list, briefing pages, keyboard.
//!
//! Elm-style: [`keys`] maps a key to an action; [`app`] routes it (and a
//! new terminal size) to the screen that has the keys: the [`library`]
//! list, the [`reader`] (with its search), an [`overlay`], or a [`prompt`].
//! Each screen owns its state, update, drawing and key hints; [`view`]
//! draws the frame around them from `&App`. No terminal in any of those:
//! this module is the runtime that owns the terminal, feeds events in and
//! performs the effects (opening and copying links) that the update asks for.
//!
//! It also loads the configuration's keymap, theme and width into the app,
//! opens the remembered state at launch (each change is saved as it is
//! made, see [`crate::state`]), and reloads the briefing or library when
//! [`watch`] sees it change on disk.

pub mod app;
pub mod article;
pub mod draw;
pub mod job;
pub mod keys;
pub mod library;
pub mod overlay;
pub mod paint;
pub mod prompt;
pub mod reader;
pub mod screen;
pub mod style;
pub mod tate;
pub mod term;
pub mod watch;

pub use app::view;

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use crossterm::terminal;

use crate::briefing::LoadError;
use crate::config::Config;
use crate::i18n::{Msg as M, t, tf};
use crate::text::WidthOptions;
use app::App;
use keys::Action;
use paint::Painter;
use screen::{Effect, Input};
use style::Theme;

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
    let single = path.is_some_and(Path::is_file);
    // A folder is listed from its metadata cache at once and checked
    // against its files in the background; a briefing is read when opened.
    // A file or the built-in samples load up front.
    let folder = crate::launch::default_path(path).filter(|p| p.is_dir());
    let lib = match &folder {
        // A folder that cannot be listed is said before the screen is taken.
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
    let signals = term::signal_flag();
    let result = (|| -> io::Result<Result<(), String>> {
        crate::i18n::set_lang(crate::i18n::Lang::resolve(opts.settings.ui_language));
        let _guard = term::Guard::enter(opts.settings.mouse)?;
        let (width, height) = terminal::size()?;
        let mut painter = Painter::new(io::stdout(), width, height);
        let mut app = App::new(
            lib,
            single,
            opts.widths,
            (usize::from(width), usize::from(height)),
        );
        if let Some(dir) = &folder {
            // Listed a moment ago: a failure now leaves the list empty.
            let _ = app.open_folder(dir);
        }
        let settings = opts.settings;
        app.keymap = keys::Keymap::new(&settings.keys);
        let conflicts = app.keymap.warnings();
        app.max_width = settings.max_width;
        app.article.cache = crate::webpage::cache::ArticleCache::open_default(
            settings.article_cache_mb.saturating_mul(1024 * 1024),
        );
        app.reading_speed = settings.reading_speed;
        app.ruby = settings.ruby;
        app.set_vertical(settings.vertical);
        app.hanging = settings.hanging_punctuation;
        app.update(Input::Resize {
            width: usize::from(width),
            height: usize::from(height),
        });
        // Every change is saved as it is made ([`crate::state::Store`]).
        if let Some((store, state, problems)) = crate::state::Store::open_default() {
            if store.is_none()
                && let Some(db) = crate::paths::Paths::from_env().state_db()
            {
                let why = problems.last().cloned().unwrap_or_default();
                app.keeping.no_store = Some(tf(
                    M::StateNotSaved,
                    &[&crate::briefing::display_path(&db), &why],
                ));
            }
            app.set_store(store, state);
            if !problems.is_empty() {
                app.status = Some(problems.join("; "));
            }
        }
        if let Some(c) = conflicts.first() {
            let more = match conflicts.len() {
                1 => String::new(),
                n => tf(M::AndMore, &[&(n - 1)]),
            };
            app.status = Some(tf(M::ConfigProblem, &[&format!("{c}{more}")]));
        }
        let mut theme = Theme::from_config(settings.theme);
        // `--color never` is obeyed on the full screen too (NO_COLOR already is).
        if opts.no_color {
            theme.color = false;
        }
        let opener = crate::links::opener_program(settings.opener.as_deref());
        let mut watched = crate::launch::default_path(path);
        let mut watch = watched.as_deref().and_then(watch::Watch::new);
        // Drawn only when something may have changed (input, background
        // work, a reload): an idle reader does no work, whatever it shows.
        let mut dirty = true;
        while !app.quit {
            if term::signalled(&signals) {
                app.remember_position();
                break;
            }
            dirty |= app.poll_background();
            if app.take_synced() {
                // Started on the built-in samples, the reader moves to the
                // data library once a sync has put something in it.
                if watched.is_none() && !single {
                    watched = crate::launch::default_path(None);
                    watch = watched.as_deref().and_then(watch::Watch::new);
                }
                if let Some(p) = &watched {
                    reload(&mut app, p);
                }
            }
            if watch.as_mut().is_some_and(watch::Watch::poll)
                && let Some(p) = &watched
            {
                reload(&mut app, p);
                dirty = true;
            }
            if dirty {
                // The app is told the painter's size (a resize is a message
                // that update handles) before the frame is drawn from it.
                let (w, h) = painter.size();
                if (usize::from(w), usize::from(h)) != app.size() {
                    app.update(Input::Resize {
                        width: usize::from(w),
                        height: usize::from(h),
                    });
                }
                painter.paint(&app, theme)?;
                dirty = false;
                // A folder's check starts once its list is on screen.
                app.start_background();
            }
            let idle = Duration::from_millis(if app.busy() { 20 } else { 250 });
            let wait = watch.as_ref().map_or(idle, |w| w.wait(idle));
            match wait_for_event(wait, &signals)? {
                Waited::Event => {}
                Waited::Timeout => continue,
                Waited::Gone => {
                    app.remember_position();
                    break;
                }
            }
            if !event::poll(Duration::ZERO)? {
                continue;
            }
            dirty = true;
            let action = match event::read()? {
                // `A`'s question: a typed character answers it.
                Event::Key(k) if k.kind != KeyEventKind::Release && app.confirming() => {
                    match k.code {
                        event::KeyCode::Char('c')
                            if k.modifiers.contains(event::KeyModifiers::CONTROL) =>
                        {
                            Some(Action::Quit)
                        }
                        event::KeyCode::Char(c) => Some(Action::Insert(c)),
                        _ => Some(Action::Back),
                    }
                }
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if app.reader().is_some_and(|r| r.vertical) {
                        app.keymap.action_for_vertical(app.context(), &k)
                    } else {
                        app.keymap.action_for(app.context(), &k)
                    }
                }
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::ScrollDown => Some(Action::Down),
                    MouseEventKind::ScrollUp => Some(Action::Up),
                    MouseEventKind::Down(MouseButton::Left) => {
                        app.update(Input::Click {
                            x: usize::from(m.column),
                            y: usize::from(m.row),
                        });
                        None
                    }
                    _ => None,
                },
                Event::Resize(..) => {
                    // The event's size may be stale after several resizes
                    // in a row: the terminal is asked again.
                    let (w, h) = terminal::size()?;
                    if (w, h) != painter.size() {
                        painter.resize(w, h);
                    }
                    None
                }
                _ => None,
            };
            if let Some(a) = action {
                for effect in app.update(a) {
                    app.status = Some(perform(effect, &opener));
                }
            }
        }
        // A change that could not be saved is said again once the
        // terminal is back.
        Ok(match app.keeping.unsaved.take() {
            Some(e) => Err(e),
            None => Ok(()),
        })
    })();
    term::restore();
    match result {
        Ok(Ok(())) => Ok(()),
        // Said after the terminal is back, where it stays readable.
        Ok(Err(e)) => Err(RunError::Save(e)),
        Err(e) => Err(RunError::Terminal(e)),
    }
}

/// Load `path` again after it changed on disk (a folder: check its files
/// again in the background).
fn reload(app: &mut App, path: &Path) {
    if path.is_dir() {
        if app.library.folder.is_some() {
            app.rescan();
        } else if app.open_folder(path).is_ok() {
            // From the samples to a folder (a sync filled the data library).
            app.start_background();
        }
        return;
    }
    match crate::library::load_path(path) {
        Ok(lib) => app.reload(lib),
        // The file is missing for a moment while some editors save: keep
        // what is shown and say why.
        Err(e) => app.reload_error = Some(tf(M::NotReloaded, &[&e])),
    }
}

/// How waiting for input ended.
enum Waited {
    Event,
    Timeout,
    /// A terminating signal arrived or the terminal hung up.
    Gone,
}

/// Wait up to `wait` for input, in short slices, watching for a hang-up.
///
/// crossterm 0.29 spins forever inside `event::poll` once its terminal has
/// hung up (every read returns end-of-file), so stdin is polled here first
/// and crossterm is only asked when there is something to read (or, with a
/// zero timeout, for a resize).
fn wait_for_event(wait: Duration, signals: &std::sync::atomic::AtomicBool) -> io::Result<Waited> {
    let deadline = std::time::Instant::now() + wait;
    loop {
        if term::signalled(signals) {
            return Ok(Waited::Gone);
        }
        // Events crossterm has already read (a burst of typed text) or a
        // resize come first; a hung-up terminal is ruled out before asking it.
        match term::poll_stdin(Duration::ZERO) {
            term::Stdin::HungUp => return Ok(Waited::Gone),
            term::Stdin::Ready => return Ok(Waited::Event),
            term::Stdin::Idle if event::poll(Duration::ZERO)? => return Ok(Waited::Event),
            term::Stdin::Idle => {}
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Ok(Waited::Timeout);
        }
        match term::poll_stdin(left.min(Duration::from_millis(50))) {
            term::Stdin::HungUp => return Ok(Waited::Gone),
            term::Stdin::Ready => return Ok(Waited::Event),
            term::Stdin::Idle => {}
        }
    }
}

/// Run an effect; the message for the status bar.
fn perform(effect: Effect, opener: &str) -> String {
    match effect {
        Effect::Open(url) => match crate::links::open(&url, opener) {
            Ok(()) => tf(M::Opened, &[&crate::text::sanitize_line(&url)]),
            Err(e) => open_error(&e),
        },
        Effect::Copy(url) => match crate::links::checked_url(&url) {
            Ok(u) => {
                let mut out = io::stdout();
                let _ = write!(out, "{}", crate::links::osc52_copy(u.as_str()));
                let _ = out.flush();
                tf(M::Copied, &[&u.as_str()])
            }
            Err(e) => open_error(&e),
        },
    }
}

/// Why a link was not opened, in the interface's language.
fn open_error(e: &crate::links::OpenError) -> String {
    use crate::links::OpenError;
    match e {
        OpenError::Scheme(url) => tf(M::OpenScheme, &[url]),
        OpenError::Invalid(url) => tf(M::OpenInvalid, &[url]),
        OpenError::Empty(spec) => tf(M::OpenEmpty, &[spec]),
        OpenError::Words { spec, .. } => tf(M::OpenWords, &[spec]),
        OpenError::Spawn { program, source } => {
            let why = match source.kind() {
                io::ErrorKind::NotFound => t(M::NotFound).to_string(),
                io::ErrorKind::PermissionDenied => t(M::PermissionDenied).to_string(),
                _ => source.to_string(),
            };
            tf(M::OpenSpawn, &[program, &why])
        }
    }
}
