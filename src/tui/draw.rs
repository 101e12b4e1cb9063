//! Drawing helpers every screen and overlay uses: text written into a
//! ratatui `Buffer` cluster by cluster ([`put`]), rows filled ([`fill`]),
//! what a screen draws with ([`Pad`]), the hyperlinks and cursor a frame
//! reports ([`Drawn`]), the width of the text column ([`text_width_max`]),
//! and the [`Scene`] the painter puts on the terminal. No terminal and no
//! router here: a screen draws itself with these alone.
//!
//! Text is written cluster by cluster, so a wide character that meets the
//! right edge is never cut in half and nothing is drawn outside the area.
//! Each cluster's first cell carries the width the layout gave it
//! (`CellDiffOption::ForcedWidth`), the cells it covers are skipped, so the
//! terminal receives every cluster at its cell whatever the diff would have
//! measured.

use std::num::NonZeroU16;

use crate::i18n::Msg;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::Style;

use super::keys::{Action, Context};
use super::style::Theme;
use crate::layout::Link;
use crate::text::WidthOptions;
use crate::text::width::Graphemes;
use crate::text::wrap::HANG_CELLS;

/// Width of the text column on a terminal `w` cells wide, at most `max`
/// (the configuration's `max_width`).
pub fn text_width_max(w: usize, max: usize) -> usize {
    if w >= 60 {
        (w - 4).min(max.max(1))
    } else {
        w.max(1)
    }
}

/// Whether the right margin beside a text column `col` cells wide, centred
/// on a terminal `w` cells wide, has room for hanging punctuation.
pub fn hang_margin(w: usize, col: usize) -> bool {
    let margin = w.saturating_sub(col);
    margin - margin / 2 >= HANG_CELLS
}

/// What drawing needs besides the area: the buffer, colours, widths.
pub struct Pad<'a> {
    pub buf: &'a mut Buffer,
    pub theme: Theme,
    pub widths: WidthOptions,
}

/// Key hints for the status bar: the key context, and the actions with
/// what they do, as [`super::keys::Keymap::hint`] takes them.
pub type Hints = (Context, &'static [(&'static [Action], Msg)]);

/// Where a hyperlink was drawn, for the runtime to make clickable (OSC 8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub link: usize,
}

/// What a frame holds besides its cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The hyperlinks drawn (for the runtime to make clickable).
    pub spots: Vec<LinkSpot>,
    /// Where the terminal's cursor belongs, so a screen reader or braille
    /// display follows what is selected: the prompt while typing, else the
    /// selected row of a list, else the top of the text.
    pub cursor: Option<(u16, u16)>,
}

/// Something the painter can put on a terminal: a whole screen drawn
/// into a buffer, and the links its spots point at.
pub trait Scene {
    /// Draw the whole screen at the buffer's size.
    fn draw(&self, buf: &mut Buffer, theme: Theme) -> Drawn;
    /// The link a drawn spot points at ([`LinkSpot::link`]).
    fn link(&self, i: usize) -> Option<&Link>;
}

/// Write `s` at (x, y), clipped to `max_x`, cluster by cluster. Returns the x after it.
pub fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_x: u16,
    s: &str,
    style: Style,
    widths: WidthOptions,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return x;
    }
    let max_x = max_x.min(area.right());
    let mut x = x.max(area.left());
    for (_, g, gw) in Graphemes::new(s, widths) {
        if gw == 0 {
            continue;
        }
        let Some(forced) = u16::try_from(gw).ok().and_then(NonZeroU16::new) else {
            break;
        };
        let gw16 = forced.get();
        if x.saturating_add(gw16) > max_x {
            break;
        }
        // The layout's width, not the diff's own guess from the symbol
        // (ratatui counts `ﾊﾟ` as three cells and would skip the cluster
        // after it): the diff steps over exactly the cells this one covers.
        buf[(x, y)]
            .set_symbol(g)
            .set_style(style)
            .set_diff_option(CellDiffOption::ForcedWidth(forced));
        // The cells it covers are skipped by the diff; they hold a blank in
        // its style, which the painter writes first when a terminal may
        // draw the cluster narrower (`paint::Blanked`).
        for k in 1..gw16 {
            buf[(x + k, y)]
                .set_symbol(" ")
                .set_style(style)
                .set_diff_option(CellDiffOption::Skip);
        }
        x += gw16;
    }
    x
}

/// Fill row `y` from `x0` to `x1` (clipped to the buffer) with blanks in `style`.
pub fn fill(buf: &mut Buffer, y: u16, x0: u16, x1: u16, style: Style) {
    let area = buf.area;
    if y >= area.bottom() {
        return;
    }
    for x in x0.max(area.left())..x1.min(area.right()) {
        buf[(x, y)]
            .set_symbol(" ")
            .set_style(style)
            .set_diff_option(CellDiffOption::None);
    }
}

/// Begin a list's row at `y`: the selection's background across the row
/// when it is selected, and the unread marker `●` in its second cell (the
/// marker may be 2 cells wide, East Asian Ambiguous, so the row's text
/// starts at its fourth cell). The row's base style, and the cursor's
/// place when selected.
#[allow(clippy::too_many_arguments)]
pub fn list_row(
    buf: &mut Buffer,
    area: ratatui::layout::Rect,
    y: u16,
    selected: bool,
    unread: bool,
    theme: Theme,
    widths: WidthOptions,
) -> (Style, Option<(u16, u16)>) {
    let base = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    let mut cursor = None;
    if selected {
        fill(buf, y, area.left(), area.right(), base);
        cursor = Some((area.x, y));
    }
    if unread {
        put(
            buf,
            area.x + 1,
            y,
            area.right(),
            "●",
            base.patch(theme.unread()),
            widths,
        );
    }
    (base, cursor)
}

/// The rows of a drawn buffer as text: each wide character once (the cell
/// it covers is skipped), trailing spaces trimmed.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| &buf[(x, y)])
                .filter(|c| c.diff_option != CellDiffOption::Skip)
                .map(|c| c.symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Keep every wide cluster whole after all the drawing: an overlay or bar
/// drawn over part of a wide cluster (its box starting on the cluster's
/// second cell) leaves the cluster claiming a cell that now holds something
/// else, and a terminal would draw the two over each other; a narrow
/// cluster drawn over a wide one's first cell leaves the cells it covered
/// marked to be skipped, so the terminal would keep an older frame there.
/// Either way the broken cluster becomes blanks in its style.
pub fn mend_wide(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            match cell.diff_option {
                CellDiffOption::ForcedWidth(w) if w.get() >= 2 => {
                    let end = x.saturating_add(w.get());
                    let whole = end <= area.right()
                        && (x + 1..end).all(|k| buf[(k, y)].diff_option == CellDiffOption::Skip);
                    if whole {
                        x = end;
                        continue;
                    }
                    blank(&mut buf[(x, y)]);
                }
                CellDiffOption::Skip => blank(&mut buf[(x, y)]),
                _ => {}
            }
            x += 1;
        }
    }
}

/// A one-cell blank in the cell's own style.
fn blank(cell: &mut Cell) {
    cell.set_symbol(" ")
        .set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::MIN));
}
