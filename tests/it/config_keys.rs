//! The configuration keys the user is told about are the keys the parser
//! reads: the documentation's example (the `toml` block after the
//! `config-keys` marker, in whichever page holds it) and the CONFIGURATION
//! section of `yomu man` list exactly the keys of `yomu::config::SETTINGS`.

use std::path::{Path, PathBuf};

const MARKER: &str = "<!-- config-keys";

/// The Markdown pages the user guide may live in.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![root.join("README.md")];
    if let Ok(dir) = std::fs::read_dir(root.join("docs")) {
        let mut docs: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        docs.sort();
        out.extend(docs);
    }
    out
}

/// The top-level keys of a TOML example: `name = …` lines before the first
/// table header, then each `[table]` header's name.
fn example_keys(example: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut in_table = false;
    for line in example.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            let name = header.split(']').next().unwrap_or("").trim();
            keys.push(name.to_string());
            in_table = true;
        } else if !in_table
            && let Some((name, _)) = line.split_once('=')
            && !line.starts_with('#')
        {
            keys.push(name.trim().to_string());
        }
    }
    keys
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn table() -> Vec<String> {
    sorted(
        yomu::config::Setting::names()
            .into_iter()
            .map(String::from)
            .collect(),
    )
}

#[test]
fn the_documented_example_lists_exactly_the_keys_of_the_table() {
    let mut found = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        for (at, _) in text.match_indices(MARKER) {
            let example = text[at..]
                .split("```toml\n")
                .nth(1)
                .and_then(|s| s.split("```").next())
                .expect("a toml block after the marker");
            found.push((page.clone(), example_keys(example)));
        }
    }
    assert_eq!(found.len(), 1, "one config-keys marker: {found:?}");
    let (page, keys) = found.remove(0);
    assert_eq!(
        sorted(keys),
        table(),
        "{}: the example's keys differ from src/config/settings.rs",
        page.display()
    );
}

#[test]
fn the_manual_lists_exactly_the_keys_of_the_table() {
    let out = crate::common::yomu()
        .arg("man")
        .output()
        .expect("yomu runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let section = text
        .split(".SH CONFIGURATION\n")
        .nth(1)
        .and_then(|s| s.split("\n.SH ").next())
        .expect("a CONFIGURATION section");
    let lines: Vec<&str> = section.lines().collect();
    let keys: Vec<String> = lines
        .windows(2)
        .filter(|w| w[0] == ".TP")
        .map(|w| {
            let tag = w[1].trim_start_matches("\\fB").trim_start_matches(".B ");
            tag.split([' ', '\\']).next().unwrap_or("").to_string()
        })
        .collect();
    assert_eq!(sorted(keys), table(), "{section}");
}
