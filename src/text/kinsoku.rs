//! Kinsoku shori (禁則処理): the characters a line may not start or end
//! with, and the pairs that never part (JLReq, DESIGN.md).
//!
//! These are character classes only; `breaks` applies them to the break
//! opportunities of a line, and `wrap` to the emergency cuts it must make
//! when a run has no legal break at all. The lists are written as strings;
//! they are decoded and sorted at compile time into arrays searched by
//! bisection, so a check costs a few comparisons and no start-up work.

/// Characters that never start a line (besides the small katakana
/// extensions U+31F0..=U+31FF).
const NO_START: &str = concat!(
    ")]}）」』］｝〕〉》】〙〗〟’”",
    "、。，．,.・：；:;！？!?‥…",
    "ゝゞヽヾ々",
    "ぁぃぅぇぉっゃゅょゎゕゖ",
    "ァィゥェォッャュョヮヵヶー",
    "｡｣､･ｰｧｨｩｪｫｬｭｮｯ",
    "〜゛゜",
);

/// Characters that never end a line.
const NO_END: &str = "(（[［{｛〔〈《「『【〘〖〝‘“｢";

const NO_START_SET: [char; count(NO_START)] = sorted(NO_START);
const NO_END_SET: [char; count(NO_END)] = sorted(NO_END);

/// Characters that never start a line.
pub fn no_start(c: char) -> bool {
    NO_START_SET.binary_search(&c).is_ok() || ('\u{31F0}'..='\u{31FF}').contains(&c)
}

/// Characters that never end a line.
pub fn no_end(c: char) -> bool {
    NO_END_SET.binary_search(&c).is_ok()
}

/// Two characters that stay together: `……`, `‥‥`, `——`, `――`.
pub fn inseparable_pair(a: char, b: char) -> bool {
    a == b && matches!(a, '…' | '‥' | '—' | '―')
}

/// A line may be cut between `prev` and `next` (the nearest characters
/// that are not spaces on either side) without breaking a kinsoku rule.
pub fn allows(prev: Option<char>, next: Option<char>) -> bool {
    let pair = matches!((prev, next), (Some(p), Some(n)) if inseparable_pair(p, n));
    !(next.is_some_and(no_start) || prev.is_some_and(no_end) || pair)
}

/// Punctuation that may hang past the end of a full line (burasage,
/// JLReq §3.8): the ideographic comma and full stop, full and halfwidth.
pub fn hangs(c: char) -> bool {
    matches!(c, '、' | '。' | '､' | '｡')
}

/// The number of characters of `s`.
const fn count(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The characters of `s`, sorted (`N` is [`count`] of `s`).
const fn sorted<const N: usize>(s: &str) -> [char; N] {
    let b = s.as_bytes();
    let mut out = ['\0'; N];
    let (mut i, mut k) = (0, 0);
    while i < b.len() {
        let lead = b[i] as u32;
        let len = if lead < 0x80 {
            1
        } else if lead < 0xE0 {
            2
        } else if lead < 0xF0 {
            3
        } else {
            4
        };
        let mut cp = if len == 1 { lead } else { lead & (0x7F >> len) };
        let mut j = 1;
        while j < len {
            cp = (cp << 6) | (b[i + j] as u32 & 0x3F);
            j += 1;
        }
        out[k] = match char::from_u32(cp) {
            Some(c) => c,
            None => panic!("not a character"),
        };
        k += 1;
        i += len;
    }
    // Insertion sort: a few dozen characters, once, at compile time.
    let mut a = 1;
    while a < N {
        let mut j = a;
        while j > 0 && (out[j - 1] as u32) > (out[j] as u32) {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        a += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(no_start('」') && no_start('ー') && no_start('ょ') && !no_start('あ'));
        assert!(no_end('「') && !no_end('」'));
        assert!(!allows(Some('あ'), Some('。')));
        assert!(!allows(Some('「'), Some('あ')));
        assert!(!allows(Some('…'), Some('…')));
        assert!(allows(Some('あ'), Some('い')) && allows(None, None));
        assert!(hangs('。') && hangs('、') && !hangs('」'));
    }

    #[test]
    fn the_lists_decode_whole_and_sorted() {
        assert_eq!(NO_START_SET.len(), NO_START.chars().count());
        assert_eq!(NO_END_SET.len(), NO_END.chars().count());
        for c in NO_START.chars() {
            assert!(no_start(c) && !no_end(c), "{c:?}");
        }
        for c in NO_END.chars() {
            assert!(no_end(c) && !no_start(c), "{c:?}");
        }
        assert!(NO_START_SET.windows(2).all(|w| w[0] < w[1]));
        assert!(no_start('\u{31F5}') && !no_start('あ') && !no_end('あ'));
        assert!(inseparable_pair('…', '…') && !inseparable_pair('…', '‥'));
    }
}
