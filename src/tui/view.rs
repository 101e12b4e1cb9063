//! Drawing: the current state into a ratatui `Buffer`. No side effects on
//! the terminal. Pages are laid out once per width (lazily, the first time
//! one is shown) and kept; each frame copies only the visible lines, cluster
//! by cluster, so a wide character that meets the right edge is never cut
//! in half and nothing is drawn outside the area. Each cluster's first cell
//! carries the width the layout gave it (`CellDiffOption::ForcedWidth`),
//! the cells it covers are skipped, so the terminal receives every cluster
//! at its cell whatever the diff would have measured.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{App, Overlay, Reader, text_width_max};
use super::keys::{Action, Context};
use super::style::Theme;
use crate::layout::{LayoutOptions, Line, Role, Target};
use crate::text::ruby::inline_line;
use crate::text::width::{Graphemes, WidthOptions, str_width};
use crate::text::wrap::HANG_CELLS;
use crate::text::{sanitize, sanitize_line};

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
    w: WidthOptions,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return x;
    }
    let max_x = max_x.min(area.right());
    let mut x = x.max(area.left());
    for (_, g, gw) in Graphemes::new(s, w) {
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

fn fill(buf: &mut Buffer, y: u16, x0: u16, x1: u16, style: Style) {
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
/// [`draw`] shows, without a terminal (tests, benchmarks).
pub fn frame(app: &mut App, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    draw(app, &mut buf, theme);
    buf
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

/// Draw the whole screen at the buffer's size (the app is resized to it
/// first, so the two never disagree); returns the hyperlinks drawn.
///
/// Also sets [`App::cursor`]: where the terminal's cursor belongs, so a
/// screen reader or braille display follows what is selected (the prompt
/// while typing, else the selected row of a list, else the top of the text).
pub fn draw(app: &mut App, buf: &mut Buffer, theme: Theme) -> Vec<LinkSpot> {
    let area = buf.area;
    app.resize(usize::from(area.width), usize::from(area.height));
    app.cursor = None;
    if area.width == 0 || area.height == 0 {
        return Vec::new();
    }
    let mut cursor: Option<(u16, u16)>;
    let w = app.widths;
    let mut spots = Vec::new();
    let body = app.body_height() as u16;
    let header_y = area.top();
    let body_y = if area.height >= 3 {
        area.top() + 1
    } else {
        area.top()
    };
    let status_y = area.bottom() - 1;
    let (header, status) = if let Some(r) = app.reader.as_mut() {
        let title = inline_line(&r.briefing.title);
        let body_area = Rect::new(area.x, body_y, area.width, body);
        let col = text_width_max(usize::from(area.width), app.max_width) as u16;
        cursor = Some((area.x + area.width.saturating_sub(col) / 2, body_y));
        let pct = if r.vertical {
            spots = super::tate::draw(r, app.max_width, buf, body_area, theme, w);
            let per = super::tate::per_screen(usize::from(area.width), app.max_width);
            super::tate::percent(r, usize::from(body), per)
        } else {
            spots = draw_page(r, (app.max_width, app.hanging), buf, body_area, theme, w);
            let total = r.lines().len();
            if total <= body as usize {
                100
            } else {
                ((r.scroll + body as usize) * 100 / total).min(100)
            }
        };
        let place = match r.page {
            0 => "cover".to_string(),
            p => format!("§{p}"),
        };
        let counter = match &r.find {
            Some(f) if !f.editing && !r.search_status().is_empty() => {
                format!("{} ", r.search_status())
            }
            _ => String::new(),
        };
        (
            title,
            format!(" {}/{} {place} {pct}% {counter}", r.page + 1, r.pages()),
        )
    } else {
        cursor = draw_library(app, buf, Rect::new(area.x, body_y, area.width, body), theme);
        let shown = app.shown();
        let pos = shown
            .iter()
            .position(|&i| i == app.selected)
            .map_or(0, |p| p + 1);
        let header = match &app.filter {
            Some(f) if !f.editing => format!(
                "yomu — {} of {} briefings match “{}”",
                shown.len(),
                app.entries.len(),
                sanitize_line(&f.query)
            ),
            _ if app.loading > 0 => format!(
                "yomu — {} briefings, loading {} more…",
                app.entries.len(),
                app.loading
            ),
            _ => format!("yomu — {} briefings", app.entries.len()),
        };
        (header, format!(" {pos}/{} ", shown.len()))
    };
    if area.height >= 3 {
        fill(buf, header_y, area.left(), area.right(), theme.dim());
        put(
            buf,
            area.left() + 1,
            header_y,
            area.right(),
            &header,
            theme.dim(),
            w,
        );
    }
    let prompt = draw_status(app, buf, status_y, &status, theme);
    if let Some(o) = app.overlay.clone() {
        spots.clear();
        cursor = draw_overlay(
            app,
            &o,
            buf,
            Rect::new(area.x, body_y, area.width, body.max(1)),
            theme,
        )
        .or(cursor);
    }
    app.cursor = prompt.or(cursor);
    spots
}

/// Shown after the count while hiragana and katakana match each other.
fn kana_mark(app: &App) -> &'static str {
    if app.kana { "  [かな=カナ]" } else { "" }
}

/// The search prompt in the status bar: `/query`, a cursor, the count.
fn prompt_text(app: &App) -> Option<(String, String)> {
    if !app.prompt_open() {
        return None;
    }
    match (&app.reader, &app.filter) {
        (Some(r), _) => r.find.as_ref().map(|f| {
            (
                format!("/{}", sanitize_line(&f.query)),
                format!("{}{}", r.search_status(), kana_mark(app)),
            )
        }),
        (None, Some(f)) => Some((
            format!("filter: {}", sanitize_line(&f.query)),
            if app.filter_pending() && !f.query.is_empty() {
                format!("searching…{}", kana_mark(app))
            } else {
                format!(
                    "{} of {}{}",
                    f.shown.len(),
                    app.entries.len(),
                    kana_mark(app)
                )
            },
        )),
        (None, None) => None,
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
    let w = app.widths;
    fill(buf, y, area.left(), area.right(), theme.bar());
    if let Some((prompt, count)) = prompt_text(app) {
        let x = put(buf, area.left(), y, area.right(), &prompt, theme.bar(), w);
        let at = (x.min(area.right().saturating_sub(1)), y);
        let x = put(
            buf,
            x,
            y,
            area.right(),
            " ",
            theme.bar().patch(theme.selected()),
            w,
        );
        let hint = match &app.status {
            Some(s) => s.clone(),
            None => format!(
                "{count}  ({})  {}",
                place.trim(),
                app.keymap.hint(
                    Context::Prompt,
                    &[(&[Action::Enter], "confirm"), (&[Action::Back], "cancel")]
                )
            ),
        };
        put(
            buf,
            x.saturating_add(2),
            y,
            area.right(),
            &hint,
            theme.bar(),
            w,
        );
        return Some(at);
    }
    let x = put(buf, area.left(), y, area.right(), place, theme.bar(), w);
    let hint = match app.status.as_ref().or(app.reload_error.as_ref()) {
        Some(s) => s.clone(),
        None => key_hint(app),
    };
    put(
        buf,
        x.saturating_add(1),
        y,
        area.right(),
        &hint,
        theme.bar(),
        w,
    );
    None
}

/// The status bar's hint of keys for what is on screen, with the keys as
/// the configuration binds them.
fn key_hint(app: &App) -> String {
    use Action::*;
    let (ctx, items): (Context, &[(&[Action], &str)]) = match (&app.overlay, &app.reader) {
        (Some(Overlay::Links { .. }), _) => (
            Context::List,
            &[
                (&[Digit(0), Enter], "open"),
                (&[Copy], "copy"),
                (&[Back], "close"),
            ],
        ),
        (Some(Overlay::Toc { .. }), _) => (
            Context::List,
            &[
                (&[Down, Up], "move"),
                (&[Enter], "jump"),
                (&[Back], "close"),
            ],
        ),
        (Some(_), _) => (
            Context::Reader,
            &[(&[Down, Up], "scroll"), (&[Back], "close")],
        ),
        (None, Some(r)) if r.find.is_some() => (
            Context::Reader,
            &[
                (&[NextMatch, PrevMatch], "next/previous match"),
                (&[Search], "search"),
                (&[Back], "clear"),
                (&[Help], "help"),
            ],
        ),
        (None, Some(_)) => (
            Context::Reader,
            &[
                (&[Down, Up], "scroll"),
                (&[PrevPage, NextPage], "page"),
                (&[Search], "search"),
                (&[Toc], "contents"),
                (&[Help], "help"),
                (&[Back], "back"),
            ],
        ),
        (None, None) if app.filter.is_some() => (
            Context::Library,
            &[
                (&[Down, Up], "move"),
                (&[Enter], "open"),
                (&[Search], "filter"),
                (&[Back], "clear filter"),
                (&[Help], "help"),
            ],
        ),
        (None, None) => (
            Context::Library,
            &[
                (&[Down, Up], "move"),
                (&[Enter], "open"),
                (&[Search], "filter"),
                (&[ShowError], "error"),
                (&[Help], "help"),
                (&[Back], "quit"),
            ],
        ),
    };
    app.keymap.hint(ctx, items)
}

/// The page's visible lines, centred in a column of at most `max_width`
/// cells (plus the right margin's first cells, where punctuation may hang).
fn draw_page(
    r: &mut Reader,
    (max_width, hanging): (usize, bool),
    buf: &mut Buffer,
    area: Rect,
    theme: Theme,
    w: WidthOptions,
) -> Vec<LinkSpot> {
    let col = text_width_max(usize::from(area.width), max_width) as u16;
    let x0 = area.x + (area.width.saturating_sub(col)) / 2;
    let hang = if hanging { HANG_CELLS as u16 } else { 0 };
    let max_x = x0
        .saturating_add(col)
        .saturating_add(hang)
        .min(area.right());
    let scroll = r.scroll;
    let mut spots = Vec::new();
    for (row, line) in r
        .lines()
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        draw_line(buf, line, x0, y, max_x, theme, w, &mut spots);
    }
    for h in r.highlights(scroll, scroll + usize::from(area.height)) {
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
            let (a, b) = (usize::from(s.x), usize::from(s.x) + str_width(&s.text, w));
            s.y != y || b <= from || to <= a
        });
    }
    spots
}

#[allow(clippy::too_many_arguments)]
fn draw_line(
    buf: &mut Buffer,
    line: &Line,
    x0: u16,
    y: u16,
    max_x: u16,
    theme: Theme,
    w: WidthOptions,
    spots: &mut Vec<LinkSpot>,
) {
    let mut x = x0.saturating_add(u16::try_from(line.indent).unwrap_or(u16::MAX));
    for sp in &line.spans {
        let start = x;
        x = put(buf, x, y, max_x, &sp.text, theme.role(sp.role), w);
        if let Some(link) = sp.link {
            let shown = crate::text::width::truncate(&sp.text, usize::from(x - start), w);
            spots.push(LinkSpot {
                x: start,
                y,
                text: shown.to_string(),
                link,
            });
        }
    }
}

/// The list; the selected row's position (for the cursor).
fn draw_library(app: &App, buf: &mut Buffer, area: Rect, theme: Theme) -> Option<(u16, u16)> {
    let w = app.widths;
    let h = usize::from(area.height);
    if h == 0 {
        return None;
    }
    let mut cursor = None;
    let shown = app.shown();
    let pos = shown.iter().position(|&i| i == app.selected).unwrap_or(0);
    let first = pos.saturating_sub(h - 1);
    for (row, (i, e)) in shown
        .iter()
        .filter_map(|&i| app.entries.get(i).map(|e| (i, e)))
        .skip(first)
        .take(h)
        .enumerate()
    {
        let y = area.y + row as u16;
        let selected = i == app.selected;
        let base = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        if selected {
            fill(buf, y, area.left(), area.right(), base);
            cursor = Some((area.x, y));
        }
        // Unread briefings are marked; the marker may be 2 cells wide
        // (East Asian Ambiguous), so the row's text starts after 2 cells.
        if app.is_unread(i) {
            put(
                buf,
                area.x + 1,
                y,
                area.right(),
                "●",
                base.patch(theme.unread()),
                w,
            );
        }
        let mut x = area.x + 3;
        match &e.briefing {
            Some(b) => {
                let date = b
                    .published
                    .as_ref()
                    .map(|d| d.rfc3339().chars().take(10).collect::<String>())
                    .unwrap_or_else(|| "----------".into());
                x = put(buf, x, y, area.right(), &date, base.patch(theme.dim()), w);
                x = put(
                    buf,
                    x + 2,
                    y,
                    area.right(),
                    &format!("{:>3}§", b.sections.len()),
                    base.patch(theme.dim()),
                    w,
                );
                put(
                    buf,
                    x + 2,
                    y,
                    area.right(),
                    &inline_line(&b.title),
                    base.patch(theme.role(Role::Title)),
                    w,
                );
            }
            None => {
                x = put(
                    buf,
                    x,
                    y,
                    area.right(),
                    "✗ invalid ",
                    base.patch(theme.error()),
                    w,
                );
                let name = e
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                x = put(buf, x + 1, y, area.right(), &sanitize_line(&name), base, w);
                put(
                    buf,
                    x + 2,
                    y,
                    area.right(),
                    "(e: why)",
                    base.patch(theme.dim()),
                    w,
                );
            }
        }
    }
    if shown.is_empty() && !app.entries.is_empty() {
        put(
            buf,
            area.x + 1,
            area.y,
            area.right(),
            "no briefing matches the filter (Esc clears it)",
            theme.dim(),
            w,
        );
    }
    if app.entries.is_empty() {
        put(
            buf,
            area.x + 1,
            area.y,
            area.right(),
            "no briefings here (*.toml files)",
            theme.dim(),
            w,
        );
    }
    cursor
}

/// Lines of an overlay: help, table of contents, links, or an error.
fn overlay_lines(
    app: &mut App,
    o: &Overlay,
    width: usize,
    theme: Theme,
) -> (String, Vec<(String, Style)>, Option<usize>) {
    match o {
        Overlay::Help { .. } => {
            let rows = app.keymap.help_rows();
            let kw = rows
                .iter()
                .map(|(k, _)| str_width(k, app.widths))
                .max()
                .unwrap_or(0)
                .min(width / 2);
            let lines = rows
                .into_iter()
                .map(|(k, h)| (format!("{k:<kw$}  {h}"), Style::new()))
                .collect();
            ("keys".into(), lines, None)
        }
        Overlay::Error { text, .. } => {
            let opts = LayoutOptions {
                width: width.max(1),
                widths: app.widths,
                target: Target::Terminal,
                ruby: app.ruby,
                hanging: false,
            };
            let lines = sanitize(text)
                .lines()
                .flat_map(|l| {
                    crate::text::wrap(
                        l,
                        opts.width,
                        opts.width,
                        &crate::text::WrapOptions {
                            width: app.widths,
                            ..Default::default()
                        },
                    )
                    .into_iter()
                    .map(|p| (l[p.range].to_string(), theme.error()))
                    .collect::<Vec<_>>()
                })
                .collect();
            ("why this file did not load".into(), lines, None)
        }
        Overlay::Toc { selected } => {
            let Some(r) = app.reader.as_ref() else {
                return (String::new(), Vec::new(), None);
            };
            let mut lines = vec![(
                format!("   {}", inline_line(&r.briefing.title)),
                Style::new(),
            )];
            for (i, s) in r.briefing.sections.iter().enumerate() {
                let here = if i + 1 == r.page { "▸" } else { " " };
                lines.push((
                    format!("{here}{:>2}. {}", i + 1, inline_line(&s.heading)),
                    Style::new(),
                ));
            }
            ("contents".into(), lines, Some(*selected))
        }
        Overlay::Links { selected, typed } => {
            let Some(r) = app.reader.as_ref() else {
                return (String::new(), Vec::new(), None);
            };
            let digits = r.links.len().to_string().len();
            let mut lines = Vec::new();
            for l in &r.links {
                // The host the browser will really go to, and a warning
                // when the address pretends otherwise.
                let parsed = url::Url::parse(&l.url).ok();
                let host = parsed
                    .as_ref()
                    .map(crate::links::shown_host)
                    .unwrap_or_default();
                let warn = parsed
                    .as_ref()
                    .and_then(crate::links::deception)
                    .map(|d| format!(" {}", d.short()))
                    .unwrap_or_default();
                lines.push((
                    format!(
                        "[{:>digits$}] §{} {} — {host}{warn}",
                        l.number,
                        l.section + 1,
                        l.name,
                    ),
                    Style::new(),
                ));
                lines.push((
                    format!("{:digits$}   {}", "", sanitize_line(&l.url)),
                    theme.role(Role::Url),
                ));
            }
            let title = if typed.is_empty() {
                "links".to_string()
            } else {
                format!("links: {typed}")
            };
            (title, lines, Some(selected * 2))
        }
    }
}

/// An overlay; its selected row's position, if it has one (for the cursor).
fn draw_overlay(
    app: &mut App,
    o: &Overlay,
    buf: &mut Buffer,
    area: Rect,
    theme: Theme,
) -> Option<(u16, u16)> {
    let mut cursor = None;
    let w = app.widths;
    let width = usize::from(area.width.saturating_sub(4)).clamp(1, 100);
    let (title, lines, selected) = overlay_lines(app, o, width, theme);
    let box_w = (width as u16 + 4).min(area.width);
    let x0 = area.x + (area.width - box_w) / 2;
    for y in area.top()..area.bottom() {
        fill(buf, y, x0, x0 + box_w, Style::new());
    }
    put(
        buf,
        x0 + 1,
        area.top(),
        x0 + box_w,
        &format!("─ {title} ─"),
        theme.role(Role::Label),
        w,
    );
    let h = usize::from(area.height.saturating_sub(1));
    let scroll = match (o, selected) {
        (Overlay::Help { scroll } | Overlay::Error { scroll, .. }, _) => {
            (*scroll).min(lines.len().saturating_sub(h))
        }
        (_, Some(s)) => (s + 2).saturating_sub(h).min(s),
        _ => 0,
    };
    for (row, (i, (text, style))) in lines.iter().enumerate().skip(scroll).take(h).enumerate() {
        let y = area.top() + 1 + row as u16;
        let sel = match o {
            Overlay::Toc { selected } => i == *selected,
            Overlay::Links { selected, .. } => i / 2 == *selected,
            _ => false,
        };
        let st = if sel {
            style.patch(theme.selected())
        } else {
            *style
        };
        if sel {
            fill(buf, y, x0 + 1, x0 + box_w - 1, st);
            cursor = cursor.or(Some((x0 + 1, y)));
        }
        put(buf, x0 + 2, y, x0 + box_w - 1, text, st, w);
    }
    cursor
}
