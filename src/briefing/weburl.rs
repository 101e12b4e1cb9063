//! Checking a source's `url`: an absolute `http://` or `https://` URL with a
//! host, nothing else.
//!
//! The reader opens these links in a browser, so anything that is not a web
//! page (`javascript:`, `file:`, `data:`), a relative path, or text a person
//! would not recognise as an address is refused with a message saying what
//! to write instead. Parsing uses the `url` crate (WHATWG rules), so
//! non-ASCII hosts (IDN) and paths are valid; on top of it, the scheme must
//! be followed by `//` as written, since the WHATWG leniency (`https:host`)
//! is not what a person writing a briefing means.

use crate::i18n::{Msg, t, tf};

/// Why a URL was refused: a message and a hint on how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProblem {
    pub message: String,
    pub hint: String,
}

const EXAMPLE: &str = "url = \"https://example.com/article\"";

/// Check `raw` as the value of the key `key`.
pub fn check(key: &str, raw: &str) -> Result<(), UrlProblem> {
    let problem = |message: String, hint: &str| -> Result<(), UrlProblem> {
        Err(UrlProblem {
            message,
            hint: hint.to_string(),
        })
    };
    if let Some(c) = raw.chars().find(|c| c.is_control()) {
        return problem(
            tf(
                Msg::CliUrlControl,
                &[&key, &format!("{:04X}", u32::from(c))],
            ),
            t(Msg::CliUrlControlHint),
        );
    }
    if raw.chars().any(char::is_whitespace) {
        let what = if raw.contains(' ') {
            Msg::CliUrlSpaces
        } else {
            Msg::CliUrlWhitespace
        };
        return problem(tf(what, &[&key]), t(Msg::CliUrlSpacesHint));
    }
    let Some(scheme) = scheme_of(raw) else {
        return problem(
            tf(Msg::CliUrlRelative, &[&key]),
            &tf(Msg::CliUrlRelativeHint, &[&EXAMPLE]),
        );
    };
    let lower = scheme.to_ascii_lowercase();
    if lower != "http" && lower != "https" {
        let shown = crate::text::quoted(scheme);
        return problem(
            tf(Msg::CliUrlScheme, &[&key, &shown]),
            t(Msg::CliUrlSchemeHint),
        );
    }
    if !raw[scheme.len() + 1..].starts_with("//") {
        return problem(
            tf(Msg::CliUrlNoSlashes, &[&key, &lower]),
            &tf(Msg::CliUrlWriteLike, &[&EXAMPLE]),
        );
    }
    match url::Url::parse(raw) {
        Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        Ok(_) | Err(url::ParseError::EmptyHost) => problem(
            tf(Msg::CliUrlNoHost, &[&key]),
            &tf(Msg::CliUrlNoHostHint, &[&EXAMPLE]),
        ),
        Err(e) => problem(
            tf(Msg::CliUrlInvalid, &[&key, &e]),
            &tf(Msg::CliUrlInvalidHint, &[&EXAMPLE]),
        ),
    }
}

/// The scheme of `raw` if it starts with one (`letters:` before any `/?#`).
fn scheme_of(raw: &str) -> Option<&str> {
    let end = raw.find(':')?;
    let scheme = &raw[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(raw: &str) -> String {
        check("url", raw).expect_err(raw).message
    }

    #[test]
    fn valid() {
        for ok in [
            "https://jp.reuters.com/world/ukraine/6IAVYGDXMBLGLDJOP7VZZRHEXM-2025-03-04/",
            "http://example.com",
            "HTTPS://EXAMPLE.COM/a?b=c#d",
            "https://例え.jp/パス/ページ",
            "https://127.0.0.1:8080/x",
            "https://[::1]/",
            "https://user@example.com/%20x",
        ] {
            assert_eq!(check("url", ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refused() {
        assert_eq!(
            msg("https://example.com/a b"),
            "`url` must not contain spaces"
        );
        assert_eq!(msg(" https://example.com"), "`url` must not contain spaces");
        assert_eq!(
            msg("https://example.com/\tx"),
            "`url` must not contain control characters (found U+0009)"
        );
        let e = check("url", "https://e.com/\u{1b}[31m").unwrap_err();
        assert_eq!(
            e.message,
            "`url` must not contain control characters (found U+001B)"
        );
        assert!(
            e.hint.starts_with("remove it: a control character"),
            "{}",
            e.hint
        );
        assert_eq!(
            msg("https://example.com/\u{3000}x"),
            "`url` must not contain whitespace"
        );
        assert!(msg("javascript:alert(1)").contains("not `javascript:`"));
        assert!(msg("file:///etc/passwd").contains("not `file:`"));
        assert!(msg("data:text/html,x").contains("not `data:`"));
        assert!(msg("/world/ukraine").contains("relative path"));
        assert!(msg("example.com/x").contains("relative path"));
        assert!(msg("../x.html").contains("relative path"));
        assert_eq!(
            msg("https:example.com"),
            "`url` must have `//` and a host after `https:`"
        );
        assert_eq!(msg("https://"), "`url` has no host");
        assert!(msg("https://exa mple").contains("spaces"));
        assert!(msg("http://[bad").starts_with("`url` is not a valid URL"));
        assert!(msg("https://example.com:99999/").starts_with("`url` is not a valid URL"));
    }

    #[test]
    fn schemes_in_messages_are_sanitised() {
        assert!(!msg("a\u{1b}b:x").contains('\u{1b}'));
    }
}
