//! The configuration file: `$XDG_CONFIG_HOME/yomu/config.toml` (else
//! `~/.config/yomu/config.toml`), or the file given with `--config PATH`;
//! `--no-config` reads none.
//!
//! ```toml
//! theme = "light"            # "dark" (default) or "light"; 16-colour safe
//! ambiguous_width = 2        # 1 (default) or 2
//! max_width = 90             # widest text column in the reader (default 100)
//! export_width = 72          # default width of `yomu export` (default 80)
//! opener = "firefox"         # program that opens links (default: $BROWSER, xdg-open)
//! ruby = "inline"            # furigana: "above" (default), "inline" or "off"
//! vertical = true            # start pages in vertical writing (default false)
//! hanging_punctuation = true # 。 and 、 may hang past a full line in the reader (default false)
//! ui_language = "ja"         # "ja" or "en" (default: from LC_ALL, LC_MESSAGES, LANG)
//! mouse = true               # wheel and clicks (default false: the terminal keeps the mouse)
//! reading_speed = { ja = 500, en = 238 }  # characters / words a minute
//! sync_every = "30m"         # the reader syncs feeds in the background (at least "5m")
//! notify_command = ["notify-send", "yomu", "%n new articles"]  # after a sync with news
//!
//! [keys]                     # every action can be remapped; the list replaces
//! next_page = ["l", "Right", "."]   # the default keys of that action
//! screen_down = ["Space", "C-f"]
//! ```
//!
//! Like briefings, the file is walked by hand over `toml`'s spanned tree, so
//! every problem is reported (not just the first) as `file:line:col: error:`
//! with the source line, a caret and a hint, and an unknown key gets a
//! "did you mean" suggestion. This module has no terminal code: keys are
//! [`KeyChord`]s, which the reader turns into its own key type.
//! Command-line flags override the values read here.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::report::Reporter;
use crate::diagnostics::suggest::closest;
use crate::diagnostics::{Diagnostic, display_path, kind};
use crate::i18n::{Lang, Msg, t, tf};
use crate::names::Action;
pub use crate::names::NamedKey;
use crate::reading::ReadingSpeed;
use crate::text::{quoted, sanitize_line};

/// The widest text column in the reader, by default.
pub const DEFAULT_MAX_WIDTH: usize = 100;
/// The default width of `yomu export`.
pub const DEFAULT_EXPORT_WIDTH: usize = 80;
/// Configuration files larger than this are refused.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// The built-in colour themes (both use only the 16 basic ANSI colours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// One key as written in the configuration: `"l"`, `"G"`, `"Space"`,
/// `"PageDown"`, `"C-f"` (Ctrl-f).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyChord {
    Char(char),
    Ctrl(char),
    Named(NamedKey),
}

const TOP_KEYS: &[&str] = &[
    "theme",
    "ambiguous_width",
    "max_width",
    "export_width",
    "opener",
    "ruby",
    "vertical",
    "hanging_punctuation",
    "ui_language",
    "mouse",
    "reading_speed",
    "keys",
    "sync_every",
    "notify_command",
];

/// The settings read from a configuration file (or the defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: ThemeName,
    pub ambiguous_width: Option<u8>,
    pub max_width: usize,
    pub export_width: usize,
    pub opener: Option<String>,
    /// How the reader shows furigana.
    pub ruby: crate::layout::RubyMode,
    /// Pages start in vertical writing.
    pub vertical: bool,
    /// Let `。` and `、` hang past the end of a full line in the reader
    /// (burasage) instead of pushing a character down; never in exports.
    pub hanging_punctuation: bool,
    /// `ui_language`: the interface's language (else the locale's).
    pub ui_language: Option<Lang>,
    /// `mouse = true`: yomu takes the mouse (wheel, clicks).
    pub mouse: bool,
    /// `reading_speed`: for the reading-time estimates.
    pub reading_speed: ReadingSpeed,
    /// Remapped actions (names from [`Action::names`]) and their new keys, by name.
    pub keys: Vec<(String, Vec<KeyChord>)>,
    /// The file the settings came from, if any.
    pub source: Option<PathBuf>,
    /// `sync_every`: sync in the background this often while the reader
    /// is open (never less than five minutes).
    pub sync_every: Option<std::time::Duration>,
    /// `notify_command`: run after a sync that brought new articles
    /// ([`crate::notify`]); empty when not set.
    pub notify_command: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            ambiguous_width: None,
            max_width: DEFAULT_MAX_WIDTH,
            export_width: DEFAULT_EXPORT_WIDTH,
            opener: None,
            ruby: crate::layout::RubyMode::Above,
            vertical: false,
            hanging_punctuation: false,
            ui_language: None,
            mouse: false,
            reading_speed: ReadingSpeed::default(),
            keys: Vec::new(),
            source: None,
            sync_every: None,
            notify_command: Vec::new(),
        }
    }
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the configuration: {source}")]
    Io {
        path: String,
        #[source]
        source: crate::fsutil::ReadError,
    },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8")]
    NotUtf8 { path: String, offset: usize },
    #[error("{}", .diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { diagnostics: Vec<Diagnostic> },
}

impl ConfigError {
    /// The full text for stderr (compiler-style, with source lines and carets).
    pub fn render(&self) -> String {
        match self {
            ConfigError::Invalid { diagnostics } => {
                diagnostics.iter().map(Diagnostic::render).collect()
            }
            other => format!("{other}\n"),
        }
    }
}

/// Where the configuration file is looked for: `$XDG_CONFIG_HOME/yomu/config.toml`,
/// else `$HOME/.config/yomu/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    Some(crate::xdg::yomu_dir("XDG_CONFIG_HOME", ".config")?.join("config.toml"))
}

/// Load the configuration: `explicit` (`--config`, which must exist), else the
/// default file if it exists, else the defaults. `no_config` skips all files.
pub fn load(explicit: Option<&Path>, no_config: bool) -> Result<Config, ConfigError> {
    if no_config {
        return Ok(Config::default());
    }
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(Config::default()),
        },
    };
    let io = |source| ConfigError::Io {
        path: display_path(&path),
        source,
    };
    let bytes = crate::fsutil::read_file(&path, MAX_CONFIG_SIZE).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| ConfigError::NotUtf8 {
        path: display_path(&path),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let mut config = parse_str(&display_path(&path), &text)
        .map_err(|diagnostics| ConfigError::Invalid { diagnostics })?;
    config.source = Some(path);
    Ok(config)
}

/// Parse configuration text; `name` is the file name shown in diagnostics.
/// `Err` holds every problem, sorted by position.
pub fn parse_str(name: &str, src: &str) -> Result<Config, Vec<Diagnostic>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut r = Reporter::new(name, src);
    let (root, errors) = DeTable::parse_recoverable(src);
    for e in &errors {
        r.syntax_error(
            e.span().unwrap_or(0..0),
            tf(Msg::CliInvalidToml, &[&sanitize_line(e.message().trim())]),
            t(Msg::CliConfigSyntaxHint).into(),
        );
    }
    let root = root.into_inner();
    let mut c = Config::default();
    for (key, value) in root.iter() {
        let name: &str = key.get_ref().as_ref();
        match name {
            "theme" => {
                if let Some(s) = string(&mut r, name, value) {
                    match s.as_str() {
                        "dark" => c.theme = ThemeName::Dark,
                        "light" => c.theme = ThemeName::Light,
                        other => r.error(
                            value.span(),
                            tf(Msg::CliUnknownTheme, &[&quoted(other)]),
                            t(Msg::CliUnknownThemeHint).into(),
                        ),
                    }
                }
            }
            "ambiguous_width" => {
                if let Some(n) = integer(&mut r, name, value, 1, 2) {
                    c.ambiguous_width = Some(n as u8);
                }
            }
            "max_width" => {
                if let Some(n) = integer(&mut r, name, value, 20, 1000) {
                    c.max_width = n as usize;
                }
            }
            "export_width" => {
                if let Some(n) = integer(&mut r, name, value, 1, 1000) {
                    c.export_width = n as usize;
                }
            }
            "opener" => {
                if let Some(s) = string(&mut r, name, value) {
                    if s.trim().is_empty() {
                        r.error(
                            value.span(),
                            t(Msg::CliEmptyOpener).into(),
                            t(Msg::CliEmptyOpenerHint).into(),
                        );
                    } else {
                        c.opener = Some(s);
                    }
                }
            }
            "ruby" => {
                if let Some(s) = string(&mut r, name, value) {
                    match s.as_str() {
                        "above" => c.ruby = crate::layout::RubyMode::Above,
                        "inline" => c.ruby = crate::layout::RubyMode::Inline,
                        "off" => c.ruby = crate::layout::RubyMode::Off,
                        other => r.error(
                            value.span(),
                            tf(Msg::CliUnknownRuby, &[&sanitize_line(other)]),
                            t(Msg::CliUnknownRubyHint).into(),
                        ),
                    }
                }
            }
            "vertical" => match value.get_ref() {
                DeValue::Boolean(b) => c.vertical = *b,
                other => r.error(
                    value.span(),
                    tf(Msg::CliVerticalNotBool, &[&kind(other)]),
                    t(Msg::CliVerticalNotBoolHint).into(),
                ),
            },
            "hanging_punctuation" => match value.get_ref() {
                DeValue::Boolean(b) => c.hanging_punctuation = *b,
                other => r.error(
                    value.span(),
                    tf(Msg::CliHangingNotBool, &[&kind(other)]),
                    t(Msg::CliHangingNotBoolHint).into(),
                ),
            },
            "ui_language" => {
                if let Some(s) = string(&mut r, name, value) {
                    match s.as_str() {
                        "ja" => c.ui_language = Some(Lang::Ja),
                        "en" => c.ui_language = Some(Lang::En),
                        other => r.error(
                            value.span(),
                            tf(Msg::CliUnknownUiLanguage, &[&sanitize_line(other)]),
                            t(Msg::CliUnknownUiLanguageHint).into(),
                        ),
                    }
                }
            }
            "mouse" => match value.get_ref() {
                DeValue::Boolean(b) => c.mouse = *b,
                other => r.error(
                    value.span(),
                    tf(Msg::CliMouseNotBool, &[&kind(other)]),
                    t(Msg::CliMouseNotBoolHint).into(),
                ),
            },
            "reading_speed" => match value.get_ref() {
                DeValue::Table(t) => c.reading_speed = reading_speed(&mut r, t),
                other => r.error(
                    value.span(),
                    tf(Msg::CliSpeedNotTable, &[&kind(other)]),
                    t(Msg::CliSpeedNotTableHint).into(),
                ),
            },
            "keys" => match value.get_ref() {
                DeValue::Table(t) => c.keys = keys(&mut r, t),
                other => r.error(
                    value.span(),
                    tf(Msg::CliKeysNotTable, &[&kind(other)]),
                    t(Msg::CliKeysNotTableHint).into(),
                ),
            },
            "sync_every" => {
                if let Some(v) = string(&mut r, name, value) {
                    use crate::feeds::every::{self, EveryError};
                    match every::parse(&v) {
                        Ok(d) => c.sync_every = Some(d),
                        Err(EveryError::Unreadable) => r.error(
                            value.span(),
                            tf(Msg::CliSyncEveryUnreadable, &[&quoted(&v)]),
                            t(Msg::CliSyncEveryHint).into(),
                        ),
                        Err(EveryError::TooOften) => r.error(
                            value.span(),
                            tf(Msg::CliSyncEveryTooOften, &[&quoted(&v)]),
                            t(Msg::CliSyncEveryHint).into(),
                        ),
                    }
                }
            }
            "notify_command" => {
                let words = match value.get_ref() {
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
                    Some(w) if w.first().is_some_and(|p| !p.trim().is_empty()) => {
                        c.notify_command = w
                    }
                    _ => r.error(
                        value.span(),
                        t(Msg::CliNotifyNotList).into(),
                        t(Msg::CliNotifyHint).into(),
                    ),
                }
            }
            other => unknown(&mut r, key.span(), other, TOP_KEYS, ""),
        }
    }
    if r.has_errors() {
        Err(r.finish())
    } else {
        Ok(c)
    }
}

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
fn reading_speed(r: &mut Reporter<'_>, t: &DeTable<'_>) -> ReadingSpeed {
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
fn keys(r: &mut Reporter<'_>, t: &DeTable<'_>) -> Vec<(String, Vec<KeyChord>)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<Diagnostic> {
        parse_str("config.toml", src).expect_err("invalid")
    }

    #[test]
    fn empty_is_the_defaults() {
        assert_eq!(parse_str("c", "").unwrap(), Config::default());
        assert_eq!(
            parse_str("c", "# only a comment\n").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn every_key() {
        let c = parse_str(
            "c",
            "theme = \"light\"\nambiguous_width = 2\nmax_width = 90\nexport_width = 72\n\
             opener = \"firefox\"\nhanging_punctuation = true\n[keys]\nnext_page = [\"l\", \"Right\", \"n\"]\n\
             screen_down = [\"Space\", \"C-f\", \"PageDown\"]\nquit = \"Q\"\n",
        )
        .unwrap();
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.ambiguous_width, Some(2));
        assert_eq!((c.max_width, c.export_width), (90, 72));
        assert_eq!(c.opener.as_deref(), Some("firefox"));
        assert!(c.hanging_punctuation);
        assert_eq!(
            c.keys,
            vec![
                (
                    "next_page".to_string(),
                    vec![
                        KeyChord::Char('l'),
                        KeyChord::Named(NamedKey::Right),
                        KeyChord::Char('n')
                    ]
                ),
                ("quit".to_string(), vec![KeyChord::Char('Q')]),
                (
                    "screen_down".to_string(),
                    vec![
                        KeyChord::Char(' '),
                        KeyChord::Ctrl('f'),
                        KeyChord::Named(NamedKey::PageDown)
                    ]
                ),
            ]
        );
    }

    #[test]
    fn language_mouse_and_reading_speed() {
        let c = parse_str(
            "c",
            "ui_language = \"ja\"\nmouse = true\nreading_speed = { ja = 400, en = 200 }\n",
        )
        .unwrap();
        assert_eq!(c.ui_language, Some(Lang::Ja));
        assert!(c.mouse);
        assert_eq!(
            c.reading_speed,
            ReadingSpeed {
                ja_chars: 400,
                en_words: 200
            }
        );
        let d = parse_str("c", "[reading_speed]\nen = 300\n").unwrap();
        assert_eq!(d.reading_speed.ja_chars, 500);
        assert_eq!(d.reading_speed.en_words, 300);
        let e =
            errors("ui_language = \"fr\"\nmouse = \"yes\"\nreading_speed = { ja = 0, jp = 1 }\n");
        assert_eq!(e.len(), 4, "{e:?}");
        assert_eq!(
            e[0].hint.as_deref(),
            Some("write ui_language = \"ja\" or \"en\"")
        );
        assert_eq!((e[1].line, e[1].column), (2, 9));
        assert_eq!(e[2].message, "`ja` must be between 50 and 5000, found 0");
        assert_eq!(e[3].hint.as_deref(), Some("did you mean `ja`?"));
    }

    #[test]
    fn unknown_key_with_suggestion_line_and_column() {
        let e = errors("theme = \"dark\"\nmax_widht = 80\n");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].column), (2, 1));
        assert_eq!(e[0].message, "unknown key `max_widht`");
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `max_width`?"));
        let text = e[0].render();
        assert!(
            text.starts_with("config.toml:2:1: error: unknown key `max_widht`\n"),
            "{text}"
        );
        assert!(
            text.contains("2 | max_widht = 80\n  | ^^^^^^^^^\n"),
            "{text}"
        );
    }

    #[test]
    fn unknown_action_and_key_name() {
        let e = errors("[keys]\nnext_pgae = [\"l\"]\nprev_page = [\"h\", \"PageUP\", \"Pgeup\"]\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (2, 1));
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `next_page`?"));
        assert_eq!((e[1].line, e[1].column), (3, 29));
        assert_eq!(e[1].message, "unknown key `Pgeup` for `prev_page`");
        assert_eq!(e[1].hint.as_deref(), Some("did you mean \"PageUp\"?"));
    }

    #[test]
    fn wrong_types_and_ranges() {
        let e = errors(
            "theme = \"blue\"\nambiguous_width = 3\nmax_width = \"wide\"\nopener = 1\n\
             hanging_punctuation = \"yes\"\n",
        );
        let got: Vec<_> = e
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 9, "unknown theme `blue`"),
                (2, 19, "`ambiguous_width` must be between 1 and 2, found 3"),
                (
                    3,
                    13,
                    "`max_width` must be a number from 20 to 1000, found a string"
                ),
                (4, 10, "`opener` must be a string, found an integer"),
                (
                    5,
                    23,
                    "`hanging_punctuation` must be true or false, found a string"
                ),
            ]
        );
    }

    #[test]
    fn an_empty_key_list_is_reported_whatever_else_is_wrong() {
        let e = parse_str("c.toml", "theme = \"blue\"\n[keys]\ntoc = []\n").unwrap_err();
        let text: Vec<String> = e.iter().map(|d| d.to_string()).collect();
        assert!(
            text.iter().any(|t| t.contains("`toc` has no keys")),
            "{text:?}"
        );
    }

    #[test]
    fn syntax_errors_are_positioned() {
        let e = errors("theme = \"dark\"\nmax_width = \n");
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.starts_with("invalid TOML"), "{}", e[0].message);
    }

    #[test]
    fn key_names() {
        assert_eq!(parse_key("C-f"), Ok(KeyChord::Ctrl('f')));
        assert_eq!(parse_key("Space"), Ok(KeyChord::Char(' ')));
        assert_eq!(parse_key("?"), Ok(KeyChord::Char('?')));
        assert_eq!(parse_key("BackTab"), Ok(KeyChord::Named(NamedKey::BackTab)));
        assert_eq!(parse_key("PgDn"), Ok(KeyChord::Named(NamedKey::PageDown)));
        assert_eq!(parse_key("→"), Ok(KeyChord::Named(NamedKey::Right)));
        assert!(parse_key("C-").is_err());
        assert!(parse_key("").is_err());
        assert!(parse_key("Escape").unwrap_err().contains("Esc"));
    }

    #[test]
    fn a_file_that_is_not_utf8_says_where_and_the_readme_states_the_limit() {
        let path = std::env::temp_dir().join(format!("yomu-cfg-{}.toml", std::process::id()));
        std::fs::write(&path, b"theme = \"d\xffrk\"\n").unwrap();
        let e = load(Some(&path), false).unwrap_err();
        assert!(
            e.render()
                .contains("not UTF-8 text (invalid byte at offset 10)"),
            "{}",
            e.render()
        );
        let _ = std::fs::remove_file(&path);
        let limit = crate::fsutil::human(MAX_CONFIG_SIZE);
        assert_eq!(limit, "1 MiB");
        let readme = include_str!("../README.md").replace('\n', " ");
        assert!(
            readme.contains(&format!("not a regular file or over {limit}")),
            "the README's configuration limit is {limit}"
        );
    }

    #[test]
    fn missing_explicit_file_is_an_error_but_missing_default_is_not() {
        let missing = std::env::temp_dir().join("yomu-no-such-config.toml");
        assert!(matches!(
            load(Some(&missing), false),
            Err(ConfigError::Io { .. })
        ));
        assert_eq!(load(Some(&missing), true).unwrap(), Config::default());
    }
}
