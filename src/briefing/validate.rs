//! Walking the parsed TOML tree by hand into a [`Briefing`], checking every
//! rule of docs/format.md on the way and reporting every problem, not just the
//! first (serde would stop at the first one and lose the positions).
//!
//! The walk always builds a briefing; it is only returned when the
//! [`Reporter`] has no errors.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::article::MAX_ID_CHARS;
use super::model::{Briefing, Section, Source};
use super::schema::TableKind;
use super::values::{self, Value};
use super::weburl;
use crate::diagnostics::kind;
use crate::diagnostics::report::Reporter;
use crate::i18n::{Msg, t, tf};

/// One table of the tree with the span it is reported at when a key is
/// missing (its `[[header]]`, `{ inline table }`, or the file start).
struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    span: Range<usize>,
    kind: TableKind,
}

impl<'t, 'i> Table<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.entries.get(key)
    }

    /// Report every key this table does not accept.
    fn check_keys(&self, r: &mut Reporter<'_>) {
        for (key, _) in self.entries.iter() {
            let name = key.get_ref().as_ref();
            if !self.kind.accepts(name) {
                let shown = crate::text::quoted(name);
                r.error(
                    key.span(),
                    tf(Msg::CliUnknownKey, &[&shown, &self.kind.context()]),
                    self.kind.unknown_key_hint(&shown),
                );
            }
        }
    }

    fn required(&self, r: &mut Reporter<'_>, key: &str) -> String {
        values::required(
            r,
            key,
            self.get(key),
            self.span.clone(),
            self.kind.context(),
        )
    }
}

fn root_table<'t, 'i>(root: &'t DeTable<'i>) -> Table<'t, 'i> {
    Table {
        entries: root,
        span: 0..0,
        kind: TableKind::Root,
    }
}

/// Validate the document's top-level table into a briefing.
pub fn briefing(r: &mut Reporter<'_>, root: &DeTable<'_>) -> Briefing {
    let mut b = head(r, root);
    b.sections = sections(r, root);
    duplicate_ids(r, root);
    b
}

/// Every field of the top-level table but the sections (left empty).
pub fn head(r: &mut Reporter<'_>, root: &DeTable<'_>) -> Briefing {
    let t = root_table(root);
    t.check_keys(r);
    Briefing {
        title: t.required(r, "title"),
        subtitle: values::optional(r, "subtitle", t.get("subtitle")),
        summary: values::optional(r, "summary", t.get("summary")),
        published: values::published(r, "published", t.get("published")),
        language: values::language(r, t.get("language")),
        tags: values::strings(r, "tags", t.get("tags")),
        takeaways: values::strings(r, "takeaways", t.get("takeaways")),
        sections: Vec::new(),
    }
}

/// The `[[sections]]` of a top-level table (required, not empty).
pub fn sections(r: &mut Reporter<'_>, root: &DeTable<'_>) -> Vec<Section> {
    tables(
        r,
        &root_table(root),
        "sections",
        TableKind::Section,
        section,
    )
}

fn section(r: &mut Reporter<'_>, t: &Table<'_, '_>) -> Section {
    t.check_keys(r);
    Section {
        heading: t.required(r, "heading"),
        id: id(r, t.get("id")),
        tags: values::strings(r, "tags", t.get("tags")),
        question: values::optional(r, "question", t.get("question")),
        answer: values::optional(r, "answer", t.get("answer")),
        lead: values::optional(r, "lead", t.get("lead")),
        published: values::published(r, "published", t.get("published")),
        key_points: values::strings(r, "key_points", t.get("key_points")),
        body: values::strings(r, "body", t.get("body")),
        commentary: values::strings(r, "commentary", t.get("commentary")),
        sources: tables(r, t, "sources", TableKind::Source, source),
    }
}

/// A section's `id`: a string of at most [`MAX_ID_CHARS`] characters
/// (blank counts as absent).
fn id(r: &mut Reporter<'_>, v: Option<&Value<'_>>) -> Option<String> {
    let v = v?;
    let id = values::optional(r, "id", Some(v))?;
    let n = id.chars().count();
    if n > MAX_ID_CHARS {
        r.error(
            v.span(),
            tf(Msg::CliIdTooLong, &[&n, &MAX_ID_CHARS]),
            t(Msg::CliIdTooLongHint).into(),
        );
    }
    Some(id)
}

/// A warning at each section whose `id` an earlier section of the file
/// already has: read marks would be shared between them.
pub fn duplicate_ids(r: &mut Reporter<'_>, root: &DeTable<'_>) {
    let Some(DeValue::Array(items)) = root.get("sections").map(|v| v.get_ref()) else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for it in items.iter() {
        let DeValue::Table(t) = it.get_ref() else {
            continue;
        };
        let Some(v) = t.get("id") else { continue };
        let DeValue::String(s) = v.get_ref() else {
            continue;
        };
        let id = s.trim();
        if !id.is_empty() && !seen.insert(id.to_string()) {
            r.warning(
                v.span(),
                tf(Msg::CliDuplicateId, &[&crate::text::quoted(id)]),
                crate::i18n::t(Msg::CliDuplicateIdHint).into(),
            );
        }
    }
}

fn source(r: &mut Reporter<'_>, t: &Table<'_, '_>) -> Source {
    t.check_keys(r);
    let name = t.required(r, "name");
    let url = t.required(r, "url");
    // Missing, not a string or blank: `required` has said so (and given "").
    if !url.trim().is_empty()
        && let Some(v) = t.get("url")
    {
        match weburl::check("url", &url) {
            Err(p) => r.error(v.span(), p.message, p.hint),
            // A deceptive address is only a warning.
            Ok(()) if r.is_quiet() => {}
            Ok(()) => {
                if let Some(d) = url::Url::parse(&url)
                    .ok()
                    .as_ref()
                    .and_then(crate::links::deception)
                {
                    let (message, hint) = d.explain();
                    r.warning(v.span(), message, hint);
                }
            }
        }
    }
    Source { name, url }
}

/// An array of tables (`[[sections]]`, `[[sections.sources]]`), each read
/// with `read`. `sections` is required and must not be empty; `sources` is
/// optional. A single `[table]` where an array was meant is reported, and
/// its contents are still checked.
fn tables<T>(
    r: &mut Reporter<'_>,
    parent: &Table<'_, '_>,
    key: &str,
    kind_of_items: TableKind,
    read: fn(&mut Reporter<'_>, &Table<'_, '_>) -> T,
) -> Vec<T> {
    let required = kind_of_items == TableKind::Section;
    let header = match kind_of_items {
        TableKind::Source => "[[sections.sources]]",
        _ => "[[sections]]",
    };
    let item = |entries, span| Table {
        entries,
        span,
        kind: kind_of_items,
    };
    let Some(v) = parent.get(key) else {
        if required {
            r.missing(
                parent.span.clone(),
                t(Msg::CliNoSections).into(),
                t(Msg::CliNoSectionsHint).into(),
            );
        }
        return Vec::new();
    };
    match v.get_ref() {
        DeValue::Array(items) => {
            if items.is_empty() && required {
                r.error(
                    v.span(),
                    t(Msg::CliEmptySections).into(),
                    t(Msg::CliEmptySectionsHint).into(),
                );
            }
            let mut out = Vec::with_capacity(items.len());
            for it in items.iter() {
                match it.get_ref() {
                    DeValue::Table(entries) => out.push(read(r, &item(entries, it.span()))),
                    other => r.error(
                        it.span(),
                        tf(Msg::CliItemNotTable, &[&key, &kind(other)]),
                        tf(Msg::CliItemNotTableHint, &[&header]),
                    ),
                }
            }
            out
        }
        DeValue::Table(entries) => {
            r.error(
                v.span(),
                tf(Msg::CliTableNotArray, &[&key]),
                tf(Msg::CliTableNotArrayHint, &[&header]),
            );
            read(r, &item(entries, v.span()));
            Vec::new()
        }
        other => {
            r.error(
                v.span(),
                tf(Msg::CliNotArrayOfTables, &[&key, &header, &kind(other)]),
                tf(Msg::CliNotArrayOfTablesHint, &[&header]),
            );
            Vec::new()
        }
    }
}
