//! The state as held in memory once read from the store: each briefing's
//! count for the library (how many of its articles were read when it was
//! last marked, checked against their fingerprint), the positions and marks
//! read so far, and the searches.

use std::collections::HashSet;

use super::{Keyed, MAX_SEARCHES};

/// What is remembered about one briefing, once it has been read from the
/// store (or changed here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BriefingState {
    /// Page: 0 is the cover, 1.. the sections (where the article was).
    pub page: usize,
    /// The article on that page (`None`: the cover).
    pub article: Option<u64>,
    /// First line shown on that page.
    pub scroll: usize,
    /// The articles read, when they have been loaded or marked here.
    pub read: Option<HashSet<u64>>,
}

impl BriefingState {
    /// Whether `article` is read, when known.
    pub fn is_read(&self, article: u64) -> Option<bool> {
        self.read.as_ref().map(|r| r.contains(&article))
    }
}

/// Everything remembered, per briefing (by [`key_hash`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Earlier searches in the reader, oldest first (`↑` in the prompt
    /// recalls them; Enter on an empty prompt repeats the last).
    pub searches: Vec<String>,
    /// `(fingerprint of the articles, how many of them were read)` when
    /// each briefing was last counted
    /// ([`crate::briefing::article::fingerprint`]).
    pub counts: Keyed<(u64, usize)>,
    /// Hashes that more than one briefing's key has in the store: no
    /// count is trusted for them (each is counted from its marks).
    pub shared: Keyed<()>,
    /// The briefings whose position and marks have been read or changed.
    pub briefings: Keyed<BriefingState>,
}

impl State {
    /// Remember `query` as the latest search (once: an earlier copy moves
    /// to the end); the oldest are forgotten past [`MAX_SEARCHES`]. False
    /// when it is not a search to keep.
    pub fn remember_search(&mut self, query: &str) -> bool {
        if query.is_empty() || query.chars().any(char::is_control) {
            return false;
        }
        self.searches.retain(|q| q != query);
        self.searches.push(query.to_string());
        let over = self.searches.len().saturating_sub(MAX_SEARCHES);
        self.searches.drain(..over);
        true
    }

    /// The last search, if any.
    pub fn last_search(&self) -> Option<&str> {
        self.searches.last().map(String::as_str)
    }

    /// How many of `articles` (fingerprint `fp`) of the briefing whose key
    /// hashes to `kh` are read, when known: from its marks when they are
    /// held, else from its count when that was made for these articles.
    pub fn read_count(&self, kh: u64, articles: &[u64], fp: u64) -> Option<usize> {
        if let Some(r) = self.briefings.get(&kh).and_then(|b| b.read.as_ref()) {
            return Some(articles.iter().filter(|a| r.contains(a)).count());
        }
        if self.shared.contains_key(&kh) {
            return None;
        }
        match self.counts.get(&kh) {
            Some(&(f, n)) if f == fp => Some(n),
            Some(_) => None,
            None => Some(0),
        }
    }
}
