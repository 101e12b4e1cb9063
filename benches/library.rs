//! The library at archive scale: a folder of 100,000 generated briefings
//! (`yomu::synth::archive_briefing`, about 4 KB each, 0.4 GB), written
//! once to `$TMPDIR/yomu-archive-b-100000` and reused by later runs.
//!
//! - the reader's first frame, warm: the list drawn from the metadata cache
//!   (the check against the files starts in the background);
//! - a filter keystroke: `/` and a first letter, one frame drawn (the rows
//!   are found in the background);
//! - a rare word typed into the filter until all its rows are found
//!   (through the search index);
//! - the parts: reading the cache, and the check against the files with
//!   nothing changed (list the folder, stat 100,000 files).
//!
//! The cache lives in `$TMPDIR/yomu-archive-cache` (`XDG_CACHE_HOME` is set
//! for this process). Run with `cargo bench --bench library`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

const SIZE: (usize, usize) = (80, 24);
const N: usize = 100_000;

fn main() {
    // Before any thread starts: this process's own cache folder.
    let cache = std::env::temp_dir().join("yomu-archive-cache");
    // SAFETY: nothing else runs yet; no other thread reads the environment.
    unsafe { std::env::set_var("XDG_CACHE_HOME", &cache) };
    divan::main();
}

/// The archive folder, generated on first use, its cache written.
fn archive() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("yomu-archive-b-{N}"));
        yomu::synth::write_archive(&dir, N).expect("the archive folder");
        // The cache and the search index, as a first launch leaves them.
        let known = yomu::listing::cached(&dir).unwrap_or_default();
        let scanned = yomu::listing::check(&dir, &known, &|_| {}).expect("scan");
        scanned.save();
        let listed = scanned.listed.unwrap_or(known);
        let stamps = yomu::listing::stamps(listed.iter().map(|l| (&l.path, l.stamp)));
        assert!(
            yomu::tui::library::index::update(&dir, stamps, &mut |_, _| {}).is_some(),
            "an index"
        );
        dir
    })
}

const THEME: Theme = Theme {
    color: true,
    light: false,
};

/// The reader on the archive, listed from the cache.
fn open() -> App {
    let mut app = App::new(
        yomu::library::Library::default(),
        false,
        WidthOptions::default(),
        SIZE,
    );
    app.open_folder(archive()).expect("folder");
    app
}

/// The reader on the archive once its check has ended.
fn listed() -> App {
    let mut app = open();
    app.start_background();
    while app.busy() {
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    app
}

/// What `yomu FOLDER` does before its first frame: the list from the
/// cache, one frame drawn (the check against the files starts after it).
#[divan::bench(sample_count = 10)]
fn first_frame_warm_100k(bencher: divan::Bencher) {
    archive();
    bencher.bench_local(|| {
        let mut app = open();
        let buf = view::render(&mut app, SIZE.0 as u16, SIZE.1 as u16, THEME);
        assert!(view::rows(&buf)[0].contains("briefings"));
        (app, buf)
    });
}

/// `/` and a first letter in the list of 100,000, one frame drawn.
#[divan::bench(sample_count = 10)]
fn filter_keystroke_100k(bencher: divan::Bencher) {
    archive();
    bencher.with_inputs(listed).bench_local_values(|mut app| {
        app.update(Action::Search);
        app.update(Action::Insert('半'));
        let buf = view::render(&mut app, SIZE.0 as u16, SIZE.1 as u16, THEME);
        (app, buf)
    });
}

/// One more letter typed while the first one's rows are being found.
#[divan::bench(sample_count = 10)]
fn filter_next_keystroke_100k(bencher: divan::Bencher) {
    archive();
    bencher
        .with_inputs(|| {
            let mut app = listed();
            app.update(Action::Search);
            app.update(Action::Insert('半'));
            app
        })
        .bench_local_values(|mut app| {
            app.update(Action::Insert('導'));
            app.poll_background();
            let buf = view::render(&mut app, SIZE.0 as u16, SIZE.1 as u16, THEME);
            (app, buf)
        });
}

/// `/` and a rare word (in the body of 10 files of 100,000) until every
/// row is found: titles at once, the index's candidates read and
/// confirmed, in the background.
#[divan::bench(sample_count = 10)]
fn filter_rare_word_until_done_100k(bencher: divan::Bencher) {
    archive();
    bencher
        .with_inputs(|| {
            let mut app = listed();
            // The index is asked once the check has handed it over.
            while app.library.checking() {
                app.poll_background();
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            assert!(app.library.indexed());
            app
        })
        .bench_local_values(|mut app| {
            app.update(Action::Search);
            for c in yomu::synth::ARCHIVE_RARE.chars() {
                app.update(Action::Insert(c));
            }
            while app.busy() {
                app.poll_background();
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            assert_eq!(app.library.shown().len(), N / 10_000);
            app
        });
}

/// The metadata cache of 100,000 files read and decoded.
#[divan::bench(sample_count = 10)]
fn cache_load_100k(bencher: divan::Bencher) {
    let dir = archive();
    bencher.bench(|| yomu::listing::cached(dir));
}

/// The check against the files when nothing changed: list the folder,
/// stat every file, compare (the background work after the first frame).
#[divan::bench(sample_count = 5)]
fn check_unchanged_100k(bencher: divan::Bencher) {
    let dir = archive();
    bencher
        .with_inputs(|| yomu::listing::cached(dir).unwrap_or_default())
        .bench_local_values(|known| {
            let s = yomu::listing::check(dir, &known, &|_| {}).expect("scan");
            assert!(!s.changed() && s.read == 0);
            (s, known)
        });
}
