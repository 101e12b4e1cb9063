//! A quick proof that a file cannot match, from its bytes alone, so a full
//! scan (`yomu search --no-index`, a small library) skips the matcher for
//! most files of a rare word: such a file is not parsed at all (a search
//! reports matches; `yomu check` reports broken files), let alone
//! sanitised, normalised and searched field by field.
//!
//! The proof holds only for text that every step between the bytes and the
//! searched text leaves alone, character for character, and for queries
//! made of characters no step can produce: then each searched field is a
//! piece of the file's text with ASCII letters in lower case and the
//! fullwidth forms of ASCII (`（`, `％`, `Ａ`) as their ASCII (NFKC and lower
//! case keep [`is_stable`] characters and map those forms one for one,
//! as Japanese text is full of them; with no `\`, TOML
//! copies a string's bytes as they are; with no control character but the
//! newline, sanitising only turns newlines into `␤`; with no `《`, `》`,
//! `｜` or `［＃`, there is no reading or note to rewrite), so a query absent
//! from the bytes so lowered is absent from every field. Anything else, or
//! kana folding, says "may match" and the matcher decides.

use super::SearchOptions;
use super::normalize::is_stable;

/// True only when a file of text `raw` certainly has no match of the
/// prepared `query` (see the module's notes); false when it may.
pub fn cannot_match(raw: &str, query: &str, opts: SearchOptions) -> bool {
    if opts.kana_insensitive || query.is_empty() {
        return false;
    }
    if !query
        .chars()
        .all(|c| (c.is_ascii_graphic() && c != '\\') || is_stable(c))
        || query.contains(['《', '》'])
    {
        return false;
    }
    // With no ASCII in the query, folding turns no character into one of
    // the query's (they are all stable, kept as they are, and only ASCII
    // and its fullwidth forms change): the query is in the folded text
    // exactly when it is in the bytes, and what is left to prove is that
    // every character folds.
    if !query.bytes().any(|b| b.is_ascii()) {
        return memchr::memmem::find(raw.as_bytes(), query.as_bytes()).is_none() && all_fold(raw);
    }
    // One pass, much cheaper than the parse the file would need.
    let mut folded = String::with_capacity(raw.len());
    for c in raw.chars() {
        match fold(c) {
            Some(f) => folded.push(f),
            None => return false,
        }
    }
    memchr::memmem::find(folded.as_bytes(), query.as_bytes()).is_none()
}

/// Whether every character of `raw` folds ([`fold`] is `Some`), read
/// byte by byte: ASCII from a byte, three-byte characters decoded in
/// place; no character of two or four bytes folds (the stable ranges and
/// the fullwidth forms are all of three).
fn all_fold(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        // Most of Japanese news text, told by its first byte: printable
        // ASCII but the backslash, the newline, and the kanji U+5000 to
        // U+9FFF (all stable).
        if matches!(x, b' '..=b'[' | b']'..=b'~' | b'\n') {
            i += 1;
            continue;
        }
        if matches!(x, 0xE5..=0xE9) {
            i += 3;
            continue;
        }
        // Kana, U+3040 to U+30FF: they fold when they are stable.
        if let (0xE3, Some(&y @ 0x81..=0x83), Some(&z)) = (x, b.get(i + 1), b.get(i + 2)) {
            let cp = 0x3000 | (u32::from(y & 0x03) << 6) | u32::from(z & 0x3F);
            if !char::from_u32(cp).is_some_and(is_stable) {
                return false;
            }
            i += 3;
            continue;
        }
        if x < 0x80 {
            if x == b'\\' || (x.is_ascii_control() && x != b'\n') {
                return false;
            }
            i += 1;
        } else if (0xE0..0xF0).contains(&x) {
            let (Some(&y), Some(&z)) = (b.get(i + 1), b.get(i + 2)) else {
                return false;
            };
            let cp = (u32::from(x & 0x0F) << 12) | (u32::from(y & 0x3F) << 6) | u32::from(z & 0x3F);
            if char::from_u32(cp).and_then(fold).is_none() {
                return false;
            }
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// What `c` becomes in the searched text when the proof holds for it:
/// itself, or for ASCII and its fullwidth forms the ASCII in lower case;
/// `None` for anything a step may change otherwise.
fn fold(c: char) -> Option<char> {
    match c {
        '\n' => Some('\n'),
        // Escapes, readings (`《》`, `｜`) and notes (`［＃`).
        '\\' | '《' | '》' | '｜' | '［' => None,
        c if c.is_ascii_control() => None,
        c if c.is_ascii() => Some(c.to_ascii_lowercase()),
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map(|a| a.to_ascii_lowercase())
        }
        c if is_stable(c) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{prepare_query, search_briefing};

    fn o() -> SearchOptions {
        SearchOptions::default()
    }

    #[test]
    fn only_plain_text_and_queries_are_decided() {
        let raw = "title = \"政府の方針\"\n[[sections]]\nheading = \"NATO\"\n";
        assert!(cannot_match(raw, "量子", o()));
        assert!(!cannot_match(raw, "政府", o()));
        assert!(!cannot_match(raw, "nato", o()), "ASCII compared lowered");
        assert!(cannot_match(raw, "natoo", o()));
        // Kana folding, escapes, readings, notes, other characters: may.
        let kana = SearchOptions {
            kana_insensitive: true,
            ..o()
        };
        assert!(!cannot_match(raw, "量子", kana));
        assert!(!cannot_match("title = \"\\u91cf子\"", "量子", o()));
        assert!(!cannot_match("title = \"量《りょう》子\"", "量子", o()));
        assert!(!cannot_match("title = \"量｜子\"", "量子", o()));
        assert!(!cannot_match("title = \"量\u{200F}子\"", "量子", o()));
        assert!(!cannot_match("title = \"量\t子\"", "量子", o()));
        assert!(!cannot_match("title = \"ＡＢ\"", "ab", o()));
        assert!(!cannot_match("title = \"（５０％）\"", "(50%)", o()));
        assert!(cannot_match("title = \"（５０％）\"", "(60%)", o()));
        // Queries no plain text holds as such.
        assert!(!cannot_match(raw, "量 子", o()));
        assert!(!cannot_match(raw, "量（", o()));
        assert!(!cannot_match(raw, "", o()));
    }

    /// Every character, between others that fold, decides as `fold` does.
    #[test]
    fn all_fold_decides_every_character_as_fold_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a和{c}か\n");
            assert_eq!(all_fold(&s), fold(c).is_some(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The byte-wise check says what folding each character says.
        #[test]
        fn all_fold_is_every_character_folding(
            picks in proptest::collection::vec(0..BOUNDS.len(), 0..40),
        ) {
            let s: String = picks.iter().map(|&i| BOUNDS[i]).collect();
            proptest::prop_assert_eq!(all_fold(&s), s.chars().all(|c| fold(c).is_some()), "{:?}", s);
        }
    }

    /// Characters at the edges of what folds, of every UTF-8 length.
    const BOUNDS: &[char] = &[
        'a',
        'Z',
        '\n',
        '\t',
        '\\',
        '\u{7f}',
        ' ',
        '~',
        'é',
        'ß',
        'Ω',
        '\u{7ff}',
        '\u{800}',
        '\u{2fff}',
        '\u{3000}',
        '\u{3001}',
        '《',
        '》',
        '\u{3029}',
        '\u{302a}',
        '\u{3036}',
        '\u{3037}',
        '\u{3040}',
        'ぁ',
        '\u{3096}',
        '\u{3099}',
        'ゝ',
        '゠',
        'ヾ',
        'ヿ',
        '\u{33ff}',
        '\u{3400}',
        '\u{4dbf}',
        '\u{4dc0}',
        '\u{4dff}',
        '一',
        '\u{9fff}',
        '\u{a000}',
        '\u{ff00}',
        '！',
        '［',
        '｜',
        '～',
        '\u{ff5f}',
        'ｶ',
        '\u{ffff}',
        '😀',
        '\u{10000}',
        '\u{10ffff}',
    ];

    /// Pieces of TOML string content: plain ones and ones the proof must
    /// refuse (escapes, readings, notes, controls, compatibility forms).
    const PIECES: &[&str] = &[
        "政府",
        "の",
        "、",
        "。",
        "「",
        "」",
        "カナ",
        "かな",
        "NATO",
        "nato",
        "3年",
        " ",
        "\\n",
        "\\u653F",
        "\\\\",
        "《せい》",
        "｜",
        "［＃「政府」に傍点］",
        "\u{200F}",
        "\t",
        "ＮＡＴＯ",
        "㍻",
        "ｶﾞ",
        "\u{3000}",
        "〜",
        "ー",
        "（",
        "）",
        "％",
        "？",
        "(",
        "%",
        "［",
        "＃",
        "５０",
        "50",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// Whenever the proof says "cannot", the matcher finds nothing.
        #[test]
        fn cannot_means_the_matcher_finds_nothing(
            title in proptest::collection::vec(0..PIECES.len(), 1..8),
            body in proptest::collection::vec(proptest::collection::vec(0..PIECES.len(), 0..10), 0..3),
            multi in proptest::bool::ANY,
            q in proptest::collection::vec(0..PIECES.len(), 1..3),
            cut in 0usize..4,
        ) {
            let piece = |v: &Vec<usize>| v.iter().map(|&i| PIECES[i]).collect::<String>();
            let body: Vec<String> = body
                .iter()
                .map(|b| if multi {
                    format!("\"\"\"\n{}\n\"\"\"", piece(b).replace("\\n", "\n"))
                } else {
                    format!("\"{}\"", piece(b).replace('\t', "\\t"))
                })
                .collect();
            let raw = format!(
                "title = \"{}\"\n[[sections]]\nheading = \"h\"\nbody = [{}]\n",
                piece(&title).replace('\t', "\\t"),
                body.join(", ")
            );
            let Ok(loaded) = crate::briefing::parse_str("x.toml", &raw) else {
                return Ok(());
            };
            let all = piece(&q);
            let chars: Vec<char> = all.chars().collect();
            let query: String = chars[..chars.len().saturating_sub(cut).max(1)].iter().collect();
            for kana_insensitive in [false, true] {
                let opts = SearchOptions { kana_insensitive, ..o() };
                let Some(prepared) = prepare_query(&query, opts) else { continue };
                if cannot_match(&raw, &prepared, opts) {
                    proptest::prop_assert!(
                        search_briefing(&loaded.briefing, &prepared, opts).is_empty(),
                        "{raw:?} {prepared:?}"
                    );
                }
            }
        }
    }
}
