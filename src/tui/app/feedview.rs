//! The feed list in the router: `F` switches the library between its
//! briefings and its feeds ([`crate::tui::feeds`]), the choice kept in
//! state.db; Enter on a feed opens its articles across its day files as
//! one briefing (the files read by a background job, counted in the
//! status bar), whose pages mark the day files' articles read (the
//! combined briefing is never remembered itself); `r` there syncs that
//! feed, `R` anywhere in the library every feed; `A` there marks the
//! selected feed's articles read after asking (the undo key takes them
//! back); `sync_every` syncs on a timer while the reader is open.

use std::time::{Duration, Instant};

/// How often the reader looks whether a `sync_every` sync is due.
const CHECK_EVERY: Duration = Duration::from_secs(60);

/// Whether a sync is due: no subscription synced within `every` (by the
/// fetch state's last success; none at all counts as due).
fn sync_due(paths: &crate::feeds::sync::Paths, every: Duration) -> bool {
    let Ok(subs) = crate::feeds::subscriptions::load(&paths.subscriptions) else {
        return false;
    };
    if subs.feeds.is_empty() {
        return false;
    }
    let newest = subs
        .feeds
        .iter()
        .filter_map(|s| crate::feeds::fetchstate::load_feed(&paths.state, &s.name).last_success)
        .max();
    let every = i64::try_from(every.as_secs()).unwrap_or(i64::MAX);
    newest.is_none_or(|t| crate::feeds::fetchstate::now().saturating_sub(t) >= every)
}

use super::{App, Screen};
use crate::feeds::feedlist::Origin;
use crate::i18n::{Msg, t, tf};
use crate::tui::feeds::{FeedKey, SETTING};
use crate::tui::job::{End, Job, Kind, Reporter};
use crate::tui::keys::Action;
use crate::tui::reader::Reader;

/// One feed's articles open as one briefing: where each section is from.
#[derive(Debug, Clone)]
pub struct FeedView {
    /// Per section: its file's state key and its article there.
    pub origins: Vec<(String, u64)>,
    /// The last page marked as viewed.
    viewed: Option<usize>,
}

impl App {
    /// Take the configuration's `sync_every` and `notify_command`, and the
    /// list the library showed last time.
    pub fn configure_feeds(&mut self, settings: &crate::config::Config) {
        self.sync_every = settings.sync_every;
        self.notify_command = settings.notify_command.clone();
        let feeds = self
            .keeping
            .store
            .as_ref()
            .and_then(|s| s.setting(SETTING).ok().flatten())
            .is_some_and(|v| v == "feeds");
        if feeds {
            self.feeds.on = true;
            self.refresh_feeds();
        }
    }

    /// The fetch timeouts feeds.toml asks for (`timeout`,
    /// `connect_timeout`), which `a` keeps to as a sync does; the
    /// defaults without a readable feeds.toml.
    pub(super) fn fetch_timeouts(&self) -> crate::feeds::fetch::Timeouts {
        self.sync_paths
            .clone()
            .or_else(crate::feeds::sync::Paths::default_paths)
            .and_then(|p| crate::feeds::subscriptions::load(&p.subscriptions).ok())
            .map(|s| s.timeouts())
            .unwrap_or_default()
    }

    /// Read the feed list's rows again.
    pub(super) fn refresh_feeds(&mut self) {
        let paths = self
            .sync_paths
            .clone()
            .or_else(crate::feeds::sync::Paths::default_paths);
        self.feeds.refresh(paths.as_ref());
    }

    /// `F`: the other list, remembered.
    pub(super) fn toggle_feed_list(&mut self) {
        self.feeds.on = !self.feeds.on;
        if self.feeds.on {
            self.feeds.kana = self.kana;
            self.refresh_feeds();
        } else if let Some(o) = self.feeds.opening.take() {
            // A feed still opening is not wanted any more: its reading
            // stops at the next file, and its progress leaves the status.
            o.job.cancel();
            self.status = None;
        }
        let value = if self.feeds.on { "feeds" } else { "briefings" };
        self.kept_in_memory();
        if let Some(store) = &mut self.keeping.store {
            let r = store.set_setting(SETTING, value);
            self.saved(r);
        }
    }

    /// The library item of the file whose state key is `key`.
    fn item_by_key(&self, key: &str) -> Option<usize> {
        self.library.items.iter().position(|e| e.key == key)
    }

    /// Unread articles of every row of the feed list, from the library's
    /// read marks (its rows looked up by key once, not per file).
    pub fn feed_unread(&self) -> Vec<usize> {
        let rows: std::collections::HashMap<&str, usize> = self
            .library
            .items
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.as_str(), i))
            .collect();
        self.feeds
            .keys
            .iter()
            .map(|keys| {
                keys.iter()
                    .filter_map(|k| rows.get(k.as_str()))
                    .filter_map(|&i| self.library.read_count(i, &self.state))
                    .map(|(read, total)| total.saturating_sub(read))
                    .sum()
            })
            .collect()
    }

    /// A key while the feed list is shown: true when it was handled.
    pub(super) fn feed_list_key(&mut self, action: Action, height: usize) -> bool {
        match self.feeds.update(action, height) {
            FeedKey::Stay => true,
            FeedKey::Open(i) => {
                self.open_feed(i);
                true
            }
            FeedKey::SyncOne(name) => {
                self.start_sync_of(Some(vec![name]));
                true
            }
            FeedKey::Leave => {
                self.toggle_feed_list();
                true
            }
            // Help, Esc, quit and `e` are the router's; other keys do nothing here.
            FeedKey::Pass => !matches!(
                action,
                Action::Help | Action::Back | Action::Quit | Action::ShowError
            ),
        }
    }

    /// Open feed `i`'s articles, newest first, as one briefing: its day
    /// files are read in the background (a feed may have hundreds), the
    /// count in the status bar; in place when no thread can start.
    fn open_feed(&mut self, i: usize) {
        let Some(row) = self.feeds.rows.get(i) else {
            return;
        };
        let (name, files) = (row.name.clone(), row.files.clone());
        let total = files.len();
        let title = name.clone();
        let job = Job::start(Kind::FeedOpen, move |r: &Reporter<usize>| {
            crate::feeds::feedlist::combined_with(&title, &files, &|k| r.report(k))
        });
        match job {
            Some(job) => {
                self.status = Some(tf(
                    Msg::FeedOpening,
                    &[&crate::text::sanitize_line(&name), &0, &total],
                ));
                self.feeds.opening = Some(crate::tui::feeds::Opening {
                    job,
                    name,
                    done: 0,
                    total,
                });
            }
            None => {
                let Some(row) = self.feeds.rows.get(i) else {
                    return;
                };
                let opened = crate::feeds::feedlist::combined(&row.name, &row.files);
                self.show_feed(opened);
            }
        }
    }

    /// Take in the feed being opened: its progress in the status bar, the
    /// briefing when read (unless the feed list was left meanwhile). True
    /// when the screen changed.
    pub(super) fn poll_feed_open(&mut self) -> bool {
        let Some(o) = &mut self.feeds.opening else {
            return false;
        };
        let update = o.job.poll();
        let moved = update.progress.last().map(|k| k + 1);
        let end = match update.end {
            Some(end) => end,
            None => {
                let Some(done) = moved else {
                    return false;
                };
                o.done = done;
                let name = crate::text::sanitize_line(&o.name).into_owned();
                self.status = Some(tf(Msg::FeedOpening, &[&name, &done, &o.total]));
                return true;
            }
        };
        self.feeds.opening = None;
        self.status = None;
        if !self.feeds.on || self.reader().is_some() {
            return true;
        }
        match end {
            End::Done(opened) => self.show_feed(opened),
            End::Lost => self.status = Some(t(Msg::FeedEmpty).into()),
        }
        true
    }

    /// Show a feed's articles, read, as one briefing.
    fn show_feed(&mut self, (b, origins, problems): crate::tui::feeds::Opened) {
        if b.sections.is_empty() {
            self.status = Some(match problems.first() {
                Some(p) => p.clone(),
                None => t(Msg::FeedEmpty).into(),
            });
            return;
        }
        if let Some(p) = problems.first() {
            self.status = Some(tf(Msg::NotReloadedLastGood, &[p]));
        }
        let origins = origins
            .into_iter()
            .map(|Origin { file, article }| (crate::state::key_for(&file), article))
            .collect();
        let mut r = Reader::new(std::sync::Arc::new(b), self.layout_opts());
        r.set_kana(self.kana);
        r.vertical = self.vertical;
        self.screen = Screen::Reader(Box::new(r));
        self.feed_view = Some(FeedView {
            origins,
            viewed: None,
        });
        self.keeping.last_viewed = None;
    }

    /// `A` in the feed list: the selected feed's articles, across its day
    /// files, marked read after asking (newsboat's `A`); the undo key
    /// takes them back, as after the library's `A`.
    pub(super) fn mark_feed_read(&mut self) {
        let at = self.feeds.selected;
        let (Some(row), Some(keys)) = (self.feeds.current(), self.feeds.keys.get(at)) else {
            self.status = Some(t(Msg::NothingToMark).into());
            return;
        };
        let name = crate::text::sanitize_line(&row.name).into_owned();
        let items: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.item_by_key(k))
            .filter(|&i| self.library.items[i].meta.is_some())
            .collect();
        let unread = self.feed_unread().get(at).copied().unwrap_or(0);
        if items.is_empty() {
            self.status = Some(t(Msg::NothingToMark).into());
        } else if unread == 0 {
            self.status = Some(t(Msg::AllRead).into());
        } else {
            self.status = Some(tf(
                Msg::ConfirmMarkFeed,
                &[&crate::i18n::grouped(unread), &name],
            ));
            self.marking.confirm = Some(items);
        }
    }

    /// Mark `(file key, article)` read or not in its day file.
    fn mark_origin(&mut self, key: &str, article: u64, read: bool) -> bool {
        let Some(i) = self.item_by_key(key) else {
            return false;
        };
        self.ensure_read_set(i);
        if self.article_read_hash(i, article) != read {
            self.set_marks(i, &[(article, read)]);
        }
        true
    }

    /// In a feed's briefing: the article on the page marked read in its
    /// day file, once per page visit.
    pub(super) fn feed_mark_viewed(&mut self) {
        let Some(page) = self.reader().map(|r| r.page) else {
            return;
        };
        let section = self.reader().and_then(Reader::section);
        let Some(view) = &mut self.feed_view else {
            return;
        };
        if view.viewed == Some(page) {
            return;
        }
        view.viewed = Some(page);
        let Some((key, a)) = section.and_then(|s| view.origins.get(s).cloned()) else {
            return;
        };
        self.mark_origin(&key, a, true);
    }

    /// `u` in a feed's briefing: the article on the page (or, on the
    /// cover, every article) read or unread in its day file.
    pub(super) fn feed_toggle_read(&mut self) {
        let section = self.reader().and_then(Reader::section);
        let Some(view) = self.feed_view.clone() else {
            return;
        };
        let read_now = |app: &App, key: &str, a: u64| {
            app.item_by_key(key)
                .is_some_and(|i| app.article_read_hash(i, a))
        };
        let msg = match section.and_then(|s| view.origins.get(s)) {
            Some((key, a)) => {
                let read = !read_now(self, key, *a);
                self.mark_origin(key, *a, read);
                if read {
                    Msg::SectionRead
                } else {
                    Msg::SectionUnread
                }
            }
            None => {
                let all = view.origins.iter().all(|(k, a)| read_now(self, k, *a));
                for (k, a) in &view.origins {
                    self.mark_origin(k, *a, !all);
                }
                if all {
                    Msg::BriefingUnread
                } else {
                    Msg::BriefingRead
                }
            }
        };
        self.status = Some(t(msg).into());
    }

    /// `U` in a feed's briefing: the next page whose article is unread in
    /// its day file, wrapping around; else everything is read.
    pub(super) fn feed_next_unread(&mut self) {
        let Some(view) = self.feed_view.clone() else {
            return;
        };
        // The day files' marks, read from the store when not held yet.
        let mut items: Vec<usize> = view
            .origins
            .iter()
            .filter_map(|(k, _)| self.item_by_key(k))
            .collect();
        items.dedup();
        for i in items {
            self.ensure_read_set(i);
        }
        let here = self.reader().and_then(Reader::section);
        let n = view.origins.len();
        let start = here.map_or(0, |s| s + 1);
        let next = (0..n).map(|k| (start + k) % n).find(|&s| {
            let (key, a) = &view.origins[s];
            self.item_by_key(key)
                .is_some_and(|i| !self.article_read_hash(i, *a))
        });
        match next {
            Some(s) => {
                let height = self.body_height();
                if let Some(r) = self.reader_mut() {
                    r.place_at(s + 1, 0, height);
                }
            }
            None => self.status = Some(t(Msg::AllRead).into()),
        }
    }

    /// `sync_every`: start a sync of every feed when one is due: when no
    /// feed synced within the interval (a `yomu sync` from a timer counts
    /// too), and no background sync of this reader started within it. It
    /// is looked at once a minute. A host that asked to wait is not asked
    /// by it ([`crate::feeds::sync`] keeps to its backoff). True when a
    /// sync started.
    pub(super) fn poll_timer(&mut self) -> bool {
        let Some(every) = self.sync_every else {
            return false;
        };
        // Never more often than five minutes, whatever the setting says.
        let every = every.max(crate::feeds::every::MIN_EVERY);
        let now = Instant::now();
        if self.auto_checked.is_some_and(|t| now < t + CHECK_EVERY)
            || self.auto_started.is_some_and(|t| now < t + every)
            || self.syncing()
        {
            return false;
        }
        self.auto_checked = Some(now);
        let paths = self
            .sync_paths
            .clone()
            .or_else(crate::feeds::sync::Paths::default_paths);
        let Some(paths) = paths else {
            return false;
        };
        if !sync_due(&paths, every) {
            return false;
        }
        self.auto_started = Some(now);
        self.start_sync_of(None);
        true
    }
}
