//! A query as the index answers it: the prepared query, folded, as one
//! unigram (one character), one bigram (two) or the phrase of its bigrams
//! at consecutive positions (more); or'd with the files that failed to
//! load, which are always read again so their errors are reported.

use tantivy::Term;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::store::Fields;
use super::tokens::{bigrams, fold_kana};
use crate::search::{SearchOptions, prepare_query};

/// The tantivy query for `query` (taken through [`prepare_query`] again,
/// which leaves a prepared query as it is).
pub fn build(f: Fields, query: &str, opts: SearchOptions) -> Box<dyn Query> {
    let failed: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_u64(f.failed, 1),
        IndexRecordOption::Basic,
    ));
    let text = prepare_query(query, opts).map(|q| text_query(f, &fold_kana(&q)));
    match text {
        Some(t) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, t),
            (Occur::Should, failed),
        ])),
        None => failed,
    }
}

fn text_query(f: Fields, q: &str) -> Box<dyn Query> {
    let pairs: Vec<Term> = bigrams(q)
        .map(|(_, pair)| Term::from_field_text(f.bi, pair))
        .collect();
    match pairs.len() {
        0 => match q.chars().next() {
            Some(c) => Box::new(TermQuery::new(
                Term::from_field_text(f.uni, &c.to_string()),
                IndexRecordOption::Basic,
            )),
            None => Box::new(EmptyQuery),
        },
        1 => Box::new(TermQuery::new(pairs[0].clone(), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new(pairs)),
    }
}
