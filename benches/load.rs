//! Loader benchmarks (divan): parsing and validating one large briefing
//! (`synth::large_briefing(2000)`, about 6 MB of Japanese text), and a
//! library of 200 files of about 19 KB each, from memory (one thread) and
//! from a folder (read and parsed on all cores); and `toml`'s parse alone,
//! to see what validation adds.
//!
//! Run with `cargo bench --bench load`.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn parse_large_briefing(bencher: Bencher) {
    let src = yomu::synth::large_briefing(2000);
    assert!(yomu::briefing::parse_str("large.toml", &src).is_ok());
    bencher
        .counter(BytesCount::of_str(&src))
        .bench(|| yomu::briefing::parse_str("large.toml", black_box(&src)).is_ok());
}

/// `toml`'s parse of the whole file alone, on one thread, for comparison.
/// Not a part of `parse_large_briefing`: a file this large is parsed per
/// `[[sections]]` chunk on all cores there, so the two do not subtract.
#[divan::bench(sample_count = 20)]
fn toml_parse_only(bencher: Bencher) {
    let src = yomu::synth::large_briefing(2000);
    bencher
        .counter(BytesCount::of_str(&src))
        .bench(|| toml::de::DeTable::parse(black_box(&src)).is_ok());
}

#[divan::bench(sample_count = 20)]
fn library_from_sources(bencher: Bencher) {
    let files = yomu::synth::library_files(200);
    let items: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| yomu::library::from_sources(black_box(&items)).len());
}

#[divan::bench(sample_count = 20)]
fn library_load_dir(bencher: Bencher) {
    let dir = std::env::temp_dir().join(format!("yomu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut bytes = 0;
    for (name, text) in yomu::synth::library_files(200) {
        bytes += text.len();
        std::fs::write(dir.join(name), text).expect("write");
    }
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let lib = yomu::library::load_dir(black_box(&dir)).expect("load");
        assert_eq!(lib.failures().count(), 0);
        lib.len()
    });
    let _ = std::fs::remove_dir_all(&dir);
}
