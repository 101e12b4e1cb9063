//! Text constructs of a feed as the model holds them: RSS text (HTML when
//! it looks like HTML), Atom text by its `type` (or Atom 0.3's `mode`,
//! base64 included).

use super::super::xmltree::Element;
use super::{Kind, Text, nonempty};

/// An RSS text: HTML when it looks like HTML.
pub(super) fn rss_text(e: &Element) -> Option<Text> {
    if e.has_elements() {
        // XHTML written unescaped inside the element.
        let value = nonempty(e.inner_markup())?;
        return Some(Text {
            kind: Kind::Html,
            value,
            base: e.base.clone(),
        });
    }
    let value = nonempty(e.text())?;
    Some(Text {
        kind: if looks_like_html(&value) {
            Kind::Html
        } else {
            Kind::Plain
        },
        value,
        base: e.base.clone(),
    })
}

/// Standard base64 (whitespace ignored); `None` when it is not.
fn base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xFF).ok()?);
        }
    }
    Some(out)
}

/// A tag (`<p`, `</`, `<br`) or an entity (`&amp;`, `&#38;`).
pub fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| {
        (w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
            || (w[0] == b'&' && (w[1].is_ascii_alphabetic() || w[1] == b'#'))
    })
}

/// An Atom text construct (1.0 `type`, 0.3 `mode`).
pub(super) fn atom_text(e: &Element) -> Option<Text> {
    let ty = e.attr("type").unwrap_or("text").trim().to_ascii_lowercase();
    let mode = e.attr("mode").unwrap_or("").trim().to_ascii_lowercase();
    if e.attr("src").is_some() && e.text().trim().is_empty() {
        return None;
    }
    let markup = |e: &Element| {
        // The XHTML `div` wrapper, or any markup, as HTML.
        nonempty(e.inner_markup()).map(|value| Text {
            kind: Kind::Html,
            value,
            base: e.base.clone(),
        })
    };
    if mode == "xml" || ty == "xhtml" || ty == "application/xhtml+xml" || e.has_elements() {
        return markup(e);
    }
    let value = if mode == "base64" {
        // Atom 0.3 content in base64: text in UTF-8, else in Windows-1252
        // (which any bytes decode in).
        let bytes = base64(&e.text())?;
        let text = String::from_utf8(bytes).unwrap_or_else(|e| {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(e.as_bytes())
                .0
                .into_owned()
        });
        nonempty(text)?
    } else {
        nonempty(e.text())?
    };
    let kind = match ty.as_str() {
        "html" | "text/html" => Kind::Html,
        "text" | "" => Kind::Plain,
        t if t.starts_with("text/") => Kind::Plain,
        // Atom 0.3 escaped content of an unknown type is read as HTML.
        _ if mode == "escaped" => Kind::Html,
        _ => return None,
    };
    // Atom 0.3 `mode="escaped"` with `type="text/plain"` is plain; with
    // html it is HTML, as its type says.
    Some(Text {
        kind,
        value,
        base: e.base.clone(),
    })
}
