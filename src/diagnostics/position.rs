//! From byte spans (what the TOML parser gives) to what a person reads:
//! 1-based line and column (the column counts characters of the line, so a
//! line of Japanese is numbered the way an editor shows it), the offending
//! line sanitised for the terminal, and where the caret goes in it (as
//! bytes of that line, measured in cells by [`caret_cells`] when shown, at
//! the ambiguous width in use).
//!
//! The line index is built once per file, and only when a diagnostic needs
//! it, so valid files pay nothing. Very long lines are cut to a window around
//! the span so a one-line multi-megabyte file cannot make a message huge.

use std::ops::Range;

use crate::text::sanitize_line;
use crate::text::width::{WidthOptions, str_width};

/// Lines longer than this (in bytes) are shown as a window around the span.
const LONG_LINE: usize = 240;
/// Bytes of context kept before the span in a long line.
const WINDOW_BEFORE: usize = 80;
/// Bytes of the span and context kept after its start in a long line.
const WINDOW_AFTER: usize = 160;

/// Where a span is, ready for a [`super::Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub source_line: String,
    /// The span's bytes in `source_line`.
    pub caret: Range<usize>,
}

/// Cells before the caret and cells under it (at least 1) for `caret`, a
/// byte range of `line`.
pub fn caret_cells(line: &str, caret: Range<usize>, widths: WidthOptions) -> (usize, usize) {
    let cells = |r: Range<usize>| line.get(r).map_or(0, |t| str_width(t, widths));
    (cells(0..caret.start), cells(caret).max(1))
}

/// Start offsets of the lines of a source text.
#[derive(Debug)]
pub struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { src, starts }
    }

    /// Locate a byte span. Out-of-range or mid-character offsets are clamped,
    /// never a panic. A span at the very end of a file that ends with a
    /// newline points just after the last line's text.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let src = self.src;
        let mut start = floor_boundary(src, span.start.min(src.len()));
        if start == src.len() && src.ends_with('\n') {
            start -= 1;
        }
        let line_idx = self
            .starts
            .partition_point(|&s| s <= start)
            .saturating_sub(1);
        let line_start = self.starts[line_idx];
        let mut line_end = self
            .starts
            .get(line_idx + 1)
            .map_or(src.len(), |&next| next - 1);
        if src[line_start..line_end].ends_with('\r') {
            line_end -= 1;
        }
        let start = start.min(line_end);
        let end = floor_boundary(src, span.end.clamp(start, line_end));
        let column = src[line_start..start].chars().count() + 1;

        // The part of the line shown: all of it, or a window for long lines.
        let (mut from, mut to) = (line_start, line_end);
        if line_end - line_start > LONG_LINE {
            from = floor_boundary(src, start.saturating_sub(WINDOW_BEFORE).max(line_start));
            to = ceil_boundary(src, (start + WINDOW_AFTER).min(line_end));
        }
        let end = end.min(to);
        let lead = if from > line_start { "…" } else { "" };
        let tail = if to < line_end { "…" } else { "" };

        let before = format!("{lead}{}", sanitize_line(&src[from..start]));
        let through = format!("{lead}{}", sanitize_line(&src[from..end]));
        let shown = format!("{lead}{}{tail}", sanitize_line(&src[from..to]));
        let (a, z) = (
            before.len().min(shown.len()),
            through.len().min(shown.len()),
        );
        Location {
            line: line_idx + 1,
            column,
            caret: if shown.is_char_boundary(a) && shown.is_char_boundary(z) {
                a..z.max(a)
            } else {
                0..0
            },
            source_line: shown,
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cells before and under the caret, at the default width.
    fn cells(loc: &Location) -> (usize, usize) {
        caret_cells(&loc.source_line, loc.caret.clone(), WidthOptions::default())
    }

    fn at(src: &str, needle: &str) -> Location {
        let i = src.find(needle).expect("needle");
        LineIndex::new(src).locate(i..i + needle.len())
    }

    #[test]
    fn ascii_positions() {
        let src = "title = \"a\"\npublished = \"2025-03-04\"\n";
        let loc = at(src, "\"2025");
        assert_eq!((loc.line, loc.column), (2, 13));
        assert_eq!(loc.source_line, "published = \"2025-03-04\"");
        assert_eq!(cells(&loc).0, 12);
    }

    #[test]
    fn columns_count_characters_and_carets_count_cells() {
        let src = "title = \"ゼレンスキー\"\ntags = [\"外交\", 1]\n";
        let i = src.find("1]").unwrap();
        let loc = LineIndex::new(src).locate(i..i + 1);
        // `tags = ["外交", ` is 14 characters, 16 cells wide.
        assert_eq!((loc.line, loc.column), (2, 15));
        assert_eq!(cells(&loc).0, 16);
        assert_eq!(cells(&loc).1, 1);

        let loc = at(src, "\"ゼレンスキー\"");
        assert_eq!((loc.line, loc.column), (1, 9));
        assert_eq!(cells(&loc).1, 14);
    }

    #[test]
    fn tabs_and_controls_are_sanitised_before_measuring() {
        let src = "\tx = \"\u{1b}[31m\" y";
        let loc = at(src, "y");
        assert_eq!(loc.column, 14);
        assert_eq!(loc.source_line, "    x = \"␛[31m\" y");
        assert_eq!(cells(&loc).0, 16);
    }

    #[test]
    fn crlf_and_end_of_file() {
        let src = "a = 1\r\nb = \r\n";
        let loc = LineIndex::new(src).locate(src.len()..src.len());
        assert_eq!((loc.line, loc.column), (2, 5));
        assert_eq!(loc.source_line, "b = ");
        let loc = LineIndex::new("").locate(0..0);
        assert_eq!((loc.line, loc.column, cells(&loc).1), (1, 1, 1));
    }

    #[test]
    fn bad_offsets_are_clamped() {
        let src = "日本";
        let loc = LineIndex::new(src).locate(1..100);
        assert_eq!((loc.line, loc.column), (1, 1));
        assert_eq!(cells(&loc).1, 4);
    }

    #[test]
    fn spans_over_several_lines_stop_at_the_first() {
        let src = "x = \"\"\"ab\ncd\"\"\"\n";
        let loc = at(src, "\"\"\"ab\ncd\"\"\"");
        assert_eq!(cells(&loc).1, 5);
    }

    #[test]
    fn long_lines_are_windowed() {
        let src = format!("x = \"{}\" bad", "あ".repeat(2000));
        let loc = at(&src, "bad");
        assert_eq!(loc.column, 2000 + 8);
        assert!(loc.source_line.starts_with('…'));
        assert!(loc.source_line.ends_with("\" bad"));
        assert!(loc.source_line.len() < 400);
        let bad = loc.source_line.find("bad").unwrap();
        let opts = WidthOptions::default();
        assert_eq!(cells(&loc).0, str_width(&loc.source_line[..bad], opts));
        assert_eq!(cells(&loc).1, 3);
    }
}
