//! The briefing format as a JSON Schema (draft 2020-12), for editors:
//! `yomu schema > briefing.schema.json` and a `#:schema` line at the top of
//! a briefing give completion and errors as one types in taplo-based
//! editors (Even Better TOML and others).
//!
//! Built from the same key lists the loader checks ([`TableKind::keys`]),
//! with the type of each key written once here; a test checks that the two
//! agree and `tests/schema.rs` that the schema accepts and refuses the same
//! files as the loader wherever JSON Schema can say why.
//!
//! What it cannot say: a TOML date becomes a string when an editor checks a
//! file, so a date written in quotes (`"2025-03-04"`) passes the schema,
//! though the loader refuses it; and the loader's warnings (control
//! characters, a language tag that does not look like BCP 47) are not errors.

use serde_json::{Value, json};

use super::schema::TableKind;

/// The kind of value a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A string that must not be empty (or only spaces).
    Required,
    Text,
    Texts,
    Date,
    Url,
    /// An article's identity: at most 200 characters.
    Id,
    Sections,
    Sources,
}

/// Every key of every table with its kind and a description for editors.
const KEYS: &[(TableKind, &str, Kind, &str)] = &[
    (
        TableKind::Root,
        "title",
        Kind::Required,
        "The briefing's title (required).",
    ),
    (
        TableKind::Root,
        "subtitle",
        Kind::Text,
        "A line under the title.",
    ),
    (
        TableKind::Root,
        "summary",
        Kind::Text,
        "The lead paragraph.",
    ),
    (
        TableKind::Root,
        "published",
        Kind::Date,
        "A TOML date or date-time, without quotes: 2025-03-04.",
    ),
    (
        TableKind::Root,
        "language",
        Kind::Text,
        "A BCP 47 language tag: \"ja\", \"en\", \"zh-Hant\".",
    ),
    (
        TableKind::Root,
        "tags",
        Kind::Texts,
        "Tags, shown on the cover and searched.",
    ),
    (
        TableKind::Root,
        "takeaways",
        Kind::Texts,
        "Closing points (the 💡 lines).",
    ),
    (
        TableKind::Root,
        "sections",
        Kind::Sections,
        "The sections: at least one [[sections]] table.",
    ),
    (
        TableKind::Section,
        "heading",
        Kind::Required,
        "The section's heading (required).",
    ),
    (
        TableKind::Section,
        "id",
        Kind::Id,
        "The article's identity (format 1.2): a feed item's guid or link, at most 200 \
         characters. Read marks follow it when the file changes; unique in the file.",
    ),
    (
        TableKind::Section,
        "question",
        Kind::Text,
        "A teaser question.",
    ),
    (
        TableKind::Section,
        "answer",
        Kind::Text,
        "A one-line answer to the question.",
    ),
    (
        TableKind::Section,
        "lead",
        Kind::Text,
        "An introductory paragraph.",
    ),
    (
        TableKind::Section,
        "published",
        Kind::Date,
        "A TOML date or date-time, without quotes: 2025-03-04.",
    ),
    (
        TableKind::Section,
        "key_points",
        Kind::Texts,
        "Key points (the ✅ lines).",
    ),
    (TableKind::Section, "body", Kind::Texts, "Paragraphs."),
    (
        TableKind::Section,
        "commentary",
        Kind::Texts,
        "The editor's remarks (💬).",
    ),
    (
        TableKind::Section,
        "sources",
        Kind::Sources,
        "Sources, as [[sections.sources]] tables, in reading order.",
    ),
    (
        TableKind::Section,
        "tags",
        Kind::Texts,
        "The article's tags (format 1.2): a feed item's categories, shown under the heading \
         and searched.",
    ),
    (
        TableKind::Source,
        "name",
        Kind::Required,
        "The source's name (required).",
    ),
    (
        TableKind::Source,
        "url",
        Kind::Url,
        "An absolute http:// or https:// URL with a host (required).",
    ),
];

/// A date as a TOML date or date-time becomes when checked as JSON:
/// `YYYY-MM-DD`, optionally a time (`T` or a space), optionally an offset.
/// A time alone is refused, as by the loader.
const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$";

/// `http://` or `https://` (any case), a host, and no whitespace or
/// control characters anywhere. Extra slashes before the host are allowed,
/// as URL parsers (and so the loader) skip them.
const URL_PATTERN: &str =
    r"^[Hh][Tt][Tt][Pp][Ss]?://[/\\]*[^/\\?#\s\x00-\x1f\x7f-\x9f]+[^\s\x00-\x1f\x7f-\x9f]*$";

fn property(kind: Kind, description: &str) -> Value {
    let mut v = match kind {
        Kind::Required => json!({ "type": "string", "pattern": r"\S" }),
        Kind::Text => json!({ "type": "string" }),
        Kind::Texts => json!({ "type": "array", "items": { "type": "string" } }),
        Kind::Date => json!({ "type": "string", "pattern": DATE_PATTERN }),
        Kind::Url => json!({ "type": "string", "pattern": URL_PATTERN }),
        Kind::Id => json!({
            "type": "string",
            "maxLength": super::article::MAX_ID_CHARS
        }),
        Kind::Sections => json!({
            "type": "array",
            "minItems": 1,
            "items": { "$ref": "#/$defs/section" }
        }),
        Kind::Sources => json!({ "type": "array", "items": { "$ref": "#/$defs/source" } }),
    };
    v["description"] = json!(description);
    v
}

/// The object schema of one kind of table: its keys, the required ones,
/// and no others.
fn table(kind: TableKind, title: &str) -> Value {
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for &(_, key, k, description) in KEYS.iter().filter(|(t, ..)| *t == kind) {
        properties.insert(key.to_string(), property(k, description));
        if matches!(k, Kind::Required | Kind::Url | Kind::Sections) {
            required.push(key);
        }
    }
    json!({
        "title": title,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    let mut root = table(TableKind::Root, "yomu briefing");
    let root = root.as_object_mut().map(std::mem::take).unwrap_or_default();
    let mut out = serde_json::Map::new();
    out.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    out.insert(
        "description".into(),
        json!(
            "A news briefing for the yomu reader (format version 1.2). \
             See docs/format.md. Dates are TOML dates, written without quotes \
             (a quoted date passes this schema but not `yomu check`)."
        ),
    );
    out.extend(root);
    out.insert(
        "$defs".into(),
        json!({
            "section": table(TableKind::Section, "[[sections]]"),
            "source": table(TableKind::Source, "[[sections.sources]]"),
        }),
    );
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_loader_knows_has_a_type_and_no_other() {
        for kind in [TableKind::Root, TableKind::Section, TableKind::Source] {
            let mine: Vec<&str> = KEYS
                .iter()
                .filter(|(t, ..)| *t == kind)
                .map(|&(_, k, ..)| k)
                .collect();
            assert_eq!(mine, kind.keys(), "{kind:?}");
        }
        let s = schema();
        assert_eq!(s["required"], json!(["title", "sections"]));
        assert_eq!(s["$defs"]["source"]["required"], json!(["name", "url"]));
        assert_eq!(s["$defs"]["section"]["additionalProperties"], false);
    }
}
