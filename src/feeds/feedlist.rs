//! The reader's list of feeds: one row per subscription (its name, its
//! files in the data library, when it last synced and how many fetches
//! failed in a row since), and one feed's articles across its day files
//! as one briefing, newest first.
//!
//! Part of the core: the reader's feed list screen draws these rows and
//! opens [`combined`]; the day files stay as they are on disk, and every
//! section of the combined briefing says which file and article it is, so
//! read marks stay on the day files' articles.

use std::path::{Path, PathBuf};

use super::fetchstate;
use super::subscriptions::{self, SubscriptionsError};
use super::sync::Paths;
use crate::briefing::{Briefing, article};

/// One subscription, as the feed list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub name: String,
    pub url: String,
    /// Its files in the data library (day files, a subscribed briefing),
    /// newest day first.
    pub files: Vec<PathBuf>,
    /// Unix seconds of its last successful sync.
    pub last_sync: Option<i64>,
    /// Syncs that failed in a row since, and why the last one did.
    pub failures: u32,
    pub last_error: Option<String>,
}

/// The subscription (of `names`) whose file `file` (a file name in the
/// data library) is: `NAME-YYYY-MM-DD.toml` or `NAME.remote.toml`.
pub fn owner<'a>(file: &str, names: &'a [String]) -> Option<&'a str> {
    names
        .iter()
        .filter(|n| super::rename::renamed(file, n, n).is_some())
        .max_by_key(|n| n.len())
        .map(String::as_str)
}

/// Every subscription of feeds.toml, with its files and its sync's state.
pub fn rows(paths: &Paths) -> Result<Vec<FeedRow>, SubscriptionsError> {
    let subs = subscriptions::load(&paths.subscriptions)?;
    let names: Vec<String> = subs.feeds.iter().map(|s| s.name.clone()).collect();
    let mut files: Vec<Vec<PathBuf>> = vec![Vec::new(); names.len()];
    if let Ok(entries) = std::fs::read_dir(&paths.library) {
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some(owner) = owner(name, &names)
                && let Some(i) = names.iter().position(|n| n == owner)
            {
                files[i].push(e.path());
            }
        }
    }
    Ok(subs
        .feeds
        .into_iter()
        .zip(files)
        .map(|(s, mut files)| {
            // Day files sort by their name's date: newest first.
            files.sort();
            files.reverse();
            let st = fetchstate::load_feed(&paths.state, &s.name);
            FeedRow {
                name: s.name,
                url: s.url,
                files,
                last_sync: st.last_success,
                failures: st.failures,
                last_error: st.last_error,
            }
        })
        .collect())
}

/// Where a section of a combined briefing comes from: its file and its
/// article there ([`article::hashes`] of that file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub article: u64,
}

/// One feed's articles across `files` as one briefing titled `title`:
/// every section, newest first (undated ones after, in file order), each
/// with its [`Origin`]; the files that did not load are left out and
/// named with why.
pub fn combined(title: &str, files: &[PathBuf]) -> (Briefing, Vec<Origin>, Vec<String>) {
    combined_with(title, files, &|_| true)
}

/// [`combined`], told `on_file(k)` before file `k` is read; it stops
/// reading when that answers false (the work was cancelled).
pub fn combined_with(
    title: &str,
    files: &[PathBuf],
    on_file: &dyn Fn(usize) -> bool,
) -> (Briefing, Vec<Origin>, Vec<String>) {
    let mut sections = Vec::new();
    let mut problems = Vec::new();
    let mut language = None;
    for (order, path) in files.iter().enumerate() {
        if !on_file(order) {
            break;
        }
        match crate::briefing::load_file(path) {
            Ok(l) => {
                let b = l.briefing;
                language = language.or(b.language.clone());
                let hashes = article::hashes(&b);
                for (k, (s, a)) in b.sections.into_iter().zip(hashes).enumerate() {
                    sections.push((order, k, s, a, path.clone()));
                }
            }
            Err(e) => problems.push(format!(
                "{}: {}",
                crate::briefing::display_path(path),
                e.to_string().lines().next().unwrap_or_default()
            )),
        }
    }
    sections.sort_by(|a, b| {
        let key = |s: &crate::briefing::Section| s.published.map(|p| p.sort_key());
        key(&b.2)
            .cmp(&key(&a.2))
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
    });
    let origins = sections
        .iter()
        .map(|(_, _, _, a, p)| Origin {
            file: p.clone(),
            article: *a,
        })
        .collect();
    let sections: Vec<_> = sections.into_iter().map(|(_, _, s, _, _)| s).collect();
    let published = sections
        .iter()
        .filter_map(|s| s.published)
        .max_by_key(|p| p.sort_key());
    let b = Briefing {
        title: title.to_string(),
        subtitle: None,
        summary: None,
        published,
        language,
        tags: Vec::new(),
        takeaways: Vec::new(),
        sections,
    };
    (b, origins, problems)
}

/// `path`'s file name, for matching and messages.
pub fn file_name(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_belong_to_the_subscription_that_named_them() {
        let names = vec!["a".to_string(), "a-b".to_string(), "nhk".to_string()];
        assert_eq!(owner("a-2026-12-06.toml", &names), Some("a"));
        assert_eq!(owner("a-b-2026-12-06.toml", &names), Some("a-b"));
        assert_eq!(owner("nhk.remote.toml", &names), Some("nhk"));
        assert_eq!(owner("notes.toml", &names), None);
    }

    #[test]
    fn a_feed_reads_newest_first_across_its_days() {
        let dir = std::env::temp_dir().join(format!("yomu-feedlist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let day = |name: &str, items: &[(&str, &str)]| {
            let mut t = "title = \"F\"\n".to_string();
            for (h, d) in items {
                t.push_str(&format!(
                    "[[sections]]\nheading = \"{h}\"\npublished = {d}\n"
                ));
            }
            let p = dir.join(name);
            std::fs::write(&p, t).unwrap();
            p
        };
        let new = day(
            "f-2026-12-06.toml",
            &[
                ("c", "2026-12-06T09:00:00+09:00"),
                ("b", "2026-12-06T08:00:00+09:00"),
            ],
        );
        let old = day("f-2026-12-05.toml", &[("a", "2026-12-05T20:00:00+09:00")]);
        std::fs::write(dir.join("f-2026-12-04.toml"), "broken").unwrap();
        let (b, origins, problems) = combined(
            "F",
            &[new.clone(), old.clone(), dir.join("f-2026-12-04.toml")],
        );
        let headings: Vec<&str> = b.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["c", "b", "a"]);
        assert_eq!(origins[2].file, old);
        let old_b = crate::briefing::load_file(&old).unwrap().briefing;
        assert_eq!(origins[2].article, article::hashes(&old_b)[0]);
        assert_eq!(problems.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
