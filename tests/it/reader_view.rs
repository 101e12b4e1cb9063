//! The reader's views rendered into a ratatui buffer, as a person would see
//! them, at 80x24 and 40x24 with the Japanese sample; and the library
//! while a folder loads in the background.

use ratatui::buffer::CellDiffOption;
use unicode_width::UnicodeWidthStr;
use yomu::library::from_sources;
use yomu::samples::SAMPLES;
use yomu::text::WidthOptions;
use yomu::tui::app::{App, Effect};
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

fn seed_app(w: u16, h: u16) -> App {
    let lib = from_sources(&SAMPLES[..1]);
    App::new(
        lib,
        true,
        WidthOptions::default(),
        (usize::from(w), usize::from(h)),
    )
}

/// The screen as text: one string per row, wide characters once; no row
/// is wider than the screen.
fn render(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let theme = Theme {
        color: true,
        light: false,
    };
    let rows = view::rows(&view::render(app, w, h, theme));
    for (y, row) in rows.iter().enumerate() {
        assert!(
            row.width() <= usize::from(w),
            "row {y} is {} wide: {row:?}",
            row.width()
        );
    }
    rows
}

#[test]
fn cover_at_80x24() {
    let mut app = seed_app(80, 24);
    let screen = render(&mut app, 80, 24);
    assert!(screen[1].contains("ゼレンスキー大統領の和平への道"));
    assert!(screen[23].starts_with(" 1/4 cover"), "{:?}", screen[23]);
    insta::assert_snapshot!(screen.join("\n"));
}

#[test]
fn section_at_40x24() {
    let mut app = seed_app(40, 24);
    app.update(Action::NextPage);
    let screen = render(&mut app, 40, 24);
    assert!(screen[23].starts_with(" 2/4 §1"), "{:?}", screen[23]);
    assert!(
        screen
            .iter()
            .any(|l| l.contains("揺れる姿勢と和平への模索"))
    );
    for l in &screen {
        let t = l.trim_start();
        assert!(!t.starts_with('、') && !t.starts_with('。'), "{l:?}");
    }
    insta::assert_snapshot!(screen.join("\n"));
}

#[test]
fn wide_characters_at_the_right_edge_are_never_cut() {
    // 25 columns: the header's title and the status bar's hint meet the edge
    // in the middle of a wide character; it is left out, never halved.
    for w in [7u16, 17, 25, 41] {
        let mut app = seed_app(w, 12);
        app.update(Action::NextPage);
        let theme = Theme {
            color: false,
            light: false,
        };
        let buf = view::render(&mut app, w, 12, theme);
        for y in 0..12 {
            for x in 0..w {
                let c = &buf[(x, y)];
                if c.symbol().width() == 2 && c.diff_option != CellDiffOption::Skip {
                    assert!(x + 1 < w, "wide {:?} at the last column {x}", c.symbol());
                    assert_eq!(buf[(x + 1, y)].diff_option, CellDiffOption::Skip);
                }
            }
        }
    }
}

#[test]
fn table_of_contents_and_links_overlays() {
    let mut app = seed_app(80, 24);
    app.update(Action::Toc);
    let screen = render(&mut app, 80, 24);
    assert!(screen.iter().any(|l| l.contains("contents")));
    assert!(
        screen
            .iter()
            .any(|l| l.contains("3. 和平交渉のゆくえと各国の計算")),
        "{screen:#?}"
    );
    app.update(Action::Down);
    app.update(Action::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen[23].starts_with(" 2/4 §1"), "{:?}", screen[23]);
    app.update(Action::Links);
    let screen = render(&mut app, 80, 24);
    assert!(screen[2].trim().starts_with("[1] §1"), "{screen:#?}");
    assert!(
        screen
            .iter()
            .any(|l| l.contains("[2] §2 北國新聞 — www.hokkoku.co.jp")),
        "{screen:#?}"
    );
    assert!(
        screen
            .iter()
            .any(|l| l.contains("https://globe.asahi.com/article/15630313"))
    );
    // The list opened on the first link of §1: Enter opens it.
    let shown = screen[3].trim().to_string();
    match &app.update(Action::Enter)[..] {
        [Effect::Open(url)] => assert!(url.starts_with(&shown), "{url} / {shown}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_cursor_sits_on_the_selected_row_or_the_prompt() {
    let mut app = seed_app(80, 24);
    // Reading: at the top of the text column.
    render(&mut app, 80, 24);
    let (x, y) = yomu::tui::view::cursor(&mut app, 80, 24).expect("a cursor");
    assert_eq!(y, 1);
    assert!(x < 80);
    // The table of contents: on the selected entry, which moves with it.
    app.update(Action::Toc);
    let screen = render(&mut app, 80, 24);
    let (_, first) = yomu::tui::view::cursor(&mut app, 80, 24).expect("a cursor");
    assert!(
        screen[usize::from(first)].contains("ゼレンスキー大統領の和平への道"),
        "{screen:#?}"
    );
    app.update(Action::Down);
    let screen = render(&mut app, 80, 24);
    let (_, second) = yomu::tui::view::cursor(&mut app, 80, 24).expect("a cursor");
    assert_eq!(second, first + 1);
    assert!(screen[usize::from(second)].contains("1. 揺れる姿勢"));
    app.update(Action::Back);
    // The search prompt: after the typed text, on the status bar.
    app.update(Action::Search);
    app.update(Action::Insert('和'));
    let screen = render(&mut app, 80, 24);
    assert!(screen[23].starts_with("/和"), "{:?}", screen[23]);
    assert_eq!(yomu::tui::view::cursor(&mut app, 80, 24), Some((3, 23)));
}

#[test]
fn help_is_generated_from_the_key_table() {
    let mut app = seed_app(80, 24);
    app.update(Action::Help);
    let screen = render(&mut app, 80, 24).join("\n");
    for (keys, help) in yomu::tui::keys::Keymap::default()
        .help_rows()
        .iter()
        .take(10)
    {
        assert!(screen.contains(help), "{help}");
        assert!(screen.contains(keys.as_str()), "{keys}");
    }
}

#[test]
fn any_size_renders_without_panic() {
    for (w, h) in [
        (1, 1),
        (1, 5),
        (2, 2),
        (3, 1),
        (5, 3),
        (13, 7),
        (500, 200),
        (120, 3),
    ] {
        let mut app = seed_app(w, h);
        for a in [
            Action::NextPage,
            Action::Bottom,
            Action::Links,
            Action::Down,
            Action::Back,
            Action::Toc,
        ] {
            app.update(a);
            app.update(yomu::tui::screen::Input::Resize {
                width: usize::from(w),
                height: usize::from(h),
            });
            render(&mut app, w, h);
        }
    }
}

#[test]
fn resize_keeps_the_paragraph() {
    let mut app = seed_app(80, 24);
    app.update(Action::NextPage);
    for _ in 0..14 {
        app.update(Action::Down);
    }
    let top = render(&mut app, 80, 24)[1].clone();
    let probe: String = top.trim().chars().take(4).collect();
    assert!(!probe.is_empty(), "the top row has text: {top:?}");
    app.update(yomu::tui::screen::Input::Resize {
        width: 40,
        height: 24,
    });
    let narrow = render(&mut app, 40, 24);
    assert!(
        narrow[1..4].iter().any(|l| l.contains(&probe)),
        "{probe:?} not near the top: {narrow:#?}"
    );
    app.update(yomu::tui::screen::Input::Resize {
        width: 80,
        height: 24,
    });
    let back = render(&mut app, 80, 24);
    assert_eq!(back[1], top, "same place after resizing back");
}

#[test]
fn resize_storm_with_a_nasty_briefing() {
    let mut toml = String::from("title = \"\\u001b]0;x\\u0007\\u202e悪\"\n");
    toml.push_str(&format!(
        "summary = \"{}\"\n",
        "長い行、「」ｶﾞ👨‍👩‍👧e\\u0301".repeat(6000)
    ));
    toml.push_str("[[sections]]\nheading = \"「「「「「「「「「「「「\"\n");
    for i in 0..2000 {
        toml.push_str(&format!(
            "[[sections.sources]]\nname = \"s{i}\\u001b[31m\"\nurl = \"https://例え.jp/{i}/{}\"\n",
            "x".repeat(i % 300)
        ));
    }
    let lib = from_sources(&[("nasty.toml", toml.as_str())]);
    assert!(
        lib.entries[0].result.is_ok(),
        "{:?}",
        lib.entries[0].result.as_ref().err().map(|e| e.to_string())
    );
    let mut app = App::new(lib, true, WidthOptions::default(), (80, 24));
    for (i, (w, h)) in [
        (1, 1),
        (500, 200),
        (2, 1),
        (37, 9),
        (1, 40),
        (120, 3),
        (4, 4),
        (80, 24),
    ]
    .into_iter()
    .enumerate()
    {
        app.update(yomu::tui::screen::Input::Resize {
            width: usize::from(w),
            height: usize::from(h),
        });
        let screen = render(&mut app, w, h);
        assert!(
            !screen
                .concat()
                .chars()
                .any(|c| c == '\u{1b}' || c == '\u{202e}')
        );
        app.update(if i % 2 == 0 {
            Action::NextPage
        } else {
            Action::Bottom
        });
    }
}

/// A folder of `n` small briefings that loads in the background: the
/// alphabetically first file is the oldest, the newest is the last.
fn library_folder(tag: &str, n: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("yomu-view-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for i in 0..n {
        let toml = format!(
            "title = \"b{i:04}\"\npublished = {:04}-{:02}-01\n\
             [[sections]]\nheading = \"一\"\nbody = [\"本文\"]\n",
            2000 + i / 12,
            i % 12 + 1
        );
        std::fs::write(dir.join(format!("a-{i:04}.toml")), toml).expect("write");
    }
    dir
}

fn loading_library(dir: &std::path::Path) -> App {
    let files = yomu::library::briefing_files(dir).expect("list");
    let mut app = App::new(
        yomu::library::Library::default(),
        false,
        WidthOptions::default(),
        (80, 24),
    );
    app.start_loading(files);
    app
}

/// The title on the selected row and the status bar's position, while
/// the folder loads; ends when everything has arrived.
fn frames_while_loading(app: &mut App, mut each: impl FnMut(&mut App, &[String])) {
    let start = std::time::Instant::now();
    loop {
        let done = app.library.loading == 0;
        app.poll_background();
        let screen = render(app, 80, 24);
        each(app, &screen);
        if done || start.elapsed() > std::time::Duration::from_secs(60) {
            break;
        }
    }
    assert_eq!(app.library.loading, 0, "the folder loaded");
}

#[test]
fn library_selects_the_newest_briefing_while_a_folder_loads() {
    let n = 600;
    let dir = library_folder("first", n);
    let mut app = loading_library(&dir);
    let mut frames = 0;
    frames_while_loading(&mut app, |app, screen| {
        frames += 1;
        if app.library.items.is_empty() {
            return;
        }
        assert!(
            screen[23].starts_with(" 1/"),
            "row 1 selected: {:?}",
            screen[23]
        );
        let newest = app
            .library
            .items
            .iter()
            .map(|e| e.path.clone())
            .max()
            .expect("entries");
        assert_eq!(app.library.items[app.library.selected].path, newest);
    });
    assert_eq!(app.library.items.len(), n);
    assert!(render(&mut app, 80, 24)[1].contains(&format!("b{:04}", n - 1)));
    assert!(frames > 1, "drawn while loading");
    // Enter opens the newest briefing.
    app.update(Action::Enter);
    let title = app.reader().map(|r| r.briefing.title.clone());
    assert_eq!(title.as_deref(), Some(format!("b{:04}", n - 1).as_str()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn library_selection_stays_on_the_briefing_the_reader_moved_to() {
    let dir = library_folder("moved", 600);
    let mut app = loading_library(&dir);
    let mut chosen: Option<std::path::PathBuf> = None;
    frames_while_loading(&mut app, |app, screen| match &chosen {
        None if app.library.items.len() >= 2 => {
            app.update(Action::Down);
            chosen = Some(app.library.items[app.library.selected].path.clone());
        }
        None => {}
        Some(p) => {
            assert_eq!(&app.library.items[app.library.selected].path, p);
            let pos = app.library.selected + 1;
            assert!(
                screen[23].starts_with(&format!(" {pos}/")),
                "{:?}",
                screen[23]
            );
        }
    });
    assert!(chosen.is_some(), "moved while loading");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_link_list_shows_the_real_host_of_a_deceptive_address() {
    let src = "title = \"t\"\nlanguage = \"en\"\n[[sections]]\nheading = \"h\"\nbody = [\"b\"]\n\
               [[sections.sources]]\nname = \"Google\"\nurl = \"https://www.google.com@evil.example/x\"\n\
               [[sections.sources]]\nname = \"Apple\"\nurl = \"https://\u{430}pple.com/\"\n\
               [[sections.sources]]\nname = \"Tokyo\"\nurl = \"https://例え.jp/\"\n";
    let lib = from_sources(&[("deceptive.toml", src)]);
    let mut app = App::new(lib, true, WidthOptions::default(), (100, 24));
    app.update(Action::NextPage);
    app.update(Action::Links);
    let screen = render(&mut app, 100, 24);
    let has = |s: &str| screen.iter().any(|l| l.contains(s));
    assert!(
        has("[1] §1 Google — evil.example ⚠ the text before @ is not the site"),
        "{screen:#?}"
    );
    assert!(
        has("[2] §1 Apple — xn--pple-43d.com ⚠ the host mixes scripts"),
        "{screen:#?}"
    );
    assert!(has("[3] §1 Tokyo — 例え.jp"), "{screen:#?}");
    assert!(!has("例え.jp ⚠"), "{screen:#?}");
}
