//! The configuration file: `$XDG_CONFIG_HOME/yomu/config.toml` (else
//! `~/.config/yomu/config.toml`), or the file given with `--config PATH`;
//! `--no-config` reads none.
//!
//! The keys are declared once, in [`settings`]: the [`Config`] struct, its
//! defaults, the documentation `yomu man` prints and how each value is read
//! come from that one list (its module doc says how to add a key). The
//! checks the keys share and the `[keys]` table are read in [`read`].
//!
//! Like briefings, the file is walked by hand over `toml`'s spanned tree, so
//! every problem is reported (not just the first) as `file:line:col: error:`
//! with the source line, a caret and a hint, and an unknown key gets a
//! "did you mean" suggestion. This module has no terminal code: keys are
//! [`KeyChord`]s, which the reader turns into its own key type.
//! Command-line flags override the values read here.

mod read;
pub mod settings;

use std::path::Path;

use toml::de::DeTable;

use crate::diagnostics::report::Reporter;
use crate::diagnostics::{Diagnostic, display_path};
use crate::i18n::{Msg, t, tf};
pub use crate::names::NamedKey;
use crate::text::sanitize_line;
pub use read::parse_key;
pub(crate) use read::{integer, string, unknown};
pub use settings::{Config, SETTINGS, Setting};

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

/// Load the configuration: `explicit` (`--config`, which must exist), else the
/// default file if it exists, else the defaults. `no_config` skips all files.
pub fn load(explicit: Option<&Path>, no_config: bool) -> Result<Config, ConfigError> {
    if no_config {
        return Ok(Config::default());
    }
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match crate::paths::Paths::from_env().config_file() {
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
/// `Err` holds every problem, sorted by position. Each key is read by its
/// entry in [`SETTINGS`].
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
    let mut c = Config::default();
    for (key, value) in root.into_inner().iter() {
        let name: &str = key.get_ref().as_ref();
        match Setting::find(name) {
            Some(setting) => (setting.apply)(&mut r, value, &mut c),
            None => unknown(&mut r, key.span(), name, &Setting::names(), ""),
        }
    }
    if r.has_errors() {
        Err(r.finish())
    } else {
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::reading::ReadingSpeed;

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
        let readme = include_str!("../../README.md").replace('\n', " ");
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
