//! How a briefing is known in the state: its key (the canonical path, or
//! `sample:NAME`), the key's hash (by which its row is found in the
//! database), and maps keyed by such hashes.

use std::collections::HashMap;
use std::path::Path;

use crate::briefing::article;

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

/// The hash a briefing's key is known by in memory and in the database
/// (its row's `khash`): 63 bits, so that as an SQLite integer it is never
/// negative.
pub fn key_hash(key: &str) -> u64 {
    article::hash(key) & i64::MAX as u64
}

/// The key of a briefing at `path`: its canonical path when it exists on
/// disk, else `sample:<path>` (the built-in samples).
pub fn key_for(path: &Path) -> String {
    match std::fs::canonicalize(path) {
        Ok(p) => p.to_string_lossy().into_owned(),
        Err(_) => format!("sample:{}", path.to_string_lossy()),
    }
}
