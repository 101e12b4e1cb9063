//! `yomu search` side by side with ripgrep (divan), in one run, over the
//! same generated library of Japanese news briefings
//! (`yomu::synth::archive_file`, about 4 KB each; `YOMU_ARCHIVE_FILES`
//! files, default 100,000, generated once into
//! `$TMPDIR/yomu-search-archive-<n>` and kept, as `benches/archive.rs`
//! does):
//!
//! - a rare word (量子暗号, in 10 files) and two common ones (政府, in
//!   about 97 % of the files, and 経済, in nearly all), index warm: `yomu
//!   search` against `rg -l`/`rg -c`, and each common word's `yomu search
//!   -c`/`-l` against `rg -c`/`-l` and its lines against `rg`'s;
//! - `yomu search --no-index` against `rg -l`;
//! - the index built from nothing (`yomu search` with an empty cache)
//!   against `yomu check` of the same folder;
//! - the first search over a 1,000-file library with no cache, against
//!   `yomu search --no-index` of it.
//!
//! Budgets: warm searches no slower than rg; `--no-index` within 2× rg;
//! the build within 3× check; the first search over 1,000 files ≤ 200 ms.
//! The rg rows are skipped (with a note) when `rg` is not installed.
//! Run with `cargo bench --bench ripgrep`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use divan::Bencher;

const COMMON: &str = "政府";

/// The common words: 政府 (in about 97 % of the files) and 経済 (in
/// nearly all, with more matches a file: the most lines to print).
const COMMONS: [&str; 2] = [COMMON, "経済"];

fn main() {
    divan::main();
}

fn count() -> usize {
    std::env::var("YOMU_ARCHIVE_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// Write `n` generated files into `dir` once (a marker says it is whole).
fn generate(dir: &Path, n: usize) {
    let done = dir.join(".complete");
    if done.exists() {
        return;
    }
    std::fs::create_dir_all(dir).expect("library dir");
    let threads = yomu::parallel::workers();
    std::thread::scope(|s| {
        for t in 0..threads {
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

/// The generated library (made once, kept).
fn archive() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let n = count();
        let dir = std::env::temp_dir().join(format!("yomu-search-archive-{n}"));
        generate(&dir, n);
        dir
    })
}

/// A 1,000-file library (made once, kept).
fn small() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("yomu-search-archive-first-1000");
        generate(&dir, 1000);
        dir
    })
}

/// A cache folder whose index of the library is built (by one search).
fn warm_cache() -> PathBuf {
    static CACHE: OnceLock<PathBuf> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let cache = std::env::temp_dir().join(format!("yomu-rg-bench-cache-{}", count()));
            let out = search(&cache, archive(), &[yomu::synth::ARCHIVE_RARE]);
            assert_eq!(out.status.code(), Some(0), "{out:?}");
            cache
        })
        .clone()
}

/// `yomu search ARGS DIR` with the cache at `cache`.
fn search(cache: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yomu"))
        .env("XDG_CACHE_HOME", cache)
        .arg("search")
        .args(args)
        .arg(dir)
        .output()
        .expect("runs")
}

/// Whether ripgrep is installed (said once when it is not).
fn have_rg() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    *HAVE.get_or_init(|| {
        let ok = Command::new("rg")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("rg is not installed: the ripgrep rows are skipped");
        }
        ok
    })
}

/// `rg FLAG WORD DIR` (as a search of the same files would be written).
fn rg(flag: &str, word: &str) -> std::process::Output {
    Command::new("rg")
        .args([flag, word])
        .arg(archive())
        .output()
        .expect("rg runs")
}

#[divan::bench(sample_count = 10)]
fn rare_warm_yomu(bencher: Bencher) {
    let cache = warm_cache();
    bencher.bench(|| {
        let out = search(&cache, archive(), &[yomu::synth::ARCHIVE_RARE]);
        assert_eq!(out.status.code(), Some(0));
    });
}

#[divan::bench(sample_count = 10)]
fn rare_rg_l(bencher: Bencher) {
    if !have_rg() {
        return;
    }
    bencher.bench(|| assert_eq!(rg("-l", yomu::synth::ARCHIVE_RARE).status.code(), Some(0)));
}

#[divan::bench(sample_count = 5, args = COMMONS)]
fn common_warm_yomu(bencher: Bencher, word: &str) {
    let cache = warm_cache();
    bencher.bench(|| {
        let out = search(&cache, archive(), &[word]);
        assert_eq!(out.status.code(), Some(0));
    });
}

#[divan::bench(sample_count = 5, args = COMMONS)]
fn common_rg_c(bencher: Bencher, word: &str) {
    if !have_rg() {
        return;
    }
    bencher.bench(|| assert_eq!(rg("-c", word).status.code(), Some(0)));
}

/// The common word's lines, counts and files beside ripgrep's: `yomu
/// search` / `-c` / `-l` against `rg` (its lines read from a pipe, as the
/// output is), `rg -c` and `rg -l`.
#[divan::bench(sample_count = 5, args = ["-c 政府", "-l 政府", "-c 経済", "-l 経済"])]
fn common_warm_yomu_flag(bencher: Bencher, flag_word: &str) {
    let cache = warm_cache();
    let args: Vec<&str> = flag_word.split(' ').collect();
    bencher.bench(|| {
        let out = search(&cache, archive(), &args);
        assert_eq!(out.status.code(), Some(0));
    });
}

#[divan::bench(sample_count = 5, args = COMMONS)]
fn common_rg_l(bencher: Bencher, word: &str) {
    if !have_rg() {
        return;
    }
    bencher.bench(|| assert_eq!(rg("-l", word).status.code(), Some(0)));
}

#[divan::bench(sample_count = 5, args = COMMONS)]
fn common_rg_lines(bencher: Bencher, word: &str) {
    if !have_rg() {
        return;
    }
    bencher.bench(|| assert_eq!(rg("-e", word).status.code(), Some(0)));
}

#[divan::bench(sample_count = 3)]
fn rare_no_index_yomu(bencher: Bencher) {
    let cache = warm_cache();
    bencher.bench(|| {
        let out = search(
            &cache,
            archive(),
            &["--no-index", yomu::synth::ARCHIVE_RARE],
        );
        assert_eq!(out.status.code(), Some(0));
    });
}

#[divan::bench(sample_count = 3)]
fn build_from_nothing_yomu(bencher: Bencher) {
    let cache = std::env::temp_dir().join(format!("yomu-rg-bench-cold-{}", std::process::id()));
    bencher.bench(|| {
        let _ = std::fs::remove_dir_all(&cache);
        let out = search(&cache, archive(), &[yomu::synth::ARCHIVE_RARE]);
        assert_eq!(out.status.code(), Some(0));
    });
    let _ = std::fs::remove_dir_all(&cache);
}

#[divan::bench(sample_count = 3)]
fn check_yomu(bencher: Bencher) {
    bencher.bench(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_yomu"))
            .arg("check")
            .arg(archive())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
    });
}

#[divan::bench(sample_count = 10)]
fn first_search_1000_no_cache(bencher: Bencher) {
    let cache = std::env::temp_dir().join(format!("yomu-rg-bench-first-{}", std::process::id()));
    bencher.bench(|| {
        let _ = std::fs::remove_dir_all(&cache);
        let out = search(&cache, small(), &[yomu::synth::ARCHIVE_RARE]);
        assert!(out.status.code().is_some_and(|c| c <= 1));
    });
    let _ = std::fs::remove_dir_all(&cache);
}

#[divan::bench(sample_count = 10)]
fn first_1000_no_index(bencher: Bencher) {
    let cache = std::env::temp_dir().join("yomu-rg-bench-none");
    bencher.bench(|| {
        let out = search(&cache, small(), &["--no-index", yomu::synth::ARCHIVE_RARE]);
        assert!(out.status.code().is_some_and(|c| c <= 1));
    });
}
