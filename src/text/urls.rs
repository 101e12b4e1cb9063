//! Where URLs are inside a line of text, so that exports can keep them
//! whole and the unit rule (`km/h` stays whole) leaves their slashes alone.

use std::ops::Range;

/// Byte ranges of `http://` and `https://` URLs inside `s`.
pub fn url_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !s.contains("://") {
        return out;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &s[i..];
        let skip = if rest.starts_with("https://") {
            8
        } else if rest.starts_with("http://") {
            7
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut end = i + skip;
        for c in s[end..].chars() {
            if c.is_whitespace()
                || matches!(
                    c,
                    '「' | '」' | '『' | '』' | '（' | '）' | '<' | '>' | '"' | '、' | '。'
                )
                || unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 1
            {
                break;
            }
            end += c.len_utf8();
        }
        out.push(i..end);
        i = end;
    }
    out
}
