//! Collecting the diagnostics of one file while it is parsed and validated.
//!
//! The parser and the validator report problems by byte span; the
//! [`Reporter`] turns each into a positioned [`Diagnostic`] (building the line
//! index only when the first one arrives) and hands them back sorted by
//! position, so a file's problems read top to bottom whatever order the
//! checks ran in.
//!
//! A file can hold thousands of problems (100,000 unknown keys, half a
//! million unclosed `[`): identical diagnostics (same severity, message and
//! hint) are merged into the first, which says how many more there are, and
//! at most [`MAX_PER_FILE`] are kept, the last saying how many were left out.
//!
//! After a TOML syntax error the tree is only a best-effort recovery, so the
//! reporter is put in *recovering* mode: "missing key" errors (likely caused
//! by the broken syntax) and any other problem on a line that already has a
//! syntax error are left out.

use std::collections::BTreeSet;
use std::ops::Range;

use super::position::LineIndex;
use super::{Counts, Diagnostic, Severity};
use crate::i18n::{Msg, t, tf};

/// The most diagnostics reported for one file.
pub const MAX_PER_FILE: usize = 50;

pub struct Reporter<'a> {
    file: String,
    src: &'a str,
    index: Option<LineIndex<'a>>,
    diagnostics: Vec<Diagnostic>,
    syntax_lines: BTreeSet<usize>,
    /// Added to every span: the spans of a chunk parsed on its own
    /// (`briefing::chunked`) are relative to the chunk.
    offset: usize,
    /// Warnings are not wanted (a search, an index build): checks that
    /// can only warn are skipped ([`Reporter::quiet`]).
    quiet: bool,
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
            quiet: false,
        }
    }

    /// A reporter that drops warnings; checks that can only warn may ask
    /// [`Reporter::is_quiet`] and skip themselves.
    pub fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// Whether warnings are dropped.
    pub fn is_quiet(&self) -> bool {
        self.quiet
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
            more: Counts::default(),
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
        if self.quiet {
            return;
        }
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

    /// The diagnostics, sorted by position (stable: same-position problems
    /// keep the order they were found in), identical ones merged, at most
    /// [`MAX_PER_FILE`].
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.line, d.column));
        cap(merge_identical(self.diagnostics))
    }
}

/// Keep the first of each set of identical diagnostics (same severity,
/// message and hint), its message ending "(and N more like this)".
fn merge_identical(all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    use std::collections::HashMap;
    let mut first: HashMap<(Severity, String, Option<String>), usize> = HashMap::new();
    let mut kept: Vec<Diagnostic> = Vec::new();
    for d in all {
        let key = (d.severity, d.message.clone(), d.hint.clone());
        match first.get(&key) {
            Some(&i) => kept[i].more.add(d.counts()),
            None => {
                first.insert(key, kept.len());
                kept.push(d);
            }
        }
    }
    for d in &mut kept {
        let more = d.more.errors + d.more.warnings;
        if more > 0 {
            d.message.push_str(&tf(Msg::CliDiagMoreLikeThis, &[&more]));
        }
    }
    kept
}

/// At most [`MAX_PER_FILE`]: the last place holds a note, at the first
/// problem left out, of how many were left out (an error if any of them is).
fn cap(mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if all.len() <= MAX_PER_FILE {
        return all;
    }
    let rest = all.split_off(MAX_PER_FILE - 1);
    let mut left = Counts::default();
    for d in &rest {
        left.add(d.counts());
    }
    if let Some(mut note) = rest.into_iter().next() {
        note.severity = if left.errors > 0 {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut more = left;
        match note.severity {
            Severity::Error => more.errors -= 1,
            Severity::Warning => more.warnings -= 1,
        }
        note.more = more;
        note.message = tf(
            Msg::CliDiagCapped,
            &[
                &(left.errors + left.warnings),
                &left.errors,
                &left.warnings,
                &MAX_PER_FILE,
            ],
        );
        note.hint = Some(t(Msg::CliDiagCappedHint).into());
        all.push(note);
    }
    all
}
