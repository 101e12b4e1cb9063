//! One HTTP fetch of a subscription, as a polite client makes it.
//!
//! `ureq` (blocking, rustls) with: the validators of the last response
//! sent back (`If-None-Match`, `If-Modified-Since`), so an unchanged feed
//! costs a `304` and no body; `Accept-Encoding: gzip`; a connect timeout
//! and a timeout on the whole fetch, body included (a server that drips a
//! byte a second is cut off); the body capped at [`MAX_BODY`] after
//! decompression (a gzip bomb is cut off too); redirects followed by hand
//! (at most [`MAX_REDIRECTS`]), so a permanent one (301, 308) can update
//! the subscription; `429` and `503` read for their `Retry-After`; and an
//! honest `User-Agent` naming yomu and its version.
//!
//! A redirect into the machine's own or a private network (loopback,
//! RFC 1918 and unique local addresses, link-local ones such as the
//! cloud metadata address `169.254.169.254`, `localhost`) is refused
//! unless the subscription itself is in one: a feed on the internet has
//! no business sending yomu to them. A host name is judged by the
//! addresses it resolves to; and a subscription outside is fetched by an
//! agent whose resolver refuses inside addresses when it connects
//! ([`OutsideOnly`]), so a name that answers differently when checked
//! and when connected to cannot lead there either.

use std::time::Duration;

use crate::i18n::{Msg, tf};

/// The largest body read (after decompression): 16 MiB, a briefing's limit.
pub const MAX_BODY: u64 = 16 * 1024 * 1024;

/// Redirects followed at most.
pub const MAX_REDIRECTS: usize = 5;

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "yomu/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; feed sync)"
);

/// How long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub whole: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            whole: Duration::from_secs(60),
        }
    }
}

/// The validators sent with a request.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a fetch brought.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// `304 Not Modified`.
    NotModified,
    /// A body (`200`).
    Body {
        bytes: Vec<u8>,
        /// The `charset` of the `Content-Type`.
        charset: Option<String>,
        validators: Validators,
        /// The address the body came from (after redirects).
        final_url: String,
        /// Where a permanent redirect (301, 308) pointed, to update the
        /// subscription: the last address reached only through permanent
        /// redirects.
        moved_to: Option<String>,
    },
}

/// Why a fetch failed.
///
/// The messages are the interface's language ([`crate::i18n`]).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    /// `429` or `503`: the server asked to wait (`Retry-After`, in seconds, when given).
    #[error("{}", match retry_after {
        Some(s) => tf(Msg::CliHttpWaitFor, &[status, s]),
        None => tf(Msg::CliHttpWait, &[status]),
    })]
    Wait {
        status: u16,
        retry_after: Option<i64>,
    },
    /// Another status that is not a success.
    #[error("{}", status_text(*status, reason))]
    Status { status: u16, reason: String },
    /// Over [`MAX_BODY`].
    #[error("{}", tf(Msg::CliTooLarge, &[&crate::fsutil::human(MAX_BODY)]))]
    TooLarge,
    #[error("{}", tf(Msg::CliTimeout, &[.0]))]
    Timeout(u64),
    #[error("{}", tf(Msg::CliRedirects, &[&MAX_REDIRECTS]))]
    Redirects,
    /// A redirect to something that is not http(s).
    #[error("{}", tf(Msg::CliBadRedirect, &[.0]))]
    BadRedirect(String),
    /// A redirect from the internet into a loopback, private or
    /// link-local address.
    #[error("{}", tf(Msg::CliInternalRedirect, &[.0]))]
    InternalRedirect(String),
    /// A host of a subscription outside that resolved, when connecting,
    /// to a loopback, private or link-local address.
    #[error("{}", tf(Msg::CliInternalAddress, &[.0]))]
    InternalAddress(String),
    /// Connection refused, DNS, TLS, a body cut short, …
    #[error("{0}")]
    Network(String),
}

/// The `ureq` agents of a sync (one per sync, shared by its threads): one
/// for subscriptions inside (on this machine or a private network), one
/// for those outside, which never connects inside.
pub struct Agents {
    inside: ureq::Agent,
    outside: ureq::Agent,
}

/// The agents for `timeouts`.
pub fn agent(timeouts: Timeouts) -> Agents {
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(timeouts.connect))
        .timeout_global(Some(timeouts.whole))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .build();
    Agents {
        inside: ureq::Agent::new_with_config(config.clone()),
        outside: ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            OutsideOnly(ureq::unversioned::resolver::DefaultResolver::default()),
        ),
    }
}

/// A resolver that refuses a host whose addresses are inside
/// ([`is_internal`]), except the proxy's own.
struct OutsideOnly(ureq::unversioned::resolver::DefaultResolver);

impl std::fmt::Debug for OutsideOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OutsideOnly")
    }
}

/// The host [`OutsideOnly`] refused.
#[derive(Debug)]
struct Inside(String);

impl std::fmt::Display for Inside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is inside", self.0)
    }
}

impl std::error::Error for Inside {}

impl ureq::unversioned::resolver::Resolver for OutsideOnly {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.0.resolve(uri, config, timeout)?;
        let host = uri.host().unwrap_or_default();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let is_proxy = config
            .proxy()
            .is_some_and(|p| p.host().eq_ignore_ascii_case(bare));
        if !is_proxy && addrs.iter().any(|a| is_internal(a.ip())) {
            return Err(ureq::Error::Other(Box::new(Inside(host.to_string()))));
        }
        Ok(addrs)
    }
}

/// Fetch `url`, sending `validators`.
pub fn fetch(
    agents: &Agents,
    timeouts: Timeouts,
    url: &str,
    validators: &Validators,
) -> Result<Fetched, FetchError> {
    let mut current = url.to_string();
    let mut moved_to = None;
    let mut permanent_so_far = true;
    // Whether the subscription is itself inside: then it may lead inside.
    let inside = url::Url::parse(url).is_ok_and(|u| is_internal_host(&u));
    let agent = if inside {
        &agents.inside
    } else {
        &agents.outside
    };
    for _ in 0..=MAX_REDIRECTS {
        let mut req = agent.get(&current).header("Accept", ACCEPT);
        if let Some(e) = &validators.etag {
            req = req.header("If-None-Match", e);
        }
        if let Some(m) = &validators.last_modified {
            req = req.header("If-Modified-Since", m);
        }
        let mut resp = req.call().map_err(|e| network(e, timeouts))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        match status {
            200..=299 if status != 204 => {
                let charset = header("content-type").and_then(|ct| charset_of(&ct));
                let validators = Validators {
                    etag: header("etag"),
                    last_modified: header("last-modified"),
                };
                let bytes = resp
                    .body_mut()
                    .with_config()
                    .limit(MAX_BODY)
                    .read_to_vec()
                    .map_err(|e| network(e, timeouts))?;
                return Ok(Fetched::Body {
                    bytes,
                    charset,
                    validators,
                    final_url: current,
                    moved_to,
                });
            }
            304 => return Ok(Fetched::NotModified),
            301 | 302 | 303 | 307 | 308 => {
                let Some(location) = header("location") else {
                    return Err(FetchError::Status {
                        status,
                        reason: "redirect without a Location".into(),
                    });
                };
                let next = url::Url::parse(&current)
                    .and_then(|base| base.join(&location))
                    .map_err(|_| FetchError::BadRedirect(crate::text::quoted(&location)))?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(FetchError::BadRedirect(crate::text::quoted(next.as_str())));
                }
                if !inside && is_internal_host(&next) {
                    return Err(FetchError::InternalRedirect(crate::text::quoted(
                        next.as_str(),
                    )));
                }
                permanent_so_far &= matches!(status, 301 | 308);
                current = next.to_string();
                if permanent_so_far {
                    moved_to = Some(current.clone());
                }
            }
            429 | 503 => {
                return Err(FetchError::Wait {
                    status,
                    retry_after: header("retry-after").and_then(|r| retry_after(&r)),
                });
            }
            _ => {
                return Err(FetchError::Status {
                    status,
                    reason: resp
                        .status()
                        .canonical_reason()
                        .unwrap_or("(no reason)")
                        .to_string(),
                });
            }
        }
    }
    Err(FetchError::Redirects)
}

/// Whether `ip` is loopback, private, link-local, shared (CGNAT) or
/// unspecified: an address of this machine or of a network behind it.
pub fn is_internal(ip: std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            a.is_loopback()
                || a.is_private()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
        }
        IpAddr::V6(a) => {
            if let Some(v4) = a.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let first = a.segments()[0];
            a.is_loopback()
                || a.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// Whether `url`'s host is internal ([`is_internal`]): an address
/// literal, `localhost`, or a name any of whose addresses is. A name
/// that does not resolve is not judged inside (the fetch then fails, or
/// goes through a proxy that resolves it).
pub fn is_internal_host(url: &url::Url) -> bool {
    use std::net::ToSocketAddrs;
    match url.host() {
        Some(url::Host::Ipv4(a)) => is_internal(a.into()),
        Some(url::Host::Ipv6(a)) => is_internal(a.into()),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost"
                || d.ends_with(".localhost")
                || (d.as_str(), url.port_or_known_default().unwrap_or(80))
                    .to_socket_addrs()
                    .is_ok_and(|mut addrs| addrs.any(|a| is_internal(a.ip())))
        }
        None => false,
    }
}

/// `HTTP 404 Not Found` in the interface's language (the common statuses
/// by name, others with the server's reason phrase).
fn status_text(status: u16, reason: &str) -> String {
    let named = match status {
        401 => Some(Msg::CliHttp401),
        403 => Some(Msg::CliHttp403),
        404 => Some(Msg::CliHttp404),
        410 => Some(Msg::CliHttp410),
        500 => Some(Msg::CliHttp500),
        502 => Some(Msg::CliHttp502),
        _ => None,
    };
    match named {
        Some(m) => crate::i18n::t(m).to_string(),
        None => tf(Msg::CliHttpStatus, &[&status, &reason]),
    }
}

/// What yomu accepts, most wanted first.
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
    application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, application/toml;q=0.8, \
    text/plain;q=0.5, */*;q=0.1";

fn network(e: ureq::Error, timeouts: Timeouts) -> FetchError {
    match e {
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge,
        ureq::Error::Timeout(_) => FetchError::Timeout(timeouts.whole.as_secs()),
        ureq::Error::Other(e) if e.is::<Inside>() => FetchError::InternalAddress(
            e.downcast_ref::<Inside>()
                .map(|i| crate::text::quoted(&i.0))
                .unwrap_or_default(),
        ),
        other => FetchError::Network(crate::text::sanitize_line(&other.to_string()).into_owned()),
    }
}

/// The `charset` parameter of a `Content-Type`.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The longest wait a `Retry-After` is obeyed for: a day. A server that
/// names a later time (a date in the year 9999, a number of seconds too
/// large for any clock) is asked again after a day.
pub const MAX_RETRY_AFTER: i64 = 24 * 3600;

/// `Retry-After` as seconds from now, at most [`MAX_RETRY_AFTER`]: a
/// number of seconds (of any length) or an HTTP date.
pub fn retry_after(value: &str) -> Option<i64> {
    let value = value.trim();
    if let Ok(s) = value.parse::<i64>() {
        return Some(s.clamp(0, MAX_RETRY_AFTER));
    }
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than an i64 holds.
        return Some(MAX_RETRY_AFTER);
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        when.timestamp()
            .saturating_sub(super::fetchstate::now())
            .clamp(0, MAX_RETRY_AFTER),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read() {
        assert_eq!(
            charset_of("text/xml; charset=\"Shift_JIS\""),
            Some("Shift_JIS".into())
        );
        assert_eq!(charset_of("application/rss+xml"), None);
        assert_eq!(retry_after("120"), Some(120));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(0));
        assert_eq!(retry_after("soon"), None);
        assert_eq!(retry_after("9223372036854775807"), Some(MAX_RETRY_AFTER));
        assert_eq!(
            retry_after("99999999999999999999999"),
            Some(MAX_RETRY_AFTER)
        );
        assert_eq!(retry_after("-5"), Some(0));
        assert_eq!(
            retry_after("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(MAX_RETRY_AFTER)
        );
        assert!(USER_AGENT.starts_with("yomu/0."));
    }

    #[test]
    fn internal_addresses() {
        let inside = |u: &str| is_internal_host(&url::Url::parse(u).unwrap());
        for u in [
            "http://127.0.0.1/",
            "http://10.1.2.3/",
            "http://172.16.0.1/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost:8080/",
            "http://a.localhost/",
        ] {
            assert!(inside(u), "{u}");
        }
        for u in [
            "http://8.8.8.8/",
            "http://[2001:db8::1]/",
            "http://93.184.216.34/",
        ] {
            assert!(!inside(u), "{u}");
        }
    }

    #[test]
    fn the_outside_agent_never_connects_inside() {
        // Whatever a name answers when it is checked, the agent of a
        // subscription outside refuses it when it connects.
        let agents = agent(Timeouts::default());
        for u in ["http://localhost:9/", "http://127.0.0.1:9/"] {
            let e = agents
                .outside
                .get(u)
                .call()
                .map_err(|e| network(e, Timeouts::default()));
            assert!(
                matches!(&e, Err(FetchError::InternalAddress(_))),
                "{u}: {e:?}"
            );
        }
    }
}
