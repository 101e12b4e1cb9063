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
//! `<name>.remote.toml` ([`super::files`]: no two subscriptions share a
//! file). Nothing is written unless the whole response was read and
//! understood, and every day file it adds to loads, so a failed or
//! partial fetch leaves the library as it was. The keys about to be
//! written are saved first, as a journal in the feed's state
//! ([`fetchstate::Pending`]), then the files, then the keys as written:
//! a sync killed in between, or a state folder that cannot be written,
//! never makes an item appear twice.
//!
//! A permanent redirect within the same host changes feeds.toml at once;
//! one to another host is reported, and changes feeds.toml only when the
//! next sync is sent to the same address again.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{NaiveDate, Utc};

use super::fetch::{self, FetchError, Fetched, Timeouts, Validators};
use super::fetchstate::{self, FeedState, HostState, Hosts};
use super::import;
use super::report::clock;
pub use super::report::{FeedResult, Outcome, Report, news_line};
use super::subscriptions::{self, Subscription};
use crate::briefing::Section;
use crate::i18n::{Msg, tf};

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
    /// The articles cache that `full_text` subscriptions fill (the
    /// configuration's folder and bound; `None`: no cache kept).
    pub articles: Option<crate::webpage::cache::ArticleCache>,
}

impl Paths {
    /// The XDG places; `None` without a home.
    pub fn default_paths() -> Option<Paths> {
        let paths = crate::paths::Paths::from_env();
        Some(Paths {
            subscriptions: paths.feeds_file()?,
            state: paths.state_dir()?,
            library: paths.library_dir()?,
            articles: crate::webpage::cache::ArticleCache::open_default(
                crate::webpage::cache::DEFAULT_MAX_BYTES,
            ),
        })
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
    #[error("{}", tf(Msg::CliSyncBusy, &[.0]))]
    Busy(String),
    /// `yomu sync NAME` with a name no subscription has.
    #[error("{}", tf(Msg::CliUnknownFeed, &[.0]))]
    UnknownFeed(String),
    #[error("{}", tf(Msg::CliLockNotAFile, &[.0]))]
    NotAFile(String),
    #[error("{}", tf(Msg::CliCannotUse, &[path, source]))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Sync every subscription of `paths.subscriptions`.
pub fn run(paths: &Paths, on: &(dyn Fn(Event<'_>) + Sync)) -> Result<Report, SyncError> {
    run_only(paths, None, on)
}

/// Sync the subscriptions named in `only` (every one when `None`); a
/// name no subscription has is an error, and then nothing is fetched.
pub fn run_only(
    paths: &Paths,
    only: Option<&[String]>,
    on: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Report, SyncError> {
    let mut subs = subscriptions::load(&paths.subscriptions)?;
    if let Some(names) = only {
        if let Some(unknown) = names
            .iter()
            .find(|n| !subs.feeds.iter().any(|s| &&s.name == n))
        {
            return Err(SyncError::UnknownFeed(crate::text::quoted(unknown)));
        }
        subs.feeds.retain(|s| names.contains(&s.name));
    }
    if subs.feeds.is_empty() {
        // Nothing to do, and nothing created on disk for it.
        on(Event::Started(0));
        return Ok(Report::default());
    }
    let _lock = SyncLock::take(&paths.state)?;
    // Under the lock, no other sync is writing: what a killed one left
    // half-done is tidied, and files named the old way moved.
    super::files::remove_stale_temps(&paths.library);
    super::files::remove_stale_temps(&crate::paths::feed_states_in(&paths.state));
    super::files::migrate(&paths.library, &paths.state, &subs.feeds);
    let timeouts = subs.timeouts();
    let shared = Shared {
        paths,
        agent: fetch::agent(timeouts),
        timeouts,
        hosts: fetchstate::load_hosts(&paths.state),
        changed: Mutex::new(Hosts::default()),
        gate: super::fulltext::HostGate::default(),
    };
    on(Event::Started(subs.feeds.len()));
    // The workers speak the language of the thread that started the sync.
    let lang = crate::i18n::lang();
    let results = crate::parallel::map_limited(
        &subs.feeds,
        MAX_AT_ONCE,
        MAX_PER_HOST,
        |s| host_key(&s.url),
        |s, fetched| {
            crate::i18n::set_lang(lang);
            let r = one(&shared, s, fetched);
            on(Event::Finished(&r));
            r
        },
    );
    let changed = shared
        .changed
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
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

/// What every feed's sync shares.
struct Shared<'a> {
    paths: &'a Paths,
    agent: fetch::Agents,
    timeouts: Timeouts,
    /// The hosts' backoff as it was when the sync started.
    hosts: Hosts,
    /// The hosts' backoff changed by this sync.
    changed: Mutex<Hosts>,
    /// The page fetches of `full_text` subscriptions, per host.
    gate: super::fulltext::HostGate,
}

fn one(shared: &Shared<'_>, sub: &Subscription, fetched_now: &dyn Fn()) -> FeedResult {
    let Shared {
        paths,
        agent,
        timeouts,
        hosts,
        changed,
        gate,
    } = shared;
    let timeouts = *timeouts;
    let mut result = FeedResult {
        name: sub.name.clone(),
        url: sub.url.clone(),
        outcome: Outcome::Unchanged,
        moved_to: None,
        moving_to: None,
        merged: import::Merged::default(),
    };
    let host = host_key(&sub.url);
    let now = fetchstate::now();
    let mut before = hosts.hosts.get(&host).cloned().unwrap_or_default();
    if before.not_before > now.saturating_add(fetch::MAX_RETRY_AFTER) {
        // Later than any wait yomu obeys (written by an older yomu, or
        // by hand): the host is asked now.
        before.not_before = 0;
    }
    if before.not_before > now {
        result.outcome = Outcome::Waiting {
            until: before.not_before,
        };
        return result;
    }
    let mut state = fetchstate::load_feed(&paths.state, &sub.name);
    // What a killed sync left in the journal is settled first.
    state.settle(&paths.library);
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
            let until = now.saturating_add(wait.clamp(0, fetch::MAX_RETRY_AFTER));
            set_host(HostState {
                not_before: until,
                strikes,
            });
            Outcome::Failed(tf(Msg::CliNotAskedBefore, &[&e, &clock(until)]))
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
            let pages = sub.full_text.then(|| super::fulltext::Pages {
                agent,
                timeouts,
                hosts,
                changed,
                gate,
                cache: paths.articles.clone(),
            });
            match write_body(
                paths,
                sub,
                &mut state,
                &bytes,
                charset.as_deref(),
                &final_url,
                pages.as_ref(),
            ) {
                Ok((items, merged)) => {
                    result.merged = merged;
                    match moved_to {
                        // Within the host, or to where the last sync was
                        // sent too: feeds.toml follows.
                        Some(to)
                            if host_key(&to) == host_key(&sub.url)
                                || state.moved_to.as_deref() == Some(to.as_str()) =>
                        {
                            state.moved_to = None;
                            result.moved_to = Some(to);
                        }
                        Some(to) => {
                            state.moved_to = Some(to.clone());
                            result.moving_to = Some(to);
                        }
                        None => state.moved_to = None,
                    }
                    // The validators belong to the address they came from.
                    state.url = Some(
                        result
                            .moved_to
                            .clone()
                            .or_else(|| result.moving_to.clone())
                            .unwrap_or_else(|| sub.url.clone()),
                    );
                    state.etag = validators.etag;
                    state.last_modified = validators.last_modified;
                    state.last_success = Some(now);
                    match save_state(paths, sub, &state) {
                        Err(e) => Outcome::Failed(e),
                        Ok(()) if items == 0 => Outcome::Unchanged,
                        Ok(()) => Outcome::Updated { items },
                    }
                }
                // Nothing was written: the move is not saved either.
                Err(e) => Outcome::Failed(e),
            }
        }
    };
    // Failures in a row are counted for the reader's feed list; best
    // effort, as the outcome is already decided.
    match &result.outcome {
        Outcome::Failed(why) => {
            state.failures = state.failures.saturating_add(1);
            state.last_error = Some(why.clone());
            let _ = save_state(paths, sub, &state);
        }
        Outcome::Updated { .. } | Outcome::Unchanged if state.failures > 0 => {
            state.failures = 0;
            state.last_error = None;
            let _ = save_state(paths, sub, &state);
        }
        _ => {}
    }
    result
}

fn save_state(paths: &Paths, sub: &Subscription, state: &FeedState) -> Result<(), String> {
    fetchstate::save_feed(&paths.state, &sub.name, state).map_err(|e| {
        tf(
            Msg::CliStateNotSaved,
            &[&crate::briefing::display_path(&paths.state), &e],
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
///
/// Every day's file is read and made before any is written, so a day file
/// that no longer loads stops the feed with nothing written. Then the
/// journal (the files and the keys they add) is saved in the feed's
/// state, the files are written, and the keys moved to the seen ones
/// (saved by the caller).
fn write_body(
    paths: &Paths,
    sub: &Subscription,
    state: &mut FeedState,
    bytes: &[u8],
    charset: Option<&str>,
    final_url: &str,
    pages: Option<&super::fulltext::Pages<'_>>,
) -> Result<(usize, import::Merged), String> {
    if !is_feed(bytes) {
        return write_briefing(paths, sub, bytes).map(|n| (n, import::Merged::default()));
    }
    let feed = import::parse(bytes, charset, Some(final_url)).map_err(|e| e.to_string())?;
    let served: HashSet<&str> = feed.items.iter().map(|i| i.key.as_str()).collect();
    let today = Utc::now().with_timezone(&feed.offset).date_naive();
    let mut days: BTreeMap<NaiveDate, Vec<&import::Item>> = BTreeMap::new();
    {
        let seen: HashSet<&str> = state.seen.iter().map(String::as_str).collect();
        // Days to write again whole (their file went to another
        // subscription), unless a file of that day is there again.
        let refill: HashSet<NaiveDate> = state
            .refill
            .iter()
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|&d| !super::files::day_path(&paths.library, &sub.name, d).exists())
            .collect();
        for item in &feed.items {
            let day = item.date.map_or(today, |d| d.date_naive());
            if !seen.contains(item.key.as_str()) || refill.contains(&day) {
                days.entry(day).or_default().push(item);
            }
        }
    }
    let mut plans = Vec::new();
    let mut written = 0;
    for (day, items) in days {
        let path = super::files::day_path(&paths.library, &sub.name, day);
        let mut sections: Vec<Section> = items.iter().map(|i| i.section.clone()).collect();
        if let Some(pages) = pages {
            for s in &mut sections {
                pages.fill(s);
            }
        }
        if path.exists() {
            match crate::briefing::load_file(&path) {
                Ok(old) => sections.extend(old.briefing.sections),
                Err(e) => {
                    return Err(tf(
                        Msg::CliDayInvalid,
                        &[
                            &crate::briefing::display_path(&path),
                            &e.to_string().lines().next().unwrap_or_default(),
                        ],
                    ));
                }
            }
        }
        sections.sort_by_key(|s| std::cmp::Reverse(s.published.map(|p| p.sort_key())));
        let b = import::briefing_of(&feed, day_title(&feed, day), sections);
        let toml = import::checked(&import::to_toml(&b)).map_err(|e| e.to_string())?;
        written += items.len();
        let keys = items.iter().map(|i| i.key.clone()).collect();
        plans.push((path, toml, keys));
    }
    state.refill.clear();
    if plans.is_empty() {
        state.remember(Vec::new(), &served);
        return Ok((0, feed.merged));
    }
    state.pending = plans
        .iter()
        .map(|(path, toml, keys)| fetchstate::Pending {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: fetchstate::digest(toml.as_bytes()),
            keys: Vec::clone(keys),
        })
        .collect();
    save_state(paths, sub, state)?;
    for (path, toml, _) in &plans {
        crate::fsutil::write_atomic_then(path, toml.as_bytes(), false).map_err(|e| {
            tf(
                Msg::CliCannotWrite,
                &[&crate::briefing::display_path(path), &e],
            )
        })?;
    }
    // The renames made durable at once, before the keys are saved.
    crate::fsutil::sync_folder(&paths.library);
    let keys: Vec<String> = std::mem::take(&mut state.pending)
        .into_iter()
        .flat_map(|p| p.keys)
        .collect();
    state.remember(keys, &served);
    Ok((written, feed.merged))
}

/// The title of a feed's day file: the feed's title alone. The day is
/// the file's `published` date, which the library row, the cover and
/// every export already show; written into the title too it was shown
/// twice (`NHKニュース（経済）（2026年12月6日）` beside `2026年12月6日`).
fn day_title(feed: &import::Feed, _day: NaiveDate) -> String {
    feed.title.clone()
}

/// A remote briefing TOML, validated exactly as a local file, saved as
/// `<name>.remote.toml` when it changed.
fn write_briefing(paths: &Paths, sub: &Subscription, bytes: &[u8]) -> Result<usize, String> {
    let name = crate::text::quoted(&sub.url);
    if bytes.len() as u64 > crate::briefing::MAX_FILE_SIZE {
        return Err(crate::i18n::t(Msg::CliRemoteTooLarge).into());
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(tf(Msg::CliRemoteBinary, &[&at]));
    }
    let text =
        std::str::from_utf8(bytes).map_err(|e| tf(Msg::CliRemoteNotUtf8, &[&e.valid_up_to()]))?;
    if let Err(d) = crate::briefing::parse_str(&name, text) {
        let first = d
            .iter()
            .find(|d| d.severity == crate::briefing::Severity::Error)
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(tf(Msg::CliRemoteInvalid, &[&first]));
    }
    let path = super::files::remote_path(&paths.library, &sub.name);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(0);
    }
    crate::fsutil::write_atomic(&path, bytes)
        .map_err(|e| format!("cannot write {}: {e}", crate::briefing::display_path(&path)))?;
    Ok(1)
}

/// An exclusive lock on `<state>/sync.lock` for the length of a sync
/// (or of a rename, which must not move files a sync is writing).
pub(crate) struct SyncLock {
    _file: std::fs::File,
}

impl SyncLock {
    pub(crate) fn take(dir: &Path) -> Result<SyncLock, SyncError> {
        use std::os::unix::fs::OpenOptionsExt;
        let io = |source| SyncError::Io {
            path: crate::briefing::display_path(dir),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let path = crate::paths::sync_lock_in(dir);
        // Opened for reading and writing, without blocking: a FIFO put
        // there opens at once (and is then refused) instead of waiting
        // for a reader forever.
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&path)
            .map_err(io)?;
        if !f.metadata().map_err(io)?.is_file() {
            return Err(SyncError::NotAFile(crate::briefing::display_path(&path)));
        }
        if !crate::fsutil::lock_exclusive(&f, std::time::Duration::ZERO).map_err(io)? {
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
            moving_to: None,
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
            "2 new articles in 1 feed; 3 feeds: 1 updated, 1 unchanged, 1 failed"
        );
        assert_eq!(news_line(12, 3), "12 new articles in 3 feeds");
        assert_eq!(news_line(1, 1), "1 new article in 1 feed");
        assert_eq!(news_line(0, 0), "no new articles");
        assert_eq!(host_key("https://example.jp/rss"), "example.jp:443");
        assert!(is_feed(b"\xEF\xBB\xBF  <rss"));
        assert!(!is_feed(b"title = \"x\""));
    }
}
