//! The library screen: the list of briefings (newest first, failed files
//! last), the selection, the filter (`/`), and the files still arriving
//! from a folder loading in the background. The list stays under the
//! reader, so leaving a briefing comes back to it as it was.
//!
//! The filter keeps the briefings whose title, tags or any text match the
//! query, compared as search compares. The normalised texts are built on
//! the first `/`: at once for a small library, on a background thread for a
//! large one.

use crate::i18n::{self, Msg, t, tf};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{Outcome, Pad, moved};
use super::keys::{Action, Context};
use super::overlay::Overlay;
use super::prompt::{Edit, Prompt, kana_mark};
use super::view::{Hints, fill, put};
use crate::briefing::Briefing;
use crate::layout::Role;
use crate::parallel::{Polled, Task};
use crate::search::{self, SearchOptions};
use crate::state::State;
use crate::text::sanitize_line;

/// Libraries with more briefings than this get their filter texts built
/// on a background thread, so `/` never stalls the list.
pub const FILTER_IN_BACKGROUND: usize = 200;

/// One row of the list: a file, its briefing or why it did not load.
#[derive(Debug, Clone)]
pub struct Item {
    pub path: PathBuf,
    /// The key of its remembered state ([`crate::state::key_for`]).
    pub key: String,
    pub briefing: Option<Arc<Briefing>>,
    pub error: Option<String>,
}

impl From<crate::library::Entry> for Item {
    fn from(e: crate::library::Entry) -> Self {
        let key = crate::state::key_for(&e.path);
        let (briefing, error) = match e.result {
            Ok(l) => (Some(Arc::new(l.briefing)), None),
            Err(err) => (None, Some(err.to_string())),
        };
        Item {
            path: e.path,
            key,
            briefing,
            error,
        }
    }
}

/// The library filter: the query and the items it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub prompt: Prompt,
    /// Indices into the items of those shown, in order.
    pub shown: Vec<usize>,
}

/// The list of briefings.
#[derive(Debug, Default)]
pub struct LibraryScreen {
    pub items: Vec<Item>,
    pub selected: usize,
    /// The filter (`/`), while open or applied.
    pub filter: Option<Filter>,
    /// Files still loading in the background.
    pub loading: usize,
    /// Where those files arrive from ([`LibraryScreen::start_loading`]).
    incoming: Option<mpsc::Receiver<crate::library::Entry>>,
    /// Normalised searchable text per item, built on the first filter.
    texts: Option<Vec<String>>,
    /// Those texts being built in the background, if they are.
    texts_build: Option<Task<Vec<String>>>,
    /// The reader has moved the cursor (or opened a briefing): from then
    /// on the selection follows that briefing as a folder loads; until
    /// then it stays on the first row.
    cursor_moved: bool,
}

impl LibraryScreen {
    /// The list of a loaded library.
    pub fn new(lib: crate::library::Library) -> LibraryScreen {
        LibraryScreen {
            items: items_of(lib),
            ..LibraryScreen::default()
        }
    }

    /// The item under the selection.
    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    /// The items shown (all, or those the filter keeps).
    pub fn shown(&self) -> Vec<usize> {
        match &self.filter {
            Some(f) => f.shown.clone(),
            None => (0..self.items.len()).collect(),
        }
    }

    /// Whether the filter prompt takes the keys.
    pub fn prompt_open(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.prompt.editing)
    }

    /// Whether the filter's texts are being built (the list is shown whole
    /// meanwhile).
    pub fn filter_pending(&self) -> bool {
        self.texts_build.is_some()
    }

    /// Whether files are loading or the filter's texts are being built.
    pub fn busy(&self) -> bool {
        self.loading > 0 || self.texts_build.is_some()
    }

    /// Load `files` in the background ([`crate::library::load_in_background`]);
    /// they join the list as they arrive ([`LibraryScreen::poll`]).
    pub fn start_loading(&mut self, files: Vec<PathBuf>) {
        self.loading = files.len();
        self.incoming = Some(crate::library::load_in_background(files));
    }

    /// Replace the items with a fresh load (the selection following its
    /// file, or `None` when that file is gone); loading stops (the fresh
    /// load is complete: files still arriving would be doubles).
    pub fn replace(&mut self, items: Vec<Item>, opts: SearchOptions) -> Option<usize> {
        self.incoming = None;
        self.loading = 0;
        let old = self.current().map(|e| e.path.clone());
        let kept = old.and_then(|p| items.iter().position(|e| e.path == p));
        self.items = items;
        self.selected = kept.unwrap_or(self.selected.min(self.items.len().saturating_sub(1)));
        self.texts_changed(opts);
        kept
    }

    /// Take in work finished in the background (files loaded, the filter's
    /// texts); true when something changed on screen.
    pub fn poll(&mut self, opts: SearchOptions) -> bool {
        let files = self.poll_loading(opts);
        self.poll_texts(opts) || files
    }

    /// Take in the files loaded since the last call; true when any came, or
    /// when loading ended (all sent, or the loaders are gone).
    fn poll_loading(&mut self, opts: SearchOptions) -> bool {
        let Some(rx) = &self.incoming else {
            return false;
        };
        let mut loaded = Vec::new();
        let ended = loop {
            match rx.try_recv() {
                Ok(e) => loaded.push(e),
                Err(mpsc::TryRecvError::Empty) => break false,
                Err(mpsc::TryRecvError::Disconnected) => break true,
            }
        };
        if ended {
            self.incoming = None;
            self.loading = 0;
        }
        let changed = ended || !loaded.is_empty();
        self.add_loaded(loaded, opts);
        changed
    }

    /// Add items that finished loading, keeping the library's order; the
    /// selection stays on the first row (the newest briefing) until the
    /// reader moves it, then on the same file.
    fn add_loaded(&mut self, loaded: Vec<crate::library::Entry>, opts: SearchOptions) {
        if loaded.is_empty() {
            return;
        }
        self.loading = self.loading.saturating_sub(loaded.len());
        let current = self.current().map(|e| e.path.clone());
        self.items.extend(loaded.into_iter().map(Item::from));
        self.items.sort_by(|a, b| {
            crate::library::order(
                (&a.path, a.briefing.as_deref()),
                (&b.path, b.briefing.as_deref()),
            )
        });
        match current {
            Some(p) if self.cursor_moved => {
                self.selected = self.items.iter().position(|e| e.path == p).unwrap_or(0);
            }
            _ => self.selected = 0,
        }
        // With a filter, the first row shown (its items are in order).
        self.texts_changed(opts);
    }

    /// The items or the kana setting changed: forget the texts (and any
    /// build of them under way), and filter again if a filter is open.
    pub fn texts_changed(&mut self, opts: SearchOptions) {
        self.texts = None;
        self.texts_build = None;
        if self.filter.is_some() {
            self.refilter(opts);
        }
    }

    /// Recompute the filter's items; keep the selection on a shown one.
    fn refilter(&mut self, opts: SearchOptions) {
        if self.texts.is_none() {
            if self.items.len() <= FILTER_IN_BACKGROUND {
                self.texts = Some(item_texts(&self.items, opts));
            } else if self.texts_build.is_none() {
                // A change of the items or of kana folding drops the task
                // (`texts_changed`): stale texts never arrive.
                let items = self.items.clone();
                self.texts_build = Task::spawn("yomu-filter", move || item_texts(&items, opts));
                if self.texts_build.is_none() {
                    self.texts = Some(item_texts(&self.items, opts));
                }
            }
        }
        let n = self.items.len();
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        f.shown = match (&self.texts, search::prepare_query(&f.prompt.query, opts)) {
            (Some(texts), Some(q)) => {
                let finder = memchr::memmem::Finder::new(&q);
                texts
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| finder.find(t.as_bytes()).is_some())
                    .map(|(i, _)| i)
                    .collect()
            }
            // No query, or the texts are still being built: everything.
            _ => (0..n).collect(),
        };
        if !f.shown.contains(&self.selected) {
            self.selected = f.shown.first().copied().unwrap_or(0);
        }
    }

    /// Take in texts built in the background; true when they arrived.
    fn poll_texts(&mut self, opts: SearchOptions) -> bool {
        let Some(task) = &self.texts_build else {
            return false;
        };
        let texts = match task.poll() {
            Polled::Ready(texts) => texts,
            Polled::Pending => return false,
            // The thread died: build them here rather than never.
            Polled::Lost => item_texts(&self.items, opts),
        };
        self.texts_build = None;
        self.texts = Some(texts);
        if self.filter.is_some() {
            self.refilter(opts);
        }
        true
    }

    /// Apply an action (no prompt open, no overlay).
    pub(super) fn update(&mut self, action: Action, height: usize, opts: SearchOptions) -> Outcome {
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
                self.refilter(opts);
                Outcome::Stay
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
                Outcome::Stay
            }
            Action::Back => Outcome::Quit,
            a => {
                let shown = self.shown();
                let pos = shown.iter().position(|&i| i == self.selected).unwrap_or(0);
                if let Some(&i) = shown.get(moved(pos, a, shown.len().max(1), height)) {
                    self.selected = i;
                    self.cursor_moved = true;
                }
                Outcome::Stay
            }
        }
    }

    /// Keys while the filter prompt is open: edit, confirm, cancel.
    pub(super) fn update_prompt(
        &mut self,
        action: Action,
        kana: &mut bool,
        widths: crate::text::WidthOptions,
    ) {
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        let opts = |kana| SearchOptions {
            kana_insensitive: kana,
            widths,
        };
        let edit = f.prompt.edit(action);
        let empty = f.prompt.query.is_empty();
        match edit {
            Edit::Changed => self.refilter(opts(*kana)),
            Edit::ToggleKana => {
                *kana = !*kana;
                self.texts_changed(opts(*kana));
            }
            Edit::Confirm if empty => self.filter = None,
            Edit::Cancel => self.filter = None,
            Edit::Confirm | Edit::Ignored => {}
        }
    }

    /// The first shown item on screen, `height` rows high (the selection kept in view).
    fn first_on_screen(&self, height: usize) -> usize {
        let pos = self
            .shown()
            .iter()
            .position(|&i| i == self.selected)
            .unwrap_or(0);
        pos.saturating_sub(height.saturating_sub(1))
    }

    /// A click on row `row` of the list: that item becomes the selection.
    pub(super) fn click(&mut self, row: usize, height: usize) {
        let at = self.first_on_screen(height) + row;
        if let Some(&i) = self.shown().get(at) {
            self.selected = i;
        }
    }

    /// How many briefings that loaded are unread.
    pub fn unread_count(&self, state: &State) -> usize {
        (0..self.items.len())
            .filter(|&i| self.is_unread(i, state))
            .count()
    }

    /// The header and the place in the status bar.
    pub(super) fn bars(&self, state: &State) -> (String, String) {
        let shown = self.shown();
        let pos = shown
            .iter()
            .position(|&i| i == self.selected)
            .map_or(0, |p| p + 1);
        let header = match &self.filter {
            Some(f) if !f.prompt.editing => tf(
                Msg::BriefingsMatch,
                &[
                    &shown.len(),
                    &self.items.len(),
                    &sanitize_line(&f.prompt.query),
                ],
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
        (header, format!(" {pos}/{} ", shown.len()))
    }

    /// The open filter prompt in the status bar: the query and the count.
    pub(super) fn prompt_text(&self, kana: bool) -> Option<(String, String)> {
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
    pub(super) fn hints(&self) -> Hints {
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

    /// Whether item `i` (a briefing that loaded) has not been read yet.
    pub fn is_unread(&self, i: usize, state: &State) -> bool {
        self.items.get(i).is_some_and(|e| {
            e.briefing.is_some() && !state.briefings.get(&e.key).is_some_and(|s| s.read)
        })
    }

    /// The list, the selection highlighted and kept in view; the selected
    /// row's position (for the cursor).
    pub(super) fn draw(&self, pad: Pad<'_>, area: Rect, state: &State) -> Option<(u16, u16)> {
        let Pad { buf, theme, widths } = pad;
        let h = usize::from(area.height);
        if h == 0 {
            return None;
        }
        let mut cursor = None;
        let shown = self.shown();
        let first = self.first_on_screen(h);
        for (row, (i, e)) in shown
            .iter()
            .filter_map(|&i| self.items.get(i).map(|e| (i, e)))
            .skip(first)
            .take(h)
            .enumerate()
        {
            let y = area.y + row as u16;
            let selected = i == self.selected;
            let base = if selected {
                theme.selected()
            } else {
                Style::new()
            };
            if selected {
                fill(buf, y, area.left(), area.right(), base);
                cursor = Some((area.x, y));
            }
            let right = area.right();
            // Unread briefings are marked; the marker may be 2 cells wide
            // (East Asian Ambiguous), so the row's text starts after 2 cells.
            if self.is_unread(i, state) {
                put(
                    buf,
                    area.x + 1,
                    y,
                    right,
                    "●",
                    base.patch(theme.unread()),
                    widths,
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
                    let dim = base.patch(theme.dim());
                    x = put(buf, x, y, right, &date, dim, widths);
                    // Sections read of all: `2/7`.
                    let n = b.sections.len();
                    let read = state
                        .briefings
                        .get(&e.key)
                        .map_or(0, |s| s.sections_read.iter().filter(|&&k| k < n).count());
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
        } else if shown.is_empty() {
            t(Msg::EmptyFilter)
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

/// The rows of a loaded library.
pub fn items_of(lib: crate::library::Library) -> Vec<Item> {
    lib.entries.into_iter().map(Item::from).collect()
}

/// [`item_text`] of every item, on all cores for a large library (the
/// first `/` in a list of 1,000 briefings normalises ~19 MB of text).
fn item_texts(items: &[Item], opts: SearchOptions) -> Vec<String> {
    crate::parallel::map(items, 64, |e| item_text(e, opts))
}

/// What the library filter looks at: title, tags and every field (the
/// file name for an item that failed to load), normalised, one line each.
fn item_text(e: &Item, opts: SearchOptions) -> String {
    let mut out = String::new();
    match &e.briefing {
        Some(b) => {
            out.reserve(search::fields(b).map(|(_, t)| t.len() + 1).sum());
            for (_, t) in search::fields(b) {
                search::normalize_into(t, opts, &mut out);
                out.push('\0');
            }
        }
        None => {
            search::normalize_into(&e.path.to_string_lossy(), opts, &mut out);
        }
    }
    out
}
