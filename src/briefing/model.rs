//! The briefing model: what a loaded, validated briefing is.
//!
//! These types hold text exactly as written in the file (not yet sanitised:
//! sanitising is a presentation concern, done by `text::sanitize` before
//! anything is measured or printed). They serialise to JSON for
//! `yomu export --format json`, with dates as RFC 3339 strings.

use serde::{Serialize, Serializer};

/// One briefing: a title, a lead, takeaways and at least one section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Briefing {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub takeaways: Vec<String>,
    pub sections: Vec<Section>,
}

/// One chapter of a briefing; the reader shows one per page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub heading: String,
    /// The article's identity (format 1.2): a feed item's guid, Atom id or
    /// JSON Feed id, else its link ([`super::article`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The article's tags (format 1.2): a feed item's categories, shown
    /// under the heading and searched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    pub key_points: Vec<String>,
    pub body: Vec<String>,
    pub commentary: Vec<String>,
    pub sources: Vec<Source>,
}

impl Section {
    /// A section with only its heading: no id, no tags, every list empty.
    pub fn new(heading: impl Into<String>) -> Section {
        Section {
            heading: heading.into(),
            id: None,
            tags: Vec::new(),
            question: None,
            answer: None,
            lead: None,
            published: None,
            key_points: Vec::new(),
            body: Vec::new(),
            commentary: Vec::new(),
            sources: Vec::new(),
        }
    }
}

/// A cited source: a name and an absolute http(s) URL (validated on load).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub name: String,
    pub url: String,
}

/// A publication date: a TOML local date, local date-time or offset date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published(pub toml::value::Datetime);

impl Published {
    /// `(year, month, day)`, when the value has a date part (always, once validated).
    pub fn ymd(&self) -> Option<(u16, u8, u8)> {
        self.0.date.map(|d| (d.year, d.month, d.day))
    }

    /// RFC 3339 form: `2025-03-04`, `2025-03-04T09:30:00`, `2025-03-04T09:30:00+09:00`.
    pub fn rfc3339(&self) -> String {
        self.0.to_string()
    }

    /// The form a Japanese reader expects: `2025年3月4日`, with the time
    /// when there is one (`2025年1月24日 15:30`, seconds only when not zero),
    /// as written, in the briefing's own offset. An offset other than Japan's
    /// (+09:00) is named: `2025年1月24日 15:30（UTC+01:00）`, `（UTC）` for `Z`.
    pub fn japanese(&self) -> String {
        use toml::value::Offset;
        let Some((y, m, d)) = self.ymd() else {
            return self.rfc3339();
        };
        let mut out = format!("{y}年{m}月{d}日");
        if let Some(t) = self.0.time {
            out.push_str(&format!(" {}:{:02}", t.hour, t.minute));
            if let Some(s) = t.second.filter(|&s| s != 0) {
                out.push_str(&format!(":{s:02}"));
            }
            match self.0.offset {
                Some(Offset::Z) => out.push_str("（UTC）"),
                Some(Offset::Custom { minutes }) if minutes != 9 * 60 => {
                    let sign = if minutes < 0 { '-' } else { '+' };
                    let m = minutes.unsigned_abs();
                    out.push_str(&format!("（UTC{sign}{:02}:{:02}）", m / 60, m % 60));
                }
                _ => {}
            }
        }
        out
    }

    /// A key that sorts dates chronologically (date part, then time).
    pub fn sort_key(&self) -> (u16, u8, u8, u8, u8, u8) {
        let (y, mo, d) = self.ymd().unwrap_or((0, 0, 0));
        let (h, mi, s) = self
            .0
            .time
            .map(|t| (t.hour, t.minute, t.second.unwrap_or(0)))
            .unwrap_or((0, 0, 0));
        (y, mo, d, h, mi, s)
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl Briefing {
    /// Every source of the briefing in reading order, with the section it belongs to.
    /// The position in this list (plus one) is the source's number everywhere:
    /// in the reader, the link list and every export.
    pub fn sources(&self) -> impl Iterator<Item = (usize, &Source)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.sources.iter().map(move |src| (i, src)))
    }

    /// Number (1-based) of the first source of section `index`.
    pub fn first_source_number(&self, index: usize) -> usize {
        self.sections[..index.min(self.sections.len())]
            .iter()
            .map(|s| s.sources.len())
            .sum::<usize>()
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::Published;

    fn published(s: &str) -> Published {
        Published(s.parse().unwrap())
    }

    #[test]
    fn times_are_shown_in_their_own_offset() {
        let j = |s| published(s).japanese();
        assert_eq!(j("2025-01-24"), "2025年1月24日");
        assert_eq!(j("2025-01-24T15:30:00+09:00"), "2025年1月24日 15:30");
        assert_eq!(j("2025-01-24T15:30:00"), "2025年1月24日 15:30");
        assert_eq!(j("2025-01-24T09:05:07+09:00"), "2025年1月24日 9:05:07");
        assert_eq!(j("2025-01-24T15:30:00Z"), "2025年1月24日 15:30（UTC）");
        assert_eq!(
            j("2025-01-24T15:30:00-05:30"),
            "2025年1月24日 15:30（UTC-05:30）"
        );
        assert_eq!(
            published("2025-01-24T15:30:00+09:00").rfc3339(),
            "2025-01-24T15:30:00+09:00"
        );
    }
}
