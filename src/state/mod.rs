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
//! briefing(id, khash, key, page, article, scroll, listed, read_count, marks)
//! search(n, query)                    -- oldest first
//! setting(name, value)                -- the list the library shows
//! ```
//!
//! Rows are numbered in the order briefings were first kept, and found by
//! `khash`, the 63-bit hash of the key ([`key_hash`]), through the table's
//! one index: marking many briefings never seen appends their rows at the
//! end of the table, and only the narrow index takes inserts all over. The
//! key is stored in the row and compared ([`rows`]), so two briefings whose
//! keys share a hash never share marks.
//!
//! `marks` holds a briefing's read articles and when each was read, packed
//! in one value ([`Marks`]): marking a briefing of ten articles writes one
//! row, not ten, which is what keeps `A` over a whole library short (it
//! also visits the briefings in the order of their hashes, the index's
//! order). The first schema kept one row per article in a `read` table,
//! the second also indexed the keys themselves, the third made the hash
//! the row id (placing new rows all over the table); such databases are
//! carried over when they are opened.
//!
//! `listed` and `read_count` say how many of the articles the briefing had
//! when it was last marked were read (`listed` is their fingerprint), so
//! the library counts unread articles without reading every mark; a file
//! that changed since is counted from its marks. At launch only these
//! counts are read, with the row ids, from an index that covers them; a
//! briefing's position and marks are read when it is opened or its count
//! is out of date.
//!
//! Several readers and `yomu sync` may run at once: the database is in WAL
//! mode with a busy timeout, and every change is its own small transaction
//! (a save costs the size of the change, not of the state). A database
//! that is not SQLite or is damaged is renamed aside
//! (`state.db.corrupt-<unix time>`) and reported; a read-only or full disk
//! is reported, never fatal. On the first launch, the `state.toml` of
//! earlier versions is carried over (read marks by section index mapped to
//! the articles the files hold now) and kept as `state.toml.migrated`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

mod aside;
mod keys;
mod marks;
mod memory;
mod migrate;
mod rows;

use aside::{not_opened, set_aside};
pub use keys::{KeyHasher, Keyed, key_for, key_hash};
pub use marks::Marks;
pub use memory::{BriefingState, State};
use migrate::{pack_marks, rebuild};
use rows::{Place, insert, locate};

use rusqlite::{Connection, OptionalExtension, params};

use crate::briefing::article;
use crate::i18n::{Msg, tf};

/// The database's name inside the state folder.
pub use crate::paths::STATE_DB as FILE_NAME;

/// The state file of earlier versions, carried over once.
pub use crate::paths::OLD_STATE as OLD_FILE_NAME;

/// An old state file larger than this is not carried over (far more than
/// any state file earlier versions wrote).
pub const MAX_OLD_STATE_SIZE: u64 = 256 * 1024 * 1024;

/// How many searches are remembered.
pub const MAX_SEARCHES: usize = 50;

/// How long a change waits for another instance's transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema's version (`PRAGMA user_version`): 1 kept one row per
/// article read (table `read`), 2 packs them per briefing (`marks`), 3
/// made the key's hash the row id, 4 numbers rows in order again and finds
/// them by the hash's index.
const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS briefing(
    id INTEGER PRIMARY KEY, -- in the order briefings were first kept
    khash INTEGER NOT NULL, -- the key's hash: how the row is found
    key TEXT NOT NULL,
    page INTEGER NOT NULL DEFAULT 0,
    article INTEGER,
    scroll INTEGER NOT NULL DEFAULT 0,
    listed INTEGER,
    read_count INTEGER NOT NULL DEFAULT 0,
    marks BLOB
);
-- How a briefing is found, and what a launch reads: each briefing's count.
CREATE INDEX IF NOT EXISTS briefing_count ON briefing(khash, listed, read_count);
CREATE TABLE IF NOT EXISTS search(
    n INTEGER PRIMARY KEY,
    query TEXT NOT NULL UNIQUE
);
";

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
    /// How a key's row id is made: [`key_hash`] (tests give keys one hash).
    hash: fn(&str) -> u64,
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
        Store::open_hashed(dir, key_hash)
    }

    /// [`Store::open_in`] with the rows' ids made by `hash`.
    fn open_hashed(dir: &Path, hash: fn(&str) -> u64) -> (Option<Store>, State, Vec<String>) {
        let path = crate::paths::state_db_in(dir);
        let mut problems = Vec::new();
        // A FIFO or a device at the path is not opened by SQLite (it could
        // block or read forever): it is set aside first.
        if let Err(e @ crate::fsutil::ReadError::NotAFile { .. }) =
            crate::fsutil::open_regular(&path, u64::MAX)
        {
            problems.push(set_aside(&path, &e.to_string()));
        }
        let mut store = match Store::connect(&path, hash) {
            Ok(s) => s,
            Err(e) if e.is_damage() => {
                problems.push(set_aside(&path, &e.to_string()));
                match Store::connect(&path, hash) {
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
                match Store::connect(&path, hash) {
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
    fn connect(path: &Path, hash: fn(&str) -> u64) -> Result<Store, StateError> {
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
        let mut conn = conn;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < SCHEMA_VERSION {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Read again inside the transaction: another instance may have
            // made or carried over the tables meanwhile.
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version == 1 {
                pack_marks(&tx)?;
            }
            if (1..SCHEMA_VERSION).contains(&version) {
                rebuild(&tx, hash)?;
            }
            if version < SCHEMA_VERSION {
                tx.execute_batch(&format!("{SCHEMA} PRAGMA user_version={SCHEMA_VERSION};"))?;
            }
            tx.commit()?;
        }
        Ok(Store {
            path: path.to_path_buf(),
            conn,
            seen_version: 0,
            hash,
        })
    }

    /// Every briefing's count, and the searches (positions and marks
    /// are read when needed: [`Store::briefing`]).
    pub fn load(&mut self) -> Result<State, StateError> {
        let mut state = State::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT khash, listed, read_count FROM briefing ORDER BY khash")?;
        let mut rows = stmt.query([])?;
        // Hashes that two keys share (next to each other in the index's
        // order): neither count is the hash's (each briefing is counted
        // from its marks when listed).
        let mut last = None;
        while let Some(r) = rows.next()? {
            let kh = r.get::<_, i64>(0)? as u64;
            if last.replace(kh) == Some(kh) {
                state.shared.insert(kh, ());
                continue;
            }
            let Some(listed) = r.get::<_, Option<i64>>(1)? else {
                continue;
            };
            let n: i64 = r.get(2)?;
            state
                .counts
                .insert(kh, (listed as u64, usize::try_from(n).unwrap_or(0)));
        }
        drop(rows);
        for kh in state.shared.keys() {
            state.counts.remove(kh);
        }
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
        let home = sql((self.hash)(key));
        let row = locate(&self.conn, key, home, "page, article, scroll, marks", |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<Option<i64>>(1)?,
                r.get::<i64>(2)?,
                Marks::decode(r.get_ref(3)?.as_blob_or_null()?),
            ))
        })?;
        let mut b = BriefingState::default();
        match row {
            Place::Found(_, (page, article, scroll, marks)) => {
                b.page = usize::try_from(page).unwrap_or(0);
                b.article = article.map(|a| a as u64);
                b.scroll = usize::try_from(scroll).unwrap_or(0);
                b.read = Some(marks.articles());
            }
            Place::Free => b.read = Some(HashSet::new()),
        }
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
        Ok(self.marks(key)?.articles())
    }

    /// The articles read in the briefing `key`, and when.
    pub fn marks(&self, key: &str) -> Result<Marks, StateError> {
        Ok(match Self::find(&self.conn, self.hash, key)? {
            Place::Found(_, marks) => marks,
            Place::Free => Marks::default(),
        })
    }

    /// The row of briefing `key` and its marks.
    fn find(
        conn: &Connection,
        hash: fn(&str) -> u64,
        key: &str,
    ) -> Result<Place<Marks>, rusqlite::Error> {
        locate(conn, key, sql(hash(key)), "marks", |r| {
            Ok(Marks::decode(r.get_ref(0)?.as_blob_or_null()?))
        })
    }

    /// The row of briefing `key` and its marks, the row made when missing.
    fn row(
        tx: &rusqlite::Transaction<'_>,
        hash: fn(&str) -> u64,
        key: &str,
    ) -> Result<(i64, Marks), rusqlite::Error> {
        match Self::find(tx, hash, key)? {
            Place::Found(id, marks) => Ok((id, marks)),
            Place::Free => Ok((
                insert(tx, key, sql(hash(key)), None, None)?,
                Marks::default(),
            )),
        }
    }

    /// Keep `marks` in briefing `id` with how many of `articles` they
    /// cover (and the articles' fingerprint).
    fn write_marks(
        tx: &rusqlite::Transaction<'_>,
        id: i64,
        marks: &Marks,
        articles: &[u64],
    ) -> Result<(), rusqlite::Error> {
        let n = articles.iter().filter(|&&a| marks.contains(a)).count();
        tx.prepare_cached(
            "UPDATE briefing SET marks = ?2, listed = ?3, read_count = ?4 WHERE id = ?1",
        )?
        .execute(params![
            id,
            marks.encode(),
            sql(article::fingerprint(articles)),
            i64::try_from(n).unwrap_or(i64::MAX)
        ])?;
        Ok(())
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
        let hash = self.hash;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (id, mut marks) = Self::row(&tx, hash, key)?;
        for &(a, read) in changes {
            if read {
                marks.insert(a, at);
            } else {
                marks.remove(a);
            }
        }
        Self::write_marks(&tx, id, &marks, articles)?;
        tx.commit()?;
        Ok(marks.articles())
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
        let hash = self.hash;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            // Two statements per briefing: its row read, its row written
            // (made at the end of the table, for a briefing never marked).
            // In the order of their hashes: the index is then walked once
            // from one end to the other instead of at random.
            let mut order: Vec<(u64, usize)> = briefings
                .iter()
                .enumerate()
                .map(|(k, (key, _))| (hash(key), k))
                .collect();
            order.sort_unstable();
            for (kh, k) in order {
                let Some((key, articles)) = briefings.get(k) else {
                    continue;
                };
                let (place, mut marks) = match Self::find(&tx, hash, key)? {
                    Place::Found(id, marks) => (Place::Found(id, ()), marks),
                    Place::Free => (Place::Free, Marks::default()),
                };
                for &a in articles.iter() {
                    if marks.insert(a, at) {
                        changed.push((k, a));
                    }
                }
                match place {
                    Place::Found(id, ()) => Self::write_marks(&tx, id, &marks, articles)?,
                    Place::Free => {
                        insert(
                            &tx,
                            key,
                            sql(kh),
                            Some(&marks.encode()),
                            Some((
                                sql(article::fingerprint(articles)),
                                i64::try_from(marks.len()).unwrap_or(i64::MAX),
                            )),
                        )?;
                    }
                }
            }
        }
        tx.commit()?;
        // Each briefing's marks were pushed together, in article order.
        changed.sort_by_key(|&(k, _)| k);
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
        let hash = self.hash;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut by_briefing: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
        for &(k, a) in marks {
            by_briefing.entry(k).or_default().push(a);
        }
        for (k, list) in by_briefing {
            let Some((key, articles)) = briefings.get(k) else {
                continue;
            };
            let Place::Found(id, mut read) = Self::find(&tx, hash, key)? else {
                continue;
            };
            for a in list {
                read.remove(a);
            }
            Self::write_marks(&tx, id, &read, articles)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Remember where briefing `key` was left.
    pub fn set_position(&mut self, key: &str, s: &BriefingState) -> Result<(), StateError> {
        let hash = self.hash;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (id, _) = Self::row(&tx, hash, key)?;
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

    /// A setting the reader remembers across runs (such as which list
    /// the library shows), `None` when never set. The table is made when
    /// first written, so databases of earlier versions need no migration.
    pub fn setting(&self, name: &str) -> Result<Option<String>, StateError> {
        let exists: bool = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'setting'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if !exists {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Remember setting `name` as `value`.
    pub fn set_setting(&mut self, name: &str, value: &str) -> Result<(), StateError> {
        self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS setting(name TEXT PRIMARY KEY, value TEXT NOT NULL);",
        )?;
        self.conn.execute(
            "INSERT INTO setting(name, value) VALUES (?1, ?2) \
             ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            params![name, value],
        )?;
        Ok(())
    }

    /// Move what is remembered of briefings (read marks, place, counts)
    /// from their old keys to their new ones, `(old, new)`, in one
    /// transaction: a renamed file keeps its marks. Anything remembered
    /// under a new key before is replaced.
    pub fn rename_keys(&mut self, moves: &[(String, String)]) -> Result<(), StateError> {
        let hash = self.hash;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (old, new) in moves {
            if old == new {
                continue;
            }
            if let Place::Found(id, _) = locate(&tx, new, sql(hash(new)), "1", |_| Ok(()))? {
                tx.execute("DELETE FROM briefing WHERE id = ?1", [id])?;
            }
            let Place::Found(from, _) = locate(&tx, old, sql(hash(old)), "1", |_| Ok(()))? else {
                continue;
            };
            tx.execute(
                "UPDATE briefing SET khash = ?2, key = ?3 WHERE id = ?1",
                params![from, sql(hash(new)), new],
            )?;
        }
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
    fn marks_pack_and_unpack_and_damage_is_ignored() {
        let mut m = Marks::default();
        assert!(m.insert(7, 100));
        assert!(m.insert(u64::MAX, 100));
        assert!(m.insert(3, -5));
        assert!(!m.insert(7, 200), "already read: its time is kept");
        let bytes = m.encode();
        assert_eq!(bytes.len(), 2 * 12 + 3 * 8, "one group per time");
        let back = Marks::decode(Some(&bytes));
        assert_eq!(back, m);
        assert_eq!(back.at(7), Some(100));
        assert_eq!(back.at(3), Some(-5));
        // Cut anywhere: the whole groups before the cut, nothing else.
        for cut in 0..bytes.len() {
            let part = Marks::decode(Some(&bytes[..cut]));
            assert!(part.len() <= m.len());
            assert!(part.articles().is_subset(&m.articles()));
        }
        // A count larger than what follows, and garbage.
        let mut lie = 0i64.to_le_bytes().to_vec();
        lie.extend_from_slice(&u32::MAX.to_le_bytes());
        lie.extend_from_slice(&[1; 8]);
        assert!(Marks::decode(Some(&lie)).is_empty());
        assert!(Marks::decode(Some(b"\xff\xfe")).is_empty());
        assert!(Marks::decode(None).is_empty());
        assert!(m.remove(7) && !m.remove(7));
    }

    /// A database as the first schema wrote it: one row per article read.
    const FIRST_SCHEMA: &str = "
        CREATE TABLE briefing(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
            khash INTEGER NOT NULL, page INTEGER NOT NULL DEFAULT 0, article INTEGER,
            scroll INTEGER NOT NULL DEFAULT 0, listed INTEGER,
            read_count INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE read(briefing INTEGER NOT NULL REFERENCES briefing(id) ON DELETE CASCADE,
            article INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY(briefing, article))
            WITHOUT ROWID;
        CREATE INDEX briefing_count ON briefing(khash, listed, read_count);
        CREATE TABLE search(n INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE);
        PRAGMA user_version=1;
    ";

    #[test]
    fn a_database_of_the_first_schema_is_carried_over() {
        let dir = temp_dir("v1");
        let list: Vec<u64> = vec![11, 12, u64::MAX - 1];
        {
            let conn = Connection::open(dir.join(FILE_NAME)).unwrap();
            conn.execute_batch(FIRST_SCHEMA).unwrap();
            let fp = article::fingerprint(&list) as i64;
            conn.execute(
                "INSERT INTO briefing(id, key, khash, page, article, scroll, listed, read_count) \
                 VALUES (1, '/lib/a.toml', ?1, 2, 12, 5, ?2, 2), (2, '/lib/b.toml', ?3, 0, NULL, 0, NULL, 0)",
                params![sql(key_hash("/lib/a.toml")), fp, sql(key_hash("/lib/b.toml"))],
            )
            .unwrap();
            conn.execute_batch(&format!(
                "INSERT INTO read VALUES (1, 11, 1000), (1, {}, 2000);
                 INSERT INTO search(n, query) VALUES (1, '円安');",
                (u64::MAX - 1) as i64
            ))
            .unwrap();
        }
        let (store, state, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        let store = store.unwrap();
        let marks = store.marks("/lib/a.toml").unwrap();
        assert_eq!(marks.articles(), HashSet::from([11, u64::MAX - 1]));
        assert_eq!(marks.at(11), Some(1000));
        assert_eq!(marks.at(u64::MAX - 1), Some(2000));
        assert!(store.read_set("/lib/b.toml").unwrap().is_empty());
        let b = store.briefing("/lib/a.toml").unwrap();
        assert_eq!((b.page, b.article, b.scroll), (2, Some(12), 5));
        assert_eq!(
            state.read_count(key_hash("/lib/a.toml"), &list, article::fingerprint(&list)),
            Some(2)
        );
        assert_eq!(state.searches, ["円安"]);
        let tables: Vec<String> = store
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(tables, ["briefing", "search"]);
        drop(store);
        // Opened again: nothing left to carry, the marks as they were.
        let (store, _, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(store.unwrap().marks("/lib/a.toml").unwrap(), marks);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A database as the second schema wrote it: rows numbered in order,
    /// keys in a unique index, their hashes in `khash`.
    const SECOND_SCHEMA: &str = "
        CREATE TABLE briefing(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
            khash INTEGER NOT NULL, page INTEGER NOT NULL DEFAULT 0, article INTEGER,
            scroll INTEGER NOT NULL DEFAULT 0, listed INTEGER,
            read_count INTEGER NOT NULL DEFAULT 0, marks BLOB);
        CREATE INDEX briefing_count ON briefing(khash, listed, read_count);
        CREATE TABLE search(n INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE);
        CREATE TABLE setting(name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO setting VALUES ('library', 'all');
        INSERT INTO search(n, query) VALUES (1, '円安'), (2, '停戦');
        PRAGMA user_version=2;
    ";

    /// A second-schema database in `dir` holding `/lib/a.toml` (two of
    /// `list` read, left on page 2), `/lib/b.toml` (never marked, on page 4)
    /// and `/lib/c.toml` (`list` all read).
    fn second_schema_db(dir: &Path, list: &[u64]) -> Marks {
        let conn = Connection::open(dir.join(FILE_NAME)).unwrap();
        conn.execute_batch(SECOND_SCHEMA).unwrap();
        let mut a = Marks::default();
        a.insert(list[0], 1000);
        a.insert(list[2], 2000);
        let mut c = Marks::default();
        for &x in list {
            c.insert(x, 3000);
        }
        let fp = sql(article::fingerprint(list));
        let kh = |k: &str| sql(article::hash(k));
        conn.execute(
            "INSERT INTO briefing(id, key, khash, page, article, scroll, listed, read_count, marks) \
             VALUES (1, '/lib/a.toml', ?1, 2, ?2, 5, ?3, 2, ?4),
                    (2, '/lib/b.toml', ?5, 4, NULL, 0, NULL, 0, NULL),
                    (3, '/lib/c.toml', ?6, 0, NULL, 0, ?3, 3, ?7)",
            params![
                kh("/lib/a.toml"),
                sql(list[1]),
                fp,
                a.encode(),
                kh("/lib/b.toml"),
                kh("/lib/c.toml"),
                c.encode()
            ],
        )
        .unwrap();
        a
    }

    /// The tables and indexes of the database in `store`.
    fn schema_names(store: &Store) -> Vec<String> {
        store
            .conn
            .prepare("SELECT type || ' ' || name FROM sqlite_master ORDER BY type, name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_database_of_the_second_schema_is_carried_over() {
        let dir = temp_dir("v2");
        let list: Vec<u64> = vec![11, u64::MAX - 1, 13];
        let a = second_schema_db(&dir, &list);
        let (store, state, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        let store = store.unwrap();
        assert_eq!(store.marks("/lib/a.toml").unwrap(), a);
        let b = store.briefing("/lib/a.toml").unwrap();
        assert_eq!((b.page, b.article, b.scroll), (2, Some(u64::MAX - 1), 5));
        assert_eq!(store.briefing("/lib/b.toml").unwrap().page, 4);
        assert!(store.read_set("/lib/b.toml").unwrap().is_empty());
        assert_eq!(store.read_set("/lib/c.toml").unwrap().len(), 3);
        let fp = article::fingerprint(&list);
        assert_eq!(
            state.read_count(key_hash("/lib/a.toml"), &list, fp),
            Some(2)
        );
        assert_eq!(
            state.read_count(key_hash("/lib/c.toml"), &list, fp),
            Some(3)
        );
        assert_eq!(state.searches, ["円安", "停戦"]);
        assert_eq!(store.setting("library").unwrap().as_deref(), Some("all"));
        // Each row has its key's hash; no index of keys is left.
        let ids: Vec<(i64, i64, String)> = store
            .conn
            .prepare("SELECT id, khash, key FROM briefing ORDER BY key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (n, (id, kh, key)) in ids.iter().enumerate() {
            assert_eq!(*kh, sql(key_hash(key)), "{key}");
            assert_eq!(*id, n as i64 + 1, "{key}");
        }
        assert_eq!(ids.len(), 3);
        assert_eq!(
            schema_names(&store),
            [
                "index briefing_count",
                "index sqlite_autoindex_search_1",
                "index sqlite_autoindex_setting_1",
                "table briefing",
                "table search",
                "table setting"
            ]
        );
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        drop(store);
        // Opened again: as it was.
        let (store, again, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(again, state);
        assert_eq!(store.unwrap().marks("/lib/a.toml").unwrap(), a);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A hasher under which every key in `/same/` has one hash (that of
    /// `/same/`), others their own.
    fn colliding(key: &str) -> u64 {
        if key.starts_with("/same/") {
            key_hash("/same/")
        } else {
            key_hash(key)
        }
    }

    /// The row id of `key` in `store`.
    fn row_id(store: &Store, key: &str) -> Option<i64> {
        store
            .conn
            .query_row("SELECT id FROM briefing WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .unwrap()
    }

    /// The hash kept in the row of `key` in `store`.
    fn khash(store: &Store, key: &str) -> Option<i64> {
        store
            .conn
            .query_row("SELECT khash FROM briefing WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .unwrap()
    }

    #[test]
    fn two_keys_with_one_hash_keep_their_own_marks() {
        let dir = temp_dir("collide");
        let (store, _, _) = Store::open_hashed(&dir, colliding);
        let mut store = store.unwrap();
        let home = key_hash("/same/");
        let list = [1, 2, 3];
        store.set_read("/same/a", &list, &[(1, true)]).unwrap();
        store
            .set_read("/same/b", &list, &[(2, true), (3, true)])
            .unwrap();
        let pos = BriefingState {
            page: 3,
            article: Some(3),
            ..Default::default()
        };
        store.set_position("/same/b", &pos).unwrap();
        assert_eq!(row_id(&store, "/same/a"), Some(1));
        assert_eq!(row_id(&store, "/same/b"), Some(2));
        assert_eq!(khash(&store, "/same/b"), Some(sql(home)));
        assert_eq!(store.read_set("/same/a").unwrap(), HashSet::from([1]));
        assert_eq!(store.read_set("/same/b").unwrap(), HashSet::from([2, 3]));
        assert_eq!(store.briefing("/same/a").unwrap().page, 0);
        assert_eq!(store.briefing("/same/b").unwrap().page, 3);
        // A third: the next row. `A` over all three, and its undo.
        let all: Vec<(String, Arc<[u64]>)> = ["/same/a", "/same/b", "/same/c"]
            .iter()
            .map(|k| (k.to_string(), Arc::from(&list[..])))
            .collect();
        let changed = store.mark_all(&all).unwrap();
        assert_eq!(changed, [(0, 2), (0, 3), (1, 1), (2, 1), (2, 2), (2, 3)]);
        assert_eq!(row_id(&store, "/same/c"), Some(3));
        for (k, _) in &all {
            assert_eq!(store.read_set(k).unwrap().len(), 3, "{k}");
        }
        store.unmark(&all, &changed).unwrap();
        assert_eq!(store.read_set("/same/a").unwrap(), HashSet::from([1]));
        assert_eq!(store.read_set("/same/b").unwrap(), HashSet::from([2, 3]));
        assert!(store.read_set("/same/c").unwrap().is_empty());
        // The launch counts none of them from the hash: each is counted
        // from its marks when listed.
        let state = store.load().unwrap();
        let fp = article::fingerprint(&list);
        assert_eq!(state.read_count(home, &list, fp), None);
        assert!(state.counts.is_empty());
        // One renamed away: it keeps its row and marks under its new
        // hash, the others keep theirs, and a new key takes a new row.
        store
            .rename_keys(&[("/same/a".into(), "/else/a".into())])
            .unwrap();
        assert_eq!(row_id(&store, "/else/a"), Some(1));
        assert_eq!(khash(&store, "/else/a"), Some(sql(key_hash("/else/a"))));
        assert_eq!(store.read_set("/else/a").unwrap(), HashSet::from([1]));
        assert_eq!(store.read_set("/same/b").unwrap(), HashSet::from([2, 3]));
        store.set_read("/same/d", &list, &[(1, true)]).unwrap();
        assert_eq!(row_id(&store, "/same/d"), Some(4));
        assert_eq!(store.read_set("/same/b").unwrap(), HashSet::from([2, 3]));
        // Renamed onto a key with a row: that row is replaced.
        store
            .rename_keys(&[("/same/b".into(), "/same/d".into())])
            .unwrap();
        assert_eq!(store.read_set("/same/d").unwrap(), HashSet::from([2, 3]));
        assert!(store.read_set("/same/b").unwrap().is_empty());
        assert_eq!(row_id(&store, "/same/d"), Some(2));
        let state = store.load().unwrap();
        assert_eq!(
            state.read_count(key_hash("/else/a"), &list, fp),
            Some(1),
            "a hash no other key has is counted at launch"
        );
        drop(store);
        // Reopened: the same.
        let (store, _, problems) = Store::open_hashed(&dir, colliding);
        assert!(problems.is_empty(), "{problems:?}");
        let store = store.unwrap();
        assert_eq!(store.read_set("/same/d").unwrap(), HashSet::from([2, 3]));
        assert!(store.read_set("/same/c").unwrap().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn two_keys_with_one_hash_are_carried_over_from_the_second_schema() {
        let dir = temp_dir("collide-v2");
        let list: Vec<u64> = vec![11, 12, 13];
        let a = second_schema_db(&dir, &list);
        // Every key hashes to one id.
        let (store, state, problems) = Store::open_hashed(&dir, |_| 77);
        assert!(problems.is_empty(), "{problems:?}");
        let store = store.unwrap();
        for (n, key) in ["/lib/a.toml", "/lib/b.toml", "/lib/c.toml"]
            .iter()
            .enumerate()
        {
            assert_eq!(row_id(&store, key), Some(n as i64 + 1));
            assert_eq!(khash(&store, key), Some(77));
        }
        assert_eq!(store.marks("/lib/a.toml").unwrap(), a);
        assert!(store.read_set("/lib/b.toml").unwrap().is_empty());
        assert_eq!(store.briefing("/lib/b.toml").unwrap().page, 4);
        assert_eq!(store.read_set("/lib/c.toml").unwrap().len(), 3);
        assert!(state.counts.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A database as the third schema wrote it: each row's id the hash of
    /// its key, negative for a key whose hash another key held.
    const THIRD_SCHEMA: &str = "
        CREATE TABLE briefing(id INTEGER PRIMARY KEY, key TEXT NOT NULL,
            page INTEGER NOT NULL DEFAULT 0, article INTEGER,
            scroll INTEGER NOT NULL DEFAULT 0, listed INTEGER,
            read_count INTEGER NOT NULL DEFAULT 0, marks BLOB);
        CREATE INDEX briefing_count ON briefing(listed, read_count);
        CREATE TABLE search(n INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE);
        INSERT INTO search(n, query) VALUES (1, '停戦');
        PRAGMA user_version=3;
    ";

    #[test]
    fn a_database_of_the_third_schema_is_carried_over() {
        let dir = temp_dir("v3");
        let list: Vec<u64> = vec![21, 22, 23];
        let mut a = Marks::default();
        a.insert(21, 1000);
        let mut b = Marks::default();
        b.insert(22, 2000);
        b.insert(23, 2000);
        {
            let conn = Connection::open(dir.join(FILE_NAME)).unwrap();
            conn.execute_batch(THIRD_SCHEMA).unwrap();
            let fp = sql(article::fingerprint(&list));
            // `/lib/b.toml` kept at a negative id, as if its hash were taken.
            conn.execute(
                "INSERT INTO briefing(id, key, page, article, scroll, listed, read_count, marks) \
                 VALUES (?1, '/lib/a.toml', 3, 22, 1, ?2, 1, ?3),
                        (-1, '/lib/b.toml', 0, NULL, 0, ?2, 2, ?4)",
                params![sql(key_hash("/lib/a.toml")), fp, a.encode(), b.encode()],
            )
            .unwrap();
        }
        let (store, state, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        let store = store.unwrap();
        assert_eq!(store.marks("/lib/a.toml").unwrap(), a);
        assert_eq!(store.marks("/lib/b.toml").unwrap(), b);
        let p = store.briefing("/lib/a.toml").unwrap();
        assert_eq!((p.page, p.article, p.scroll), (3, Some(22), 1));
        let fp = article::fingerprint(&list);
        assert_eq!(
            state.read_count(key_hash("/lib/a.toml"), &list, fp),
            Some(1)
        );
        assert_eq!(
            state.read_count(key_hash("/lib/b.toml"), &list, fp),
            Some(2)
        );
        assert_eq!(state.searches, ["停戦"]);
        assert_eq!(row_id(&store, "/lib/a.toml"), Some(1));
        assert_eq!(row_id(&store, "/lib/b.toml"), Some(2));
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_launch_reads_the_counts_from_their_index_alone() {
        let dir = temp_dir("plan");
        let (store, _, _) = Store::open_in(&dir);
        let store = store.unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT khash, listed, read_count FROM briefing \
                 ORDER BY khash",
            )
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|p| p.contains("COVERING INDEX briefing_count")),
            "{plan:?}"
        );
        assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The SQL of each `sqlite3 …/state.db` command in the `sh` blocks of
    /// a document (dot commands left out).
    fn documented_queries(doc: &str) -> Vec<String> {
        let joined = doc.replace("\\\n", " ");
        let mut out = Vec::new();
        let mut in_sh = false;
        let mut lines = joined.lines();
        while let Some(line) = lines.next() {
            if line.starts_with("```") {
                in_sh = line == "```sh";
                continue;
            }
            if !in_sh || !line.starts_with("sqlite3 ") || !line.contains("state.db") {
                continue;
            }
            // A quoted query may go on over the next lines.
            let mut command = line.to_string();
            let words = loop {
                match shell_words::split(&command) {
                    Ok(words) => break words,
                    Err(_) => {
                        command.push('\n');
                        command.push_str(lines.next().expect("the quote closes"));
                    }
                }
            };
            out.extend(words.into_iter().skip(2).filter(|w| !w.starts_with('.')));
        }
        out
    }

    #[test]
    fn the_documented_sqlite3_queries_work_on_this_schema() {
        let dir = temp_dir("docs");
        let (store, _, _) = Store::open_in(&dir);
        let mut store = store.unwrap();
        store
            .set_read("/lib/a.toml", &[1, 2], &[(1, true)])
            .unwrap();
        store.remember_search("円安").unwrap();
        for doc in [
            include_str!("../../README.md"),
            include_str!("../../docs/guide.md"),
        ] {
            let queries = documented_queries(doc);
            assert_eq!(queries.len(), 3, "{queries:?}");
            for q in queries {
                let rows: Vec<Vec<rusqlite::types::Value>> = store
                    .conn
                    .prepare(&q)
                    .unwrap_or_else(|e| panic!("{q}: {e}"))
                    .query_map([], |r| {
                        (0..r.as_ref().column_count())
                            .map(|i| r.get(i))
                            .collect::<Result<_, _>>()
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                assert_eq!(rows.len(), 1, "{q}: {rows:?}");
            }
        }
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
