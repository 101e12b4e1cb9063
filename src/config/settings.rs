//! The configuration keys, each declared once: its name, the Rust type and
//! default of its [`Config`] field, what it is written as, its documentation
//! and how its value is read and checked. The parser
//! ([`super::parse_str`]), `yomu man` and the tests that hold the
//! documentation's key table to this list all read [`SETTINGS`].
//!
//! # Adding a key
//!
//! Add one entry to the `settings!` call below, in the order the
//! documentation should list it:
//!
//! ```text
//! /// What it does, one sentence (the field's doc and `yomu man`'s text).
//! my_key: u32 = 7,
//!     written "integer", default Some("7"),
//!     read |r, v| integer(r, "my_key", v, 1, 99).map(|n| n as u32);
//! ```
//!
//! The field appears on [`Config`] with its default, the parser accepts the
//! key, and `yomu man` lists it. `default` is the default as TOML (a test
//! parses `my_key = 7` and expects [`Config::default`]), or `None` when the
//! key is unset by default; `read` reports every problem through the
//! [`Reporter`] and returns `None` then. Then add the key, with a comment,
//! to the documentation's example (the block after the `config-keys`
//! marker): a test fails until the documentation lists exactly these keys.

use std::path::PathBuf;

use toml::Spanned;
use toml::de::DeValue;

use super::read::{boolean, choice, integer, keys, reading_speed, string, table};
use super::{DEFAULT_EXPORT_WIDTH, DEFAULT_MAX_WIDTH, KeyChord, ThemeName};
use crate::diagnostics::report::Reporter;
use crate::i18n::{Lang, Msg, t};
use crate::layout::RubyMode;
use crate::reading::ReadingSpeed;
use crate::text::{quoted, sanitize_line};

/// One configuration key.
pub struct Setting {
    /// The key as written in the file.
    pub name: &'static str,
    /// What its value is written as: `string`, `integer`, `boolean`, `table`.
    pub written: &'static str,
    /// The default as TOML, or `None` when the key is unset by default.
    pub default: Option<&'static str>,
    /// What the key does (English, one or two sentences).
    pub doc: &'static str,
    /// Read and check the value, setting the field; problems go to the reporter.
    pub(super) apply: fn(&mut Reporter<'_>, &Spanned<DeValue<'_>>, &mut Config),
}

impl Setting {
    /// The setting called `name`.
    pub fn find(name: &str) -> Option<&'static Setting> {
        SETTINGS.iter().find(|s| s.name == name)
    }

    /// Every key's name, in the documentation's order.
    pub fn names() -> Vec<&'static str> {
        SETTINGS.iter().map(|s| s.name).collect()
    }
}

/// Declares [`Config`], its `Default` and [`SETTINGS`] from one list.
macro_rules! settings {
    ($(
        #[doc = $doc:literal]
        $field:ident: $ty:ty = $init:expr,
            written $written:literal, default $default:expr,
            read $read:expr;
    )*) => {
        /// The settings read from a configuration file (or the defaults).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Config {
            $(
                #[doc = $doc]
                pub $field: $ty,
            )*
            /// The file the settings came from, if any.
            pub source: Option<PathBuf>,
        }

        impl Default for Config {
            fn default() -> Self {
                Config {
                    $($field: $init,)*
                    source: None,
                }
            }
        }

        /// Every configuration key, in the documentation's order.
        pub static SETTINGS: &[Setting] = &[$(
            Setting {
                name: stringify!($field),
                written: $written,
                default: $default,
                doc: $doc,
                apply: |r, v, c| {
                    let read: fn(&mut Reporter<'_>, &Spanned<DeValue<'_>>) -> Option<$ty> = $read;
                    if let Some(value) = read(r, v) {
                        c.$field = value;
                    }
                },
            },
        )*];
    };
}

settings! {
    /// The colour theme, "dark" or "light"; both use only the 16 basic ANSI colours.
    theme: ThemeName = ThemeName::Dark,
        written "string", default Some("\"dark\""),
        read |r, v| choice(r, "theme", v, &[("dark", ThemeName::Dark), ("light", ThemeName::Light)],
            quoted, Msg::CliUnknownTheme, Msg::CliUnknownThemeHint);
    /// The width of East Asian Ambiguous characters, 1 or 2 (unset: 1; --ambiguous-width wins).
    ambiguous_width: Option<u8> = None,
        written "integer", default None,
        read |r, v| integer(r, "ambiguous_width", v, 1, 2).map(|n| Some(n as u8));
    /// The widest text column in the reader, 20 to 1000 cells.
    max_width: usize = DEFAULT_MAX_WIDTH,
        written "integer", default Some("100"),
        read |r, v| integer(r, "max_width", v, 20, 1000).map(|n| n as usize);
    /// The default width of yomu export and of yomu PATH into a pipe, 1 to 1000 (--width wins).
    export_width: usize = DEFAULT_EXPORT_WIDTH,
        written "integer", default Some("80"),
        read |r, v| integer(r, "export_width", v, 1, 1000).map(|n| n as usize);
    /// The program that opens links (unset: $BROWSER, else xdg-open or open).
    opener: Option<String> = None,
        written "string", default None,
        read |r, v| {
            let s = string(r, "opener", v)?;
            if s.trim().is_empty() {
                r.error(v.span(), t(Msg::CliEmptyOpener).into(), t(Msg::CliEmptyOpenerHint).into());
                return None;
            }
            Some(Some(s))
        };
    /// How the reader shows furigana: "above" (on a line above the text), "inline" or "off".
    ruby: RubyMode = RubyMode::Above,
        written "string", default Some("\"above\""),
        read |r, v| choice(r, "ruby", v,
            &[("above", RubyMode::Above), ("inline", RubyMode::Inline), ("off", RubyMode::Off)],
            |s| sanitize_line(s).into_owned(), Msg::CliUnknownRuby, Msg::CliUnknownRubyHint);
    /// Pages start in vertical writing (v switches).
    vertical: bool = false,
        written "boolean", default Some("false"),
        read |r, v| boolean(r, v, Msg::CliVerticalNotBool, Msg::CliVerticalNotBoolHint);
    /// 。 and 、 may hang past the end of a full line in the reader (burasage) instead of pushing a character down; never in exports.
    hanging_punctuation: bool = false,
        written "boolean", default Some("false"),
        read |r, v| boolean(r, v, Msg::CliHangingNotBool, Msg::CliHangingNotBoolHint);
    /// The interface's language, "ja" or "en" (unset: from LC_ALL, LC_MESSAGES or LANG).
    ui_language: Option<Lang> = None,
        written "string", default None,
        read |r, v| choice(r, "ui_language", v, &[("ja", Lang::Ja), ("en", Lang::En)],
            |s| sanitize_line(s).into_owned(), Msg::CliUnknownUiLanguage, Msg::CliUnknownUiLanguageHint)
            .map(Some);
    /// yomu takes the mouse (wheel, clicks); when false the terminal keeps it, so text can be selected.
    mouse: bool = false,
        written "boolean", default Some("false"),
        read |r, v| boolean(r, v, Msg::CliMouseNotBool, Msg::CliMouseNotBoolHint);
    /// For the reading-time estimates: ja in characters, en in words a minute.
    reading_speed: ReadingSpeed = ReadingSpeed::default(),
        written "table", default Some("{ ja = 500, en = 238 }"),
        read |r, v| table(r, v, Msg::CliSpeedNotTable, Msg::CliSpeedNotTableHint)
            .map(|t| reading_speed(r, t));
    /// The most the cache of articles read with `a` (and fetched for full_text feeds) may hold, in MiB; the oldest go first.
    article_cache_mb: u64 = 50,
        written "integer", default Some("50"),
        read |r, v| integer(r, "article_cache_mb", v, 1, 100_000).map(|n| n as u64);
    /// Remapped actions and their keys: each list replaces that action's default keys.
    keys: Vec<(String, Vec<KeyChord>)> = Vec::new(),
        written "table", default None,
        read |r, v| table(r, v, Msg::CliKeysNotTable, Msg::CliKeysNotTableHint).map(|t| keys(r, t));
    /// How often the reader syncs the feeds in the background while it is open ("30m", "1h30m"; at least "5m"; unset: never).
    sync_every: Option<std::time::Duration> = None,
        written "string", default None,
        read |r, v| sync_every(r, v).map(Some);
    /// A program run, without a shell, after a sync that brought new articles: a list of words, %n the count, %f the feeds.
    notify_command: Vec<String> = Vec::new(),
        written "array", default None,
        read notify_command;
}

/// `sync_every`: an interval of at least five minutes
/// ([`crate::feeds::every`]).
fn sync_every(r: &mut Reporter<'_>, v: &Spanned<DeValue<'_>>) -> Option<std::time::Duration> {
    use crate::feeds::every::{self, EveryError};
    let s = string(r, "sync_every", v)?;
    let msg = match every::parse(&s) {
        Ok(d) => return Some(d),
        Err(EveryError::Unreadable) => Msg::CliSyncEveryUnreadable,
        Err(EveryError::TooOften) => Msg::CliSyncEveryTooOften,
    };
    r.error(
        v.span(),
        crate::i18n::tf(msg, &[&quoted(&s)]),
        t(Msg::CliSyncEveryHint).into(),
    );
    None
}

/// `notify_command`: a list of strings, the program first and not blank.
fn notify_command(r: &mut Reporter<'_>, v: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    let words = match v.get_ref() {
        DeValue::Array(a) => a
            .iter()
            .map(|w| match w.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect::<Option<Vec<String>>>(),
        _ => None,
    };
    match words {
        Some(w) if w.first().is_some_and(|p| !p.trim().is_empty()) => Some(w),
        _ => {
            r.error(
                v.span(),
                t(Msg::CliNotifyNotList).into(),
                t(Msg::CliNotifyHint).into(),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_default_is_the_default() {
        for s in SETTINGS {
            if let Some(default) = s.default {
                let text = format!("{} = {default}\n", s.name);
                let parsed = super::super::parse_str("c", &text)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", s.name));
                assert_eq!(parsed, Config::default(), "{}", s.name);
            }
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        let names = Setting::names();
        for name in &names {
            assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}");
            assert!(Setting::find(name).is_some());
        }
        assert!(Setting::find("source").is_none());
    }
}
