//! The JSON export: the model as pretty JSON (or one compact line per
//! briefing, JSON Lines), with every character that could act on a terminal
//! escaped as `\uXXXX` (the data is kept, the bytes are safe).

use std::io::{self, Write};

use crate::briefing::Briefing;

/// A JSON formatter that also escapes C1 controls, DEL, bidi controls and
/// line/paragraph separators as `\uXXXX`: the data is kept, the bytes are safe.
struct SafeFormatter<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut last = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::sanitize::is_unsafe_char(c) {
                w.write_all(&fragment.as_bytes()[last..i])?;
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    write!(w, "\\u{u:04x}")?;
                }
                last = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[last..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write a value as pretty JSON with unsafe characters escaped.
pub fn write_json<T: serde::Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    // `io::Error::from` keeps a write error's kind (a closed pipe stays
    // `BrokenPipe`, which the command line treats as a normal end).
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// One item of a pretty JSON array as [`write_json`] writes it inside the
/// array (each line indented one level), so an array can be written an
/// item at a time: `[`, then each item after `\n` (the first) or `,\n`,
/// then `\n]\n` (`[]\n` when empty).
pub fn json_array_item<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    let mut item = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut item,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser).map_err(io::Error::other)?;
    // Strings hold no raw line breaks (they are escaped): every line break
    // is the formatter's, and each line goes one level in.
    let mut out = Vec::with_capacity(item.len() + item.len() / 16 + 2);
    for (i, line) in item.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(b"  ");
        out.extend_from_slice(line);
    }
    Ok(out)
}

/// One item as a line of JSON Lines (compact, unsafe characters escaped).
pub fn jsonl_line<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        SafeFormatter(serde_json::ser::CompactFormatter),
    );
    value.serialize(&mut ser).map_err(io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}

/// A briefing with the file it came from: one item of the JSON export
/// (`path` first, then the model's fields).
#[derive(Debug, serde::Serialize)]
pub struct WithPath<'a> {
    pub path: String,
    #[serde(flatten)]
    pub briefing: &'a Briefing,
}

/// Write each item as one line of compact JSON (JSON Lines), unsafe
/// characters escaped; each line is written as soon as it is ready.
pub fn write_jsonl<T: serde::Serialize>(items: &[T], out: &mut dyn Write) -> io::Result<()> {
    for item in items {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut *out,
            SafeFormatter(serde_json::ser::CompactFormatter),
        );
        item.serialize(&mut ser).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_written_an_item_at_a_time_is_the_whole_array() {
        let items = [
            serde_json::json!({"path": "a", "x": [1, {"y": "z\n"}], "e": {}}),
            serde_json::json!({"path": "b", "s": "\u{202e}", "v": []}),
        ];
        let mut whole = Vec::new();
        write_json(&items, &mut whole).unwrap();
        let mut parts = b"[".to_vec();
        for (i, it) in items.iter().enumerate() {
            parts.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            parts.extend(json_array_item(it).unwrap());
        }
        parts.extend_from_slice(b"\n]\n");
        assert_eq!(
            String::from_utf8(parts).unwrap(),
            String::from_utf8(whole).unwrap()
        );
        let mut empty = Vec::new();
        write_json(&[(); 0], &mut empty).unwrap();
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn json_escapes_unsafe_characters() {
        let mut out = Vec::new();
        write_json(&vec!["a\u{1b}b\u{9b}c\u{202e}d"], &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains(r"a\u001bb\u009bc\u202ed"), "{s}");
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "a\u{1b}b\u{9b}c\u{202e}d");
    }
}
