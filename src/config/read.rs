//! Reading a configuration value: the checks every key shares (a string, a
//! number in a range, true or false, one of a few words, a table), the
//! `reading_speed` and `[keys]` tables, and key names (`"C-f"`). Each
//! problem goes to the [`Reporter`] with a hint; the feeds file uses the
//! same checks.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::KeyChord;
use crate::diagnostics::kind;
use crate::diagnostics::report::Reporter;
use crate::diagnostics::suggest::closest;
use crate::i18n::{Msg, t, tf};
use crate::names::{Action, NamedKey};
use crate::reading::ReadingSpeed;
use crate::text::quoted;

pub(crate) fn unknown(
    r: &mut Reporter<'_>,
    span: Range<usize>,
    key: &str,
    known: &[&str],
    place: &str,
) {
    let shown = quoted(key);
    let hint = match closest(key, known) {
        Some(k) => tf(Msg::CliHintDidYouMean, &[&k]),
        None => tf(Msg::CliKnownKeys, &[&place, &known.join(", ")]),
    };
    r.error(span, tf(Msg::CliUnknownKey, &[&shown, &place]), hint);
}

pub(crate) fn string(r: &mut Reporter<'_>, key: &str, v: &Spanned<DeValue<'_>>) -> Option<String> {
    match v.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        other => {
            r.error(
                v.span(),
                tf(Msg::CliMustBeString, &[&key, &kind(other)]),
                tf(Msg::CliWriteItInQuotes, &[&key]),
            );
            None
        }
    }
}

pub(crate) fn integer(
    r: &mut Reporter<'_>,
    key: &str,
    v: &Spanned<DeValue<'_>>,
    min: i64,
    max: i64,
) -> Option<i64> {
    let n = match v.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
        _ => None,
    };
    match n {
        Some(n) if (min..=max).contains(&n) => Some(n),
        Some(n) => {
            r.error(
                v.span(),
                tf(Msg::CliOutOfRange, &[&key, &min, &max, &n]),
                tf(Msg::CliForExample, &[&key, &max]),
            );
            None
        }
        None => {
            r.error(
                v.span(),
                tf(Msg::CliNotANumber, &[&key, &min, &max, &kind(v.get_ref())]),
                tf(Msg::CliWholeNumber, &[&key, &max]),
            );
            None
        }
    }
}

/// The `reading_speed` table: `ja` (characters a minute), `en` (words a minute).
pub(crate) fn reading_speed(r: &mut Reporter<'_>, t: &DeTable<'_>) -> ReadingSpeed {
    let mut speed = ReadingSpeed::default();
    for (key, value) in t.iter() {
        let name: &str = key.get_ref().as_ref();
        match name {
            "ja" => {
                if let Some(n) = integer(r, "ja", value, 50, 5000) {
                    speed.ja_chars = n as u32;
                }
            }
            "en" => {
                if let Some(n) = integer(r, "en", value, 20, 2000) {
                    speed.en_words = n as u32;
                }
            }
            other => unknown(
                r,
                key.span(),
                other,
                &["ja", "en"],
                crate::i18n::t(Msg::CliInReadingSpeed),
            ),
        }
    }
    speed
}

/// The `[keys]` table.
pub(crate) fn keys(r: &mut Reporter<'_>, t: &DeTable<'_>) -> Vec<(String, Vec<KeyChord>)> {
    let mut out = Vec::new();
    for (key, value) in t.iter() {
        let action: &str = key.get_ref().as_ref();
        if Action::from_name(action).is_none_or(|a| !a.remappable()) {
            unknown(
                r,
                key.span(),
                action,
                &Action::names(),
                crate::i18n::t(Msg::CliInKeys),
            );
            continue;
        }
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(a) => a.iter().collect(),
            other => {
                r.error(
                    value.span(),
                    tf(Msg::CliNotKeyList, &[&action, &kind(other)]),
                    tf(Msg::CliKeyListExample, &[&action]),
                );
                continue;
            }
        };
        let mut chords = Vec::new();
        for &item in &items {
            match item.get_ref() {
                DeValue::String(s) => match parse_key(s) {
                    Ok(k) => chords.push(k),
                    Err(hint) => r.error(
                        item.span(),
                        tf(Msg::CliUnknownKeyFor, &[&quoted(s), &action]),
                        hint,
                    ),
                },
                other => r.error(
                    item.span(),
                    tf(Msg::CliKeyNotString, &[&kind(other)]),
                    crate::i18n::t(Msg::CliKeyNotStringHint).into(),
                ),
            }
        }
        // An empty list; a list whose keys were all wrong is reported key by key.
        if items.is_empty() {
            r.error(
                value.span(),
                tf(Msg::CliNoKeys, &[&action]),
                tf(Msg::CliNoKeysHint, &[&action]),
            );
        }
        out.push((action.to_string(), chords));
    }
    out
}

/// Parse one key name; `Err` is a hint.
pub fn parse_key(s: &str) -> Result<KeyChord, String> {
    // The spellings of the help screen (`↓`, `PgDn`, `Shift-Tab`) are
    // accepted too; an arrow before it is taken for a character.
    if let Some(k) = NamedKey::from_label(s) {
        return Ok(KeyChord::Named(k));
    }
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !c.is_control()
    {
        return Ok(KeyChord::Char(c));
    }
    if s == "Space" {
        return Ok(KeyChord::Char(' '));
    }
    for prefix in ["C-", "Ctrl-", "ctrl-"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let mut cs = rest.chars();
            if let (Some(c), None) = (cs.next(), cs.next())
                && c.is_ascii_alphabetic()
            {
                return Ok(KeyChord::Ctrl(c.to_ascii_lowercase()));
            }
            return Err(t(Msg::CliCtrlKeyHint).into());
        }
    }
    if let Ok(k) = s.parse::<NamedKey>() {
        return Ok(KeyChord::Named(k));
    }
    let mut names = NamedKey::names();
    names.push("Space");
    Err(match closest(s, &names) {
        Some(k) => tf(Msg::CliDidYouMeanQuoted, &[&k]),
        None => tf(Msg::CliKeyNameHint, &[&names.join(" ")]),
    })
}

/// A value that must be `true` or `false`; `msg` and `hint` say so for this key.
pub(crate) fn boolean(
    r: &mut Reporter<'_>,
    v: &Spanned<DeValue<'_>>,
    msg: Msg,
    hint: Msg,
) -> Option<bool> {
    match v.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        other => {
            r.error(v.span(), tf(msg, &[&kind(other)]), t(hint).into());
            None
        }
    }
}

/// A string that must be one of `words`; another word is reported with
/// `unknown` (the word shown through `show`) and `hint`.
pub(crate) fn choice<T: Copy>(
    r: &mut Reporter<'_>,
    key: &str,
    v: &Spanned<DeValue<'_>>,
    words: &[(&str, T)],
    show: fn(&str) -> String,
    unknown: Msg,
    hint: Msg,
) -> Option<T> {
    let s = string(r, key, v)?;
    match words.iter().find(|(w, _)| *w == s) {
        Some((_, value)) => Some(*value),
        None => {
            r.error(v.span(), tf(unknown, &[&show(&s)]), t(hint).into());
            None
        }
    }
}

/// A value that must be a table; `msg` and `hint` say so for this key.
pub(crate) fn table<'a, 'b>(
    r: &mut Reporter<'_>,
    v: &'a Spanned<DeValue<'b>>,
    msg: Msg,
    hint: Msg,
) -> Option<&'a DeTable<'b>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            r.error(v.span(), tf(msg, &[&kind(other)]), t(hint).into());
            None
        }
    }
}
