//! The corpus of real feeds (`tests/corpus/feeds/`, public test data of
//! feed parsers and Japanese feeds, with their licences): every document
//! is imported by the real binary (`yomu import FILE`) and what a person
//! gets is compared with an expectation checked by hand, held next to the
//! document as `FILE.expect`: the exit code, the messages on stderr, the
//! briefing's title, language and number of sections, and for the first
//! sections their heading, date, link and first line of text.
//!
//! Over the whole corpus, beyond the expectations: nothing panics and every
//! briefing written passes the loader. A text that still shows HTML markup
//! or an entity (`<p>`, `&nbsp;`, `&amp;`) is named in the expectation, so
//! each one has been looked at (the feed escaped it twice, or said the
//! text is plain).
//!
//! `YOMU_BLESS=1` writes the expectations anew from what the binary does;
//! the diff is then read and checked by hand against the documents (and
//! python feedparser) before it is committed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Run, yomu};

/// Sections described in an expectation.
const SHOWN: usize = 3;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/feeds")
}

/// Every feed document of the corpus, sorted.
fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for project in std::fs::read_dir(corpus()).expect("the feed corpus") {
        let project = project.expect("entry").path();
        if !project.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&project).expect("project folder") {
            let f = f.expect("entry").path();
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with("LICENSE") || name.ends_with(".expect") || name == "SOURCE" {
                continue;
            }
            out.push(f);
        }
    }
    out.sort();
    out
}

fn cut(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut c: String = one.chars().take(n).collect();
    if c.len() < one.len() {
        c.push('…');
    }
    c
}

/// Markup or entities left in a text, if any.
fn leftovers(s: &str) -> Option<String> {
    const TAGS: &[&str] = &[
        "<p>", "<p ", "</p>", "<br", "<div", "</div>", "<a href", "</a>", "<img ", "<span", "<li>",
        "<strong>", "<em>",
    ];
    const ENTITIES: &[&str] = &["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#"];
    let lower = s.to_ascii_lowercase();
    TAGS.iter()
        .chain(ENTITIES)
        .find(|t| lower.contains(*t))
        .map(|t| (*t).to_string())
}

/// What a person gets from `yomu import FILE`, in the expectation's form.
fn describe(file: &Path, run: &Run) -> (String, Vec<String>) {
    let mut problems = Vec::new();
    let shown = file.to_string_lossy().into_owned();
    let mut out = format!("exit {}\n", run.code);
    for line in run.stderr.lines() {
        out.push_str(&format!("stderr {}\n", line.replace(&shown, "FILE")));
    }
    if run.code != 0 {
        return (out, problems);
    }
    let b = match yomu::briefing::parse_str("imported.toml", &run.stdout) {
        Ok(l) => l.briefing,
        Err(d) => {
            problems.push(format!("the briefing does not load: {:?}", d.first()));
            return (out, problems);
        }
    };
    out.push_str(&format!("title {}\n", b.title));
    out.push_str(&format!(
        "language {}\n",
        b.language.as_deref().unwrap_or("-")
    ));
    out.push_str(&format!("sections {}\n", b.sections.len()));
    for s in b.sections.iter().take(SHOWN) {
        out.push_str(&format!(
            "- {} | {} | {}\n",
            cut(&s.heading, 70),
            s.published.map_or("-".into(), |p| p.rfc3339()),
            s.sources.first().map_or("-", |s| s.url.as_str())
        ));
        let first = s.body.first().or(s.key_points.first());
        out.push_str(&format!("  {}\n", first.map_or("-".into(), |t| cut(t, 80))));
    }
    for s in &b.sections {
        let texts = std::iter::once(&s.heading)
            .chain(&s.body)
            .chain(&s.key_points);
        for t in texts {
            // Checked by hand: text that shows markup because its feed
            // escaped it twice, or said it is plain text.
            if let Some(l) = leftovers(t) {
                out.push_str(&format!("markup {l:?} in {:?}\n", cut(t, 60)));
            }
        }
    }
    (out, problems)
}

#[test]
fn every_real_feed_reads_as_checked_by_hand() {
    let docs = documents();
    assert!(
        docs.len() >= 100,
        "the corpus holds {} documents",
        docs.len()
    );
    let bless = std::env::var_os("YOMU_BLESS").is_some();
    // Four at a time: each import is a process of its own.
    let results: Vec<(PathBuf, String, Vec<String>)> = std::thread::scope(|scope| {
        let chunks: Vec<&[PathBuf]> = docs.chunks(docs.len().div_ceil(4)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| {
                            let rel = f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(f);
                            let mut cmd: Command = yomu();
                            cmd.arg("import").arg(rel);
                            let run = Run::of(cmd);
                            let (text, problems) = describe(rel, &run);
                            (f.clone(), text, problems)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an import thread"))
            .collect()
    });
    let mut failures = Vec::new();
    for (file, text, problems) in results {
        let expect = PathBuf::from(format!("{}.expect", file.display()));
        let name = file
            .strip_prefix(corpus())
            .unwrap_or(&file)
            .display()
            .to_string();
        for p in problems {
            failures.push(format!("{name}: {p}"));
        }
        if bless {
            std::fs::write(&expect, &text).expect("write the expectation");
            continue;
        }
        match std::fs::read_to_string(&expect) {
            Ok(want) if want == text => {}
            Ok(want) => failures.push(format!(
                "{name}: not as expected\n--- expected\n{want}--- got\n{text}"
            )),
            Err(_) => failures.push(format!("{name}: no expectation ({name}.expect)")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n")
    );
}
