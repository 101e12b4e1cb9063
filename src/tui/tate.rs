//! Drawing a page in vertical writing: the columns of the current screen,
//! the first at the right edge of the text column, each two cells wide
//! with one between; search matches lit cell by cell; every cell of a URL
//! a hyperlink spot. The layout is [`crate::vertical`]'s; this only copies
//! the visible cells.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::draw::{LinkSpot, put, text_width_max};
use super::reader::Reader;
use super::style::Theme;
use crate::text::width::WidthOptions;
use crate::vertical::{COLUMN, LANE, columns_in_lane, pitch};

/// Columns shown per screen in a body `area_width` cells wide (each with
/// its reading lane when `lane`).
pub fn per_screen(area_width: usize, max_width: usize, lane: bool) -> usize {
    columns_in_lane(text_width_max(area_width, max_width), lane)
}

/// Draw the current screen of columns; returns the link spots.
pub fn draw(
    r: &Reader,
    max_width: usize,
    buf: &mut Buffer,
    area: Rect,
    theme: Theme,
    w: WidthOptions,
) -> Vec<LinkSpot> {
    let height = usize::from(area.height);
    let mut spots = Vec::new();
    if height == 0 {
        return spots;
    }
    let width = text_width_max(usize::from(area.width), max_width);
    let t = r.tate(height);
    let lane = t.vpage.lane;
    let per = columns_in_lane(width, lane);
    // The text column, centred; columns from its right edge leftwards.
    let x0 = area.x + area.width.saturating_sub(width as u16) / 2;
    let right = x0 + width as u16;
    // The app keeps the first column where a screen fits; drawing only reads it.
    let n = r.columns(height);
    let from = r.vcol.min(n.saturating_sub(per));
    let lit = r.vertical_highlights(height, from, from + per);
    let lane_w = if lane { LANE } else { 0 };
    for (k, c) in t.vpage.columns.iter().enumerate().skip(from).take(per) {
        let offset = (k - from) * pitch(lane) + COLUMN + lane_w;
        let Some(x) = right.checked_sub(offset as u16).filter(|&x| x >= area.x) else {
            break;
        };
        // The readings beside the column, on its right.
        let lx = x + COLUMN as u16;
        for (row, text) in &c.lane {
            if *row < height && lane {
                let style = theme.role(crate::layout::Role::Ruby);
                put(
                    buf,
                    lx,
                    area.y + *row as u16,
                    lx + LANE as u16,
                    text,
                    style,
                    w,
                );
            }
        }
        for (row, cell) in c.cells.iter().enumerate() {
            let y = c.top + row;
            if y >= height || cell.width == 0 {
                continue;
            }
            let y = area.y + y as u16;
            let here = lit.iter().find(|l| l.column == k && l.row == c.top + row);
            let style = match here {
                Some(l) if l.current => theme.role(cell.role).patch(theme.current_match()),
                Some(_) => theme.role(cell.role).patch(theme.match_()),
                None => theme.role(cell.role),
            };
            put(buf, x, y, x + COLUMN as u16, &cell.text, style, w);
            if here.is_some() {
                // Both cells of the pair are lit (a Latin letter takes one).
                buf[(x + 1, y)].set_style(style);
            }
            if let Some(link) = cell.link {
                spots.push(LinkSpot {
                    x,
                    y,
                    text: cell.text.clone(),
                    link,
                });
            }
        }
    }
    spots
}

/// How far through the page the screen is, in percent.
pub fn percent(r: &Reader, height: usize, per: usize) -> usize {
    let n = r.columns(height);
    if n <= per {
        100
    } else {
        ((r.vcol.min(n - per) + per) * 100 / n).min(100)
    }
}
