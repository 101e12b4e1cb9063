//! The library's keys and drawing: what an action does to the list (move,
//! open, filter, quit), a click on a row, the header and status bar, the
//! key hints, and the rows drawn with their unread marks and counts.

use ratatui::layout::Rect;

use super::{Filter, LibraryScreen};
use crate::i18n::{self, Msg, t, tf};
use crate::layout::Role;
use crate::search::SearchOptions;
use crate::state::State;
use crate::text::sanitize_line;
use crate::tui::draw::{Hints, Pad, list_row, put};
use crate::tui::keys::{Action, Context};
use crate::tui::overlay::Overlay;
use crate::tui::prompt::{Prompt, kana_mark};
use crate::tui::screen::{Outcome, moved};

impl LibraryScreen {
    /// Apply an action (no prompt open, no overlay).
    pub(in crate::tui) fn update(
        &mut self,
        action: Action,
        height: usize,
        opts: SearchOptions,
    ) -> Outcome {
        match action {
            Action::Enter if self.filter.as_ref().is_some_and(|f| f.shown.is_empty()) => {
                Outcome::status(Msg::NoFilterMatch)
            }
            Action::Enter => {
                self.cursor_moved = true;
                Outcome::Open
            }
            Action::ShowError => match self.current().and_then(|e| e.error.clone()) {
                Some(text) => Outcome::Overlay(Overlay::Error { text, scroll: 0 }),
                None => Outcome::status(Msg::LoadedFine),
            },
            Action::Help => Outcome::Overlay(Overlay::Help { scroll: 0 }),
            Action::ToggleRead => Outcome::ToggleRead,
            Action::Search => {
                let query = self
                    .filter
                    .take()
                    .map(|f| f.prompt.query)
                    .unwrap_or_default();
                self.filter = Some(Filter {
                    prompt: Prompt::open(query),
                    shown: Vec::new(),
                });
                self.keep = Some(self.selected);
                self.job = None;
                self.refilter(opts);
                Outcome::Stay
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
                self.job = None;
                Outcome::Stay
            }
            Action::Back => Outcome::Quit,
            a => {
                let n = self.shown_len();
                let pos = self.selected_pos().unwrap_or(0);
                if let Some(i) = self.shown_at(moved(pos, a, n.max(1), height)) {
                    self.selected = i;
                    self.keep = Some(i);
                    self.cursor_moved = true;
                }
                Outcome::Stay
            }
        }
    }

    /// The first shown item on screen, `height` rows high (the selection kept in view).
    pub(super) fn first_on_screen(&self, height: usize) -> usize {
        let pos = self.selected_pos().unwrap_or(0);
        pos.saturating_sub(height.saturating_sub(1))
    }

    /// A click on row `row` of the list: that item becomes the selection.
    pub(in crate::tui) fn click(&mut self, row: usize, height: usize) {
        let at = self.first_on_screen(height) + row;
        if let Some(i) = self.shown_at(at) {
            self.selected = i;
            self.keep = Some(i);
        }
    }

    /// The header and the place in the status bar.
    pub(in crate::tui) fn bars(&self, state: &State) -> (String, String) {
        let shown = self.shown_len();
        let pos = self.selected_pos().map_or(0, |p| p + 1);
        let header = match &self.filter {
            Some(f) if !f.prompt.editing => tf(
                Msg::BriefingsMatch,
                &[&shown, &self.items.len(), &sanitize_line(&f.prompt.query)],
            ),
            _ if self.loading > 0 => tf(Msg::BriefingsLoading, &[&self.items.len(), &self.loading]),
            _ => i18n::briefings_header(self.items.len()),
        };
        let unread = self.unread_count(state);
        let header = if unread > 0 {
            format!("{header} · {}", tf(Msg::Unread, &[&unread]))
        } else {
            header
        };
        let place = match self.indexing {
            Some((done, total)) => format!(
                " {pos}/{shown} · {} ",
                tf(
                    Msg::Indexing,
                    &[&i18n::grouped(done), &i18n::grouped(total)]
                )
            ),
            None => format!(" {pos}/{shown} "),
        };
        (header, place)
    }

    /// The open filter prompt in the status bar: the query and the count.
    pub(in crate::tui) fn prompt_text(&self, kana: bool) -> Option<(String, String)> {
        let f = self.filter.as_ref()?;
        Some((
            tf(Msg::FilterPrompt, &[&sanitize_line(&f.prompt.query)]),
            if self.filter_pending() && !f.prompt.query.is_empty() {
                format!("{}{}", t(Msg::Searching), kana_mark(kana))
            } else {
                format!(
                    "{}{}",
                    tf(Msg::FilterCount, &[&f.shown.len(), &self.items.len()]),
                    kana_mark(kana)
                )
            },
        ))
    }

    /// The keys the status bar suggests.
    pub(in crate::tui) fn hints(&self) -> Hints {
        use Action::*;
        if self.filter.is_some() {
            return (
                Context::Library,
                &[
                    (&[Down, Up], Msg::HintMove),
                    (&[Enter], Msg::HintOpen),
                    (&[Search], Msg::HintFilter),
                    (&[Back], Msg::HintClearFilter),
                    (&[Help], Msg::HintHelp),
                ],
            );
        }
        // `e error` only when the selected file failed to load.
        if self.current().is_some_and(|e| e.error.is_some()) {
            return (
                Context::Library,
                &[
                    (&[Down, Up], Msg::HintMove),
                    (&[ShowError], Msg::HintError),
                    (&[Search], Msg::HintFilter),
                    (&[Help], Msg::HintHelp),
                    (&[Back], Msg::HintQuit),
                ],
            );
        }
        (
            Context::Library,
            &[
                (&[Down, Up], Msg::HintMove),
                (&[Enter], Msg::HintOpen),
                (&[Search], Msg::HintFilter),
                (&[NextUnread], Msg::HintUnread),
                (&[Help], Msg::HintHelp),
                (&[Back], Msg::HintQuit),
            ],
        )
    }

    /// The list, the selection highlighted and kept in view; the selected
    /// row's position (for the cursor).
    pub(in crate::tui) fn draw(
        &self,
        pad: Pad<'_>,
        area: Rect,
        state: &State,
    ) -> Option<(u16, u16)> {
        let Pad { buf, theme, widths } = pad;
        let h = usize::from(area.height);
        if h == 0 {
            return None;
        }
        let mut cursor = None;
        let first = self.first_on_screen(h);
        for (row, (i, e)) in (first..first + h)
            .map_while(|pos| self.shown_at(pos))
            .filter_map(|i| self.items.get(i).map(|e| (i, e)))
            .enumerate()
        {
            let y = area.y + row as u16;
            let right = area.right();
            let unread = self.is_unread(i, state);
            let (base, at) = list_row(buf, area, y, i == self.selected, unread, theme, widths);
            cursor = cursor.or(at);
            let mut x = area.x + 3;
            match &e.meta {
                Some(b) => {
                    let date = b.date_text().unwrap_or_else(|| "----------".into());
                    let dim = base.patch(theme.dim());
                    x = put(buf, x, y, right, &date, dim, widths);
                    // Articles read of all: `2/7`.
                    let (read, n) = self.read_count(i, state).unwrap_or((0, b.sections));
                    let count = format!("{:>5}", format!("{read}/{n}"));
                    x = put(buf, x + 2, y, right, &count, dim, widths);
                    let title = crate::text::ruby::inline_line(&b.title);
                    put(
                        buf,
                        x + 2,
                        y,
                        right,
                        &title,
                        base.patch(theme.role(Role::Title)),
                        widths,
                    );
                }
                None => {
                    x = put(
                        buf,
                        x,
                        y,
                        right,
                        &format!("{} ", t(Msg::Invalid)),
                        base.patch(theme.error()),
                        widths,
                    );
                    let name = e
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    x = put(buf, x + 1, y, right, &sanitize_line(&name), base, widths);
                    put(
                        buf,
                        x + 2,
                        y,
                        right,
                        t(Msg::WhyKey),
                        base.patch(theme.dim()),
                        widths,
                    );
                }
            }
        }
        let empty = if self.items.is_empty() {
            t(Msg::EmptyLibrary)
        } else if self.shown_len() == 0 && self.job.is_none() {
            t(Msg::EmptyFilter)
        } else if self.shown_len() == 0 {
            // Still looking: the prompt says so.
            return cursor;
        } else {
            return cursor;
        };
        put(
            buf,
            area.x + 1,
            area.y,
            area.right(),
            empty,
            theme.dim(),
            widths,
        );
        cursor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_bar_shows_the_index_being_built_in_both_languages() {
        let mut lib = LibraryScreen::default();
        let state = State::default();
        assert_eq!(lib.bars(&state).1, " 0/0 ");
        lib.indexing = Some((12_340, 100_000));
        i18n::set_lang(i18n::Lang::Ja);
        let ja = lib.bars(&state).1;
        i18n::set_lang(i18n::Lang::En);
        assert_eq!(lib.bars(&state).1, " 0/0 · indexing 12,340/100,000 ");
        assert_eq!(ja, " 0/0 · 索引を作成中 12,340/100,000 ");
    }
}
