//! `a` in the reader: the article behind the current section's source,
//! read inside yomu. The page is fetched and extracted
//! ([`crate::webpage`]) as one of the reader's background jobs
//! ([`super::job`], kind [`Kind::Article`]), with its progress in the status
//! bar; `Esc` cancels it. The article is a briefing of its own, shown by
//! a [`Reader`] of its own (so it is laid out by the same engine:
//! kinsoku, furigana, `v` for vertical writing, `/` search, `L` links,
//! `o` the browser), over the briefing it came from; `q` goes back to
//! that briefing, where it was.
//!
//! Extracted articles are kept in the articles cache
//! ([`crate::webpage::cache`], bounded by `article_cache_mb`): a second
//! `a` on the same address opens at once, without the network. A page
//! that cannot be fetched or holds no article says why in the status bar.
//!
//! This module does not know the router: the router asks it to start,
//! polls it, and shows what it holds.

use std::sync::Arc;

use super::job::{End, Kind, Latest};
use super::reader::Reader;
use crate::feeds::fetch::Timeouts;
use crate::i18n::{Msg, t, tf};
use crate::layout::LayoutOptions;
use crate::webpage::cache::ArticleCache;

/// What a fetch ends with: the article's briefing TOML, or why not.
type Fetched = Result<String, String>;

/// The article screen and its fetch.
#[derive(Debug, Default)]
pub struct ArticleScreen {
    /// The article being read, over the briefing.
    pub open: Option<Box<Reader>>,
    /// The fetch under way.
    job: Latest<(), Fetched>,
    /// The address being fetched.
    fetching: Option<String>,
    /// The articles cache (set from the paths and `article_cache_mb` when
    /// the reader starts; else the default folder and bound).
    pub cache: Option<ArticleCache>,
}

/// What the router is to do after [`ArticleScreen::poll`].
#[derive(Debug, PartialEq, Eq)]
pub enum Polled {
    /// Nothing new.
    Nothing,
    /// The article is open (say this).
    Opened(String),
    /// It could not be (say this).
    Failed(String),
}

impl ArticleScreen {
    fn cache(&self) -> Option<ArticleCache> {
        self.cache
            .clone()
            .or_else(|| ArticleCache::open_default(crate::webpage::cache::DEFAULT_MAX_BYTES))
    }

    /// Whether an article is being read.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Whether a fetch is under way.
    pub fn fetching(&self) -> bool {
        self.job.running()
    }

    /// `a` on `url`: open it from the cache at once, else start fetching
    /// it within `timeouts`; the status to show.
    pub fn start(
        &mut self,
        url: &str,
        timeouts: Timeouts,
        opts: LayoutOptions,
        vertical: bool,
    ) -> String {
        if let Some(toml) = self.cache().and_then(|c| c.get(url)) {
            return match self.open_toml(&toml, opts, vertical) {
                Ok(()) => t(Msg::ArticleOpened).into(),
                Err(e) => e,
            };
        }
        let cache = self.cache();
        let owned = url.to_string();
        let lang = crate::i18n::lang();
        let started = self.job.start(Kind::Article, move |_reporter| {
            crate::i18n::set_lang(lang);
            let article = crate::webpage::fetch(&owned, timeouts).map_err(|e| e.to_string())?;
            let toml = article.to_checked_toml().map_err(|e| e.to_string())?;
            if let Some(c) = cache {
                // Best effort: an article that cannot be kept is still read.
                let _ = c.put(&owned, &toml);
            }
            Ok(toml)
        });
        if !started {
            return tf(Msg::ArticleFailed, &[&t(Msg::CliNoThread)]);
        }
        self.fetching = Some(url.to_string());
        tf(Msg::ArticleFetching, &[&host_of(url)])
    }

    /// `Esc` while fetching: stop waiting for it.
    pub fn cancel(&mut self) -> bool {
        if !self.job.running() {
            return false;
        }
        self.job.clear();
        self.fetching = None;
        true
    }

    /// Take in the fetch's end.
    pub fn poll(&mut self, opts: LayoutOptions, vertical: bool) -> Polled {
        let Some(end) = self.job.poll().end else {
            return Polled::Nothing;
        };
        self.fetching = None;
        match end {
            End::Done(Ok(toml)) => match self.open_toml(&toml, opts, vertical) {
                Ok(()) => Polled::Opened(t(Msg::ArticleOpened).into()),
                Err(e) => Polled::Failed(e),
            },
            End::Done(Err(why)) => {
                Polled::Failed(tf(Msg::ArticleFailed, &[&crate::text::sanitize_line(&why)]))
            }
            End::Lost => Polled::Failed(tf(Msg::ArticleFailed, &[&"the fetch stopped"])),
        }
    }

    fn open_toml(&mut self, toml: &str, opts: LayoutOptions, vertical: bool) -> Result<(), String> {
        let loaded = crate::briefing::parse_str("article.toml", toml).map_err(|d| {
            tf(
                Msg::ArticleFailed,
                &[&d.first().map(|d| d.to_string()).unwrap_or_default()],
            )
        })?;
        let mut r = Reader::new(Arc::new(loaded.briefing), opts);
        r.vertical = vertical;
        // The article's text, not its cover: its first section.
        if r.pages() > 1 {
            r.page = 1;
        }
        self.open = Some(Box::new(r));
        Ok(())
    }

    /// `q` in the article: back to the briefing.
    pub fn close(&mut self) {
        self.open = None;
    }
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| crate::text::sanitize_line(url).into_owned())
}
