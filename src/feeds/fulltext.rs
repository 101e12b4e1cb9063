//! Whole articles for `full_text = true` subscriptions: during a sync,
//! each new item's page is fetched and its extracted article
//! ([`crate::webpage`]) becomes the section's body and key points.
//!
//! The page fetches keep to the sync's rules: the same agents and
//! timeouts ([`super::fetch`]), at most [`super::sync::MAX_PER_HOST`]
//! at once to one host across all the sync's threads ([`HostGate`]), and a
//! host that asked to wait (429, 503, before or during this sync) is not
//! asked; its wait is recorded like a feed host's. When a page cannot be
//! fetched or holds no article, the feed's own text is kept. Each
//! extracted article also goes into the articles cache, so the reader's
//! `a` opens it without the network.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};

use super::fetch::{self, FetchError, Fetched, Timeouts};
use super::fetchstate::{self, HostState, Hosts};
use super::sync::{MAX_PER_HOST, host_key};
use crate::briefing::Section;
use crate::webpage::cache::ArticleCache;

/// At most [`MAX_PER_HOST`] fetches at once per host, across threads.
#[derive(Debug, Default)]
pub struct HostGate {
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A place taken at a host, given back when dropped.
pub struct Place<'a> {
    gate: &'a HostGate,
    host: String,
}

impl HostGate {
    /// Wait for a place at `host`.
    pub fn take(&self, host: &str) -> Place<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(PoisonError::into_inner);
        while busy.get(host).copied().unwrap_or(0) >= MAX_PER_HOST {
            busy = self
                .freed
                .wait(busy)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *busy.entry(host.to_string()).or_insert(0) += 1;
        Place {
            gate: self,
            host: host.to_string(),
        }
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let mut busy = self
            .gate
            .busy
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = busy.get_mut(&self.host) {
            *n = n.saturating_sub(1);
        }
        drop(busy);
        self.gate.freed.notify_all();
    }
}

/// What the page fetches of a sync share.
pub struct Pages<'a> {
    pub agent: &'a fetch::Agents,
    pub timeouts: Timeouts,
    /// The hosts' backoff when the sync started.
    pub hosts: &'a Hosts,
    /// The hosts' backoff changed by this sync.
    pub changed: &'a Mutex<Hosts>,
    pub gate: &'a HostGate,
    pub cache: Option<ArticleCache>,
}

impl Pages<'_> {
    /// Whether `host` asked to wait and its time has not come.
    fn waiting(&self, host: &str, now: i64) -> bool {
        let until = |h: &Hosts| h.hosts.get(host).map_or(0, |s| s.not_before);
        let changed = self.changed.lock().map(|c| until(&c)).unwrap_or_default();
        until(self.hosts).max(changed) > now
    }

    /// Replace `section`'s text with the article at its first source;
    /// whether it did (the feed's text is kept when it did not).
    pub fn fill(&self, section: &mut Section) -> bool {
        let Some(url) = section.sources.first().map(|s| s.url.clone()) else {
            return false;
        };
        let host = host_key(&url);
        let now = fetchstate::now();
        if self.waiting(&host, now) {
            return false;
        }
        let fetched = {
            let _place = self.gate.take(&host);
            fetch::fetch(self.agent, self.timeouts, &url, &Default::default())
        };
        let (bytes, charset, final_url) = match fetched {
            Ok(Fetched::Body {
                bytes,
                charset,
                final_url,
                ..
            }) => (bytes, charset, final_url),
            Err(FetchError::Wait { retry_after, .. }) => {
                let strikes = self
                    .hosts
                    .hosts
                    .get(&host)
                    .map_or(0, |s| s.strikes)
                    .saturating_add(1);
                let wait = retry_after.unwrap_or_else(|| fetchstate::backoff(strikes));
                if let Ok(mut c) = self.changed.lock() {
                    c.hosts.insert(
                        host,
                        HostState {
                            not_before: now.saturating_add(wait.clamp(0, fetch::MAX_RETRY_AFTER)),
                            strikes,
                        },
                    );
                }
                return false;
            }
            _ => return false,
        };
        let Ok(article) =
            crate::webpage::extract_bytes(&bytes, charset.as_deref(), Some(&final_url))
        else {
            return false;
        };
        let b = article.to_briefing();
        let mut body = Vec::new();
        let mut points = Vec::new();
        for (i, s) in b.sections.iter().enumerate() {
            // Subheadings stay in the body, as paragraphs of their own.
            if i > 0 {
                body.push(s.heading.clone());
            }
            body.extend(s.body.iter().cloned());
            points.extend(s.key_points.iter().cloned());
        }
        if body.is_empty() && points.is_empty() {
            return false;
        }
        if let Some(cache) = &self.cache
            && let Ok(toml) = article.to_checked_toml()
        {
            let _ = cache.put(&url, &toml);
        }
        section.body = body;
        section.key_points = points;
        true
    }
}
