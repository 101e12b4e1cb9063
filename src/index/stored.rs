//! What the index keeps of each briefing besides its terms: the raw text of
//! every field the matcher looks at, with where it is, and the title and
//! date that order the results. A search then confirms a candidate that
//! has not changed since it was indexed from these bytes, with the very
//! matcher a scan uses ([`crate::search::search_fields`]), instead of
//! reading, parsing and validating its file again.
//!
//! A compact layout of our own, little-endian (tantivy stores it as one
//! bytes field):
//!
//! ```text
//! u8:1  str:title  str:published (RFC 3339, empty when none)  u32:count  field*count
//! field:  u32:place (0 = the cover, n = section n-1)  str:text
//! str:    u32:length  bytes (UTF-8)
//! ```
//!
//! Bytes that do not decode (which the checksums make unlikely) make the
//! file be read from disk instead.

use std::str::FromStr;

use crate::briefing::{Briefing, Published};
use crate::search::{Place, fields};

const LAYOUT: u8 = 1;

/// The stored form of `b`.
pub fn encode(b: &Briefing) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.push(LAYOUT);
    put_str(&mut out, &b.title);
    put_str(
        &mut out,
        &b.published.map(|p| p.rfc3339()).unwrap_or_default(),
    );
    let at = out.len();
    out.extend_from_slice(&0u32.to_le_bytes());
    let mut count: u32 = 0;
    for (place, text) in fields(b) {
        let n = match place {
            Place::Cover => 0,
            Place::Section(i) => u32::try_from(i).unwrap_or(u32::MAX - 1) + 1,
        };
        out.extend_from_slice(&n.to_le_bytes());
        put_str(&mut out, text);
        count += 1;
    }
    out[at..at + 4].copy_from_slice(&count.to_le_bytes());
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A briefing as stored: its title and date, and its fields.
#[derive(Debug, PartialEq, Eq)]
pub struct Stored<'a> {
    pub title: &'a str,
    pub published: Option<Published>,
    pub fields: Vec<(Place, &'a str)>,
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
pub fn decode(bytes: &[u8]) -> Option<Stored<'_>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(1)? != [LAYOUT] {
        return None;
    }
    let title = r.str()?;
    let published = match r.str()? {
        "" => None,
        p => Some(Published(toml::value::Datetime::from_str(p).ok()?)),
    };
    let count = r.u32()?;
    // Each field takes at least 8 bytes: a count beyond that is damage.
    if count as usize > bytes.len() / 8 {
        return None;
    }
    let mut fields = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let place = match r.u32()? {
            0 => Place::Cover,
            n => Place::Section(n as usize - 1),
        };
        fields.push((place, r.str()?));
    }
    (r.at == bytes.len()).then_some(Stored {
        title,
        published,
        fields,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
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
        assert_eq!(s.fields, fields(&b).collect::<Vec<_>>());
        assert_eq!(s.briefing().published, b.published);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "{cut}");
        }
        let mut bad = bytes.clone();
        bad[0] = 9;
        assert!(decode(&bad).is_none());
    }
}
