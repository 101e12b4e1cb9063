//! Refusing hostile XML before the feed parser sees it.
//!
//! One linear pass of a streaming XML reader (`quick-xml`, which keeps no
//! tree) over the decoded text checks two things a feed never needs:
//! entity declarations in a DOCTYPE that refer to other entities
//! (`<!ENTITY lol "&lol;&lol;…">`, the "billion laughs" bomb) or that are
//! too many or too long, and elements nested deeper than [`MAX_DEPTH`].
//! Plain declarations (`<!ENTITY id "tag:example.com,">`, `<!ENTITY nbsp
//! "&#160;">`), which old feeds do use, are allowed: [`entities`] reads them
//! for the tree builder, which expands each reference once, within a
//! budget. Syntax errors are left to the feed parser, which reports them
//! with more context.

use quick_xml::events::Event;

use super::FeedError;

/// The deepest nesting of elements a feed may have (real feeds: under 10).
pub const MAX_DEPTH: usize = 256;

/// Check XML `text`; JSON (starting with `{`) is left alone (its parser
/// has its own depth limit).
pub fn check(text: &str) -> Result<(), FeedError> {
    if text.trim_start().starts_with('{') {
        return Ok(());
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::DocType(d)) => {
                let body: &str = &d;
                if body.contains("<!ENTITY") && entities(body).is_none() {
                    return Err(FeedError::Hostile(
                        "the feed declares XML entities (<!ENTITY …>) that refer to other \
                         entities, or too many or too long ones, which can expand without bound \
                         (a \"billion laughs\" attack)"
                            .into(),
                    ));
                }
            }
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FeedError::Hostile(format!(
                        "elements nested more than {MAX_DEPTH} deep; no feed needs that"
                    )));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// The most entities a DOCTYPE may declare.
const MAX_ENTITIES: usize = 256;
/// The longest value of a declared entity, in bytes.
const MAX_ENTITY_VALUE: usize = 1024;

/// The plain general entities a DOCTYPE's body declares, name and value
/// (character references in the value resolved); `None` when one refers
/// to another entity, or they are too many or too long. Parameter
/// entities and external ones (`SYSTEM`, `PUBLIC`) are left out: they are
/// never fetched or expanded.
pub fn entities(doctype: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = doctype;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + "<!ENTITY".len()..];
        let decl = rest.trim_start();
        if decl.starts_with('%') {
            // A parameter entity: never expanded.
            continue;
        }
        let name_len = decl.find(|c: char| c.is_whitespace()).unwrap_or(decl.len());
        let name = &decl[..name_len];
        let after = decl[name_len..].trim_start();
        let Some(quote) = after.chars().next().filter(|q| *q == '"' || *q == '\'') else {
            // External (SYSTEM, PUBLIC): never fetched.
            continue;
        };
        let body = &after[1..];
        let end = body.find(quote)?;
        let raw = &body[..end];
        if out.len() >= MAX_ENTITIES || raw.len() > MAX_ENTITY_VALUE || raw.contains('%') {
            return None;
        }
        let mut value = String::new();
        let mut r = raw;
        while let Some(amp) = r.find('&') {
            value.push_str(&r[..amp]);
            let tail = &r[amp + 1..];
            let semi = tail.find(';')?;
            let reference = &tail[..semi];
            // Only character references: a reference to another entity
            // is what makes a bomb.
            let digits = reference.strip_prefix('#')?;
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => digits.parse().ok()?,
            };
            value.push(char::from_u32(code)?);
            r = &tail[semi + 1..];
        }
        value.push_str(r);
        if !name.is_empty() {
            out.push((name.to_string(), value));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_bombs_and_deep_nesting_are_refused() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><rss>&b;</rss>";
        assert!(matches!(check(bomb), Err(FeedError::Hostile(m)) if m.contains("ENTITY")));
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(matches!(check(&deep), Err(FeedError::Hostile(m)) if m.contains("nested")));
        assert_eq!(check(&"<a>".repeat(MAX_DEPTH)), Ok(()));
        assert_eq!(check("{\"version\": 1}"), Ok(()));
        // Plain declarations are read, external ones left alone.
        let plain = "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\"><!ENTITY nbsp \"&#160;\">\
                     <!ENTITY % lat1 PUBLIC \"-//W3C//ENTITIES Latin 1//EN\" \"x.ent\">%lat1;]><rss/>";
        assert_eq!(check(plain), Ok(()));
        assert_eq!(
            entities(plain).unwrap(),
            [
                ("id".to_string(), "tag:example.com,".to_string()),
                ("nbsp".to_string(), "\u{a0}".to_string())
            ]
        );
        let long = format!(
            "<!DOCTYPE rss [<!ENTITY a \"{}\">]><rss/>",
            "a".repeat(2000)
        );
        assert!(check(&long).is_err());
    }
}
