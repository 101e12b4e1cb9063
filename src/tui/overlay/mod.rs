//! Overlays: a box over the screen that takes the keys until it closes.
//! Help and an error are pages to scroll ([`Overlay::Help`],
//! [`Overlay::Error`]); the table of contents and the links are lists to
//! pick from (`links`). Each overlay's update, lines and key hints are here.

mod help;
mod links;

pub use help::markdown_table;

use crate::i18n::{Msg, t, tf};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::draw::{Hints, Pad, fill, put};
use super::keys::{Action, Context, Keymap};
use super::reader::Reader;
use super::screen::{Outcome, moved, scrolled};
use crate::layout::Role;
use crate::text::ruby::inline_line;
use crate::text::sanitize;

/// An overlay over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Toc {
        selected: usize,
    },
    Links {
        selected: usize,
        typed: String,
    },
    Error {
        text: String,
        scroll: usize,
    },
    /// A status message shown whole (`e`).
    Message {
        text: String,
        scroll: usize,
    },
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
            Overlay::Help { .. } | Overlay::Error { .. } | Overlay::Message { .. }
                if matches!(action, Action::Back | Action::Help | Action::ShowError) =>
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
            Overlay::Message { text, scroll } => open(Overlay::Message {
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

    /// The first line of a list shown in a box `height` rows high (its
    /// title row included), with line `line` selected.
    fn list_scroll(line: usize, height: usize) -> usize {
        let h = height.saturating_sub(1);
        (line + 2).saturating_sub(h).min(line)
    }

    /// A click on row `row` of the box (0: its title): the list's line
    /// there becomes the selection. `pages` and `links` bound it.
    pub(super) fn click(&mut self, row: usize, height: usize, pages: usize, links: usize) {
        let Some(row) = row.checked_sub(1) else {
            return;
        };
        match self {
            Overlay::Toc { selected } => {
                let line = Self::list_scroll(*selected, height) + row;
                if line < pages {
                    *selected = line;
                }
            }
            Overlay::Links { selected, typed } => {
                let line = Self::list_scroll(*selected * 2, height) + row;
                if line / 2 < links {
                    *selected = line / 2;
                    typed.clear();
                }
            }
            _ => {}
        }
    }

    /// The keys the status bar suggests.
    pub(super) fn hints(&self) -> Hints {
        use Action::*;
        match self {
            Overlay::Links { typed, .. } if !typed.is_empty() => (
                Context::List,
                &[
                    (&[Digit(0)], Msg::HintSecondDigit),
                    (&[Back], Msg::HintClose),
                ],
            ),
            Overlay::Links { .. } => (
                Context::List,
                &[
                    (&[Digit(0), Enter], Msg::HintOpen),
                    (&[ReadArticle], Msg::HintReadArticle),
                    (&[Copy], Msg::HintCopy),
                    (&[Back], Msg::HintClose),
                ],
            ),
            Overlay::Toc { .. } => (
                Context::List,
                &[
                    (&[Down, Up], Msg::HintMove),
                    (&[Enter], Msg::HintJump),
                    (&[Back], Msg::HintClose),
                ],
            ),
            _ => (
                Context::Reader,
                &[(&[Down, Up], Msg::HintScroll), (&[Back], Msg::HintClose)],
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
                let lines = help::lines(&keymap.help_rows(), width, widths)
                    .into_iter()
                    .map(|l| (l, Style::new()))
                    .collect();
                (t(Msg::HelpTitle).into(), lines, None)
            }
            Overlay::Error { text, .. } | Overlay::Message { text, .. } => {
                let (title, style) = match self {
                    Overlay::Error { .. } => (t(Msg::ErrorTitle), theme.error()),
                    _ => (t(Msg::MessageTitle), Style::new()),
                };
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
                            .map(|p| (l[p.range].to_string(), style))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                (title.into(), lines, None)
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
                (t(Msg::ContentsTitle).into(), lines, Some(*selected))
            }
            Overlay::Links { selected, typed } => {
                let Some(r) = reader else {
                    return (String::new(), Vec::new(), None);
                };
                let lines = links::lines(&r.links, theme);
                let title = if typed.is_empty() {
                    t(Msg::LinksTitle).to_string()
                } else {
                    tf(Msg::LinksTyped, &[typed])
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
            (
                Overlay::Help { scroll }
                | Overlay::Error { scroll, .. }
                | Overlay::Message { scroll, .. },
                _,
            ) => (*scroll).min(lines.len().saturating_sub(h)),
            (_, Some(s)) => Self::list_scroll(s, usize::from(area.height)),
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
