//! Where a line may break: the analysis of one hard line into grapheme
//! clusters, each marked with whether a line may start before it.
//!
//! The opportunities come from UAX #14. Lines made only of characters that
//! are clusters of their own (ASCII, kana, common kanji, CJK punctuation,
//! fullwidth forms: most Japanese text; ASCII quotes excepted, whose rules
//! changed after Unicode 15.0) take the fast path, the
//! `unicode-linebreak` tables plus the one rule they miss (LB30's exemption
//! of East Asian wide brackets: `GitHub（` may break before `（`); every
//! other line goes to ICU4X's `icu_segmenter`, which follows the current
//! rules and breaks Thai, Lao, Khmer and Burmese with its dictionaries. A
//! test holds the fast path to ICU4X's answers. Then the JLReq tailorings:
//! numbers with fullwidth separators (`１０：３０`, `１，２３４．５`) and units
//! with a slash (`120km/h`) stay whole; a line may break after `、` or a
//! closing bracket before a currency sign (`、$100`); kinsoku removes every
//! break that would start a line with `、。」ー`… or end one with `「（`…. In
//! exports, a URL and the closing punctuation after it stay together; with
//! phrases, BudouX boundaries are preferred and scored.

use std::ops::Range;
use std::sync::LazyLock;

use icu_properties::CodePointMapData;
use icu_properties::props::{EastAsianWidth, GeneralCategory, LineBreak};
use icu_segmenter::LineSegmenter;
use icu_segmenter::LineSegmenterBorrowed;
use icu_segmenter::options::LineBreakOptions;

use crate::text::kinsoku::{self, no_end, no_start};
use crate::text::phrase;
use crate::text::urls::url_ranges;
use crate::text::width::{Graphemes, WidthOptions, simple_width};

/// One grapheme cluster of a line and what may happen before it.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    pub start: usize,
    pub width: usize,
    /// The first and last characters of the cluster that are not spaces
    /// (`None` for a space), for the kinsoku checks.
    pub first: Option<char>,
    pub last: Option<char>,
    pub space: bool,
    /// A line may break before this cluster.
    pub allowed: bool,
    /// A preferred break (phrase boundary or after a space).
    pub preferred: bool,
    /// Kept on the line of a URL that must stay whole (exports): inside the
    /// URL (not its first cluster), or closing punctuation right after it.
    pub in_url: bool,
    /// A cluster of a URL kept whole, its first included: only these may
    /// overflow a line (the punctuation after it counts against the width).
    pub url: bool,
    /// BudouX's score for a phrase starting here (with phrases; higher is
    /// more phrase-like), `i64::MIN` where there is none.
    pub score: i64,
}

/// What the analysis needs to know besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Analysis {
    pub width: WidthOptions,
    pub keep_urls: bool,
    pub phrases: bool,
    /// The width of a full line: closing punctuation joins a kept URL only
    /// while it fits in it.
    pub line: usize,
}

/// The break engine behind the UAX #14 opportunities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    /// `unicode-linebreak` plus LB30's East Asian exemption.
    Fast,
    /// ICU4X's line segmenter with its dictionaries.
    Icu,
}

fn is_space_char(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

impl Cluster {
    fn new(start: usize, g: &str, width: usize) -> Self {
        let mut cs = g.chars();
        let space = matches!((cs.next(), cs.next()), (Some(c), None) if is_space_char(c));
        Cluster {
            start,
            width,
            first: g.chars().find(|&c| !is_space_char(c)),
            last: g.chars().rev().find(|&c| !is_space_char(c)),
            space,
            allowed: false,
            preferred: false,
            in_url: false,
            url: false,
            score: i64::MIN,
        }
    }
}

/// Clusters of a line made only of characters that are clusters of their
/// own (see [`simple_width`]): one pass over the characters, no UAX #29.
/// False (with `cs` partly filled) at the first other character.
fn simple_clusters(line: &str, cs: &mut Vec<Cluster>) -> bool {
    cs.reserve(line.len() / 2);
    for (start, c) in line.char_indices() {
        let Some(width) = simple_width(c) else {
            return false;
        };
        let space = is_space_char(c);
        let ns = (!space).then_some(c);
        cs.push(Cluster {
            start,
            width,
            first: ns,
            last: ns,
            space,
            allowed: false,
            preferred: false,
            in_url: false,
            url: false,
            score: i64::MIN,
        });
    }
    true
}

/// Analyse `line` into `cs` (reused), choosing the engine.
pub(crate) fn analyse(line: &str, a: &Analysis, cs: Vec<Cluster>) -> Vec<Cluster> {
    analyse_with(line, a, None, cs)
}

/// [`analyse`] with the engine forced (`None`: the fast one where it applies).
pub(crate) fn analyse_with(
    line: &str,
    a: &Analysis,
    engine: Option<Engine>,
    mut cs: Vec<Cluster>,
) -> Vec<Cluster> {
    cs.clear();
    let simple = simple_clusters(line, &mut cs);
    if !simple {
        cs.clear();
        cs.extend(Graphemes::new(line, a.width).map(|(s, g, w)| Cluster::new(s, g, w)));
    }
    // ASCII quotes follow rules that changed after `unicode-linebreak`'s
    // Unicode 15.0 (LB15a–d, LB19a): lines with them go to ICU4X.
    let fast = simple && !line.contains(['"', '\'']);
    let engine = engine.unwrap_or(if fast { Engine::Fast } else { Engine::Icu });
    uax14(line, engine, &mut cs);
    let urls = url_ranges(line);
    tailor(&mut cs, &urls);
    apply_kinsoku(&mut cs);
    if a.keep_urls {
        keep_urls(line, &urls, a.line, &mut cs);
    }
    if a.phrases {
        prefer_phrases(line, &mut cs);
    }
    cs
}

static SEGMENTER: LazyLock<LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));

/// Mark the opportunities of UAX #14 that fall on a cluster boundary.
fn uax14(line: &str, engine: Engine, cs: &mut [Cluster]) {
    let mut mark = |positions: &mut dyn Iterator<Item = usize>| {
        let mut k = 0;
        for pos in positions {
            while k < cs.len() && cs[k].start < pos {
                k += 1;
            }
            if k < cs.len() && cs[k].start == pos && k > 0 {
                cs[k].allowed = true;
            }
        }
    };
    match engine {
        Engine::Icu => mark(&mut SEGMENTER.segment_str(line)),
        Engine::Fast => {
            mark(&mut unicode_linebreak::linebreaks(line).map(|b| b.0));
            lb30_east_asian(cs);
        }
    }
}

fn line_break(c: char) -> LineBreak {
    CodePointMapData::<LineBreak>::new().get(c)
}

fn east_asian_bracket(c: char) -> bool {
    matches!(
        CodePointMapData::<EastAsianWidth>::new().get(c),
        EastAsianWidth::Fullwidth | EastAsianWidth::Wide | EastAsianWidth::Halfwidth
    )
}

/// LB30 keeps letters and digits with a bracket (`f(x)`) but not with an
/// East Asian one (`GitHub（ギットハブ）`); `unicode-linebreak` 0.1.5 misses
/// the exemption, ICU4X has it.
fn lb30_east_asian(cs: &mut [Cluster]) {
    let alnum = |c: char| {
        matches!(
            line_break(c),
            LineBreak::Alphabetic | LineBreak::HebrewLetter | LineBreak::Numeric
        )
    };
    for k in 1..cs.len() {
        if cs[k].allowed {
            continue;
        }
        let (Some(p), Some(n)) = (cs[k - 1].last, cs[k].first) else {
            continue;
        };
        // Only CJK and fullwidth brackets can be East Asian ones: most
        // boundaries need no property lookup.
        let cjk = |c: char| matches!(c, '\u{3008}'..='\u{301F}' | '\u{FF08}'..='\u{FF65}');
        let open = || line_break(n) == LineBreak::OpenPunctuation && east_asian_bracket(n);
        let close = || line_break(p) == LineBreak::CloseParenthesis && east_asian_bracket(p);
        if (cjk(n) && open() && alnum(p)) || (cjk(p) && close() && alnum(n)) {
            cs[k].allowed = true;
        }
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// Separators inside a number: `１，２３４．５`, `１０：３０`, `２０２５／３／４`.
fn is_number_separator(c: char) -> bool {
    matches!(c, '，' | '．' | '：' | '／' | ',' | '.' | ':')
}

/// Closing punctuation of Japanese text, after which a currency sign may
/// start a line (`、$100`, `）¥500`).
fn closes_cjk(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
            | '｝'
            | '〙'
            | '〗'
            | '〟'
            | '､'
            | '｡'
            | '｣'
    )
}

fn is_currency(c: char) -> bool {
    CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::CurrencySymbol
}

/// The character of cluster `k`, if it is one that is not a space.
fn char_at(cs: &[Cluster], k: usize) -> Option<char> {
    cs.get(k).and_then(|c| c.first)
}

/// The JLReq tailorings of the opportunities (before kinsoku).
fn tailor(cs: &mut [Cluster], urls: &[Range<usize>]) {
    for k in 1..cs.len() {
        let (Some(p), Some(n)) = (cs[k - 1].last, cs[k].first) else {
            continue;
        };
        if !cs[k].allowed {
            // A currency sign may start a line after Japanese punctuation,
            // which UAX #14's number rules glue to it (`２,５００、$1,200`).
            if closes_cjk(p) && is_currency(n) {
                cs[k].allowed = true;
            }
            continue;
        }
        let before = k.checked_sub(2).and_then(|j| char_at(cs, j));
        let after = char_at(cs, k + 1);
        // Numbers stay whole: `２０２５`, `１，２３４．５`, `１０：３０`.
        let number =
            (is_digit(p) && is_digit(n) && (is_fullwidth_digit(p) || is_fullwidth_digit(n)))
                || (is_digit(p) && is_number_separator(n) && after.is_some_and(is_digit))
                || (is_number_separator(p) && is_digit(n) && before.is_some_and(is_digit));
        // Units stay whole: `km/h`, `mg/dL`, `円/kWh` (not inside a URL,
        // which the reader breaks after its slashes).
        let unit = matches!(p, '/' | '／')
            && before.is_some()
            && (n.is_ascii_alphabetic() || matches!(n, 'µ' | 'μ'))
            && !urls.iter().any(|u| u.contains(&cs[k].start));
        if number || unit {
            cs[k].allowed = false;
        }
    }
}

/// Kinsoku. Spaces at a break are trimmed, so look past them.
fn apply_kinsoku(cs: &mut [Cluster]) {
    for k in 1..cs.len() {
        if !cs[k].allowed {
            continue;
        }
        let prev = cs[..k].iter().rev().find_map(|c| c.last);
        let next = cs[k..].iter().find_map(|c| c.first);
        if !kinsoku::allows(prev, next) {
            cs[k].allowed = false;
        }
    }
}

/// Exports keep URLs whole: a URL may start a line (unless an opening
/// bracket precedes it), never breaks inside, and the closing punctuation
/// right after it (`。`, `」`) stays on its line instead of starting the next.
fn keep_urls(line: &str, urls: &[Range<usize>], full: usize, cs: &mut [Cluster]) {
    for r in urls {
        if let Some(c) = cs.iter_mut().find(|c| c.start == r.start && c.start > 0)
            && !line[..r.start]
                .chars()
                .rev()
                .find(|&c| !is_space_char(c))
                .is_some_and(no_end)
        {
            c.allowed = true;
        }
        let mut tail = 0;
        for c in cs.iter_mut().filter(|c| c.start >= r.start) {
            if c.start == r.start {
                c.url = true;
            } else if c.start < r.end {
                c.url = true;
                c.allowed = false;
                c.in_url = true;
            } else if !c.space && c.first.is_some_and(no_start) && tail + c.width <= full {
                tail += c.width;
                c.allowed = false;
                c.in_url = true;
            } else {
                break;
            }
        }
    }
}

/// Phrase boundaries (and the ends of spaces) become preferred breaks;
/// every cluster gets BudouX's score.
fn prefer_phrases(line: &str, cs: &mut [Cluster]) {
    let scores = phrase::scores(line);
    let mut j = 0;
    for k in 1..cs.len() {
        while j < scores.len() && scores[j].0 < cs[k].start {
            j += 1;
        }
        let score = match scores.get(j) {
            Some(&(at, s)) if at == cs[k].start => s,
            _ => i64::MIN,
        };
        cs[k].score = score;
        cs[k].preferred = cs[k].allowed && (score > 0 || cs[k - 1].space);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The straightforward analysis the fast one must agree with: full
    /// UAX #29 clusters and ICU4X's break engine, then the same tailorings
    /// and kinsoku. `(start, width, space, allowed)` per cluster.
    fn reference(line: &str, o: WidthOptions) -> Vec<(usize, usize, bool, bool)> {
        let mut cs: Vec<Cluster> = line
            .grapheme_indices(true)
            .map(|(i, g)| Cluster::new(i, g, crate::text::width::grapheme_width(g, o)))
            .collect();
        uax14(line, Engine::Icu, &mut cs);
        tailor(&mut cs, &url_ranges(line));
        apply_kinsoku(&mut cs);
        cs.iter()
            .map(|c| (c.start, c.width, c.space, c.allowed))
            .collect()
    }

    fn fast(line: &str, o: WidthOptions) -> Vec<(usize, usize, bool, bool)> {
        let a = Analysis {
            width: o,
            ..Default::default()
        };
        analyse(line, &a, Vec::new())
            .iter()
            .map(|c| (c.start, c.width, c.space, c.allowed))
            .collect()
    }

    /// Pieces of text made only of characters the fast path takes.
    const SIMPLE: &[&str] = &[
        "日本",
        "語",
        "の",
        "は",
        "ゼレンスキー",
        "っ",
        "ゃ",
        "ァ",
        "ー",
        "、",
        "。",
        "「",
        "」",
        "（",
        "）",
        "［",
        "］",
        "『",
        "』",
        "【",
        "】",
        "〈",
        "・",
        "！",
        "？",
        "：",
        "，",
        "．",
        "々",
        "〜",
        "hello",
        "a",
        "Z",
        "GitHub",
        " ",
        "  ",
        "\u{3000}",
        "123",
        "1,234.5",
        "２０",
        "１，２３４．５",
        "１０：３０",
        "$",
        "＄",
        "￥",
        "％",
        "%",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "'",
        "-",
        "/",
        "km/h",
        "#",
        "&",
        "*",
        "@",
        "!",
        "?",
        ".",
        ",",
        ":",
        ";",
        "+",
        "=",
        "<",
        ">",
        "~",
        "_",
        "|",
        "\\",
        "^",
        "`",
        "ｶ",
        "｢",
        "｣",
        "､",
        "｡",
        "＠",
        "ｂ",
        "Ａ",
    ];

    /// Pieces that take the ICU4X path (or mix with the above).
    const OTHER: &[&str] = &[
        "…",
        "……",
        "——",
        "ｶﾞ",
        "か\u{3099}",
        "e\u{301}",
        "é",
        "α",
        "👨\u{200D}👩",
        "🇯🇵",
        "※",
        "①",
        "\u{200B}",
        "\u{00A0}",
        "한",
        "\u{600} ",
        "ภาษาไทย",
        "€",
        "£",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

        #[test]
        fn the_fast_path_agrees_with_icu4x(
            picks in proptest::collection::vec(0..SIMPLE.len(), 0..30),
            wide in any::<bool>(),
        ) {
            let line: String = picks.iter().map(|&i| SIMPLE[i]).collect();
            let o = WidthOptions { ambiguous_wide: wide };
            prop_assert_eq!(fast(&line, o), reference(&line, o), "{:?}", line);
        }

        #[test]
        fn mixed_lines_agree_with_the_reference(
            picks in proptest::collection::vec((any::<bool>(), 0..SIMPLE.len().max(OTHER.len())), 0..30),
            wide in any::<bool>(),
        ) {
            let line: String = picks
                .iter()
                .map(|&(other, i)| if other { OTHER[i % OTHER.len()] } else { SIMPLE[i % SIMPLE.len()] })
                .collect();
            let o = WidthOptions { ambiguous_wide: wide };
            prop_assert_eq!(fast(&line, o), reference(&line, o), "{:?}", line);
        }
    }

    fn breaks(line: &str) -> String {
        let cs = analyse(line, &Analysis::default(), Vec::new());
        let mut out = String::new();
        for (k, c) in cs.iter().enumerate() {
            if c.allowed {
                out.push('|');
            }
            let end = cs.get(k + 1).map_or(line.len(), |n| n.start);
            out.push_str(&line[c.start..end]);
        }
        out
    }

    #[test]
    fn east_asian_brackets_may_follow_latin() {
        assert_eq!(breaks("abc（あい"), "abc|（あ|い");
        assert_eq!(breaks("f(x)"), "f(x)");
    }

    #[test]
    fn jlreq_tailorings() {
        assert_eq!(breaks("は１０：３０に"), "は|１０：３０|に");
        assert_eq!(breaks("は２０２５年"), "は|２０２５|年");
        assert_eq!(breaks("約１，２３４．５億"), "約|１，２３４．５|億");
        assert_eq!(breaks("は120km/hと"), "は|120km/h|と");
        assert_eq!(breaks("う、$100で"), "う、|$100|で");
        assert_eq!(breaks("500、$1"), "500、|$1");
        assert_eq!(breaks("（注）¥5"), "（注）|¥5");
        // The reader may still break a URL after its slashes.
        assert_eq!(breaks("https://a.jp/b/c"), "https://|a.jp/|b/|c");
    }

    #[test]
    fn thai_breaks_between_words() {
        let line = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรค";
        let got: Vec<usize> = analyse(line, &Analysis::default(), Vec::new())
            .iter()
            .filter(|c| c.allowed)
            .map(|c| c.start)
            .collect();
        let words: Vec<&str> = std::iter::once(0)
            .chain(got.iter().copied())
            .zip(got.iter().copied().chain(std::iter::once(line.len())))
            .map(|(a, b)| &line[a..b])
            .collect();
        assert_eq!(
            words,
            [
                "ภาษา",
                "ไทย",
                "เป็น",
                "ภาษา",
                "ที่",
                "ไม่มี",
                "การ",
                "เว้น",
                "วรรค"
            ]
        );
    }
}
