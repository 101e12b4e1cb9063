//! Reader state and its update function: (state, action) → state, plus
//! the side effects to run (open a link, copy one). No terminal here, so
//! every key's behaviour is testable without a screen. Work that runs in
//! the background (a folder loading, a long briefing's search index in
//! `find`, a large library's filter texts in `filter`) is taken in by
//! [`App::poll_background`].

mod filter;
mod find;
mod tate;

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

pub use filter::{FILTER_IN_BACKGROUND, Filter};
use find::Indexed;
pub use find::{Find, Highlight, Hit, INDEX_IN_BACKGROUND};
pub use tate::{Lit, Tate};

use super::keys::{Action, Context, Keymap};
use crate::briefing::Briefing;
use crate::layout::{self, LayoutOptions, Line, Link, Page, Target, page_count};
use crate::library::Library;
use crate::search::{PageIndex, SearchOptions};
use crate::state::{BriefingState, State};
use crate::text::WidthOptions;
use crate::text::wrap::HANG_CELLS;

/// Width of the text column on a terminal `w` cells wide, at most `max`
/// (the configuration's `max_width`).
pub fn text_width_max(w: usize, max: usize) -> usize {
    if w >= 60 {
        (w - 4).min(max.max(1))
    } else {
        w.max(1)
    }
}

/// Whether the right margin beside a text column `col` cells wide, centred
/// on a terminal `w` cells wide, has room for hanging punctuation.
pub fn hang_margin(w: usize, col: usize) -> bool {
    let margin = w.saturating_sub(col);
    margin - margin / 2 >= HANG_CELLS
}

/// One row of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// The key of its remembered state ([`crate::state::key_for`]).
    pub key: String,
    pub briefing: Option<Arc<Briefing>>,
    pub error: Option<String>,
}

/// A side effect for the runtime to perform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Open(String),
    Copy(String),
}

/// An overlay over the current view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Toc { selected: usize },
    Links { selected: usize, typed: String },
    Error { text: String, scroll: usize },
}

/// Pages laid out at one width, computed lazily and kept until the width changes.
#[derive(Debug)]
pub struct LayoutCache {
    opts: LayoutOptions,
    pages: Vec<Option<Page>>,
}

/// A briefing being read.
#[derive(Debug)]
pub struct Reader {
    pub briefing: Arc<Briefing>,
    pub links: Vec<Link>,
    pub page: usize,
    pub scroll: usize,
    /// The search, while one is open or its matches are shown.
    pub find: Option<Find>,
    pub search_opts: SearchOptions,
    cache: LayoutCache,
    /// Normalised text of every page, built when a search starts (per width).
    index: Option<Vec<PageIndex>>,
    /// The index being built in the background, if it is.
    indexing: Option<crate::parallel::Task<Indexed>>,
    /// Pages are shown in vertical writing (`v`).
    pub vertical: bool,
    /// The first column shown of a vertical page.
    pub vcol: usize,
    /// The current page laid out vertically, kept while it is shown.
    tate: Option<Tate>,
}

impl Reader {
    pub fn new(briefing: Arc<Briefing>, opts: LayoutOptions) -> Self {
        let n = page_count(&briefing);
        Reader {
            links: layout::links(&briefing),
            briefing,
            page: 0,
            scroll: 0,
            find: None,
            search_opts: SearchOptions {
                kana_insensitive: false,
                widths: opts.widths,
            },
            cache: LayoutCache {
                opts,
                pages: vec![None; n],
            },
            index: None,
            indexing: None,
            vertical: false,
            vcol: 0,
            tate: None,
        }
    }

    pub fn pages(&self) -> usize {
        self.cache.pages.len()
    }

    /// The lines of page `p` at the current width.
    pub fn lines_of(&mut self, p: usize) -> &[Line] {
        let p = p.min(self.pages() - 1);
        let opts = self.cache.opts;
        let b = &self.briefing;
        &self.cache.pages[p]
            .get_or_insert_with(|| layout::layout_page(b, p, opts))
            .lines
    }

    pub fn lines(&mut self) -> &[Line] {
        self.lines_of(self.page)
    }

    /// Change the layout width, keeping the paragraph at the top in view.
    pub fn set_opts(&mut self, opts: LayoutOptions) {
        if opts == self.cache.opts {
            return;
        }
        let scroll = self.scroll;
        let lines = self.lines();
        let block = lines.get(scroll).and_then(|l| l.block);
        let back = lines[..scroll.min(lines.len())]
            .iter()
            .rev()
            .take_while(|l| l.block.is_some() && l.block == block)
            .count();
        self.cache = LayoutCache {
            opts,
            pages: vec![None; self.pages()],
        };
        self.search_opts.widths = opts.widths;
        self.tate = None;
        self.index = None;
        self.indexing = None;
        if self.find.is_some() {
            let current = self.find.as_ref().and_then(|f| f.current);
            self.refresh_hits();
            if let Some(f) = self.find.as_mut()
                && !f.hits.is_empty()
            {
                f.current = current.map(|k| k.min(f.hits.len() - 1));
            }
        }
        if let Some(b) = block {
            let first = self
                .lines()
                .iter()
                .position(|l| l.block == Some(b))
                .unwrap_or(0);
            let len = self.lines().iter().filter(|l| l.block == Some(b)).count();
            self.scroll = first + back.min(len.saturating_sub(1));
        }
    }

    fn max_scroll(&mut self, height: usize) -> usize {
        self.lines().len().saturating_sub(height.max(1))
    }

    /// The section index of the current page, if it is not the cover.
    pub fn section(&self) -> Option<usize> {
        self.page.checked_sub(1)
    }

    pub fn go_to_page(&mut self, p: usize) {
        self.page = p.min(self.pages() - 1);
        self.scroll = 0;
        self.vcol = 0;
    }
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    pub entries: Vec<Entry>,
    pub selected: usize,
    pub reader: Option<Reader>,
    pub overlay: Option<Overlay>,
    pub status: Option<String>,
    pub quit: bool,
    /// Opened on one file: leaving the reader quits.
    pub single: bool,
    pub widths: WidthOptions,
    /// Terminal size in cells (width, height).
    pub size: (usize, usize),
    /// Files still loading in the background (the library fills in as they arrive).
    pub loading: usize,
    /// Where those files arrive from ([`App::start_loading`]).
    incoming: Option<mpsc::Receiver<crate::library::Entry>>,
    /// The keys (the built-in table, remapped by the configuration).
    pub keymap: Keymap,
    /// The widest text column (the configuration's `max_width`).
    pub max_width: usize,
    /// How readings are shown (the configuration's `ruby`).
    pub ruby: crate::layout::RubyMode,
    /// Briefings open in vertical writing (the configuration's `vertical`).
    pub vertical: bool,
    /// `。` and `、` may hang past full lines (the configuration's
    /// `hanging_punctuation`).
    pub hanging: bool,
    /// Remembered positions and read marks.
    pub state: State,
    /// A persistent message (the last reload failed), shown when `status` is empty.
    pub reload_error: Option<String>,
    /// The (file, page) last marked as viewed (by path: entries are
    /// re-sorted as a folder loads).
    last_viewed: Option<(PathBuf, usize)>,
    /// The library filter (`/` in the library).
    pub filter: Option<Filter>,
    /// Normalised searchable text per entry, built on the first filter.
    filter_texts: Option<Vec<String>>,
    /// Those texts being built in the background, if they are.
    texts_build: Option<crate::parallel::Task<Vec<String>>>,
    /// Searches and the filter fold katakana to hiragana (`Ctrl-k` in a
    /// prompt), for the rest of the session.
    pub kana: bool,
    /// The reader has moved the library's cursor (or opened a briefing):
    /// from then on the selection follows that briefing as a folder
    /// loads; until then it stays on the first row.
    cursor_moved: bool,
    /// Where the terminal cursor goes, as the view last drew the screen
    /// (the prompt, the selected row, the top of the text).
    pub cursor: Option<(u16, u16)>,
}

impl App {
    pub fn new(lib: Library, single: bool, widths: WidthOptions, size: (usize, usize)) -> Self {
        let entries = entries_of(lib);
        let mut app = App {
            entries,
            selected: 0,
            reader: None,
            overlay: None,
            status: None,
            quit: false,
            single,
            widths,
            size,
            loading: 0,
            incoming: None,
            keymap: Keymap::default(),
            max_width: crate::config::DEFAULT_MAX_WIDTH,
            ruby: crate::layout::RubyMode::Above,
            vertical: false,
            hanging: false,
            state: State::default(),
            reload_error: None,
            last_viewed: None,
            filter: None,
            filter_texts: None,
            texts_build: None,
            kana: false,
            cursor_moved: false,
            cursor: None,
        };
        if single {
            app.open_selected();
            if app.reader.is_none() {
                app.overlay = app
                    .entries
                    .first()
                    .and_then(|e| e.error.clone())
                    .map(|text| Overlay::Error { text, scroll: 0 });
            }
        }
        app
    }

    /// Take in work finished in the background (files loaded, the search
    /// index, the filter's texts): true
    /// when something changed on screen. The view then moves as a keystroke
    /// in the prompt would have moved it, or to the first match if the
    /// search was confirmed while the index was being built.
    pub fn poll_background(&mut self) -> bool {
        let files = self.poll_loading();
        let texts = self.poll_texts() || files;
        let height = self.body_height();
        let Some(r) = &mut self.reader else {
            return texts;
        };
        if !r.poll_index() {
            return texts;
        }
        let Some(f) = &r.find else {
            return true;
        };
        let (page, scroll) = f.origin;
        if f.editing {
            r.go_to_page(page);
            r.scroll = scroll;
            if let Some(k) = r.hit_from(page, scroll) {
                r.show_hit(k, height);
            }
        } else if f.current.is_none() {
            if f.hits.is_empty() {
                self.status = Some(format!(
                    "no match for {}",
                    crate::text::sanitize_line(&f.query)
                ));
                r.find = None;
            } else if let Some(k) = r.hit_from(page, scroll) {
                r.show_hit(k, height);
            }
        }
        true
    }

    /// Whether work is going on in the background (a folder loading, the
    /// search index or the filter's texts being built): the screen is then
    /// refreshed more often.
    pub fn busy(&self) -> bool {
        self.loading > 0
            || self.texts_build.is_some()
            || self.reader.as_ref().is_some_and(Reader::indexing)
    }

    /// Load `files` in the background ([`crate::library::load_in_background`]);
    /// they join the list as they arrive ([`App::poll_background`]).
    pub fn start_loading(&mut self, files: Vec<PathBuf>) {
        self.loading = files.len();
        self.incoming = Some(crate::library::load_in_background(files));
    }

    /// Take in the files loaded since the last call; true when any came, or
    /// when loading ended (all sent, or the loaders are gone).
    fn poll_loading(&mut self) -> bool {
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
        self.add_loaded(loaded);
        changed
    }

    /// Add entries that finished loading, keeping the library's order; the
    /// selection stays on the first row (the newest briefing) until the
    /// reader moves it, then on the same file.
    fn add_loaded(&mut self, loaded: Vec<crate::library::Entry>) {
        if loaded.is_empty() {
            return;
        }
        self.loading = self.loading.saturating_sub(loaded.len());
        let current = self.entries.get(self.selected).map(|e| e.path.clone());
        self.entries.extend(loaded.into_iter().map(Entry::from));
        self.entries.sort_by(|a, b| {
            crate::library::order(
                (&a.path, a.briefing.as_deref()),
                (&b.path, b.briefing.as_deref()),
            )
        });
        match current {
            Some(p) if self.cursor_moved => {
                self.selected = self.entries.iter().position(|e| e.path == p).unwrap_or(0);
            }
            _ => self.selected = 0,
        }
        // With a filter, the first row shown (its entries are in order).
        self.texts_changed();
    }
}

impl From<crate::library::Entry> for Entry {
    fn from(e: crate::library::Entry) -> Self {
        match e.result {
            Ok(l) => Entry {
                key: crate::state::key_for(&e.path),
                path: e.path,
                briefing: Some(Arc::new(l.briefing)),
                error: None,
            },
            Err(err) => Entry {
                key: crate::state::key_for(&e.path),
                path: e.path,
                briefing: None,
                error: Some(err.to_string()),
            },
        }
    }
}

impl App {
    /// Layout options for the current terminal size.
    pub fn layout_opts(&self) -> LayoutOptions {
        let col = text_width_max(self.size.0, self.max_width);
        // Hanging punctuation reaches past the text column into the right
        // margin; without a margin (a narrow terminal) the text is laid out
        // narrower to make room.
        let (width, hanging) = if !self.hanging {
            (col, false)
        } else if hang_margin(self.size.0, col) {
            (col, true)
        } else if col > 2 * HANG_CELLS {
            (col - HANG_CELLS, true)
        } else {
            (col, false)
        };
        LayoutOptions {
            width,
            widths: self.widths,
            target: Target::Terminal,
            ruby: self.ruby,
            hanging,
        }
    }

    /// Rows available for the page text (between the header and the status bar).
    pub fn body_height(&self) -> usize {
        match self.size.1 {
            0 | 1 => 0,
            2 => 1,
            h => h - 2,
        }
    }

    pub fn resize(&mut self, w: usize, h: usize) {
        self.size = (w, h);
        let opts = self.layout_opts();
        let height = self.body_height();
        if let Some(r) = &mut self.reader {
            r.set_opts(opts);
            r.scroll = r.scroll.min(r.max_scroll(height));
        }
    }

    /// Which key context is active.
    pub fn context(&self) -> Context {
        if self.prompt_open() {
            return Context::Prompt;
        }
        match (&self.overlay, &self.reader) {
            (Some(Overlay::Toc { .. } | Overlay::Links { .. }), _) => Context::List,
            (Some(_), Some(_)) | (None, Some(_)) => Context::Reader,
            (_, None) => Context::Library,
        }
    }

    /// Whether the search prompt (or the library filter's) takes the keys.
    pub fn prompt_open(&self) -> bool {
        if self.overlay.is_some() {
            return false;
        }
        match &self.reader {
            Some(r) => r.find.as_ref().is_some_and(|f| f.editing),
            None => self.filter.as_ref().is_some_and(|f| f.editing),
        }
    }

    /// The library entries shown (all, or those the filter keeps).
    pub fn shown(&self) -> Vec<usize> {
        match &self.filter {
            Some(f) => f.shown.clone(),
            None => (0..self.entries.len()).collect(),
        }
    }

    fn open_selected(&mut self) {
        let opts = self.layout_opts();
        match self.entries.get(self.selected) {
            Some(Entry {
                briefing: Some(b), ..
            }) => {
                let mut r = Reader::new(Arc::clone(b), opts);
                r.set_kana(self.kana);
                r.vertical = self.vertical;
                self.reader = Some(r);
                self.restore_position();
            }
            Some(Entry { error: Some(e), .. }) => {
                self.overlay = Some(Overlay::Error {
                    text: e.clone(),
                    scroll: 0,
                });
            }
            _ => {}
        }
    }

    /// The remembered state of entry `i`, if any.
    pub fn entry_state(&self, i: usize) -> Option<&BriefingState> {
        self.entries
            .get(i)
            .and_then(|e| self.state.briefings.get(&e.key))
    }

    /// Whether entry `i` (a briefing that loaded) has not been read yet.
    pub fn is_unread(&self, i: usize) -> bool {
        self.entries.get(i).is_some_and(|e| e.briefing.is_some())
            && !self.entry_state(i).is_some_and(|s| s.read)
    }

    fn entry_state_mut(&mut self, i: usize) -> Option<&mut BriefingState> {
        let key = self.entries.get(i)?.key.clone();
        Some(self.state.briefings.entry(key).or_default())
    }

    /// Use `state` (read at launch) and reopen the open briefing where it was left.
    pub fn set_state(&mut self, state: State) {
        self.state = state;
        self.last_viewed = None;
        self.restore_position();
        self.mark_viewed();
    }

    /// Put the open reader at its remembered page and scroll (clamped).
    fn restore_position(&mut self) {
        let Some(saved) = self.entry_state(self.selected).cloned() else {
            return;
        };
        let height = self.body_height();
        if let Some(r) = &mut self.reader {
            r.page = saved.page.min(r.pages() - 1);
            r.scroll = saved.scroll.min(r.max_scroll(height));
        }
    }

    /// Record the open reader's page and scroll in the state.
    pub fn remember_position(&mut self) {
        let Some((page, scroll)) = self.reader.as_ref().map(|r| (r.page, r.scroll)) else {
            return;
        };
        if let Some(s) = self.entry_state_mut(self.selected) {
            s.page = page;
            s.scroll = scroll;
        }
    }

    /// Mark the open briefing and the section on screen read, once per page visit
    /// (so `u` can mark the page on screen unread again).
    fn mark_viewed(&mut self) {
        let Some(page) = self.reader.as_ref().map(|r| r.page) else {
            return;
        };
        let Some(path) = self.entries.get(self.selected).map(|e| e.path.clone()) else {
            return;
        };
        let here = Some((path, page));
        if self.last_viewed == here {
            return;
        }
        self.last_viewed = here;
        if let Some(s) = self.entry_state_mut(self.selected) {
            s.read = true;
            if let Some(sec) = page.checked_sub(1) {
                s.set_section_read(sec, true);
            }
        }
    }

    /// `u`: the selected briefing (library, or the cover) or the current
    /// section (reader) becomes read if unread, unread if read.
    fn toggle_read(&mut self) {
        let section = self.reader.as_ref().and_then(Reader::section);
        let Some(true) = self
            .entries
            .get(self.selected)
            .map(|e| e.briefing.is_some())
        else {
            self.status = Some("nothing to mark here".into());
            return;
        };
        let Some(s) = self.entry_state_mut(self.selected) else {
            return;
        };
        let msg = match section {
            Some(sec) => {
                let read = !s.section_read(sec);
                s.set_section_read(sec, read);
                if read {
                    "section marked read"
                } else {
                    "section marked unread"
                }
            }
            None => {
                s.read = !s.read;
                if s.read {
                    "briefing marked read"
                } else {
                    "briefing marked unread"
                }
            }
        };
        self.status = Some(msg.into());
    }

    /// Replace the library with a fresh load of the same path (live reload).
    /// The selection follows its file; an open briefing keeps its page and
    /// (clamped) scroll. A file that now fails keeps its last good content
    /// on screen and in the list, and its error is shown in the status bar.
    pub fn reload(&mut self, lib: Library) {
        // The fresh load is complete: files still arriving would be doubles.
        self.incoming = None;
        self.loading = 0;
        let old_path = self.entries.get(self.selected).map(|e| e.path.clone());
        let mut fresh = entries_of(lib);
        let mut errors = Vec::new();
        for e in &mut fresh {
            if let Some(err) = &e.error {
                let old = self.entries.iter().find(|o| o.path == e.path);
                if let Some(good) = old.and_then(|o| o.briefing.clone()) {
                    errors.push(err.lines().next().unwrap_or("").to_string());
                    e.briefing = Some(good);
                }
            }
        }
        let kept = old_path.and_then(|p| fresh.iter().position(|e| e.path == p));
        if kept.is_none() && self.reader.is_some() {
            // Remembered under the removed file, while `selected` still is it.
            self.remember_position();
            self.reader = None;
            self.status = Some("the open briefing was removed".into());
        }
        self.entries = fresh;
        self.selected = kept.unwrap_or(self.selected.min(self.entries.len().saturating_sub(1)));
        self.texts_changed();
        self.reload_error = errors
            .first()
            .map(|e| format!("not reloaded (last good version shown): {e}"));
        let opts = self.layout_opts();
        let height = self.body_height();
        if let Some(r) = &mut self.reader
            && let Some(b) = self
                .entries
                .get(self.selected)
                .and_then(|e| e.briefing.clone())
            && !Arc::ptr_eq(&b, &r.briefing)
        {
            let (page, scroll) = (r.page, r.scroll);
            let mut fresh = Reader::new(b, opts);
            fresh.set_kana(self.kana);
            fresh.vertical = r.vertical;
            fresh.vcol = r.vcol;
            fresh.page = page.min(fresh.pages() - 1);
            fresh.scroll = scroll.min(fresh.max_scroll(height));
            *r = fresh;
            if let Some(Overlay::Toc { selected }) = &mut self.overlay {
                *selected = (*selected).min(r.pages() - 1);
            }
            if let Some(Overlay::Links { selected, .. }) = &mut self.overlay {
                *selected = (*selected).min(r.links.len().saturating_sub(1));
            }
        }
    }

    /// Apply an action; returns the side effects to perform.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.status = None;
        if action == Action::Quit {
            self.remember_position();
            self.quit = true;
            return Vec::new();
        }
        let height = self.body_height();
        if self.prompt_open() {
            self.update_prompt(action, height);
            return Vec::new();
        }
        let effects = match self.overlay.take() {
            Some(o) => self.update_overlay(o, action, height),
            None => match self.reader.is_some() {
                true => self.update_reader(action, height),
                false => {
                    self.update_library(action, height);
                    Vec::new()
                }
            },
        };
        self.mark_viewed();
        effects
    }

    fn update_overlay(&mut self, o: Overlay, action: Action, height: usize) -> Vec<Effect> {
        match o {
            Overlay::Help { scroll } | Overlay::Error { scroll, .. }
                if matches!(action, Action::Back | Action::Help) =>
            {
                let _ = scroll;
            }
            Overlay::Help { scroll } => {
                self.overlay = Some(Overlay::Help {
                    scroll: scrolled(scroll, action, height),
                });
            }
            Overlay::Error { text, scroll } => {
                self.overlay = Some(Overlay::Error {
                    scroll: scrolled(scroll, action, height),
                    text,
                });
            }
            Overlay::Toc { selected } => {
                let n = self.reader.as_ref().map_or(1, Reader::pages);
                match action {
                    Action::Back => {}
                    Action::Enter => {
                        if let Some(r) = &mut self.reader {
                            r.go_to_page(selected);
                        }
                    }
                    Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
                    a => {
                        self.overlay = Some(Overlay::Toc {
                            selected: moved(selected, a, n, height),
                        })
                    }
                }
            }
            Overlay::Links {
                selected,
                mut typed,
            } => {
                let n = self.reader.as_ref().map_or(0, |r| r.links.len());
                let url = |i: usize| {
                    self.reader
                        .as_ref()
                        .and_then(|r| r.links.get(i))
                        .map(|l| l.url.clone())
                };
                match action {
                    Action::Back => {}
                    Action::Enter => {
                        let pick = typed
                            .parse::<usize>()
                            .ok()
                            .and_then(|k| k.checked_sub(1))
                            .unwrap_or(selected);
                        if let Some(u) = url(pick) {
                            return vec![Effect::Open(u)];
                        }
                        self.status = Some(format!("no link number {typed}"));
                        self.overlay = Some(Overlay::Links {
                            selected,
                            typed: String::new(),
                        });
                    }
                    Action::Copy => {
                        self.overlay = Some(Overlay::Links { selected, typed });
                        return url(selected).map(Effect::Copy).into_iter().collect();
                    }
                    Action::Digit(d) => {
                        typed.push(char::from(b'0' + d));
                        let k: usize = typed.parse().unwrap_or(0);
                        // Open at once when no longer number can start with these digits.
                        if k >= 1 && k <= n && k * 10 > n {
                            return url(k - 1).map(Effect::Open).into_iter().collect();
                        }
                        if k == 0 || k > n {
                            self.status = Some(format!("no link number {typed}"));
                            typed.clear();
                        }
                        let selected = if k >= 1 && k <= n { k - 1 } else { selected };
                        self.overlay = Some(Overlay::Links { selected, typed });
                    }
                    Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
                    a => {
                        self.overlay = Some(Overlay::Links {
                            selected: moved(selected, a, n.max(1), height),
                            typed: String::new(),
                        })
                    }
                }
            }
        }
        Vec::new()
    }

    fn update_reader(&mut self, action: Action, height: usize) -> Vec<Effect> {
        let per = crate::vertical::columns_in(self.layout_opts().width);
        let Some(r) = &mut self.reader else {
            return Vec::new();
        };
        if action == Action::ToggleVertical {
            r.toggle_vertical(height);
            return Vec::new();
        }
        if r.vertical {
            if r.move_vertical(action, height, per) {
                return Vec::new();
            }
            if action == Action::ScreenDown {
                if r.page + 1 < r.pages() {
                    r.go_to_page(r.page + 1);
                }
                return Vec::new();
            }
        }
        let max = r.max_scroll(height);
        let screen = height.saturating_sub(1).max(1);
        match action {
            Action::Down => r.scroll = (r.scroll + 1).min(max),
            Action::Up => r.scroll = r.scroll.saturating_sub(1),
            Action::ScreenDown => {
                if r.scroll >= max && r.page + 1 < r.pages() {
                    r.go_to_page(r.page + 1);
                } else {
                    r.scroll = (r.scroll + screen).min(max);
                }
            }
            Action::ScreenUp => r.scroll = r.scroll.saturating_sub(screen),
            Action::Top => r.scroll = 0,
            Action::Bottom => r.scroll = max,
            Action::NextPage => {
                if r.page + 1 < r.pages() {
                    r.go_to_page(r.page + 1);
                } else {
                    self.status = Some("last page".into());
                }
            }
            Action::PrevPage => {
                if r.page > 0 {
                    r.go_to_page(r.page - 1);
                } else {
                    self.status = Some("first page".into());
                }
            }
            Action::Toc => self.overlay = Some(Overlay::Toc { selected: r.page }),
            Action::Links => {
                if r.links.is_empty() {
                    self.status = Some("this briefing cites no sources".into());
                } else {
                    let selected = r
                        .section()
                        .and_then(|s| r.links.iter().position(|l| l.section == s))
                        .unwrap_or(0);
                    self.overlay = Some(Overlay::Links {
                        selected,
                        typed: String::new(),
                    });
                }
            }
            Action::OpenSource => {
                let link = r
                    .section()
                    .and_then(|s| r.links.iter().find(|l| l.section == s));
                match link {
                    Some(l) => return vec![Effect::Open(l.url.clone())],
                    None if r.section().is_none() => {
                        self.status = Some("the cover has no source: turn to a section (l)".into())
                    }
                    None => self.status = Some("this section cites no source".into()),
                }
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ToggleRead => self.toggle_read(),
            Action::Search => {
                r.find = Some(Find {
                    query: String::new(),
                    editing: true,
                    origin: (r.page, r.scroll),
                    hits: Vec::new(),
                    current: None,
                });
                r.start_index();
            }
            Action::NextMatch | Action::PrevMatch => {
                let Some(f) = r.find.as_ref().filter(|f| !f.hits.is_empty()) else {
                    self.status = Some(if r.indexing() && r.find.is_some() {
                        "searching…".into()
                    } else {
                        "no search: press / to search".into()
                    });
                    return Vec::new();
                };
                let m = f.hits.len();
                let k = match (f.current, action) {
                    (None, _) => r.hit_from(r.page, r.scroll).unwrap_or(0),
                    (Some(k), Action::NextMatch) => (k + 1) % m,
                    (Some(k), _) => (k + m - 1) % m,
                };
                match (f.current, action) {
                    (Some(c), Action::NextMatch) if k < c => {
                        self.status = Some("search wrapped to the first match".into())
                    }
                    (Some(c), Action::PrevMatch) if k > c => {
                        self.status = Some("search wrapped to the last match".into())
                    }
                    _ => {}
                }
                r.show_hit(k, height);
                if r.vertical {
                    r.show_hit_vertical(height, per);
                }
            }
            Action::Back if r.find.is_some() => r.find = None,
            Action::Back => {
                self.remember_position();
                self.reader = None;
                self.last_viewed = None;
                if self.single {
                    self.quit = true;
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn update_library(&mut self, action: Action, height: usize) {
        match action {
            Action::Enter if self.filter.as_ref().is_some_and(|f| f.shown.is_empty()) => {
                self.status = Some("no briefing matches the filter".into());
            }
            Action::Enter => {
                self.cursor_moved = true;
                self.open_selected();
            }
            Action::ShowError => match self
                .entries
                .get(self.selected)
                .and_then(|e| e.error.clone())
            {
                Some(text) => self.overlay = Some(Overlay::Error { text, scroll: 0 }),
                None => self.status = Some("this briefing loaded without errors".into()),
            },
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ToggleRead => self.toggle_read(),
            Action::Search => {
                let query = self.filter.take().map(|f| f.query).unwrap_or_default();
                self.filter = Some(Filter {
                    query,
                    editing: true,
                    shown: Vec::new(),
                });
                self.refilter();
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
            }
            Action::Back => self.quit = true,
            a => {
                let shown = self.shown();
                let pos = shown.iter().position(|&i| i == self.selected).unwrap_or(0);
                if let Some(&i) = shown.get(moved(pos, a, shown.len().max(1), height)) {
                    self.selected = i;
                    self.cursor_moved = true;
                }
            }
        }
    }

    /// Keys while a prompt is open: edit, confirm, cancel.
    fn update_prompt(&mut self, action: Action, height: usize) {
        if let Some(r) = &mut self.reader {
            let Some(f) = r.find.as_mut() else { return };
            let (page, scroll) = f.origin;
            match action {
                Action::Insert(_) | Action::DeleteBack => edit_query(&mut f.query, action),
                Action::ToggleKana => {
                    self.kana = !self.kana;
                    r.set_kana(self.kana);
                }
                Action::Enter => {
                    f.editing = false;
                    if f.query.is_empty() {
                        r.find = None;
                    } else if r.indexing.is_some() {
                        // The first match is shown when the index arrives.
                    } else if f.hits.is_empty() {
                        self.status = Some(format!(
                            "no match for {}",
                            crate::text::sanitize_line(&f.query)
                        ));
                        r.find = None;
                    }
                    return;
                }
                Action::Back => {
                    let (page, scroll) = f.origin;
                    r.find = None;
                    r.go_to_page(page);
                    r.scroll = scroll;
                    return;
                }
                _ => return,
            }
            // Incremental: matches over every page, the view on the first
            // match from where the search started.
            r.refresh_hits();
            r.go_to_page(page);
            r.scroll = scroll;
            if let Some(k) = r.hit_from(page, scroll) {
                r.show_hit(k, height);
            }
            return;
        }
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        match action {
            Action::Insert(_) | Action::DeleteBack => edit_query(&mut f.query, action),
            Action::ToggleKana => {
                self.kana = !self.kana;
                self.texts_changed();
                return;
            }
            Action::Enter => {
                f.editing = false;
                if f.query.is_empty() {
                    self.filter = None;
                }
                return;
            }
            Action::Back => {
                self.filter = None;
                return;
            }
            _ => return,
        }
        self.refilter();
    }
}

/// The rows of a loaded library.
fn entries_of(lib: Library) -> Vec<Entry> {
    lib.entries.into_iter().map(Entry::from).collect()
}

/// Apply a prompt edit (a typed character, Backspace) to a query.
fn edit_query(query: &mut String, action: Action) {
    match action {
        Action::Insert(c) => query.push(c),
        Action::DeleteBack => {
            query.pop();
        }
        _ => {}
    }
}

/// A selection moved by a movement action within `n` items.
fn moved(sel: usize, a: Action, n: usize, height: usize) -> usize {
    let last = n.saturating_sub(1);
    let screen = height.saturating_sub(1).max(1);
    match a {
        Action::Down => (sel + 1).min(last),
        Action::Up => sel.saturating_sub(1),
        Action::ScreenDown => (sel + screen).min(last),
        Action::ScreenUp => sel.saturating_sub(screen),
        Action::Top => 0,
        Action::Bottom => last,
        _ => sel,
    }
}

/// A scroll offset moved by a movement action (the view clamps it).
fn scrolled(s: usize, a: Action, height: usize) -> usize {
    moved(s, a, usize::MAX / 2, height)
}
