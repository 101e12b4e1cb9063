//! The application: a router between the screens. It holds which screen
//! is on ([`Screen`]: the library list, or a briefing in the reader), an
//! optional [`Overlay`], the status message and what every screen shares
//! (the keys, widths, terminal size, the remembered state). [`App::update`]
//! takes a [`Input`] (an action, or the terminal's new size) and hands it to
//! whoever has the keys ([`App::mode`]): the prompt, the overlay or the
//! screen; each answers with an [`Outcome`] that the app applies. No
//! terminal here, so every key's behaviour is testable without a screen.
//!
//! The router imports the screens and their shared vocabulary
//! ([`crate::tui::screen`], [`crate::tui::draw`]); no screen imports the
//! router. Its own parts: the frame around the screens ([`view`]), the
//! reading state's bookkeeping ([`reading`]), the page's geometry
//! (`geometry`), the read-mark keys (`unread`), live reload (`reload`),
//! the search history (`history`), clicks (`click`) and `r`'s sync
//! ([`sync`]).
//!
//! Work that runs in the background (a folder loading, a long briefing's
//! search index, a large library's filter texts) is taken in by
//! [`App::poll_background`].

mod click;
pub mod feedview;
mod geometry;
mod history;
pub mod reading;
mod reload;
pub mod sync;
mod unread;
pub mod view;

use std::path::PathBuf;

pub use super::draw::{hang_margin, text_width_max};
pub use super::library::{FILTER_IN_BACKGROUND, Filter, Item, LibraryScreen};
pub use super::overlay::Overlay;
pub use super::reader::{Find, Highlight, Hit, PAGE_TEXTS_IN_BACKGROUND, Reader};
pub use super::screen::{Effect, Input};

use super::keys::{Action, Context, Keymap};
use super::screen::Outcome;
use crate::library::Library;
use crate::reading::ReadingSpeed;
use crate::search::SearchOptions;
use crate::state::State;
use crate::text::WidthOptions;

/// The screen on: the list, or a briefing (with the list kept under it).
#[derive(Debug)]
pub enum Screen {
    Library,
    Reader(Box<Reader>),
}

/// Who has the keys: worked out here only, from the screen, the overlay
/// and the prompts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Library,
    Reader,
    /// The search or filter prompt: keys are text.
    Prompt,
    /// The contents or links overlay.
    List,
    /// The help or error overlay.
    Pager,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The list of briefings (also under the reader).
    pub library: LibraryScreen,
    pub(crate) screen: Screen,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) status: Option<String>,
    pub quit: bool,
    /// Opened on one file: leaving the reader quits.
    single: bool,
    pub widths: WidthOptions,
    /// Terminal size in cells (width, height).
    size: (usize, usize),
    /// The keys (the built-in table, remapped by the configuration).
    pub keymap: Keymap,
    /// The widest text column (the configuration's `max_width`).
    pub max_width: usize,
    /// How readings are shown (the configuration's `ruby`).
    pub ruby: crate::layout::RubyMode,
    /// Briefings open in vertical writing (the configuration's `vertical`).
    vertical: bool,
    /// `。` and `、` may hang past full lines (the configuration's
    /// `hanging_punctuation`).
    pub hanging: bool,
    /// How fast the reader reads (the configuration's `reading_speed`),
    /// for the estimates on the cover and each section.
    pub reading_speed: ReadingSpeed,
    /// Remembered positions and read marks.
    pub state: State,
    /// Where they are kept, and what could not be saved ([`reading`]).
    pub keeping: reading::Keeping,
    /// `A`'s question and its undo ([`unread`]).
    marking: unread::Marking,
    /// A persistent message (the last reload failed), shown when `status` is empty.
    pub(crate) reload_error: Option<String>,
    /// Searches and the filter fold katakana to hiragana (`Ctrl-k` in a
    /// prompt), for the rest of the session.
    pub(crate) kana: bool,
    /// A sync started with `r`, running in the background.
    sync: Option<sync::SyncJob>,
    /// Where `r` syncs (default: the XDG places).
    pub sync_paths: Option<crate::feeds::sync::Paths>,
    /// A sync finished and the list should be loaded again.
    synced: bool,
    /// The feed list (`F`), shown instead of the briefing list when on.
    pub feeds: super::feeds::FeedList,
    /// One feed's articles open as one briefing (from the feed list).
    pub(crate) feed_view: Option<feedview::FeedView>,
    /// `sync_every`: how often to sync in the background.
    pub sync_every: Option<std::time::Duration>,
    /// When `sync_every` last looked whether a sync is due, and last
    /// started one.
    auto_checked: Option<std::time::Instant>,
    auto_started: Option<std::time::Instant>,
    /// `notify_command`: run after a sync that brought new articles.
    pub notify_command: Vec<String>,
    /// `a`: the article read over the briefing, and its fetch.
    pub article: super::article::ArticleScreen,
}

impl App {
    pub fn new(lib: Library, single: bool, widths: WidthOptions, size: (usize, usize)) -> Self {
        let mut app = App {
            library: LibraryScreen::new(lib),
            screen: Screen::Library,
            overlay: None,
            status: None,
            quit: false,
            single,
            widths,
            size,
            keymap: Keymap::default(),
            max_width: crate::config::DEFAULT_MAX_WIDTH,
            ruby: crate::layout::RubyMode::Above,
            vertical: false,
            hanging: false,
            reading_speed: ReadingSpeed::default(),
            state: State::default(),
            keeping: reading::Keeping::default(),
            marking: unread::Marking::default(),
            reload_error: None,
            kana: false,
            sync: None,
            sync_paths: None,
            synced: false,
            feeds: super::feeds::FeedList::default(),
            feed_view: None,
            sync_every: None,
            auto_checked: None,
            auto_started: None,
            notify_command: Vec::new(),
            article: super::article::ArticleScreen::default(),
        };
        if single {
            app.open_selected();
            if app.reader().is_none() {
                app.overlay = app
                    .library
                    .items
                    .first()
                    .and_then(|e| e.error.clone())
                    .map(|text| Overlay::Error { text, scroll: 0 });
            }
        }
        app
    }

    /// The briefing open in the reader, under the article read over it
    /// (`a`) if one is: what positions and read marks belong to.
    pub(crate) fn briefing_reader(&self) -> Option<&Reader> {
        match &self.screen {
            Screen::Reader(r) => Some(r),
            Screen::Library => None,
        }
    }

    /// The briefing being read, if one is (the article read over it with
    /// `a`, when one is).
    pub fn reader(&self) -> Option<&Reader> {
        if let (Some(a), Screen::Reader(_)) = (&self.article.open, &self.screen) {
            return Some(a);
        }
        match &self.screen {
            Screen::Reader(r) => Some(r),
            Screen::Library => None,
        }
    }

    fn reader_mut(&mut self) -> Option<&mut Reader> {
        if let (Some(a), Screen::Reader(_)) = (&mut self.article.open, &self.screen) {
            return Some(a);
        }
        match &mut self.screen {
            Screen::Reader(r) => Some(r),
            Screen::Library => None,
        }
    }

    /// The message the status bar shows instead of the key hints: this
    /// action's, else the last reload's failure.
    pub fn message(&self) -> Option<&str> {
        self.status.as_deref().or(self.reload_error.as_deref())
    }

    /// Who has the keys.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.reader()) {
            (Some(o), _) if o.is_list() => Mode::List,
            (Some(_), _) => Mode::Pager,
            (None, Some(r)) if r.prompt_open() => Mode::Prompt,
            (None, Some(_)) => Mode::Reader,
            (None, None) if self.library.prompt_open() || self.feeds.prompt_open() => Mode::Prompt,
            (None, None) => Mode::Library,
        }
    }

    /// Which key context is active.
    pub fn context(&self) -> Context {
        match self.mode() {
            Mode::Prompt => Context::Prompt,
            Mode::List => Context::List,
            Mode::Reader => Context::Reader,
            Mode::Pager if self.reader().is_some() => Context::Reader,
            Mode::Pager | Mode::Library => Context::Library,
        }
    }

    /// Search options for the library filter.
    fn filter_opts(&self) -> SearchOptions {
        SearchOptions {
            kana_insensitive: self.kana,
            widths: self.widths,
        }
    }

    /// Take in work finished in the background (files loaded, the search
    /// index, the filter's texts): true when something changed on screen.
    pub fn poll_background(&mut self) -> bool {
        let opts = self.filter_opts();
        let taken = self.library.poll(opts);
        let mut listed = taken.changed
            | self.poll_sync()
            | self.poll_timer()
            | self.poll_article()
            | self.poll_feed_open();
        if let Some(list) = taken.relisted {
            self.relist(list);
            listed = true;
        }
        if self.reader().is_none() && self.refresh_state() {
            listed = true;
        }
        if listed {
            self.resolve_counts();
        }
        let height = self.body_height();
        let Some(r) = self.reader_mut() else {
            return listed;
        };
        match r.poll(height) {
            None => listed,
            Some(outcome) => {
                self.apply(outcome);
                self.settle();
                true
            }
        }
    }

    /// Whether work is going on in the background (a folder loading, the
    /// search index or the filter's texts being built): the screen is then
    /// refreshed more often.
    pub fn busy(&self) -> bool {
        self.library.busy()
            || self.reader().is_some_and(Reader::building_texts)
            || self.syncing()
            || self.article.fetching()
            || self.feeds.opening.is_some()
    }

    /// Load `files` in the background; they join the list as they arrive.
    pub fn start_loading(&mut self, files: Vec<PathBuf>) {
        self.library.start_loading(files);
    }

    /// List the folder `dir` by its metadata: at once from the cache, then
    /// checked against its files in the background
    /// ([`LibraryScreen::open_folder`]).
    pub fn open_folder(&mut self, dir: &std::path::Path) -> Result<(), crate::briefing::LoadError> {
        self.library.open_folder(dir)
    }

    /// Start the work that waits for the first frame (a folder's check
    /// against its files).
    pub fn start_background(&mut self) {
        self.library.start_check();
    }

    /// The folder changed on disk: check it again in the background.
    pub fn recheck(&mut self) {
        self.library.recheck();
    }

    /// Open the selected briefing (read from its file unless held), or
    /// show why it cannot be.
    fn open_selected(&mut self) {
        // A briefing of the list replaces a feed's briefing, if one is open.
        self.feed_view = None;
        let opts = self.layout_opts();
        let loaded = match self.library.current() {
            Some(e) if e.briefing.is_some() || e.meta.is_some() => e.load(),
            Some(Item { error: Some(e), .. }) => Err(e.clone()),
            _ => return,
        };
        match loaded {
            Ok(b) => {
                let mut r = Reader::new(b, opts);
                r.set_kana(self.kana);
                r.vertical = self.vertical;
                self.screen = Screen::Reader(Box::new(r));
                if !self.carry_filter_in() {
                    self.restore_position();
                }
            }
            Err(text) => self.overlay = Some(Overlay::Error { text, scroll: 0 }),
        }
    }

    /// Apply a message (an action, a new size); returns the side effects to perform.
    pub fn update(&mut self, msg: impl Into<Input>) -> Vec<Effect> {
        let action = match msg.into() {
            Input::Resize { width, height } => {
                self.resize(width, height);
                self.settle();
                return Vec::new();
            }
            Input::Click { x, y } => {
                self.click(x, y);
                return Vec::new();
            }
            Input::Action(a) => a,
        };
        let said = self.status.take().or_else(|| self.reload_error.clone());
        if action == Action::Quit {
            self.remember_position();
            self.quit = true;
            return Vec::new();
        }
        if let Some(items) = self.marking.confirm.take() {
            self.answer_mark_all(items, action);
            return Vec::new();
        }
        let height = self.body_height();
        let mode = self.mode();
        // `e` shows the message in the status bar whole (the library's `e`
        // shows a failed file's error first).
        let file_failed = self.library.current().is_some_and(|e| e.error.is_some());
        if action == Action::ShowError
            && (mode == Mode::Reader || (mode == Mode::Library && !file_failed))
            && let Some(text) = said
        {
            self.overlay = Some(Overlay::Message { text, scroll: 0 });
            return Vec::new();
        }
        if mode == Mode::Prompt {
            let (widths, mut kana) = (self.widths, self.kana);
            match &mut self.screen {
                Screen::Reader(_) => {
                    if self.search_prompt_key(action, height).is_some() {
                        return Vec::new();
                    }
                    self.remember_confirmed(action);
                    let Some(r) = self.reader_mut() else {
                        return Vec::new();
                    };
                    let outcome = r.update_prompt(action, height, &mut kana);
                    self.kana = kana;
                    self.apply(outcome);
                }
                Screen::Library if self.feeds.prompt_open() => {
                    self.feeds.kana = kana;
                    self.feeds.update_prompt(action);
                    self.kana = self.feeds.kana;
                }
                Screen::Library => {
                    self.library.update_prompt(action, &mut kana, widths);
                    self.kana = kana;
                }
            }
            self.settle();
            return Vec::new();
        }
        // `Esc` while an article is being fetched stops the fetch.
        if action == Action::Back && self.overlay.is_none() && self.article.cancel() {
            self.status = Some(crate::i18n::t(crate::i18n::Msg::ArticleCancelled).into());
            return Vec::new();
        }
        if self.overlay.is_none() {
            match action {
                Action::NextUnread if self.article.is_open() => {}
                Action::NextUnread if self.feed_view.is_some() && mode == Mode::Reader => {
                    self.feed_next_unread();
                    self.mark_viewed();
                    return Vec::new();
                }
                Action::NextUnread => {
                    self.next_unread();
                    self.mark_viewed();
                    return Vec::new();
                }
                Action::MarkAllRead if mode == Mode::Library => {
                    self.mark_all_read();
                    return Vec::new();
                }
                Action::UndoMarkAll if mode == Mode::Library => {
                    self.undo_mark_all();
                    return Vec::new();
                }
                Action::FeedList if mode == Mode::Library => {
                    self.toggle_feed_list();
                    return Vec::new();
                }
                Action::SyncAll if mode == Mode::Library => {
                    self.start_sync_of(None);
                    return Vec::new();
                }
                _ if mode == Mode::Library
                    && self.feeds.on
                    && self.feed_list_key(action, height) =>
                {
                    return Vec::new();
                }
                Action::Sync if mode == Mode::Library => {
                    self.start_sync();
                    return Vec::new();
                }
                _ => {}
            }
        }
        let resumed = if self.overlay.is_none() {
            self.resume_last_search(action, height)
        } else {
            None
        };
        let outcome = if let Some(outcome) = resumed {
            outcome
        } else if let Some(o) = self.overlay.take() {
            let (kept, outcome) = o.update(action, height, self.reader_mut());
            self.overlay = kept;
            outcome
        } else {
            let (opts, per) = (self.filter_opts(), self.columns_per_screen());
            match (&mut self.screen, &mut self.article.open) {
                (Screen::Reader(_), Some(a)) => a.update(action, height, per),
                (Screen::Reader(r), None) => r.update(action, height, per),
                (Screen::Library, _) => self.library.update(action, height, opts),
            }
        };
        let effects = self.apply(outcome);
        self.mark_viewed();
        self.settle();
        effects
    }

    /// Carry out what a screen asked for.
    fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Stay => {}
            Outcome::Status(s) => self.status = Some(s),
            Outcome::Overlay(o) => self.overlay = Some(o),
            Outcome::Effect(e) => return vec![e],
            Outcome::Open => self.open_selected(),
            Outcome::Close if self.article.is_open() => {
                // Back from the article to the briefing, where it was.
                self.article.close();
            }
            Outcome::ReadArticle(url) => {
                let (opts, vertical) = (self.layout_opts(), self.vertical);
                let timeouts = self.fetch_timeouts();
                self.status = Some(self.article.start(&url, timeouts, opts, vertical));
            }
            Outcome::Close => {
                self.remember_position();
                self.feed_view = None;
                self.refresh_state();
                self.article = Default::default();
                self.screen = Screen::Library;
                self.keeping.last_viewed = None;
                if self.single {
                    self.quit = true;
                }
            }
            Outcome::ToggleRead if self.article.is_open() => {
                self.status = Some(crate::i18n::t(crate::i18n::Msg::NothingToMark).into());
            }
            Outcome::ToggleRead => self.toggle_read(),
            Outcome::Quit => self.quit = true,
        }
        Vec::new()
    }
}

impl App {
    /// Take in the article's fetch: true when something changed on screen.
    fn poll_article(&mut self) -> bool {
        let (opts, vertical) = (self.layout_opts(), self.vertical);
        match self.article.poll(opts, vertical) {
            super::article::Polled::Nothing => false,
            super::article::Polled::Opened(s) | super::article::Polled::Failed(s) => {
                self.status = Some(s);
                true
            }
        }
    }
}
