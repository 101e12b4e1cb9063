//! Grapheme clusters too long to show: `a` followed by a million combining
//! accents, or a chain of 300,000 emoji joined by ZWJ, is one cluster by
//! UAX #29. A terminal would get megabytes for one cell, and every frame
//! would measure it again. A cluster of more than [`MAX_CLUSTER`] code
//! points is shown as its first character and `�` ([`cap_clusters`], run by
//! the sanitiser); `yomu check` warns ([`longest_cluster`]).
//!
//! Finding clusters needs UAX #29 segmentation, too slow to run over every
//! text: a byte scan first rules out the text that cannot hold one.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

/// The most code points a cluster may have and still be shown as written.
pub const MAX_CLUSTER: usize = 32;

/// Whether `s` may hold a cluster of more than [`MAX_CLUSTER`] code points.
///
/// A cluster has at most one character that starts a cluster whatever
/// precedes it (a base after Prepend characters; everything else attaches
/// to what is before it): ASCII, CJK ideographs and kana are such
/// characters, and every other character counts towards a run. A long
/// cluster makes a run of at least half its length (16 characters of two
/// bytes or more: 32 bytes), so text whose runs stay shorter (nearly all
/// text, and all of Japanese) is ruled out without decoding a character.
pub fn may_have_long_cluster(s: &str) -> bool {
    // First, without branches (vectorised): a run of 32 bytes or more
    // covers a whole aligned block of 16 bytes, so when every such block
    // holds ASCII, a CJK ideograph (lead bytes E4..E9) or a kana of
    // U+3040..307F or U+30C0..30FF (E3 81 .., E3 83 ..), there is none.
    const BLOCK: usize = 16;
    let b = s.as_bytes();
    let blocks = b.len().saturating_sub(1) / BLOCK;
    let every_block_starts = (0..blocks).all(|k| {
        let w = &b[k * BLOCK..k * BLOCK + BLOCK + 1];
        (0..BLOCK).fold(false, |acc, j| {
            let (x, y) = (w[j], w[j + 1]);
            acc | (x < 0x80) | (x.wrapping_sub(0xE4) < 6) | ((x == 0xE3) & ((y | 2) == 0x83))
        })
    });
    !every_block_starts && long_run(b)
}

/// The exact byte scan: a run of more than `MAX_CLUSTER / 2` characters
/// that do not start a cluster.
fn long_run(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut run = 0;
    for (i, &x) in b.iter().enumerate() {
        let starts = match x {
            0x80..=0xBF => continue, // inside a character already counted
            0x00..=0x7F | 0xE4..=0xE9 => true,
            // U+3000..U+3FFF: kana and CJK symbols, but not the combining
            // voiced marks U+3099/309A or the tone marks U+302A..302F.
            0xE3 => !matches!(
                (at(i + 1), at(i + 2)),
                (0x82, 0x99 | 0x9A) | (0x80, 0xAA..=0xAF)
            ),
            _ => false,
        };
        if starts {
            run = 0;
        } else {
            run += 1;
            if run >= MAX_CLUSTER / 2 {
                return true;
            }
        }
    }
    false
}

/// The number of code points of the longest cluster of `s` when it is over
/// [`MAX_CLUSTER`].
pub fn longest_cluster(s: &str) -> Option<usize> {
    if !may_have_long_cluster(s) {
        return None;
    }
    s.graphemes(true)
        .map(|g| g.chars().count())
        .filter(|&n| n > MAX_CLUSTER)
        .max()
}

/// `s` with every cluster of more than [`MAX_CLUSTER`] code points shown as
/// its first character and `�`.
pub fn cap_clusters(s: &str) -> Cow<'_, str> {
    if !may_have_long_cluster(s) || !s.graphemes(true).any(too_long) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(1 << 16));
    for g in s.graphemes(true) {
        if too_long(g) {
            out.extend(g.chars().next());
            out.push('\u{FFFD}');
        } else {
            out.push_str(g);
        }
    }
    Cow::Owned(out)
}

fn too_long(g: &str) -> bool {
    // Only clusters of more than MAX_CLUSTER bytes can have that many code points.
    g.len() > MAX_CLUSTER && g.chars().nth(MAX_CLUSTER).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn giant_clusters_are_cut_and_reported() {
        let accents = format!("x a{} y", "\u{301}".repeat(1_000_000));
        assert_eq!(cap_clusters(&accents), "x a\u{FFFD} y");
        assert_eq!(longest_cluster(&accents), Some(1_000_001));
        let zwj = format!("{}👩", "👩\u{200D}".repeat(300_000));
        assert_eq!(cap_clusters(&zwj), "👩\u{FFFD}");
        // A cluster of exactly MAX_CLUSTER code points is kept.
        let ok = format!("a{}", "\u{301}".repeat(MAX_CLUSTER - 1));
        assert_eq!(cap_clusters(&ok), ok.as_str());
        assert_eq!(longest_cluster(&ok), None);
    }

    #[test]
    fn ordinary_text_is_ruled_out_by_the_byte_scan() {
        for s in [
            "ゼレンスキー大統領は、ありがとうございましたと述べた。かか\u{3099}",
            "Привет, мир! Ελληνικά. 👨‍👩‍👧 🇯🇵 e\u{301}",
            &"あいうえおかきくけこさしすせそたちつてと".repeat(50),
        ] {
            assert!(!may_have_long_cluster(s), "{s}");
            assert!(matches!(cap_clusters(s), Cow::Borrowed(_)));
        }
        // The exact scan agrees on text the block test cannot rule out.
        let kana = "、。「」".repeat(40);
        assert!(!may_have_long_cluster(&kana));
        // Long runs of other scripts are checked, and kept when their
        // clusters are short.
        let thai = "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำในประโยคยาวๆ".repeat(3);
        assert!(may_have_long_cluster(&thai));
        assert_eq!(cap_clusters(&thai), thai.as_str());
    }

    #[test]
    fn the_byte_scan_never_misses_a_long_cluster() {
        // Prepend characters before a base, extenders after it.
        let half = MAX_CLUSTER / 2;
        let s = format!("{}a{}", "\u{0600}".repeat(half), "\u{301}".repeat(half));
        assert_eq!(longest_cluster(&s), Some(MAX_CLUSTER + 1), "{s}");
        assert!(cap_clusters(&s).ends_with('\u{FFFD}'));
        // Wherever the run falls against the blocks of the first test.
        for offset in 0..40 {
            for run in ["\u{301}", "\u{3099}", "\u{FF9E}"] {
                let s = format!("{}か{}日", "x".repeat(offset), run.repeat(MAX_CLUSTER / 2));
                assert!(long_run(s.as_bytes()), "{offset} {run:?}");
                assert!(may_have_long_cluster(&s), "{offset} {run:?}");
            }
        }
        for base in ["a", "日", "か", "가", "👍"] {
            for mark in ["\u{301}", "\u{3099}", "\u{FE0F}", "\u{200D}\u{1F44D}"] {
                let s = format!("{base}{}", mark.repeat(MAX_CLUSTER));
                assert!(may_have_long_cluster(&s), "{base} {mark:?}");
            }
        }
    }
}
