//! The normaliser: text and queries compared after NFKC, lower case and
//! (optionally) katakana folded to hiragana, one grapheme cluster at a
//! time; most Japanese text takes a fast path that skips the tables.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::SearchOptions;
use crate::text::width::Graphemes;

/// Characters that NFKC and lower case leave as they are and that never
/// compose with a neighbour: most Japanese text (kana, the common CJK
/// ideographs and punctuation), so it skips the Unicode table lookups.
/// Not U+3000 (NFKC makes it a space), 〶 〸 〹 〺 ゟ ヿ (compatibility forms),
/// the voiced sound marks U+3099..=U+309C, nor the ideographic tone marks
/// U+302A..=U+302F (combining: NFKC may reorder them with other marks).
pub(super) const fn is_stable(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3029}'
        | '\u{3030}'..='\u{3035}'
        | '\u{3037}'
        | '\u{303B}'..='\u{303F}'
        | '\u{3041}'..='\u{3096}'
        | '\u{309D}'..='\u{309E}'
        | '\u{30A0}'..='\u{30FE}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}')
}

/// Push a character NFKC left alone, katakana folded when asked.
fn push_kana(c: char, opts: SearchOptions, out: &mut String) {
    if opts.kana_insensitive && ('\u{30A1}'..='\u{30F6}').contains(&c) {
        out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c));
    } else {
        out.push(c);
    }
}

/// Append the folded form of one character (after NFKC).
fn push_folded(c: char, opts: SearchOptions, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_stable(c) {
        push_kana(c, opts, out);
    } else {
        c.to_lowercase().for_each(|l| push_kana(l, opts, out));
    }
}

/// Append the normalised form of one grapheme cluster.
pub(super) fn push_cluster(g: &str, opts: SearchOptions, out: &mut String) {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && (c.is_ascii() || is_stable(c))
    {
        push_folded(c, opts, out);
    } else if is_nfkc_quick(g.chars()) == IsNormalized::Yes {
        g.chars().for_each(|c| push_folded(c, opts, out));
    } else {
        g.nfkc().for_each(|c| push_folded(c, opts, out));
    }
}

/// Append the normalised form of `s`. The same bytes as normalising it
/// cluster by cluster, but without segmenting text that needs no NFKC,
/// and without any table lookup for ASCII, kana and common kanji.
pub fn normalize_into(s: &str, opts: SearchOptions, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    let safe = |c: char| c.is_ascii() || is_stable(c);
    // Safe characters that come out unchanged are copied a run at a time.
    let unchanged = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            is_stable(c) && !(opts.kana_insensitive && ('\u{30A1}'..='\u{30F6}').contains(&c))
        }
    };
    // The pending run of unchanged characters, not yet in `out`.
    let mut run = 0..0;
    // The last safe character pushed to `out` one by one, with the length
    // of `out` before it.
    let mut last_safe: Option<(usize, usize)> = None;
    let bytes = s.as_bytes();
    let char_at = |i: usize| s.get(i..).and_then(|r| r.chars().next());
    let mut at = 0;
    while at < bytes.len() {
        // Without decoding: the CJK ideographs U+4000..=U+9FFF but the
        // Yijing hexagrams U+4DC0..=U+4DFF (lead byte E4..E9, not E4 B7),
        // and ASCII but capitals, are unchanged.
        let b = bytes[at];
        let plain = match b {
            0xE5..=0xE9 => 3,
            0xE4 if bytes.get(at + 1) != Some(&0xB7) => 3,
            0..0x80 if !b.is_ascii_uppercase() => 1,
            _ => 0,
        };
        if plain > 0 {
            if run.is_empty() {
                run = at..at;
            }
            at += plain;
            run.end = at;
            last_safe = None;
            continue;
        }
        let Some(c) = char_at(at) else { break };
        if unchanged(c) {
            if run.is_empty() {
                run = at..at;
            }
            at += c.len_utf8();
            run.end = at;
            last_safe = None;
            continue;
        }
        if safe(c) {
            out.push_str(&s[run.clone()]);
            run = 0..0;
            last_safe = Some((at, out.len()));
            push_folded(c, opts, out);
            at += c.len_utf8();
            continue;
        }
        // Runs of other characters go through NFKC cluster by cluster,
        // with the character before them (a combining mark composes with it).
        let from = if run.is_empty() {
            match last_safe.take() {
                Some((p, len)) => {
                    out.truncate(len);
                    p
                }
                None => at,
            }
        } else {
            let prev = s[..run.end]
                .char_indices()
                .next_back()
                .map_or(run.start, |(i, _)| i);
            out.push_str(&s[run.start..prev]);
            run = 0..0;
            prev
        };
        let mut to = at + c.len_utf8();
        while let Some(d) = char_at(to).filter(|&d| !safe(d)) {
            to += d.len_utf8();
        }
        normalize_general(&s[from..to], opts, out);
        at = to;
    }
    out.push_str(&s[run]);
}

fn normalize_general(s: &str, opts: SearchOptions, out: &mut String) {
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        s.chars().for_each(|c| push_folded(c, opts, out));
    } else {
        for (_, g, _) in Graphemes::new(s, opts.widths) {
            push_cluster(g, opts, out);
        }
    }
}

/// The normalised form of `s` (what a query is compared as).
pub fn normalize(s: &str, opts: SearchOptions) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, opts, &mut out);
    out
}

/// A query ready to match: normalised, control characters removed. `None`
/// when nothing is left to look for.
pub fn prepare_query(query: &str, opts: SearchOptions) -> Option<String> {
    let clean: String = query.chars().filter(|c| !c.is_control()).collect();
    let q = normalize(&clean, opts);
    (!q.is_empty()).then_some(q)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::search::contains;
    fn o() -> SearchOptions {
        SearchOptions::default()
    }

    fn kana() -> SearchOptions {
        SearchOptions {
            kana_insensitive: true,
            ..SearchOptions::default()
        }
    }

    #[test]
    fn fullwidth_latin_finds_ascii_and_back() {
        assert_eq!(normalize("ＡＢＣ", o()), "abc");
        assert!(contains("the abc of it", "ＡＢＣ", o()));
        assert!(contains("ＡＢＣ予算", "abc", o()));
        assert!(contains("NATO加盟", "nato", o()));
    }

    #[test]
    fn halfwidth_katakana_finds_fullwidth() {
        assert_eq!(normalize("ｶﾀｶﾅ", o()), "カタカナ");
        assert!(contains("カタカナで書く", "ｶﾀｶﾅ", o()));
        assert!(contains("ガス", "ｶﾞｽ", o()));
        assert!(contains("ｶﾞｽ管", "ガス", o()));
    }

    #[test]
    fn digits_of_either_width_match() {
        assert_eq!(normalize("０１２", o()), "012");
        assert!(contains("2025年３月", "３月", o()));
        assert!(contains("2025年３月", "3月", o()));
        assert!(contains("2025年3月", "３月", o()));
    }

    /// The definition, with no shortcut: NFKC of each grapheme cluster (full
    /// UAX #29), then lower case and, when asked, katakana to hiragana.
    fn reference(t: &str, opts: SearchOptions) -> String {
        use unicode_segmentation::UnicodeSegmentation;
        let mut out = String::new();
        for g in t.graphemes(true) {
            for c in g.nfkc().flat_map(char::to_lowercase) {
                let kata = opts.kana_insensitive && ('\u{30A1}'..='\u{30F6}').contains(&c);
                out.push(if kata {
                    char::from_u32(c as u32 - 0x60).unwrap_or(c)
                } else {
                    c
                });
            }
        }
        out
    }

    #[test]
    fn stable_characters_are_left_alone_by_nfkc_and_lower_case() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_stable(c))
        {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "U+{:04X}", c as u32);
            assert!(c.to_lowercase().eq([c]), "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            // Nor does it compose with what comes before it.
            let after = format!("か{c}");
            assert_eq!(
                after.nfkc().collect::<String>(),
                after,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc_cluster_by_cluster() {
        let samples = [
            "ゼレンスキー大統領は、ロシアの侵攻を「止める」と語った。",
            "か\u{3099}き\u{309A}",
            "全角\u{3000}空白と〶〸ゟヿ",
            "ＮＡＴＯと３年、Ⅻ章㌀",
            "ΣΑΣ İstanbul",
            "e\u{301}と（注）％？ｶﾞｽ",
            "\u{309A}頭に結合文字",
        ];
        for opts in [o(), kana()] {
            for t in samples {
                let want = reference(t, opts);
                assert_eq!(normalize(t, opts), want, "{t}");
                assert_eq!(normalize(&want, opts), want, "stable: {t}");
            }
        }
        assert_eq!(normalize("か\u{3099}", o()), "が");
        assert_eq!(normalize("\u{3000}", o()), " ");
    }

    pub(in crate::search) const PIECES: &[&str] = &[
        "ゼレンスキー",
        "大統領",
        "は",
        "、",
        "「",
        "」",
        "か\u{3099}",
        "\u{3099}",
        "\u{309A}",
        "\u{3000}",
        "〶",
        "ゟ",
        "ＮＡＴＯ",
        "３",
        "Ⅻ",
        "㌀",
        "ΣΑΣ",
        "İ",
        "e",
        "\u{301}",
        "（注）",
        "％",
        "？",
        "ｶﾞ",
        "ｽ",
        "abc",
        "ABC",
        " ",
        "カ",
        "ヴ",
        "ー",
        "😀",
        "🇯🇵",
        "﨑",
        "ﾊﾟ",
        "䷀",
        "㐀",
        "\u{4DBF}",
        "\u{4E00}",
        "\u{9FFF}",
        "\u{A000}",
        "\u{3400}",
        "\u{301}\u{301}",
        "\u{302A}",
        "\u{302A}\u{3099}",
    ];

    proptest::proptest! {
        #[test]
        fn normalising_agrees_with_nfkc_cluster_by_cluster(
            picks in proptest::collection::vec(0..PIECES.len(), 0..24),
            kana_insensitive in proptest::bool::ANY,
        ) {
            let t: String = picks.iter().map(|&i| PIECES[i]).collect();
            let opts = SearchOptions { kana_insensitive, ..o() };
            proptest::prop_assert_eq!(normalize(&t, opts), reference(&t, opts));
        }
    }

    #[test]
    fn kana_option_folds_katakana_to_hiragana() {
        assert!(!contains("ウクライナ", "うくらいな", o()));
        assert!(contains("ウクライナ", "うくらいな", kana()));
        assert!(contains("うくらいな", "ウクライナ", kana()));
        assert!(contains("ｳｸﾗｲﾅ", "うくらいな", kana()));
        assert_eq!(normalize("ヴァ", kana()), "ゔぁ");
        // ー and ・ are not kana letters: unchanged.
        assert_eq!(normalize("ー・", kana()), "ー・");
    }
}
