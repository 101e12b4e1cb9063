//! Subscriptions: `$XDG_CONFIG_HOME/yomu/feeds.toml` (else
//! `~/.config/yomu/feeds.toml`); OPML import and export are in
//! [`super::opml`].
//!
//! ```toml
//! timeout = 30          # seconds for one whole fetch (default 60)
//! connect_timeout = 10  # seconds to connect (default 10)
//!
//! [[feed]]
//! name = "nhk"
//! url = "https://www3.nhk.or.jp/rss/news/cat0.xml"
//! ```
//!
//! A `url` is a feed (RSS, Atom, JSON Feed) or a briefing TOML file; which
//! one is decided by what the server sends. The file is read like the
//! configuration: every problem reported as `file:line:col: error:` with
//! the line, a caret and a hint ([`crate::diagnostics`]).
//!
//! Changing it ([`edit`]: `yomu feeds add|remove|import-opml`, a sync that
//! follows a permanent redirect) locks the folder, reads the file again,
//! changes only the `[[feed]]` tables and keys that changed (`toml_edit`:
//! comments, order and layout are kept) and writes it atomically
//! ([`crate::fsutil::write_atomic`]); two yomu changing it at once each
//! see the other's change.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::config::{integer, string, unknown};
use crate::diagnostics::report::Reporter;
use crate::diagnostics::{Diagnostic, display_path, kind};
use crate::i18n::{Msg, t, tf};
use crate::text::sanitize_line;

/// feeds.toml larger than this is refused (and never written).
pub const MAX_SIZE: u64 = 4 * 1024 * 1024;

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The longest name, in bytes of UTF-8: a name becomes file names
/// (`<name>-YYYY-MM-DD.toml`, and the temporary `.<that>.tmp-PID-TID`
/// it is written through), which must stay within the 255 bytes a file
/// name has on Linux file systems.
pub const MAX_NAME_BYTES: usize = 200;

/// One subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// Unique; names the synced files (`<name>-<date>.toml`).
    pub name: String,
    pub url: String,
    /// `full_text = true`: each new item's page is fetched during a sync
    /// and its extracted article becomes the section's text.
    pub full_text: bool,
}

/// The subscriptions file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscriptions {
    pub feeds: Vec<Subscription>,
    /// Seconds for one whole fetch.
    pub timeout: Option<u64>,
    /// Seconds to connect.
    pub connect_timeout: Option<u64>,
}

/// Why the subscriptions could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SubscriptionsError {
    #[error("{}", tf(Msg::CliSubsUnreadable, &[path, source]))]
    Io {
        path: String,
        #[source]
        source: crate::fsutil::ReadError,
    },
    #[error("{}", tf(Msg::CliSubsNotUtf8, &[path, offset]))]
    NotUtf8 { path: String, offset: usize },
    #[error("{}", .diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { diagnostics: Vec<Diagnostic> },
    #[error("{}", tf(Msg::CliSubsUnwritable, &[path, source]))]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", t(Msg::CliNoHome))]
    NoHome,
    #[error("{}", tf(Msg::CliSubsTooLarge, &[
        path,
        &crate::fsutil::human(*size as u64),
        &crate::fsutil::human(MAX_SIZE),
    ]))]
    TooLarge { path: String, size: usize },
}

impl SubscriptionsError {
    /// The text for stderr (compiler-style for an invalid file).
    pub fn render(&self) -> String {
        match self {
            SubscriptionsError::Invalid { diagnostics } => {
                diagnostics.iter().map(Diagnostic::render).collect()
            }
            other => format!("yomu: {other}\n"),
        }
    }
}

/// Read the subscriptions at `path`; a missing file is no subscriptions.
pub fn load(path: &Path) -> Result<Subscriptions, SubscriptionsError> {
    read(path).map(|(_, subs)| subs)
}

/// The text of feeds.toml (`None` when there is none) and what it says.
fn read(path: &Path) -> Result<(Option<String>, Subscriptions), SubscriptionsError> {
    let bytes = match crate::fsutil::read_file(path, MAX_SIZE) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return Ok((None, Subscriptions::default())),
        Err(source) => {
            return Err(SubscriptionsError::Io {
                path: display_path(path),
                source,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| SubscriptionsError::NotUtf8 {
        path: display_path(path),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let subs = parse_str(&display_path(path), &text)
        .map_err(|diagnostics| SubscriptionsError::Invalid { diagnostics })?;
    Ok((Some(text), subs))
}

impl Subscriptions {
    /// The fetch timeouts these subscriptions ask for (the defaults where
    /// they name none).
    pub fn timeouts(&self) -> super::fetch::Timeouts {
        let d = super::fetch::Timeouts::default();
        super::fetch::Timeouts {
            connect: self
                .connect_timeout
                .map_or(d.connect, std::time::Duration::from_secs),
            whole: self.timeout.map_or(d.whole, std::time::Duration::from_secs),
        }
    }
}

const TOP_KEYS: &[&str] = &["timeout", "connect_timeout", "feed"];
const FEED_KEYS: &[&str] = &["name", "url", "full_text"];

/// Parse the text of feeds.toml; `name` is the file name in messages.
pub fn parse_str(name: &str, src: &str) -> Result<Subscriptions, Vec<Diagnostic>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut r = Reporter::new(name, src);
    let (root, errors) = DeTable::parse_recoverable(src);
    for e in &errors {
        r.syntax_error(
            e.span().unwrap_or(0..0),
            tf(Msg::CliInvalidToml, &[&sanitize_line(e.message().trim())]),
            t(Msg::CliFeedsSyntaxHint).into(),
        );
    }
    let root = root.into_inner();
    let mut subs = Subscriptions::default();
    let mut names = HashSet::new();
    for (key, value) in root.iter() {
        let k: &str = key.get_ref().as_ref();
        match k {
            "timeout" => subs.timeout = integer(&mut r, k, value, 1, 3600).map(|n| n as u64),
            "connect_timeout" => {
                subs.connect_timeout = integer(&mut r, k, value, 1, 600).map(|n| n as u64)
            }
            "feed" => match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let Some(s) = feed(&mut r, item, &names) {
                            names.insert(s.name.clone());
                            subs.feeds.push(s);
                        }
                    }
                }
                other => r.error(
                    value.span(),
                    tf(Msg::CliFeedNotArray, &[&kind(other)]),
                    t(Msg::CliFeedNotArrayHint).into(),
                ),
            },
            other => unknown(&mut r, key.span(), other, TOP_KEYS, ""),
        }
    }
    if r.has_errors() {
        Err(r.finish())
    } else {
        Ok(subs)
    }
}

fn feed(
    r: &mut Reporter<'_>,
    item: &toml::Spanned<DeValue<'_>>,
    earlier: &HashSet<String>,
) -> Option<Subscription> {
    let DeValue::Table(t) = item.get_ref() else {
        r.error(
            item.span(),
            tf(Msg::CliFeedNotTable, &[&kind(item.get_ref())]),
            t(Msg::CliFeedNotTableHint).into(),
        );
        return None;
    };
    let (mut name, mut url, mut full_text) = (None, None, false);
    for (key, value) in t.iter() {
        let k: &str = key.get_ref().as_ref();
        match k {
            "name" => {
                if let Some(n) = string(r, k, value) {
                    match check_name(&n) {
                        Ok(()) if earlier.contains(&n) => r.error(
                            value.span(),
                            tf(Msg::CliFeedNameRepeated, &[&crate::text::quoted(&n)]),
                            crate::i18n::t(Msg::CliFeedNameRepeatedHint).into(),
                        ),
                        Ok(()) => name = Some(n),
                        Err(why) => r.error(
                            value.span(),
                            why,
                            crate::i18n::t(Msg::CliFeedNameHint).into(),
                        ),
                    }
                }
            }
            "url" => {
                if let Some(u) = string(r, k, value) {
                    match check_feed_url(&u) {
                        Ok(()) => url = Some(u),
                        Err((message, hint)) => r.error(value.span(), message, hint),
                    }
                }
            }
            "full_text" => match value.get_ref() {
                DeValue::Boolean(b) => full_text = *b,
                other => r.error(
                    value.span(),
                    tf(Msg::CliFullTextNotBool, &[&kind(other)]),
                    crate::i18n::t(Msg::CliFullTextNotBoolHint).into(),
                ),
            },
            other => unknown(
                r,
                key.span(),
                other,
                FEED_KEYS,
                crate::i18n::t(crate::i18n::Msg::CliInFeed),
            ),
        }
    }
    match (name, url) {
        (Some(name), Some(url)) => Some(Subscription {
            name,
            url,
            full_text,
        }),
        (n, u) => {
            if n.is_none() && !t.contains_key("name") {
                r.missing(
                    item.span(),
                    crate::i18n::t(Msg::CliFeedWithoutName).into(),
                    crate::i18n::t(Msg::CliAddName).into(),
                );
            }
            if u.is_none() && !t.contains_key("url") {
                r.missing(
                    item.span(),
                    crate::i18n::t(Msg::CliFeedWithoutUrl).into(),
                    crate::i18n::t(Msg::CliAddUrl).into(),
                );
            }
            None
        }
    }
}

/// Whether `url` can be subscribed to: an http(s) address
/// ([`crate::briefing::check_url`]) with no control or bidi character
/// (U+202E and its kind make an address display as another one).
pub fn check_feed_url(url: &str) -> Result<(), (String, String)> {
    if let Some(c) = url
        .chars()
        .find(|&c| c.is_control() || crate::text::sanitize::is_unsafe_char(c))
    {
        return Err((
            tf(Msg::CliUrlInvisible, &[&format!("{:04X}", u32::from(c))]),
            t(Msg::CliUrlInvisibleHint).into(),
        ));
    }
    crate::briefing::check_url(url)
}

/// Whether `name` can name a subscription (and its files): not empty, at
/// most [`MAX_NAME_CHARS`] characters and [`MAX_NAME_BYTES`] bytes, no
/// `/`, no control characters, not starting with `.`.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err(t(Msg::CliNameEmpty).into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(tf(Msg::CliNameTooLong, &[&MAX_NAME_CHARS]));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(tf(
            Msg::CliNameTooManyBytes,
            &[&name.len(), &MAX_NAME_BYTES],
        ));
    }
    if name.starts_with('.') || name.contains('/') || name.contains('\\') {
        return Err(tf(Msg::CliNameNotAFile, &[&crate::text::quoted(name)]));
    }
    if name
        .chars()
        .any(|c| c.is_control() || crate::text::sanitize::is_unsafe_char(c))
    {
        return Err(t(Msg::CliNameControl).into());
    }
    Ok(())
}

/// A name for `url` not yet taken in `subs`: its host (`www.` dropped),
/// then `host-2`, `host-3`, ….
pub fn name_for(subs: &Subscriptions, url: &str, wanted: Option<&str>) -> String {
    Namer::new(subs).name(url, wanted)
}

/// Names for new subscriptions, unique among the subscriptions it was
/// made from and among each other: `wanted` (an OPML title) made fit to
/// name files, else the address's host (`www.` dropped); then `base-2`,
/// `base-3`, …. Each base remembers the last number it gave, so naming
/// n subscriptions that share one title takes time linear in n.
pub struct Namer {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Namer {
    pub fn new(subs: &Subscriptions) -> Namer {
        Namer {
            taken: subs.feeds.iter().map(|s| s.name.clone()).collect(),
            next: HashMap::new(),
        }
    }

    /// A fresh name for `url`, within every limit of [`check_name`].
    pub fn name(&mut self, url: &str, wanted: Option<&str>) -> String {
        let base = base_name(url, wanted);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let next = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// A name's base before a number is added: short enough that `-NNNNNNN`
/// still fits the limits.
const BASE_CHARS: usize = MAX_NAME_CHARS - 8;
const BASE_BYTES: usize = MAX_NAME_BYTES - 8;

/// A feed's title made into a subscription name that is easy to type and
/// safe for a file name on any system: runs of spaces and the characters
/// Windows and macOS refuse in names (`/ \ : * ? " < > |`) become one `-`,
/// leading and trailing `-` and `.` are dropped; Japanese and every other
/// script are kept as they are (`NHKニュース（経済）`). Empty when nothing
/// is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in crate::text::sanitize_line(title).chars() {
        let sep = c.is_whitespace()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || c.is_control()
            || crate::text::sanitize::is_unsafe_char(c);
        if sep {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_matches(|c| c == '-' || c == '.').to_string()
}

fn base_name(url: &str, wanted: Option<&str>) -> String {
    let fit = |w: &str| {
        let mut out = String::new();
        for c in w.chars().take(BASE_CHARS) {
            let c = if c == '/' || c == '\\' || crate::text::sanitize::is_unsafe_char(c) {
                '-'
            } else {
                c
            };
            if out.len() + c.len_utf8() > BASE_BYTES {
                break;
            }
            out.push(c);
        }
        out.trim_start_matches('.').trim().to_string()
    };
    wanted
        .map(fit)
        .filter(|w| !w.is_empty())
        .or_else(|| {
            url::Url::parse(url)
                .ok()?
                .host_str()
                .map(|h| fit(h.trim_start_matches("www.")))
                .filter(|h| !h.is_empty())
        })
        .unwrap_or_else(|| "feed".to_string())
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The text of feeds.toml for `subs`.
pub fn to_toml(subs: &Subscriptions) -> String {
    let mut out = String::from(
        "# yomu's subscriptions: `yomu feeds add|remove|import-opml` rewrite this file.\n",
    );
    if let Some(t) = subs.timeout {
        out.push_str(&format!("timeout = {t}\n"));
    }
    if let Some(t) = subs.connect_timeout {
        out.push_str(&format!("connect_timeout = {t}\n"));
    }
    for s in &subs.feeds {
        out.push_str(&format!(
            "\n[[feed]]\nname = {}\nurl = {}\n",
            quote(&s.name),
            quote(&s.url)
        ));
    }
    out
}

/// Change the subscriptions in `path` with `change`, which gets them as
/// they are now (read under an exclusive lock on their folder, so another
/// yomu changing them waits) and decides what to answer; written back,
/// keeping everything the change did not touch, when they changed.
pub fn edit<T, E: From<SubscriptionsError>>(
    path: &Path,
    change: impl FnOnce(&mut Subscriptions) -> Result<T, E>,
) -> Result<T, E> {
    let write_error = |source| SubscriptionsError::Write {
        path: display_path(path),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(write_error)?;
    let _lock = crate::fsutil::FolderLock::acquire(dir).map_err(write_error)?;
    let (text, before) = read(path)?;
    let mut subs = before.clone();
    let answer = change(&mut subs)?;
    if subs != before {
        let new = text
            .as_deref()
            .and_then(|t| edited(t, &subs))
            .unwrap_or_else(|| to_toml(&subs));
        if new.len() as u64 > MAX_SIZE {
            return Err(SubscriptionsError::TooLarge {
                path: display_path(path),
                size: new.len(),
            }
            .into());
        }
        crate::fsutil::write_atomic(path, new.as_bytes()).map_err(write_error)?;
    }
    Ok(answer)
}

/// `text` (a valid feeds.toml) changed to hold `subs`, touching only what
/// differs: each `[[feed]]` table is matched by its name, its `url` set if
/// it moved, removed if gone; new ones are appended. `None` when the text
/// is laid out in a way this does not edit (an inline array of feeds),
/// or the result would not read back as `subs`.
fn edited(text: &str, subs: &Subscriptions) -> Option<String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc: DocumentMut = text.parse().ok()?;
    for (key, want) in [
        ("timeout", subs.timeout),
        ("connect_timeout", subs.connect_timeout),
    ] {
        let have = doc.get(key).and_then(|i| i.as_integer());
        match want {
            Some(n) if have != i64::try_from(n).ok() => {
                set(&mut doc[key], i64::try_from(n).ok()?.into());
            }
            None if doc.contains_key(key) => {
                doc.remove(key);
            }
            _ => {}
        }
    }
    if !doc.contains_key("feed") {
        doc.insert("feed", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let tables = doc.get_mut("feed")?.as_array_of_tables_mut()?;
    let by_name: HashMap<&str, &Subscription> =
        subs.feeds.iter().map(|s| (s.name.as_str(), s)).collect();
    tables.retain(|t| {
        t.get("name")
            .and_then(|v| v.as_str())
            .is_some_and(|n| by_name.contains_key(n))
    });
    let mut present = HashSet::new();
    for t in tables.iter_mut() {
        let name = t.get("name").and_then(|v| v.as_str())?.to_string();
        let s = by_name.get(name.as_str())?;
        if t.get("url").and_then(|v| v.as_str()) != Some(s.url.as_str()) {
            set(&mut t["url"], s.url.as_str().into());
        }
        present.insert(name);
    }
    for s in subs.feeds.iter().filter(|s| !present.contains(&s.name)) {
        let mut t = Table::new();
        t["name"] = value(s.name.as_str());
        t["url"] = value(s.url.as_str());
        tables.push(t);
    }
    let out = doc.to_string();
    (parse_str("feeds.toml", &out).ok()? == *subs).then_some(out)
}

/// Give `item` the value `new`, keeping the spaces and comment around the
/// old one (`timeout = 30 # slow host` stays commented).
fn set(item: &mut toml_edit::Item, mut new: toml_edit::Value) {
    if let Some(old) = item.as_value() {
        *new.decor_mut() = old.decor().clone();
    }
    *item = toml_edit::Item::Value(new);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::opml::{read_opml, to_opml};

    #[test]
    fn round_trip_and_positions() {
        let subs = Subscriptions {
            feeds: vec![Subscription {
                name: "ニュース \"1\"".into(),
                url: "https://example.jp/rss".into(),
                full_text: false,
            }],
            timeout: Some(5),
            connect_timeout: None,
        };
        assert_eq!(parse_str("f", &to_toml(&subs)).unwrap(), subs);
        let bad = "timeout = \"5\"\n[[feed]]\nname = \"a\"\nurl = \"ftp://x\"\nurll = 1\n";
        let d = parse_str("feeds.toml", bad).unwrap_err();
        let lines: Vec<String> = d
            .iter()
            .map(|d| format!("{}:{}", d.line, d.column))
            .collect();
        assert_eq!(lines, ["1:11", "4:7", "5:1"]);
        assert!(d[2].hint.as_deref().unwrap().contains("`url`"));
    }

    #[test]
    fn opml_both_ways() {
        let subs = Subscriptions {
            feeds: vec![Subscription {
                name: "A & B".into(),
                url: "https://a.example/feed?x=1&y=2".into(),
                full_text: false,
            }],
            ..Default::default()
        };
        let opml = to_opml(&subs);
        assert_eq!(
            read_opml(opml.as_bytes()).unwrap(),
            [(
                Some("A & B".to_string()),
                "https://a.example/feed?x=1&y=2".to_string()
            )]
        );
        let nested = r#"<opml version="1.0"><body><outline text="News"><outline text="NHK" xmlUrl="https://nhk.example/rss"/></outline></body></opml>"#;
        assert_eq!(read_opml(nested.as_bytes()).unwrap().len(), 1);
        assert!(read_opml(b"<html/>").is_err());
    }

    #[test]
    fn edits_keep_comments_order_and_layout() {
        let text = "# my feeds\ntimeout = 30 # slow host\n\n# morning news\n[[feed]]\nname = \"a\"  # first\nurl = \"https://a.example/rss\"\n\n[[feed]]\nname = \"b\"\nurl = \"https://b.example/rss\"\n";
        let mut subs = parse_str("f", text).unwrap();
        subs.feeds[1].url = "https://b.example/moved".into();
        subs.feeds.push(Subscription {
            name: "c".into(),
            url: "https://c.example/rss".into(),
            full_text: false,
        });
        let out = edited(text, &subs).unwrap();
        assert!(out.starts_with("# my feeds\ntimeout = 30 # slow host\n\n# morning news\n[[feed]]\nname = \"a\"  # first\n"), "{out}");
        assert!(out.contains("url = \"https://b.example/moved\""), "{out}");
        assert_eq!(parse_str("f", &out).unwrap(), subs);
        subs.feeds.remove(0);
        subs.timeout = None;
        let out = edited(&out, &subs).unwrap();
        assert!(!out.contains("name = \"a\""), "{out}");
        assert!(!out.contains("timeout"), "{out}");
        assert_eq!(parse_str("f", &out).unwrap(), subs);
        // A byte order mark is dropped, the rest kept.
        let marked = format!("\u{feff}{text}");
        let mut subs = parse_str("f", &marked).unwrap();
        subs.timeout = Some(31);
        let out = edited(&marked, &subs).unwrap();
        assert!(
            out.starts_with("# my feeds\ntimeout = 31 # slow host\n"),
            "{out}"
        );
        // Feeds as an inline array: not edited in place.
        let inline = "feed = [{ name = \"a\", url = \"https://a.example/rss\" }]\n";
        let mut subs = parse_str("f", inline).unwrap();
        subs.feeds.clear();
        assert_eq!(edited(inline, &subs), None);
    }

    #[test]
    fn names_are_made_unique() {
        let mut subs = Subscriptions::default();
        let n = name_for(&subs, "https://www.example.jp/rss", None);
        assert_eq!(n, "example.jp");
        subs.feeds.push(Subscription {
            name: n,
            url: "x".into(),
            full_text: false,
        });
        assert_eq!(
            name_for(&subs, "https://example.jp/other", None),
            "example.jp-2"
        );
        assert_eq!(name_for(&subs, "https://e.jp/", Some("a/b")), "a-b");
        let odd = name_for(&subs, "https://e.jp/", Some("..\u{202e}x\u{1b}y"));
        assert_eq!(odd, "-x-y");
        assert_eq!(check_name(&odd), Ok(()));
    }
}
