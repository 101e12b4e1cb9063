//! Archive-scale benchmarks (divan) over 100,000 generated briefings of
//! about 4 KB each (`yomu::synth::archive_file`), side by side in one run:
//!
//! - `yomu search 量子暗号 DIR` (10 files match) with the index warm (the
//!   folder listed and every file statted, as every search does), and
//!   `grep -r 量子暗号 DIR` over the same files;
//! - building the index from nothing (`yomu search` with an empty cache:
//!   the build, then the search), and `yomu check DIR` of the same folder;
//! - `yomu search --no-index` (every file read, as before the index);
//! - the parts of a warm search: listing the folder and statting every
//!   file, the index's candidates.
//!
//! Budgets: warm search ≤ 50 ms and ≥ 20× faster than grep; the build no
//! slower than 2× check. The index's size is printed at the end.
//!
//! The library is generated once into `$TMPDIR/yomu-search-archive-<n>` and kept
//! for later runs (delete it when done); `YOMU_ARCHIVE_FILES` sets its
//! size (default 100,000). Run with `cargo bench --bench archive`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use divan::Bencher;
use yomu::search::SearchOptions;

fn main() {
    divan::main();
    let cache = cache_dir(&warm_cache());
    let size = dir_size(&cache);
    eprintln!(
        "index of {} files: {} bytes ({:.1} MB, {:.0} bytes a file); the files: {:.1} MB",
        files().len(),
        size,
        size as f64 / 1e6,
        size as f64 / files().len() as f64,
        dir_size(archive()) as f64 / 1e6
    );
}

fn count() -> usize {
    std::env::var("YOMU_ARCHIVE_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// The generated library (made once, kept).
fn archive() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let n = count();
        let dir = std::env::temp_dir().join(format!("yomu-search-archive-{n}"));
        let done = dir.join(".complete");
        if !done.exists() {
            std::fs::create_dir_all(&dir).expect("archive dir");
            let threads = yomu::parallel::workers();
            std::thread::scope(|s| {
                for t in 0..threads {
                    let dir = &dir;
                    s.spawn(move || {
                        for i in (t..n).step_by(threads) {
                            let (name, text) = yomu::synth::archive_file(i);
                            std::fs::write(dir.join(name), text).expect("write");
                        }
                    });
                }
            });
            std::fs::write(&done, "").expect("marker");
        }
        dir
    })
}

fn files() -> &'static [PathBuf] {
    static FILES: OnceLock<Vec<PathBuf>> = OnceLock::new();
    FILES.get_or_init(|| yomu::library::briefing_files(archive()).expect("list"))
}

/// A cache folder whose index is built (by one search).
fn warm_cache() -> PathBuf {
    static CACHE: OnceLock<PathBuf> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let cache = std::env::temp_dir().join(format!("yomu-search-archive-cache-{}", count()));
            let out = search(&cache, &[]);
            assert_eq!(out.status.code(), Some(0), "{out:?}");
            cache
        })
        .clone()
}

/// The index folder inside a cache.
fn cache_dir(cache: &Path) -> PathBuf {
    cache.join("yomu").join("index")
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// `yomu search [extra] 量子暗号 DIR` with the cache at `cache`.
fn search(cache: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yomu"))
        .env("XDG_CACHE_HOME", cache)
        .arg("search")
        .args(extra)
        .arg(yomu::synth::ARCHIVE_RARE)
        .arg(archive())
        .output()
        .expect("runs")
}

/// `yomu search 量子暗号 DIR`, index warm: the folder listed and every
/// file statted (nothing changed), the candidates read: 10 files match.
#[divan::bench(sample_count = 20)]
fn search_rare_warm(bencher: Bencher) {
    let cache = warm_cache();
    bencher.bench(|| {
        let out = search(&cache, &[]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(out.stdout.split(|&b| b == b'\n').count(), 11);
    });
}

/// `grep -r 量子暗号 DIR` over the same files.
#[divan::bench(sample_count = 10)]
fn grep_r_rare(bencher: Bencher) {
    let dir = archive();
    bencher.bench(|| {
        let out = Command::new("grep")
            .args(["-r", yomu::synth::ARCHIVE_RARE])
            .arg(dir)
            .output()
            .expect("grep runs");
        assert_eq!(out.status.code(), Some(0));
    });
}

/// `yomu search --no-index 量子暗号 DIR`: every file read and searched.
#[divan::bench(sample_count = 3)]
fn search_rare_no_index(bencher: Bencher) {
    let cache = warm_cache();
    bencher.bench(|| {
        let out = search(&cache, &["--no-index"]);
        assert_eq!(out.status.code(), Some(0));
    });
}

/// `yomu search 量子暗号 DIR` with an empty cache: the index built from
/// nothing, then the search.
#[divan::bench(sample_count = 3)]
fn index_build_from_nothing(bencher: Bencher) {
    let cache =
        std::env::temp_dir().join(format!("yomu-search-archive-cold-{}", std::process::id()));
    bencher.bench(|| {
        let _ = std::fs::remove_dir_all(&cache);
        let out = search(&cache, &[]);
        assert_eq!(out.status.code(), Some(0));
    });
    let _ = std::fs::remove_dir_all(&cache);
}

/// `yomu check DIR` of the same folder.
#[divan::bench(sample_count = 3)]
fn check_folder(bencher: Bencher) {
    let dir = archive();
    bencher.bench(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_yomu"))
            .arg("check")
            .arg(dir)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
}

/// Listing the folder's `*.toml` files and statting each (in process, on
/// all cores): what every search does before asking the index.
#[divan::bench(sample_count = 10)]
fn part_list_and_stat() -> usize {
    yomu::index::list_folder(archive()).expect("list").len()
}

/// The index's candidates for the rare query, given the stamps (in process).
#[divan::bench(sample_count = 10)]
fn part_candidates(bencher: Bencher) {
    let stamps = yomu::index::stamp_files(files());
    // SAFETY: set before any thread of this bench reads the environment.
    unsafe { std::env::set_var("XDG_CACHE_HOME", warm_cache()) };
    let index = yomu::index::LibraryIndex::open(archive()).expect("open");
    bencher.bench(|| {
        index
            .candidates(yomu::synth::ARCHIVE_RARE, SearchOptions::default(), &stamps)
            .expect("candidates")
            .len()
    });
}
