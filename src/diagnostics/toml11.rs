//! The spellings of TOML 1.1 that TOML 1.0 does not allow, found in a
//! file's text so `yomu check` can warn about them: yomu's parser reads
//! TOML 1.1, but the editor tooling the guide suggests (taplo) and
//! Python's `tomllib` read TOML 1.0 and reject the whole file.
//!
//! Found, each with its TOML 1.0 spelling as the hint:
//! - a time without seconds (`10:00`, `2025-03-18T10:00+09:00`): write
//!   `10:00:00`;
//! - the escapes `\e` and `\xHH` in a basic string: write `\u001B`,
//!   `\u00HH`;
//! - a newline (or a comment) inside an inline table, and a comma
//!   before its closing brace: keep an inline table on one line, without
//!   the last comma.
//!
//! A small scanner, not a parser: it follows strings (basic, literal,
//! multi-line), comments and brackets, which is all these need. It is
//! run on files that parsed, so the text is valid TOML 1.1.

use super::Diagnostic;
use super::report::Reporter;
use crate::i18n::{Msg, t, tf};

/// The TOML 1.1-only spellings in `src` (a BOM already stripped), as
/// warnings of file `name`, in file order.
pub fn warnings(name: &str, src: &str) -> Vec<Diagnostic> {
    let mut r = Reporter::new(name, src);
    scan(src, &mut |span, message, hint| {
        r.warning(span, message, hint)
    });
    r.finish()
}

fn scan(src: &str, warn: &mut dyn FnMut(std::ops::Range<usize>, String, String)) {
    let b = src.as_bytes();
    // Open brackets: `{` of inline tables, `[` of arrays and headers;
    // for a `{`, whether a newline in it was reported already.
    let mut open: Vec<(u8, bool)> = Vec::new();
    // The last byte outside whitespace and comments (for trailing commas).
    let mut last = 0u8;
    let mut last_at = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'\n' => {
                if let Some((b'{', reported)) = open.last_mut()
                    && !*reported
                {
                    *reported = true;
                    warn(
                        i..i + 1,
                        t(Msg::CliToml11Newline).into(),
                        t(Msg::CliToml11NewlineHint).into(),
                    );
                }
            }
            b'"' | b'\'' => {
                let triple = b[i..].starts_with(if c == b'"' { b"\"\"\"" } else { b"'''" });
                i = string_end(b, i, c, triple, warn);
                last = c;
                last_at = i.saturating_sub(1);
                continue;
            }
            b'{' | b'[' => open.push((c, false)),
            b'}' => {
                if last == b',' {
                    warn(
                        last_at..last_at + 1,
                        t(Msg::CliToml11Comma).into(),
                        t(Msg::CliToml11CommaHint).into(),
                    );
                }
                open.pop();
            }
            b']' => {
                open.pop();
            }
            b'0'..=b'9' => {
                // Through the number, date or time (digits, `-`, `:`,
                // `.`, `T`, an offset …), looking at each place a time
                // could start.
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b"-:._+".contains(&b[i])) {
                    if let Some(end) = time_without_seconds(b, i) {
                        let time = &src[i..end];
                        warn(
                            i..end,
                            tf(Msg::CliToml11Seconds, &[&time]),
                            tf(Msg::CliToml11SecondsHint, &[&time]),
                        );
                        i = end;
                        continue;
                    }
                    i += 1;
                }
                last = b[i - 1];
                last_at = i - 1;
                continue;
            }
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            last = c;
            last_at = i;
        }
        i += 1;
    }
}

/// Where the string starting at `i` ends (past its closing quote);
/// `\e` and `\xHH` in a basic string are reported on the way.
fn string_end(
    b: &[u8],
    i: usize,
    quote: u8,
    triple: bool,
    warn: &mut dyn FnMut(std::ops::Range<usize>, String, String),
) -> usize {
    let mut j = i + if triple { 3 } else { 1 };
    while j < b.len() {
        let c = b[j];
        if quote == b'"' && c == b'\\' {
            match b.get(j + 1) {
                Some(b'e') => warn(
                    j..j + 2,
                    t(Msg::CliToml11EscE).into(),
                    t(Msg::CliToml11EscEHint).into(),
                ),
                Some(b'x') => {
                    let hex = b
                        .get(j + 2..j + 4)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    let hex = hex.unwrap_or("HH");
                    warn(
                        j..j + 4,
                        tf(Msg::CliToml11EscX, &[&hex]),
                        tf(Msg::CliToml11EscXHint, &[&hex]),
                    );
                }
                _ => {}
            }
            j += 2;
            continue;
        }
        if c == quote {
            if !triple {
                return j + 1;
            }
            if b[j..].starts_with(&[quote; 3]) {
                // Up to two more quotes belong to the string (`""""`).
                let mut end = j + 3;
                while end < b.len() && b[end] == quote && end < j + 5 {
                    end += 1;
                }
                return end;
            }
        }
        if c == b'\n' && !triple {
            return j;
        }
        j += 1;
    }
    b.len()
}

/// The end of `HH:MM` at `i` when it is a time without seconds: two
/// digits, a colon, two digits, not followed by a colon or a digit, and
/// not an offset (`+09:00`) or part of a longer number.
fn time_without_seconds(b: &[u8], i: usize) -> Option<usize> {
    let d = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if !(d(i) && d(i + 1) && b.get(i + 2) == Some(&b':') && d(i + 3) && d(i + 4)) {
        return None;
    }
    if i > 0 && (b[i - 1].is_ascii_digit() || b"+-:.".contains(&b[i - 1])) {
        return None;
    }
    match b.get(i + 5) {
        Some(b':') => None,
        Some(c) if c.is_ascii_digit() => None,
        _ => Some(i + 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(src: &str) -> Vec<String> {
        warnings("f.toml", src)
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d.line,
                    d.column,
                    d.hint.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn toml_1_1_spellings_are_found_with_their_1_0_form() {
        assert_eq!(
            found("published = 2025-03-18T10:00\n"),
            ["1:24 write the seconds: 10:00:00"]
        );
        assert_eq!(
            found("a = 2025-03-18T10:00+09:00\nb = 10:30\nc = 1979-05-27 07:32\n"),
            [
                "1:16 write the seconds: 10:00:00",
                "2:5 write the seconds: 10:30:00",
                "3:16 write the seconds: 07:32:00"
            ]
        );
        assert_eq!(
            found("a = \"x\\ey\\x41\"\n"),
            ["1:7 write \\u001B", "1:10 write \\u0041"]
        );
        assert_eq!(
            found("a = { x = 1,\n  y = 2, }\n"),
            [
                "1:13 keep an inline table on one line, or write it as a [table]",
                "2:8 remove the last comma"
            ]
        );
    }

    #[test]
    fn toml_1_0_is_left_alone() {
        let ok = "# 10:00 in a comment\ntitle = \"at 10:00, \\\\e and \\\\x41\"\nlit = 'C:\\x41 10:00'\n\
                  ml = \"\"\"\n10:00 \\\\x\n\"\"\"\npublished = 2025-03-18T10:00:00+09:00\n\
                  t = { a = [1,\n 2,], b = \"}\" }\narr = [\n  1,\n  2,\n]\nf = 3.14\nd = 1979-05-27\n";
        assert_eq!(found(ok), Vec::<String>::new());
    }
}
