//! The stored text of a document ([`super::stored`]'s layout), read as a
//! `&str` straight from tantivy's document store: a common word confirms
//! thousands of candidates from these bytes, and tantivy's own
//! `Searcher::doc` copies each text into an owned document after checking
//! its UTF-8 with the standard library's scalar check, which was most of
//! such a search. Here the bytes stay where the store's block cache holds
//! them and are checked with `simdutf8`.
//!
//! A stored document is tantivy's binary layout: the number of stored
//! values (a tantivy VInt: 7 bits a byte, the high bit set on the last),
//! then for each value its field id (u32, little endian), a type code (0
//! for text) and the text (a VInt length, then the bytes). The index
//! stores exactly one value, the text field [`super::store::Fields::doc`]
//! (none for a file that failed to load). Anything else, as a store from a
//! tantivy that lays documents out otherwise would give, is `None`, and
//! the caller reads the document through tantivy.

use tantivy::directory::OwnedBytes;
use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher};

/// Decompressed blocks each segment's reader keeps (tantivy's default).
const CACHE_BLOCKS: usize = 100;

/// The document stores of a searcher's segments, for one search.
pub(super) struct StoredTexts {
    readers: Vec<Option<StoreReader>>,
    field: Field,
}

impl StoredTexts {
    /// The stores of `searcher`'s segments, for the text of `field`; a
    /// segment whose store does not open gives `None` for its documents.
    pub(super) fn open(searcher: &Searcher, field: Field) -> StoredTexts {
        let readers = searcher
            .segment_readers()
            .iter()
            .map(|s| s.get_store_reader(CACHE_BLOCKS).ok())
            .collect();
        StoredTexts { readers, field }
    }

    /// The stored document at `addr` as bytes, for [`text_of`].
    pub(super) fn bytes(&self, addr: DocAddress) -> Option<OwnedBytes> {
        let reader = self.readers.get(addr.segment_ord as usize)?.as_ref()?;
        reader.get_document_bytes(addr.doc_id).ok()
    }

    /// The text of this store's field in the document `doc` (as
    /// [`StoredTexts::bytes`] gives it); `None` when the document holds
    /// anything else.
    pub(super) fn text_of<'a>(&self, doc: &'a [u8]) -> Option<&'a str> {
        let (count, rest) = vint(doc)?;
        if count != 1 {
            return None;
        }
        let (field, rest) = rest.split_first_chunk::<4>()?;
        if u32::from_le_bytes(*field) != self.field.field_id() {
            return None;
        }
        let (&code, rest) = rest.split_first()?;
        if code != TEXT_CODE {
            return None;
        }
        let (len, rest) = vint(rest)?;
        if usize::try_from(len).ok()? != rest.len() {
            return None;
        }
        simdutf8::basic::from_utf8(rest).ok()
    }
}

/// tantivy's type code for a text value.
const TEXT_CODE: u8 = 0;

/// A tantivy VInt at the start of `bytes`, and the bytes after it.
fn vint(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 != 0 {
            return Some((value, &bytes[i + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{STORED, Schema, Value};
    use tantivy::{Index, TantivyDocument};

    /// Every document reads back as tantivy itself reads it, on a real
    /// index: short and long texts (one- to three-byte lengths), Japanese,
    /// empty, and a document with no stored text.
    #[test]
    fn texts_read_back_as_tantivy_reads_them() {
        let mut b = Schema::builder();
        let other = b.add_text_field("other", tantivy::schema::TEXT);
        let doc = b.add_text_field("doc", STORED);
        let index = Index::create_in_ram(b.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let texts: Vec<String> = vec![
            "政府".into(),
            String::new(),
            "a".repeat(127),
            "a".repeat(128),
            "和平への道。".repeat(2_000),
            "x".repeat(20_000),
        ];
        for t in &texts {
            let mut d = TantivyDocument::default();
            d.add_text(doc, t);
            d.add_text(other, "not stored");
            writer.add_document(d).expect("add");
        }
        let mut failed = TantivyDocument::default();
        failed.add_text(other, "only indexed");
        writer.add_document(failed).expect("add");
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let stored = StoredTexts::open(&searcher, doc);
        let mut seen = 0;
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            for id in 0..seg.max_doc() {
                let addr = DocAddress::new(ord as u32, id);
                let bytes = stored.bytes(addr).expect("bytes");
                let theirs: TantivyDocument = searcher.doc(addr).expect("doc");
                let want = theirs.get_first(doc).and_then(|v| v.as_str());
                assert_eq!(stored.text_of(&bytes), want, "doc {id}");
                seen += usize::from(want.is_some());
            }
        }
        assert_eq!(seen, texts.len());
        // Another field's text, a cut document, a stray byte: not read.
        let other_field = StoredTexts::open(&searcher, other);
        let bytes = stored.bytes(DocAddress::new(0, 0)).expect("bytes");
        assert_eq!(other_field.text_of(&bytes), None);
        for cut in 0..bytes.len() {
            assert_eq!(stored.text_of(&bytes[..cut]), None, "{cut}");
        }
        let mut longer = bytes.to_vec();
        longer.push(b'x');
        assert_eq!(stored.text_of(&longer), None);
    }
}
