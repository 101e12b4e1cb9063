//! The JLReq audit, row by row: each case is laid out as a
//! user sees it (the text export's body, key points and titles) at the
//! width of the audit and at the widths either side, and compared line by
//! line. Inputs are the audit's strings, or sentences of our own that make
//! the old engine split at the width given.

use yomu::briefing::{Briefing, Section};
use yomu::layout::{self, LayoutOptions, Role, Target};
use yomu::text::width::WidthOptions;

enum Field {
    Body,
    KeyPoint,
    Title,
}

fn briefing(field: &Field, text: &str) -> Briefing {
    let mut s = Section::new("h");
    let mut title = "t".to_string();
    match field {
        Field::Body => s.body.push(text.into()),
        Field::KeyPoint => s.key_points.push(text.into()),
        Field::Title => title = text.into(),
    }
    Briefing {
        title,
        subtitle: None,
        summary: None,
        published: None,
        language: None,
        tags: vec![],
        takeaways: vec![],
        sections: vec![s],
    }
}

/// The lines of `field` in the text export at `width` (markers and
/// indentation included, as printed).
fn export(field: Field, text: &str, width: usize, wide: bool) -> Vec<String> {
    let b = briefing(&field, text);
    let opts = LayoutOptions {
        width,
        widths: WidthOptions {
            ambiguous_wide: wide,
        },
        target: Target::Export,
        hanging: false,
        ..LayoutOptions::new(width)
    };
    let (page, role) = match field {
        Field::Body => (1, Role::Body),
        Field::KeyPoint => (1, Role::KeyPoint),
        Field::Title => (0, Role::Title),
    };
    layout::layout_page(&b, page, opts)
        .lines
        .iter()
        .filter(|l| l.spans.iter().any(|s| s.role == role))
        .map(|l| l.text())
        .collect()
}

fn body(text: &str, width: usize) -> Vec<String> {
    export(Field::Body, text, width, false)
}

#[track_caller]
fn check(field: fn(&str, usize) -> Vec<String>, text: &str, cases: &[(usize, &[&str])]) {
    for (width, want) in cases {
        assert_eq!(field(text, *width), *want, "{text:?} at width {width}");
    }
}

/// Row 1: LB30 exempts East Asian brackets, so `GitHub` may end a line
/// before `（`. The old engine (`unicode-linebreak` 0.1.5) lost the
/// exemption; ICU4X has it, and the fast path now adds it.
#[test]
fn row1_latin_before_a_fullwidth_bracket() {
    check(
        body,
        "今日の話題はGitHub（ギットハブ）の新機能です。",
        &[
            // `今日の話題はGitHub` is 18 cells: at 17 it cannot end line 1.
            (
                17,
                &["今日の話題は", "GitHub（ギットハ", "ブ）の新機能で", "す。"],
            ),
            (
                18,
                &["今日の話題はGitHub", "（ギットハブ）の新", "機能です。"],
            ),
            (
                19,
                &["今日の話題はGitHub", "（ギットハブ）の新", "機能です。"],
            ),
        ],
    );
    check(
        body,
        "abc（あいう",
        &[
            (4, &["abc", "（あ", "いう"]),
            (5, &["abc", "（あ", "いう"]),
            (6, &["abc", "（あい", "う"]),
        ],
    );
}

/// Row 2: a line may break after `、` before a currency sign.
#[test]
fn row2_currency_after_a_comma() {
    check(
        body,
        "価格は¥1,000から￥2,500、$1,200.50まで幅がある。",
        &[
            (
                16,
                &[
                    "価格は¥1,000から",
                    "￥2,500、",
                    "$1,200.50まで幅",
                    "がある。",
                ],
            ),
            (
                17,
                &[
                    "価格は¥1,000から",
                    "￥2,500、",
                    "$1,200.50まで幅が",
                    "ある。",
                ],
            ),
            (
                18,
                &["価格は¥1,000から", "￥2,500、$1,200.50", "まで幅がある。"],
            ),
        ],
    );
    check(
        body,
        "あいう、$100です",
        &[
            (7, &["あい", "う、", "$100で", "す"]),
            (8, &["あいう、", "$100です"]),
            (9, &["あいう、", "$100です"]),
        ],
    );
}

/// Rows 3 and 4: a run with no legal break that is wider than the line
/// fills the line first and is cut where kinsoku holds (`.` and `、` never
/// start a line), instead of being pushed down whole.
#[test]
fn rows3_and_4_emergency_cuts() {
    check(
        body,
        "ASCII characters. The rest",
        &[
            (9, &["ASCII cha", "racters.", "The rest"]),
            (10, &["ASCII char", "acters.", "The rest"]),
            // `characters.` fits a line of its own: it moves down whole.
            (11, &["ASCII", "characters.", "The rest"]),
        ],
    );
    let key_point = |t: &str, w: usize| export(Field::KeyPoint, t, w, false);
    check(
        key_point,
        "1,234.5億円",
        &[
            (7, &["✅ 1,23", "   4.5", "   億円"]),
            (8, &["✅ 1,23", "   4.5億", "   円"]),
            (9, &["✅ 1,234.", "   5億円"]),
        ],
    );
    let guide = "必須なのは、トップレベルの title と、各セクションの heading、各出典の name と url だけです。";
    let around = |w: usize| -> Vec<String> {
        let lines = key_point(guide, w);
        let i = lines.iter().position(|l| l.contains("ション")).unwrap_or(0);
        lines[i..i + 3].to_vec()
    };
    // `heading、` (9 cells) fits no line of 6, 7 or 8 cells: `の` no longer
    // stands alone before it.
    assert_eq!(around(9), ["   ション", "   の hea", "   ding、"]);
    assert_eq!(around(10), ["   ション", "   の head", "   ing、各"]);
    assert_eq!(around(11), ["   クション", "   の headi", "   ng、各出"]);
}

/// Row 5: `。` does not start the line after a URL kept whole.
#[test]
fn row5_full_stop_after_a_url() {
    let want: &[&str] = &["URLの直後に句点", "https://example.com/a。", "その後に文。"];
    check(
        body,
        "URLの直後に句点https://example.com/a。その後に文。",
        &[(19, want), (20, want), (21, want)],
    );
}

/// What stays on a URL's line after it still fits beside the rest of that
/// line: only the URL itself may overflow (found by the layout property test).
#[test]
fn closing_text_after_an_overflowing_url_still_fits() {
    let url = "https://jp.reuters.com/world/ukraine/6IAVYGDXMBLGLDJOP7VZZRHEXM-2025-03-04/";
    let text = format!("「{url}っ");
    let whole = format!("「{url}");
    check(
        body,
        &text,
        &[(3, &[whole.as_str(), "っ"]), (4, &[text.as_str()])],
    );
}

/// Row 6: numbers with fullwidth separators stay whole.
#[test]
fn row6_fullwidth_numbers() {
    let want: &[&str] = &[
        "政府の臨時閣議は、明後日の午前",
        "１０：３０から首相官邸で開かれる。",
    ];
    check(
        body,
        "政府の臨時閣議は、明後日の午前１０：３０から首相官邸で開かれる。",
        &[(36, want), (37, want), (38, want)],
    );
    let moved: &[&str] = &[
        "政府の発表では、被害総",
        "額は推計で",
        "１，２３４．５億円に達",
        "した。",
    ];
    check(
        body,
        "政府の発表では、被害総額は推計で１，２３４．５億円に達した。",
        &[
            (22, moved),
            (23, moved),
            (
                24,
                &[
                    "政府の発表では、被害総額",
                    "は推計で１，２３４．５億",
                    "円に達した。",
                ],
            ),
        ],
    );
}

/// Row 7: units with a slash stay whole.
#[test]
fn row7_units_with_a_slash() {
    let moved: &[&str] = &["台風の中心の最大風速は、観測では", "120km/hと推定される。"];
    check(
        body,
        "台風の中心の最大風速は、観測では120km/hと推定される。",
        &[
            (37, moved),
            (38, moved),
            (
                39,
                &["台風の中心の最大風速は、観測では120km/h", "と推定される。"],
            ),
        ],
    );
}

/// Row 8: with `--ambiguous-width 2`, Greek letters are two cells.
#[test]
fn row8_ambiguous_letters_are_wide() {
    let wide = |t: &str, w: usize| export(Field::Body, t, w, true);
    check(
        wide,
        "αααααααααα",
        &[
            (5, &["αα", "αα", "αα", "αα", "αα"]),
            (6, &["ααα", "ααα", "ααα", "α"]),
            (7, &["ααα", "ααα", "ααα", "α"]),
        ],
    );
}

/// Row 9: headlines break between BudouX 0.10.1 phrases; a phrase wider
/// than the line breaks where UAX #14 allows and BudouX scores highest.
#[test]
fn row9_headlines() {
    let title = |t: &str, w: usize| export(Field::Title, t, w, false);
    check(
        title,
        "ゼレンスキー大統領の和平への道?米ロ停戦交渉と各国の思惑(2025年)",
        &[
            (
                23,
                &[
                    "ゼレンスキー大統領の",
                    "和平への道?",
                    "米ロ停戦交渉と各国の",
                    "思惑(2025年)",
                ],
            ),
            (
                24,
                &[
                    "ゼレンスキー大統領の",
                    "和平への道?",
                    "米ロ停戦交渉と各国の思惑",
                    "(2025年)",
                ],
            ),
            (
                25,
                &[
                    "ゼレンスキー大統領の",
                    "和平への道?米ロ停戦交渉と",
                    "各国の思惑(2025年)",
                ],
            ),
        ],
    );
    let want: &[&str] = &["yomuの", "使い方"];
    check(title, "yomuの使い方", &[(9, want), (10, want), (11, want)]);
    let want: &[&str] = &["ゼレンスキー", "大統領と", "米ロ停戦交渉の", "舞台裏"];
    check(
        title,
        "ゼレンスキー大統領と米ロ停戦交渉の舞台裏",
        &[(15, want), (16, want), (17, want)],
    );
}

/// Row 10: Thai breaks between words (ICU4X's dictionary).
#[test]
fn row10_thai() {
    let want: &[&str] = &["ภาษาไทยเป็นภาษาที่ไม่มี", "การเว้นวรรค"];
    check(
        body,
        "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรค",
        &[
            (19, want),
            (20, want),
            (21, &["ภาษาไทยเป็นภาษาที่ไม่มีการ", "เว้นวรรค"]),
        ],
    );
}

/// Burasage: in the reader with hanging punctuation on, `。` hangs past a
/// full line; exports never hang.
#[test]
fn hanging_punctuation_in_the_reader_only() {
    let text = "彼は駅に着いた。そして電車に乗った。";
    let b = briefing(&Field::Body, text);
    let lines = |target: Target, hanging: bool| -> Vec<String> {
        let opts = LayoutOptions {
            width: 14,
            widths: WidthOptions::default(),
            target,
            hanging,
            ..LayoutOptions::new(14)
        };
        layout::layout_page(&b, 1, opts)
            .lines
            .iter()
            .filter(|l| l.spans.iter().any(|s| s.role == Role::Body))
            .map(|l| l.text())
            .collect()
    };
    assert_eq!(
        lines(Target::Terminal, true),
        ["彼は駅に着いた。", "そして電車に", "乗った。"]
    );
    assert_eq!(
        lines(Target::Terminal, false),
        ["彼は駅に着い", "た。そして電車", "に乗った。"]
    );
    assert_eq!(lines(Target::Export, true), lines(Target::Terminal, false));
}
