//! What an index build costs, piece by piece, against what `yomu check`
//! does with the same files (divan): why building the search index from
//! nothing takes several times a check, whatever the tokens.
//!
//! Over 10,000 generated briefings of about 4 KB (`yomu::synth::archive_file`,
//! the archive bench's files), held in memory, everything on one thread:
//!
//! - `check_parse`: parsing and validating each file, as `yomu check` does
//!   (without reading it from disk);
//! - `doc_text`: the same plus the text the index holds (NFKC, lower
//!   case, kana folded: [`yomu::index::tokens::doc_text`]);
//! - `tantivy_*`: tantivy indexing those texts (already made) on one
//!   indexing thread into a RAM directory, with yomu's tokenizers:
//!   - `yomu_schema`: what yomu indexes (bigrams with positions, and each
//!     character once);
//!   - `bigrams_positions`: the bigrams alone;
//!   - `bigrams_no_positions`: the bigrams, no positions (an AND of
//!     bigrams instead of a phrase);
//!   - `unigrams_no_positions`: each character once per file, nothing
//!     else: the least any index of characters can hold.
//!
//! Run with `cargo bench --bench index_cost`.

use std::sync::OnceLock;

use divan::Bencher;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};
use yomu::index::tokens::{Bigrams, Unigrams, doc_text};

const FILES: usize = 10_000;

fn main() {
    divan::main();
}

fn sources() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| (0..FILES).map(|i| yomu::synth::archive_file(i).1).collect())
}

fn texts() -> &'static [String] {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        sources()
            .iter()
            .map(|s| {
                doc_text(
                    &yomu::briefing::parse_str("f.toml", s)
                        .expect("valid")
                        .briefing,
                )
            })
            .collect()
    })
}

#[divan::bench(sample_count = 5)]
fn check_parse() -> usize {
    sources()
        .iter()
        .map(|s| yomu::briefing::parse_str("f.toml", s).map_or(0, |l| l.warnings.len()))
        .sum()
}

#[divan::bench(sample_count = 5)]
fn doc_text_after_parse() -> usize {
    sources()
        .iter()
        .map(|s| yomu::briefing::parse_str("f.toml", s).map_or(0, |l| doc_text(&l.briefing).len()))
        .sum()
}

/// Index every text into fields `(tokenizer, with positions)`, one
/// indexing thread, 48 MB (as each of yomu's threads has).
fn index(bencher: Bencher, fields: &[(&str, bool)]) {
    let texts = texts();
    bencher.bench(|| {
        let mut b = Schema::builder();
        let made: Vec<_> = fields
            .iter()
            .enumerate()
            .map(|(i, (tok, pos))| {
                let opt = if *pos {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::Basic
                };
                b.add_text_field(
                    &format!("f{i}"),
                    TextOptions::default().set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(tok)
                            .set_index_option(opt)
                            .set_fieldnorms(false),
                    ),
                )
            })
            .collect();
        let index = Index::create_in_ram(b.build());
        index.tokenizers().register("bi", Bigrams::default());
        index.tokenizers().register("uni", Unigrams);
        let mut w: IndexWriter = index
            .writer_with_num_threads(1, 48 * 1024 * 1024)
            .expect("writer");
        for t in texts {
            let mut d = TantivyDocument::default();
            for f in &made {
                d.add_text(*f, t);
            }
            w.add_document(d).expect("add");
        }
        w.commit().expect("commit");
    });
}

#[divan::bench(sample_count = 3)]
fn tantivy_yomu_schema(bencher: Bencher) {
    index(bencher, &[("uni", false), ("bi", true)]);
}

#[divan::bench(sample_count = 3)]
fn tantivy_bigrams_positions(bencher: Bencher) {
    index(bencher, &[("bi", true)]);
}

#[divan::bench(sample_count = 3)]
fn tantivy_bigrams_no_positions(bencher: Bencher) {
    index(bencher, &[("bi", false)]);
}

#[divan::bench(sample_count = 3)]
fn tantivy_unigrams_no_positions(bencher: Bencher) {
    index(bencher, &[("uni", false)]);
}
