//! The files a subscription owns in the data library, named so that no
//! two subscriptions can ever share one, and the tidying a sync does
//! before it writes (under its lock, so no other sync is writing).
//!
//! A feed writes one file per day, `<name>-YYYY-MM-DD.toml`; a subscribed
//! briefing writes `<name>.remote.toml`. Names are unique, a day suffix
//! has a fixed length and no day file ends in `.remote.toml`, so a feed
//! `x` and a briefing `x-2025-03-04` no longer write the same
//! `x-2025-03-04.toml`, as they did when a subscribed briefing was
//! `<name>.toml`.
//!
//! [`migrate`] moves such older files to their new names: a briefing's
//! `<name>.toml` becomes `<name>.remote.toml` when no feed's day has that
//! name, or when one has but the file is not a feed's day (its title does
//! not end with that day, as every day file's title does); that feed's
//! items of the day, overwritten then, are written again by its next
//! sync ([`super::fetchstate::FeedState::refill`]). A file that is a
//! feed's day is left to the feed.
//!
//! [`remove_stale_temps`] removes the temporary files of writes that a
//! killed sync never finished (`.<file>.tmp-PID-TID`, of a process that
//! is gone).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::fetchstate;
use super::subscriptions::Subscription;

/// A feed's file for one day.
pub fn day_path(library: &Path, name: &str, day: NaiveDate) -> PathBuf {
    library.join(format!("{name}-{day}.toml"))
}

/// A subscribed briefing's file.
pub fn remote_path(library: &Path, name: &str) -> PathBuf {
    library.join(format!("{name}.remote.toml"))
}

/// The day of `feed`'s file that `name` would also name: `name` is
/// `<feed>-YYYY-MM-DD`.
fn day_of(name: &str, feed: &str) -> Option<NaiveDate> {
    let rest = name.strip_prefix(feed)?.strip_prefix('-')?;
    (rest.len() == 10)
        .then(|| NaiveDate::parse_from_str(rest, "%Y-%m-%d").ok())
        .flatten()
}

/// Whether `title` is the title yomu gives a feed's file of `day`
/// (`…（2025年3月4日）` or `… (2025-03-04)`).
fn is_day_title(title: &str, day: NaiveDate) -> bool {
    use chrono::Datelike;
    let ja = format!("（{}年{}月{}日）", day.year(), day.month(), day.day());
    title.ends_with(&ja) || title.ends_with(&format!(" ({day})"))
}

/// Move the files of subscribed briefings written under their old name
/// (`<name>.toml`) to `<name>.remote.toml`; how many were moved. Only a
/// subscription that fetched before and remembers no feed item (so was
/// a briefing) is considered, and nothing is moved over an existing file.
pub fn migrate(library: &Path, state: &Path, feeds: &[Subscription]) -> usize {
    let mut moved = 0;
    for sub in feeds {
        let old = library.join(format!("{}.toml", sub.name));
        let new = remote_path(library, &sub.name);
        let Ok(meta) = std::fs::symlink_metadata(&old) else {
            continue;
        };
        if !meta.is_file() || new.exists() {
            continue;
        }
        let st = fetchstate::load_feed(state, &sub.name);
        if st.last_success.is_none() || !st.seen.is_empty() {
            continue;
        }
        let claimed = feeds
            .iter()
            .filter(|f| f.name != sub.name)
            .find_map(|f| Some((f, day_of(&sub.name, &f.name)?)));
        if let Some((_, day)) = claimed {
            match crate::briefing::load_file(&old) {
                Ok(l) if is_day_title(&l.briefing.title, day) => continue,
                Ok(_) => {}
                // Neither one's for sure: left as it is.
                Err(_) => continue,
            }
        }
        if std::fs::rename(&old, &new).is_err() {
            continue;
        }
        moved += 1;
        if let Some((feed, day)) = claimed {
            let mut st = fetchstate::load_feed(state, &feed.name);
            let day = day.to_string();
            if !st.refill.contains(&day) {
                st.refill.push(day);
                // Best effort: without it, those items stay missing.
                let _ = fetchstate::save_feed(state, &feed.name, &st);
            }
        }
    }
    if moved > 0 {
        crate::fsutil::sync_folder(library);
    }
    moved
}

/// Remove the temporary files in `dir` left by writes of processes that
/// are gone (a sync killed while writing); how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let me = std::process::id();
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = temp_pid(name) else { continue };
        if pid == me || alive(pid) {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_file()) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in a temporary file's name (`.<file>.tmp-PID-TID`, as
/// [`crate::fsutil::temp_path`] makes them).
fn temp_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, tail) = name.rsplit_once(".tmp-")?;
    let (pid, tid) = tail.split_once('-')?;
    if tid.is_empty() || !tid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id exists.
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    if unsafe { libc::kill(pid, 0) } == 0 {
        return true;
    }
    std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_days_and_temporaries() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        assert_eq!(day_of("x-2025-03-04", "x"), Some(d));
        assert_eq!(day_of("x-2025-03-04", "y"), None);
        assert_eq!(day_of("x-2025-3-4", "x"), None);
        assert!(is_day_title("テスト新聞（2025年3月4日）", d));
        assert!(is_day_title("News (2025-03-04)", d));
        assert!(!is_day_title("Weekly", d));
        assert_eq!(temp_pid(".a-2025-03-04.toml.tmp-123-456"), Some(123));
        assert_eq!(temp_pid("a.toml"), None);
        assert_eq!(temp_pid(".a.toml.tmp-x-1"), None);
        assert!(alive(std::process::id()));
    }
}
