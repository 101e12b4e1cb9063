//! The shape of a briefing (docs/format.md): which keys each of its three kinds
//! of table accepts, and what to tell a person who wrote a key that is not
//! one of them.
//!
//! Besides "did you mean", the most useful hint for an unknown key is often
//! *where* it belongs: a `takeaways = [...]` written after the last
//! `[[sections]]` header lands in that section, and `url` written directly
//! in a section belongs in a `[[sections.sources]]` table.

use crate::diagnostics::suggest;
use crate::i18n::{Msg, t, tf};

/// The three kinds of table in a briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Root,
    Section,
    Source,
}

pub(crate) const ROOT_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "summary",
    "published",
    "language",
    "tags",
    "takeaways",
    "sections",
];
pub(crate) const SECTION_KEYS: &[&str] = &[
    "heading",
    "id",
    "question",
    "answer",
    "lead",
    "published",
    "key_points",
    "body",
    "commentary",
    "sources",
    "tags",
];
const SOURCE_KEYS: &[&str] = &["name", "url"];

impl TableKind {
    /// The keys this table accepts.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            TableKind::Root => ROOT_KEYS,
            TableKind::Section => SECTION_KEYS,
            TableKind::Source => SOURCE_KEYS,
        }
    }

    /// ` in [[sections]]`: appended to messages about keys of this table.
    pub fn context(self) -> &'static str {
        match self {
            TableKind::Root => "",
            TableKind::Section => t(Msg::CliInSections),
            TableKind::Source => t(Msg::CliInSources),
        }
    }

    pub fn accepts(self, key: &str) -> bool {
        self.keys().contains(&key)
    }

    /// A hint for the unknown key `key` found in this table.
    pub fn unknown_key_hint(self, key: &str) -> String {
        use TableKind::*;
        let home = [Section, Root, Source]
            .into_iter()
            .find(|k| *k != self && k.accepts(key));
        match (home, self) {
            (Some(Root), _) => tf(Msg::CliHintTopLevelKey, &[&key]),
            (Some(Section), Root) => tf(Msg::CliHintBelongsInSection, &[&key]),
            (Some(Section), _) => tf(Msg::CliHintBelongsToSection, &[&key]),
            (Some(Source), _) => tf(Msg::CliHintBelongsToSource, &[&key]),
            (None, _) => match suggest::closest(key, self.keys()) {
                Some(known) => tf(Msg::CliHintDidYouMean, &[&known]),
                None => tf(
                    Msg::CliHintAllowedKeys,
                    &[&self
                        .keys()
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")],
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TableKind::*;

    #[test]
    fn hints_say_where_a_key_belongs() {
        assert!(
            Section
                .unknown_key_hint("takeaways")
                .contains("top-level key")
        );
        assert!(Source.unknown_key_hint("title").contains("top-level key"));
        assert!(
            Root.unknown_key_hint("heading")
                .contains("after a [[sections]] line")
        );
        assert!(
            Source
                .unknown_key_hint("body")
                .contains("belongs to the section")
        );
        assert!(
            Section
                .unknown_key_hint("url")
                .contains("[[sections.sources]]")
        );
        assert_eq!(
            Section.unknown_key_hint("keypoints"),
            "did you mean `key_points`?"
        );
        assert_eq!(Root.unknown_key_hint("Title"), "did you mean `title`?");
        assert!(
            Source
                .unknown_key_hint("zzz")
                .starts_with("the keys allowed here are: `name`")
        );
    }
}
