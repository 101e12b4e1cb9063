//! Compiler-quality diagnostics: `file:line:col: error: message`, the
//! offending source line with a caret under the span, and a hint. Both the
//! briefing loader and the configuration report through this module: the
//! [`report::Reporter`] turns byte spans into positioned diagnostics
//! ([`position`]), [`suggest`] offers "did you mean", [`kind`] names a TOML
//! value in a message.
//!
//! A [`Diagnostic`] holds everything needed to show it without the source
//! text: the line is already sanitised (no escape from a briefing reaches the
//! terminal through a message) and the caret is a byte range of that line,
//! measured in cells when rendered ([`Diagnostic::render_with`] takes the
//! ambiguous width in use). [`Diagnostic::render_styled`] adds rustc's
//! colours ([`DiagnosticStyles`]) when the command line asks for them.
//!
//! Every word of a diagnostic (the labels, the messages, the hints) comes
//! from the interface's catalogue ([`crate::i18n`]), so `yomu check` speaks
//! the locale's language like the rest of the command line; a message is
//! built in the language current when its problem is found.

pub mod position;
pub mod report;
pub mod suggest;
pub mod toml11;

use std::fmt;
use std::fmt::Write as _;

use toml::de::DeValue;

use crate::i18n::{Msg, t};
use crate::text::width::{WidthOptions, str_width};
use position::caret_cells;

pub use crate::fsutil::display_path;

/// "a string", "an integer", ...: what a TOML value is, for messages.
pub fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => t(Msg::CliKindString),
        DeValue::Integer(_) => t(Msg::CliKindInteger),
        DeValue::Float(_) => t(Msg::CliKindFloat),
        DeValue::Boolean(_) => t(Msg::CliKindBoolean),
        DeValue::Datetime(d) => match (d.date, d.time) {
            (Some(_), None) => t(Msg::CliKindDate),
            (None, Some(_)) => t(Msg::CliKindTime),
            _ => t(Msg::CliKindDateTime),
        },
        DeValue::Array(a) if !a.is_empty() && a.iter().all(|v| v.get_ref().is_table()) => {
            t(Msg::CliKindArrayOfTables)
        }
        DeValue::Array(_) => t(Msg::CliKindArray),
        DeValue::Table(_) => t(Msg::CliKindTable),
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning` (`エラー` or `警告`), as printed.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => t(Msg::CliDiagError),
            Severity::Warning => t(Msg::CliDiagWarning),
        }
    }
}

/// The colours of a rendered diagnostic, rustc's: the label bold red
/// (error) or yellow (warning), the message bold, the file and position
/// bold, the gutter bold blue, the caret in the label's colour, the hint's
/// label bold cyan. [`Default`] is plain (writes no escape codes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiagnosticStyles {
    pub error: anstyle::Style,
    pub warning: anstyle::Style,
    pub message: anstyle::Style,
    pub location: anstyle::Style,
    pub gutter: anstyle::Style,
    pub hint: anstyle::Style,
}

impl DiagnosticStyles {
    /// The coloured styles.
    pub fn colored() -> Self {
        use anstyle::{AnsiColor, Style};
        let bold = Style::new().bold();
        let fg = |c: AnsiColor| bold.fg_color(Some(c.into()));
        DiagnosticStyles {
            error: fg(AnsiColor::Red),
            warning: fg(AnsiColor::Yellow),
            message: bold,
            location: bold,
            gutter: fg(AnsiColor::Blue),
            hint: fg(AnsiColor::Cyan),
        }
    }

    /// The style of a severity's label and caret.
    pub fn severity(&self, s: Severity) -> anstyle::Style {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }
}

/// `text` in `style` (nothing added for a plain style).
fn paint(style: anstyle::Style, text: &str) -> String {
    if style == anstyle::Style::new() {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}

/// One problem in one file, with its position (1-based line and column;
/// the column counts characters, not bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending line, sanitised for the terminal (long lines are cut
    /// to a window around the span, marked with `…`).
    pub source_line: String,
    /// The bytes of `source_line` the caret points at (empty: one cell).
    pub caret: std::ops::Range<usize>,
    pub hint: Option<String>,
    /// Errors and warnings this one stands for besides itself: identical
    /// problems merged into it, or (the last of a file's capped list) the
    /// problems left out. Counted by `yomu check`'s summary.
    pub more: Counts,
}

/// How many errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    /// One diagnostic of `severity`.
    pub fn one(severity: Severity) -> Counts {
        match severity {
            Severity::Error => Counts {
                errors: 1,
                warnings: 0,
            },
            Severity::Warning => Counts {
                errors: 0,
                warnings: 1,
            },
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

impl Diagnostic {
    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The errors and warnings this diagnostic stands for, itself included.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::one(self.severity);
        c.add(self.more);
        c
    }

    /// The full compiler-style text, ending with a newline:
    ///
    /// ```text
    /// briefings/x.toml:3:13: error: `published` must be a TOML date, not a string
    ///   |
    /// 3 | published = "2025-03-04"
    ///   |             ^^^^^^^^^^^^
    ///   = hint: remove the quotes: published = 2025-03-04
    /// ```
    pub fn render(&self) -> String {
        self.render_with(WidthOptions::default())
    }

    /// [`Diagnostic::render`], with the caret placed for terminals that draw
    /// East Asian Ambiguous characters as `widths` says.
    pub fn render_with(&self, widths: WidthOptions) -> String {
        self.render_styled(widths, &DiagnosticStyles::default())
    }

    /// [`Diagnostic::render_with`] in the colours of `styles`.
    pub fn render_styled(&self, widths: WidthOptions, styles: &DiagnosticStyles) -> String {
        let mut out = String::new();
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        let bar = paint(styles.gutter, "|");
        let level = styles.severity(self.severity);
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "{}{}{}",
            paint(
                styles.location,
                &format!("{}:{}:{}:", self.file, self.line, self.column)
            ),
            paint(level, &format!(" {}", self.severity.label())),
            paint(styles.message, &format!(": {}", self.message)),
        );
        let _ = writeln!(out, "{pad} {bar}");
        let gutter = paint(styles.gutter, &format!("{num} |"));
        if self.source_line.is_empty() {
            let _ = writeln!(out, "{gutter}");
        } else {
            let _ = writeln!(out, "{gutter} {}", self.source_line);
        }
        let (before, under) = caret_cells(&self.source_line, self.caret.clone(), widths);
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(before),
            paint(level, &"^".repeat(under))
        );
        if let Some(hint) = &self.hint {
            let label = format!("= {}:", t(Msg::CliDiagHint));
            let indent = " ".repeat(str_width(&label, WidthOptions::default()) + 1);
            let mut lines = hint.lines();
            if let Some(first) = lines.next() {
                let _ = writeln!(out, "{pad} {} {first}", paint(styles.hint, &label));
            }
            for more in lines {
                let _ = writeln!(out, "{pad} {indent}{more}");
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file,
            self.line,
            self.column,
            self.severity.label(),
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: "briefings/x.toml".into(),
            line: 3,
            column: 13,
            message: "`published` must be a TOML date, not a string".into(),
            source_line: "published = \"2025-03-04\"".into(),
            caret: 12..24,
            hint: Some("remove the quotes: published = 2025-03-04".into()),
            more: Counts::default(),
        };
        assert_eq!(
            d.render(),
            "briefings/x.toml:3:13: error: `published` must be a TOML date, not a string\n  \
             |\n3 | published = \"2025-03-04\"\n  |             ^^^^^^^^^^^^\n  \
             = hint: remove the quotes: published = 2025-03-04\n"
        );
    }

    #[test]
    fn carets_follow_the_ambiguous_width() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: "x.toml".into(),
            line: 1,
            column: 10,
            message: "m".into(),
            source_line: "t = \"※…\" x".into(),
            caret: 12..13,
            hint: None,
            more: Counts::default(),
        };
        // `t = "※…"` is 8 cells before the caret, 10 when ※ and … are wide.
        let caret = |n: usize| format!("\n  | {}^\n", " ".repeat(n));
        assert!(d.render().contains(&caret(8)), "{}", d.render());
        let wide = WidthOptions {
            ambiguous_wide: true,
        };
        assert!(
            d.render_with(wide).contains(&caret(10)),
            "{}",
            d.render_with(wide)
        );
    }

    #[test]
    fn colours_wrap_labels_carets_and_the_gutter() {
        let d = Diagnostic {
            severity: Severity::Warning,
            file: "x.toml".into(),
            line: 2,
            column: 3,
            message: "m".into(),
            source_line: "ab c".into(),
            caret: 3..4,
            hint: Some("h".into()),
            more: Counts::default(),
        };
        let s = DiagnosticStyles::colored();
        let text = d.render_styled(WidthOptions::default(), &s);
        let yellow = s.warning.render().to_string();
        assert!(text.contains(&format!("{yellow} warning")), "{text:?}");
        assert!(text.contains(&format!("{yellow}^\u{1b}[0m")), "{text:?}");
        assert!(text.contains(&format!("{}= hint:", s.hint.render())));
        // Without the codes it is the plain rendering, byte for byte.
        let stripped: String = anstream::adapter::strip_str(&text).to_string();
        assert_eq!(stripped, d.render());
    }

    #[test]
    fn multi_line_hints_are_indented() {
        let d = Diagnostic {
            severity: Severity::Warning,
            file: "x.toml".into(),
            line: 10,
            column: 1,
            message: "m".into(),
            source_line: String::new(),
            caret: 0..0,
            hint: Some("one\ntwo".into()),
            more: Counts::default(),
        };
        assert_eq!(
            d.render(),
            "x.toml:10:1: warning: m\n   |\n10 |\n   | ^\n   = hint: one\n           two\n"
        );
    }
}
