//! Refusing hostile XML before the feed parser sees it.
//!
//! One linear pass of a streaming XML reader (`quick-xml`, which keeps no
//! tree) over the decoded text checks two things a feed never needs:
//! entity declarations in a DOCTYPE (`<!ENTITY lol "&lol;&lol;…">`, the
//! "billion laughs" bomb; entities are never expanded anyway, but such a
//! file is refused with a clear message rather than shown half-decoded), and
//! elements nested deeper than [`MAX_DEPTH`]. Syntax errors are left to the
//! feed parser, which reports them with more context.

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
                if body.contains("<!ENTITY") {
                    return Err(FeedError::Hostile(
                        "the feed declares XML entities (<!ENTITY …>), which feeds never need \
                         and which can expand without bound (a \"billion laughs\" attack)"
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
    }
}
