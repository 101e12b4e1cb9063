//! Drawing: the current state into a ratatui `Buffer`. Drawing reads the
//! app (`&App`) and changes nothing in it; no side effects on the terminal.
//! This module draws the frame (header, status bar, prompt) and leaves the
//! body to the screen that is on and the overlay over it. Text is written
//! cluster by cluster, so a wide character that meets the right edge is
//! never cut in half and nothing is drawn outside the area. Each cluster's
//! first cell carries the width the layout gave it
//! (`CellDiffOption::ForcedWidth`), the cells it covers are skipped, so the
//! terminal receives every cluster at its cell whatever the diff would have
//! measured.

use std::num::NonZeroU16;

use crate::i18n::Msg;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{App, Mode, Pad, Screen, text_width_max};
use super::keys::{Action, Context};
use super::style::Theme;
use crate::text::width::{Graphemes, WidthOptions, str_width, truncate};

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

pub(super) fn fill(buf: &mut Buffer, y: u16, x0: u16, x1: u16, style: Style) {
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

/// The screen of `app` at `w`×`h` cells, drawn into a fresh buffer: what
/// [`draw`] shows, without a terminal (tests, benchmarks). The app should
/// have been told that size ([`super::app::Msg::Resize`]).
pub fn frame(app: &App, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let _ = draw(app, &mut buf, theme);
    buf
}

/// The screen once the terminal is `w`×`h` cells: the app is told the size
/// (as the runtime tells it on a resize) and drawn ([`frame`]).
pub fn render(app: &mut App, w: u16, h: u16, theme: Theme) -> Buffer {
    app.update(super::app::Msg::Resize {
        width: usize::from(w),
        height: usize::from(h),
    });
    frame(app, w, h, theme)
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

/// Draw the whole screen at the buffer's size (the app is told of a new
/// size by a [`super::app::Msg::Resize`] before); the hyperlinks drawn and
/// where the cursor goes.
pub fn draw(app: &App, buf: &mut Buffer, theme: Theme) -> Drawn {
    let area = buf.area;
    if area.width == 0 || area.height == 0 {
        return Drawn::default();
    }
    let widths = app.widths;
    let body = app.body_height() as u16;
    let header_y = area.top();
    let body_y = if area.height >= 3 {
        area.top() + 1
    } else {
        area.top()
    };
    let status_y = area.bottom() - 1;
    let body_area = Rect::new(area.x, body_y, area.width, body);
    let pad = Pad {
        buf: &mut *buf,
        theme,
        widths,
    };
    let (mut spots, (header, status), mut cursor) = match &app.screen {
        Screen::Reader(r) => {
            let col = text_width_max(usize::from(area.width), app.max_width) as u16;
            let top = (area.x + area.width.saturating_sub(col) / 2, body_y);
            (
                r.draw(pad, (app.max_width, app.hanging), body_area),
                r.bars(usize::from(body), app.columns_drawn()),
                Some(top),
            )
        }
        Screen::Library if app.feeds.on => {
            let unread = app.feed_unread();
            let now = crate::feeds::fetchstate::now();
            let row = app
                .feeds
                .draw(pad.buf, body_area, theme, widths, &unread, now);
            (Vec::new(), app.feeds.bars(&unread), row)
        }
        Screen::Library => {
            let row = app.library.draw(pad, body_area, &app.state);
            (Vec::new(), app.library.bars(&app.state), row)
        }
    };
    if area.height >= 3 {
        fill(buf, header_y, area.left(), area.right(), theme.dim());
        let (x, right) = (area.left() + 1, area.right());
        put(buf, x, header_y, right, &header, theme.dim(), widths);
    }
    let prompt = draw_status(app, buf, status_y, &status, theme);
    if let Some(o) = &app.overlay {
        spots.clear();
        let pad = Pad { buf, theme, widths };
        let over = Rect::new(area.x, body_y, area.width, body.max(1));
        cursor = o.draw(pad, over, &app.keymap, app.reader()).or(cursor);
    }
    mend_wide(buf);
    Drawn {
        spots,
        cursor: prompt.or(cursor),
    }
}

/// Keep every wide cluster whole after all the drawing: an overlay or bar
/// drawn over part of a wide cluster (its box starting on the cluster's
/// second cell) leaves the cluster claiming a cell that now holds something
/// else, and a terminal would draw the two over each other; a narrow
/// cluster drawn over a wide one's first cell leaves the cells it covered
/// marked to be skipped, so the terminal would keep an older frame there.
/// Either way the broken cluster becomes blanks in its style.
fn mend_wide(buf: &mut Buffer) {
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

/// Where the cursor goes on the screen at `w`×`h` ([`Drawn::cursor`]), the
/// app told that size first (tests).
pub fn cursor(app: &mut App, w: u16, h: u16) -> Option<(u16, u16)> {
    app.update(super::app::Msg::Resize {
        width: usize::from(w),
        height: usize::from(h),
    });
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let plain = Theme {
        color: false,
        light: false,
    };
    draw(app, &mut buf, plain).cursor
}

/// The open prompt in the status bar: what is typed, and the count.
fn prompt_text(app: &App) -> Option<(String, String)> {
    if app.mode() != Mode::Prompt {
        return None;
    }
    match &app.screen {
        Screen::Reader(r) => r.prompt_text(app.kana),
        Screen::Library => app.library.prompt_text(app.kana),
    }
}

/// The status bar; where the prompt's cursor is, while one is open.
fn draw_status(
    app: &App,
    buf: &mut Buffer,
    y: u16,
    place: &str,
    theme: Theme,
) -> Option<(u16, u16)> {
    let area = buf.area;
    let (w, right) = (app.widths, area.right());
    fill(buf, y, area.left(), right, theme.bar());
    if let Some((prompt, count)) = prompt_text(app) {
        let x = put(buf, area.left(), y, right, &prompt, theme.bar(), w);
        let at = (x.min(right.saturating_sub(1)), y);
        let cursor = theme.bar().patch(theme.selected());
        let x = put(buf, x, y, right, " ", cursor, w);
        let hint = match &app.status {
            Some(s) => s.clone(),
            None => format!(
                "{count}  ({})  {}",
                place.trim(),
                app.keymap.hint(
                    Context::Prompt,
                    &[
                        (&[Action::Enter], Msg::HintConfirm),
                        (&[Action::Back], Msg::HintCancel)
                    ]
                )
            ),
        };
        put(buf, x.saturating_add(2), y, right, &hint, theme.bar(), w);
        return Some(at);
    }
    let x = put(buf, area.left(), y, right, place, theme.bar(), w);
    let room = usize::from(right.saturating_sub(x.saturating_add(1)));
    let hint = match app.message() {
        Some(s) => cut_message(s, room, app, w),
        None => {
            let (ctx, items) = key_hints(app);
            app.keymap.hint(ctx, items)
        }
    };
    put(buf, x.saturating_add(1), y, right, &hint, theme.bar(), w);
    None
}

/// A message for `room` cells: whole if it fits, else cut with `…` and
/// the key that shows it whole (`… e`), when that key is bound.
fn cut_message(s: &str, room: usize, app: &App, w: WidthOptions) -> String {
    if str_width(s, w) <= room {
        return s.to_string();
    }
    let key = app
        .keymap
        .label_in(app.context(), Action::ShowError)
        .map(|k| format!("… {k}"))
        .unwrap_or_else(|| "…".into());
    let keep = room.saturating_sub(str_width(&key, w));
    format!("{}{key}", truncate(s, keep, w))
}

/// The status bar's hint of keys for what is on screen: the overlay's, or
/// the screen's.
fn key_hints(app: &App) -> Hints {
    match (&app.overlay, &app.screen) {
        (Some(o), _) => o.hints(),
        (None, Screen::Reader(r)) => r.hints(),
        (None, Screen::Library) if app.feeds.on && !app.library.prompt_open() => app.feeds.hints(),
        (None, Screen::Library) => app.library.hints(),
    }
}
