//! Where a briefing's row is in the database. A row's id is the hash of
//! its key ([`super::key_hash`]), so finding a briefing is one seek of the
//! table's own B-tree and no separate index of keys is kept; the key is
//! stored in the row and compared, so two keys with one hash never share
//! a row: the second is given a negative id (hashes are never negative),
//! found by scanning the negative ids, which are almost always none.

use rusqlite::{Connection, OptionalExtension, Row};

/// A briefing's row as looked up by its key.
pub(super) enum Place<T> {
    /// Its row's id, and what was read of it.
    Found(i64, T),
    /// It has no row; the id to make it with.
    Free(i64),
}

/// The row of the briefing `key`, whose hash is `home` ([`super::key_hash`]), with
/// `cols` of it read by `read` (whose columns start at index 0), or the id
/// to make its row with.
pub(super) fn locate<T>(
    conn: &Connection,
    key: &str,
    home: i64,
    cols: &str,
    read: impl Fn(&Offset<'_, '_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Place<T>> {
    let shift = |r: &Row<'_>| -> rusqlite::Result<(i64, bool, T)> {
        let id: i64 = r.get(0)?;
        let same = r.get_ref(1)?.as_str()? == key;
        Ok((id, same, read(&Offset(r))?))
    };
    let at_home = conn
        .prepare_cached(&format!(
            "SELECT id, key, {cols} FROM briefing WHERE id = ?1"
        ))?
        .query_row([home], shift)
        .optional()?;
    if let Some((id, true, t)) = at_home {
        return Ok(Place::Found(id, t));
    }
    // Not at home: another key holds it, or it held it when this key
    // was first kept (and has gone since).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, key, {cols} FROM briefing WHERE id < 0 AND key = ?1"
    ))?;
    if let Some((id, _, t)) = stmt.query_row([key], shift).optional()? {
        return Ok(Place::Found(id, t));
    }
    if at_home.is_none() {
        return Ok(Place::Free(home));
    }
    let lowest: i64 = conn.query_row("SELECT coalesce(min(id), 0) FROM briefing", [], |r| {
        r.get(0)
    })?;
    Ok(Place::Free(lowest.min(0) - 1))
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
