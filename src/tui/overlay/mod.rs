//! Overlays: a box over the screen that takes the keys until it closes.
//! Help and an error are pages to scroll ([`Overlay::Help`],
//! [`Overlay::Error`]); the table of contents and the links are lists to
//! pick from ([`links`]). Each overlay's update, lines and key hints are here.

mod links;

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{Outcome, Pad, moved, scrolled};
use super::keys::{Action, Context, Keymap};
use super::reader::Reader;
use super::view::{Hints, fill, put};
use crate::layout::Role;
use crate::text::ruby::inline_line;
use crate::text::sanitize;

/// An overlay over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Toc { selected: usize },
    Links { selected: usize, typed: String },
    Error { text: String, scroll: usize },
}

impl Overlay {
    /// Whether it is a list to pick from (keys of [`Context::List`]).
    pub fn is_list(&self) -> bool {
        matches!(self, Overlay::Toc { .. } | Overlay::Links { .. })
    }

    /// Apply an action: the overlay that stays open (`None`: it closed)
    /// and what else happened.
    pub(super) fn update(
        self,
        action: Action,
        height: usize,
        reader: Option<&mut Reader>,
    ) -> (Option<Overlay>, Outcome) {
        let open = |o| (Some(o), Outcome::Stay);
        match self {
            Overlay::Help { .. } | Overlay::Error { .. }
                if matches!(action, Action::Back | Action::Help) =>
            {
                (None, Outcome::Stay)
            }
            Overlay::Help { scroll } => open(Overlay::Help {
                scroll: scrolled(scroll, action, height),
            }),
            Overlay::Error { text, scroll } => open(Overlay::Error {
                scroll: scrolled(scroll, action, height),
                text,
            }),
            Overlay::Toc { selected } => match action {
                Action::Back => (None, Outcome::Stay),
                Action::Enter => {
                    if let Some(r) = reader {
                        r.go_to_page(selected);
                    }
                    (None, Outcome::Stay)
                }
                Action::Help => open(Overlay::Help { scroll: 0 }),
                a => {
                    let n = reader.map_or(1, |r| r.pages());
                    open(Overlay::Toc {
                        selected: moved(selected, a, n, height),
                    })
                }
            },
            Overlay::Links { selected, typed } => {
                let links = reader.map_or(&[][..], |r| &r.links[..]);
                links::update(links, selected, typed, action, height)
            }
        }
    }

    /// The keys the status bar suggests.
    pub(super) fn hints(&self) -> Hints {
        use Action::*;
        match self {
            Overlay::Links { .. } => (
                Context::List,
                &[
                    (&[Digit(0), Enter], "open"),
                    (&[Copy], "copy"),
                    (&[Back], "close"),
                ],
            ),
            Overlay::Toc { .. } => (
                Context::List,
                &[
                    (&[Down, Up], "move"),
                    (&[Enter], "jump"),
                    (&[Back], "close"),
                ],
            ),
            _ => (
                Context::Reader,
                &[(&[Down, Up], "scroll"), (&[Back], "close")],
            ),
        }
    }

    /// The title, the lines and the selected line of the box.
    fn lines(
        &self,
        pad: &Pad<'_>,
        width: usize,
        keymap: &Keymap,
        reader: Option<&Reader>,
    ) -> (String, Vec<(String, Style)>, Option<usize>) {
        let (theme, widths) = (pad.theme, pad.widths);
        match self {
            Overlay::Help { .. } => {
                let rows = keymap.help_rows();
                let kw = rows
                    .iter()
                    .map(|(k, _)| crate::text::width::str_width(k, widths))
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
                let width = width.max(1);
                let wrap = crate::text::WrapOptions {
                    width: widths,
                    ..Default::default()
                };
                let lines = sanitize(text)
                    .lines()
                    .flat_map(|l| {
                        crate::text::wrap(l, width, width, &wrap)
                            .into_iter()
                            .map(|p| (l[p.range].to_string(), theme.error()))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                ("why this file did not load".into(), lines, None)
            }
            Overlay::Toc { selected } => {
                let Some(r) = reader else {
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
                let Some(r) = reader else {
                    return (String::new(), Vec::new(), None);
                };
                let lines = links::lines(&r.links, theme);
                let title = if typed.is_empty() {
                    "links".to_string()
                } else {
                    format!("links: {typed}")
                };
                (title, lines, Some(selected * 2))
            }
        }
    }

    /// The box, centred over `area`; its selected row's position, if it
    /// has one (for the cursor).
    pub(super) fn draw(
        &self,
        pad: Pad<'_>,
        area: Rect,
        keymap: &Keymap,
        reader: Option<&Reader>,
    ) -> Option<(u16, u16)> {
        let mut cursor = None;
        let width = usize::from(area.width.saturating_sub(4)).clamp(1, 100);
        let (title, lines, selected) = self.lines(&pad, width, keymap, reader);
        let Pad { buf, theme, widths } = pad;
        let box_w = (width as u16 + 4).min(area.width);
        let x0 = area.x + (area.width - box_w) / 2;
        for y in area.top()..area.bottom() {
            fill(buf, y, x0, x0 + box_w, Style::new());
        }
        let heading = format!("─ {title} ─");
        put(
            buf,
            x0 + 1,
            area.top(),
            x0 + box_w,
            &heading,
            theme.role(Role::Label),
            widths,
        );
        let h = usize::from(area.height.saturating_sub(1));
        let scroll = match (self, selected) {
            (Overlay::Help { scroll } | Overlay::Error { scroll, .. }, _) => {
                (*scroll).min(lines.len().saturating_sub(h))
            }
            (_, Some(s)) => (s + 2).saturating_sub(h).min(s),
            _ => 0,
        };
        for (row, (i, (text, style))) in lines.iter().enumerate().skip(scroll).take(h).enumerate() {
            let y = area.top() + 1 + row as u16;
            let sel = match self {
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
            put(buf, x0 + 2, y, x0 + box_w - 1, text, st, widths);
        }
        cursor
    }
}
