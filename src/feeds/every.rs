//! `sync_every`: how often the reader syncs in the background, written
//! as people write it (`"30m"`, `"2h"`, `"1h30m"`, `"90s"` … with units
//! `s`, `m`, `h`, `d`). Never less than [`MIN_EVERY`]: feeds are polite
//! reading, and a host that asked yomu to wait is never asked sooner
//! anyway ([`super::fetchstate`]).

use std::time::Duration;

/// The shortest interval allowed: five minutes.
pub const MIN_EVERY: Duration = Duration::from_secs(5 * 60);

/// Why a `sync_every` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EveryError {
    /// Not a number followed by a unit.
    Unreadable,
    /// Shorter than [`MIN_EVERY`].
    TooOften,
}

/// An interval: one or more `<number><unit>` (units `s`, `m`, `h`, `d`;
/// spaces between parts allowed).
pub fn parse(s: &str) -> Result<Duration, EveryError> {
    let mut total: u64 = 0;
    let mut digits = String::new();
    let mut parts = 0;
    for c in s.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' if digits.is_empty() => {}
            's' | 'm' | 'h' | 'd' => {
                let n: u64 = digits.parse().map_err(|_| EveryError::Unreadable)?;
                let unit = match c {
                    's' => 1,
                    'm' => 60,
                    'h' => 3600,
                    _ => 86_400,
                };
                total = n
                    .checked_mul(unit)
                    .and_then(|v| total.checked_add(v))
                    .ok_or(EveryError::Unreadable)?;
                digits.clear();
                parts += 1;
            }
            _ => return Err(EveryError::Unreadable),
        }
    }
    if parts == 0 || !digits.is_empty() {
        return Err(EveryError::Unreadable);
    }
    let d = Duration::from_secs(total);
    if d < MIN_EVERY {
        return Err(EveryError::TooOften);
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_as_people_write_them() {
        assert_eq!(parse("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse(" 2h 15m "), Ok(Duration::from_secs(8100)));
        assert_eq!(parse("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse("300s"), Ok(MIN_EVERY));
        assert_eq!(parse("4m"), Err(EveryError::TooOften));
        assert_eq!(parse("0m"), Err(EveryError::TooOften));
        for bad in [
            "",
            "30",
            "m",
            "30 minutes",
            "-5m",
            "1.5h",
            "99999999999999999999d",
        ] {
            assert_eq!(parse(bad), Err(EveryError::Unreadable), "{bad}");
        }
    }
}
