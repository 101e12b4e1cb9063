//! Remembered reading state, in SQLite: `$XDG_STATE_HOME/yomu/state.db`
//! (else `~/.local/state/yomu/state.db`).
//!
//! Read marks belong to articles, not to positions: each section of a
//! briefing is known by its article key ([`crate::briefing::article`]),
//! so a day file that gains an item at the top keeps every mark on its
//! article. Per briefing (keyed by its canonical path, built-in samples by
//! `sample:<name>`) the page and scroll it was left at are kept with the
//! article on that page, so reopening lands on the same article wherever
//! it moved. The searches made in the reader are kept as before.
//!
//! Tables (inspect them with `sqlite3 state.db`):
//!
//! ```text
//! briefing(id, key, khash, page, article, scroll, listed, read_count)
//! read(briefing, article, at)         -- one row per article read
//! search(n, query)                    -- oldest first
//! ```
//!
//! `listed` and `read_count` say how many of the articles the briefing had
//! when it was last marked were read (`listed` is their fingerprint), so
//! the library counts unread articles without reading every mark; a file
//! that changed since is counted from its marks. At launch only these
//! counts are read (by `khash`, the hash of the key); a briefing's position
//! and marks are read when it is opened or its count is out of date.
//!
//! Several readers and `yomu sync` may run at once: the database is in WAL
//! mode with a busy timeout, and every change is its own small transaction
//! (a save costs the size of the change, not of the state). A database
//! that is not SQLite or is damaged is renamed aside
//! (`state.db.corrupt-<unix time>`) and reported; a read-only or full disk
//! is reported, never fatal. On the first launch, the `state.toml` of
//! earlier versions is carried over (read marks by section index mapped to
//! the articles the files hold now) and kept as `state.toml.migrated`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use crate::briefing::article;
use crate::i18n::{Msg, tf};

/// The database's name inside the state folder.
pub use crate::paths::STATE_DB as FILE_NAME;

/// The state file of earlier versions, carried over once.
pub use crate::paths::OLD_STATE as OLD_FILE_NAME;

/// An old state file larger than this is not carried over (a state of
/// 500,000 briefings is about 60 MB).
pub const MAX_OLD_STATE_SIZE: u64 = 256 * 1024 * 1024;

/// How many searches are remembered.
pub const MAX_SEARCHES: usize = 50;

/// How long a change waits for another instance's transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema's version (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS briefing(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    khash INTEGER NOT NULL,
    page INTEGER NOT NULL DEFAULT 0,
    article INTEGER,
    scroll INTEGER NOT NULL DEFAULT 0,
    listed INTEGER,
    read_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS read(
    briefing INTEGER NOT NULL REFERENCES briefing(id) ON DELETE CASCADE,
    article INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(briefing, article)
) WITHOUT ROWID;
-- What a launch reads: a narrow copy of each briefing's count.
CREATE INDEX IF NOT EXISTS briefing_count ON briefing(khash, listed, read_count);
CREATE TABLE IF NOT EXISTS search(
    n INTEGER PRIMARY KEY,
    query TEXT NOT NULL UNIQUE
);
";

/// What is remembered about one briefing, once it has been read from the
/// store (or changed here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BriefingState {
    /// Page: 0 is the cover, 1.. the sections (where the article was).
    pub page: usize,
    /// The article on that page (`None`: the cover).
    pub article: Option<u64>,
    /// First line shown on that page.
    pub scroll: usize,
    /// The articles read, when they have been loaded or marked here.
    pub read: Option<HashSet<u64>>,
}

impl BriefingState {
    /// Whether `article` is read, when known.
    pub fn is_read(&self, article: u64) -> Option<bool> {
        self.read.as_ref().map(|r| r.contains(&article))
    }
}

/// A hasher for keys that are already hashes ([`key_hash`], article
/// hashes): the value is its own hash.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by a hash.
pub type Keyed<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// The hash a briefing's key is known by in memory and in `khash`.
pub fn key_hash(key: &str) -> u64 {
    article::hash(key)
}

/// Everything remembered, per briefing (by [`key_hash`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Earlier searches in the reader, oldest first (`↑` in the prompt
    /// recalls them; Enter on an empty prompt repeats the last).
    pub searches: Vec<String>,
    /// `(fingerprint of the articles, how many of them were read)` when
    /// each briefing was last counted
    /// ([`crate::briefing::article::fingerprint`]).
    pub counts: Keyed<(u64, usize)>,
    /// The briefings whose position and marks have been read or changed.
    pub briefings: Keyed<BriefingState>,
}

impl State {
    /// Remember `query` as the latest search (once: an earlier copy moves
    /// to the end); the oldest are forgotten past [`MAX_SEARCHES`]. False
    /// when it is not a search to keep.
    pub fn remember_search(&mut self, query: &str) -> bool {
        if query.is_empty() || query.chars().any(char::is_control) {
            return false;
        }
        self.searches.retain(|q| q != query);
        self.searches.push(query.to_string());
        let over = self.searches.len().saturating_sub(MAX_SEARCHES);
        self.searches.drain(..over);
        true
    }

    /// The last search, if any.
    pub fn last_search(&self) -> Option<&str> {
        self.searches.last().map(String::as_str)
    }

    /// How many of `articles` (fingerprint `fp`) of the briefing whose key
    /// hashes to `kh` are read, when known: from its marks when they are
    /// held, else from its count when that was made for these articles.
    pub fn read_count(&self, kh: u64, articles: &[u64], fp: u64) -> Option<usize> {
        if let Some(r) = self.briefings.get(&kh).and_then(|b| b.read.as_ref()) {
            return Some(articles.iter().filter(|a| r.contains(a)).count());
        }
        match self.counts.get(&kh) {
            Some(&(f, n)) if f == fp => Some(n),
            Some(_) => None,
            None => Some(0),
        }
    }
}

/// The key of a briefing at `path`: its canonical path when it exists on
/// disk, else `sample:<path>` (the built-in samples).
pub fn key_for(path: &Path) -> String {
    match std::fs::canonicalize(path) {
        Ok(p) => p.to_string_lossy().into_owned(),
        Err(_) => format!("sample:{}", path.to_string_lossy()),
    }
}

/// Why the state could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StateError {
    /// Whether the file is not a database or is damaged (it is then set
    /// aside rather than refused again at every launch).
    fn is_damage(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        matches!(self, StateError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, DatabaseCorrupt | NotADatabase))
    }
}

/// The database in the state folder.
#[derive(Debug)]
pub struct Store {
    /// The database file.
    pub path: PathBuf,
    conn: Connection,
    /// `PRAGMA data_version` when the state was last read: it changes when
    /// another instance commits.
    seen_version: i64,
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A key's hash as SQLite stores it (an integer of 64 bits).
fn sql(h: u64) -> i64 {
    h as i64
}

impl Store {
    /// The store in the default folder, with the state and what went wrong
    /// on the way (said in the status bar); `None` when there is no home.
    pub fn open_default() -> Option<(Option<Store>, State, Vec<String>)> {
        crate::paths::Paths::from_env()
            .state_dir()
            .map(|d| Store::open_in(&d))
    }

    /// Open (or create) the database in `dir`, carry over an old
    /// `state.toml`, and read the state. A damaged database is set aside
    /// and a fresh one made; a folder that cannot be written leaves no
    /// store (the state is then kept for this session only). The messages
    /// say what happened.
    pub fn open_in(dir: &Path) -> (Option<Store>, State, Vec<String>) {
        let path = crate::paths::state_db_in(dir);
        let mut problems = Vec::new();
        // A FIFO or a device at the path is not opened by SQLite (it could
        // block or read forever): it is set aside first.
        if let Err(e @ crate::fsutil::ReadError::NotAFile { .. }) =
            crate::fsutil::open_regular(&path, u64::MAX)
        {
            problems.push(set_aside(&path, &e.to_string()));
        }
        let mut store = match Store::connect(&path) {
            Ok(s) => s,
            Err(e) if e.is_damage() => {
                problems.push(set_aside(&path, &e.to_string()));
                match Store::connect(&path) {
                    Ok(s) => s,
                    Err(e) => {
                        problems.push(not_opened(&path, &e));
                        return (None, State::default(), problems);
                    }
                }
            }
            Err(e) => {
                problems.push(not_opened(&path, &e));
                return (None, State::default(), problems);
            }
        };
        let old = crate::paths::old_state_in(dir);
        if std::fs::symlink_metadata(&old).is_ok()
            && let Some(msg) = store.carry_over(&old)
        {
            problems.push(msg);
        }
        match store.load() {
            Ok(state) => (Some(store), state, problems),
            Err(e) if e.is_damage() => {
                drop(store);
                problems.push(set_aside(&path, &e.to_string()));
                match Store::connect(&path) {
                    Ok(mut s) => match s.load() {
                        Ok(state) => (Some(s), state, problems),
                        Err(e) => {
                            problems.push(not_opened(&path, &e));
                            (None, State::default(), problems)
                        }
                    },
                    Err(e) => {
                        problems.push(not_opened(&path, &e));
                        (None, State::default(), problems)
                    }
                }
            }
            Err(e) => {
                problems.push(not_opened(&path, &e));
                (None, State::default(), problems)
            }
        }
    }

    /// Open the database at `path`, creating it and its tables.
    fn connect(path: &Path) -> Result<Store, StateError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never wait for a writer, and a commit writes only
        // the pages it changed.
        let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        // A large `A` touches many pages: up to 32 MB of them stay in
        // memory until the commit instead of spilling mid-transaction.
        conn.execute_batch(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;",
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < SCHEMA_VERSION {
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
            ))?;
        }
        Ok(Store {
            path: path.to_path_buf(),
            conn,
            seen_version: 0,
        })
    }

    /// Every briefing's count, and the searches (positions and marks
    /// are read when needed: [`Store::briefing`]).
    pub fn load(&mut self) -> Result<State, StateError> {
        let mut state = State::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT khash, listed, read_count FROM briefing WHERE listed IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kh: i64 = r.get(0)?;
            let listed: i64 = r.get(1)?;
            let n: i64 = r.get(2)?;
            state
                .counts
                .insert(kh as u64, (listed as u64, usize::try_from(n).unwrap_or(0)));
        }
        drop(rows);
        drop(stmt);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT query FROM search ORDER BY n")?;
        state.searches = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        self.seen_version = self.data_version()?;
        Ok(state)
    }

    /// The position and read marks of the briefing `key` (empty when it
    /// has none).
    pub fn briefing(&self, key: &str) -> Result<BriefingState, StateError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT page, article, scroll FROM briefing WHERE key = ?1")?;
        let pos = stmt
            .query_row([key], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .optional()?;
        let mut b = BriefingState::default();
        if let Some((page, article, scroll)) = pos {
            b.page = usize::try_from(page).unwrap_or(0);
            b.article = article.map(|a| a as u64);
            b.scroll = usize::try_from(scroll).unwrap_or(0);
        }
        b.read = Some(self.read_set(key)?);
        Ok(b)
    }

    fn data_version(&self) -> Result<i64, StateError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Whether another instance changed the state since it was last read.
    pub fn changed_elsewhere(&self) -> bool {
        self.data_version().is_ok_and(|v| v != self.seen_version)
    }

    /// The articles read in the briefing `key`.
    pub fn read_set(&self, key: &str) -> Result<HashSet<u64>, StateError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.article FROM read r JOIN briefing b ON b.id = r.briefing WHERE b.key = ?1",
        )?;
        let set = stmt
            .query_map([key], |r| r.get::<_, i64>(0).map(|a| a as u64))?
            .collect::<Result<_, _>>()?;
        Ok(set)
    }

    /// The row of briefing `key`, made when missing.
    fn briefing_id(tx: &rusqlite::Transaction<'_>, key: &str) -> Result<i64, rusqlite::Error> {
        let mut find = tx.prepare_cached("SELECT id FROM briefing WHERE key = ?1")?;
        if let Some(id) = find.query_row([key], |r| r.get(0)).optional()? {
            return Ok(id);
        }
        tx.prepare_cached("INSERT INTO briefing(key, khash) VALUES (?1, ?2)")?
            .execute(params![key, sql(key_hash(key))])?;
        Ok(tx.last_insert_rowid())
    }

    /// Count how many of `articles` are read in briefing `id` and keep
    /// that with their fingerprint; the read set.
    fn recount(
        tx: &rusqlite::Transaction<'_>,
        id: i64,
        articles: &[u64],
    ) -> Result<HashSet<u64>, rusqlite::Error> {
        let read: HashSet<u64> = tx
            .prepare_cached("SELECT article FROM read WHERE briefing = ?1")?
            .query_map([id], |r| r.get::<_, i64>(0).map(|a| a as u64))?
            .collect::<Result<_, _>>()?;
        let n = articles.iter().filter(|a| read.contains(a)).count();
        tx.prepare_cached("UPDATE briefing SET listed = ?2, read_count = ?3 WHERE id = ?1")?
            .execute(params![
                id,
                sql(article::fingerprint(articles)),
                i64::try_from(n).unwrap_or(i64::MAX)
            ])?;
        Ok(read)
    }

    /// Mark `changes` (article, read or not) of the briefing `key`, whose
    /// articles are `articles`, in one transaction; the articles now read.
    pub fn set_read(
        &mut self,
        key: &str,
        articles: &[u64],
        changes: &[(u64, bool)],
    ) -> Result<HashSet<u64>, StateError> {
        let at = now();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id = Self::briefing_id(&tx, key)?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO read(briefing, article, at) VALUES (?1, ?2, ?3)",
            )?;
            let mut del =
                tx.prepare_cached("DELETE FROM read WHERE briefing = ?1 AND article = ?2")?;
            for &(a, read) in changes {
                if read {
                    ins.execute(params![id, sql(a), at])?;
                } else {
                    del.execute(params![id, sql(a)])?;
                }
            }
        }
        let read = Self::recount(&tx, id, articles)?;
        tx.commit()?;
        Ok(read)
    }

    /// Mark read every article of each `(key, articles)` not read yet, in
    /// one transaction; the marks it changed (index into `briefings`,
    /// article), for undo.
    pub fn mark_all(
        &mut self,
        briefings: &[(String, Arc<[u64]>)],
    ) -> Result<Vec<(usize, u64)>, StateError> {
        let at = now();
        let mut changed = Vec::new();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            // One statement per briefing, its articles as a JSON array; the
            // rows it really inserted come back.
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO read(briefing, article, at) \
                 SELECT ?1, value, ?2 FROM json_each(?3) WHERE true RETURNING article",
            )?;
            let mut count = tx
                .prepare_cached("UPDATE briefing SET listed = ?2, read_count = ?3 WHERE id = ?1")?;
            let mut list = String::new();
            for (k, (key, articles)) in briefings.iter().enumerate() {
                let id = Self::briefing_id(&tx, key)?;
                list.clear();
                list.push('[');
                for (n, &a) in articles.iter().enumerate() {
                    if n > 0 {
                        list.push(',');
                    }
                    list.push_str(&sql(a).to_string());
                }
                list.push(']');
                let mut rows = ins.query(params![id, at, list])?;
                while let Some(r) = rows.next()? {
                    changed.push((k, r.get::<_, i64>(0)? as u64));
                }
                count.execute(params![
                    id,
                    sql(article::fingerprint(articles)),
                    i64::try_from(articles.len()).unwrap_or(i64::MAX)
                ])?;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Mark unread again the marks [`Store::mark_all`] made (`marks` index
    /// `briefings`), each briefing counted again over its articles, in one
    /// transaction.
    pub fn unmark(
        &mut self,
        briefings: &[(String, Arc<[u64]>)],
        marks: &[(usize, u64)],
    ) -> Result<(), StateError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut del =
                tx.prepare_cached("DELETE FROM read WHERE briefing = ?1 AND article = ?2")?;
            let mut ids = HashMap::new();
            for &(k, a) in marks {
                let Some((key, _)) = briefings.get(k) else {
                    continue;
                };
                let id = match ids.get(&k) {
                    Some(id) => *id,
                    None => {
                        let id = Self::briefing_id(&tx, key)?;
                        ids.insert(k, id);
                        id
                    }
                };
                del.execute(params![id, sql(a)])?;
            }
            for (k, id) in ids {
                Self::recount(&tx, id, &briefings[k].1)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Remember where briefing `key` was left.
    pub fn set_position(&mut self, key: &str, s: &BriefingState) -> Result<(), StateError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id = Self::briefing_id(&tx, key)?;
        tx.prepare_cached(
            "UPDATE briefing SET page = ?2, article = ?3, scroll = ?4 WHERE id = ?1",
        )?
        .execute(params![
            id,
            i64::try_from(s.page).unwrap_or(0),
            s.article.map(sql),
            i64::try_from(s.scroll).unwrap_or(0)
        ])?;
        tx.commit()?;
        Ok(())
    }

    /// Keep `query` as the newest search, the oldest forgotten past
    /// [`MAX_SEARCHES`].
    pub fn remember_search(&mut self, query: &str) -> Result<(), StateError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM search WHERE query = ?1", [query])?;
        tx.execute(
            "INSERT INTO search(n, query) VALUES ((SELECT coalesce(max(n), 0) + 1 FROM search), ?1)",
            [query],
        )?;
        tx.execute(
            "DELETE FROM search WHERE n NOT IN (SELECT n FROM search ORDER BY n DESC LIMIT ?1)",
            [MAX_SEARCHES as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Carry over the `state.toml` at `old`, if there is one; what to tell
    /// the person, if anything went wrong.
    fn carry_over(&mut self, old: &Path) -> Option<String> {
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO read(briefing, article, at) VALUES (?1, ?2, ?3)",
            )?;
            let mut pos = tx.prepare_cached(
                "UPDATE briefing SET page = ?2, article = ?3, scroll = ?4 WHERE id = ?1",
            )?;
            for ((key, b), list) in entries.iter().zip(&lists) {
                let id = Self::briefing_id(&tx, key)?;
                let list = list.as_deref().unwrap_or(&[]);
                for s in &b.sections_read {
                    if let Some(a) = list.get(*s) {
                        ins.execute(params![id, sql(*a), at])?;
                    }
                }
                let on_page = b.page.checked_sub(1).and_then(|s| list.get(s)).copied();
                pos.execute(params![
                    id,
                    i64::try_from(b.page).unwrap_or(0),
                    on_page.map(sql),
                    i64::try_from(b.scroll).unwrap_or(0)
                ])?;
                Self::recount(&tx, id, list)?;
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

/// Rename an unusable state file (and a database's companions) aside;
/// the message that says so.
fn set_aside(path: &Path, why: &str) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = path.with_file_name(format!("{name}.corrupt-{}", now()));
    let moved = std::fs::rename(path, &aside);
    for ext in ["-wal", "-shm"] {
        let companion = path.with_file_name(format!("{name}{ext}"));
        if companion.exists() {
            let _ = std::fs::rename(
                &companion,
                aside.with_file_name(format!("{name}.corrupt-{}{ext}", now())),
            );
        }
    }
    let why = crate::text::sanitize_line(why.lines().next().unwrap_or("")).into_owned();
    match moved {
        Ok(()) => tf(
            Msg::StateSetAside,
            &[&why, &crate::briefing::display_path(&aside)],
        ),
        Err(e) => tf(Msg::StateNotSetAside, &[&why, &e]),
    }
}

/// The message for a database that could not be opened.
fn not_opened(path: &Path, e: &StateError) -> String {
    tf(
        Msg::StateUnreadable,
        &[&crate::briefing::display_path(path), &e],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("yomu-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn marks_positions_and_searches_survive_a_reopen() {
        let dir = temp_dir("round");
        let (store, state, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(state, State::default());
        let mut store = store.unwrap();
        let list = [10, 20, 30];
        let read = store
            .set_read("/x/a.toml", &list, &[(20, true), (30, true)])
            .unwrap();
        assert_eq!(read, HashSet::from([20, 30]));
        store.set_read("/x/a.toml", &list, &[(30, false)]).unwrap();
        let pos = BriefingState {
            page: 2,
            article: Some(20),
            scroll: 7,
            ..Default::default()
        };
        store.set_position("/x/a.toml", &pos).unwrap();
        for q in ["停戦", "和平", "停戦"] {
            store.remember_search(q).unwrap();
        }
        drop(store);
        let (store, state, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        let kh = key_hash("/x/a.toml");
        assert_eq!(
            state.read_count(kh, &list, article::fingerprint(&list)),
            Some(1)
        );
        // Another list (the file changed): not known from the count.
        assert_eq!(
            state.read_count(kh, &[5, 20], article::fingerprint(&[5, 20])),
            None
        );
        // Never marked: nothing read.
        assert_eq!(state.read_count(key_hash("/y"), &list, 0), Some(0));
        assert_eq!(state.searches, ["和平", "停戦"]);
        let store = store.unwrap();
        let b = store.briefing("/x/a.toml").unwrap();
        assert_eq!((b.page, b.article, b.scroll), (2, Some(20), 7));
        assert_eq!(b.read, Some(HashSet::from([20])));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn searches_are_capped() {
        let dir = temp_dir("searches");
        let (store, _, _) = Store::open_in(&dir);
        let mut store = store.unwrap();
        for i in 0..60 {
            store.remember_search(&i.to_string()).unwrap();
        }
        let state = store.load().unwrap();
        assert_eq!(state.searches.len(), MAX_SEARCHES);
        assert_eq!(state.searches[0], "10");
        assert_eq!(state.last_search(), Some("59"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn mark_all_says_what_it_changed_and_unmark_restores_it() {
        let dir = temp_dir("all");
        let (store, _, _) = Store::open_in(&dir);
        let mut store = store.unwrap();
        let a: Arc<[u64]> = vec![1, 2, 3].into();
        let b: Arc<[u64]> = vec![4].into();
        store.set_read("a", &a, &[(2, true)]).unwrap();
        let all = vec![("a".to_string(), a.clone()), ("b".to_string(), b.clone())];
        let changed = store.mark_all(&all).unwrap();
        assert_eq!(changed, [(0, 1), (0, 3), (1, 4)]);
        store.unmark(&all, &changed).unwrap();
        assert_eq!(store.read_set("a").unwrap(), HashSet::from([2]));
        assert!(store.read_set("b").unwrap().is_empty());
        let state = store.load().unwrap();
        assert_eq!(
            state.read_count(key_hash("a"), &a, article::fingerprint(&a)),
            Some(1)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_database_is_set_aside_and_reported() {
        let dir = temp_dir("corrupt");
        std::fs::write(
            dir.join(FILE_NAME),
            b"not a database \x1b[31m at all, long enough to be read as a header by SQLite",
        )
        .unwrap();
        let (store, state, problems) = Store::open_in(&dir);
        assert!(store.is_some(), "a fresh one is made");
        assert_eq!(state, State::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("state.db.corrupt-"), "{problems:?}");
        assert!(!problems[0].contains('\u{1b}'), "{problems:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_fifo_at_the_database_path_is_set_aside_without_blocking() {
        let dir = temp_dir("fifo");
        let c = std::ffi::CString::new(dir.join(FILE_NAME).to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (store, _, problems) = Store::open_in(&dir);
        assert!(store.is_some());
        assert!(
            problems[0].contains("not a regular file (a FIFO)"),
            "{problems:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_old_state_file_is_carried_over_by_article_and_kept() {
        let dir = temp_dir("old");
        let lib = dir.join("lib");
        std::fs::create_dir_all(&lib).unwrap();
        let file = lib.join("a.toml");
        std::fs::write(
            &file,
            "title = \"t\"\n[[sections]]\nheading = \"一\"\nid = \"x1\"\n\
             [[sections]]\nheading = \"二\"\n[[sections]]\nheading = \"三\"\n",
        )
        .unwrap();
        let key = key_for(&file);
        // Today's format: positions by section index.
        let old = format!(
            "searches = [\"円安\"]\n\n[briefings.\"{key}\"]\npage = 3\nscroll = 4\nread = true\n\
             sections_read = [0, 2]\n\n[briefings.\"/gone/file.toml\"]\npage = 1\n\
             sections_read = [0]\n"
        );
        std::fs::write(dir.join(OLD_FILE_NAME), &old).unwrap();
        let (store, state, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(!dir.join(OLD_FILE_NAME).exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("state.toml.migrated")).unwrap(),
            old
        );
        let list = [
            article::hash("id:x1"),
            article::hash("text:二\n"),
            article::hash("text:三\n"),
        ];
        let store = store.unwrap();
        let b = store.briefing(&key).unwrap();
        assert_eq!((b.page, b.article, b.scroll), (3, Some(list[2]), 4));
        assert_eq!(b.read, Some(HashSet::from([list[0], list[2]])));
        assert_eq!(
            state.read_count(key_hash(&key), &list, article::fingerprint(&list)),
            Some(2)
        );
        assert_eq!(state.searches, ["円安"]);
        assert_eq!(store.briefing("/gone/file.toml").unwrap().page, 1);
        // Carried over once: a second launch does not look for it.
        drop(store);
        let (_, again, problems) = Store::open_in(&dir);
        assert!(problems.is_empty());
        assert_eq!(again.counts.len(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Bytes this thread has passed to `write` (and its kin) so far.
    fn written_by_this_thread() -> u64 {
        let io = std::fs::read_to_string("/proc/thread-self/io").expect("/proc/thread-self/io");
        io.lines()
            .find_map(|l| l.strip_prefix("wchar:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("wchar")
    }

    #[test]
    fn reading_one_article_writes_little_whatever_the_state_holds() {
        let dir = temp_dir("small-writes");
        let (store, _, _) = Store::open_in(&dir);
        let mut store = store.unwrap();
        let all: Vec<(String, Arc<[u64]>)> = (0..20_000u64)
            .map(|i| {
                let list: Vec<u64> = (0..10).map(|k| i * 100 + k).collect();
                (format!("/lib/b{i}.toml"), list.into())
            })
            .collect();
        store.mark_all(&all).unwrap();
        drop(store);
        // A later launch: read one more article of a briefing, and leave it.
        let (store, _, _) = Store::open_in(&dir);
        let mut store = store.unwrap();
        let list: Vec<u64> = (0..11).map(|k| 777_700 + k).collect();
        let before = written_by_this_thread();
        store
            .set_read("/lib/b7777.toml", &list, &[(777_710, true)])
            .unwrap();
        let pos = BriefingState {
            page: 11,
            article: Some(777_710),
            ..Default::default()
        };
        store.set_position("/lib/b7777.toml", &pos).unwrap();
        let written = written_by_this_thread() - before;
        assert!(written <= 64 * 1024, "{written} bytes written");
        assert!(written > 0, "something was written");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn keys() {
        assert_eq!(
            key_for(Path::new("no/such/file.toml")),
            "sample:no/such/file.toml"
        );
        let here = key_for(Path::new("Cargo.toml"));
        assert!(Path::new(&here).is_absolute(), "{here}");
    }
}
