//! Japanese typography beyond line breaking: furigana (ruby) laid out,
//! exported and searched, and vertical writing (縦書き), string in, string
//! out, with property tests of the vertical layout.

use proptest::prelude::*;
use yomu::briefing::parse_str;
use yomu::export::{TextOptions, write_markdown, write_text};
use yomu::layout::{self, LayoutOptions, RubyMode, Target};
use yomu::search::{SearchOptions, find_in_page};

fn briefing(body: &str) -> yomu::briefing::Briefing {
    let src = format!(
        "title = \"t\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"h\"\nbody = [\"{body}\"]\n"
    );
    parse_str("t.toml", &src).expect("valid").briefing
}

/// The body lines of page 1 (after the `1/1` and heading lines and the blank).
fn body_lines(body: &str, width: usize, ruby: RubyMode) -> Vec<String> {
    let b = briefing(body);
    let opts = LayoutOptions {
        target: Target::Terminal,
        ruby,
        ..LayoutOptions::new(width)
    };
    let page = layout::layout_page(&b, 1, opts);
    page.lines[3..]
        .iter()
        .map(|l| l.text().trim_end().to_string())
        .collect()
}

#[test]
fn furigana_above_their_base_centred() {
    assert_eq!(
        body_lines("この漢字《かんじ》を読《よ》む。", 40, RubyMode::Above),
        ["    かんじ  よ", "この漢  字を読む。"]
    );
    // A reading narrower than its base is centred over it.
    assert_eq!(
        body_lines("｜東京都《とと》です", 40, RubyMode::Above),
        [" とと", "東京都です"]
    );
    // Only lines with ruby get a line of readings.
    assert_eq!(
        body_lines("あいうえおかきくけこ日本《にほん》", 12, RubyMode::Above),
        ["あいうえおか", "きくけこ", "にほん", "日  本"]
    );
}

#[test]
fn a_line_never_breaks_inside_a_base() {
    // Without ruby, 大統領 would break after 大.
    assert_eq!(
        body_lines("あいう大統領《だいとうりょう》", 16, RubyMode::Above),
        ["あいう", "だいとうりょう", "大    統    領"]
    );
    assert_eq!(
        body_lines("あいう大統領《だいとうりょう》", 10, RubyMode::Off),
        ["あいう", "大統領"]
    );
    assert_eq!(
        body_lines("あいうえ大統領《だい》", 16, RubyMode::Inline),
        ["あいうえ", "大統領（だい）"]
    );
}

#[test]
fn text_that_is_not_ruby_stays_as_written() {
    for mode in [RubyMode::Above, RubyMode::Inline, RubyMode::Off] {
        assert_eq!(
            body_lines("本《書名》と《》と｜なし", 40, mode),
            ["本《書名》と《》と｜なし"]
        );
    }
}

fn export_text(body: &str) -> String {
    let b = briefing(body);
    let mut out = Vec::new();
    let opts = TextOptions {
        layout: LayoutOptions::new(40),
        hyperlinks: false,
    };
    write_text(&b, opts, &mut out).expect("write");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn exports_write_readings_their_way() {
    let text = export_text("｜東京《とうきょう》の空《そら》");
    assert!(
        text.contains("\n東京（とうきょう）の空（そら）\n"),
        "{text}"
    );
    let b = briefing("｜東京《とうきょう》の空《そら》、《書名》");
    let mut md = Vec::new();
    write_markdown(&b, &mut md).expect("write");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(
        md.contains(
            "\n<ruby>東京<rt>とうきょう</rt></ruby>の<ruby>空<rt>そら</rt></ruby>、《書名》\n"
        ),
        "{md}"
    );
    let mut json = Vec::new();
    yomu::export::write_json(&b, &mut json).expect("write");
    let json = String::from_utf8(json).expect("utf-8");
    assert!(json.contains("｜東京《とうきょう》の空《そら》"), "{json}");
}

#[test]
fn search_finds_the_base_and_the_reading() {
    let b = briefing("この漢字《かんじ》を読む");
    let opts = LayoutOptions {
        target: Target::Terminal,
        ruby: RubyMode::Above,
        ..LayoutOptions::new(40)
    };
    let page = layout::layout_page(&b, 1, opts);
    let so = SearchOptions::default();
    // The base, though spaced out under its reading, is one match.
    let hits = find_in_page(&page.lines, "漢字を", so);
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0][0].col, hits[0][0].width), (4, 8), "{:?}", hits[0]);
    // The reading is found on its own line, above.
    let hits = find_in_page(&page.lines, "かんじ", so);
    assert_eq!(hits.len(), 1);
    let p = hits[0][0];
    assert!(page.lines[p.line].is_ruby());
    assert_eq!((p.col, p.width), (4, 6));
    // `yomu search` reads the field with its readings inline.
    let q = yomu::search::prepare_query("漢字（かんじ）を", so).expect("query");
    assert_eq!(yomu::search::search_briefing(&b, &q, so).len(), 1);
    let q = yomu::search::prepare_query("かんじ", so).expect("query");
    assert_eq!(yomu::search::search_briefing(&b, &q, so).len(), 1);
}

proptest! {
    /// Whatever the notation and the width, lines fit, the text comes
    /// back, and readings sit over their bases.
    #[test]
    fn ruby_layout_keeps_the_text(
        parts in proptest::collection::vec(0usize..8, 0..20),
        width in 1usize..40,
    ) {
        const P: &[&str] = &["漢字《かんじ》", "｜東京《とうきょう》", "を", "読む", "《書名》", "｜", "、", "大統領《だいとうりょう》"];
        let body: String = parts.iter().map(|&i| P[i]).collect();
        let b = briefing(&body);
        let opts = LayoutOptions { target: Target::Terminal, ruby: RubyMode::Above, ..LayoutOptions::new(width) };
        let page = layout::layout_page(&b, 1, opts);
        let mut text = String::new();
        let mut readings = String::new();
        for l in &page.lines[3..] {
            prop_assert!(l.width <= width.max(2) || width < 2, "{:?}", l);
            if l.is_ruby() {
                readings.extend(l.content().map(|s| s.text.as_str()));
            } else {
                text.extend(l.content().map(|s| s.text.as_str()));
            }
        }
        let want: String = yomu::text::ruby::plain(&body).chars().filter(|c| !c.is_whitespace()).collect();
        let got: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if width >= 2 {
            prop_assert_eq!(got, want);
            let all: String = yomu::text::ruby::parse(&body).iter().map(|r| &body[r.reading.clone()]).collect();
            if width >= 40 {
                prop_assert_eq!(readings, all);
            }
        }
    }
}
