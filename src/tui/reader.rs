//! The reader screen: one briefing, page by page. It owns its pages (laid
//! out lazily at the current width and kept until the width changes), the
//! scroll position and the search ([`find`]); its update turns an action
//! into an [`Outcome`] for the app, and it draws its page (`draw`; in
//! vertical writing, the columns kept by `columns` and drawn by
//! `draw_columns`), its header, its place in the status bar and its key
//! hints.

mod columns;
mod draw;
mod draw_columns;
pub mod find;

use crate::i18n::{Msg, t, tf};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

pub use columns::{Lit, Tate};
pub use draw_columns::per_screen;
pub use find::{Find, Highlight, Hit, PAGE_TEXTS_IN_BACKGROUND};

use super::draw::Hints;
use super::job::Latest;
use super::keys::{Action, Context};
use super::overlay::Overlay;
use super::prompt::{Edit, kana_mark};
use super::screen::{Effect, Outcome};
use crate::briefing::Briefing;
use crate::layout::{self, LayoutOptions, Line, Link, Page, page_count};
use crate::search::{PageText, SearchOptions};
use crate::text::ruby::inline_line;
use crate::text::sanitize_line;

/// Pages laid out at one width, each the first time it is needed (drawing
/// included: the cache is not state anyone sees), kept until the width changes.
#[derive(Debug)]
struct LayoutCache {
    opts: LayoutOptions,
    pages: Vec<OnceCell<Page>>,
}

impl LayoutCache {
    fn new(opts: LayoutOptions, n: usize) -> LayoutCache {
        LayoutCache {
            opts,
            pages: (0..n).map(|_| OnceCell::new()).collect(),
        }
    }

    /// Fill the pages not laid out yet with `pages` (laid out elsewhere).
    fn fill(&mut self, pages: Vec<Page>) {
        for (slot, page) in self.pages.iter_mut().zip(pages) {
            let _ = slot.set(page);
        }
    }
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
    search_opts: SearchOptions,
    cache: LayoutCache,
    /// Normalised text of every page, built when a search starts (per width).
    page_texts: Option<Vec<PageText>>,
    /// The page texts being made in the background, if they are.
    texts_build: Latest<(), find::PageTexts>,
    /// Pages are shown in vertical writing (`v`).
    pub vertical: bool,
    /// The first column shown of a vertical page.
    pub vcol: usize,
    /// The current page laid out vertically, kept while it is shown (made
    /// the first time it is needed, drawing included).
    tate: RefCell<Option<Rc<Tate>>>,
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
            cache: LayoutCache::new(opts, n),
            page_texts: None,
            texts_build: Latest::default(),
            vertical: false,
            vcol: 0,
            tate: RefCell::new(None),
        }
    }

    pub fn pages(&self) -> usize {
        self.cache.pages.len()
    }

    /// The lines of page `p` at the current width.
    pub fn lines_of(&self, p: usize) -> &[Line] {
        let p = p.min(self.pages() - 1);
        let opts = self.cache.opts;
        &self.cache.pages[p]
            .get_or_init(|| layout::layout_page(&self.briefing, p, opts))
            .lines
    }

    pub fn lines(&self) -> &[Line] {
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
        self.cache = LayoutCache::new(opts, self.pages());
        self.search_opts.widths = opts.widths;
        *self.tate.get_mut() = None;
        self.page_texts = None;
        self.texts_build.clear();
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

    pub(super) fn max_scroll(&self, height: usize) -> usize {
        self.lines().len().saturating_sub(height.max(1))
    }

    /// The section index of the current page, if it is not the cover.
    /// The descriptions of the gaiji shown as 〓 on the current page, in
    /// reading order.
    pub fn unresolved_gaiji(&self) -> Vec<String> {
        let b = &self.briefing;
        let texts: Vec<&String> = match self.section().and_then(|i| b.sections.get(i)) {
            Some(s) => std::iter::once(&s.heading)
                .chain(&s.question)
                .chain(&s.answer)
                .chain(&s.lead)
                .chain(&s.key_points)
                .chain(&s.body)
                .chain(&s.commentary)
                .collect(),
            None => std::iter::once(&b.title)
                .chain(&b.subtitle)
                .chain(&b.summary)
                .chain(&b.takeaways)
                .collect(),
        };
        texts
            .into_iter()
            .flat_map(|t| crate::text::notes::apply(t).unresolved)
            .collect()
    }

    pub fn section(&self) -> Option<usize> {
        self.page.checked_sub(1)
    }

    pub fn go_to_page(&mut self, p: usize) {
        self.page = p.min(self.pages() - 1);
        self.scroll = 0;
        self.vcol = 0;
    }

    /// Put the reader at `page` and `scroll`, both clamped.
    pub(super) fn place_at(&mut self, page: usize, scroll: usize, height: usize) {
        self.page = page.min(self.pages() - 1);
        self.scroll = scroll.min(self.max_scroll(height));
    }

    /// Apply an action (no prompt open, no overlay); `per` columns of
    /// vertical writing make a screen.
    pub(super) fn update(&mut self, action: Action, height: usize, per: usize) -> Outcome {
        if action == Action::ToggleVertical {
            self.toggle_vertical(height);
            return Outcome::Stay;
        }
        if self.vertical {
            if self.move_vertical(action, height, per) {
                return Outcome::Stay;
            }
            if action == Action::ScreenDown {
                if self.page + 1 < self.pages() {
                    self.go_to_page(self.page + 1);
                }
                return Outcome::Stay;
            }
        }
        let max = self.max_scroll(height);
        let screen = height.saturating_sub(1).max(1);
        match action {
            Action::Down => self.scroll = (self.scroll + 1).min(max),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::ScreenDown => {
                if self.scroll >= max && self.page + 1 < self.pages() {
                    self.go_to_page(self.page + 1);
                } else {
                    self.scroll = (self.scroll + screen).min(max);
                }
            }
            // At the top of a page, `b` goes on to the end of the page before
            // (as Space at the bottom goes on to the next).
            Action::ScreenUp if self.scroll == 0 && self.page > 0 => {
                self.go_to_page(self.page - 1);
                self.scroll = self.max_scroll(height);
            }
            Action::ScreenUp => self.scroll = self.scroll.saturating_sub(screen),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::NextPage if self.page + 1 < self.pages() => self.go_to_page(self.page + 1),
            Action::NextPage => return Outcome::status(Msg::LastPage),
            Action::PrevPage if self.page > 0 => self.go_to_page(self.page - 1),
            Action::PrevPage => return Outcome::status(Msg::FirstPage),
            Action::Toc => {
                return Outcome::Overlay(Overlay::Toc {
                    selected: self.page,
                });
            }
            Action::Links if self.links.is_empty() => {
                return Outcome::status(Msg::NoSources);
            }
            Action::Links => {
                let selected = self
                    .section()
                    .and_then(|s| self.links.iter().position(|l| l.section == s))
                    .unwrap_or(0);
                return Outcome::Overlay(Overlay::Links {
                    selected,
                    typed: String::new(),
                });
            }
            Action::Gaiji => {
                let found = self.unresolved_gaiji();
                if found.is_empty() {
                    return Outcome::status(Msg::NoGaiji);
                }
                let mut text = t(Msg::GaijiList).to_string();
                for (k, d) in found.iter().enumerate() {
                    text.push_str(&format!(
                        "\n{}. 〓 {}",
                        k + 1,
                        crate::text::sanitize_line(d)
                    ));
                }
                return Outcome::Overlay(Overlay::Message { text, scroll: 0 });
            }
            Action::OpenSource => {
                let link = self
                    .section()
                    .and_then(|s| self.links.iter().find(|l| l.section == s));
                return match link {
                    Some(l) => Outcome::Effect(Effect::Open(l.url.clone())),
                    None if self.section().is_none() => Outcome::status(Msg::CoverNoSource),
                    None => Outcome::status(Msg::SectionNoSource),
                };
            }
            Action::ReadArticle => {
                let link = self
                    .section()
                    .and_then(|s| self.links.iter().find(|l| l.section == s));
                return match link {
                    Some(l) => Outcome::ReadArticle(l.url.clone()),
                    None if self.section().is_none() => Outcome::status(Msg::CoverNoSource),
                    None => Outcome::status(Msg::SectionNoSource),
                };
            }
            Action::Help => return Outcome::Overlay(Overlay::Help { scroll: 0 }),
            Action::ToggleRead => return Outcome::ToggleRead,
            Action::Search | Action::SearchBack => {
                let mut f = Find::open((self.page, self.scroll));
                f.backward = action == Action::SearchBack;
                self.find = Some(f);
                self.start_page_texts();
            }
            Action::NextMatch | Action::PrevMatch => {
                let outcome = self.next_match(action, height);
                if self.vertical && self.find.as_ref().is_some_and(|f| !f.hits.is_empty()) {
                    self.show_hit_vertical(height, per);
                }
                return outcome;
            }
            Action::Back if self.find.is_some() => self.find = None,
            Action::Back => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    /// `n` and `N`: the next or previous match, saying when the search wraps.
    fn next_match(&mut self, action: Action, height: usize) -> Outcome {
        let Some(f) = self.find.as_ref().filter(|f| !f.hits.is_empty()) else {
            return Outcome::status(if self.building_texts() && self.find.is_some() {
                Msg::Searching
            } else {
                Msg::NoSearch
            });
        };
        let m = f.hits.len();
        let forward = (action == Action::NextMatch) != f.backward;
        let k = match (f.current, forward) {
            (None, _) => self.first_hit(self.page, self.scroll, forward).unwrap_or(0),
            (Some(k), true) => (k + 1) % m,
            (Some(k), false) => (k + m - 1) % m,
        };
        let outcome = match (f.current, forward) {
            (Some(c), true) if k < c => Outcome::status(Msg::WrappedToFirst),
            (Some(c), false) if k > c => Outcome::status(Msg::WrappedToLast),
            _ => Outcome::Stay,
        };
        self.show_hit(k, height);
        outcome
    }

    /// Keys while the search prompt is open: edit, confirm, cancel.
    pub(super) fn update_prompt(
        &mut self,
        action: Action,
        height: usize,
        kana: &mut bool,
    ) -> Outcome {
        let Some(f) = self.find.as_mut() else {
            return Outcome::Stay;
        };
        let (page, scroll) = f.origin;
        match f.prompt.edit(action) {
            Edit::Changed => {}
            Edit::ToggleKana => {
                *kana = !*kana;
                self.set_kana(*kana);
            }
            Edit::Confirm => {
                let query = &f.prompt.query;
                if query.is_empty() {
                    self.find = None;
                } else if self.texts_build.running() {
                    // The first match is shown when the page texts arrive.
                } else if f.hits.is_empty() {
                    let msg = tf(Msg::NoMatchFor, &[&sanitize_line(query)]);
                    self.find = None;
                    return Outcome::Status(msg);
                }
                return Outcome::Stay;
            }
            Edit::Cancel => {
                self.find = None;
                self.go_to_page(page);
                self.scroll = scroll;
                return Outcome::Stay;
            }
            Edit::Ignored => return Outcome::Stay,
        }
        self.requery(height);
        Outcome::Stay
    }

    /// Incremental search: matches over every page, the view on the first
    /// match from where the search started (in its direction).
    fn requery(&mut self, height: usize) {
        let Some(f) = &self.find else { return };
        let ((page, scroll), forward) = (f.origin, !f.backward);
        self.refresh_hits();
        self.go_to_page(page);
        self.scroll = scroll;
        if let Some(k) = self.first_hit(page, scroll, forward) {
            self.show_hit(k, height);
        }
    }

    /// Put `query` in the open prompt as if it had been typed (an earlier
    /// search recalled, or the last one repeated).
    pub(super) fn set_query(&mut self, query: &str, height: usize) {
        if let Some(f) = self.find.as_mut() {
            f.prompt.query = query.to_string();
            self.requery(height);
        }
    }

    /// The query in the open prompt, if a prompt is open.
    pub fn prompt_query(&self) -> Option<&str> {
        self.find
            .as_ref()
            .filter(|f| f.prompt.editing)
            .map(|f| f.prompt.query.as_str())
    }

    /// `n` or `N` with no search on screen: search `query` again from here,
    /// `n` forward and `N` backward.
    pub(super) fn resume_search(&mut self, query: &str, action: Action, height: usize) -> Outcome {
        let mut f = Find::open((self.page, self.scroll));
        f.prompt.query = query.to_string();
        f.prompt.editing = false;
        f.backward = action == Action::PrevMatch;
        self.find = Some(f);
        self.refresh_hits();
        if self.building_texts() {
            // The first match is shown when the page texts arrive (`poll`).
            return Outcome::Stay;
        }
        match self.first_hit(self.page, self.scroll, action == Action::NextMatch) {
            Some(k) => {
                self.show_hit(k, height);
                Outcome::Stay
            }
            None => {
                self.find = None;
                Outcome::Status(tf(Msg::NoMatchFor, &[&sanitize_line(query)]))
            }
        }
    }

    /// Take in the page texts if they arrived in the background: `None`
    /// when nothing changed, else what to say. The view then moves as a
    /// keystroke in the prompt would have moved it, or to the first match
    /// if the search was confirmed while they were being made.
    pub(super) fn poll(&mut self, height: usize) -> Option<Outcome> {
        if !self.poll_page_texts() {
            return None;
        }
        let Some(f) = &self.find else {
            return Some(Outcome::Stay);
        };
        let (page, scroll) = f.origin;
        if f.prompt.editing {
            self.requery(height);
        } else if f.current.is_none() {
            if f.hits.is_empty() {
                let msg = tf(Msg::NoMatchFor, &[&sanitize_line(&f.prompt.query)]);
                self.find = None;
                return Some(Outcome::Status(msg));
            } else if let Some(k) = self.first_hit(page, scroll, !f.backward) {
                self.show_hit(k, height);
            }
        }
        Some(Outcome::Stay)
    }

    /// Whether the search prompt takes the keys.
    pub fn prompt_open(&self) -> bool {
        self.find.as_ref().is_some_and(|f| f.prompt.editing)
    }

    /// The header (the title) and the place in the status bar; `per`
    /// columns of vertical writing make a screen.
    pub(super) fn bars(&self, body: usize, per: usize) -> (String, String) {
        let title = inline_line(&self.briefing.title);
        let pct = if self.vertical {
            draw_columns::percent(self, body, per)
        } else {
            let total = self.lines().len();
            if total <= body {
                100
            } else {
                ((self.scroll + body) * 100 / total).min(100)
            }
        };
        let place = match self.page {
            0 => t(Msg::Cover).to_string(),
            p => format!("§{p}"),
        };
        let counter = match &self.find {
            Some(f) if !f.prompt.editing && !self.search_status().is_empty() => {
                format!("{} ", self.search_status())
            }
            _ => String::new(),
        };
        (
            title,
            format!(
                " {}/{} {place} {pct}% {counter}",
                self.page + 1,
                self.pages()
            ),
        )
    }

    /// The open prompt in the status bar: `/query` and the count.
    pub(super) fn prompt_text(&self, kana: bool) -> Option<(String, String)> {
        let f = self.find.as_ref()?;
        Some((
            format!(
                "{}{}",
                if f.backward { '\\' } else { '/' },
                sanitize_line(&f.prompt.query)
            ),
            format!("{}{}", self.search_status(), kana_mark(kana)),
        ))
    }

    /// The keys the status bar suggests.
    pub(super) fn hints(&self) -> Hints {
        use Action::*;
        if self.find.is_some() {
            return (
                Context::Reader,
                &[
                    (&[NextMatch, PrevMatch], Msg::HintNextPrevMatch),
                    (&[Search], Msg::HintSearch),
                    (&[Back], Msg::HintClear),
                    (&[Help], Msg::HintHelp),
                ],
            );
        }
        (
            Context::Reader,
            &[
                (&[Down, Up], Msg::HintScroll),
                (&[PrevPage, NextPage], Msg::HintPage),
                (&[Search], Msg::HintSearch),
                (&[Toc], Msg::HintContents),
                (&[Help], Msg::HintHelp),
                (&[Back], Msg::HintBack),
            ],
        )
    }
}
