//! Source links: opening them, and the terminal escape sequences that make
//! them clickable (OSC 8) or copy them (OSC 52).
//!
//! Opening never goes through a shell. The opener (`opener` in the
//! configuration, else `$BROWSER`, else `xdg-open` / `open`) follows the
//! `$BROWSER` convention: a colon-separated list of commands, tried in order
//! until one starts; each command is split into words as a shell would
//! (quotes, backslashes; the `shell-words` crate) but run directly; `%s` in a
//! word is replaced by the URL (`%%` is a `%`), and without `%s` the URL is
//! appended as the last argument. The URL is always exactly one argument,
//! whatever it holds, in the normalised, percent-encoded form the `url` crate
//! writes (the form `y` copies: a bidi control or a space never reaches the
//! browser raw). The program runs detached, its output discarded. Only
//! `http` and `https` URLs are handed over.
//!
//! [`deception`] spots addresses that show one site and open another: text
//! before an `@` (`https://www.google.com@evil.example/` opens
//! `evil.example`) and hosts that mix scripts (a Cyrillic `а` in `аpple.com`,
//! by the UTS #39 restriction levels of `unicode-security`). The link list
//! shows the real host and `yomu check` warns.
//! The encoders never let a control character into a sequence: OSC 8 URLs
//! are percent-encoded outside printable ASCII, OSC 52 payloads are base64.

use crate::i18n::{Msg, t, tf};
use std::process::{Command, Stdio};

/// Why a link was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("refusing to open `{0}`: only http and https links are opened")]
    Scheme(String),
    #[error("not a valid URL: {0}")]
    Invalid(String),
    #[error("the opener `{0}` names no program (set $BROWSER to your browser)")]
    Empty(String),
    #[error("the opener `{spec}` cannot be split into words: {reason}")]
    Words { spec: String, reason: String },
    #[error("could not start `{program}`: {source} (set $BROWSER to your browser)")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
}

/// Check that `url` may be handed to a browser: absolute http(s) with a host.
pub fn checked_url(url: &str) -> Result<url::Url, OpenError> {
    let safe = crate::text::sanitize_line(url).into_owned();
    let parsed = url::Url::parse(url).map_err(|_| OpenError::Invalid(safe.clone()))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host().is_some() => Ok(parsed),
        _ => Err(OpenError::Scheme(safe)),
    }
}

/// The opener: `opener` (from the configuration) or `$BROWSER` when set,
/// else the platform's opener.
pub fn opener_program(configured: Option<&str>) -> String {
    opener_spec(configured, std::env::var("BROWSER").ok())
}

/// [`opener_program`] with `$BROWSER`'s value given.
pub fn opener_spec(configured: Option<&str>, browser: Option<String>) -> String {
    if let Some(p) = configured.filter(|p| !p.trim().is_empty()) {
        return p.to_string();
    }
    match browser {
        Some(b) if !b.trim().is_empty() => b,
        _ if cfg!(target_os = "macos") => "open".to_string(),
        _ => "xdg-open".to_string(),
    }
}

/// The commands (argv lists) an opener `spec` runs for `url`, in the order
/// they are tried: one per colon-separated entry (empty entries skipped),
/// split into words, `%s` replaced by the URL or the URL appended.
pub fn commands(spec: &str, url: &str) -> Result<Vec<Vec<String>>, OpenError> {
    let shown = || crate::text::sanitize_line(spec).into_owned();
    let mut out = Vec::new();
    for entry in spec.split(':').filter(|e| !e.trim().is_empty()) {
        let words = shell_words::split(entry).map_err(|e| OpenError::Words {
            spec: shown(),
            reason: e.to_string(),
        })?;
        if words.is_empty() {
            continue;
        }
        let mut placed = false;
        let mut argv: Vec<String> = words
            .iter()
            .map(|w| {
                let (word, had) = substitute(w, url);
                placed |= had;
                word
            })
            .collect();
        if !placed {
            argv.push(url.to_string());
        }
        out.push(argv);
    }
    if out.is_empty() {
        return Err(OpenError::Empty(shown()));
    }
    Ok(out)
}

/// `word` with `%s` replaced by `url` and `%%` by `%`; whether a `%s` was there.
fn substitute(word: &str, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mut placed = false;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.clone().next() {
            Some('s') => {
                chars.next();
                out.push_str(url);
                placed = true;
            }
            Some('%') => {
                chars.next();
                out.push('%');
            }
            _ => out.push('%'),
        }
    }
    (out, placed)
}

/// Open `url` with the opener `spec`, detached: no shell, the URL as a
/// single argument, stdin/stdout/stderr discarded, the child reaped in the
/// background so the reader stays responsive. The commands are tried in
/// order until one starts.
pub fn open(url: &str, spec: &str) -> Result<(), OpenError> {
    let parsed = checked_url(url)?;
    let arg = parsed.as_str();
    let mut failure = None;
    for argv in commands(spec, arg)? {
        let Some((program, args)) = argv.split_first() else {
            continue;
        };
        let started = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match started {
            Ok(mut child) => {
                // Reaped when it ends, so it leaves no zombie behind.
                crate::parallel::detach("yomu-opener", move || {
                    let _ = child.wait();
                });
                return Ok(());
            }
            Err(source) => {
                failure = Some(OpenError::Spawn {
                    program: crate::text::sanitize_line(program).into_owned(),
                    source,
                })
            }
        }
    }
    Err(failure.unwrap_or_else(|| OpenError::Empty(crate::text::sanitize_line(spec).into_owned())))
}

/// How an address misleads a reader about where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deception {
    /// Text before `@` (user info) that reads like a site: `shown@host`.
    UserInfo { shown: String, host: String },
    /// A host label mixing scripts; the host as written and in ASCII.
    MixedScript { unicode: String, ascii: String },
}

impl Deception {
    /// A few words for the link list, after the real host.
    pub fn short(&self) -> &'static str {
        match self {
            Deception::UserInfo { .. } => "⚠ the text before @ is not the site",
            Deception::MixedScript { .. } => "⚠ the host mixes scripts",
        }
    }

    /// A sentence for `yomu check`, and a hint.
    pub fn explain(&self) -> (String, String) {
        match self {
            Deception::UserInfo { shown, host } => (
                tf(Msg::CliUrlUserInfo, &[host, shown]),
                t(Msg::CliUrlUserInfoHint).into(),
            ),
            Deception::MixedScript { unicode, ascii } => (
                tf(Msg::CliUrlMixedScript, &[unicode, ascii]),
                t(Msg::CliUrlMixedScriptHint).into(),
            ),
        }
    }
}

/// Whether `url` shows one site and opens another ([`Deception`]).
pub fn deception(url: &url::Url) -> Option<Deception> {
    use unicode_security::{RestrictionLevel, RestrictionLevelDetection};
    let host = url.host_str()?.to_string();
    if !url.username().is_empty() || url.password().is_some() {
        let mut shown = crate::text::quoted(&percent_decoded(url.username()));
        if url.password().is_some() {
            shown.push_str(":…");
        }
        return Some(Deception::UserInfo { shown, host });
    }
    let (unicode, _) = idna::domain_to_unicode(&host);
    let mixed = unicode
        .split('.')
        .any(|label| label.detect_restriction_level() > RestrictionLevel::HighlyRestrictive);
    mixed.then(|| Deception::MixedScript {
        unicode: crate::text::sanitize_line(&unicode).into_owned(),
        ascii: host,
    })
}

/// The host of `url` as a person should read it: Unicode for an
/// internationalised name (`例え.jp`), the ASCII form when it mixes scripts.
pub fn shown_host(url: &url::Url) -> String {
    let Some(host) = url.host_str() else {
        return String::new();
    };
    match deception(url) {
        Some(Deception::MixedScript { ascii, .. }) => ascii,
        _ => crate::text::sanitize_line(&idna::domain_to_unicode(host).0).into_owned(),
    }
}

/// `%41` → `A` (lossy: what a person would read in a user name).
fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A URL safe to write into a terminal sequence or a Markdown link
/// destination: every byte outside printable ASCII (controls, spaces, bidi
/// controls, any non-ASCII) and `<`, `>`, `\` percent-encoded, the rest
/// (the URL's own structure) kept. Browsers read it as the same address.
pub fn encoded_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) && !matches!(b, b'<' | b'>' | b'\\') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The OSC 8 sequence that starts a hyperlink to `url` (with an `id`, so a
/// link wrapped over two lines stays one link).
pub fn osc8_open(url: &str, id: &str) -> String {
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("\x1b]8;id={id};{}\x1b\\", encoded_url(url))
}

/// The OSC 8 sequence that ends a hyperlink.
pub const OSC8_CLOSE: &str = "\x1b]8;;\x1b\\";

/// Standard base64 (RFC 4648) with padding.
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard.
pub fn osc52_copy(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn controls_only_in_frame(seq: &str, head: &str, tail: &str) {
        let inner = seq.strip_prefix(head).and_then(|s| s.strip_suffix(tail));
        let inner = inner.unwrap_or_else(|| panic!("bad frame: {seq:?}"));
        assert!(!inner.chars().any(|c| c.is_control()), "{seq:?}");
    }

    #[test]
    fn osc8_percent_encodes_and_has_no_controls_inside() {
        let s = osc8_open("https://例え.jp/パス?q=a b\x1b]52", "yomu-1");
        assert!(s.contains("%E3%83%91%E3%82%B9"), "{s}");
        assert!(s.contains("a%20b%1B]52"), "{s}");
        controls_only_in_frame(&s, "\x1b]8;", "\x1b\\");
        let id = osc8_open("https://a.b/", "x\x1b;y");
        assert!(id.starts_with("\x1b]8;id=xy;https://a.b/"), "{id:?}");
    }

    #[test]
    fn osc52_is_base64() {
        assert_eq!(base64(b"hi"), "aGk=");
        assert_eq!(base64(b"abc"), "YWJj");
        assert_eq!(base64(b""), "");
        assert_eq!(base64("URLです".as_bytes()), "VVJM44Gn44GZ");
        let s = osc52_copy("https://x.y/\x1b\x07");
        controls_only_in_frame(&s, "\x1b]52;c;", "\x07");
    }

    #[test]
    fn only_http_and_https_are_opened() {
        assert!(matches!(
            checked_url("javascript:alert(1)"),
            Err(OpenError::Scheme(_))
        ));
        assert!(matches!(
            checked_url("file:///etc/passwd"),
            Err(OpenError::Scheme(_))
        ));
        assert!(matches!(
            checked_url("/relative"),
            Err(OpenError::Invalid(_))
        ));
        assert!(checked_url("https://jp.reuters.com/x").is_ok());
    }

    #[test]
    fn deceptive_addresses_are_spotted() {
        let d = |u: &str| deception(&url::Url::parse(u).unwrap());
        assert_eq!(
            d("https://www.google.com@evil.example/"),
            Some(Deception::UserInfo {
                shown: "www.google.com".into(),
                host: "evil.example".into()
            })
        );
        assert!(matches!(
            d("https://a:b@evil.example/"),
            Some(Deception::UserInfo { .. })
        ));
        // A Cyrillic а in a Latin name.
        let mixed = d("https://\u{430}pple.com/").unwrap();
        assert_eq!(
            mixed,
            Deception::MixedScript {
                unicode: "\u{430}pple.com".into(),
                ascii: "xn--pple-43d.com".into()
            }
        );
        let u = url::Url::parse("https://\u{430}pple.com/").unwrap();
        assert_eq!(shown_host(&u), "xn--pple-43d.com");
        // Honest names: ASCII, Japanese (kanji, kana and Latin together), digits.
        for ok in [
            "https://jp.reuters.com/x",
            "https://例え.jp/パス",
            "https://東京tokyo-2025.jp/",
            "https://127.0.0.1:8080/",
            "https://кремль.рф/",
        ] {
            assert_eq!(d(ok), None, "{ok}");
        }
        let u = url::Url::parse("https://例え.jp/").unwrap();
        assert_eq!(shown_host(&u), "例え.jp");
    }

    /// A script that records its arguments (NUL-terminated) in `out`.
    fn recorder(dir: &std::path::Path, out: &std::path::Path) -> std::path::PathBuf {
        let script = dir.join("rec.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '{}.tmp'\nmv '{}.tmp' '{}'\n",
                out.display(),
                out.display(),
                out.display()
            ),
        )
        .unwrap();
        Command::new("chmod")
            .arg("+x")
            .arg(&script)
            .status()
            .unwrap();
        script
    }

    /// Open `url` with `spec` and wait for the recorder's arguments.
    fn argv_of(spec: &str, url: &str, out: &std::path::Path) -> Vec<String> {
        let _ = std::fs::remove_file(out);
        open(url, spec).unwrap();
        for _ in 0..250 {
            if out.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let got = std::fs::read_to_string(out).unwrap();
        got.split_terminator('\0').map(String::from).collect()
    }

    #[test]
    fn browser_convention_list_words_and_percent_s() {
        let dir = std::env::temp_dir().join(format!("yomu-open-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let out = dir.join("argv");
        let rec = recorder(&dir, &out);
        let rec = rec.to_string_lossy();
        let raw = "https://example.com/a?x=1&y=$(touch /tmp/yomu-pwned)`id`;|<> \"'";
        // The URL as one argument (its normalised form), appended.
        let normal = checked_url(raw).unwrap();
        let url = normal.as_str();
        assert_eq!(argv_of(&rec, raw, &out), [url]);
        // `firefox --new-tab`: words split, the URL last.
        assert_eq!(
            argv_of(&format!("{rec} --new-tab"), url, &out),
            ["--new-tab", url]
        );
        // A list: the missing program is skipped, the next one runs.
        assert_eq!(
            argv_of(&format!("yomu-no-such-browser:{rec} -x"), url, &out),
            ["-x", url]
        );
        // Quotes as a shell reads them, `%s` inside a word, `%%`.
        assert_eq!(
            argv_of(
                &format!("{rec} 'two words' --url=%s \"100%%\" --last"),
                url,
                &out
            ),
            ["two words", &format!("--url={url}"), "100%", "--last"]
        );
        assert!(!std::path::Path::new("/tmp/yomu-pwned").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn opener_errors_name_the_problem() {
        let url = "https://example.com/";
        let e = open(url, "yomu-no-such-browser-a:yomu-no-such-browser-b").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("could not start `yomu-no-such-browser-b`"),
            "{e}"
        );
        assert!(matches!(open(url, " : :"), Err(OpenError::Empty(_))));
        assert!(matches!(
            open(url, "firefox 'unclosed"),
            Err(OpenError::Words { .. })
        ));
        assert_eq!(
            commands("a %s%s b", "U").unwrap(),
            [vec!["a".to_string(), "UU".into(), "b".into()]]
        );
        assert_eq!(
            opener_spec(None, Some("firefox --new-tab".into())),
            "firefox --new-tab"
        );
        assert_eq!(opener_spec(Some("w3m"), Some("firefox".into())), "w3m");
        assert_eq!(opener_spec(Some(" "), Some(" ".into())), "xdg-open");
    }
}
