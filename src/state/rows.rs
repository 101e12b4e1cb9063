//! Where a briefing's row is in the database. Rows are numbered in the
//! order briefings were first kept, so a bulk mark appends its new rows at
//! the end of the table instead of splitting pages all over it; a briefing
//! is found through the hash of its key ([`super::key_hash`]), the first
//! column of the one index the table has. The key is stored in the row
//! and compared, so two keys with one hash never share a row.

use rusqlite::{Connection, Row};

/// A briefing's row as looked up by its key.
pub(super) enum Place<T> {
    /// Its row's id, and what was read of it.
    Found(i64, T),
    /// It has no row.
    Free,
}

/// The row of the briefing `key`, whose hash is `khash` ([`super::key_hash`]),
/// with `cols` of it read by `read` (whose columns start at index 0).
pub(super) fn locate<T>(
    conn: &Connection,
    key: &str,
    khash: i64,
    cols: &str,
    read: impl Fn(&Offset<'_, '_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Place<T>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, key, {cols} FROM briefing WHERE khash = ?1"
    ))?;
    let mut rows = stmt.query([khash])?;
    // Almost always one row or none; more only when keys share a hash.
    while let Some(r) = rows.next()? {
        if r.get_ref(1)?.as_str()? == key {
            return Ok(Place::Found(r.get(0)?, read(&Offset(r))?));
        }
    }
    Ok(Place::Free)
}

/// Make the row of briefing `key` (hash `khash`, not kept yet) with `marks`
/// and its count; its id.
pub(super) fn insert(
    conn: &Connection,
    key: &str,
    khash: i64,
    marks: Option<&[u8]>,
    count: Option<(i64, i64)>,
) -> rusqlite::Result<i64> {
    let (listed, read_count) = match count {
        Some((listed, n)) => (Some(listed), n),
        None => (None, 0),
    };
    conn.prepare_cached(
        "INSERT INTO briefing(khash, key, marks, listed, read_count) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![khash, key, marks, listed, read_count])?;
    Ok(conn.last_insert_rowid())
}

/// A row read from its third column on: what [`locate`]'s callers see as
/// column 0 is the first of their `cols`.
pub(super) struct Offset<'a, 'b>(&'a Row<'b>);

impl Offset<'_, '_> {
    /// Column `i` of the caller's columns.
    pub(super) fn get<T: rusqlite::types::FromSql>(&self, i: usize) -> rusqlite::Result<T> {
        self.0.get(i + 2)
    }

    /// Column `i` of the caller's columns, unconverted.
    pub(super) fn get_ref(&self, i: usize) -> rusqlite::Result<rusqlite::types::ValueRef<'_>> {
        self.0.get_ref(i + 2)
    }
}
