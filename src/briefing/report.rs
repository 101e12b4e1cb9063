//! Collecting the diagnostics of one file while it is parsed and validated.
//!
//! The parser and the validator report problems by byte span; the
//! [`Reporter`] turns each into a positioned [`Diagnostic`] (building the line
//! index only when the first one arrives) and hands them back sorted by
//! position, so a file's problems read top to bottom whatever order the
//! checks ran in.
//!
//! After a TOML syntax error the tree is only a best-effort recovery, so the
//! reporter is put in *recovering* mode: "missing key" errors (likely caused
//! by the broken syntax) and any other problem on a line that already has a
//! syntax error are left out.

use std::collections::BTreeSet;
use std::ops::Range;

use super::diagnostic::{Diagnostic, Severity};
use super::position::LineIndex;

pub struct Reporter<'a> {
    file: String,
    src: &'a str,
    index: Option<LineIndex<'a>>,
    diagnostics: Vec<Diagnostic>,
    syntax_lines: BTreeSet<usize>,
    /// Added to every span: the spans of a chunk parsed on its own
    /// ([`super::chunked`]) are relative to the chunk.
    offset: usize,
}

impl<'a> Reporter<'a> {
    /// `file` is the name shown in messages (sanitised here).
    pub fn new(file: &str, src: &'a str) -> Self {
        Reporter {
            file: crate::text::sanitize_line(file).into_owned(),
            src,
            index: None,
            diagnostics: Vec::new(),
            syntax_lines: BTreeSet::new(),
            offset: 0,
        }
    }

    fn diagnostic(
        &mut self,
        severity: Severity,
        span: Range<usize>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let src = self.src;
        let span = span.start + self.offset..span.end + self.offset;
        let loc = self
            .index
            .get_or_insert_with(|| LineIndex::new(src))
            .locate(span);
        Diagnostic {
            severity,
            file: self.file.clone(),
            line: loc.line,
            column: loc.column,
            message,
            source_line: loc.source_line,
            hint,
            caret: loc.caret,
        }
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, message: String, hint: String) {
        let d = self.diagnostic(severity, span, message, Some(hint));
        if !self.syntax_lines.contains(&d.line) {
            self.diagnostics.push(d);
        }
    }

    /// A TOML syntax error: always reported; validation problems on the
    /// same line are dropped from then on.
    pub fn syntax_error(&mut self, span: Range<usize>, message: String, hint: String) {
        let d = self.diagnostic(Severity::Error, span, message, Some(hint));
        self.syntax_lines.insert(d.line);
        self.diagnostics.push(d);
    }

    pub fn error(&mut self, span: Range<usize>, message: String, hint: String) {
        self.push(Severity::Error, span, message, hint);
    }

    pub fn warning(&mut self, span: Range<usize>, message: String, hint: String) {
        self.push(Severity::Warning, span, message, hint);
    }

    /// A required key or section is missing: an error, unless the file has
    /// syntax errors (then the key was probably lost in the recovery).
    pub fn missing(&mut self, span: Range<usize>, message: String, hint: String) {
        if self.syntax_lines.is_empty() {
            self.error(span, message, hint);
        }
    }

    /// The source text (BOM already stripped) the spans point into.
    pub fn source(&self) -> &'a str {
        self.src
    }

    /// Spans reported from now on are relative to byte `offset` of the source.
    pub fn set_offset(&mut self, offset: usize) {
        self.offset = offset;
    }

    /// Take over the diagnostics another reporter of the same file collected.
    pub fn absorb(&mut self, other: Reporter<'_>) {
        self.diagnostics.extend(other.diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every diagnostic, sorted by position (stable: same-position problems
    /// keep the order they were found in).
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.line, d.column));
        self.diagnostics
    }
}
