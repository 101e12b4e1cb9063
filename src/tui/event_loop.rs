//! The event loop: draw when something may have changed, take in the
//! background work, reload what changed on disk ([`super::watch`]), wait
//! for input (watching for a hang-up or a terminating signal), turn it
//! into an action for the app, and perform the effects the app asks for
//! (opening and copying links).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use crossterm::terminal;

use super::app::App;
use super::keys::Action;
use super::paint::Painter;
use super::screen::{Effect, Input};
use super::setup::Settings;
use super::{term, watch};
use crate::i18n::{Msg, t, tf};

/// The runtime's state around the app.
pub struct Loop {
    /// The path watched for changes (none: the built-in samples).
    watched: Option<PathBuf>,
    watch: Option<watch::Watch>,
    /// Opened on one file (never moves to the data library).
    single: bool,
    settings: Settings,
    signals: Arc<AtomicBool>,
}

impl Loop {
    pub fn new(
        path: Option<&Path>,
        single: bool,
        settings: Settings,
        signals: Arc<AtomicBool>,
    ) -> Loop {
        let watched = crate::launch::default_path(path);
        Loop {
            watch: watched.as_deref().and_then(watch::Watch::new),
            watched,
            single,
            settings,
            signals,
        }
    }

    /// Run until the app quits, a terminating signal arrives or the
    /// terminal hangs up.
    pub fn run<W: Write>(&mut self, app: &mut App, painter: &mut Painter<W>) -> io::Result<()> {
        // Drawn only when something may have changed (input, background
        // work, a reload): an idle reader does no work, whatever it shows.
        let mut dirty = true;
        while !app.quit {
            if term::signalled(&self.signals) {
                app.remember_position();
                break;
            }
            dirty |= app.poll_background();
            dirty |= self.follow_disk(app);
            if dirty {
                self.draw(app, painter)?;
                dirty = false;
            }
            let idle = Duration::from_millis(if app.busy() { 20 } else { 250 });
            let wait = self.watch.as_ref().map_or(idle, |w| w.wait(idle));
            match wait_for_event(wait, &self.signals)? {
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
            if let Some(a) = action(app, painter, event::read()?)? {
                for effect in app.update(a) {
                    app.status = Some(perform(effect, &self.settings.opener));
                }
            }
        }
        Ok(())
    }

    /// Reload after a sync or a change on disk; true when the watched
    /// path changed (a sync's reload is drawn with its summary).
    fn follow_disk(&mut self, app: &mut App) -> bool {
        if app.take_synced() {
            // Started on the built-in samples, the reader moves to the
            // data library once a sync has put something in it.
            if self.watched.is_none() && !self.single {
                self.watched = crate::launch::default_path(None);
                self.watch = self.watched.as_deref().and_then(watch::Watch::new);
            }
            if let Some(p) = &self.watched {
                reload(app, p);
            }
        }
        if self.watch.as_mut().is_some_and(watch::Watch::poll)
            && let Some(p) = &self.watched
        {
            reload(app, p);
            return true;
        }
        false
    }

    /// Draw a frame, the app told the painter's size first.
    fn draw<W: Write>(&self, app: &mut App, painter: &mut Painter<W>) -> io::Result<()> {
        // The app is told the painter's size (a resize is a message that
        // update handles) before the frame is drawn from it.
        let (w, h) = painter.size();
        if (usize::from(w), usize::from(h)) != app.size() {
            app.update(Input::Resize {
                width: usize::from(w),
                height: usize::from(h),
            });
        }
        painter.paint(app, self.settings.theme)?;
        // A folder's check starts once its list is on screen.
        app.start_background();
        Ok(())
    }
}

/// The action an input event asks for, if any (a click and a resize are
/// handled here).
fn action<W: Write>(
    app: &mut App,
    painter: &mut Painter<W>,
    ev: Event,
) -> io::Result<Option<Action>> {
    Ok(match ev {
        // `A`'s question: a typed character answers it.
        Event::Key(k) if k.kind != KeyEventKind::Release && app.confirming() => match k.code {
            event::KeyCode::Char('c') if k.modifiers.contains(event::KeyModifiers::CONTROL) => {
                Some(Action::Quit)
            }
            event::KeyCode::Char(c) => Some(Action::Insert(c)),
            _ => Some(Action::Back),
        },
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
            // The event's size may be stale after several resizes in a
            // row: the terminal is asked again.
            let (w, h) = terminal::size()?;
            if (w, h) != painter.size() {
                painter.resize(w, h);
            }
            None
        }
        _ => None,
    })
}

/// Load `path` again after it changed on disk (a folder: check its files
/// again in the background).
fn reload(app: &mut App, path: &Path) {
    if path.is_dir() {
        if app.library.folder.is_some() {
            app.recheck();
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
        Err(e) => app.reload_error = Some(tf(Msg::NotReloaded, &[&e])),
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
            Ok(()) => tf(Msg::Opened, &[&crate::text::sanitize_line(&url)]),
            Err(e) => open_error(&e),
        },
        Effect::Copy(url) => match crate::links::checked_url(&url) {
            Ok(u) => {
                let mut out = io::stdout();
                let _ = write!(out, "{}", crate::links::osc52_copy(u.as_str()));
                let _ = out.flush();
                tf(Msg::Copied, &[&u.as_str()])
            }
            Err(e) => open_error(&e),
        },
    }
}

/// Why a link was not opened, in the interface's language.
fn open_error(e: &crate::links::OpenError) -> String {
    use crate::links::OpenError;
    match e {
        OpenError::Scheme(url) => tf(Msg::OpenScheme, &[url]),
        OpenError::Invalid(url) => tf(Msg::OpenInvalid, &[url]),
        OpenError::Empty(spec) => tf(Msg::OpenEmpty, &[spec]),
        OpenError::Words { spec, .. } => tf(Msg::OpenWords, &[spec]),
        OpenError::Spawn { program, source } => {
            let why = match source.kind() {
                io::ErrorKind::NotFound => t(Msg::NotFound).to_string(),
                io::ErrorKind::PermissionDenied => t(Msg::PermissionDenied).to_string(),
                _ => source.to_string(),
            };
            tf(Msg::OpenSpawn, &[program, &why])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

    fn app() -> App {
        let lib = crate::library::from_sources(&[]);
        App::new(lib, false, crate::text::WidthOptions::default(), (80, 24))
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_and_the_wheel_become_the_keymaps_actions() {
        let mut a = app();
        let mut p = Painter::new(Vec::new(), 80, 24);
        let act =
            |a: &mut App, p: &mut Painter<Vec<u8>>, e| action(a, p, e).expect("no terminal asked");
        assert_eq!(
            act(&mut a, &mut p, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            act(&mut a, &mut p, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Back)
        );
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollUp,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(act(&mut a, &mut p, wheel), Some(Action::Up));
        assert_eq!(act(&mut a, &mut p, Event::FocusGained), None);
    }

    #[test]
    fn while_a_asks_a_typed_character_answers_it() {
        let one = "title = \"a\"\n\n[[sections]]\nheading = \"h\"\n";
        let two = "title = \"b\"\n\n[[sections]]\nheading = \"h\"\n";
        let lib = crate::library::from_sources(&[("a.toml", one), ("b.toml", two)]);
        let mut a = App::new(lib, false, crate::text::WidthOptions::default(), (80, 24));
        let _ = a.update(Action::MarkAllRead);
        assert!(a.confirming());
        let mut p = Painter::new(Vec::new(), 80, 24);
        let mut act = |e| action(&mut a, &mut p, e).expect("no terminal asked");
        assert_eq!(
            act(key(KeyCode::Char('y'), KeyModifiers::NONE)),
            Some(Action::Insert('y'))
        );
        assert_eq!(
            act(key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(
            act(key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }
}
