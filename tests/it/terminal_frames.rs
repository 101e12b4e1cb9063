//! What the terminal shows is what the layout computed: frames painted
//! through the real crossterm backend into bytes, fed to a terminal model
//! (`vt100`), compared cell by cell with the laid-out frame, across
//! sequences of frames (scrolling, turning pages, overlays, search
//! highlights, resizing). See `tests/common/vt.rs` for the harness and
//! where the model's character widths differ from real terminals'.

use crate::common::vt::Emulator;
use proptest::prelude::*;
use yomu::library::from_sources;
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;

const THEME: Theme = Theme {
    color: true,
    light: false,
};

/// One thing a reader does between two frames.
#[derive(Debug, Clone)]
enum Step {
    Key(Action),
    /// `/` and a query, confirmed; the highlights once the index is built.
    Search(String),
    Resize(u16, u16),
}

fn reader(name: &str, toml: &str, widths: WidthOptions, w: u16, h: u16) -> App {
    let lib = from_sources(&[(name, toml)]);
    App::new(lib, true, widths, (usize::from(w), usize::from(h)))
}

/// Wait for the background work (the search index) to arrive.
fn settle(app: &mut App) {
    let start = std::time::Instant::now();
    while app.busy() && start.elapsed() < std::time::Duration::from_secs(20) {
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    app.poll_background();
}

/// Paint the first frame, then one after each step; every frame checked.
fn run(app: &mut App, emu: &mut Emulator, steps: &[Step]) -> Result<(), String> {
    emu.check(app).map_err(|e| format!("first frame: {e}"))?;
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Key(a) => {
                app.update(*a);
            }
            Step::Search(q) => {
                app.update(Action::Search);
                for c in q.chars() {
                    app.update(Action::Insert(c));
                }
                app.update(Action::Enter);
                settle(app);
            }
            Step::Resize(w, h) => emu.resize(*w, *h),
        }
        if app.quit {
            break;
        }
        emu.check(app)
            .map_err(|e| format!("after step {i} {step:?}: {e}"))?;
    }
    Ok(())
}

/// Halfwidth kana with voicing marks: `ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ半角カナ` lost every other
/// cluster on screen (ratatui's diff took `ﾊﾟ` for three cells and skipped
/// the cluster after it), while the buffer was right.
#[test]
fn halfwidth_kana_with_sound_marks_reach_the_terminal_whole() {
    let text = "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ半角カナ";
    let toml = format!(
        "title = \"ｶﾞｲﾄﾞ\"\nsummary = \"{text}\"\ntags = [\"ｶﾞｲﾄﾞ\"]\n\
         [[sections]]\nheading = \"「ﾃﾞｨｽﾌﾟﾚｲ」\"\nbody = [\"「ﾃﾞｨｽﾌﾟﾚｲ」{text}\"]\n"
    );
    for w in [20u16, 33, 80, 157] {
        let mut app = reader("kana.toml", &toml, WidthOptions::default(), w, 24);
        let mut emu = Emulator::new(w, 24, WidthOptions::default(), THEME);
        emu.check(&mut app)
            .unwrap_or_else(|e| panic!("{w} columns: {e}"));
        let screen = emu.screen_rows().join("\n");
        assert!(screen.contains(text), "{w} columns:\n{screen}");
        assert!(screen.contains("#ｶﾞｲﾄﾞ"), "{w} columns:\n{screen}");
        let steps = [
            Step::Key(Action::NextPage),
            Step::Key(Action::PrevPage),
            Step::Key(Action::NextPage),
        ];
        run(&mut app, &mut emu, &steps).unwrap_or_else(|e| panic!("{w} columns: {e}"));
        let screen = emu.screen_rows().join("\n");
        assert!(screen.contains("「ﾃﾞｨｽﾌﾟﾚｲ」"), "{w} columns:\n{screen}");
    }
}

/// Every page of every sample briefing, at several sizes and both
/// ambiguous widths: scrolled, searched, with overlays opened and closed,
/// and resized in the middle.
#[test]
fn every_page_of_every_sample_reaches_the_terminal() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("briefings folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    for path in &files {
        let toml = std::fs::read_to_string(path).expect("sample");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        for (w, h, ambiguous_wide) in [(80, 24, false), (40, 24, true), (157, 50, false)] {
            let widths = WidthOptions { ambiguous_wide };
            let mut app = reader(name, &toml, widths, w, h);
            let pages = app.reader().map_or(0, |r| r.pages());
            assert!(pages > 1, "{name}");
            let mut steps = Vec::new();
            for p in 0..pages {
                steps.extend([
                    Step::Key(Action::Down),
                    Step::Key(Action::Down),
                    Step::Key(Action::ScreenDown),
                    Step::Key(Action::Bottom),
                    Step::Key(Action::Up),
                    Step::Key(Action::Top),
                ]);
                match p % 3 {
                    0 => steps.extend([Step::Key(Action::Toc), Step::Key(Action::Back)]),
                    1 => steps.extend([Step::Key(Action::Links), Step::Key(Action::Back)]),
                    _ => steps.extend([Step::Key(Action::Help), Step::Key(Action::Back)]),
                }
                if p == 1 {
                    steps.extend([Step::Resize(w / 2 + 3, h - 5), Step::Resize(w, h)]);
                }
                steps.push(Step::Key(Action::NextPage));
            }
            steps.extend([
                Step::Search("の".into()),
                Step::Key(Action::NextMatch),
                Step::Key(Action::NextMatch),
                Step::Key(Action::PrevPage),
                Step::Key(Action::Back),
                Step::Search("e".into()),
                Step::Key(Action::NextMatch),
            ]);
            let mut emu = Emulator::new(w, h, widths, THEME);
            run(&mut app, &mut emu, &steps).unwrap_or_else(|e| {
                panic!("{name} at {w}x{h} (ambiguous wide {ambiguous_wide}): {e}")
            });
        }
    }
}

/// Every page of every sample in vertical writing (`v`), moved through
/// column by column and screen by screen, searched, at two sizes and both
/// ambiguous widths.
#[test]
fn vertical_pages_reach_the_terminal() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("briefings folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in &files {
        let toml = std::fs::read_to_string(path).expect("sample");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        for (w, h, ambiguous_wide) in [(80, 24, false), (41, 17, true)] {
            let widths = WidthOptions { ambiguous_wide };
            let mut app = reader(name, &toml, widths, w, h);
            let pages = app.reader().map_or(0, |r| r.pages());
            let mut steps = vec![Step::Key(Action::ToggleVertical)];
            for _ in 0..pages {
                steps.extend([
                    Step::Key(Action::Down),
                    Step::Key(Action::ScreenDown),
                    Step::Key(Action::Bottom),
                    Step::Key(Action::Up),
                    Step::Key(Action::Top),
                    Step::Key(Action::NextPage),
                ]);
            }
            steps.extend([
                Step::Search("の".into()),
                Step::Key(Action::NextMatch),
                Step::Key(Action::NextMatch),
                Step::Resize(w / 2 + 3, h - 5),
                Step::Key(Action::ToggleVertical),
                Step::Key(Action::ToggleVertical),
                Step::Resize(w, h),
            ]);
            let mut emu = Emulator::new(w, h, widths, THEME);
            run(&mut app, &mut emu, &steps).unwrap_or_else(|e| {
                panic!("{name} at {w}x{h} (ambiguous wide {ambiguous_wide}): {e}")
            });
        }
    }
}

/// An Aozora Bunko work (羅生門, imported from its Shift_JIS file): side
/// ruby, emphasis marks in the lane and gaiji, page after page, vertical
/// and horizontal.
#[test]
fn an_aozora_work_reaches_the_terminal_with_side_ruby() {
    let sjis = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/aozora/rashomon.txt"
    ))
    .expect("corpus");
    let toml = yomu::feeds::aozora::import(&sjis, None).expect("imports");
    // With emphasis too (羅生門 has none).
    let toml = toml.replacen(
        "下人の行方《ゆくえ》は",
        "下人の行方《ゆくえ》は［＃「は」に傍点］",
        1,
    );
    for (w, h, ambiguous_wide) in [(80, 24, false), (41, 17, true)] {
        let widths = WidthOptions { ambiguous_wide };
        let mut app = reader("rashomon.toml", &toml, widths, w, h);
        let mut steps = vec![Step::Key(Action::NextPage)];
        for _ in 0..12 {
            steps.push(Step::Key(Action::ScreenDown));
        }
        steps.push(Step::Key(Action::ToggleVertical));
        for _ in 0..40 {
            steps.push(Step::Key(Action::ScreenDown));
        }
        steps.extend([
            Step::Key(Action::Gaiji),
            Step::Key(Action::Back),
            Step::Search("まぶた".into()),
            Step::Key(Action::NextMatch),
            Step::Resize(w / 2 + 3, h - 5),
            Step::Key(Action::NextPage),
            Step::Key(Action::ToggleVertical),
            Step::Resize(w, h),
        ]);
        let mut emu = Emulator::new(w, h, widths, THEME);
        run(&mut app, &mut emu, &steps)
            .unwrap_or_else(|e| panic!("羅生門 at {w}x{h} (ambiguous wide {ambiguous_wide}): {e}"));
    }
}

/// On every page, each laid-out line is on its row of the terminal.
#[test]
fn the_laid_out_lines_are_the_rows_on_screen() {
    let toml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefings/yomu-guide.toml"
    ))
    .expect("sample");
    let (w, h) = (80u16, 24u16);
    let widths = WidthOptions::default();
    let mut app = reader("yomu-guide.toml", &toml, widths, w, h);
    let mut emu = Emulator::new(w, h, widths, THEME);
    let pages = app.reader().map_or(0, |r| r.pages());
    for _ in 0..pages {
        emu.paint(&mut app);
        let screen = emu.screen_rows();
        let r = app.reader().expect("reader");
        let scroll = r.scroll;
        let lines: Vec<String> = r
            .lines()
            .iter()
            .skip(scroll)
            .take(usize::from(h) - 2)
            .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let row = &screen[i + 1];
            let want = emu.as_model(line);
            assert!(
                row.contains(want.trim_end()),
                "page {}, line {i}: {line:?} not on its row {row:?}",
                app.reader().map_or(0, |r| r.page)
            );
        }
        app.update(Action::NextPage);
    }
}

/// Clusters of every kind yomu lays out, and controls (sanitised).
fn cluster() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        // Japanese
        "日本",
        "語",
        "の",
        "、",
        "。",
        "「",
        "」",
        "カタカナ",
        "ー",
        "　",
        // halfwidth kana and their sound marks
        "ﾊﾟ",
        "ﾋﾟ",
        "ｶﾞ",
        "ｲ",
        "ﾄﾞ",
        "ﾃﾞｨｽﾌﾟﾚｲ",
        "ﾞ",
        "ﾟ",
        "ｰ",
        // emoji: plain, ZWJ sequences, flags, keycaps, skin tones, VS16
        "📰",
        "👨\u{200d}👩\u{200d}👧",
        "🏳\u{fe0f}\u{200d}🌈",
        "🇯🇵",
        "🇺🇦",
        "1\u{fe0f}\u{20e3}",
        "#\u{fe0f}\u{20e3}",
        "👍🏽",
        "✌🏿",
        "❤\u{fe0f}",
        "☺\u{fe0f}",
        // combining marks, variation selectors
        "e\u{301}",
        "a\u{308}\u{304}",
        "葛\u{e0100}",
        "か\u{3099}",
        // East Asian Ambiguous
        "●",
        "※",
        "…",
        "①",
        "⇒",
        "Ω",
        "°",
        // furigana, and what only looks like it
        "漢字《かんじ》",
        "｜東京《とうきょう》",
        "《書名》",
        "｜",
        // Aozora Bunko's notes: emphasis, a gaiji with its reading, one
        // nothing resolves, an indent
        "なもし［＃「なもし」に傍点］",
        "※［＃「目＋匡」、第3水準1-88-81］《まぶた》",
        "※［＃「謎の字」］",
        "［＃３字下げ］",
        // Latin, spaces, a URL
        "word",
        " ",
        " ",
        "-",
        "https://example.com/a",
        "x",
        // controls that must be sanitised away
        "\u{1b}[31m",
        "\u{7}",
        "\u{0}",
        "\u{202e}",
        "\t",
        "\r",
        "\u{9b}2J",
        "\u{85}",
    ])
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(cluster(), 0..max).prop_map(|v| v.concat())
}

/// A TOML basic string holding `s` exactly.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn briefing() -> impl Strategy<Value = String> {
    (
        text(6),
        text(40),
        prop::collection::vec((text(5), text(60)), 1..4),
    )
        .prop_map(|(title, summary, sections)| {
            let mut t = format!(
                "title = {}\nsummary = {}\ntags = [{}]\n",
                toml_str(&format!("T{title}")),
                toml_str(&summary),
                toml_str(&title)
            );
            for (i, (heading, body)) in sections.iter().enumerate() {
                t.push_str(&format!(
                    "[[sections]]\nheading = {}\nbody = [{}, {}]\n\
                     [[sections.sources]]\nname = {}\nurl = \"https://example.com/{i}\"\n",
                    toml_str(&format!("H{heading}")),
                    toml_str(body),
                    toml_str(&format!("{body}{heading}")),
                    toml_str(&format!("s{heading}"))
                ));
            }
            t
        })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => prop::sample::select(vec![
            Action::Down,
            Action::Up,
            Action::ScreenDown,
            Action::ScreenUp,
            Action::Top,
            Action::Bottom,
            Action::NextPage,
            Action::PrevPage,
            Action::Toc,
            Action::Links,
            Action::Help,
            Action::Back,
            Action::NextMatch,
            Action::ToggleVertical,
            Action::Gaiji,
        ])
        .prop_map(Step::Key),
        1 => prop::sample::select(vec!["の", "ﾊﾟ", "e", "日本", "👍🏽", "●"])
            .prop_map(|q| Step::Search(q.to_string())),
        1 => (1u16..=200, 1u16..=40).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

proptest! {
    // The case count is given in docs/architecture.md ("Tests").
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Generated briefings of every kind of cluster, at widths 1-200 and
    /// both ambiguous widths, through a sequence of frames.
    #[test]
    fn generated_text_reaches_the_terminal(
        toml in briefing(),
        w in 1u16..=200,
        h in 1u16..=40,
        ambiguous_wide in any::<bool>(),
        steps in prop::collection::vec(step(), 1..10),
    ) {
        let widths = WidthOptions { ambiguous_wide };
        let mut app = reader("gen.toml", &toml, widths, w, h);
        prop_assume!(app.reader().is_some());
        let mut emu = Emulator::new(w, h, widths, THEME);
        if let Err(e) = run(&mut app, &mut emu, &steps) {
            prop_assert!(false, "{w}x{h} ambiguous wide {ambiguous_wide}: {e}\n{toml}");
        }
    }
}

/// Overlays and bars drawn over part of a wide cluster (the contents box
/// starting on the second cell of an ambiguous `§` laid out two cells wide,
/// at one row) leave no half cluster on screen: found by the property test
/// below at 116×1.
#[test]
fn overlays_over_half_a_wide_cluster_leave_no_half() {
    let clusters = [
        "●",
        "※",
        "…",
        "Ω",
        "°",
        "日本",
        "ﾊﾟ",
        "📰",
        "｜東京《とうきょう》",
    ];
    let mut fails = Vec::new();
    for ambiguous_wide in [true, false] {
        let widths = WidthOptions { ambiguous_wide };
        for c in clusters {
            let toml = format!(
                "title = \"T{c}\"\nsummary = \"x\"\n[[sections]]\nheading = \"H{c}\"\n\
                 body = [\"b{c}\"]\n[[sections]]\nheading = \"H2{c}\"\nbody = [\"b\"]\n"
            );
            for (w, h) in [(116u16, 1u16), (40, 1), (5, 1), (116, 2), (3, 2), (30, 5)] {
                let mut app = reader("gen.toml", &toml, widths, w, h);
                let mut emu = Emulator::new(w, h, widths, THEME);
                let steps = [
                    Step::Key(Action::NextPage),
                    Step::Key(Action::Toc),
                    Step::Key(Action::Back),
                    Step::Key(Action::Links),
                    Step::Key(Action::Help),
                ];
                if let Err(e) = run(&mut app, &mut emu, &steps) {
                    fails.push(format!(
                        "{c:?} at {w}x{h}, ambiguous wide {ambiguous_wide}: {e}"
                    ));
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// A writer that records each write it is given, as a pty would see them.
struct Writes(Vec<Vec<u8>>);

impl std::io::Write for Writes {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.push(b.to_vec());
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Each frame reaches the terminal in one write: stdout used to pass a
/// frame on a kilobyte at a time, and tmux, reading between two pieces,
/// dropped the rest of an emoji ZWJ sequence cut in two.
#[test]
fn a_frame_reaches_the_terminal_in_one_write() {
    let line = "ﾊﾟﾋﾟ👨\u{200d}👩\u{200d}👧日本語の文章、";
    let toml = format!(
        "title = \"T\"\nsummary = \"{}\"\n[[sections]]\nheading = \"H\"\nbody = [\"{}\"]\n[[sections]]\nheading = \"H2\"\nbody = [\"{}\"]\n",
        line.repeat(20),
        line.repeat(40),
        line.repeat(30)
    );
    let widths = WidthOptions::default();
    let mut app = reader("one.toml", &toml, widths, 80, 24);
    let mut painter = yomu::tui::paint::Painter::new(Writes(Vec::new()), 80, 24);
    for step in [None, Some(Action::NextPage), Some(Action::PrevPage)] {
        if let Some(a) = step {
            app.update(a);
        }
        painter.paint(&app, THEME).expect("painting into memory");
        let writes = std::mem::take(&mut painter.writer_mut().0);
        assert_eq!(writes.len(), 1, "after {step:?}: {} writes", writes.len());
        assert!(
            writes[0].len() > 1024,
            "after {step:?}: a frame of {} bytes",
            writes[0].len()
        );
    }
}
