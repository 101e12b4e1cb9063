//! The read articles of one briefing and when each was read, packed in
//! one value (the `marks` column of its row): marking a briefing writes
//! one row, whatever the number of its articles.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::KeyHasher;

/// The read articles of one briefing and when each was read (seconds
/// since the Unix epoch), as kept in its row's `marks`.
///
/// Packed as groups, little-endian: the time (8 bytes), how many articles
/// were read then (4 bytes), and their hashes (8 bytes each). An `A` makes
/// one group per briefing; reading page by page, one group per article.
/// Whatever follows the last whole group (a value damaged or written by
/// hand) is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks(HashMap<u64, i64, std::hash::BuildHasherDefault<KeyHasher>>);

impl Marks {
    /// The marks packed in `bytes` (empty for `None`).
    pub fn decode(bytes: Option<&[u8]>) -> Marks {
        let mut marks = Marks::default();
        let mut rest = bytes.unwrap_or(&[]);
        while let Some((head, tail)) = rest.split_first_chunk::<12>() {
            let (at, n) = head.split_at(8);
            let at = i64::from_le_bytes(at.try_into().unwrap_or_default());
            let n = u32::from_le_bytes(n.try_into().unwrap_or_default()) as usize;
            let Some(len) = n.checked_mul(8).filter(|&l| l <= tail.len()) else {
                break;
            };
            let (list, after) = tail.split_at(len);
            for a in list.chunks_exact(8) {
                marks
                    .0
                    .insert(u64::from_le_bytes(a.try_into().unwrap_or_default()), at);
            }
            rest = after;
        }
        marks
    }

    /// The marks packed, grouped by time (the same marks always give the
    /// same bytes).
    pub fn encode(&self) -> Vec<u8> {
        let mut by_time: BTreeMap<i64, Vec<u64>> = BTreeMap::new();
        for (&a, &at) in &self.0 {
            by_time.entry(at).or_default().push(a);
        }
        let mut out = Vec::with_capacity(self.0.len() * 8 + by_time.len() * 12);
        for (at, mut list) in by_time {
            list.sort_unstable();
            // A group holds at most u32::MAX articles; a briefing has far
            // fewer, but the format does not depend on it.
            for part in list.chunks(u32::MAX as usize) {
                out.extend_from_slice(&at.to_le_bytes());
                out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(0).to_le_bytes());
                for a in part {
                    out.extend_from_slice(&a.to_le_bytes());
                }
            }
        }
        out
    }

    /// Mark `article` read at `at`; false when it was read already (its
    /// time is kept).
    pub fn insert(&mut self, article: u64, at: i64) -> bool {
        match self.0.entry(article) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(at);
                true
            }
        }
    }

    /// Mark `article` unread; false when it was not read.
    pub fn remove(&mut self, article: u64) -> bool {
        self.0.remove(&article).is_some()
    }

    /// Whether `article` is read.
    pub fn contains(&self, article: u64) -> bool {
        self.0.contains_key(&article)
    }

    /// When `article` was read.
    pub fn at(&self, article: u64) -> Option<i64> {
        self.0.get(&article).copied()
    }

    /// How many articles are marked.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no article is marked.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The articles read.
    pub fn articles(&self) -> HashSet<u64> {
        self.0.keys().copied().collect()
    }
}
