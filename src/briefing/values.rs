//! Reading one value of the TOML tree as the type docs/format.md asks for, or
//! reporting, with the key's name, what was expected, what was found and
//! how to write it instead.
//!
//! Every reader reports its problems and returns what it could make of the
//! value, so validation carries on and finds every problem of a file.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;
use toml::value::Datetime;

use super::model::Published;
use crate::diagnostics::kind;
use crate::diagnostics::report::Reporter;
use crate::i18n::{Msg, t, tf};
use crate::text::has_unsafe_chars;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// A piece of text, with an unsafe-character warning where needed.
fn text(r: &mut Reporter<'_>, key: &str, s: &str, span: Range<usize>) -> String {
    // Every check below only warns.
    if r.is_quiet() {
        return s.to_string();
    }
    if has_unsafe_chars(s) {
        r.warning(
            span.clone(),
            tf(Msg::CliUnsafeText, &[&key]),
            t(Msg::CliUnsafeTextHint).into(),
        );
    }
    if let Some(n) = crate::text::cluster::longest_cluster(s) {
        r.warning(
            span.clone(),
            tf(Msg::CliLongCluster, &[&key, &n]),
            tf(
                Msg::CliLongClusterHint,
                &[&crate::text::cluster::MAX_CLUSTER],
            ),
        );
    }
    ruby_problems(r, key, s, span.clone());
    notes_problems(r, key, s, span);
    s.to_string()
}

/// Warnings for Aozora notes yomu does not read (docs/format.md, v1.2),
/// each at the note when the string is written without escapes.
fn notes_problems(r: &mut Reporter<'_>, key: &str, s: &str, span: Range<usize>) {
    let found = crate::text::notes::problems(s);
    if found.is_empty() {
        return;
    }
    let start = exact_start(r, s, span.clone());
    for (at, p) in found {
        let (message, hint) = p.describe();
        let at_char = match start {
            Some(start) => {
                let b = start + at;
                b..b + s[at..].chars().next().map_or(1, char::len_utf8)
            }
            None => span.clone(),
        };
        r.warning(
            at_char,
            format!("`{key}` {}", crate::text::sanitize_line(&message)),
            crate::text::sanitize_line(&hint).into_owned(),
        );
    }
}

/// Where the string's text starts in the source, when the source holds it
/// exactly as decoded (no escapes).
fn exact_start(r: &Reporter<'_>, s: &str, span: Range<usize>) -> Option<usize> {
    let raw = r.source().get(span.clone()).unwrap_or("");
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| raw.starts_with(q))
        .unwrap_or("");
    let body = raw.get(quote.len()..).unwrap_or("");
    let first_newline = usize::from(quote.len() == 3 && body.starts_with('\n'));
    body.get(first_newline..first_newline + s.len())
        .is_some_and(|b| b == s)
        .then_some(span.start + quote.len() + first_newline)
}

/// Warnings for furigana notation that is shown as text (docs/format.md, v1.1),
/// each at its character when the string is written without escapes.
fn ruby_problems(r: &mut Reporter<'_>, key: &str, s: &str, span: Range<usize>) {
    let found = crate::text::ruby::problems(s);
    if found.is_empty() {
        return;
    }
    // The string's bytes in the source: after the opening quote(s), when
    // the source holds the text exactly as decoded.
    let raw = r.source().get(span.clone()).unwrap_or("");
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| raw.starts_with(q))
        .unwrap_or("");
    let body = raw.get(quote.len()..).unwrap_or("");
    let first_newline = usize::from(quote.len() == 3 && body.starts_with('\n'));
    let exact = body
        .get(first_newline..first_newline + s.len())
        .is_some_and(|b| b == s);
    for (at, p) in found {
        let (message, hint) = p.describe();
        let start = span.start + quote.len() + first_newline + at;
        let at_char = if exact {
            start..start + s[at..].chars().next().map_or(1, char::len_utf8)
        } else {
            span.clone()
        };
        r.warning(at_char, format!("`{key}` {message}"), hint.into());
    }
}

/// The value's source text when it is short and on one line (for hints).
fn source_text<'s>(r: &Reporter<'s>, span: Range<usize>) -> Option<&'s str> {
    r.source()
        .get(span)
        .filter(|t| t.len() <= 60 && !t.contains('\n') && !t.is_empty())
}

/// A string value (any string, possibly empty).
pub fn string(r: &mut Reporter<'_>, key: &str, v: &Value<'_>) -> Option<String> {
    if let DeValue::String(s) = v.get_ref() {
        return Some(text(r, key, s, v.span()));
    }
    let hint = match (v.get_ref(), source_text(r, v.span())) {
        (DeValue::Array(_) | DeValue::Table(_), _) | (_, None) => {
            tf(Msg::CliWriteTextInQuotes, &[&key])
        }
        (_, Some(s)) => tf(Msg::CliPutInQuotes, &[&key, &crate::text::quoted(s)]),
    };
    r.error(
        v.span(),
        tf(Msg::CliMustBeString, &[&key, &kind(v.get_ref())]),
        hint,
    );
    None
}

/// A required string: present, a string, and not empty after trimming.
/// `table` is the span of the table it belongs to (where a missing key is
/// reported) and `context` says which table that is.
pub fn required(
    r: &mut Reporter<'_>,
    key: &str,
    v: Option<&Value<'_>>,
    table: Range<usize>,
    context: &str,
) -> String {
    let Some(v) = v else {
        r.missing(
            table,
            tf(Msg::CliMissingKey, &[&key, &context]),
            tf(Msg::CliAddALine, &[&key]),
        );
        return String::new();
    };
    let s = string(r, key, v).unwrap_or_default();
    if matches!(v.get_ref(), DeValue::String(_)) && s.trim().is_empty() {
        r.error(
            v.span(),
            tf(Msg::CliMustNotBeEmpty, &[&key]),
            tf(Msg::CliWriteBetweenQuotes, &[&key.replace('_', " ")]),
        );
    }
    s
}

/// An optional string; an empty (after trimming) one counts as absent.
pub fn optional(r: &mut Reporter<'_>, key: &str, v: Option<&Value<'_>>) -> Option<String> {
    string(r, key, v?).filter(|s| !s.trim().is_empty())
}

/// An optional array of strings; absent is empty.
pub fn strings(r: &mut Reporter<'_>, key: &str, v: Option<&Value<'_>>) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    let DeValue::Array(items) = v.get_ref() else {
        let hint = match (v.get_ref(), source_text(r, v.span())) {
            (DeValue::String(_), Some(s)) => {
                tf(Msg::CliPutInBrackets, &[&key, &crate::text::quoted(s)])
            }
            _ => tf(Msg::CliWriteAList, &[&key]),
        };
        r.error(
            v.span(),
            tf(Msg::CliMustBeStrings, &[&key, &kind(v.get_ref())]),
            hint,
        );
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => out.push(text(r, key, s, item.span())),
            other => r.error(
                item.span(),
                tf(Msg::CliItemMustBeString, &[&key, &kind(other)]),
                tf(Msg::CliQuoteEachItem, &[&key]),
            ),
        }
    }
    out
}

/// An optional `published`: a TOML date, or date-time (local or offset).
pub fn published(r: &mut Reporter<'_>, key: &str, v: Option<&Value<'_>>) -> Option<Published> {
    let v = v?;
    match v.get_ref() {
        DeValue::Datetime(dt) if dt.date.is_some() => Some(Published(*dt)),
        DeValue::Datetime(dt) if dt.time.is_some() => {
            r.error(
                v.span(),
                tf(Msg::CliTimeWithoutDate, &[&key]),
                tf(Msg::CliTimeWithoutDateHint, &[&key]),
            );
            None
        }
        // Neither date nor time: a malformed date-time the parser already reported.
        DeValue::Datetime(_) => None,
        DeValue::String(s) => {
            r.error(
                v.span(),
                tf(Msg::CliDateNotString, &[&key]),
                unquoted_date_hint(key, s),
            );
            None
        }
        other => {
            r.error(
                v.span(),
                tf(Msg::CliMustBeDate, &[&key, &kind(other)]),
                tf(Msg::CliDateWithoutQuotes, &[&key]),
            );
            None
        }
    }
}

/// The hint for a date written as a string: the same date, unquoted.
fn unquoted_date_hint(key: &str, s: &str) -> String {
    let t = s.trim();
    if let Ok(dt) = t.parse::<Datetime>()
        && dt.date.is_some()
    {
        return tf(Msg::CliRemoveTheQuotes, &[&key, &crate::text::quoted(t)]);
    }
    let example = guess_ymd(t).unwrap_or((2025, 3, 4));
    let (y, m, d) = example;
    let date = format!("{y:04}-{m:02}-{d:02}");
    tf(Msg::CliDateAsYmd, &[&key, &date])
}

/// `2025/3/4`, `2025年3月4日`, `2025.03.04` -> `(2025, 3, 4)`.
fn guess_ymd(s: &str) -> Option<(u32, u32, u32)> {
    let mut nums = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let y = nums.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let m = nums.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let d = nums.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((y, m, d))
}

/// Whether `tag` looks like a BCP 47 language tag (`ja`, `en-US`, `zh-Hant-TW`).
pub fn looks_like_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=8).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `language`: any string is kept; one that does not look like a BCP 47
/// tag (`ja`, `en-US`, `zh-Hant-TW`) is warned about.
pub fn language(r: &mut Reporter<'_>, v: Option<&Value<'_>>) -> Option<String> {
    let v = v?;
    let tag = string(r, "language", v)?;
    if !looks_like_language_tag(&tag) {
        r.warning(
            v.span(),
            t(Msg::CliNotLanguageTag).into(),
            t(Msg::CliNotLanguageTagHint).into(),
        );
    }
    Some(tag).filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_strings_are_recognised() {
        assert_eq!(
            unquoted_date_hint("published", "2025-03-04"),
            "remove the quotes: published = 2025-03-04"
        );
        assert_eq!(
            unquoted_date_hint("published", "2025-03-04T09:30:00+09:00"),
            "remove the quotes: published = 2025-03-04T09:30:00+09:00"
        );
        assert_eq!(
            unquoted_date_hint("published", "2025年3月4日"),
            "write the date without quotes, as YYYY-MM-DD: published = 2025-03-04"
        );
        assert_eq!(
            unquoted_date_hint("published", "2025/12/31"),
            "write the date without quotes, as YYYY-MM-DD: published = 2025-12-31"
        );
        assert!(unquoted_date_hint("published", "yesterday").ends_with("= 2025-03-04"));
        assert_eq!(guess_ymd("2025/13/01"), None);
        assert_eq!(guess_ymd("25/3/4"), None);
    }
}
