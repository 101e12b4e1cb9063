//! `r` in the library: `yomu sync` in the background (`r` in the feed
//! list: the selected feed only; `R`: every feed; `sync_every`: on a
//! timer), with its progress in the status bar (`syncing feeds: 3/12`),
//! then the summary (`12 new articles in 3 feeds`, the failures and the
//! feeds whose host asked to wait after it, whole with `e`), after which
//! the runtime reloads the list. A sync that brought new articles starts
//! `notify_command` ([`crate::notify`], not waited for). The sync itself is
//! [`crate::feeds::sync::run_only`], on a thread of its own (the reader's
//! [`crate::tui::job::Job`] of kind `Sync`); the reader keeps answering keys meanwhile,
//! and everything synced stays readable offline.

use super::App;
use crate::feeds::sync::{self, Event, Outcome, Paths, Report};
use crate::i18n::{Msg, t, tf};
use crate::tui::job::{End, Job, Kind};

/// What a sync reports as it goes.
#[derive(Debug, Clone, Copy)]
enum Progress {
    /// This many feeds are to be fetched.
    Started(usize),
    /// One more is done.
    Finished,
}

/// What a sync ends with: its report and why `notify_command` failed (if
/// it did), or why the sync did not run.
type Synced = Result<(Report, Option<String>), String>;

/// A sync running in the background, as the reader's [`Job`] of kind
/// [`Kind::Sync`].
#[derive(Debug)]
pub struct SyncJob {
    job: Job<Progress, Synced>,
    /// Feeds done, and to do (0 until the sync says).
    done: usize,
    total: usize,
    /// The progress last shown, to redraw only when it moves.
    shown: (usize, usize),
}

impl SyncJob {
    /// Start syncing with `paths` (the feeds named in `only`, else all),
    /// then run `notify` when new articles came; `None` when no thread
    /// could start.
    pub fn start(paths: Paths, only: Option<Vec<String>>, notify: Vec<String>) -> Option<SyncJob> {
        let lang = crate::i18n::lang();
        let job = Job::start(Kind::Sync, move |reporter| {
            crate::i18n::set_lang(lang);
            let on = |e: Event<'_>| {
                reporter.report(match e {
                    Event::Started(count) => Progress::Started(count),
                    Event::Finished(_) => Progress::Finished,
                });
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
            job,
            done: 0,
            total: 0,
            shown: (usize::MAX, 0),
        })
    }

    fn progress(&self) -> (usize, usize) {
        (self.done, self.total)
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
        let Some(mut paths) = self.sync_paths.clone().or_else(Paths::default_paths) else {
            self.status = Some(tf(Msg::SyncError, &[&t(Msg::CliNoHome)]));
            return;
        };
        // `full_text` articles go where `a` finds them, within its bound.
        if let Some(cache) = &self.article.cache {
            paths.articles = Some(cache.clone());
        }
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
        let update = job.job.poll();
        for p in update.progress {
            match p {
                Progress::Started(n) => job.total = n,
                Progress::Finished => job.done += 1,
            }
        }
        let result = match update.end {
            None => {
                let now = job.progress();
                let moved = now != job.shown || self.status.is_none();
                if moved {
                    job.shown = now;
                    let total: &dyn std::fmt::Display = if now.1 == 0 { &"…" } else { &now.1 };
                    self.status = Some(tf(Msg::SyncProgress, &[&now.0, total]));
                }
                return moved;
            }
            Some(End::Done(result)) => result,
            Some(End::Lost) => Err("the sync stopped unexpectedly".to_string()),
        };
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
