//! The frame around the screens: the current state drawn into a ratatui
//! `Buffer` from `&App`, changing nothing in it and touching no terminal.
//! This module draws the header, the status bar and the prompt, and leaves
//! the body to the screen that is on and the overlay over it (each draws
//! itself with [`crate::tui::draw`]).

use crate::i18n::Msg;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{App, Mode, Screen};
use crate::layout::Link;
use crate::text::width::{WidthOptions, str_width, truncate};
use crate::tui::draw::{Drawn, Hints, Pad, Scene, fill, mend_wide, put, text_width_max};
use crate::tui::keys::{Action, Context};
use crate::tui::screen::Input;
use crate::tui::style::Theme;

pub use crate::tui::draw::{LinkSpot, rows};

/// The screen of `app` at `w`×`h` cells, drawn into a fresh buffer: what
/// [`draw`] shows, without a terminal (tests, benchmarks). The app should
/// have been told that size ([`Input::Resize`]).
pub fn frame(app: &App, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let _ = draw(app, &mut buf, theme);
    buf
}

/// The screen once the terminal is `w`×`h` cells: the app is told the size
/// (as the runtime tells it on a resize) and drawn ([`frame`]).
pub fn render(app: &mut App, w: u16, h: u16, theme: Theme) -> Buffer {
    app.update(Input::Resize {
        width: usize::from(w),
        height: usize::from(h),
    });
    frame(app, w, h, theme)
}

/// Draw the whole screen at the buffer's size (the app is told of a new
/// size by a [`Input::Resize`] before); the hyperlinks drawn and
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
        Screen::Reader(briefing) => {
            // The article read over the briefing (`a`), when one is.
            let r = app.article.open.as_deref().unwrap_or(briefing);
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

/// Where the cursor goes on the screen at `w`×`h` ([`Drawn::cursor`]), the
/// app told that size first (tests).
pub fn cursor(app: &mut App, w: u16, h: u16) -> Option<(u16, u16)> {
    app.update(Input::Resize {
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
        Screen::Reader(r) => app
            .article
            .open
            .as_deref()
            .unwrap_or(r)
            .prompt_text(app.kana),
        Screen::Library if app.feeds.prompt_open() => app.feeds.prompt_text(),
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
        (None, Screen::Reader(r)) => app.article.open.as_deref().unwrap_or(r).hints(),
        (None, Screen::Library) if app.feeds.on && !app.library.prompt_open() => app.feeds.hints(),
        (None, Screen::Library) => app.library.hints(),
    }
}

impl Scene for App {
    fn draw(&self, buf: &mut Buffer, theme: Theme) -> Drawn {
        draw(self, buf, theme)
    }

    fn link(&self, i: usize) -> Option<&Link> {
        self.reader()?.links.get(i)
    }
}
