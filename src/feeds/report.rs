//! What `yomu sync` says: each subscription's outcome ([`Outcome`],
//! [`FeedResult`]) as one line, and the summary of them all ([`Report`]),
//! in the interface's language.

use chrono::Utc;

use super::import;
use crate::i18n::{Msg, t, tf};

/// How one subscription's sync went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// New items (or a new version of a remote briefing) were written.
    Updated { items: usize },
    /// Nothing new (304, or only items already written).
    Unchanged,
    /// Not fetched: its host asked us to wait until then (Unix seconds).
    Waiting { until: i64 },
    /// Failed, with the reason; nothing was written.
    Failed(String),
}

/// One subscription's result.
#[derive(Debug, Clone)]
pub struct FeedResult {
    pub name: String,
    pub url: String,
    pub outcome: Outcome,
    /// The new address after a permanent redirect (saved in feeds.toml).
    pub moved_to: Option<String>,
    /// A permanent redirect to another host, seen for the first time: not
    /// saved in feeds.toml until the next sync confirms it.
    pub moving_to: Option<String>,
    /// Items of the feed merged into an earlier one (the same id or link).
    pub merged: import::Merged,
}

impl FeedResult {
    /// One line for a person, in the interface's language
    /// ([`crate::i18n`]): `name: 3 new items`, `name: failed: …`.
    pub fn line(&self) -> String {
        let line = self.outcome_line();
        match self.merged.message() {
            Some(m) if !matches!(self.outcome, Outcome::Failed(_)) => format!("{line}; {m}"),
            _ => line,
        }
    }

    fn outcome_line(&self) -> String {
        let name = crate::text::sanitize_line(&self.name);
        let mut line = match &self.outcome {
            Outcome::Updated { items: 1 } => tf(Msg::CliSyncNewOne, &[&name]),
            Outcome::Updated { items } => tf(Msg::CliSyncNew, &[&name, items]),
            Outcome::Unchanged => tf(Msg::CliSyncUnchanged, &[&name]),
            Outcome::Waiting { until } => tf(Msg::CliSyncWaiting, &[&name, &clock(*until)]),
            Outcome::Failed(why) => tf(Msg::CliSyncFailed, &[&name, why]),
        };
        if let Some(to) = &self.moving_to {
            line.push_str(&tf(Msg::CliSyncMoving, &[&crate::text::sanitize_line(to)]));
        } else if let Some(to) = &self.moved_to {
            line.push_str(&tf(Msg::CliSyncMoved, &[&crate::text::sanitize_line(to)]));
        }
        line
    }
}

/// A time as `HH:MM:SS UTC`, for messages.
pub(super) fn clock(unix: i64) -> String {
    chrono::DateTime::<Utc>::from_timestamp(unix, 0).map_or_else(
        || unix.to_string(),
        |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
    )
}

/// The results of a sync, in the order of feeds.toml.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub results: Vec<FeedResult>,
}

impl Report {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.results.iter().filter(|r| f(&r.outcome)).count()
    }

    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }

    /// Whether any briefing was written into the library (its search
    /// index then wants an update).
    pub fn wrote(&self) -> bool {
        self.count(|o| matches!(o, Outcome::Updated { .. })) > 0
    }

    /// How many new articles came (items of feeds, new versions of
    /// subscribed briefings), and the feeds they came in.
    pub fn new_articles(&self) -> (usize, Vec<&str>) {
        let mut n = 0;
        let mut feeds = Vec::new();
        for r in &self.results {
            if let Outcome::Updated { items } = r.outcome {
                n += items;
                feeds.push(r.name.as_str());
            }
        }
        (n, feeds)
    }

    /// `12 new articles in 3 feeds`, in the interface's language.
    pub fn news(&self) -> String {
        let (n, feeds) = self.new_articles();
        news_line(n, feeds.len())
    }

    /// `12 new articles in 3 feeds; 12 feeds: 9 updated, 2 unchanged, 1
    /// failed` (`, 1 waiting` when any), in the interface's language.
    pub fn summary(&self) -> String {
        let n = self.results.len();
        let mut s = self.news();
        s.push_str("; ");
        s.push_str(&tf(
            if n == 1 {
                Msg::CliSyncSummaryOne
            } else {
                Msg::CliSyncSummary
            },
            &[
                &n,
                &self.count(|o| matches!(o, Outcome::Updated { .. })),
                &self.count(|o| matches!(o, Outcome::Unchanged)),
                &self.failed(),
            ],
        ));
        let waiting = self.count(|o| matches!(o, Outcome::Waiting { .. }));
        if waiting > 0 {
            s.push_str(&tf(Msg::CliSyncSummaryWaiting, &[&waiting]));
        }
        let merged: usize = self.results.iter().map(|r| r.merged.total()).sum();
        if merged > 0 {
            s.push_str(&if merged == 1 {
                t(Msg::CliSyncSummaryMergedOne).to_string()
            } else {
                tf(Msg::CliSyncSummaryMerged, &[&merged])
            });
        }
        s
    }
}

/// `12 new articles in 3 feeds` (`no new articles`), in the interface's
/// language.
pub fn news_line(articles: usize, feeds: usize) -> String {
    match (articles, feeds) {
        (0, _) => t(Msg::CliNewNone).to_string(),
        (1, _) => t(Msg::CliNewOne).to_string(),
        (n, 0 | 1) => tf(Msg::CliNewInOneFeed, &[&n]),
        (n, f) => tf(Msg::CliNewInFeeds, &[&n, &f]),
    }
}
