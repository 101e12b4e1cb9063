//! When the command line prints in colour, as rustc and ripgrep decide it:
//! `--color always|never` is obeyed as written; `--color auto` (the default)
//! colours a stream only when it is a terminal (not `TERM=dumb`), unless
//! `NO_COLOR` is set (no colour), `CLICOLOR_FORCE` is set (colour even into
//! a pipe) or `CLICOLOR=0` (no colour). The environment rules are
//! `anstream`'s, the same code clap uses for its own help.
//!
//! The styles themselves are plain `anstyle` values: the core renders with
//! them ([`crate::briefing::diagnostic::DiagnosticStyles`], the text export's
//! role styles), and they write nothing when colour is off.

use std::io;

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};
use clap::ValueEnum;

/// `--color`: when to print in colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR or CLICOLOR=0 says otherwise (CLICOLOR_FORCE: always).
    #[default]
    Auto,
    /// Always, also into pipes and files (`| less -R`).
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Whether to colour stdout.
    pub fn stdout(self) -> bool {
        self.resolve(|| AutoStream::choice(&io::stdout()))
    }

    /// Whether to colour stderr.
    pub fn stderr(self) -> bool {
        self.resolve(|| AutoStream::choice(&io::stderr()))
    }

    fn resolve(self, auto: impl FnOnce() -> ColorChoice) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => !matches!(auto(), ColorChoice::Never),
        }
    }
}

/// Styles of `yomu search` lines, ripgrep's: the file name magenta, the
/// section green, the match bold red.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchStyles {
    pub path: Style,
    pub place: Style,
    pub matched: Style,
}

impl SearchStyles {
    /// The coloured styles when `on`, else styles that write nothing.
    pub fn new(on: bool) -> Self {
        if !on {
            return SearchStyles::default();
        }
        SearchStyles {
            path: Style::new().fg_color(Some(AnsiColor::Magenta.into())),
            place: Style::new().fg_color(Some(AnsiColor::Green.into())),
            matched: Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        }
    }
}

/// `text` between the codes of `style` (nothing added for a plain style).
pub fn paint(style: Style, text: &str) -> String {
    if style == Style::new() {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_choices_win_over_the_environment() {
        assert!(ColorWhen::Always.resolve(|| ColorChoice::Never));
        assert!(!ColorWhen::Never.resolve(|| ColorChoice::Always));
        assert!(ColorWhen::Auto.resolve(|| ColorChoice::Always));
        assert!(!ColorWhen::Auto.resolve(|| ColorChoice::Never));
    }

    #[test]
    fn plain_styles_write_nothing() {
        assert_eq!(paint(Style::new(), "x"), "x");
        let s = SearchStyles::new(true);
        assert_eq!(paint(s.matched, "x"), "\u{1b}[1m\u{1b}[31mx\u{1b}[0m");
    }
}
