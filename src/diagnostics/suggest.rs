//! "Did you mean `key_points`?": the closest known key to a misspelt one.
//!
//! Keys are compared case-insensitively with `-` and spaces read as `_`, by
//! optimal string alignment distance (Levenshtein plus adjacent
//! transpositions, so `titel` is one edit from `title`). A suggestion is
//! only made when it is close enough to be a likely typo.

/// The known key closest to `key`, if it is close enough to suggest (both
/// compared normalised, so `pagedown` finds `PageDown`).
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let norm = normalise(key);
    known
        .iter()
        .map(|&k| (distance(&norm, &normalise(k)), k))
        .filter(|&(d, k)| d <= max_distance(k))
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

fn normalise(key: &str) -> Vec<char> {
    key.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect()
}

/// How many edits still read as a typo of `known`.
fn max_distance(known: &str) -> usize {
    match known.chars().count() {
        0..=4 => 1,
        5..=9 => 2,
        _ => 3,
    }
}

/// Optimal string alignment distance between `a` and `b`.
fn distance(a: &[char], b: &[char]) -> usize {
    // Keys are short; a long garbage key is never a typo of a known one.
    if a.len().abs_diff(b.len()) > 3 {
        return usize::MAX;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = best;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    // The real key lists, so the suggestions are tested against what the loader accepts.
    use crate::briefing::schema::{ROOT_KEYS as ROOT, SECTION_KEYS as SECTION};

    fn d(a: &str, b: &str) -> usize {
        distance(&normalise(a), &normalise(b))
    }

    #[test]
    fn distances() {
        assert_eq!(d("key_points", "key_points"), 0);
        assert_eq!(d("keypoints", "key_points"), 1);
        assert_eq!(d("keypoint", "key_points"), 2);
        assert_eq!(d("Title", "title"), 0);
        assert_eq!(d("titel", "title"), 1);
        assert_eq!(d("key-points", "key_points"), 0);
        assert_eq!(d("bdoy", "body"), 1);
        assert_eq!(d("bodyxxxxxxxx", "body"), usize::MAX);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("keypoints", SECTION), Some("key_points"));
        assert_eq!(closest("keypoint", SECTION), Some("key_points"));
        assert_eq!(closest("KeyPoints", SECTION), Some("key_points"));
        assert_eq!(closest("source", SECTION), Some("sources"));
        assert_eq!(closest("Title", ROOT), Some("title"));
        assert_eq!(closest("summery", ROOT), Some("summary"));
        assert_eq!(closest("date", ROOT), None);
        assert_eq!(closest("author", ROOT), None);
        assert_eq!(closest("日本語", ROOT), None);
        assert_eq!(closest("", SECTION), None);
    }
}
