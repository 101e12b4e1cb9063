//! Turning a feed's bytes into UTF-8 text, whatever encoding it declares.
//!
//! Japanese publishers still serve feeds in Shift_JIS, EUC-JP and
//! ISO-2022-JP. The encoding is taken, in this order, from a byte-order
//! mark, the XML declaration (`<?xml version="1.0" encoding="Shift_JIS"?>`,
//! which travels with the file when it is saved), the HTTP `charset`
//! parameter, else UTF-8 (JSON Feed is always UTF-8). A feed that declares
//! nothing and is not valid UTF-8 is tried as EUC-JP, Shift_JIS and
//! ISO-2022-JP (as feedparser guesses with chardet): the one that decodes
//! without an error into the most Japanese text wins. Labels are matched as
//! the WHATWG Encoding Standard does (`encoding_rs`), so `sjis`, `x-sjis`
//! and `Windows-31J` all work. The text is then handed on with its XML
//! declaration rewritten to say UTF-8, so no later parser decodes it twice.
//! A byte that is not valid in the declared encoding becomes `�`.

use encoding_rs::{Encoding, UTF_8};

/// The feed's text as UTF-8 and the name of the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode `bytes`; `http_charset` is the `charset` of the response's
/// `Content-Type`, when there was one.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom..]);
    }
    let declared = xml_declared(bytes).and_then(|l| Encoding::for_label(l.as_bytes()));
    let from_http = http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    // A declaration that names UTF-16 in a file without a BOM is wrong (the
    // declaration itself was readable as ASCII): read it as UTF-8.
    let enc = declared
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
        .or(from_http);
    match enc {
        Some(enc) => finish(enc, bytes),
        None if simdutf8::basic::from_utf8(bytes).is_ok() => finish(UTF_8, bytes),
        None => finish(guess_japanese(bytes).unwrap_or(UTF_8), bytes),
    }
}

/// The Japanese encoding `bytes` decode in without an error, the one
/// giving the most kana and kanji when several do.
fn guess_japanese(bytes: &[u8]) -> Option<&'static Encoding> {
    [
        encoding_rs::EUC_JP,
        encoding_rs::SHIFT_JIS,
        encoding_rs::ISO_2022_JP,
    ]
    .into_iter()
    .filter_map(|enc| {
        let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
        let japanese = text
            .chars()
            .filter(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
            .count();
        (japanese > 0).then_some((enc, japanese))
    })
    .max_by_key(|&(_, n)| n)
    .map(|(enc, _)| enc)
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: utf8_declaration(&text),
        encoding: enc.name(),
    }
}

/// The `encoding="…"` of an XML declaration at the start of `bytes`
/// (ASCII-compatible encodings only, which all the Japanese ones are).
fn xml_declared(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(&rest[..rest.len().min(512)], b"?>")?;
    let decl = std::str::from_utf8(&rest[..end]).ok()?;
    attribute(decl, "encoding").map(str::to_string)
}

/// The value of `name="…"` (or `'…'`) in the text of a declaration.
fn attribute<'a>(decl: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = decl[from..].find(name) {
        let after = &decl[from + at + name.len()..];
        let after = after.trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &v[1..];
                return body.find(quote).map(|e| &body[..e]);
            }
        }
        from += at + name.len();
    }
    None
}

/// `text` with the encoding in its XML declaration (if any) made UTF-8.
fn utf8_declaration(text: &str) -> String {
    let lead = text.len() - text.trim_start().len();
    let body = &text[lead..];
    if body.starts_with("<?xml")
        && let Some(end) = body.find("?>")
        && attribute(&body[..end], "encoding").is_some()
    {
        return format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}",
            &body[end + 2..]
        );
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_encodings_by_declaration_and_by_charset() {
        let text = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><title>日本語のニュース</title></rss>";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let d = decode(&sjis, None);
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("日本語のニュース"));
        assert!(
            d.text
                .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        );

        let plain = "<rss><title>東京の天気</title></rss>";
        let (euc, _, _) = encoding_rs::EUC_JP.encode(plain);
        let d = decode(&euc, Some("EUC-JP"));
        assert_eq!((d.encoding, d.text.as_str()), ("EUC-JP", plain));

        let decl = "<?xml version='1.0' encoding='ISO-2022-JP'?><rss><title>速報</title></rss>";
        let (jis, _, _) = encoding_rs::ISO_2022_JP.encode(decl);
        assert!(decode(&jis, None).text.contains("速報"));
    }

    #[test]
    fn undeclared_japanese_encodings_are_recognised() {
        let text = "<rss><channel><title>ひらがなとカタカナと漢字の見出し</title></channel></rss>";
        for enc in [encoding_rs::EUC_JP, encoding_rs::SHIFT_JIS] {
            let (bytes, _, _) = enc.encode(text);
            let d = decode(&bytes, None);
            assert_eq!((d.encoding, d.text.as_str()), (enc.name(), text));
        }
    }

    #[test]
    fn utf8_by_default_and_a_bom_wins() {
        assert_eq!(
            decode("{\"a\":\"日本\"}".as_bytes(), None).encoding,
            "UTF-8"
        );
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(
            "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>日本</a>".as_bytes(),
        );
        let d = decode(&bytes, Some("EUC-JP"));
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("日本"));
    }
}
