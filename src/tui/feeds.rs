//! The feed list: the library seen by subscription instead of by day
//! file. `F` in the library switches between the two (the choice is kept
//! in state.db); a row is a feed with its unread articles, when it last
//! synced and how many syncs failed in a row since. Enter opens all of
//! that feed's articles, newest first, across its day files, as one
//! briefing ([`crate::feeds::feedlist::combined`]); `r` syncs the
//! selected feed only, `R` every feed; `/` filters the feeds by name
//! (Esc clears the filter).
//!
//! This screen owns its rows, selection, drawing and key hints, and
//! answers the router with a [`FeedKey`]; it does not know the router.
//! The rows' unread counts are given to it (the library's read marks).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::draw::{Hints, list_row, put};
use super::keys::{Action, Context};
use super::prompt::{Edit, Prompt};
use super::style::Theme;
use crate::feeds::feedlist::FeedRow;
use crate::i18n::{Msg, t, tf};
use crate::layout::Role;
use crate::text::{WidthOptions, sanitize_line};

/// The name under which the choice of list is kept in state.db.
pub const SETTING: &str = "library_list";

/// What a key in the feed list asks of the router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedKey {
    /// Nothing more (the selection may have moved).
    Stay,
    /// Open feed `i`'s articles as one briefing.
    Open(usize),
    /// Sync this feed only.
    SyncOne(String),
    /// Back to the briefing list.
    Leave,
    /// Not a key of this screen: the router handles it.
    Pass,
}

/// The list of feeds.
#[derive(Debug, Default)]
pub struct FeedList {
    /// Shown instead of the briefing list.
    pub on: bool,
    pub rows: Vec<FeedRow>,
    /// Each row's files' state keys ([`crate::state::key_for`]), made
    /// when the rows are read, not at every frame.
    pub keys: Vec<Vec<String>>,
    pub selected: usize,
    /// Why the rows could not be read (feeds.toml broken), shown instead.
    pub error: Option<String>,
    /// `/`: only the feeds whose name holds the query are shown.
    pub filter: Option<Prompt>,
    /// Enter: the feed's day files being read in the background.
    pub opening: Option<Opening>,
    /// Hiragana and katakana match each other in the filter (`Ctrl-k`,
    /// the same setting as every other search prompt's).
    pub kana: bool,
}

/// A feed's articles across its day files, as read in the background:
/// the briefing, where each section is from, the files that did not load.
pub type Opened = (
    crate::briefing::Briefing,
    Vec<crate::feeds::feedlist::Origin>,
    Vec<String>,
);

/// Enter on a feed: its day files read on a thread of their own (a job of
/// kind [`super::job::Kind::FeedOpen`]), reporting each file it starts.
#[derive(Debug)]
pub struct Opening {
    pub job: super::job::Job<usize, Opened>,
    /// The feed's name, its files read and to read.
    pub name: String,
    pub done: usize,
    pub total: usize,
}

impl FeedList {
    /// Read the rows again (after a sync, on `F`), keeping the selection
    /// on the same feed.
    pub fn refresh(&mut self, paths: Option<&crate::feeds::sync::Paths>) {
        let keep = self.rows.get(self.selected).map(|r| r.name.clone());
        match paths.map(crate::feeds::feedlist::rows) {
            Some(Ok(rows)) => {
                self.rows = rows;
                self.error = None;
            }
            Some(Err(e)) => {
                self.rows.clear();
                self.error = Some(sanitize_line(e.render().trim_end()).into_owned());
            }
            None => {
                self.rows.clear();
                self.error = Some(t(Msg::CliNoHome).into());
            }
        }
        self.keys = self
            .rows
            .iter()
            .map(|r| r.files.iter().map(|f| crate::state::key_for(f)).collect())
            .collect();
        self.selected = keep
            .and_then(|n| self.rows.iter().position(|r| r.name == n))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    /// The selected feed, when the filter shows it.
    pub fn current(&self) -> Option<&FeedRow> {
        self.shown()
            .contains(&self.selected)
            .then(|| self.rows.get(self.selected))
            .flatten()
    }

    /// The rows shown: those whose name holds the filter's query, compared
    /// as every search compares (NFKC, letters of either case alike, kana
    /// folded when [`Self::kana`] is on), every row without one.
    pub fn shown(&self) -> Vec<usize> {
        let opts = crate::search::SearchOptions {
            kana_insensitive: self.kana,
            ..Default::default()
        };
        let query = self
            .filter
            .as_ref()
            .and_then(|p| crate::search::normalize::prepare_query(&p.query, opts));
        (0..self.rows.len())
            .filter(|&i| {
                query.as_ref().is_none_or(|q| {
                    crate::search::normalize::normalize(&self.rows[i].name, opts)
                        .contains(q.as_str())
                })
            })
            .collect()
    }

    /// Whether the filter's prompt is open (keys are text).
    pub fn prompt_open(&self) -> bool {
        self.on && self.filter.as_ref().is_some_and(|p| p.editing)
    }

    /// A key while the filter's prompt is open: Enter keeps the filter
    /// (an empty one is dropped), Esc clears it.
    pub fn update_prompt(&mut self, action: Action) {
        let Some(prompt) = self.filter.as_mut() else {
            return;
        };
        match prompt.edit(action) {
            Edit::Cancel => self.filter = None,
            Edit::Confirm if prompt.query.is_empty() => self.filter = None,
            edit @ (Edit::Changed | Edit::ToggleKana) => {
                if edit == Edit::ToggleKana {
                    self.kana = !self.kana;
                }
                let shown = self.shown();
                if !shown.contains(&self.selected)
                    && let Some(&first) = shown.first()
                {
                    self.selected = first;
                }
            }
            Edit::Confirm | Edit::Ignored => {}
        }
    }

    /// The open prompt's text and its count, for the status bar.
    pub fn prompt_text(&self) -> Option<(String, String)> {
        let f = self.filter.as_ref()?;
        Some((
            tf(Msg::FilterPrompt, &[&sanitize_line(&f.query)]),
            format!(
                "{}{}",
                tf(Msg::FilterCount, &[&self.shown().len(), &self.rows.len()]),
                super::prompt::kana_mark(self.kana)
            ),
        ))
    }

    /// A key of the feed list.
    pub fn update(&mut self, action: Action, height: usize) -> FeedKey {
        match action {
            Action::Down
            | Action::Up
            | Action::ScreenDown
            | Action::ScreenUp
            | Action::Top
            | Action::Bottom => {
                let shown = self.shown();
                let at = shown.iter().position(|&i| i == self.selected).unwrap_or(0);
                let at = super::screen::moved(at, action, shown.len(), height);
                if let Some(&i) = shown.get(at) {
                    self.selected = i;
                }
                FeedKey::Stay
            }
            Action::Enter | Action::NextPage if self.current().is_some() => {
                FeedKey::Open(self.selected)
            }
            Action::Search | Action::SearchBack => {
                let query = self.filter.take().map(|p| p.query).unwrap_or_default();
                self.filter = Some(Prompt::open(query));
                FeedKey::Stay
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
                FeedKey::Stay
            }
            Action::Sync => match self.current() {
                Some(r) => FeedKey::SyncOne(r.name.clone()),
                None => FeedKey::Stay,
            },
            Action::FeedList => FeedKey::Leave,
            _ => FeedKey::Pass,
        }
    }

    /// A click on row `row` of the list (`mouse = true`).
    pub fn click(&mut self, row: usize, height: usize) {
        let shown = self.shown();
        if let Some(&i) = shown.get(self.first_on_screen(&shown, height) + row) {
            self.selected = i;
        }
    }

    /// The first of the `shown` rows on screen, the selection kept in view.
    fn first_on_screen(&self, shown: &[usize], height: usize) -> usize {
        let at = shown.iter().position(|&i| i == self.selected).unwrap_or(0);
        at.saturating_sub(height.saturating_sub(1))
    }

    /// The header and the place in the status bar; `unread` is every
    /// row's unread articles.
    pub fn bars(&self, unread: &[usize]) -> (String, String) {
        let n = self.rows.len();
        let mut header = if n == 1 {
            t(Msg::FeedsOne).to_string()
        } else {
            tf(Msg::FeedsMany, &[&n])
        };
        let total: usize = unread.iter().sum();
        if total > 0 {
            header = format!("{header} · {}", tf(Msg::Unread, &[&total]));
        }
        let shown = self.shown();
        let pos = shown
            .iter()
            .position(|&i| i == self.selected)
            .map_or(0, |p| p + 1);
        (header, format!(" {pos}/{} ", shown.len()))
    }

    /// The keys the status bar suggests.
    pub fn hints(&self) -> Hints {
        use Action::*;
        (
            Context::Library,
            &[
                (&[Down, Up], Msg::HintMove),
                (&[Enter], Msg::HintOpen),
                (&[Sync], Msg::HintSyncFeed),
                (&[Search], Msg::HintFilter),
                (&[SyncAll], Msg::HintSyncAll),
                (&[FeedList], Msg::HintBriefings),
                (&[Help], Msg::HintHelp),
            ],
        )
    }

    /// The rows, the selection highlighted and kept in view; `unread` is
    /// every row's unread articles, `now` the time (Unix seconds) last
    /// syncs are told against. The selected row's position (the cursor).
    pub fn draw(
        &self,
        buf: &mut Buffer,
        area: Rect,
        theme: Theme,
        widths: WidthOptions,
        unread: &[usize],
        now: i64,
    ) -> Option<(u16, u16)> {
        let h = usize::from(area.height);
        if h == 0 {
            return None;
        }
        if let Some(e) = &self.error {
            put(
                buf,
                area.x + 1,
                area.y,
                area.right(),
                e,
                theme.error(),
                widths,
            );
            return None;
        }
        if self.rows.is_empty() {
            put(
                buf,
                area.x + 1,
                area.y,
                area.right(),
                t(Msg::SyncNone),
                theme.dim(),
                widths,
            );
            return None;
        }
        let name_cells = self
            .rows
            .iter()
            .map(|r| crate::text::width::str_width(&sanitize_line(&r.name), widths))
            .max()
            .unwrap_or(0)
            .clamp(8, 32) as u16;
        let mut cursor = None;
        let shown = self.shown();
        let first = self.first_on_screen(&shown, h);
        for (row, &i) in shown.iter().skip(first).take(h).enumerate() {
            let r = &self.rows[i];
            let y = area.y + row as u16;
            let right = area.right();
            let n = unread.get(i).copied().unwrap_or(0);
            let (base, at) = list_row(buf, area, y, i == self.selected, n > 0, theme, widths);
            cursor = cursor.or(at);
            let x = area.x + 3;
            put(
                buf,
                x,
                y,
                (x + name_cells).min(right),
                &sanitize_line(&r.name),
                base.patch(theme.role(Role::Title)),
                widths,
            );
            let dim = base.patch(theme.dim());
            let x = x + name_cells + 2;
            let count = format!("{n:>5}");
            let x = put(buf, x, y, right, &count, dim, widths);
            let synced = match r.last_sync {
                Some(at) => tf(Msg::FeedSynced, &[&ago(now, at)]),
                None => t(Msg::FeedNeverSynced).to_string(),
            };
            let x = put(buf, x + 2, y, right, &synced, dim, widths);
            if r.failures > 0 {
                put(
                    buf,
                    x + 2,
                    y,
                    right,
                    &tf(Msg::FeedFailures, &[&r.failures]),
                    base.patch(theme.error()),
                    widths,
                );
            }
        }
        cursor
    }
}

/// How long ago `at` was, from `now` (Unix seconds): `5 min`, `3 h`, `2 d`.
pub fn ago(now: i64, at: i64) -> String {
    let s = now.saturating_sub(at).max(0);
    match s {
        0..60 => t(Msg::AgoNow).to_string(),
        60..3600 => tf(Msg::AgoMinutes, &[&(s / 60)]),
        3600..86_400 => tf(Msg::AgoHours, &[&(s / 3600)]),
        _ => tf(Msg::AgoDays, &[&(s / 86_400)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_since_the_last_sync_read_short() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert_eq!(ago(1000, 990), "just now");
        assert_eq!(ago(10_000, 10_000 - 300), "5 min ago");
        assert_eq!(ago(100_000, 100_000 - 7200), "2 h ago");
        assert_eq!(ago(1_000_000, 1_000_000 - 3 * 86_400), "3 d ago");
        crate::i18n::set_lang(crate::i18n::Lang::Ja);
        assert_eq!(ago(10_000, 10_000 - 300), "5分前");
        crate::i18n::set_lang(crate::i18n::Lang::En);
    }
}
