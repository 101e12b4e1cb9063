//! `r` in the library: `yomu sync` in the background, with its progress in
//! the status bar (`syncing feeds: 3/12`), then the summary (`9 updated,
//! 2 unchanged, 1 failed`, the failures and the feeds whose host asked to
//! wait after it, whole with `e`), after which the runtime reloads the list. The sync itself is
//! [`crate::feeds::sync::run`], as a background [`Job`] reporting the feeds
//! done of how many; the reader keeps answering keys meanwhile, and
//! everything synced stays readable offline.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::App;
use crate::feeds::sync::{self, Event, Outcome, Paths, Report};
use crate::i18n::{Msg, t, tf};
use crate::tui::job::{End, Job, Kind, Reporter};

/// A sync running in the background.
#[derive(Debug)]
pub struct SyncJob {
    job: Job<(usize, usize), Result<Report, String>>,
    /// Feeds done, of how many (the latest report).
    now: (usize, usize),
    /// The progress last shown, to redraw only when it moves.
    shown: (usize, usize),
}

impl SyncJob {
    /// Start syncing with `paths`; `None` when no thread could start.
    pub fn start(paths: Paths) -> Option<SyncJob> {
        let lang = crate::i18n::lang();
        let job = Job::start(Kind::Sync, move |r: &Reporter<(usize, usize)>| {
            crate::i18n::set_lang(lang);
            let (done, total) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let on = |e: Event<'_>| match e {
                Event::Started(count) => {
                    total.store(count, Ordering::Relaxed);
                    r.report((done.load(Ordering::Relaxed), count));
                }
                Event::Finished(_) => {
                    let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                    r.report((d, total.load(Ordering::Relaxed)));
                }
            };
            sync::run(&paths, &on)
                .map_err(|e| crate::text::sanitize_line(&e.to_string()).into_owned())
        })?;
        Some(SyncJob {
            job,
            now: (0, 0),
            shown: (usize::MAX, 0),
        })
    }
}

/// The status line for a finished sync.
pub fn summary(report: &Report) -> String {
    let count = |f: fn(&Outcome) -> bool| report.results.iter().filter(|r| f(&r.outcome)).count();
    if report.results.is_empty() {
        return t(Msg::SyncNone).into();
    }
    let line = tf(
        Msg::SyncDone,
        &[
            &count(|o| matches!(o, Outcome::Updated { .. })),
            &count(|o| matches!(o, Outcome::Unchanged | Outcome::Waiting { .. })),
            &report.failed(),
        ],
    );
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
    /// `r`: start a sync, unless one is running.
    pub(super) fn start_sync(&mut self) {
        if self.sync.is_some() {
            self.status = Some(t(Msg::SyncRunning).into());
            return;
        }
        let Some(paths) = self.sync_paths.clone().or_else(Paths::default_paths) else {
            self.status = Some(tf(Msg::SyncError, &[&t(Msg::CliNoHome)]));
            return;
        };
        match SyncJob::start(paths) {
            Some(job) => {
                self.status = Some(tf(Msg::SyncProgress, &[&0, &"…"]));
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
        if let Some(&now) = update.progress.last() {
            job.now = now;
        }
        match update.end {
            None => {
                let now = job.now;
                let moved = now != job.shown || self.status.is_none();
                if moved {
                    job.shown = now;
                    let total: &dyn std::fmt::Display = if now.1 == 0 { &"…" } else { &now.1 };
                    self.status = Some(tf(Msg::SyncProgress, &[&now.0, total]));
                }
                moved
            }
            Some(End::Done(result)) => {
                self.status = Some(match result {
                    Ok(report) => summary(&report),
                    Err(e) => tf(Msg::SyncError, &[&e]),
                });
                self.sync = None;
                self.synced = true;
                true
            }
            Some(End::Lost) => {
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
            "1 updated, 0 unchanged, 0 failed, 3 repeated items merged"
        );
        set_lang(Lang::Ja);
        assert_eq!(
            summary(&report),
            "取得：更新1、変更なし0、失敗0、重複3件はまとめました"
        );
        set_lang(Lang::En);
    }
}
