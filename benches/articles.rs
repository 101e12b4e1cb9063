//! The reading state at scale: a folder of 100,000 briefings of 10
//! articles each (1,000,000 articles, every section with an `id`), written
//! once to `$TMPDIR/yomu-articles-100000`, and SQLite states built once
//! beside it:
//!
//! - `read`: all 1,000,000 articles of the folder read;
//! - `history`: 1,000,000 articles of other briefings read (years of
//!   reading), none of the folder's.
//!
//! Measured:
//!
//! - the reader's first frame, warm, with the `read` state (every count
//!   from the state: no ●, no unread in the header), and without any state
//!   for comparison;
//! - `A`, `y` and quitting (the connection closed) over the 100,000
//!   briefings with the `history` state: 1,000,000 marks written in one
//!   transaction.
//!
//! The database sizes are printed when the states are built. The cache
//! and states live in `$TMPDIR/yomu-articles-*`. Run with
//! `cargo bench --bench articles`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use yomu::state::Store;
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

const SIZE: (usize, usize) = (80, 24);
const N: usize = 100_000;
const PER: usize = 10;

const THEME: Theme = Theme {
    color: true,
    light: false,
};

fn main() {
    let cache = std::env::temp_dir().join("yomu-articles-cache");
    // SAFETY: nothing else runs yet; no other thread reads the environment.
    unsafe { std::env::set_var("XDG_CACHE_HOME", &cache) };
    divan::main();
}

/// One generated briefing of [`PER`] articles.
fn briefing(i: usize) -> String {
    let mut s = format!(
        "title = \"日報 第{i}号\"\npublished = 20{:02}-{:02}-{:02}\n",
        10 + i % 15,
        1 + i % 12,
        1 + i % 28
    );
    for k in 0..PER {
        s.push_str(&format!(
            "\n[[sections]]\nid = \"https://news.example.jp/{i}/{k}\"\nheading = \"記事 {i}-{k}\"\n\
             body = [\"短い本文です。\"]\n"
        ));
    }
    s
}

/// The folder (generated on first use, its cache written).
fn folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("yomu-articles-{N}"));
        let done = dir.join(".complete");
        if !done.exists() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("folder");
            let all: Vec<usize> = (0..N).collect();
            yomu::parallel::map(&all, 256, |&i| {
                std::fs::write(dir.join(format!("b{i:06}.toml")), briefing(i)).expect("write");
            });
            std::fs::write(&done, "").expect("marker");
        }
        let known = yomu::listing::cached(&dir).unwrap_or_default();
        let scanned = yomu::listing::check(&dir, &known, &|_| {}).expect("scan");
        scanned.save();
        dir
    })
}

/// `(key, articles)` of every briefing of the folder, from its cache.
fn briefings() -> Vec<(String, Arc<[u64]>)> {
    yomu::listing::cached(folder())
        .expect("cache")
        .into_iter()
        .filter_map(|l| Some((l.key, Arc::clone(&l.info.ok()?.articles))))
        .collect()
}

/// A state folder built once by `fill`; its database size printed.
fn state(name: &str, fill: fn(&mut Store)) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yomu-articles-state-v4-{name}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let (store, _, problems) = Store::open_in(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        let mut store = store.expect("store");
        let t = std::time::Instant::now();
        fill(&mut store);
        eprintln!("state {name}: filled in {:?}", t.elapsed());
        drop(store);
        std::fs::write(&done, "").expect("marker");
    }
    let size: u64 = ["state.db", "state.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    eprintln!("state {name}: {:.1} MB", size as f64 / 1e6);
    dir
}

/// Every article of the folder read.
fn read_state() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        state("read", |s| {
            s.mark_all(&briefings()).expect("marked");
        })
    })
}

/// 1,000,000 articles of other briefings read.
fn history_state() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        state("history", |s| {
            let old: Vec<(String, Arc<[u64]>)> = briefings()
                .into_iter()
                .map(|(k, a)| (format!("/history{k}"), a))
                .collect();
            s.mark_all(&old).expect("marked");
        })
    })
}

/// The reader on the folder, listed from the cache, with the state in `dir`.
fn open(state: Option<&Path>) -> App {
    let mut app = App::new(
        yomu::library::Library::default(),
        false,
        WidthOptions::default(),
        SIZE,
    );
    app.open_folder(folder()).expect("folder");
    if let Some(dir) = state {
        let (store, st, problems) = Store::open_in(dir);
        assert!(problems.is_empty(), "{problems:?}");
        app.set_store(store, st);
    }
    app
}

/// `yomu FOLDER`'s first frame with 1,000,000 articles read: the state
/// opened and read, the list from the cache, every count from the state.
#[divan::bench(sample_count = 10)]
fn first_frame_warm_1m_read(bencher: divan::Bencher) {
    let dir = read_state();
    bencher.bench_local(|| {
        let mut app = open(Some(dir));
        let buf = view::render(&mut app, SIZE.0 as u16, SIZE.1 as u16, THEME);
        let header = &view::rows(&buf)[0];
        assert!(
            header.contains("100000 briefings") && !header.contains("unread"),
            "{header}"
        );
        (app, buf)
    });
}

/// The same first frame with no state at all, for comparison.
#[divan::bench(sample_count = 10)]
fn first_frame_warm_no_state(bencher: divan::Bencher) {
    folder();
    bencher.bench_local(|| {
        let mut app = open(None);
        let buf = view::render(&mut app, SIZE.0 as u16, SIZE.1 as u16, THEME);
        assert!(view::rows(&buf)[0].contains("1000000 unread"));
        (app, buf)
    });
}

/// `A`, `y` and quit over 100,000 briefings of 10 unread articles, with
/// 1,000,000 other articles read in the state: 1,000,000 marks written.
#[divan::bench(sample_count = 3)]
fn mark_all_read_and_quit_1m(bencher: divan::Bencher) {
    let template = history_state();
    bencher
        .with_inputs(|| {
            let dir = std::env::temp_dir().join("yomu-articles-state-v4-run");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("dir");
            for f in ["state.db", "state.db-wal"] {
                if template.join(f).exists() {
                    std::fs::copy(template.join(f), dir.join(f)).expect("copy");
                }
            }
            open(Some(&dir))
        })
        .bench_local_values(|mut app| {
            app.update(Action::MarkAllRead);
            app.update(Action::Insert('y'));
            let buf = view::render(&mut app, SIZE.0 as u16, SIZE.1 as u16, THEME);
            assert!(
                view::rows(&buf)[23].contains("1,000,000 articles marked read"),
                "{}",
                view::rows(&buf)[23]
            );
            drop(app);
        });
    let dir = std::env::temp_dir().join("yomu-articles-state-v4-run");
    let size: u64 = ["state.db", "state.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    eprintln!(
        "state after marking (2,000,000 articles read): {:.1} MB",
        size as f64 / 1e6
    );
}
