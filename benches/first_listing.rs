//! The reader's first listing of a folder, with no cache: every file read
//! for its row (title, date, sections, article ids) as
//! [`yomu::listing::check`] does on a first launch, on all cores, over
//! 10,000 generated briefings (`yomu::synth::archive_briefing`, the files
//! of `benches/library.rs`, about 4 KB each), written once to
//! `$TMPDIR/yomu-archive-b-10000` and reused by later runs. Beside it, one
//! file's row read on one thread, and the same file loaded in full (parsed
//! and validated with its warnings, as `yomu check` and the reader do).
//!
//! Run with `cargo bench --bench first_listing`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const N: usize = 10_000;

fn main() {
    divan::main();
}

/// The folder, generated on first use.
fn folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("yomu-archive-b-{N}"));
        yomu::synth::write_archive(&dir, N).expect("the archive folder");
        dir
    })
}

/// Every file of the folder listed from nothing (no cache, no rows known),
/// on all cores: what a first launch does before its list is complete.
#[divan::bench(sample_count = 5)]
fn list_from_nothing_10k(bencher: divan::Bencher) {
    let dir = folder();
    bencher.bench(|| {
        let c = yomu::listing::check::<yomu::library::Listed>(dir, &[], &|_| {}).expect("listed");
        assert_eq!(c.read, N);
        c
    });
}

/// The first 1,000 files' rows, read one after the other on this thread.
#[divan::bench(sample_count = 5)]
fn rows_one_thread_1k(bencher: divan::Bencher) {
    let files = first_files(1_000);
    bencher.bench(|| {
        files
            .iter()
            .map(|p| yomu::library::Listed::read(p, String::new(), None))
            .filter(|l| l.info.is_ok())
            .count()
    });
}

/// The same files loaded in full, warnings and all, on this thread.
#[divan::bench(sample_count = 5)]
fn full_loads_one_thread_1k(bencher: divan::Bencher) {
    let files = first_files(1_000);
    bencher.bench(|| {
        files
            .iter()
            .filter(|p| yomu::briefing::load_file(p).is_ok())
            .count()
    });
}

fn first_files(n: usize) -> Vec<PathBuf> {
    let dir = folder();
    (0..n)
        .map(|i| dir.join(yomu::synth::archive_briefing(i).0))
        .collect()
}
