//! Search benchmarks (divan): one incremental keystroke in the reader on the
//! ~6 MB briefing (`synth::large_briefing(2000)`, every page laid out and
//! indexed beforehand), opening the search there (the `/` keystroke, and
//! the background layout + index of every page until matches show), and
//! `yomu search` over a library of 1,000 files (~19 MB), through the real
//! binary and in process.
//!
//! Budgets: a keystroke under 50 ms; `yomu search` over the library under
//! 200 ms. Run with `cargo bench --bench search`.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use ratatui::buffer::Buffer;
use yomu::library::from_sources;
use yomu::search::{SearchOptions, prepare_query, search_briefing};
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

const SIZE: (usize, usize) = (80, 24);

fn main() {
    divan::main();
    if let Some(dir) = LIBRARY.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

static LIBRARY: OnceLock<PathBuf> = OnceLock::new();

fn big() -> &'static str {
    static SRC: OnceLock<String> = OnceLock::new();
    SRC.get_or_init(|| yomu::synth::large_briefing(2000))
}

/// The 1,000-file library written to a temporary folder once.
fn library_dir() -> &'static PathBuf {
    LIBRARY.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("yomu-bench-search-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        for (name, text) in yomu::synth::library_files(1000) {
            std::fs::write(dir.join(name), text).expect("write");
        }
        dir
    })
}

const THEME: Theme = Theme {
    color: true,
    light: false,
};

fn frame(app: &mut App) -> Buffer {
    view::render(app, SIZE.0 as u16, SIZE.1 as u16, THEME)
}

fn big_app() -> App {
    App::new(
        from_sources(&[("big.toml", big())]),
        true,
        WidthOptions::default(),
        SIZE,
    )
}

/// Wait for the background search index.
fn indexed(app: &mut App) {
    while !app.poll_background() {
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// `/` on the 6 MB briefing: the keystroke itself (the index is built on a
/// background thread).
#[divan::bench(sample_count = 10)]
fn open_search_6mb(bencher: Bencher) {
    bencher.with_inputs(big_app).bench_local_values(|mut app| {
        app.update(Action::Search);
        app
    });
}

/// `/` on the 6 MB briefing until the matches can be shown: all 2,001
/// pages laid out and indexed in the background.
#[divan::bench(sample_count = 10)]
fn index_6mb_in_background(bencher: Bencher) {
    bencher.with_inputs(big_app).bench_local_values(|mut app| {
        app.update(Action::Search);
        app.update(Action::Insert('政'));
        indexed(&mut app);
        app
    });
}

/// One keystroke in the prompt (alternately typing `府` after `政` and
/// deleting it): every page searched again, the view moved to the first
/// match, and a frame drawn with the highlights.
fn keystroke(bencher: Bencher, first: char, second: char) {
    let mut app = big_app();
    app.update(Action::Search);
    app.update(Action::Insert(first));
    indexed(&mut app);
    frame(&mut app);
    let mut typed = false;
    bencher.bench_local(|| {
        app.update(if typed {
            Action::DeleteBack
        } else {
            Action::Insert(second)
        });
        typed = !typed;
        frame(&mut app)
    });
    let hits = app
        .reader()
        .and_then(|r| r.find.as_ref())
        .map_or(0, |f| f.hits.len());
    assert!(hits > 0, "the query matches");
}

/// `政` ⇄ `政府`: a common word, thousands of matches.
#[divan::bench(sample_count = 50)]
fn keystroke_6mb_common_word(bencher: Bencher) {
    keystroke(bencher, '政', '府');
}

/// `の` ⇄ `のa`: the most common character (~10^5 matches) and then none.
#[divan::bench(sample_count = 50)]
fn keystroke_6mb_most_common_char(bencher: Bencher) {
    keystroke(bencher, 'の', 'a');
}

/// `yomu search 半導体 DIR` through the binary (process start, load of
/// 1,000 files on all cores, search, output to a pipe).
#[divan::bench(sample_count = 10)]
fn cli_search_library_1000(bencher: Bencher) {
    let dir = library_dir();
    let bin = env!("CARGO_BIN_EXE_yomu");
    bencher.bench(|| {
        let out = std::process::Command::new(bin)
            .args(["search", "半導体"])
            .arg(dir)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        out.stdout.len()
    });
}

/// The search alone over the 1,000 loaded briefings (no I/O, no parse).
#[divan::bench(sample_count = 10)]
fn search_loaded_library_1000(bencher: Bencher) {
    let lib = yomu::library::load_dir(library_dir()).expect("load");
    let opts = SearchOptions::default();
    let q = prepare_query("半導体", opts).expect("query");
    bencher.bench(|| {
        lib.briefings()
            .map(|b| search_briefing(black_box(b), &q, opts).len())
            .sum::<usize>()
    });
}

/// The library of 1,000 briefings in the reader's list.
fn library_app() -> App {
    App::new(
        yomu::library::load_dir(library_dir()).expect("load"),
        false,
        WidthOptions::default(),
        SIZE,
    )
}

/// Wait for the library filter's texts, built in the background.
fn texts_ready(app: &mut App) {
    while app.library.filter_pending() {
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// `/` in the library list and the first letter typed, a frame drawn (the
/// texts are normalised on a background thread).
#[divan::bench(sample_count = 10)]
fn filter_open_library_1000(bencher: Bencher) {
    bencher
        .with_inputs(library_app)
        .bench_local_values(|mut app| {
            app.update(Action::Search);
            app.update(Action::Insert('半'));
            frame(&mut app);
            app
        });
}

/// `/` in the library list until the list is filtered: every briefing's
/// text normalised in the background.
#[divan::bench(sample_count = 10)]
fn filter_ready_library_1000(bencher: Bencher) {
    bencher
        .with_inputs(library_app)
        .bench_local_values(|mut app| {
            app.update(Action::Search);
            app.update(Action::Insert('半'));
            texts_ready(&mut app);
            frame(&mut app);
            app
        });
}

/// One more keystroke in the library filter (`半` ⇄ `半導`).
#[divan::bench(sample_count = 50)]
fn filter_keystroke_library_1000(bencher: Bencher) {
    let mut app = library_app();
    app.update(Action::Search);
    app.update(Action::Insert('半'));
    texts_ready(&mut app);
    frame(&mut app);
    let mut typed = false;
    bencher.bench_local(|| {
        app.update(if typed {
            Action::DeleteBack
        } else {
            Action::Insert('導')
        });
        typed = !typed;
        frame(&mut app)
    });
}
