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
//!     else: the least any index of characters can hold;
//!   - `grams`: what yomu indexes since index version 4
//!     ([`yomu::index::tokens::Grams`]: each distinct bigram and each
//!     field's last character once per file, no positions).
//!
//!   The first four use the tokenizers of index version 3, kept here for
//!   the comparison: every bigram with its position, and each character
//!   once per file.
//!
//! Run with `cargo bench --bench index_cost`.

use std::sync::OnceLock;

use divan::Bencher;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexWriter, TantivyDocument};
use yomu::index::tokens::{FIELD_SEP, Grams, doc_text};

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
        index.tokenizers().register("bi", Bigrams);
        index.tokenizers().register("uni", Unigrams);
        index.tokenizers().register("grams", Grams::default());
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

#[divan::bench(sample_count = 3)]
fn tantivy_grams(bencher: Bencher) {
    index(bencher, &[("grams", false)]);
}

/// Version 3's bigrams: every pair of adjacent characters of a field, at
/// the position of the first (one token reused, as version 3 did).
#[derive(Debug, Clone, Default)]
struct Bigrams;

/// Version 3's unigrams: each character of a document once.
#[derive(Debug, Clone, Default)]
struct Unigrams;

struct BiStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::iter::Enumerate<std::str::CharIndices<'a>>>,
    token: Token,
}

impl TokenStream for BiStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((pos, (at, c))) = self.chars.next() else {
                return false;
            };
            let Some(&(_, (next_at, d))) = self.chars.peek() else {
                return false;
            };
            if c == FIELD_SEP || d == FIELD_SEP {
                continue;
            }
            self.token.position = pos;
            self.token.text.clear();
            self.token
                .text
                .push_str(&self.text[at..next_at + d.len_utf8()]);
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for Bigrams {
    type TokenStream<'a> = BiStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BiStream<'a> {
        BiStream {
            text,
            chars: text.char_indices().enumerate().peekable(),
            token: Token::default(),
        }
    }
}

struct UniStream {
    chars: std::vec::IntoIter<char>,
    token: Token,
}

impl TokenStream for UniStream {
    fn advance(&mut self) -> bool {
        let Some(c) = self.chars.next() else {
            return false;
        };
        self.token.position = self.token.position.wrapping_add(1);
        self.token.text.clear();
        self.token.text.push(c);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for Unigrams {
    type TokenStream<'a> = UniStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> UniStream {
        let mut chars: Vec<char> = text.chars().filter(|&c| c != FIELD_SEP).collect();
        chars.sort_unstable();
        chars.dedup();
        UniStream {
            chars: chars.into_iter(),
            token: Token::default(),
        }
    }
}
