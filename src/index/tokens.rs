//! What the index holds of a briefing, and the tokenizer that cuts it.
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
//! One tokenizer cuts that text, [`Grams`]: each distinct pair of adjacent
//! characters within a field, and each field's last character alone, once
//! per document and without positions (see [`Grams`] for why that is
//! enough, and `query` for how a query is asked of it).

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

/// The terms of a document's text: each distinct pair of adjacent
/// characters within a field, and each field's last character alone; each
/// text cut counted in the build's [`Intake`], if any.
///
/// Every character of the text is then the first character of some term,
/// so a one-character query is the range of terms that begin with it; a
/// longer query is every one of its bigrams. Without positions the index
/// gives a superset of the files holding the query as a whole (all its
/// bigrams, anywhere), which the matcher narrows from the stored fields;
/// each term once per document, since tantivy pays for every token it is
/// handed, repeated or not.
#[derive(Debug, Clone, Default)]
pub struct Grams {
    pub intake: Option<Arc<Intake>>,
}

/// Stands for "no second character" in a [`grams`] key.
const ALONE: u32 = u32::MAX;

/// The distinct terms of `text` (see [`Grams`]) as keys: the first
/// character in the high half, the second (or [`ALONE`]) in the low half;
/// in the order first seen.
pub fn grams(text: &str) -> Vec<u64> {
    let mut seen = Seen::with_capacity(text.len() / 2);
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == FIELD_SEP {
            continue;
        }
        let second = match chars.peek() {
            Some(&d) if d != FIELD_SEP => d as u32,
            _ => ALONE,
        };
        let key = (u64::from(c as u32) << 32) | u64::from(second);
        if seen.insert(key) {
            out.push(key);
        }
    }
    out
}

/// The text of a [`grams`] key.
fn push_key(key: u64, out: &mut String) {
    out.clear();
    let first = (key >> 32) as u32;
    let second = key as u32;
    for c in [first, second] {
        if c != ALONE
            && let Some(c) = char::from_u32(c)
        {
            out.push(c);
        }
    }
}

/// The bigrams of `text` (pairs of adjacent characters, not across a
/// field), in order, repeated as they occur.
pub fn bigrams(text: &str) -> impl Iterator<Item = &str> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (at, c) = chars.next()?;
            let &(next_at, d) = chars.peek()?;
            if c == FIELD_SEP || d == FIELD_SEP {
                continue;
            }
            return Some(&text[at..next_at + d.len_utf8()]);
        }
    })
}

/// A set of [`grams`] keys: open addressing with a multiplicative hash,
/// several times cheaper than the standard hasher for keys this small.
struct Seen {
    slots: Vec<u64>,
    len: usize,
}

/// An empty slot (no key has both halves all ones: [`ALONE`] is only ever
/// the second).
const EMPTY: u64 = u64::MAX;

impl Seen {
    fn with_capacity(n: usize) -> Seen {
        let size = (n.max(8) * 2).next_power_of_two();
        Seen {
            slots: vec![EMPTY; size],
            len: 0,
        }
    }

    /// Whether `key` was new.
    fn insert(&mut self, key: u64) -> bool {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(key) & mask;
        loop {
            let slot = self.slots[i];
            if slot == key {
                return false;
            }
            if slot == EMPTY {
                self.slots[i] = key;
                self.len += 1;
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    fn hash(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.len = 0;
        for key in old.into_iter().filter(|&k| k != EMPTY) {
            self.insert(key);
        }
    }
}

/// The stream of a document's [`grams`]; positions are not kept.
pub struct GramStream {
    keys: std::vec::IntoIter<u64>,
    token: Token,
}

impl TokenStream for GramStream {
    fn advance(&mut self) -> bool {
        let Some(key) = self.keys.next() else {
            return false;
        };
        self.token.position = self.token.position.wrapping_add(1);
        push_key(key, &mut self.token.text);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for Grams {
    type TokenStream<'a> = GramStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream {
        if let Some(intake) = &self.intake {
            intake.taken();
        }
        GramStream {
            keys: grams(text).into_iter(),
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
    fn grams_are_each_pair_once_and_each_field_end_alone() {
        let got: Vec<String> = all(Grams::default().token_stream("和平和平\0渉a\0\0x"))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(got, ["和平", "平和", "平", "渉a", "a", "x"]);
        assert!(all(Grams::default().token_stream("")).is_empty());
        assert!(all(Grams::default().token_stream("\0\0")).is_empty());
    }

    #[test]
    fn every_character_begins_a_term_and_every_pair_is_one() {
        let text = "ウクライナのnato、leadership\0か\0ｱ😀é\0";
        let terms: Vec<String> = all(Grams::default().token_stream(text))
            .into_iter()
            .map(|t| t.1)
            .collect();
        for field in text.split(FIELD_SEP) {
            for c in field.chars() {
                assert!(terms.iter().any(|t| t.starts_with(c)), "{c}");
            }
        }
        for pair in bigrams(text) {
            assert!(terms.iter().any(|t| t == pair), "{pair}");
        }
        assert_eq!(bigrams("ab\0cde").collect::<Vec<_>>(), ["ab", "cd", "de"]);
    }

    #[test]
    fn the_set_keeps_every_key_once_as_it_grows() {
        let mut seen = Seen::with_capacity(1);
        let keys: Vec<u64> = (0..5000u64).map(|i| (i % 1700) << 32 | (i % 13)).collect();
        let fresh = keys.iter().filter(|&&k| seen.insert(k)).count();
        let mut want = keys.clone();
        want.sort_unstable();
        want.dedup();
        assert_eq!(fresh, want.len());
        assert!(want.iter().all(|&k| !seen.insert(k)));
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
