//! What the index holds of a briefing, and the tokenizers that cut it.
//!
//! A briefing's text is the matcher's own ([`crate::search::search_briefing`]):
//! every field sanitised and with its readings inline, normalised (NFKC,
//! lower case) and katakana folded to hiragana; fields are joined by a NUL,
//! which no query contains. Indexing the folded form alone is enough: the
//! matcher compares either folded text or unfolded text, and folding is a
//! character-for-character map, so every match of a query is also a match
//! of its folded form in the folded text, which the index finds; the
//! matcher then confirms each candidate.
//!
//! Two tokenizers cut that text. [`Bigrams`] gives every pair of adjacent
//! characters within a field, at the position of its first character, so
//! a query of n ≥ 2 characters is the phrase of its n − 1 bigrams at
//! consecutive positions (tantivy's `NgramTokenizer` puts every gram at
//! position 0, hence our own). [`Unigrams`] gives each character once per
//! document, without positions, for one-character queries.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::intake::Intake;

use crate::briefing::Briefing;
use crate::search::{SearchOptions, fields, normalize_into};

/// Separates the fields in a document's text.
pub const FIELD_SEP: char = '\0';

/// The options the index normalises with: kana folded.
pub fn index_options() -> SearchOptions {
    SearchOptions {
        kana_insensitive: true,
        ..SearchOptions::default()
    }
}

/// A briefing's text as the index sees it (see the module doc).
pub fn doc_text(b: &Briefing) -> String {
    let opts = index_options();
    let mut out = String::new();
    for (_, raw) in fields(b) {
        let shown = crate::search::fields::shown(raw);
        normalize_into(&shown, opts, &mut out);
        out.push(FIELD_SEP);
    }
    out
}

/// Katakana folded to hiragana, character by character, as
/// [`SearchOptions::kana_insensitive`] folds: a prepared query made comparable
/// with the folded text the index holds.
pub fn fold_kana(q: &str) -> String {
    q.chars()
        .map(|c| {
            if ('\u{30A1}'..='\u{30F6}').contains(&c) {
                char::from_u32(c as u32 - 0x60).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Every pair of adjacent characters of a field, at the position of the
/// first; each text cut counted in the build's [`Intake`], if any.
#[derive(Debug, Clone, Default)]
pub struct Bigrams {
    pub intake: Option<Arc<Intake>>,
}

/// Each character of a document once (no positions).
#[derive(Debug, Clone, Default)]
pub struct Unigrams;

/// The bigrams of `text` as (position, pair), in order.
pub fn bigrams(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        loop {
            let (pos, (at, c)) = chars.next()?;
            let &(_, (next_at, d)) = chars.peek()?;
            if c == FIELD_SEP || d == FIELD_SEP {
                continue;
            }
            return Some((pos, &text[at..next_at + d.len_utf8()]));
        }
    })
}

/// A token stream over any iterator of (position, text), one token
/// reused throughout (no allocation per token).
pub struct Stream<I> {
    items: I,
    token: Token,
}

impl<'a, I: Iterator<Item = (usize, &'a str)>> TokenStream for Stream<I> {
    fn advance(&mut self) -> bool {
        let Some((position, text)) = self.items.next() else {
            return false;
        };
        self.token.position = position;
        self.token.text.clear();
        self.token.text.push_str(text);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn stream<'a, I: Iterator<Item = (usize, &'a str)>>(items: I) -> Stream<I> {
    Stream {
        items,
        token: Token::default(),
    }
}

impl Tokenizer for Bigrams {
    type TokenStream<'a> = Stream<Box<dyn Iterator<Item = (usize, &'a str)> + 'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if let Some(intake) = &self.intake {
            intake.taken();
        }
        stream(Box::new(bigrams(text)))
    }
}

/// Each character of `text` once (not the separator), in code point order.
pub fn unigrams(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|&c| c != FIELD_SEP).collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// The stream of [`unigrams`], each at a made-up position.
pub struct UniStream {
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
        UniStream {
            chars: unigrams(text).into_iter(),
            token: Token::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(mut s: impl TokenStream) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().position, s.token().text.clone()));
        }
        out
    }

    #[test]
    fn bigrams_have_real_positions_and_stop_at_fields() {
        let got = all(Bigrams::default().token_stream("和平交\0渉a"));
        assert_eq!(
            got,
            [(0, "和平".into()), (1, "平交".into()), (4, "渉a".into())]
        );
        assert!(all(Bigrams::default().token_stream("")).is_empty());
        assert!(all(Bigrams::default().token_stream("x")).is_empty());
    }

    #[test]
    fn unigrams_once_each() {
        let got: Vec<String> = all(Unigrams.token_stream("のかのa\0の"))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(got, ["a", "か", "の"]);
        let mut u = Unigrams;
        let mut none = u.token_stream("");
        assert!(!none.advance());
    }

    #[test]
    fn folding_a_prepared_query_is_folding_the_text() {
        let kana = index_options();
        let plain = SearchOptions::default();
        for t in ["ウクライナ", "ｳｸﾗｲﾅ", "ヴァ", "ＮＡＴＯのカ"] {
            let q = crate::search::normalize(t, plain);
            assert_eq!(fold_kana(&q), crate::search::normalize(t, kana), "{t}");
        }
    }
}
