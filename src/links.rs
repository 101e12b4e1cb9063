//! Source links: opening them, and the terminal escape sequences that make
//! them clickable (OSC 8) or copy them (OSC 52).
//!
//! Opening never goes through a shell: the program (`$BROWSER`, else
//! `xdg-open` / `open`) runs directly with the URL as one argument, detached,
//! with its output discarded. Only `http` and `https` URLs are handed over,
//! in the normalised, percent-encoded form the `url` crate writes (the same
//! form `y` copies: a bidi control or a space never reaches the browser raw).
//!
//! [`deception`] spots addresses that show one site and open another: text
//! before an `@` (`https://www.google.com@evil.example/` opens
//! `evil.example`) and hosts that mix scripts (a Cyrillic `а` in `аpple.com`,
//! by the UTS #39 restriction levels of `unicode-security`). The link list
//! shows the real host and `yomu check` warns.
//! The encoders never let a control character into a sequence: OSC 8 URLs
//! are percent-encoded outside printable ASCII, OSC 52 payloads are base64.

use std::process::{Command, Stdio};

/// Why a link was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("refusing to open `{0}`: only http and https links are opened")]
    Scheme(String),
    #[error("not a valid URL: {0}")]
    Invalid(String),
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

/// The program that opens links: `opener` (from the configuration) or
/// `$BROWSER` when set, else the platform's opener.
pub fn opener_program(configured: Option<&str>) -> String {
    if let Some(p) = configured.filter(|p| !p.trim().is_empty()) {
        return p.to_string();
    }
    match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => b,
        _ if cfg!(target_os = "macos") => "open".to_string(),
        _ => "xdg-open".to_string(),
    }
}

/// Open `url` with `program`, detached: no shell, the URL as a single
/// argument, stdin/stdout/stderr discarded, the child reaped in the
/// background so the reader stays responsive.
pub fn open(url: &str, program: &str) -> Result<(), OpenError> {
    let parsed = checked_url(url)?;
    let mut child = Command::new(program)
        .arg(parsed.as_str())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| OpenError::Spawn {
            program: crate::text::sanitize_line(program).into_owned(),
            source,
        })?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
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
                format!("`url` opens {host}, not {shown}: the text before @ is a user name"),
                "a browser ignores everything before @ when it picks the site; \
                 write the real address without it"
                    .into(),
            ),
            Deception::MixedScript { unicode, ascii } => (
                format!("`url` has a host that mixes scripts: {unicode} ({ascii})"),
                "letters of different alphabets that look alike can imitate another \
                 site's name; check that this is the address you meant"
                    .into(),
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

    #[test]
    fn opener_gets_the_url_as_one_argument() {
        let dir = std::env::temp_dir().join(format!("yomu-open-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let out = dir.join("arg");
        let script = dir.join("rec.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nprintf '%s' \"$1\" > {}\n", out.display()),
        )
        .unwrap();
        Command::new("chmod")
            .arg("+x")
            .arg(&script)
            .status()
            .unwrap();
        let url = "https://example.com/a?x=1&y=$(touch /tmp/yomu-pwned)`id`;|<>\"'\u{202e}gnp.exe";
        open(url, &script.to_string_lossy()).unwrap();
        for _ in 0..100 {
            if out.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        let got = std::fs::read_to_string(&out).unwrap();
        // One argument, in the form `y` copies: percent-encoded, so the
        // browser never gets the raw bidi control.
        assert_eq!(got, checked_url(url).unwrap().as_str());
        assert_eq!(
            got,
            "https://example.com/a?x=1&y=$(touch%20/tmp/yomu-pwned)`id`;|%3C%3E%22%27%E2%80%AEgnp.exe"
        );
        assert!(!std::path::Path::new("/tmp/yomu-pwned").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
