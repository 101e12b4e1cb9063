//! The plain reader (`yomu --plain PATH`, and `yomu PATH` when `TERM` is
//! `dumb` or unset):
//! the text export, in reading order, paged the way `less` or `more` would,
//! without taking over the screen. For screen readers, braille displays and
//! terminals that cannot draw a full screen: every line is written once, in
//! order, and nothing is redrawn.
//!
//! The pager is `$PAGER` when set (split into words as a shell would, with
//! `shell-words`, but run without a shell),
//! else `less` on a capable terminal. As git does, the pager gets
//! `LESS=FRX` unless `$LESS` is set: `-F` quits at once when the text fits
//! on one screen, `-R` passes the colours through, `-X` keeps the text in
//! the terminal's scrollback instead of drawing on the alternate screen.
//! On a dumb terminal, or when no pager can be started, a built-in one
//! writes a screenful at a time and waits at a one-line prompt (Enter:
//! the next screen; q and Enter: stop).

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::{CliError, CliResult, GlobalOpts};

/// The prompt of the built-in pager.
pub const PROMPT: &str = "-- more (Enter: next screen; q, Enter: stop) --";

/// Whether `yomu PATH` reads plainly: `--plain`, or `TERM` is `dumb` or
/// unset (a terminal that cannot draw the full-screen reader).
pub fn wanted(g: &GlobalOpts) -> bool {
    g.plain || !super::output::term_can_draw()
}

/// The width and height to page for: the terminal's size when known, else
/// the `COLUMNS`/`LINES` a shell exports, else 80x24.
fn screen() -> (usize, usize) {
    if let Ok((w, h)) = crossterm::terminal::size()
        && w > 0
        && h > 0
    {
        return (usize::from(w), usize::from(h));
    }
    let var = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
    };
    (var("COLUMNS").unwrap_or(80), var("LINES").unwrap_or(24))
}

/// `yomu --plain [PATH]`.
pub fn run(path: Option<&Path>, g: &GlobalOpts) -> CliResult {
    let lib = super::output::source(path)?;
    let (cols, rows) = screen();
    let width = cols.min(g.settings.max_width).max(1);
    let color = g.color.stdout();
    let dumb = !super::output::term_can_draw();
    if !io::stdout().is_terminal() {
        return super::output::emit_to(&lib, width, color, g, &mut io::stdout().lock());
    }
    if let Some(mut child) = pager(dumb) {
        let code = match child.stdin.take() {
            Some(mut stdin) => super::output::emit_to(&lib, width, color, g, &mut stdin),
            None => Err(CliError::Io("the pager takes no input".into())),
        };
        // The pager ends when the reader quits it.
        return match child.wait() {
            Ok(_) => code,
            Err(e) => Err(CliError::Io(crate::i18n::tf(
                crate::i18n::Msg::CliPagerFailed,
                &[&e],
            ))),
        };
    }
    let stdin = io::stdin();
    let mut more = More::new(stdin.lock(), io::stdout().lock(), rows);
    let code = super::output::emit_to(&lib, width, color, g, &mut more);
    let _ = more.out.flush();
    code
}

/// `$PAGER`, else `less` (not on a dumb terminal), started with its
/// input piped and `LESS=FRX` unless `$LESS` is set; `None` when there is
/// none to start.
fn pager(dumb: bool) -> Option<std::process::Child> {
    let configured = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
    let words: Vec<String> = match &configured {
        // Quoted words as a shell splits them (`less -R -P "yomu %f"`); a
        // value that cannot be split (an open quote) starts no pager.
        Some(p) => shell_words::split(p).ok()?,
        None if dumb => return None,
        None => vec!["less".into()],
    };
    let (program, args) = words.split_first()?;
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", DEFAULT_LESS);
    }
    cmd.spawn().ok()
}

/// `$LESS` for the pager when it is not set, as git sets it.
pub const DEFAULT_LESS: &str = "FRX";

/// The built-in pager: passes text through, and after each screenful
/// (the height less one line, for the prompt) asks before going on.
/// Answering `q` (or closing the input) ends the output as a closed pipe
/// does: the writer gets `BrokenPipe`, which the command treats as a
/// normal end.
pub struct More<R, W> {
    input: R,
    pub out: W,
    /// Lines per screen before the prompt.
    page: usize,
    /// Lines written since the last prompt.
    lines: usize,
    stopped: bool,
}

impl<R: BufRead, W: Write> More<R, W> {
    pub fn new(input: R, out: W, rows: usize) -> Self {
        More {
            input,
            out,
            page: rows.saturating_sub(1).max(1),
            lines: 0,
            stopped: false,
        }
    }

    /// Show the prompt and wait for an answer; whether to go on.
    fn ask(&mut self) -> io::Result<bool> {
        write!(self.out, "{PROMPT}")?;
        self.out.flush()?;
        let mut answer = String::new();
        let n = self.input.read_line(&mut answer)?;
        let go_on = n > 0 && !answer.trim().eq_ignore_ascii_case("q");
        if !go_on {
            writeln!(self.out)?;
        }
        Ok(go_on)
    }
}

impl<R: BufRead, W: Write> Write for More<R, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.stopped {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let mut rest = buf;
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            if self.lines == self.page {
                if !self.ask()? {
                    self.stopped = true;
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
                self.lines = 0;
            }
            self.out.write_all(&rest[..=nl])?;
            self.lines += 1;
            rest = &rest[nl + 1..];
        }
        if !rest.is_empty() {
            if self.lines == self.page {
                if !self.ask()? {
                    self.stopped = true;
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
                self.lines = 0;
            }
            self.out.write_all(rest)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_through(text: &str, rows: usize, answers: &str) -> (String, io::Result<()>) {
        let mut out = Vec::new();
        let result = {
            let mut more = More::new(answers.as_bytes(), &mut out, rows);
            more.write_all(text.as_bytes())
        };
        (String::from_utf8(out).expect("utf-8"), result)
    }

    #[test]
    fn a_screenful_then_the_prompt() {
        let text: String = (1..=7).map(|i| format!("{i}\n")).collect();
        let (out, result) = page_through(&text, 4, "\n\n");
        assert!(result.is_ok());
        assert_eq!(out, format!("1\n2\n3\n{PROMPT}4\n5\n6\n{PROMPT}7\n"));
    }

    #[test]
    fn q_stops_like_a_closed_pipe() {
        let text: String = (1..=7).map(|i| format!("{i}\n")).collect();
        let (out, result) = page_through(&text, 3, "q\n");
        assert_eq!(out, format!("1\n2\n{PROMPT}\n"));
        assert_eq!(result.map_err(|e| e.kind()), Err(io::ErrorKind::BrokenPipe));
        // End of input stops too.
        let (_, result) = page_through(&text, 3, "");
        assert!(result.is_err());
    }

    #[test]
    fn short_text_needs_no_prompt() {
        let (out, result) = page_through("a\nb", 24, "");
        assert!(result.is_ok());
        assert_eq!(out, "a\nb");
    }
}
