//! The documents hold together: the README stays short, keeps its table of
//! contents and the commands CI and people copy from it, and every link
//! between the README, `docs/` and BENCHMARKS.md reaches a file that
//! exists and, when it names one, a heading of that file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const PAGES: &[&str] = &[
    "README.md",
    "BENCHMARKS.md",
    "docs/guide.md",
    "docs/architecture.md",
    "docs/format.md",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(page: &str) -> String {
    std::fs::read_to_string(root().join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The lines of a Markdown page outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// A line without its inline code spans (`` `…` ``).
fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join("")
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped,
/// spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    prose(text)
        .into_iter()
        .filter_map(|l| {
            let hashes = l.len() - l.trim_start_matches('#').len();
            (1..=6)
                .contains(&hashes)
                .then(|| l[hashes..].strip_prefix(' '))
                .flatten()
        })
        .map(|h| anchor(&h.replace('`', "")))
        .collect()
}

/// The targets of the inline links `[text](target)` of a page's prose.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(text) {
        let line = without_code(line);
        let mut rest = line.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            if let Some(end) = rest.find(')') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

#[test]
fn the_readme_is_short_with_contents_and_the_commands_to_copy() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= 400,
        "the README has {lines} lines; the guide (docs/guide.md) is the place for more"
    );
    assert!(readme.contains("\n## Contents\n"), "a table of contents");
    for command in [
        "cargo install --path . --locked",
        "\ncargo test ",
        "\nbash .ci/run ",
    ] {
        assert!(readme.contains(command), "the README shows {command:?}");
    }
}

#[test]
fn every_link_between_the_documents_arrives() {
    let mut broken = Vec::new();
    for page in PAGES {
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        for target in links(&read(page)) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file = if file.is_empty() {
                root().join(page)
            } else {
                root().join(dir).join(file)
            };
            if !file.exists() {
                broken.push(format!("{page}: {target}: no such file"));
                continue;
            }
            let is_markdown = file.extension().is_some_and(|x| x == "md");
            if !fragment.is_empty() && is_markdown {
                let text = std::fs::read_to_string(&file).expect("markdown page");
                if !anchors(&text).contains(fragment) {
                    broken.push(format!("{page}: {target}: no such heading"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(
        anchor("Vertical writing (縦書き)"),
        "vertical-writing-縦書き"
    );
    assert_eq!(
        anchor("A first read, in five minutes"),
        "a-first-read-in-five-minutes"
    );
    assert_eq!(
        anchor("yomu search over 100,000 files, beside grep"),
        "yomu-search-over-100000-files-beside-grep"
    );
    assert_eq!(
        links("see [the guide](docs/guide.md#keys) and `[x](…)`"),
        ["docs/guide.md#keys"]
    );
}
