//! Source links: opening them, and the terminal escape sequences that make
//! them clickable (OSC 8) or copy them (OSC 52).
//!
//! Opening never goes through a shell: the program (`$BROWSER`, else
//! `xdg-open` / `open`) runs directly with the URL as one argument, detached,
//! with its output discarded. Only `http` and `https` URLs are handed over.
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
    // The URL as written (it is one argv element, no shell sees it); the
    // normalised form only if it holds characters a program should not get.
    let arg = if url.chars().any(char::is_control) {
        parsed.as_str()
    } else {
        url
    };
    let mut child = Command::new(program)
        .arg(arg)
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
        let url = "https://example.com/a?x=1&y=$(touch /tmp/yomu-pwned)`id`;|<>\"'";
        open(url, &script.to_string_lossy()).unwrap();
        for _ in 0..100 {
            if out.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        let got = std::fs::read_to_string(&out).unwrap();
        assert_eq!(got, url, "one unchanged argument");
        assert!(!std::path::Path::new("/tmp/yomu-pwned").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
