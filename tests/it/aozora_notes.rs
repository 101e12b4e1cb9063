//! Aozora Bunko's notes in briefing text (format 1.2), string in, string
//! out: emphasis drawn where readings are (and `<em>` in Markdown, the text
//! alone in the text export), indents, gaiji resolved (with their
//! readings), what `yomu check` says about the others, and the reader's
//! screen.

use yomu::briefing::parse_str;
use yomu::layout::{self, LayoutOptions, RubyMode, Target};

use crate::check::{SECTION, check_src};
use crate::common::{app, body_lines, briefing, screen};

#[test]
fn emphasis_dots_sit_over_each_character() {
    assert_eq!(
        body_lines("それはなもし［＃「なもし」に傍点］だ", 40, RubyMode::Above),
        ["      ﹅﹅﹅", "それはなもしだ"]
    );
    assert_eq!(
        body_lines(
            "山［＃「山」に白ゴマ傍点］と川［＃「川」に丸傍点］",
            40,
            RubyMode::Above
        ),
        ["﹆  ●", "山と川"]
    );
    // A line under the text for 傍線, in the same row.
    assert_eq!(
        body_lines("［＃傍線］大事［＃傍線終わり］な話", 40, RubyMode::Above),
        ["＿＿", "大事な話"]
    );
    // Inline (the text export) and off: the text alone, never the note.
    for mode in [RubyMode::Inline, RubyMode::Off] {
        assert_eq!(
            body_lines("それはなもし［＃「なもし」に傍点］だ", 40, mode),
            ["それはなもしだ"]
        );
    }
}

#[test]
fn markdown_writes_emphasis_as_em() {
    let b = briefing("それはなもし［＃「なもし」に傍点］だ。漢字《かんじ》");
    let mut out = Vec::new();
    yomu::export::write_markdown(&b, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.contains("それは<em>なもし</em>だ。<ruby>漢字<rt>かんじ</rt></ruby>"),
        "{md}"
    );
    assert!(!md.contains("［＃"));
}

#[test]
fn indents_move_the_paragraph() {
    assert_eq!(
        body_lines("［＃３字下げ］本文は長くて折り返す", 20, RubyMode::Inline),
        ["      本文は長くて折", "      り返す"]
    );
    assert_eq!(
        body_lines("［＃地付き］署名", 20, RubyMode::Inline),
        ["                署名"]
    );
    assert_eq!(
        body_lines("［＃地から１字上げ］（大正四年九月）", 20, RubyMode::Inline),
        ["  （大正四年九月）"]
    );
    // Wider than the line: the text from the start, wrapped as usual.
    assert_eq!(
        body_lines("［＃地付き］あいうえおかきくけこさ", 20, RubyMode::Inline),
        ["あいうえおかきくけこ", "さ"]
    );
}

#[test]
fn gaiji_are_characters_and_keep_their_reading() {
    assert_eq!(
        body_lines(
            "眼球《めだま》が※［＃「目＋匡」、第3水準1-88-81］《まぶた》の外へ",
            40,
            RubyMode::Inline
        ),
        ["眼球（めだま）が眶（まぶた）の外へ"]
    );
    assert_eq!(
        body_lines(
            "そこへ※［＃「てへん＋丑」、第4水準2-12-93］《ね》じ倒した",
            40,
            RubyMode::Above
        ),
        ["      ね", "そこへ扭じ倒した"]
    );
    // Nothing resolves it: the geta mark, with its reading, never the note.
    assert_eq!(
        body_lines("あの※［＃「謎の字」］《なぞ》だ", 40, RubyMode::Inline),
        ["あの〓（なぞ）だ"]
    );
}

#[test]
fn check_warns_about_notes_it_does_not_read_at_their_place() {
    let src = format!(
        "title = \"t\"\n{SECTION}body = [\"なもし［＃「なもし」に傍点］\", \"本文［＃謎の指示］\", \"※［＃「謎の字」］\"]\n"
    );
    let run = check_src("notes", &src);
    // Columns count characters: `body = ["` is 9, then the text.
    run.exit(0).says(&[
        "x.toml:4:30: warning: `body` has a note `［＃謎の指示］` that yomu does not read; it is left out",
        "x.toml:4:41: warning: `body` has a gaiji `謎の字` with no JIS X 0213 code or U+ code point; it is shown as 〓",
    ]);
    assert_eq!(run.stdout, "x.toml: valid (2 warnings)\n");
}

#[test]
fn the_reader_draws_emphasis_dots_over_the_text() {
    let src = "title = \"坊っちゃん\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"一\"\nbody = [\"　それでなもし［＃「なもし」に傍点］と云った。\", \"［＃地から１字上げ］（明治三十九年四月）\"]\n";
    let mut a = app(&[("b.toml", src)], true, 40, 12);
    a.update(yomu::tui::keys::Action::NextPage);
    let rows = screen(&mut a, 40, 12);
    let at = rows
        .iter()
        .position(|r| r.contains("　それでなもしと云った。"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    let text = &rows[at];
    let dots = &rows[at - 1];
    // The dots start over な, one per character.
    let col = |s: &str, needle: &str| {
        yomu::text::width::str_width(&s[..s.find(needle).unwrap()], Default::default())
    };
    assert_eq!(col(dots, "﹅﹅﹅"), col(text, "なもし"), "{rows:#?}");
    assert!(rows.iter().all(|r| !r.contains("［＃")), "{rows:#?}");
    assert!(
        rows.iter()
            .any(|r| r.trim_end().ends_with("（明治三十九年四月）")),
        "{rows:#?}"
    );
}

// ---- side ruby in vertical writing ---------------------------------------------------------

use yomu::vertical;

/// The body's columns (page 1 laid out for vertical writing, readings in
/// the lane) as rows `height` high: the body is the leftmost column(s).
fn side(body: &str, height: usize) -> Vec<String> {
    let b = briefing(body);
    let lo = vertical::source_options(Default::default(), RubyMode::Above, Target::Terminal);
    let vp = vertical::layout_page_lane(
        &layout::layout_page_joined(&b, 1, lo),
        height,
        Default::default(),
        true,
    );
    assert!(vp.lane);
    // Only the body's columns: the last ones (after the number and the heading).
    let body_cols: Vec<_> = vp.columns[3..].to_vec();
    let mut rows = vertical::rows_lane(&body_cols, height, 5 * body_cols.len() - 1, true);
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    rows
}

#[test]
fn side_ruby_sits_beside_its_base_and_overhangs_kana() {
    // かんじ is one longer than 漢字: it overhangs the kana を below, and the
    // base keeps its rows.
    assert_eq!(
        side("この漢字《かんじ》を読む", 10),
        ["こ", "の", "漢か", "字ん", "をじ", "読", "む"]
    );
    // Before a kanji there is no kana to overhang: the base is spaced by a row.
    assert_eq!(
        side("｜漢字《かんじ》語だ", 10),
        ["漢か", "字ん", "  じ", "語", "だ"]
    );
    // A reading shorter than its base is centred beside it.
    assert_eq!(
        side("｜東京都《とと》です", 10),
        ["東と", "京と", "都", "で", "す"]
    );
}

#[test]
fn side_emphasis_marks_and_gaiji_readings_in_the_lane() {
    assert_eq!(
        side("それはなもし［＃「なもし」に傍点］だ", 10),
        ["そ", "れ", "は", "な﹅", "も﹅", "し﹅", "だ"]
    );
    assert_eq!(
        side("そこへ※［＃「てへん＋丑」、第4水準2-12-93］《ね》じ", 10),
        ["そ", "こ", "へ", "扭ね", "じ"]
    );
}

#[test]
fn the_reader_draws_the_reading_lane_in_vertical_mode() {
    let src = "title = \"t\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"一\"\nbody = [\"下人《げにん》がなもし［＃「なもし」に傍点］と云った。\"]\n";
    let mut a = app(&[("b.toml", src)], true, 40, 14);
    a.update(yomu::tui::keys::Action::NextPage);
    a.update(yomu::tui::keys::Action::ToggleVertical);
    let rows = screen(&mut a, 40, 14);
    let find = |needle: &str| {
        rows.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{}", rows.join("\n")))
    };
    // Each base with its reading on its right, in the same row.
    let (ge, ni) = (find("下げ"), find("人に"));
    assert_eq!(ni, ge + 1, "{}", rows.join("\n"));
    let (na, mo, shi) = (find("な﹅"), find("も﹅"), find("し﹅"));
    assert_eq!((mo, shi), (na + 1, na + 2), "{}", rows.join("\n"));
    assert!(rows.iter().all(|r| !r.contains('（') && !r.contains('︵')));
}

#[test]
fn indented_paragraphs_follow_each_other_without_a_blank_line() {
    let src = "title = \"t\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"h\"\nbody = [\"　一つ目。\", \"「台詞。」\", \"　三つ目。\"]\n";
    let b = parse_str("t.toml", src).expect("valid").briefing;
    let page = layout::layout_page(&b, 1, LayoutOptions::new(40));
    let lines: Vec<String> = page.lines[3..].iter().map(|l| l.text()).collect();
    assert_eq!(lines, ["　一つ目。", "「台詞。」", "　三つ目。"]);
    // Without the ideographic indent, a blank line between paragraphs.
    let src = src.replace('　', "");
    let b = parse_str("t.toml", &src).expect("valid").briefing;
    let page = layout::layout_page(&b, 1, LayoutOptions::new(40));
    let lines: Vec<String> = page.lines[3..].iter().map(|l| l.text()).collect();
    assert_eq!(lines, ["一つ目。", "", "「台詞。」", "", "三つ目。"]);
}

#[test]
fn the_text_export_honours_ruby_off() {
    let dir = crate::common::TempDir::new("ruby-off");
    dir.write(
        "b.toml",
        "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"交渉《こうしょう》となもし［＃「なもし」に傍点］。\"]\n",
    );
    dir.write("config.toml", "ruby = \"off\"\n");
    let run = |args: &[&str]| {
        let mut c = crate::common::yomu();
        c.current_dir(dir.path()).args(args);
        crate::common::Run::of(c)
    };
    let on = run(&["export", "b.toml"]);
    assert!(
        on.stdout.contains("交渉（こうしょう）となもし。"),
        "{}",
        on.stdout
    );
    let off = run(&["--config", "config.toml", "export", "b.toml"]);
    assert!(off.stdout.contains("交渉となもし。"), "{}", off.stdout);
    assert!(!off.stdout.contains("こうしょう"), "{}", off.stdout);
}

/// What each row of the body's first column shows (laid out 40 rows high).
fn column_cells(body: &str) -> Vec<String> {
    let b = briefing(body);
    let lo = vertical::source_options(Default::default(), RubyMode::Inline, Target::Terminal);
    let vp = vertical::layout_page(
        &layout::layout_page_joined(&b, 1, lo),
        40,
        Default::default(),
    );
    vp.columns[3].cells.iter().map(|c| c.text.clone()).collect()
}

#[test]
fn vertical_forms_pairs_and_numbers() {
    // “” are for horizontal text (JLReq): 〝〟 in vertical; arrows and the
    // wave dash turn with the text.
    assert_eq!(
        column_cells("“引用”〜→←／"),
        ["〝", "引", "用", "〟", "≀", "↓", "↑", "＼"]
    );
    // !? and ！？ take one row.
    assert_eq!(
        column_cells("本当!?はい！？"),
        ["本", "当", "⁉", "は", "い", "⁉"]
    );
    // Two digits side by side in one row, halfwidth or fullwidth; longer
    // numbers digit by digit; a decimal point and a colon in their rows.
    assert_eq!(column_cells("２７日と27日"), ["27", "日", "と", "27", "日"]);
    assert_eq!(
        column_cells("3.14と10:30"),
        ["３", "・", "14", "と", "10", "︓", "30"]
    );
    assert_eq!(column_cells("2025年"), ["２", "０", "２", "５", "年"]);
    // The page number's slash turns with the digits; `·` is `・`.
    assert_eq!(
        column_cells("1/3 · 約1分"),
        ["１", "＼", "３", "", "・", "", "約", "１", "分"]
    );
}

#[test]
fn arrow_keys_are_mirrored_in_vertical_writing() {
    use crate::common::{Tmux, have_tmux, yomu_bin};
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("mirror", 40, 12, &[]);
    let file = t.dir.join("m.toml");
    std::fs::write(
        &file,
        "title = \"羅生門\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"一\"\nbody = [\"　ある日の暮方の事である。\"]\n",
    )
    .expect("write");
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    t.wait("1/2 cover");
    t.keys(&["Right"]);
    t.wait("2/2 §1");
    t.keys(&["Left"]);
    t.wait("1/2 cover");
    // Vertical: the text moves right to left, so ← goes on and → back.
    t.keys(&["v", "Left"]);
    let s = t.wait("2/2 §1");
    assert!(s.contains('︒'), "{s}");
    t.keys(&["Right"]);
    t.wait("1/2 cover");
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

// ---- long units: kinsoku and readings never cut --------------------------------------------

const LETTER: &str =
    "「左様御承知被下度候《さようごしょうちくだされたくそうろう》」と書いてあった。";

#[test]
fn a_ruby_unit_wider_than_the_line_keeps_kinsoku() {
    use yomu::text::wrap::{no_end, no_start};
    for mode in [RubyMode::Inline, RubyMode::Above] {
        for width in 8..=40 {
            let lines = body_lines(LETTER, width, mode);
            // The lines of text (with readings above, every other row).
            let text: Vec<&String> = match mode {
                RubyMode::Above => lines.iter().skip(1).step_by(2).collect(),
                _ => lines.iter().collect(),
            };
            assert!(
                text.iter().all(|l| !l.trim().is_empty()),
                "{width}: {lines:#?}"
            );
            for l in text {
                let t = l.trim();
                let (first, last) = (t.chars().next().unwrap(), t.chars().last().unwrap());
                assert!(
                    !no_start(first),
                    "{mode:?} {width}: starts with {first}: {lines:#?}"
                );
                assert!(
                    !no_end(last),
                    "{mode:?} {width}: ends with {last}: {lines:#?}"
                );
            }
        }
    }
}

#[test]
fn a_base_broken_across_lines_shares_its_reading_out_whole() {
    for width in [10, 14, 20, 30] {
        let lines = body_lines(LETTER, width, RubyMode::Above);
        // Reading rows are the odd-numbered rows above each line of text.
        let readings: String = lines
            .iter()
            .step_by(2)
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            readings, "さようごしょうちくだされたくそうろう",
            "{width}: {lines:#?}"
        );
        let text: String = lines
            .iter()
            .skip(1)
            .step_by(2)
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            text, "「左様御承知被下度候」と書いてあった。",
            "{width}: {lines:#?}"
        );
    }
}

#[test]
fn a_gaiji_never_forces_a_bad_break() {
    use yomu::text::wrap::{no_end, no_start};
    let body = "眼球《めだま》が※［＃「目＋匡」、第3水準1-88-81］《まぶた》の外へ出そうになるほど、見開いて。";
    for mode in [RubyMode::Inline, RubyMode::Above] {
        for width in 6..=30 {
            let lines = body_lines(body, width, mode);
            assert!(lines.iter().all(|l| !l.contains('※') && !l.contains('［')));
            for l in lines.iter().filter(|l| !l.trim().is_empty()) {
                let t = l.trim();
                assert!(
                    !t.chars().next().is_some_and(no_start),
                    "{width}: {lines:#?}"
                );
                assert!(!t.chars().last().is_some_and(no_end), "{width}: {lines:#?}");
            }
        }
    }
}

#[test]
fn star_lists_the_gaiji_shown_as_geta_with_their_descriptions() {
    let src = "title = \"t\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"一\"\nbody = [\"あの※［＃「口＋世界の界」］《なぞ》と※［＃「目＋匡」、第3水準1-88-81］だ。\"]\n";
    let mut a = app(&[("b.toml", src)], true, 60, 14);
    // The cover has none.
    a.update(yomu::tui::keys::Action::Gaiji);
    let rows = screen(&mut a, 60, 14);
    assert!(
        rows.iter()
            .any(|r| r.contains("no character on this page is shown as 〓")
                || r.contains("このページに 〓 と示した外字はありません")),
        "{}",
        rows.join("\n")
    );
    a.update(yomu::tui::keys::Action::NextPage);
    let rows = screen(&mut a, 60, 14);
    assert!(
        rows.iter().any(|r| r.contains("あの〓と眶だ。")),
        "{}",
        rows.join("\n")
    );
    a.update(yomu::tui::keys::Action::Gaiji);
    let rows = screen(&mut a, 60, 14);
    assert!(
        rows.iter().any(|r| r.contains("1. 〓 口＋世界の界")),
        "{}",
        rows.join("\n")
    );
    // The resolved one is not listed, and no note is shown raw.
    assert!(
        rows.iter()
            .all(|r| !r.contains("目＋匡") && !r.contains("［＃")),
        "{}",
        rows.join("\n")
    );
}

#[test]
fn indents_in_vertical_writing_are_rows_from_the_top_or_the_bottom() {
    let tops = |body: &str| -> Vec<usize> {
        let b = briefing(body);
        let lo = vertical::source_options(Default::default(), RubyMode::Inline, Target::Terminal);
        let vp = vertical::layout_page(
            &layout::layout_page_joined(&b, 1, lo),
            10,
            Default::default(),
        );
        vp.columns[3..].iter().map(|c| c.top).collect()
    };
    // Three characters down, every column of the paragraph.
    assert_eq!(tops("［＃３字下げ］あいうえおかきくけこさしすせ"), [3, 3]);
    // Flush with the bottom, or one character short of it.
    assert_eq!(tops("［＃地付き］署名"), [8]);
    assert_eq!(tops("［＃地から１字上げ］（大正四年九月）"), [1]);
    // Longer than the column: from the top, as usual.
    assert_eq!(tops("［＃地付き］あいうえおかきくけこさし"), [0, 0]);
}

#[test]
fn a_block_indent_holds_from_its_opening_to_its_close() {
    let src = "title = \"t\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"h\"\nbody = [\"［＃ここから２字下げ］\", \"一行目\", \"二行目\", \"［＃ここで字下げ終わり］\", \"戻る\", \"［＃ここから地付き］署名\", \"［＃ここで地付き終わり］\"]\n";
    let b = parse_str("t.toml", src).expect("valid").briefing;
    let page = layout::layout_page(&b, 1, LayoutOptions::new(20));
    let lines: Vec<String> = page.lines[3..].iter().map(|l| l.text()).collect();
    assert_eq!(
        lines,
        // (The closing note's paragraph leaves only the blank line before it.)
        [
            "    一行目",
            "",
            "    二行目",
            "",
            "戻る",
            "",
            "                署名",
            ""
        ]
    );
}
