//! Drawing a page of the reader written across: the visible lines centred
//! in the text column (plus the right margin's first cells, where
//! punctuation may hang), the search matches lit over them, and the
//! hyperlinks drawn, for the runtime to make clickable. A page in vertical
//! writing is drawn by [`super::draw_columns`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Reader;
use crate::layout::Line;
use crate::text::width::{WidthOptions, str_width};
use crate::text::wrap::HANG_CELLS;
use crate::tui::draw::{LinkSpot, Pad, put, text_width_max};
use crate::tui::style::Theme;

impl Reader {
    /// The page's visible lines, centred in a column of at most `max_width`
    /// cells (plus the right margin's first cells, where punctuation may
    /// hang when `hanging`); the hyperlinks drawn.
    pub(in crate::tui) fn draw(
        &self,
        pad: Pad<'_>,
        (max_width, hanging): (usize, bool),
        area: Rect,
    ) -> Vec<LinkSpot> {
        let Pad { buf, theme, widths } = pad;
        if self.vertical {
            return super::draw_columns::draw(self, max_width, buf, area, theme, widths);
        }
        let col = text_width_max(usize::from(area.width), max_width) as u16;
        let x0 = area.x + (area.width.saturating_sub(col)) / 2;
        let hang = if hanging { HANG_CELLS as u16 } else { 0 };
        let max_x = x0
            .saturating_add(col)
            .saturating_add(hang)
            .min(area.right());
        let scroll = self.scroll;
        let mut spots = Vec::new();
        for (row, line) in self
            .lines()
            .iter()
            .skip(scroll)
            .take(usize::from(area.height))
            .enumerate()
        {
            let y = area.y + row as u16;
            draw_line(buf, line, (x0, y, max_x), theme, widths, &mut spots);
        }
        for h in self.highlights(scroll, scroll + usize::from(area.height)) {
            let y = area.y + (h.piece.line - scroll) as u16;
            let style = if h.current {
                theme.current_match()
            } else {
                theme.match_()
            };
            let from = usize::from(x0) + h.piece.col;
            let to = (from + h.piece.width).min(usize::from(max_x));
            for x in from..to {
                if let Ok(x) = u16::try_from(x) {
                    buf[(x, y)].set_style(style);
                }
            }
            // A link written over the screen would hide the match: a URL with
            // a match on it is shown as drawn, without its hyperlink.
            spots.retain(|s| {
                let (a, b) = (
                    usize::from(s.x),
                    usize::from(s.x) + str_width(&s.text, widths),
                );
                s.y != y || b <= from || to <= a
            });
        }
        spots
    }
}

/// One line at (x0, y), clipped at max_x; the hyperlinks it holds.
fn draw_line(
    buf: &mut Buffer,
    line: &Line,
    (x0, y, max_x): (u16, u16, u16),
    theme: Theme,
    widths: WidthOptions,
    spots: &mut Vec<LinkSpot>,
) {
    let mut x = x0.saturating_add(u16::try_from(line.indent).unwrap_or(u16::MAX));
    for sp in &line.spans {
        let start = x;
        x = put(buf, x, y, max_x, &sp.text, theme.role(sp.role), widths);
        if let Some(link) = sp.link {
            let shown = crate::text::width::truncate(&sp.text, usize::from(x - start), widths);
            spots.push(LinkSpot {
                x: start,
                y,
                text: shown.to_string(),
                link,
            });
        }
    }
}
