//! Japanese typography beyond line breaking: furigana (ruby) laid out,
//! exported and searched, and vertical writing (縦書き), string in, string
//! out, with property tests of the vertical layout.

use proptest::prelude::*;
use yomu::export::{TextOptions, write_markdown, write_text};
use yomu::layout::{self, LayoutOptions, RubyMode, Target};
use yomu::search::{SearchOptions, find_in_page};

use crate::common::{body_lines, briefing, screen};

#[test]
fn furigana_above_their_base_centred() {
    assert_eq!(
        body_lines("この漢字《かんじ》を読《よ》む。", 40, RubyMode::Above),
        ["   かんじ よ", "この漢字を読む。"]
    );
    // Spaced out only where the reading cannot overhang kana (a kanji after it).
    assert_eq!(
        body_lines("この漢字《かんじ》語", 40, RubyMode::Above),
        ["    かんじ", "この漢  字語"]
    );
    // A reading narrower than its base is centred over it.
    assert_eq!(
        body_lines("｜東京都《とと》です", 40, RubyMode::Above),
        [" とと", "東京都です"]
    );
    // On a page with readings every line of text keeps a row for them, so
    // lines are evenly spaced.
    assert_eq!(
        body_lines("あいうえおかきくけこ日本《にほん》", 12, RubyMode::Above),
        ["", "あいうえおか", "", "きくけこ", "にほん", "日  本"]
    );
}

#[test]
fn a_line_never_breaks_inside_a_base() {
    // Without ruby, 大統領 would break after 大.
    assert_eq!(
        body_lines("あいう大統領《だいとうりょう》", 16, RubyMode::Above),
        // Every line keeps a row for readings (the first one's is empty).
        ["", "あいう", "だいとうりょう", "大    統    領"]
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
        color: false,
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
    // The reading overhangs の and を, so the base keeps its width.
    let hits = find_in_page(&page.lines, "漢字を", so);
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0][0].col, hits[0][0].width), (4, 6), "{:?}", hits[0]);
    // The reading is found on its own line, above.
    let hits = find_in_page(&page.lines, "かんじ", so);
    assert_eq!(hits.len(), 1);
    let p = hits[0][0];
    assert!(page.lines[p.line].is_ruby());
    assert_eq!((p.col, p.width), (3, 6));
    // The base, when spaced out under its reading (a kanji after it), is one match.
    let spaced = briefing("この漢字《かんじ》語");
    let page = layout::layout_page(&spaced, 1, opts);
    let hits = find_in_page(&page.lines, "漢字語", so);
    assert_eq!((hits[0][0].col, hits[0][0].width), (4, 8), "{:?}", hits[0]);
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

// ---- vertical writing ----------------------------------------------------------------------

use yomu::text::wrap::{no_end, no_start};
use yomu::vertical;

const ATOMS: &[&str] = &[
    "日本",
    "語",
    "大統領",
    "の",
    "は",
    "ゼレンスキー",
    "っ",
    "ゃ",
    "ァ",
    "ー",
    "、",
    "。",
    "，",
    "「",
    "」",
    "『",
    "』",
    "（",
    "）",
    "・",
    "！",
    "？",
    "…",
    "……",
    "——",
    "―",
    "々",
    "hello",
    "supercalifragilisticexpialidocious",
    "a",
    " ",
    "  ",
    "\u{3000}",
    "1",
    "12",
    "123",
    "2025",
    "２０２５",
    "G7",
    "(",
    ")",
    "[",
    "👨‍👩‍👧",
    "🇯🇵",
    "👍🏽",
    "e\u{301}",
    "ｶﾞ",
    "ｱ",
    "｢",
    "\u{1b}[31m",
    "\u{202e}",
    "\t",
    "\n",
    ".",
    ",",
    "https://example.com/a/b",
    "漢字《かんじ》",
    "※",
    "①",
];

fn first_char(c: &vertical::Column) -> Option<char> {
    c.cells
        .first()
        .and_then(|x| x.source.chars().find(|c| !c.is_whitespace()))
}

fn last_char(c: &vertical::Column) -> Option<char> {
    c.cells
        .last()
        .and_then(|x| x.source.chars().rev().find(|c| !c.is_whitespace()))
}

proptest! {
    /// Columns read back in order give the text, with nothing lost or
    /// repeated; no column is taller than the page; every cell fits its
    /// cell pair; kinsoku holds at every break that was not forced.
    #[test]
    fn vertical_columns_read_back_the_text(
        picks in proptest::collection::vec(0..ATOMS.len(), 0..60),
        height in 1usize..30,
        wide in any::<bool>(),
    ) {
        let text: String = picks.iter().map(|&i| ATOMS[i]).collect();
        let widths = yomu::text::WidthOptions { ambiguous_wide: wide };
        let b = yomu::briefing::Briefing {
            title: "t".into(),
            subtitle: None,
            summary: None,
            published: None,
            language: None,
            tags: Vec::new(),
            takeaways: Vec::new(),
            sections: vec![yomu::briefing::Section {
                heading: text.clone(),
                id: None,
                question: Some(text.clone()),
                answer: None,
                lead: None,
                published: None,
                key_points: vec![text.clone()],
                body: vec![text.clone()],
                commentary: Vec::new(),
                sources: vec![yomu::briefing::Source { name: text.clone(), url: "https://example.com/x".into() }],
            }],
        };
        let lo = vertical::source_options(widths, RubyMode::Above, Target::Terminal);
        let page = layout::layout_page_joined(&b, 1, lo);
        let vp = vertical::layout_page(&page, height, widths);
        for c in &vp.columns {
            prop_assert!(c.height() <= height, "{} rows: {:?}", c.height(), c);
            for cell in &c.cells {
                prop_assert!(cell.width <= 2 && !cell.text.contains('\u{1b}'), "{:?}", cell);
            }
        }
        for (i, line) in page.lines.iter().enumerate() {
            let cols: Vec<&vertical::Column> = vp.columns.iter().filter(|c| c.line == i).collect();
            prop_assert!(!cols.is_empty(), "line {} has no column", i);
            let want: String = line.text().chars().filter(|c| !c.is_whitespace() && *c != '\u{2060}').collect();
            let got: String = cols
                .iter()
                .flat_map(|c| c.cells.iter())
                .flat_map(|x| x.source.chars())
                .filter(|c| !c.is_whitespace())
                .collect();
            prop_assert_eq!(got, want);
            for w in cols.windows(2) {
                if w[1].forced {
                    continue;
                }
                prop_assert!(!first_char(w[1]).is_some_and(no_start), "starts with {:?}", first_char(w[1]));
                prop_assert!(!last_char(w[0]).is_some_and(no_end), "ends with {:?}", last_char(w[0]));
            }
        }
    }
}

#[test]
fn a_vertical_page_of_a_briefing() {
    // Right to left: the page number (its slash turned), the heading, a
    // blank column, then the body; `、` stays at the end of its column, 2025
    // stands digit by digit.
    let b = briefing("「和平」へ、2025年3月に交渉。");
    let lo = vertical::source_options(Default::default(), RubyMode::Above, Target::Terminal);
    let vp = vertical::layout_page(&layout::layout_page(&b, 1, lo), 6, Default::default());
    assert_eq!(
        vertical::rows(&vp.columns, 6, 20),
        [
            "   月 ２ ﹁    h  １",
            "   に ０ 和       ＼",
            "   交 ２ 平       １",
            "   渉 ５ ﹂",
            "   ︒ 年 へ",
            "      ３ ︑",
        ]
    );
}

// ---- the reader ----------------------------------------------------------------------------

use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

const READER_SRC: &str = "title = \"縦書《たてが》きの試し\"\nlanguage = \"ja\"\n\
    [[sections]]\nheading = \"和平への道\"\n\
    body = [\"「停戦」は近いのか、2025年3月の交渉《こうしょう》で各国の思惑が見えてきた。\"]\n\
    [[sections.sources]]\nname = \"ロイター\"\nurl = \"https://example.com/a\"\n\
    [[sections]]\nheading = \"次の章\"\nbody = [\"二つ目。\"]\n";

fn reader_app(w: u16, h: u16) -> App {
    let lib = yomu::library::from_sources(&[("t.toml", READER_SRC)]);
    App::new(
        lib,
        true,
        yomu::text::WidthOptions::default(),
        (usize::from(w), usize::from(h)),
    )
}

#[test]
fn v_turns_the_page_vertical_and_back() {
    let mut app = reader_app(30, 12);
    app.update(Action::NextPage);
    let horizontal = screen(&mut app, 30, 12);
    app.update(Action::ToggleVertical);
    let rows = screen(&mut app, 30, 12);
    insta::assert_snapshot!(rows.join("\n"));
    // Space moves on by a screen of columns; the first screen is gone.
    app.update(Action::ScreenDown);
    let next = screen(&mut app, 30, 12);
    assert_ne!(next, rows);
    // Back to horizontal: the same page as before.
    app.update(Action::Top);
    app.update(Action::ToggleVertical);
    assert_eq!(screen(&mut app, 30, 12), horizontal);
}

#[test]
fn search_highlights_and_links_work_on_a_vertical_page() {
    let (w, h) = (30u16, 12u16);
    let mut app = reader_app(w, h);
    app.update(Action::ToggleVertical);
    app.update(Action::NextPage);
    assert!(
        app.reader().is_some_and(|r| r.vertical),
        "the mode holds across pages"
    );
    app.update(Action::Search);
    for c in "思惑".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Enter);
    app.update(Action::NextMatch);
    let theme = Theme {
        color: true,
        light: false,
    };
    let buf = view::render(&mut app, w, h, theme);
    let lit: Vec<String> = buf
        .content()
        .iter()
        .filter(|c| c.bg == theme.current_match().bg.unwrap_or_default())
        .map(|c| c.symbol().to_string())
        .filter(|s| !s.trim().is_empty())
        .collect();
    assert_eq!(lit, ["思", "惑"], "{}", view::rows(&buf).join("\n"));
    // The match is on a later screen: n brought it into view.
    assert!(app.reader().is_some_and(|r| r.vcol > 0));
    // o still opens the section's source.
    app.update(Action::Back);
    assert_eq!(
        app.update(Action::OpenSource),
        [yomu::tui::app::Effect::Open("https://example.com/a".into())]
    );
    // The table of contents jumps, and the page is still vertical.
    app.update(Action::Toc);
    app.update(Action::Down);
    app.update(Action::Enter);
    let rows = view::rows(&view::render(&mut app, w, h, theme));
    assert!(
        // With the reading lane beside each column.
        rows.iter().any(|r| r.ends_with("次   ２")),
        "{}",
        rows.join("\n")
    );
}

#[test]
fn a_paragraph_of_twenty_thousand_readings_lays_out() {
    let body = "漢字《かんじ》を".repeat(20_000);
    let b = briefing(&body);
    let opts = LayoutOptions {
        target: Target::Terminal,
        ruby: RubyMode::Above,
        ..LayoutOptions::new(17)
    };
    let page = layout::layout_page(&b, 1, opts);
    // Two bases (spaced out under their readings) per line of 17 cells.
    let readings = page.lines.iter().filter(|l| l.is_ruby()).count();
    assert_eq!(readings, 10_000);
    assert!(page.lines.iter().all(|l| l.width <= 17));
}

#[test]
fn a_base_is_never_broken_across_columns_either() {
    // At 5 rows, without ruby, the first column would be あいう大統.
    let b = briefing("あいう大統領《だい》");
    let lo = vertical::source_options(Default::default(), RubyMode::Above, Target::Terminal);
    let vp = vertical::layout_page(
        &layout::layout_page_joined(&b, 1, lo),
        5,
        Default::default(),
    );
    let body: Vec<String> = vp.columns[3..]
        .iter()
        .map(|c| c.cells.iter().map(|x| x.source.as_str()).collect())
        .collect();
    assert_eq!(body, ["あいう", "大統領（だ", "い）"]);
}
