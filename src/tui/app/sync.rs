//! `r` in the library: `yomu sync` in the background (`r` in the feed
//! list: the selected feed only; `R`: every feed; `sync_every`: on a
//! timer), with its progress in the status bar (`syncing feeds: 3/12`),
//! then the summary (`12 new articles in 3 feeds`, the failures and the
//! feeds whose host asked to wait after it, whole with `e`), after which
//! the runtime reloads the list. A sync that brought new articles runs
//! `notify_command` on the same thread. The sync itself is
//! [`crate::feeds::sync::run_only`], on a thread of its own
//! ([`crate::parallel::Task`]); the reader keeps answering keys meanwhile,
//! and everything synced stays readable offline.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::App;
use crate::feeds::sync::{self, Event, Outcome, Paths, Report};
use crate::i18n::{Msg, t, tf};
use crate::parallel::{Polled, Task};

/// A sync running in the background.
#[derive(Debug)]
pub struct SyncJob {
    task: Task<Result<(Report, Option<String>), String>>,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    /// The progress last shown, to redraw only when it moves.
    shown: (usize, usize),
}

impl SyncJob {
    /// Start syncing with `paths` (the feeds named in `only`, else all),
    /// then run `notify` when new articles came; `None` when no thread
    /// could start.
    pub fn start(paths: Paths, only: Option<Vec<String>>, notify: Vec<String>) -> Option<SyncJob> {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, n) = (done.clone(), total.clone());
        let lang = crate::i18n::lang();
        let task = Task::spawn("yomu-sync", move || {
            crate::i18n::set_lang(lang);
            let on = move |e: Event<'_>| match e {
                Event::Started(count) => n.store(count, Ordering::Relaxed),
                Event::Finished(_) => {
                    d.fetch_add(1, Ordering::Relaxed);
                }
            };
            let report = sync::run_only(&paths, only.as_deref(), &on)
                .map_err(|e| crate::text::sanitize_line(&e.to_string()).into_owned())?;
            let (news, feeds) = report.new_articles();
            let notified = crate::notify::run(&notify, news, &feeds)
                .err()
                .map(|e| crate::text::sanitize_line(&e.to_string()).into_owned());
            Ok((report, notified))
        })?;
        Some(SyncJob {
            task,
            done,
            total,
            shown: (usize::MAX, 0),
        })
    }

    fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// The status line for a finished sync.
pub fn summary(report: &Report) -> String {
    let count = |f: fn(&Outcome) -> bool| report.results.iter().filter(|r| f(&r.outcome)).count();
    if report.results.is_empty() {
        return t(Msg::SyncNone).into();
    }
    // New articles, not files, are what a sync brought.
    let line = report.news();
    let failed = count(|o| matches!(o, Outcome::Failed(_)));
    let line = if failed > 0 {
        format!("{line}, {}", tf(Msg::SyncFailedCount, &[&failed]))
    } else {
        line
    };
    // Items a feed repeated: merged, and said so.
    let merged: usize = report.results.iter().map(|r| r.merged.total()).sum();
    let line = if merged > 0 {
        tf(Msg::SyncMerged, &[&line, &merged])
    } else {
        line
    };
    let failures: Vec<String> = report
        .results
        .iter()
        // Hosts that asked to wait count as unchanged, and are named too.
        .filter(|r| matches!(r.outcome, Outcome::Failed(_) | Outcome::Waiting { .. }))
        .map(sync::FeedResult::line)
        .collect();
    if failures.is_empty() {
        line
    } else {
        tf(Msg::SyncFailures, &[&line, &failures.join("; ")])
    }
}

impl App {
    /// `r`: start a sync of every feed, unless one is running.
    pub(super) fn start_sync(&mut self) {
        self.start_sync_of(None);
    }

    /// Start a sync of the feeds named in `only` (every feed when `None`),
    /// unless one is running.
    pub(super) fn start_sync_of(&mut self, only: Option<Vec<String>>) {
        if self.sync.is_some() {
            self.status = Some(t(Msg::SyncRunning).into());
            return;
        }
        let Some(paths) = self.sync_paths.clone().or_else(Paths::default_paths) else {
            self.status = Some(tf(Msg::SyncError, &[&t(Msg::CliNoHome)]));
            return;
        };
        let one = only.as_ref().and_then(|n| n.first().cloned());
        match SyncJob::start(paths, only, self.notify_command.clone()) {
            Some(job) => {
                self.status = Some(match one {
                    Some(name) => tf(Msg::SyncOneProgress, &[&crate::text::sanitize_line(&name)]),
                    None => tf(Msg::SyncProgress, &[&0, &"…"]),
                });
                self.sync = Some(job);
            }
            None => self.status = Some(tf(Msg::SyncError, &[&t(Msg::CliNoThread)])),
        }
    }

    /// Take in the sync's progress or result: true when the status changed.
    pub(super) fn poll_sync(&mut self) -> bool {
        let Some(job) = &mut self.sync else {
            return false;
        };
        match job.task.poll() {
            Polled::Pending => {
                let now = job.progress();
                let moved = now != job.shown || self.status.is_none();
                if moved {
                    job.shown = now;
                    let total: &dyn std::fmt::Display = if now.1 == 0 { &"…" } else { &now.1 };
                    self.status = Some(tf(Msg::SyncProgress, &[&now.0, total]));
                }
                moved
            }
            Polled::Ready(result) => {
                self.status = Some(match result {
                    Ok((report, None)) => summary(&report),
                    Ok((report, Some(notify))) => format!("{}; {notify}", summary(&report)),
                    Err(e) => tf(Msg::SyncError, &[&e]),
                });
                self.sync = None;
                self.synced = true;
                if self.feeds.on {
                    self.refresh_feeds();
                }
                true
            }
            Polled::Lost => {
                self.status = Some(tf(Msg::SyncError, &[&"the sync stopped unexpectedly"]));
                self.sync = None;
                self.synced = true;
                true
            }
        }
    }

    /// Whether a sync finished since the last call (the runtime then
    /// reloads the list).
    pub fn take_synced(&mut self) -> bool {
        std::mem::take(&mut self.synced)
    }

    /// Whether a sync is running.
    pub fn syncing(&self) -> bool {
        self.sync.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::import::Merged;
    use crate::i18n::{Lang, set_lang};

    #[test]
    fn the_summary_says_how_many_repeated_items_were_merged() {
        let report = Report {
            results: vec![sync::FeedResult {
                name: "n".into(),
                url: "u".into(),
                outcome: Outcome::Updated { items: 2 },
                moved_to: None,
                moving_to: None,
                merged: Merged {
                    same_id: 2,
                    same_link: 1,
                    same_text: 0,
                },
            }],
        };
        set_lang(Lang::En);
        assert_eq!(
            summary(&report),
            "2 new articles in 1 feed, 3 repeated items merged"
        );
        set_lang(Lang::Ja);
        assert_eq!(
            summary(&report),
            "フィード1件に新着記事2件、重複3件はまとめました"
        );
        set_lang(Lang::En);
    }
}
