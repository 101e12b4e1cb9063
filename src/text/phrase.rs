//! Phrase boundaries for Japanese headlines, from BudouX.
//!
//! BudouX (the model behind Chrome's `word-break: auto-phrase`) splits a
//! Japanese sentence into phrases (文節) so that a headline can break between
//! words instead of inside one. The current Japanese model is embedded
//! (`src/text/budoux/`, Apache-2.0, version in [`MODEL_VERSION`]) and scored
//! here: the score of the boundary before a character is the sum of the
//! weights of the characters, pairs and triples around it, less half the sum
//! of all weights; a phrase starts where it is positive. The scores are kept,
//! so a phrase wider than the line can still break at its most phrase-like
//! legal point. Text without Japanese has no phrases: Latin words already
//! break at spaces.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The BudouX release the embedded model comes from.
pub const MODEL_VERSION: &str = "0.10.1";

const MODEL_JSON: &str = include_str!("budoux/ja.json");

/// The model's weights by feature. Scores are doubled so that the base
/// (minus half the total) stays an integer.
#[derive(Default)]
struct Model {
    /// `UW1`–`UW6`: the characters at offsets -3..=2 from the boundary.
    unigram: [HashMap<char, i64>; 6],
    /// `BW1`–`BW3`: the pairs at offsets -2, -1, 0.
    bigram: [HashMap<[char; 2], i64>; 3],
    /// `TW1`–`TW4`: the triples at offsets -3, -2, -1, 0.
    trigram: [HashMap<[char; 3], i64>; 4],
    /// Minus the sum of all weights (the doubled base score).
    base: i64,
}

fn load(json: &str) -> Model {
    let mut m = Model::default();
    // The file is compiled in and checked by the tests; an unreadable model
    // would only mean no phrase boundaries, never a failure.
    let raw: HashMap<String, HashMap<String, i64>> = serde_json::from_str(json).unwrap_or_default();
    for (group, weights) in raw {
        for (key, w) in weights {
            m.base -= w;
            let cs: Vec<char> = key.chars().collect();
            let i = group
                .get(2..)
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| n.checked_sub(1));
            match (group.get(..2), i, cs.as_slice()) {
                (Some("UW"), Some(i), &[a]) if i < 6 => {
                    m.unigram[i].insert(a, 2 * w);
                }
                (Some("BW"), Some(i), &[a, b]) if i < 3 => {
                    m.bigram[i].insert([a, b], 2 * w);
                }
                (Some("TW"), Some(i), &[a, b, c]) if i < 4 => {
                    m.trigram[i].insert([a, b, c], 2 * w);
                }
                _ => {}
            }
        }
    }
    m
}

static MODEL: LazyLock<Model> = LazyLock::new(|| load(MODEL_JSON));

impl Model {
    /// The (doubled) score of the boundary before `cs[i]`, `0 < i < len`.
    fn score(&self, cs: &[char], i: usize) -> i64 {
        let n = cs.len();
        let at = |k: isize| -> Option<char> {
            let j = i as isize + k;
            (j >= 0 && (j as usize) < n).then(|| cs[j as usize])
        };
        let mut s = self.base;
        for (k, table) in (-3..=2).zip(&self.unigram) {
            if let Some(c) = at(k) {
                s += table.get(&c).copied().unwrap_or(0);
            }
        }
        for (k, table) in (-2..=0).zip(&self.bigram) {
            if let (Some(a), Some(b)) = (at(k), at(k + 1)) {
                s += table.get(&[a, b]).copied().unwrap_or(0);
            }
        }
        for (k, table) in (-3..=0).zip(&self.trigram) {
            if let (Some(a), Some(b), Some(c)) = (at(k), at(k + 1), at(k + 2)) {
                s += table.get(&[a, b, c]).copied().unwrap_or(0);
            }
        }
        s
    }
}

fn has_japanese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF66}'..='\u{FF9F}')
    })
}

/// `(byte offset, score)` of every boundary between two characters of `s`;
/// a phrase starts where the score is positive. Empty for text without
/// Japanese.
pub fn scores(s: &str) -> Vec<(usize, i64)> {
    if !has_japanese(s) {
        return Vec::new();
    }
    let model = &*MODEL;
    let (offsets, cs): (Vec<usize>, Vec<char>) = s.char_indices().unzip();
    (1..cs.len())
        .map(|i| (offsets[i], model.score(&cs, i)))
        .collect()
}

/// Split `s` into phrases; their concatenation is `s`.
pub fn phrases(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, score) in scores(s) {
        if score > 0 {
            out.push(&s[from..at]);
            from = at;
        }
    }
    out.push(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected phrases from BudouX 0.10.1's own (Python) parser.
    #[test]
    fn agrees_with_the_reference_parser() {
        let cases: &[&[&str]] = &[
            &[
                "ゼレンスキー大統領の",
                "和平への",
                "道?",
                "米ロ停戦交渉と",
                "各国の",
                "思惑",
                "(202",
                "5年)",
            ],
            &["yomuの", "使い方"],
            &["ゼレンスキー大統領と", "米ロ停戦交渉の", "舞台裏"],
            &[
                "今日の",
                "話題は",
                "GitHub",
                "（ギットハブ）の",
                "新機能です。",
            ],
            &[
                "本章では、",
                "ゼレンスキー大統領の",
                "和平への",
                "模索と、",
                "変化する",
                "姿勢に",
                "ついて",
                "詳しく",
                "見ていきましょう。",
            ],
            &[
                "端末で",
                "ブリーフィングを",
                "読む",
                "📰\u{3000}キー操作・パイプ・検証・書式の",
                "まとめ",
            ],
            &[
                "必須なのは、",
                "トップレベルの",
                " title と、",
                "各セクションの",
                " heading、",
                "各出典の",
                " name と",
                " url だけです。",
            ],
            &["キーボードで", "読む"],
        ];
        for want in cases {
            assert_eq!(phrases(&want.concat()), *want);
        }
    }

    #[test]
    fn the_model_is_whole() {
        let m = &*MODEL;
        let sizes: Vec<usize> = m.unigram.iter().map(HashMap::len).collect();
        assert_eq!(sizes, [143, 227, 296, 351, 187, 148]);
        assert_eq!(
            m.bigram.iter().map(HashMap::len).sum::<usize>(),
            366 + 276 + 299
        );
        assert_eq!(
            m.trigram.iter().map(HashMap::len).sum::<usize>(),
            193 + 87 + 96 + 181
        );
    }

    #[test]
    fn latin_is_whole() {
        assert_eq!(phrases("hello world"), ["hello world"]);
        assert!(scores("hello world").is_empty());
        assert_eq!(phrases(""), [""]);
    }
}
