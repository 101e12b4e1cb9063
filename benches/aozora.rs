//! Aozora Bunko benchmarks (divan), on 坊っちゃん (210 kB of Shift_JIS, 3,044
//! readings, vendored in tests/corpus/aozora):
//!
//! - `import_botchan`: yomu's importer, bytes to checked briefing TOML
//!   ([`yomu::feeds::aozora::import`]: decoding, the structure, the TOML
//!   written and parsed back by the loader);
//! - `aozora_crate_parse`: the `aozora` crate (the peer parser) decoding the
//!   same bytes and parsing them into its document tree, diagnostics
//!   included, for comparison;
//! - `apply_notes`: format 1.2's notes applied to every paragraph of the
//!   imported briefing ([`yomu::text::notes::apply`]), as the layout does.
//!
//! Run with `cargo bench --bench aozora`.

use divan::Bencher;

fn main() {
    divan::main();
}

fn botchan() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/aozora/botchan.txt"
    ))
    .expect("tests/corpus/aozora/botchan.txt")
}

#[divan::bench]
fn import_botchan(b: Bencher) {
    let bytes = botchan();
    b.bench(|| yomu::feeds::aozora::import(divan::black_box(&bytes), None).expect("imports"));
}

#[divan::bench]
fn aozora_crate_parse(b: Bencher) {
    let bytes = botchan();
    b.bench(|| {
        let text = aozora::decode_sjis(divan::black_box(&bytes)).expect("Shift_JIS");
        let doc = aozora::parse(text).expect("parses");
        doc.snapshot().diagnostics().len()
    });
}

#[divan::bench]
fn apply_notes(b: Bencher) {
    let toml = yomu::feeds::aozora::import(&botchan(), None).expect("imports");
    let briefing = yomu::briefing::parse_str("botchan.toml", &toml)
        .expect("valid")
        .briefing;
    let paragraphs: Vec<&String> = briefing.sections.iter().flat_map(|s| &s.body).collect();
    b.bench(|| {
        paragraphs
            .iter()
            .map(|p| yomu::text::notes::apply(p).text.len())
            .sum::<usize>()
    });
}
