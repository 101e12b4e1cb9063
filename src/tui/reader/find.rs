//! Search in the reader: the query and its matches ([`Find`]), the page
//! texts (every page's normalised text, which the matches are found in:
//! built at once for a short briefing, as a background job for a long
//! one), and the highlights to draw. (The library's search index is
//! another thing: [`crate::tui::library::index`].)

use crate::i18n::{Msg, t, tf};
use std::sync::Arc;

use super::Reader;
use crate::layout::{self, Line, Page, page_count};
use crate::search::{self, CellRange, PageText, texts_of_pages};
use crate::tui::job::{End, Kind};
use crate::tui::prompt::Prompt;

/// One match of a search in the briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub page: usize,
    /// The line of the page where the match starts.
    pub line: usize,
    /// Byte range in the page's normalised text ([`PageText`]).
    pub start: usize,
    pub end: usize,
}

/// A search in the briefing: the query, its matches, the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    /// The query, and whether it is still being typed.
    pub prompt: Prompt,
    /// Where the reader was when the prompt opened: (page, scroll).
    pub origin: (usize, usize),
    /// Every match, in reading order across pages.
    pub hits: Vec<Hit>,
    /// Index into `hits` of the current match.
    pub current: Option<usize>,
    /// A backward search (`\\`): the first match is the one before where
    /// the search started, and `n` goes up, `N` down (as in less).
    pub backward: bool,
}

impl Find {
    /// A search just opened at (page, scroll): an empty prompt, no matches.
    pub fn open(origin: (usize, usize)) -> Find {
        Find {
            prompt: Prompt::open(String::new()),
            origin,
            hits: Vec::new(),
            current: None,
            backward: false,
        }
    }

    /// "match k/M", "no match", or nothing before anything is typed.
    pub fn counter(&self) -> String {
        match (self.current, self.hits.len()) {
            (_, 0) if self.prompt.query.is_empty() => String::new(),
            (_, 0) => t(Msg::NoMatch).into(),
            (Some(k), m) => tf(Msg::MatchCount, &[&(k + 1), &m]),
            (None, m) => tf(Msg::MatchesCount, &[&m]),
        }
    }
}

/// A highlighted cell range on the screen: a piece of a match, and whether
/// it belongs to the current match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    pub piece: CellRange,
    pub current: bool,
}

/// Briefings with more pages than this are laid out and their page texts
/// made on a background thread, so `/` never stalls the screen.
pub const PAGE_TEXTS_IN_BACKGROUND: usize = 64;

/// Every page laid out, and its normalised text: what the background job
/// sends back.
pub(super) type PageTexts = (Vec<Page>, Vec<PageText>);

impl Reader {
    /// Hiragana and katakana match each other in this reader's search, or
    /// not; the page texts are made again (folded accordingly).
    pub fn set_kana(&mut self, on: bool) {
        if self.search_opts.kana_insensitive != on {
            self.search_opts.kana_insensitive = on;
            self.page_texts = None;
            self.texts_build.clear();
        }
    }

    /// Whether the page texts are being made in the background.
    pub fn building_texts(&self) -> bool {
        self.texts_build.running()
    }

    /// What the status bar says of the search: "match k/M", "no match",
    /// or "searching…" while the page texts are being made.
    pub fn search_status(&self) -> String {
        match &self.find {
            Some(f) if self.building_texts() && !f.prompt.query.is_empty() => {
                t(Msg::Searching).into()
            }
            Some(f) => f.counter(),
            None => String::new(),
        }
    }

    /// Make sure the page texts are there or on their way: made here for a short
    /// briefing, on a background thread for a long one.
    pub fn start_page_texts(&mut self) {
        if self.page_texts.is_some() || self.building_texts() {
            return;
        }
        if self.pages() <= PAGE_TEXTS_IN_BACKGROUND {
            self.build_page_texts();
            return;
        }
        let b = Arc::clone(&self.briefing);
        let (opts, sopts) = (self.cache.opts, self.search_opts);
        // A change of width or of kana folding drops the task (`set_opts`,
        // `set_kana`): stale texts never arrive.
        let started = self.texts_build.start(Kind::PageTexts, move |_| {
            let pages = layout::layout_range(&b, 0..page_count(&b), opts);
            let lines: Vec<&[Line]> = pages.iter().map(|p| &p.lines[..]).collect();
            let texts = texts_of_pages(&lines, sopts);
            (pages, texts)
        });
        if !started {
            self.build_page_texts();
        }
    }

    /// Take the background page texts if they have arrived; true when they did (the
    /// matches of the current query are then computed).
    pub fn poll_page_texts(&mut self) -> bool {
        if !self.building_texts() {
            return false;
        }
        match self.texts_build.poll().end {
            None => return false,
            Some(End::Done((pages, texts))) => {
                self.cache.fill(pages);
                self.page_texts = Some(texts);
            }
            // The thread died: make them here rather than never.
            Some(End::Lost) => self.build_page_texts(),
        }
        self.refresh_hits();
        true
    }

    /// Lay out every page not laid out yet (in parallel), and make their
    /// texts for search, on this thread.
    pub fn build_page_texts(&mut self) {
        if self.page_texts.is_some() {
            return;
        }
        let opts = self.cache.opts;
        if self.cache.pages.iter().any(|p| p.get().is_none()) {
            let all = layout::layout_range(&self.briefing, 0..self.pages(), opts);
            self.cache.fill(all);
        }
        let sopts = self.search_opts;
        let pages: Vec<&[Line]> = self
            .cache
            .pages
            .iter()
            .map(|p| p.get().map_or(&[][..], |p| &p.lines[..]))
            .collect();
        self.page_texts = Some(texts_of_pages(&pages, sopts));
    }

    /// Recompute the matches of the current query over every page (none
    /// yet while the page texts are being made).
    pub fn refresh_hits(&mut self) {
        self.start_page_texts();
        let (Some(find), Some(texts)) = (self.find.as_mut(), self.page_texts.as_ref()) else {
            return;
        };
        find.hits.clear();
        find.current = None;
        let Some(q) = search::prepare_query(&find.prompt.query, self.search_opts) else {
            return;
        };
        for (page, idx) in texts.iter().enumerate() {
            find.hits.extend(idx.find(&q).into_iter().map(|m| Hit {
                page,
                line: idx.line_of(m.start),
                start: m.start,
                end: m.end,
            }));
        }
    }

    /// The first match from (page, line) going `forward` (at or after it),
    /// or backward (before it), wrapping around.
    pub(super) fn first_hit(&self, page: usize, line: usize, forward: bool) -> Option<usize> {
        if forward {
            return self.hit_from(page, line);
        }
        let hits = &self.find.as_ref()?.hits;
        let k = hits.partition_point(|h| (h.page, h.line) < (page, line));
        Some(k.checked_sub(1).unwrap_or(hits.len().checked_sub(1)?))
    }

    /// The first match at or after (page, line), wrapping to the first one.
    pub(super) fn hit_from(&self, page: usize, line: usize) -> Option<usize> {
        let hits = &self.find.as_ref()?.hits;
        if hits.is_empty() {
            return None;
        }
        let k = hits.partition_point(|h| (h.page, h.line) < (page, line));
        Some(if k < hits.len() { k } else { 0 })
    }

    /// Make match `k` current and bring it into view (turning the page if needed).
    pub(super) fn show_hit(&mut self, k: usize, height: usize) {
        let Some(hit) = self.find.as_ref().and_then(|f| f.hits.get(k)).copied() else {
            return;
        };
        if let Some(f) = self.find.as_mut() {
            f.current = Some(k);
        }
        if hit.page != self.page {
            self.go_to_page(hit.page);
        }
        let h = height.max(1);
        if hit.line < self.scroll || hit.line + 1 >= self.scroll + h {
            let max = self.max_scroll(h);
            self.scroll = hit.line.saturating_sub(2).min(max);
        }
    }

    /// The highlights on lines `from..to` of the current page.
    pub fn highlights(&self, from: usize, to: usize) -> Vec<Highlight> {
        let page = self.page;
        let (Some(find), Some(texts)) = (self.find.as_ref(), self.page_texts.as_ref()) else {
            return Vec::new();
        };
        let (Some(idx), Some(p)) = (
            texts.get(page),
            self.cache.pages.get(page).and_then(|p| p.get()),
        ) else {
            return Vec::new();
        };
        let a = find.hits.partition_point(|h| h.page < page);
        let z = find.hits.partition_point(|h| h.page <= page);
        let mut out = Vec::new();
        for (k, h) in find.hits[a..z].iter().enumerate() {
            // A match starts at most a few lines above the lines it covers.
            if h.line >= to || h.line + 8 < from {
                continue;
            }
            let current = find.current == Some(a + k);
            for piece in idx.pieces(&p.lines, h.start..h.end, self.search_opts) {
                if (from..to).contains(&piece.line) {
                    out.push(Highlight { piece, current });
                }
            }
        }
        out
    }
}
