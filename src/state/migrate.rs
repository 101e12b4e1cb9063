//! The reading state of earlier versions (`state.toml`), carried over into
//! the database once, article by article, and kept as
//! `state.toml.migrated`; and databases of the earlier schemas brought to
//! the current one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use super::*;

impl Store {
    /// Carry over the `state.toml` at `old`, if there is one; what to tell
    /// the person, if anything went wrong.
    pub(super) fn carry_over(&mut self, old: &Path) -> Option<String> {
        use crate::fsutil::ReadError;
        let bytes = match crate::fsutil::read_file(old, MAX_OLD_STATE_SIZE) {
            Ok(b) => b,
            Err(e) if e.is_not_found() => return None,
            Err(ReadError::Io(e)) => {
                return Some(tf(
                    Msg::StateUnreadable,
                    &[&crate::briefing::display_path(old), &e],
                ));
            }
            Err(e) => return Some(set_aside(old, &e.to_string())),
        };
        let parsed = String::from_utf8(bytes)
            .map_err(|e| e.to_string())
            .and_then(|t| toml::from_str::<OldState>(&t).map_err(|e| e.message().to_string()));
        let old_state = match parsed {
            Ok(s) => s,
            Err(why) => return Some(set_aside(old, &why)),
        };
        if let Err(e) = self.import_old(&old_state) {
            return Some(tf(
                Msg::StateNotSaved,
                &[&crate::briefing::display_path(&self.path), &e],
            ));
        }
        let kept = old.with_file_name(format!("{OLD_FILE_NAME}.migrated"));
        std::fs::rename(old, &kept).err().map(|e| {
            tf(
                Msg::StateNotSaved,
                &[&crate::briefing::display_path(old), &e],
            )
        })
    }

    /// Write what an old state holds: each briefing's read sections as its
    /// articles now, its page as the article on it, and the searches.
    fn import_old(&mut self, old: &OldState) -> Result<(), StateError> {
        let entries: Vec<(&String, &OldBriefing)> = old.briefings.iter().collect();
        // Each file read (in parallel) for its articles as they are now.
        let lists: Vec<Option<Vec<u64>>> =
            crate::parallel::map(&entries, 16, |(key, _)| articles_now(key));
        let at = now();
        let hash = self.hash;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut pos = tx.prepare_cached(
                "UPDATE briefing SET page = ?2, article = ?3, scroll = ?4 WHERE id = ?1",
            )?;
            for ((key, b), list) in entries.iter().zip(&lists) {
                let (id, mut marks) = Self::row(&tx, hash, key)?;
                let list = list.as_deref().unwrap_or(&[]);
                for s in &b.sections_read {
                    if let Some(a) = list.get(*s) {
                        marks.insert(*a, at);
                    }
                }
                let on_page = b.page.checked_sub(1).and_then(|s| list.get(s)).copied();
                pos.execute(params![
                    id,
                    i64::try_from(b.page).unwrap_or(0),
                    on_page.map(sql),
                    i64::try_from(b.scroll).unwrap_or(0)
                ])?;
                Self::write_marks(&tx, id, &marks, list)?;
            }
            let mut search =
                tx.prepare_cached("INSERT OR IGNORE INTO search(query) VALUES (?1)")?;
            for q in old.searches.iter().rev().take(MAX_SEARCHES).rev() {
                if !q.is_empty() && !q.chars().any(char::is_control) {
                    search.execute([q])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// Carry the marks of a first-schema database (one row per article in
/// `read`) into each briefing's packed `marks`, and drop `read`.
pub(super) fn pack_marks(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
    tx.execute_batch("ALTER TABLE briefing ADD COLUMN marks BLOB;")?;
    {
        let mut rows = tx.prepare("SELECT briefing, article, at FROM read ORDER BY briefing")?;
        let mut put = tx.prepare("UPDATE briefing SET marks = ?2 WHERE id = ?1")?;
        let mut rows = rows.query([])?;
        let mut current: Option<(i64, Marks)> = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let a: i64 = r.get(1)?;
            let at: i64 = r.get(2)?;
            if current.as_ref().is_some_and(|(c, _)| *c != id)
                && let Some((c, marks)) = current.take()
            {
                put.execute(params![c, marks.encode()])?;
            }
            current
                .get_or_insert_with(|| (id, Marks::default()))
                .1
                .insert(a as u64, at);
        }
        if let Some((c, marks)) = current {
            put.execute(params![c, marks.encode()])?;
        }
    }
    tx.execute_batch("DROP TABLE read;")
}

/// Bring the `briefing` table of an earlier schema (rows numbered in order
/// with a unique index of keys, or numbered by their key's hash) to the
/// current one: rows numbered in the order of their keys, each with its
/// key's hash by `hash` ([`key_hash`]), and the one index.
pub(super) fn rebuild(
    tx: &rusqlite::Transaction<'_>,
    hash: fn(&str) -> u64,
) -> Result<(), rusqlite::Error> {
    tx.execute_batch(
        "ALTER TABLE briefing RENAME TO briefing_old;
         DROP INDEX IF EXISTS briefing_count;",
    )?;
    tx.execute_batch(SCHEMA)?;
    {
        let mut rows = tx.prepare(
            "SELECT key, page, article, scroll, listed, read_count, marks \
             FROM briefing_old ORDER BY key",
        )?;
        let mut put = tx.prepare(
            "INSERT INTO briefing(khash, key, page, article, scroll, listed, read_count, marks) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut rows = rows.query([])?;
        let mut last: Option<String> = None;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            // The old tables' keys were unique: a key met twice is not
            // possible, and is kept once.
            if last.as_deref() == Some(key.as_str()) {
                continue;
            }
            put.execute(params![
                sql(hash(&key)),
                key,
                r.get::<_, rusqlite::types::Value>(1)?,
                r.get::<_, rusqlite::types::Value>(2)?,
                r.get::<_, rusqlite::types::Value>(3)?,
                r.get::<_, rusqlite::types::Value>(4)?,
                r.get::<_, rusqlite::types::Value>(5)?,
                r.get::<_, rusqlite::types::Value>(6)?,
            ])?;
            last = Some(key);
        }
    }
    tx.execute_batch("DROP TABLE briefing_old;")
}

/// The articles of the briefing known by `key` as it is now: its file
/// (a canonical path) or a built-in sample; `None` when it cannot be read.
fn articles_now(key: &str) -> Option<Vec<u64>> {
    let b = match key.strip_prefix("sample:") {
        Some(name) => {
            crate::library::from_sources(crate::samples::SAMPLES)
                .entries
                .into_iter()
                .find(|e| e.path == Path::new(name))?
                .result
                .ok()?
                .briefing
        }
        None => crate::briefing::load_file(Path::new(key)).ok()?.briefing,
    };
    Some(article::hashes(&b))
}

/// What `state.toml` held for one briefing.
#[derive(Debug, Default, Deserialize)]
struct OldBriefing {
    #[serde(default)]
    page: usize,
    #[serde(default)]
    scroll: usize,
    #[serde(default)]
    sections_read: BTreeSet<usize>,
}

/// `state.toml` as earlier versions wrote it.
#[derive(Debug, Default, Deserialize)]
struct OldState {
    #[serde(default)]
    searches: Vec<String>,
    #[serde(default)]
    briefings: BTreeMap<String, OldBriefing>,
}
