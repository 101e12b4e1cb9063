//! A query as the index answers it: the prepared query, folded, as the
//! range of terms that begin with it (one character) or every one of its
//! bigrams (more; see [`super::tokens::Grams`]); or'd with the files that
//! failed to load, which are always read again so their errors are
//! reported. The index's answer is a superset of the files that hold the
//! query; the matcher decides.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{BooleanQuery, EmptyQuery, InvertedIndexRangeQuery, Occur, Query, TermQuery};
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
    let mut pairs: Vec<&str> = bigrams(q).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let term = |pair: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f.grams, pair),
            IndexRecordOption::Basic,
        ))
    };
    match pairs.as_slice() {
        [] => match q.chars().next() {
            Some(c) => starting_with(f, c),
            None => Box::new(EmptyQuery),
        },
        [one] => term(one),
        many => Box::new(BooleanQuery::new(
            many.iter().map(|p| (Occur::Must, term(p))).collect(),
        )),
    }
}

/// Whether a document the index names for the prepared `query` (and that
/// did not fail to load) is sure to match it, so that a search that wants
/// only the files need not confirm it: the query is one character (every
/// character of a field is the first of a term) or two (a bigram of a
/// field), and folding kana cannot have made it, which it cannot when
/// kana are folded for the search too, or when the query has no kana.
pub fn proven(query: &str, opts: SearchOptions) -> bool {
    let folds =
        |c: char| ('\u{3041}'..='\u{3096}').contains(&c) || ('\u{30A1}'..='\u{30F6}').contains(&c);
    let Some(q) = prepare_query(query, opts) else {
        return false;
    };
    (1..=2).contains(&q.chars().count())
        && !q.contains(super::tokens::FIELD_SEP)
        && (opts.kana_insensitive || !q.chars().any(folds))
}

/// Every term that begins with `c`: from `c` itself up to, not including,
/// the next character (UTF-8 orders as code points do).
fn starting_with(f: Fields, c: char) -> Box<dyn Query> {
    let next = (u32::from(c) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
    let upper = match next {
        Some(n) => Bound::Excluded(Term::from_field_text(f.grams, &n.to_string())),
        None => Bound::Unbounded,
    };
    Box::new(InvertedIndexRangeQuery::new(
        Bound::Included(Term::from_field_text(f.grams, &c.to_string())),
        upper,
    ))
}
