//! Entering and leaving the terminal, and making sure we always leave it.
//!
//! The mouse is left to the terminal (so text can be selected and copied)
//! unless `mouse = true`; instead yomu asks for xterm's "alternate scroll"
//! mode (DECSET 1007, saved and restored with XTSAVE/XTRESTORE), in which
//! the wheel sends arrow keys, as most terminals do on the alternate screen
//! anyway. Terminals that do not know the mode ignore it.
//!
//! Raw mode, the alternate screen, mouse capture and the line wrap turned
//! off are undone by a guard
//! on every path out: a normal quit, an error (the guard's `Drop`), a panic
//! (a hook restores before printing a short message, no backtrace), and
//! SIGTERM, SIGHUP and SIGINT (a flag the event loop polls, so the restore
//! runs on the main thread, never racing a frame being drawn).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, execute, terminal};

/// Whether the reader currently owns the terminal (raw mode, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether the reader turned mouse capture on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Alternate scroll mode on (the previous setting saved first), and back.
const ALTERNATE_SCROLL_ON: &str = "\x1b[?1007s\x1b[?1007h";
const ALTERNATE_SCROLL_RESTORE: &str = "\x1b[?1007r";

/// Put the terminal back as we found it. Safe to call more than once, and
/// a no-op when the reader never took the terminal (so a pipe stays clean).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, event::DisableMouseCapture);
    } else {
        let _ = write!(out, "{ALTERNATE_SCROLL_RESTORE}");
    }
    let _ = execute!(
        out,
        terminal::EnableLineWrap,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped.
pub struct Guard {
    _private: (),
}

impl Guard {
    /// Enter raw mode and the alternate screen; capture the mouse when
    /// `mouse` (else ask for the wheel as arrow keys).
    pub fn enter(mouse: bool) -> io::Result<Guard> {
        ACTIVE.store(true, Ordering::SeqCst);
        terminal::enable_raw_mode()?;
        let guard = Guard { _private: () };
        let mut out = io::stdout();
        execute!(
            out,
            terminal::EnterAlternateScreen,
            // A terminal that draws a cluster wider than the layout did
            // (tmux splits a skin-tone emoji in two) then clips it at the
            // right edge instead of wrapping, or scrolling the screen.
            terminal::DisableLineWrap,
            cursor::Hide
        )?;
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            execute!(out, event::EnableMouseCapture)?;
        } else {
            write!(out, "{ALTERNATE_SCROLL_ON}")?;
            out.flush()?;
        }
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restore the terminal before a panic message, and keep that message short.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // A damaged search index: contained and reported by the index.
        if crate::index::contained() {
            return;
        }
        restore();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            io::stderr(),
            "yomu: internal error: {}{place}\nThe terminal has been restored. Please report this.",
            crate::text::sanitize_line(&msg)
        );
    }));
}

/// A flag set when SIGTERM, SIGHUP or SIGINT arrives.
pub fn signal_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
    }
    flag
}

/// What stdin has to say.
pub enum Stdin {
    /// Input is waiting.
    Ready,
    /// Nothing within the timeout.
    Idle,
    /// The terminal has gone away (its window closed, tmux killed). A
    /// hung-up terminal does not always send SIGHUP to the reader (when it
    /// runs in its own process group), so this is checked directly.
    HungUp,
}

/// Wait up to `timeout` for stdin to become readable, or to hang up.
pub fn poll_stdin(timeout: std::time::Duration) -> Stdin {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd; poll only writes its `revents`.
    let n = unsafe { libc::poll(&mut fds, 1, ms) };
    if n <= 0 {
        return Stdin::Idle; // timeout, or EINTR from a signal (checked by the caller)
    }
    if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Stdin::HungUp
    } else {
        Stdin::Ready
    }
}

/// Whether a terminating signal arrived.
pub fn signalled(flag: &AtomicBool) -> bool {
    flag.load(Ordering::Relaxed)
}
