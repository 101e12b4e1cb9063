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

mod forms;
mod print;

use crate::layout::{self, Line, Page, Role, STAND_IN};
use crate::text::width::{Graphemes, WidthOptions};
use crate::text::wrap::{no_end, no_start};
pub use forms::vertical_form;
use forms::{digit_of, paired_marks};
pub use print::{PrintOptions, rows, rows_lane, screen, screens, source_options, write_briefing};

/// The horizontal width the source page is laid out at: wide enough that
/// a paragraph is one line.
pub const SOURCE_WIDTH: usize = 1 << 30;

/// Cells between two columns.
pub const GAP: usize = 1;
/// Cells a column takes.
pub const COLUMN: usize = 2;
/// Cells of the reading lane on the right of each column (side ruby).
pub const LANE: usize = 2;

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
    /// The reading lane beside it (side ruby): `(row, drawn text)` from the
    /// top of the column area, in order.
    pub lane: Vec<(usize, String)>,
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
    /// Each column has a reading lane on its right ([`LANE`] cells).
    pub lane: bool,
}

/// How many columns fit in `width` cells.
pub fn columns_in(width: usize) -> usize {
    ((width + GAP) / (COLUMN + GAP)).max(1)
}

/// Cells from one column's start to the next: with the lane, when there is one.
pub fn pitch(lane: bool) -> usize {
    COLUMN + GAP + if lane { LANE } else { 0 }
}

/// How many columns (with their lanes, when `lane`) fit in `width` cells.
pub fn columns_in_lane(width: usize, lane: bool) -> usize {
    ((width + GAP) / pitch(lane)).max(1)
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
    /// On the first unit of a base with side ruby: the reading, the units
    /// of the base (its spacing included) and how many rows the reading
    /// starts above it (overhanging kana).
    ruby: Option<(String, usize, usize)>,
}

/// Lay out a horizontally laid-out page (see [`SOURCE_WIDTH`]) as columns
/// of at most `height` rows (clamped to at least 1).
pub fn layout_page(page: &Page, height: usize, widths: WidthOptions) -> VPage {
    layout_page_lane(page, height, widths, false)
}

/// [`layout_page`]; with `lane`, readings (laid out with
/// [`crate::layout::RubyMode::Side`]) go in a lane on the right of each column, beside
/// their base, instead of after it in brackets.
pub fn layout_page_lane(page: &Page, height: usize, widths: WidthOptions, lane: bool) -> VPage {
    let height = height.max(1);
    let mut out = VPage {
        height,
        columns: Vec::new(),
        lane,
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
        let (text, units) = units(line, widths, lane);
        let has_marker = line.spans.first().is_some_and(|s| s.role == Role::Marker);
        if has_marker {
            let end = line.spans[0].text.len();
            marker_rows = units.iter().take_while(|u| u.start < end).count();
        }
        // A paragraph moved in by an indent note (not a continuation under a
        // marker, nor a source's URL): rows from the top of the column, or
        // for 地付き and 字上げ (laid out flush with the end of the very
        // wide source line) up against the bottom.
        let noted = !has_marker
            && line.indent > 0
            && line
                .spans
                .first()
                .is_some_and(|s| s.role != Role::Url && s.role != Role::Ruby);
        if noted {
            let rows = units.len();
            let (first_top, rest_top) = if line.indent > SOURCE_WIDTH / 2 {
                let short = SOURCE_WIDTH.saturating_sub(line.width) / 2;
                (height.saturating_sub(rows + short), 0)
            } else {
                let top = line.indent / COLUMN;
                let top = if top * 2 > height { 0 } else { top };
                (top, top)
            };
            fill(
                &text,
                units,
                i,
                height,
                first_top,
                rest_top,
                &mut out.columns,
            );
            continue;
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
fn units(line: &Line, widths: WidthOptions, lane: bool) -> (String, Vec<Unit>) {
    let mut text = String::new();
    let mut us: Vec<Unit> = Vec::new();
    let mut col = line.indent;
    // The first unit of the run glued by joiners that ends at the last unit.
    let mut run_start = 0;
    let mut after_joiner = false;
    for sp in &line.spans {
        let base = text.len();
        text.push_str(&sp.text);
        let cs: Vec<(usize, &str, usize)> = Graphemes::new(&sp.text, widths).collect();
        let mut k = 0;
        while k < cs.len() {
            let (at, g, w) = cs[k];
            if g == "\u{2060}" {
                // Side ruby: `⁠（reading）` after a base goes in the lane.
                if lane && let Some((reading, next)) = side_reading(&cs, k) {
                    let n = us.len() - run_start;
                    if n > 0 {
                        us[run_start].ruby = Some((reading, n, 0));
                        // Its source cells stay counted (search maps over them).
                        col += cs[k + 1..next].iter().map(|c| c.2).sum::<usize>();
                        k = next;
                        continue;
                    }
                }
                // A word joiner (inside a base with furigana): no row, no break.
                after_joiner = true;
                k += 1;
                continue;
            }
            if !after_joiner {
                run_start = us.len();
            }
            after_joiner = false;
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
                    ruby: None,
                });
                col += sw;
            };
            let digits = cs[k..]
                .iter()
                .take_while(|(_, g, _)| digit_of(g).is_some())
                .count();
            if digits == 2 {
                // Tate-chū-yoko: both digits (halfwidth or fullwidth) across
                // one cell pair.
                let (end, sw) = (cs[k + 1].0 + cs[k + 1].1.len(), w + cs[k + 1].2);
                let pair: String = cs[k..k + 2]
                    .iter()
                    .filter_map(|c| digit_of(c.1).map(char::from))
                    .collect();
                push(at, end, pair, 2, sw);
                k += 2;
                continue;
            }
            if digits > 0 {
                // One digit, or each of a longer number: fullwidth, upright.
                for &(at, g, gw) in &cs[k..k + digits] {
                    let d = u32::from(digit_of(g).unwrap_or(b'0') - b'0');
                    let wide = char::from_u32(0xFF10 + d).unwrap_or('０');
                    push(at, at + g.len(), wide.to_string(), 2, gw);
                }
                k += digits;
                continue;
            }
            // A decimal point between digits: a middle dot, centred in its row.
            let between_digits = k > 0
                && digit_of(cs[k - 1].1).is_some()
                && cs.get(k + 1).is_some_and(|c| digit_of(c.1).is_some());
            if between_digits && (g == "." || g == "．") {
                push(at, at + g.len(), "・".to_string(), 2, w);
                k += 1;
                continue;
            }
            // A slash between digits (the page number `1/3`): turned with them.
            if between_digits && g == "/" {
                push(at, at + g.len(), "＼".to_string(), 2, w);
                k += 1;
                continue;
            }
            // `!?`, `！？`: one row.
            if let Some(&(_, g2, w2)) = cs.get(k + 1) {
                let (mut a, mut b) = (g.chars(), g2.chars());
                if let (Some(x), None, Some(y), None) = (a.next(), a.next(), b.next(), b.next())
                    && let Some(p) = paired_marks(x, y)
                {
                    let p = p.to_string();
                    let pw = crate::text::width::str_width(&p, widths).clamp(1, COLUMN);
                    push(at, at + g.len() + g2.len(), p, pw, w + w2);
                    k += 2;
                    continue;
                }
            }
            let mut chars = g.chars();
            let (draw, dw) = match (chars.next(), chars.next()) {
                (Some(' ' | '\u{3000}'), None) => (String::new(), 0),
                (Some(c), None) => match vertical_form(c) {
                    Some(v) => {
                        let v = v.to_string();
                        let vw = crate::text::width::str_width(&v, widths).clamp(1, COLUMN);
                        (v, vw)
                    }
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
    let mut us = if lane { spaced(&text, us) } else { us };
    breaks(&text, &mut us);
    (text, us)
}

/// The reading of `⁠（かんじ）` starting at the joiner `cs[k]` of a span's
/// text, and the index after its `）`: kana, `ー`, `・` or emphasis marks.
fn side_reading(cs: &[(usize, &str, usize)], k: usize) -> Option<(String, usize)> {
    let open = cs.get(k + 1)?;
    if open.1 != "（" {
        return None;
    }
    let mut reading = String::new();
    for (j, &(_, g, _)) in cs.iter().enumerate().skip(k + 2) {
        if g == "）" {
            return (!reading.is_empty()).then_some((reading, j + 1));
        }
        let mut chars = g.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None)
                if crate::text::ruby::is_reading_char(c) || crate::text::notes::is_mark(c) =>
            {
                reading.push(c)
            }
            _ => return None,
        }
        if reading.chars().count() > crate::text::ruby::MAX_MARKS {
            return None;
        }
    }
    None
}

/// Kana a reading may overhang (JLReq 3.3.8: not kanji, not another base).
fn overhangable(text: &str, u: &Unit) -> bool {
    u.ruby.is_none()
        && text[u.start..u.end]
            .chars()
            .all(|c| matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A1}'..='\u{30FF}'))
        && u.end > u.start
}

/// Bases with a reading longer than themselves: the reading overhangs the
/// kana next to it by up to one row each side, and the base is spaced out
/// with empty rows for the rest, so readings never run into each other.
fn spaced(text: &str, us: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(us.len());
    let mut k = 0;
    while k < us.len() {
        let Some((reading, n, _)) = us[k].ruby.clone() else {
            out.push(unit_clone(&us[k]));
            k += 1;
            continue;
        };
        let n = n.min(us.len() - k);
        let m = reading.chars().count();
        let excess = m.saturating_sub(n);
        let before_need = excess / 2;
        let after_need = excess - before_need;
        let ob = usize::from(out.last().is_some_and(|u| overhangable(text, u)));
        let oa = usize::from(us.get(k + n).is_some_and(|u| overhangable(text, u)));
        let (over_b, over_a) = (before_need.min(ob), after_need.min(oa));
        let (pad_b, pad_a) = (before_need - over_b, after_need - over_a);
        let pad = |u: &Unit| Unit {
            end: u.start,
            draw: String::new(),
            width: 0,
            space: false,
            source_width: 0,
            ruby: None,
            ..unit_clone(u)
        };
        let first = &us[k];
        for _ in 0..pad_b {
            out.push(pad(first));
        }
        let group = out.len();
        for u in &us[k..k + n] {
            out.push(unit_clone(u));
        }
        let last = &us[k + n - 1];
        for _ in 0..pad_a {
            out.push(pad(last));
        }
        let g = pad_b + n + pad_a;
        let start = group - pad_b;
        out[group].ruby = None;
        out[start].ruby = Some((reading, g, over_b));
        k += n;
    }
    out
}

fn unit_clone(u: &Unit) -> Unit {
    Unit {
        start: u.start,
        end: u.end,
        draw: u.draw.clone(),
        width: u.width,
        space: u.space,
        role: u.role,
        link: u.link,
        col: u.col,
        source_width: u.source_width,
        allowed: u.allowed,
        ruby: u.ruby.clone(),
    }
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
            lane: lane_of(&us[start..stop], top, height),
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

/// The reading lane of a column of `us` starting at row `top`: each
/// reading centred beside its base (starting higher when it overhangs),
/// after the one before, within the column's `height` rows.
fn lane_of(us: &[Unit], top: usize, height: usize) -> Vec<(usize, String)> {
    let mut lane = Vec::new();
    let mut free = 0;
    for (i, u) in us.iter().enumerate() {
        let Some((reading, g, over)) = &u.ruby else {
            continue;
        };
        let m = reading.chars().count();
        let rows = (*g).min(us.len() - i);
        let r0 = top + i;
        let want = if m > rows {
            r0.saturating_sub(*over)
        } else {
            r0 + (rows - m) / 2
        };
        let at = want.max(free).max(top);
        for (j, c) in reading.chars().enumerate() {
            let y = at + j;
            if y >= height {
                break;
            }
            let drawn = crate::vertical::vertical_form(c).unwrap_or(c);
            lane.push((y, drawn.to_string()));
            free = y + 1;
        }
    }
    lane
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
