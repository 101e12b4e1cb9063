//! Dates as feeds write them, read leniently (as feedparser does).
//!
//! Two families cover real feeds: RFC 822 (RSS `pubDate`: `Tue, 11 Jan
//! 2011 10:00:00 +0000`, also without the comma or the weekday, with a
//! two-digit year, a full month name, a zone name such as `GMT`, `EST` or
//! `JST`) and ISO 8601 / W3C-DTF (Atom, `dc:date`, `dcterms:*`:
//! `2016-01-03T01:36:10+09:00`, a space instead of `T`, a space before the
//! offset as in `2006-01-11 16:42:55 -0800`, offsets written `+0900`,
//! `+09` or `+00:0`, fractions of a second, slashes between the parts).
//! A date without a time stays a date ([`FeedDate::Day`]); a time without
//! an offset is [`FeedDate::Local`], read later in the feed's own offset.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// A date read from a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedDate {
    /// A moment, with the offset it was written in.
    At(DateTime<FixedOffset>),
    /// A date and time with no offset.
    Local(NaiveDateTime),
    /// A day, no time.
    Day(NaiveDate),
}

/// Read a date; `None` when it is no date any reader could make sense of.
pub fn parse(s: &str) -> Option<FeedDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if s.as_bytes()[0].is_ascii_digit()
        && let Some(d) = iso(s)
    {
        return Some(d);
    }
    rfc822(s)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Zone names and their offsets in hours.
const ZONES: &[(&str, i32)] = &[
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("est", -5),
    ("edt", -4),
    ("cst", -6),
    ("cdt", -5),
    ("mst", -7),
    ("mdt", -6),
    ("pst", -8),
    ("pdt", -7),
    ("jst", 9),
    ("kst", 9),
    ("hkt", 8),
    ("sgt", 8),
    ("cet", 1),
    ("cest", 2),
    ("met", 1),
    ("mest", 2),
    ("bst", 1),
    ("eet", 2),
    ("eest", 3),
    ("msk", 3),
    ("aest", 10),
    ("aedt", 11),
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `+0900`, `+09:00`, `-08`, `+00:0`, `Z`, `GMT`, `JST` as seconds east.
fn offset(z: &str) -> Option<i32> {
    let z = z.trim();
    if let Some((_, h)) = ZONES.iter().find(|(n, _)| n.eq_ignore_ascii_case(z)) {
        return Some(h * 3600);
    }
    let (sign, rest) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    if !rest.is_ascii() {
        return None;
    }
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() > 2 => rest.split_at(2),
        None => (rest, ""),
    };
    if h.is_empty()
        || h.len() > 2
        || m.len() > 2
        || !(h.chars().chain(m.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = if m.is_empty() { 0 } else { m.parse().ok()? };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// `hh:mm[:ss[.frac]]`.
fn time(t: &str) -> Option<NaiveTime> {
    let mut parts = t.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s = parts.next().unwrap_or("0");
    if parts.next().is_some() {
        return None;
    }
    let (whole, frac) = s.split_once(['.', ',']).unwrap_or((s, ""));
    let sec: u32 = whole.parse().ok()?;
    let nanos: u32 = if frac.is_empty() {
        0
    } else {
        let digits: String = frac.chars().take(9).collect();
        let n: u32 = digits.parse().ok()?;
        n * 10u32.pow(9 - u32::try_from(digits.len()).ok()?)
    };
    // A leap second (:60) is read as :59.
    NaiveTime::from_hms_nano_opt(h, m, sec.min(59), nanos)
}

fn finish(date: NaiveDate, t: Option<NaiveTime>, off: Option<i32>) -> Option<FeedDate> {
    let Some(t) = t else {
        return Some(FeedDate::Day(date));
    };
    let local = date.and_time(t);
    match off {
        Some(o) => {
            let o = FixedOffset::east_opt(o)?;
            local.and_local_timezone(o).single().map(FeedDate::At)
        }
        None => Some(FeedDate::Local(local)),
    }
}

/// ISO 8601 / W3C-DTF and its common misspellings.
fn iso(s: &str) -> Option<FeedDate> {
    let (date_part, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    let mut dp = date_part.split(['-', '/']);
    let year: i32 = dp.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: u32 = dp.next().map_or(Ok(1), str::parse).ok()?;
    let day: u32 = dp.next().map_or(Ok(1), str::parse).ok()?;
    if dp.next().is_some() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    if rest.is_empty() {
        return Some(FeedDate::Day(date));
    }
    // The time runs up to a zone: `Z`, a sign, or a space before either.
    let zone_at = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| matches!(c, 'Z' | 'z' | '+' | '-' | ' ') || c.is_ascii_alphabetic())
        .map(|(i, _)| i);
    let (t, z) = match zone_at {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let t = time(t.trim())?;
    let off = if z.is_empty() { None } else { Some(offset(z)?) };
    finish(date, Some(t), off)
}

/// RFC 822 and its relatives: `[Weekday[,]] D Month YYYY [hh:mm[:ss]] [zone]`.
fn rfc822(s: &str) -> Option<FeedDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    // A leading weekday (any spelling) is skipped.
    if words.first().is_some_and(|w| {
        w.chars().all(|c| c.is_ascii_alphabetic() || c == '.') && month(w).is_none()
    }) {
        i = 1;
    }
    let rest = &words[i..];
    // `11 Jan 2011` or `Jan 11 2011`.
    let (day, mon, year, after) = match rest {
        [d, m, y, tail @ ..] if d.parse::<u32>().is_ok() && month(m).is_some() => {
            (d.parse().ok()?, month(m)?, *y, tail)
        }
        [m, d, y, tail @ ..] if month(m).is_some() && d.parse::<u32>().is_ok() => {
            (d.parse().ok()?, month(m)?, *y, tail)
        }
        _ => return None,
    };
    let mut year: i32 = year.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let date = NaiveDate::from_ymd_opt(year, mon, day)?;
    let Some(t) = after.first() else {
        return Some(FeedDate::Day(date));
    };
    let t = time(t)?;
    let off = match after.get(1) {
        // `+0000 (UTC)`, `GMT+9` and the like: the first zone word counts.
        Some(z) => offset(z).or_else(|| {
            let (name, num) = z.split_at(z.find(['+', '-']).unwrap_or(z.len()));
            let base = offset(name)?;
            Some(base + if num.is_empty() { 0 } else { offset(num)? })
        }),
        None => None,
    };
    // A zone nobody knows is read as UTC, as feedparser does, rather than
    // dropping the date.
    finish(date, Some(t), Some(off.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        match parse(s) {
            Some(FeedDate::At(d)) => d.to_rfc3339(),
            Some(FeedDate::Local(d)) => format!("local {d}"),
            Some(FeedDate::Day(d)) => format!("day {d}"),
            None => "none".into(),
        }
    }

    #[test]
    fn rfc_822_and_its_relatives() {
        assert_eq!(
            at("Tue, 11 Jan 2011 10:00:00 +0000"),
            "2011-01-11T10:00:00+00:00"
        );
        assert_eq!(
            at("Tue 11 Jan 2011 10:00:00 GMT"),
            "2011-01-11T10:00:00+00:00"
        );
        assert_eq!(at("11 January 2011 10:00 JST"), "2011-01-11T10:00:00+09:00");
        assert_eq!(
            at("Sun, 19 May 02 15:21:36 GMT"),
            "2002-05-19T15:21:36+00:00"
        );
        assert_eq!(
            at("Thu, 01 Jan 2004 19:48:21 EST"),
            "2004-01-01T19:48:21-05:00"
        );
        assert_eq!(
            at("Wed, 02 Oct 2002 13:00:00 +00:0"),
            "2002-10-02T13:00:00+00:00"
        );
        assert_eq!(at("Tue, 11 Jan 2011"), "day 2011-01-11");
        assert_eq!(
            at("Tuesday, Jan 11 2011 10:00:00 -0800"),
            "2011-01-11T10:00:00-08:00"
        );
    }

    #[test]
    fn iso_8601_and_w3c_dtf() {
        assert_eq!(at("2016-01-03T01:36:10+09:00"), "2016-01-03T01:36:10+09:00");
        assert_eq!(at("2016-01-03"), "day 2016-01-03");
        assert_eq!(at("2006-01-11 16:42:55 -0800"), "2006-01-11T16:42:55-08:00");
        assert_eq!(
            at("2003-12-13T18:30:02.25Z"),
            "2003-12-13T18:30:02.250+00:00"
        );
        assert_eq!(at("2003-12-13T18:30+0900"), "2003-12-13T18:30:00+09:00");
        assert_eq!(at("2003-12-13T18:30:00+00:0"), "2003-12-13T18:30:00+00:00");
        assert_eq!(at("2003-12-13T18:30:00"), "local 2003-12-13 18:30:00");
        assert_eq!(at("2004/01/05 12:00:00"), "local 2004-01-05 12:00:00");
        assert_eq!(at("2004-07"), "day 2004-07-01");
        for bad in [
            "",
            "soon",
            "2004-13-45",
            "99999-01-01",
            "Tue, 99 Foo 2011",
            "2004-01-01T10:00+é0",
            "2004-01-01T10:00:00.é",
        ] {
            assert_eq!(at(bad), "none", "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_date_or_none_never_a_panic(s in "\\PC{0,40}") {
            let _ = parse(&s);
        }

        #[test]
        fn date_like_text_never_panics(s in "[0-9 :TZ+\\-/.,A-Za-zé]{0,40}") {
            let _ = parse(&s);
        }
    }
}
