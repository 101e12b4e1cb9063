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

    /// The form a Japanese reader expects: `2025年3月4日`.
    pub fn japanese(&self) -> String {
        match self.ymd() {
            Some((y, m, d)) => format!("{y}年{m}月{d}日"),
            None => self.rfc3339(),
        }
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
