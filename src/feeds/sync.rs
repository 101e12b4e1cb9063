//! `yomu sync`: every subscription fetched, its new items written into
//! the data library, one briefing per feed per day.
//!
//! Fetches run at most [`MAX_AT_ONCE`] at a time and [`MAX_PER_HOST`] per
//! host ([`crate::parallel::map_limited`]); a feed gives its host's place
//! back once its response is read, so its parsing and writing overlap the
//! next fetches. A host that asked us to wait
//! (429, 503) is not asked again before its time ([`super::fetchstate`]).
//! For a feed, the items not written before (by id, else link: the keys
//! remembered per feed) are grouped by their day (in the feed's offset;
//! undated items count as today) and added to `<name>-<YYYY-MM-DD>.toml`,
//! newest first, read back and rewritten atomically. A subscription that
//! is a briefing TOML is validated by the briefing loader and saved as
//! `<name>.toml`. Nothing is written unless the whole response was read
//! and understood, so a failed or partial fetch leaves the library as it
//! was; the remembered keys and validators are saved only after the
//! files are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{NaiveDate, Utc};

use super::fetch::{self, FetchError, Fetched, Timeouts, Validators};
use super::fetchstate::{self, FeedState, HostState, Hosts};
use super::import;
use super::subscriptions::{self, Subscription};
use crate::briefing::Section;

/// Fetches at once, in all.
pub const MAX_AT_ONCE: usize = 8;
/// Fetches at once to one host.
pub const MAX_PER_HOST: usize = 2;

/// Where a sync reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    /// feeds.toml.
    pub subscriptions: PathBuf,
    /// The state folder (`feeds/`, `hosts.toml`).
    pub state: PathBuf,
    /// The data library.
    pub library: PathBuf,
}

impl Paths {
    /// The XDG places; `None` without a home.
    pub fn default_paths() -> Option<Paths> {
        Some(Paths {
            subscriptions: subscriptions::default_path()?,
            state: fetchstate::default_dir()?,
            library: super::library_dir()?,
        })
    }
}

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
    /// Items of the feed merged into an earlier one (the same id or link).
    pub merged: import::Merged,
}

impl FeedResult {
    /// One line for a person: `name: 3 new items`, `name: failed: …`.
    pub fn line(&self) -> String {
        let line = self.outcome_line();
        match self.merged.message() {
            Some(m) if !matches!(self.outcome, Outcome::Failed(_)) => format!("{line}; {m}"),
            _ => line,
        }
    }

    fn outcome_line(&self) -> String {
        let name = crate::text::sanitize_line(&self.name);
        match &self.outcome {
            Outcome::Updated { items: 1 } => format!("{name}: 1 new item"),
            Outcome::Updated { items } => format!("{name}: {items} new items"),
            Outcome::Unchanged => format!("{name}: unchanged"),
            Outcome::Waiting { until } => format!(
                "{name}: not asked: the server asked to wait until {}",
                clock(*until)
            ),
            Outcome::Failed(why) => format!("{name}: failed: {why}"),
        }
    }
}

/// A time as `HH:MM:SS UTC`, for messages.
fn clock(unix: i64) -> String {
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

    /// `12 feeds: 9 updated, 2 unchanged, 1 failed` (`, 1 waiting` when any).
    pub fn summary(&self) -> String {
        let n = self.results.len();
        let mut s = format!(
            "{n} feed{}: {} updated, {} unchanged, {} failed",
            if n == 1 { "" } else { "s" },
            self.count(|o| matches!(o, Outcome::Updated { .. })),
            self.count(|o| matches!(o, Outcome::Unchanged)),
            self.failed()
        );
        let waiting = self.count(|o| matches!(o, Outcome::Waiting { .. }));
        if waiting > 0 {
            s.push_str(&format!(", {waiting} waiting"));
        }
        let merged: usize = self.results.iter().map(|r| r.merged.total()).sum();
        if merged > 0 {
            s.push_str(&format!(
                "; {merged} repeated item{} merged (the same id or link as an earlier item)",
                if merged == 1 { "" } else { "s" }
            ));
        }
        s
    }
}

/// What a sync reports while it runs (from its worker threads).
#[derive(Debug)]
pub enum Event<'a> {
    /// About to fetch this many subscriptions.
    Started(usize),
    /// One is done.
    Finished(&'a FeedResult),
}

/// Why a sync did not run at all.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Subscriptions(#[from] subscriptions::SubscriptionsError),
    #[error("another sync is running (it holds {0}); wait for it to finish")]
    Busy(String),
    #[error("cannot use {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Sync every subscription of `paths.subscriptions`.
pub fn run(paths: &Paths, on: &(dyn Fn(Event<'_>) + Sync)) -> Result<Report, SyncError> {
    let subs = subscriptions::load(&paths.subscriptions)?;
    if subs.feeds.is_empty() {
        // Nothing to do, and nothing created on disk for it.
        on(Event::Started(0));
        return Ok(Report::default());
    }
    let _lock = SyncLock::take(&paths.state)?;
    let timeouts = subs.timeouts();
    let agent = fetch::agent(timeouts);
    let hosts = fetchstate::load_hosts(&paths.state);
    let changed = Mutex::new(Hosts::default());
    on(Event::Started(subs.feeds.len()));
    let results = crate::parallel::map_limited(
        &subs.feeds,
        MAX_AT_ONCE,
        MAX_PER_HOST,
        |s| host_key(&s.url),
        |s, fetched| {
            let r = one(paths, &agent, timeouts, &hosts, &changed, s, fetched);
            on(Event::Finished(&r));
            r
        },
    );
    let changed = changed.into_inner().unwrap_or_else(|e| e.into_inner());
    if !changed.hosts.is_empty() {
        // Best effort: a backoff that could not be saved is asked again.
        let _ = fetchstate::save_hosts(&paths.state, &changed);
    }
    let report = Report { results };
    save_moves(&paths.subscriptions, &report)?;
    Ok(report)
}

/// Permanent redirects: the subscriptions' new addresses, in feeds.toml
/// (read again, in case it changed meanwhile).
fn save_moves(path: &Path, report: &Report) -> Result<(), SyncError> {
    let moves: Vec<_> = report
        .results
        .iter()
        .filter_map(|r| r.moved_to.as_ref().map(|m| (r, m)))
        .collect();
    if moves.is_empty() {
        return Ok(());
    }
    subscriptions::edit(path, |subs| {
        for (r, to) in moves {
            if let Some(s) = subs
                .feeds
                .iter_mut()
                .find(|s| s.name == r.name && s.url == r.url)
            {
                s.url = to.clone();
            }
        }
        Ok::<(), SyncError>(())
    })
}

/// `host:port` of an address (its backoff and its share of fetches).
pub fn host_key(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| Some(format!("{}:{}", u.host_str()?, u.port_or_known_default()?)))
        .unwrap_or_else(|| url.to_string())
}

fn one(
    paths: &Paths,
    agent: &ureq::Agent,
    timeouts: Timeouts,
    hosts: &Hosts,
    changed: &Mutex<Hosts>,
    sub: &Subscription,
    fetched_now: &dyn Fn(),
) -> FeedResult {
    let mut result = FeedResult {
        name: sub.name.clone(),
        url: sub.url.clone(),
        outcome: Outcome::Unchanged,
        moved_to: None,
        merged: import::Merged::default(),
    };
    let host = host_key(&sub.url);
    let now = fetchstate::now();
    let before = hosts.hosts.get(&host).cloned().unwrap_or_default();
    if before.not_before > now {
        result.outcome = Outcome::Waiting {
            until: before.not_before,
        };
        return result;
    }
    let mut state = fetchstate::load_feed(&paths.state, &sub.name);
    let validators = if state.url.as_deref() == Some(sub.url.as_str()) {
        Validators {
            etag: state.etag.clone(),
            last_modified: state.last_modified.clone(),
        }
    } else {
        Validators::default()
    };
    let set_host = |s: HostState| {
        if let Ok(mut c) = changed.lock() {
            c.hosts.insert(host.clone(), s);
        }
    };
    let fetched = fetch::fetch(agent, timeouts, &sub.url, &validators);
    // The host is free for the next fetch while this one is written.
    fetched_now();
    if before.strikes > 0 && !matches!(fetched, Err(FetchError::Wait { .. })) {
        set_host(HostState::default());
    }
    result.outcome = match fetched {
        Err(e @ FetchError::Wait { retry_after, .. }) => {
            let strikes = before.strikes + 1;
            let wait = retry_after.unwrap_or_else(|| fetchstate::backoff(strikes));
            set_host(HostState {
                not_before: now + wait,
                strikes,
            });
            Outcome::Failed(format!("{e}; not asked again before {}", clock(now + wait)))
        }
        Err(e) => Outcome::Failed(e.to_string()),
        Ok(Fetched::NotModified) => {
            // Nothing else changed: the time of the last success is
            // refreshed at most hourly, sparing a write (and its fsync)
            // per feed on every sync.
            if state.last_success.is_some_and(|t| now - t < 3600) {
                Outcome::Unchanged
            } else {
                state.last_success = Some(now);
                save_state(paths, sub, &state).map_or_else(Outcome::Failed, |()| Outcome::Unchanged)
            }
        }
        Ok(Fetched::Body {
            bytes,
            charset,
            validators,
            final_url,
            moved_to,
        }) => {
            result.moved_to = moved_to;
            match write_body(
                paths,
                sub,
                &mut state,
                &bytes,
                charset.as_deref(),
                &final_url,
            ) {
                Ok((items, merged)) => {
                    result.merged = merged;
                    state.url = Some(result.moved_to.clone().unwrap_or_else(|| sub.url.clone()));
                    state.etag = validators.etag;
                    state.last_modified = validators.last_modified;
                    state.last_success = Some(now);
                    match save_state(paths, sub, &state) {
                        Err(e) => Outcome::Failed(e),
                        Ok(()) if items == 0 => Outcome::Unchanged,
                        Ok(()) => Outcome::Updated { items },
                    }
                }
                Err(e) => {
                    // Nothing was written: the move is not saved either.
                    result.moved_to = None;
                    Outcome::Failed(e)
                }
            }
        }
    };
    result
}

fn save_state(paths: &Paths, sub: &Subscription, state: &FeedState) -> Result<(), String> {
    fetchstate::save_feed(&paths.state, &sub.name, state).map_err(|e| {
        format!(
            "cannot save the fetch state in {}: {e}",
            crate::briefing::display_path(&paths.state)
        )
    })
}

/// Whether a body is a feed (XML or JSON) rather than a briefing TOML.
fn is_feed(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<' | b'{') => true,
        // UTF-16 (a BOM) is XML too.
        Some(0xFE | 0xFF) => true,
        _ => false,
    }
}

/// Write what a body brings; how many items (or briefings) were new, and
/// the feed's items merged into an earlier one.
fn write_body(
    paths: &Paths,
    sub: &Subscription,
    state: &mut FeedState,
    bytes: &[u8],
    charset: Option<&str>,
    final_url: &str,
) -> Result<(usize, import::Merged), String> {
    if !is_feed(bytes) {
        return write_briefing(paths, sub, bytes).map(|n| (n, import::Merged::default()));
    }
    let feed = import::parse(bytes, charset, Some(final_url)).map_err(|e| e.to_string())?;
    let seen: std::collections::HashSet<&str> = state.seen.iter().map(String::as_str).collect();
    let today = Utc::now().with_timezone(&feed.offset).date_naive();
    let mut days: BTreeMap<NaiveDate, Vec<&import::Item>> = BTreeMap::new();
    for item in feed.items.iter().filter(|i| !seen.contains(i.key.as_str())) {
        let day = item.date.map_or(today, |d| d.date_naive());
        days.entry(day).or_default().push(item);
    }
    let mut written = 0;
    let mut keys = Vec::new();
    for (day, items) in days {
        let path = paths.library.join(format!("{}-{day}.toml", sub.name));
        let mut sections: Vec<Section> = items.iter().map(|i| i.section.clone()).collect();
        if path.exists() {
            match crate::briefing::load_file(&path) {
                Ok(old) => sections.extend(old.briefing.sections),
                Err(e) => {
                    return Err(format!(
                        "{} is not a valid briefing, so it was left alone and nothing was added \
                         to it; fix or remove it: {}",
                        crate::briefing::display_path(&path),
                        e.to_string().lines().next().unwrap_or_default()
                    ));
                }
            }
        }
        sections.sort_by_key(|s| std::cmp::Reverse(s.published.map(|p| p.sort_key())));
        let b = import::briefing_of(&feed, day_title(&feed, day), sections);
        let toml = import::checked(&import::to_toml(&b)).map_err(|e| e.to_string())?;
        crate::fsutil::write_atomic_then(&path, toml.as_bytes(), false)
            .map_err(|e| format!("cannot write {}: {e}", crate::briefing::display_path(&path)))?;
        written += items.len();
        keys.extend(items.iter().map(|i| i.key.clone()));
    }
    if written > 0 {
        // The renames made durable at once, before the keys are saved.
        crate::fsutil::sync_folder(&paths.library);
    }
    state.remember(keys);
    Ok((written, feed.merged))
}

/// `テスト新聞（2025年3月4日）` for a Japanese feed, else `Feed (2025-03-04)`.
fn day_title(feed: &import::Feed, day: NaiveDate) -> String {
    use chrono::Datelike;
    if feed.offset.local_minus_utc() == 9 * 3600 {
        format!(
            "{}（{}年{}月{}日）",
            feed.title,
            day.year(),
            day.month(),
            day.day()
        )
    } else {
        format!("{} ({day})", feed.title)
    }
}

/// A remote briefing TOML, validated exactly as a local file, saved as
/// `<name>.toml` when it changed.
fn write_briefing(paths: &Paths, sub: &Subscription, bytes: &[u8]) -> Result<usize, String> {
    let name = crate::text::quoted(&sub.url);
    if bytes.len() as u64 > crate::briefing::MAX_FILE_SIZE {
        return Err("the briefing is over 16 MiB".into());
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(format!(
            "not a feed or a briefing: a binary file (NUL byte at offset {at})"
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not a feed, and not a briefing: not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    if let Err(d) = crate::briefing::parse_str(&name, text) {
        let first = d
            .iter()
            .find(|d| d.severity == crate::briefing::Severity::Error)
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(format!("not a feed, and not a valid briefing: {first}"));
    }
    let path = paths.library.join(format!("{}.toml", sub.name));
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(0);
    }
    crate::fsutil::write_atomic(&path, bytes)
        .map_err(|e| format!("cannot write {}: {e}", crate::briefing::display_path(&path)))?;
    Ok(1)
}

/// An exclusive lock on `<state>/sync.lock` for the length of a sync.
struct SyncLock {
    _file: std::fs::File,
}

impl SyncLock {
    fn take(dir: &Path) -> Result<SyncLock, SyncError> {
        use std::os::fd::AsRawFd;
        let io = |source| SyncError::Io {
            path: crate::briefing::display_path(dir),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let path = dir.join("sync.lock");
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io)?;
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(SyncError::Busy(crate::briefing::display_path(&path)));
        }
        Ok(SyncLock { _file: f })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line() {
        let r = |outcome| FeedResult {
            name: "n".into(),
            url: "u".into(),
            outcome,
            moved_to: None,
            merged: import::Merged::default(),
        };
        let report = Report {
            results: vec![
                r(Outcome::Updated { items: 2 }),
                r(Outcome::Unchanged),
                r(Outcome::Failed("x".into())),
            ],
        };
        assert_eq!(
            report.summary(),
            "3 feeds: 1 updated, 1 unchanged, 1 failed"
        );
        assert_eq!(host_key("https://example.jp/rss"), "example.jp:443");
        assert!(is_feed(b"\xEF\xBB\xBF  <rss"));
        assert!(!is_feed(b"title = \"x\""));
    }
}
