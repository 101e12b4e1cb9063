//! Vertical writing (縦書き): a page laid out as columns read top to bottom,
//! ordered right to left, on a fixed grid.
//!
//! A terminal cannot rotate glyphs, so each row of a column is a cell pair
//! (two cells wide) holding one upright unit: a wide character; one or two
//! halfwidth digits side by side (tate-chū-yoko), or one fullwidth digit of
//! a longer number; one Latin letter; an emoji. Punctuation and brackets use
//! the vertical presentation forms Unicode has for them (U+FE10–FE19,
//! U+FE30–FE4F; `ー` `―` as `︱`), so `、。` sit at the top right of their
//! cell and brackets open downwards; small kana stay as they are.
//!
//! The source is a page laid out horizontally without a width limit (one
//! line per paragraph, markers and roles as the reader has them, see
//! [`layout::layout_page_joined`]), so every field comes through the same
//! sanitising and furigana handling (readings inline, bases never broken). Each line
//! is cut into columns of at most `height` rows by the rules of
//! [`mod@crate::text::wrap`], turned sideways: UAX #14 opportunities, kinsoku
//! (no column starts with `、。」ー` or small kana, none ends with `「`),
//! `……` kept together, spaces trimmed at a break; a column is cut anywhere
//! only where no legal break exists. A blank line is an empty column.
//! Columns after the first of a paragraph start below its marker. Every
//! cell remembers where its text came from (line and cell column of the
//! horizontal page), so search highlights and links map over.

use std::io::{self, Write};

use crate::briefing::Briefing;
use crate::layout::{self, LayoutOptions, Line, Page, Role, RubyMode, STAND_IN, Target};
use crate::text::width::{Graphemes, WidthOptions};
use crate::text::wrap::{no_end, no_start};

/// The horizontal width the source page is laid out at: wide enough that
/// a paragraph is one line.
pub const SOURCE_WIDTH: usize = 1 << 30;

/// Cells between two columns.
pub const GAP: usize = 1;
/// Cells a column takes.
pub const COLUMN: usize = 2;

/// One row of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What is drawn in the cell pair (empty for a space).
    pub text: String,
    /// Its width in cells (0 to 2).
    pub width: usize,
    /// The source text this row stands for.
    pub source: String,
    pub role: Role,
    pub link: Option<usize>,
    /// Where the source sits in the horizontal page: line and first cell.
    pub line: usize,
    pub col: usize,
    /// Cells the source takes in the horizontal line.
    pub source_width: usize,
}

/// One column, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Column {
    /// Empty rows above the first cell (continuation under a marker).
    pub top: usize,
    pub cells: Vec<Cell>,
    /// The horizontal line this column comes from.
    pub line: usize,
    /// Cut where no legal break existed (kinsoku could not hold).
    pub forced: bool,
}

impl Column {
    /// Rows used, the top margin included.
    pub fn height(&self) -> usize {
        self.top + self.cells.len()
    }
}

/// A page in columns, first column first (drawn at the right).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VPage {
    pub height: usize,
    pub columns: Vec<Column>,
}

/// How many columns fit in `width` cells.
pub fn columns_in(width: usize) -> usize {
    ((width + GAP) / (COLUMN + GAP)).max(1)
}

/// The vertical presentation form of a character, if it has one.
pub fn vertical_form(c: char) -> Option<char> {
    Some(match c {
        '，' | ',' => '\u{FE10}',
        '、' | '､' => '\u{FE11}',
        '。' | '｡' => '\u{FE12}',
        '：' => '\u{FE13}',
        '；' => '\u{FE14}',
        '！' => '\u{FE15}',
        '？' => '\u{FE16}',
        '〖' => '\u{FE17}',
        '〗' => '\u{FE18}',
        '…' => '\u{FE19}',
        '‥' => '\u{FE30}',
        'ー' | 'ｰ' | '―' | '—' | '─' => '\u{FE31}',
        '–' => '\u{FE32}',
        '（' | '(' => '\u{FE35}',
        '）' | ')' => '\u{FE36}',
        '｛' | '{' => '\u{FE37}',
        '｝' | '}' => '\u{FE38}',
        '〔' => '\u{FE39}',
        '〕' => '\u{FE3A}',
        '【' => '\u{FE3B}',
        '】' => '\u{FE3C}',
        '《' => '\u{FE3D}',
        '》' => '\u{FE3E}',
        '〈' => '\u{FE3F}',
        '〉' => '\u{FE40}',
        '「' | '｢' => '\u{FE41}',
        '」' | '｣' => '\u{FE42}',
        '『' => '\u{FE43}',
        '』' => '\u{FE44}',
        '［' | '[' => '\u{FE47}',
        '］' | ']' => '\u{FE48}',
        _ => return None,
    })
}

/// A unit being built: one row.
struct Unit {
    /// Byte range in the line's text.
    start: usize,
    end: usize,
    draw: String,
    width: usize,
    space: bool,
    role: Role,
    link: Option<usize>,
    col: usize,
    source_width: usize,
    allowed: bool,
}

/// Lay out a horizontally laid-out page (see [`SOURCE_WIDTH`]) as columns
/// of at most `height` rows (clamped to at least 1).
pub fn layout_page(page: &Page, height: usize, widths: WidthOptions) -> VPage {
    let height = height.max(1);
    let mut out = VPage {
        height,
        columns: Vec::new(),
    };
    let mut marker_rows = 0;
    for (i, line) in page.lines.iter().enumerate() {
        if line.spans.is_empty() {
            out.columns.push(Column {
                line: i,
                ..Column::default()
            });
            continue;
        }
        let (text, units) = units(line, widths);
        let has_marker = line.spans.first().is_some_and(|s| s.role == Role::Marker);
        if has_marker {
            let end = line.spans[0].text.len();
            marker_rows = units.iter().take_while(|u| u.start < end).count();
        }
        let indent = if has_marker || line.indent == 0 {
            0
        } else {
            marker_rows
        };
        let rest_top = if has_marker { marker_rows } else { indent };
        let rest_top = if rest_top * 2 > height { 0 } else { rest_top };
        fill(
            &text,
            units,
            i,
            height,
            indent.min(rest_top),
            rest_top,
            &mut out.columns,
        );
    }
    out
}

/// The units (rows) of a line, in order, with their break opportunities.
fn units(line: &Line, widths: WidthOptions) -> (String, Vec<Unit>) {
    let mut text = String::new();
    let mut us: Vec<Unit> = Vec::new();
    let mut col = line.indent;
    for sp in &line.spans {
        let base = text.len();
        text.push_str(&sp.text);
        let cs: Vec<(usize, &str, usize)> = Graphemes::new(&sp.text, widths).collect();
        // `(start, end, drawn, drawn width, source width)` in the span.
        let mut push = |start: usize, end: usize, draw: String, width: usize, sw: usize| {
            us.push(Unit {
                start: base + start,
                end: base + end,
                space: matches!(&sp.text[start..end], " " | "\u{3000}"),
                draw,
                width,
                role: sp.role,
                link: sp.link,
                col,
                source_width: sw,
                allowed: false,
            });
            col += sw;
        };
        let mut k = 0;
        while k < cs.len() {
            let (at, g, w) = cs[k];
            if g == "\u{2060}" {
                // A word joiner (inside a base with furigana): no row, no break.
                k += 1;
                continue;
            }
            let digits = cs[k..]
                .iter()
                .take_while(|(_, g, _)| g.len() == 1 && g.as_bytes()[0].is_ascii_digit())
                .count();
            if digits == 2 {
                // Tate-chū-yoko: both digits across one cell pair.
                push(at, at + 2, sp.text[at..at + 2].to_string(), 2, 2);
                k += 2;
                continue;
            }
            if digits > 0 {
                // One digit, or each of a longer number: fullwidth, upright.
                for &(at, g, _) in &cs[k..k + digits] {
                    let d = u32::from(g.as_bytes()[0] - b'0');
                    let wide = char::from_u32(0xFF10 + d).unwrap_or('０');
                    push(at, at + 1, wide.to_string(), 2, 1);
                }
                k += digits;
                continue;
            }
            let mut chars = g.chars();
            let (draw, dw) = match (chars.next(), chars.next()) {
                (Some(' ' | '\u{3000}'), None) => (String::new(), 0),
                (Some(c), None) => match vertical_form(c) {
                    Some(v) => (v.to_string(), 2),
                    None if w > COLUMN => (STAND_IN.to_string(), 1),
                    None => (g.to_string(), w),
                },
                _ if w > COLUMN => (STAND_IN.to_string(), 1),
                _ => (g.to_string(), w),
            };
            push(at, at + g.len(), draw, dw, w);
            k += 1;
        }
    }
    breaks(&text, &mut us);
    (text, us)
}

/// Where a column may end: UAX #14 opportunities at unit boundaries, less
/// those kinsoku forbids (looking past spaces, as a break trims them).
fn breaks(text: &str, us: &mut [Unit]) {
    let mut k = 0;
    for (pos, _) in unicode_linebreak::linebreaks(text) {
        while k < us.len() && us[k].start < pos {
            k += 1;
        }
        if k < us.len() && k > 0 && us[k].start == pos {
            us[k].allowed = true;
        }
    }
    let first = |u: &Unit| text[u.start..u.end].chars().find(|c| !is_space(*c));
    let last = |u: &Unit| text[u.start..u.end].chars().rev().find(|c| !is_space(*c));
    for k in 1..us.len() {
        if !us[k].allowed {
            continue;
        }
        let prev = us[..k].iter().rev().find_map(last);
        let next = us[k..].iter().find_map(first);
        let pair = matches!((prev, next), (Some(p), Some(n)) if p == n && matches!(p, '…' | '‥' | '—' | '―'));
        if next.is_some_and(no_start) || prev.is_some_and(no_end) || pair {
            us[k].allowed = false;
        }
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Cut one line's units into columns: `first_top` empty rows above the
/// first, `rest_top` above the others.
fn fill(
    text: &str,
    us: Vec<Unit>,
    line: usize,
    height: usize,
    first_top: usize,
    rest_top: usize,
    out: &mut Vec<Column>,
) {
    let n = us.len();
    let mut start = 0;
    let mut top = first_top;
    let mut forced = false;
    let mut first = true;
    loop {
        if !first {
            while start < n && us[start].space {
                start += 1;
            }
        }
        if start >= n && !first {
            return;
        }
        let avail = height.saturating_sub(top).max(1);
        let (end, next_forced) = if n - start <= avail {
            (n, false)
        } else {
            match (start + 1..=start + avail).rev().find(|&b| us[b].allowed) {
                Some(b) => (b, false),
                None => (start + avail, true),
            }
        };
        let mut stop = end;
        while stop > start && us[stop - 1].space {
            stop -= 1;
        }
        out.push(Column {
            top,
            cells: us[start..stop]
                .iter()
                .map(|u| cell(text, u, line))
                .collect(),
            line,
            forced,
        });
        if end >= n {
            return;
        }
        forced = next_forced;
        start = end;
        top = rest_top;
        first = false;
    }
}

fn cell(text: &str, u: &Unit, line: usize) -> Cell {
    Cell {
        text: u.draw.clone(),
        width: u.width,
        source: text[u.start..u.end].to_string(),
        role: u.role,
        link: u.link,
        line,
        col: u.col,
        source_width: u.source_width,
    }
}

/// The columns of screen `screen` (0 = the first `per_screen` columns).
pub fn screen(page: &VPage, per_screen: usize, screen: usize) -> &[Column] {
    let per = per_screen.max(1);
    let from = (screen * per).min(page.columns.len());
    &page.columns[from..(from + per).min(page.columns.len())]
}

/// Number of screens of `per_screen` columns (at least 1).
pub fn screens(page: &VPage, per_screen: usize) -> usize {
    page.columns.len().div_ceil(per_screen.max(1)).max(1)
}

/// Columns as rows of text `width` cells wide, the first column at the
/// right edge, `height` rows: what a terminal shows (trailing spaces cut).
pub fn rows(columns: &[Column], height: usize, width: usize) -> Vec<String> {
    let n = columns.len();
    let used = (n * (COLUMN + GAP)).saturating_sub(GAP);
    let left = width.saturating_sub(used);
    (0..height)
        .map(|y| {
            let mut row = " ".repeat(left);
            for (k, c) in columns.iter().enumerate().rev() {
                let cell = y.checked_sub(c.top).and_then(|r| c.cells.get(r));
                match cell {
                    Some(cell) if cell.width > 0 => {
                        row.push_str(&cell.text);
                        row.push_str(&" ".repeat(COLUMN.saturating_sub(cell.width)));
                    }
                    _ => row.push_str("  "),
                }
                if k > 0 {
                    row.push(' ');
                }
            }
            row.truncate(row.trim_end().len());
            row
        })
        .collect()
}

/// How to print vertical pages.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    /// Rows per screen (at least 1).
    pub height: usize,
    /// Cells per row: `(width + 1) / 3` columns per screen.
    pub width: usize,
    pub widths: WidthOptions,
}

/// The horizontal layout a vertical page is made from.
pub fn source_options(widths: WidthOptions, ruby: RubyMode, target: Target) -> LayoutOptions {
    LayoutOptions {
        width: SOURCE_WIDTH,
        widths,
        target,
        ruby: match ruby {
            RubyMode::Off => RubyMode::Off,
            _ => RubyMode::Inline,
        },
        // Columns are cut from these lines, not from the grid's edge.
        hanging: false,
        reading_speed: None,
    }
}

/// Write a briefing as vertical pages: each page in screens of `height`
/// rows, the first column at the right edge of `width` cells; a blank line
/// between screens, a rule between pages.
pub fn write_briefing(b: &Briefing, opts: PrintOptions, out: &mut dyn Write) -> io::Result<()> {
    let lo = source_options(opts.widths, RubyMode::Inline, Target::Export);
    let per = columns_in(opts.width);
    let rule = "-".repeat(opts.width.clamp(1, 40));
    for p in 0..layout::page_count(b) {
        if p > 0 {
            writeln!(out, "\n{rule}\n")?;
        }
        let vp = layout_page(
            &layout::layout_page_joined(b, p, lo),
            opts.height,
            opts.widths,
        );
        for s in 0..screens(&vp, per) {
            if s > 0 {
                writeln!(out)?;
            }
            for row in rows(screen(&vp, per, s), vp.height, opts.width) {
                writeln!(out, "{row}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Span;

    fn page_of(texts: &[&str]) -> Page {
        Page {
            kind: crate::layout::PageKind::Cover,
            lines: texts
                .iter()
                .map(|t| Line {
                    spans: if t.is_empty() {
                        Vec::new()
                    } else {
                        vec![Span {
                            text: t.to_string(),
                            role: Role::Body,
                            link: None,
                        }]
                    },
                    ..Line::default()
                })
                .collect(),
        }
    }

    fn shown(texts: &[&str], h: usize, w: usize) -> Vec<String> {
        let vp = layout_page(&page_of(texts), h, WidthOptions::default());
        rows(&vp.columns, h, w)
    }

    #[test]
    fn columns_right_to_left_with_vertical_forms() {
        assert_eq!(
            shown(&["「日本語」です。", "", "ゼレンスキー、来日"], 5, 14),
            [
                "キ ゼ    で ﹁",
                "︱ レ    す 日",
                "︑ ン    ︒ 本",
                "来 ス       語",
                "日          ﹂",
            ]
        );
    }

    #[test]
    fn digits_latin_and_emoji_upright() {
        // 2025 is one fullwidth digit per row; 12 shares a cell pair, a
        // lone digit is fullwidth; Latin letters stand one per row and a
        // space is a blank row. `、` may not start a column: 日 goes with it.
        assert_eq!(
            shown(&["2025年12月3日、G7 ok👍"], 9, 5),
            [
                "日 ２", "︑ ０", "G  ２", "７ ５", "   年", "o  12", "k  月", "👍 ３", "",
            ]
        );
    }
}
