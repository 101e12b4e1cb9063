//! Compiler-quality diagnostics: `file:line:col: error: message`, the
//! offending source line with a caret under the span, and a hint.
//!
//! A [`Diagnostic`] holds everything needed to show it without the source
//! text: the line is already sanitised (no escape from a briefing reaches the
//! terminal through a message) and the caret's offset and width are display
//! widths in that sanitised line, so [`Diagnostic::render`] is plain
//! formatting.

use std::fmt;
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
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
    /// How many cells the caret covers (at least 1).
    pub span_width: usize,
    pub hint: Option<String>,
    /// Display width of the text of `source_line` before the caret.
    pub caret_offset: usize,
}

impl Diagnostic {
    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
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
        let mut out = String::new();
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        // Writing into a String cannot fail.
        let _ = writeln!(out, "{self}");
        let _ = writeln!(out, "{pad} |");
        if self.source_line.is_empty() {
            let _ = writeln!(out, "{num} |");
        } else {
            let _ = writeln!(out, "{num} | {}", self.source_line);
        }
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(self.caret_offset),
            "^".repeat(self.span_width.max(1))
        );
        if let Some(hint) = &self.hint {
            let mut lines = hint.lines();
            if let Some(first) = lines.next() {
                let _ = writeln!(out, "{pad} = hint: {first}");
            }
            for more in lines {
                let _ = writeln!(out, "{pad}         {more}");
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
            span_width: 12,
            hint: Some("remove the quotes: published = 2025-03-04".into()),
            caret_offset: 12,
        };
        assert_eq!(
            d.render(),
            "briefings/x.toml:3:13: error: `published` must be a TOML date, not a string\n  \
             |\n3 | published = \"2025-03-04\"\n  |             ^^^^^^^^^^^^\n  \
             = hint: remove the quotes: published = 2025-03-04\n"
        );
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
            span_width: 0,
            hint: Some("one\ntwo".into()),
            caret_offset: 0,
        };
        assert_eq!(
            d.render(),
            "x.toml:10:1: warning: m\n   |\n10 |\n   | ^\n   = hint: one\n           two\n"
        );
    }
}
