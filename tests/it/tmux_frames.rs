//! The real binary in tmux shows exactly the frame the layout computed:
//! `capture-pane` is compared, row by row, with the same view drawn in
//! process, page after page (and scrolled), for the sample briefings and
//! for one full of halfwidth kana and emoji, and in vertical writing.
//!
//! The emoji are kinds tmux (3.3a here) draws as wide as the layout does:
//! plain emoji, flags, ZWJ sequences. It draws skin-tone modifiers wider
//! and keycaps and VS16 emoji narrower (see `tests/common/vt.rs`); those
//! are covered by the terminal-model tests (`tests/it/terminal_frames.rs`).

use crate::common::{TempDir, Tmux, have_tmux, yomu_bin};
use std::time::{Duration, Instant};
use yomu::library::from_sources;
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

const W: u16 = 80;
const H: u16 = 24;

/// The rows the layout computed for `app` at W×H.
fn laid_out(app: &mut App) -> Vec<String> {
    let theme = Theme {
        color: false,
        light: false,
    };
    view::rows(&view::frame(app, W, H, theme))
}

/// The pane's rows, trailing spaces trimmed.
fn pane(t: &Tmux) -> Vec<String> {
    t.screen()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// Wait until the pane shows `want`, or fail showing both.
fn wait_screen(t: &Tmux, want: &[String], what: &str) {
    let start = Instant::now();
    loop {
        let got = pane(t);
        if got == want {
            return;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let y = got.iter().zip(want).position(|(a, b)| a != b);
            panic!(
                "{what}: first difference at row {y:?}\n pane:   {:?}\n layout: {:?}\npane:\n{}",
                y.and_then(|y| got.get(y)),
                y.and_then(|y| want.get(y)),
                got.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Open `path` in tmux and in process; compare every page, also scrolled
/// (in vertical writing, after `v`, when `vertical`).
fn compare_every_page(tag: &str, path: &std::path::Path, vertical: bool) {
    let toml = std::fs::read_to_string(path).expect("briefing");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
    let mut app = App::new(
        from_sources(&[(name, toml.as_str())]),
        true,
        WidthOptions::default(),
        (usize::from(W), usize::from(H)),
    );
    let pages = app.reader().map_or(0, |r| r.pages());
    assert!(pages > 1, "{name}");
    let t = Tmux::start(tag, W, H, &[("NO_COLOR", "1".into())]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        path.display()
    ));
    if vertical {
        wait_screen(&t, &laid_out(&mut app), &format!("{name} cover"));
        t.keys(&["v"]);
        app.update(Action::ToggleVertical);
    }
    for p in 0..pages {
        wait_screen(&t, &laid_out(&mut app), &format!("{name} page {p}"));
        t.keys(&["j", "j", "j"]);
        for _ in 0..3 {
            app.update(Action::Down);
        }
        wait_screen(
            &t,
            &laid_out(&mut app),
            &format!("{name} page {p}, scrolled"),
        );
        t.keys(&["l"]);
        app.update(Action::NextPage);
    }
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn samples_in_tmux_show_the_laid_out_lines() {
    if !have_tmux() {
        return;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
    for (i, name) in [
        "yomu-guide.toml",
        "bilingual-tech.toml",
        "zelensky-peace-2025.toml",
    ]
    .iter()
    .enumerate()
    {
        compare_every_page(
            &format!("truth{i}"),
            &std::path::Path::new(dir).join(name),
            false,
        );
    }
}

#[test]
fn halfwidth_kana_and_emoji_in_tmux_show_the_laid_out_lines() {
    if !have_tmux() {
        return;
    }
    let dir = TempDir::new("e2e-kana");
    let line = "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ半角カナ📰ﾃﾞｨｽﾌﾟﾚｲ🇯🇵ｶﾞｲﾄﾞ👨\u{200d}👩\u{200d}👧ｻﾞｼﾞｽﾞｾﾞｿﾞe\u{301}";
    let mut toml =
        format!("title = \"ｶﾞｲﾄﾞ📰\"\nsummary = \"{line}\"\ntags = [\"ｶﾞｲﾄﾞ\", \"🇯🇵 日本語\"]\n");
    for s in 0..3 {
        toml.push_str(&format!(
            "[[sections]]\nheading = \"「ﾃﾞｨｽﾌﾟﾚｲ」{s}\"\nbody = [\"{}\", \"{}\"]\n",
            line.repeat(4),
            line.repeat(9)
        ));
    }
    let path = dir.join("kana.toml");
    std::fs::write(&path, toml).expect("write");
    compare_every_page("truthkana", &path, false);
}

#[test]
fn vertical_pages_in_tmux_show_the_laid_out_columns() {
    if !have_tmux() {
        return;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
    for (i, name) in ["yomu-guide.toml", "zelensky-peace-2025.toml"]
        .iter()
        .enumerate()
    {
        compare_every_page(
            &format!("truthtate{i}"),
            &std::path::Path::new(dir).join(name),
            true,
        );
    }
}
