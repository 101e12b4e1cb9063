//! What the index keeps of each briefing besides its terms: every field
//! the matcher looks at, as it is searched (sanitised, readings inline:
//! [`crate::search::fields::shown`]) and normalised under the default
//! options when that differs, with where it is, and the title and date
//! that order the results. A search then confirms a candidate that has not
//! changed since it was indexed from these bytes, with the very matcher a
//! scan uses ([`crate::search::search_shown`]), instead of reading,
//! parsing and validating its file again, and with the default options
//! without normalising anything: most Japanese text normalises to itself,
//! so the field's text is its own normalised form.
//!
//! A compact layout of our own, in text (tantivy stores it as one stored,
//! unindexed text field, read back with one copy and one UTF-8 check):
//!
//! ```text
//! 2;  str:title  str:published (RFC 3339, empty when none)  num:count  field*count
//! field:  num:place (0 = the cover, n = section n-1)  str:text  num:how  [str:normalised]
//! num:    decimal digits ;        str:    decimal length in bytes : the text
//! ```
//!
//! `how` adds 1 when the text is its own normalised form (nothing follows;
//! else the normalised text follows) and 2 when every character of it is
//! simple ([`crate::search::is_simple`]), which lets a match be placed in
//! it without reading it character by character.
//!
//! Text that does not decode (which the checksums make unlikely) makes the
//! file be read from disk instead.

use std::str::FromStr;

use crate::briefing::{Briefing, Published};
use crate::search::{Place, SearchOptions, Shown, fields, normalize_into};

/// In a field's `how`: the text is its own normalised form.
const SAME: usize = 1;
/// In a field's `how`: the text is simple ([`crate::search::is_simple`]).
const SIMPLE: usize = 2;

/// The stored form of `b`.
pub fn encode(b: &Briefing) -> String {
    let mut out = String::with_capacity(256);
    let mut norm = String::new();
    out.push_str("2;");
    put_str(&mut out, &b.title);
    put_str(
        &mut out,
        &b.published.map(|p| p.rfc3339()).unwrap_or_default(),
    );
    let fields: Vec<(Place, &str)> = fields(b).collect();
    put_num(&mut out, fields.len());
    for (place, text) in fields {
        put_num(
            &mut out,
            match place {
                Place::Cover => 0,
                Place::Section(i) => i.saturating_add(1),
            },
        );
        let shown = crate::search::fields::shown(text);
        put_str(&mut out, &shown);
        norm.clear();
        normalize_into(&shown, SearchOptions::default(), &mut norm);
        let simple = if crate::search::is_simple(&shown) {
            SIMPLE
        } else {
            0
        };
        if norm == *shown {
            put_num(&mut out, SAME | simple);
        } else {
            put_num(&mut out, simple);
            put_str(&mut out, &norm);
        }
    }
    out
}

fn put_num(out: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n};");
}

fn put_str(out: &mut String, s: &str) {
    use std::fmt::Write;
    let _ = write!(out, "{}:", s.len());
    out.push_str(s);
}

/// A briefing as stored: its title and date, and its fields.
#[derive(Debug, PartialEq, Eq)]
pub struct Stored<'a> {
    pub title: &'a str,
    pub published: Option<Published>,
    pub fields: Vec<Shown<'a>>,
}

impl Stored<'_> {
    /// The briefing as a search result holds it (title and date only).
    pub fn briefing(&self) -> Briefing {
        Briefing {
            title: self.title.to_string(),
            subtitle: None,
            summary: None,
            published: self.published,
            language: None,
            tags: Vec::new(),
            takeaways: Vec::new(),
            sections: Vec::new(),
        }
    }
}

/// Read back what [`encode`] wrote; `None` for anything else.
pub fn decode(text: &str) -> Option<Stored<'_>> {
    let mut r = Reader { text, at: 0 };
    let (title, published) = r.head()?;
    let count = r.num(b';')?;
    // Each field takes at least 4 bytes (`0;0:`): a count beyond that is damage.
    if count > text.len() / 4 {
        return None;
    }
    let mut fields = Vec::with_capacity(count);
    for _ in 0..count {
        let place = match r.num(b';')? {
            0 => Place::Cover,
            n => Place::Section(n - 1),
        };
        let text = r.str()?;
        let how = r.num(b';')?;
        if how > (SAME | SIMPLE) {
            return None;
        }
        let norm = match how & SAME {
            0 => Some(r.str()?),
            _ => None,
        };
        let simple = how & SIMPLE != 0;
        fields.push(Shown {
            place,
            text,
            norm,
            simple,
        });
    }
    (r.at == text.len()).then_some(Stored {
        title,
        published,
        fields,
    })
}

/// The title and date at the head of what [`encode`] wrote (the fields
/// after them are not read): for a file the index alone proves to match.
pub fn decode_head(text: &str) -> Option<(&str, Option<Published>)> {
    Reader { text, at: 0 }.head()
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    /// The version, title and date that open what [`encode`] wrote.
    fn head(&mut self) -> Option<(&'a str, Option<Published>)> {
        if self.num(b';')? != 2 {
            return None;
        }
        let title = self.str()?;
        let published = match self.str()? {
            "" => None,
            p => Some(Published(toml::value::Datetime::from_str(p).ok()?)),
        };
        Some((title, published))
    }

    /// Decimal digits up to `end` (at most 19 of them).
    fn num(&mut self, end: u8) -> Option<usize> {
        let bytes = self.text.as_bytes().get(self.at..)?;
        let len = bytes.iter().take(20).position(|&b| b == end)?;
        let digits = &bytes[..len];
        if digits.is_empty() {
            return None;
        }
        let mut n: usize = 0;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(usize::from(d - b'0'))?;
        }
        self.at += len + 1;
        Some(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.num(b':')?;
        let end = self.at.checked_add(n)?;
        let s = self.text.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_briefing_reads_back_as_its_fields_and_damage_is_refused() {
        let text = "title = \"和平\"\npublished = 2025-03-04T09:30:00+09:00\ntags = [\"t\"]\n\
                    [[sections]]\nheading = \"h\"\nbody = [\"本文\", \"二\"]\n\
                    [[sections]]\nheading = \"h2\"\n";
        let b = crate::briefing::parse_str("x.toml", text)
            .expect("valid")
            .briefing;
        let bytes = encode(&b);
        let s = decode(&bytes).expect("decodes");
        assert_eq!(s.title, "和平");
        assert_eq!(s.published, b.published);
        let raw: Vec<(Place, &str)> = fields(&b).collect();
        assert_eq!(s.fields.len(), raw.len());
        for (f, (place, text)) in s.fields.iter().zip(raw) {
            assert_eq!(f.place, place);
            assert_eq!(f.text, crate::search::fields::shown(text));
            let norm = crate::search::normalize(f.text, SearchOptions::default());
            assert_eq!(f.norm.unwrap_or(f.text), norm);
            assert_eq!(f.simple, crate::search::is_simple(f.text), "{:?}", f.text);
        }
        // Text of other characters is stored as such.
        assert!(s.fields.iter().any(|f| f.simple));
        let other = "title = \"t\"\n[[sections]]\nheading = \"café\"\n";
        let b2 = crate::briefing::parse_str("y.toml", other)
            .expect("valid")
            .briefing;
        let s2 = encode(&b2);
        let heading = decode(&s2).expect("decodes").fields;
        assert!(heading.iter().any(|f| f.text == "café" && !f.simple));
        // A field's `how` beyond what is written is damage.
        assert!(s2.contains(":café1;"), "{s2}");
        assert!(decode(&s2.replace(":café1;", ":café4;")).is_none());
        // The heading `h` is its own normalised form; the title not stored twice.
        assert!(s.fields.iter().any(|f| f.norm.is_none()));
        assert_eq!(s.briefing().published, b.published);
        for cut in (0..bytes.len()).filter(|&c| bytes.is_char_boundary(c)) {
            assert!(decode(&bytes[..cut]).is_none(), "{cut}");
        }
        assert!(decode(&bytes.replacen("2;", "1;", 1)).is_none());
        assert_eq!(decode_head(&bytes), Some(("和平", b.published)));
        assert!(decode_head(&bytes.replacen("2;", "1;", 1)).is_none());
        assert!(decode_head("2;6:和").is_none());
        assert!(decode(&format!("{bytes}x")).is_none());
    }
}
