//! Vertical pages as text: the columns of one screen, drawn as rows of
//! cells (right to left, with their reading lanes), and whole briefings
//! printed screen by screen for `yomu export --vertical`.

use std::io::{self, Write};

use super::*;
use crate::briefing::Briefing;
use crate::layout::{LayoutOptions, RubyMode, Target};
use crate::text::width::WidthOptions;

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
    rows_lane(columns, height, width, false)
}

/// [`rows`], each column followed on its right by its reading lane when
/// `lane`.
pub fn rows_lane(columns: &[Column], height: usize, width: usize, lane: bool) -> Vec<String> {
    let n = columns.len();
    let used = (n * pitch(lane)).saturating_sub(GAP);
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
                if lane {
                    match c.lane.iter().find(|(r, _)| *r == y) {
                        Some((_, t)) => {
                            row.push_str(t);
                            let w = crate::text::width::str_width(t, WidthOptions::default());
                            row.push_str(&" ".repeat(LANE.saturating_sub(w)));
                        }
                        None => row.push_str(&" ".repeat(LANE)),
                    }
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
    /// How readings are shown: [`RubyMode::Above`] (or `Side`) beside
    /// their base in a lane, `Inline` after it in brackets, `Off` not at all.
    pub ruby: RubyMode,
}

/// The horizontal layout a vertical page is made from.
pub fn source_options(widths: WidthOptions, ruby: RubyMode, target: Target) -> LayoutOptions {
    LayoutOptions {
        width: SOURCE_WIDTH,
        widths,
        target,
        ruby: match ruby {
            RubyMode::Off => RubyMode::Off,
            RubyMode::Above | RubyMode::Side => RubyMode::Side,
            RubyMode::Inline => RubyMode::Inline,
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
    let lo = source_options(opts.widths, opts.ruby, Target::Export);
    let lane = lo.ruby == RubyMode::Side;
    let per = columns_in_lane(opts.width, lane);
    let rule = "-".repeat(opts.width.clamp(1, 40));
    for p in 0..layout::page_count(b) {
        if p > 0 {
            writeln!(out, "\n{rule}\n")?;
        }
        let vp = layout_page_lane(
            &layout::layout_page_joined(b, p, lo),
            opts.height,
            opts.widths,
            lane,
        );
        for s in 0..screens(&vp, per) {
            if s > 0 {
                writeln!(out)?;
            }
            for row in rows_lane(screen(&vp, per, s), vp.height, opts.width, lane) {
                writeln!(out, "{row}")?;
            }
        }
    }
    Ok(())
}
