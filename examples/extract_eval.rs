//! Scores the web page extractor on the public article-extraction
//! benchmark (`tests/corpus/webpages/benchmark`: 181 pages and their
//! ground-truth article bodies), with the benchmark's own metric: 4-token
//! shingles over `\w+` tokens, true/false positives and negatives per page
//! normalised by their sum, precision and recall averaged over pages, F1 of
//! the two averages.
//!
//! `cargo run --release --example extract_eval` prints precision, recall,
//! F1 and exact-match accuracy for yomu's extractor;
//! `-- --raw` scores the crate's bare output too (no yomu processing), and
//! `-- --write DIR` saves each page's text for inspection.
//!
//! `-- --ja` (with `--write DIR` too) scores the Japanese check set instead
//! (`tests/corpus/webpages/ja/expect.tsv`: for each page, a part of the
//! article's first and of its last sentence): how many of those sentences
//! the text holds, and how much of the text lies outside the article (the
//! span from the first to the last; `--verbose` gives both per page).
//! Readings are not scored (the text is taken with the bases alone). Pages
//! are read from that folder, else
//! from `$YOMU_JA_PAGES`; one found in neither is skipped, and said.
//! `examples/extract_compare.py` measures trafilatura and readability-lxml
//! the same way.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    if args.iter().any(|a| a == "--ja") {
        japanese(write.as_deref(), args.iter().any(|a| a == "--verbose"));
        return;
    }
    let raw = args.iter().any(|a| a == "--raw");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/webpages/benchmark");
    let truth_text = match std::fs::read_to_string(root.join("ground-truth.json")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "cannot read {}: {e}",
                root.join("ground-truth.json").display()
            );
            std::process::exit(2);
        }
    };
    let truth: HashMap<String, serde_json::Value> = match serde_json::from_str(&truth_text) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ground-truth.json: {e}");
            std::process::exit(2);
        }
    };
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    let mut exact = 0usize;
    let started = std::time::Instant::now();
    for key in &keys {
        let path = root.join("html").join(format!("{key}.html.gz"));
        let mut bytes = Vec::new();
        let read = std::fs::File::open(&path)
            .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
        if let Err(e) = read {
            eprintln!("{}: {e}", path.display());
            std::process::exit(2);
        }
        let url = truth[*key]["url"]
            .as_str()
            .unwrap_or("https://example.com/");
        let expected = truth[*key]["articleBody"].as_str().unwrap_or("");
        let text = match yomu::webpage::extract_bytes(&bytes, None, Some(url)) {
            Ok(article) => article.plain_text(),
            Err(_) => String::new(),
        };
        if tokens(&text) == tokens(expected) {
            exact += 1;
        }
        ours.push(shingle_match(expected, &text));
        if let Some(dir) = &write {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(format!("{key}.txt")), &text);
        }
        if raw {
            let html = String::from_utf8_lossy(&bytes);
            let text = rs_trafilatura::extract(&html)
                .map(|r| r.content_text)
                .unwrap_or_default();
            bare.push(("rs-trafilatura", shingle_match(expected, &text)));
            if let Some(dir) = &write {
                let _ = std::fs::write(dir.join(format!("{key}.raw.txt")), &text);
            }
            let text = dom_smoothie::Readability::new(html.as_ref(), Some(url), None)
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| a.text_content.to_string())
                .unwrap_or_default();
            bare.push(("dom_smoothie", shingle_match(expected, &text)));
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>9}",
        "extractor", "F1", "precision", "recall", "accuracy"
    );
    let (p, r, f) = metrics(&ours);
    println!(
        "{:<22} {f:>9.3} {p:>9.3} {r:>9.3} {:>9.3}",
        "yomu",
        exact as f64 / keys.len() as f64
    );
    for name in ["rs-trafilatura", "dom_smoothie"] {
        let scores: Vec<_> = bare
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .collect();
        if !scores.is_empty() {
            let (p, r, f) = metrics(&scores);
            println!("{name:<22} {f:>9.3} {p:>9.3} {r:>9.3}");
        }
    }
    println!("{} pages in {:.2?}", keys.len(), elapsed);
}

/// The Japanese check set's measure (see the module's documentation).
fn japanese(write: Option<&Path>, verbose: bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/webpages/ja");
    let Ok(expect) = std::fs::read_to_string(root.join("expect.tsv")) else {
        eprintln!("cannot read {}", root.join("expect.tsv").display());
        std::process::exit(2);
    };
    let outside = std::env::var_os("YOMU_JA_PAGES").map(PathBuf::from);
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (mut pages, mut found, mut total) = (0, 0, 0);
    let mut extra = Vec::new();
    let started = std::time::Instant::now();
    for line in expect
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.split('\t');
        let (Some(name), Some(first), Some(last)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let candidates = [Some(root.clone()), outside.clone()];
        let Some(bytes) = candidates
            .iter()
            .flatten()
            .find_map(|d| std::fs::read(d.join(format!("{name}.html"))).ok())
        else {
            eprintln!("{name}: not found, skipped");
            continue;
        };
        pages += 1;
        // Readings are not scored: the bases alone, as the Python script
        // gives the other extractors the page without its `<rt>`.
        let text = yomu::webpage::extract_bytes(&bytes, None, None)
            .map(|a| yomu::text::ruby::plain(&a.plain_text()).into_owned())
            .unwrap_or_default();
        if let Some(dir) = write {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(format!("{name}.txt")), &text);
        }
        let t = norm(&text);
        let (f, l) = (norm(first), norm(last));
        let fi = t.find(&f);
        let li = t.rfind(&l);
        found += usize::from(fi.is_some()) + usize::from(li.is_some());
        total += 2;
        match (fi, li) {
            (Some(a), Some(b)) if b + l.len() > a => {
                // In characters, as the Python script counts.
                let all = t.chars().count() as f64;
                let span = t[a..b + l.len()].chars().count() as f64;
                extra.push((all - span) / all)
            }
            _ => eprintln!("{name}: article not found whole"),
        }
        if verbose {
            let all = t.chars().count().max(1) as f64;
            let kept = match (fi, li) {
                (Some(a), Some(b)) if b + l.len() > a => {
                    (all - t[a..b + l.len()].chars().count() as f64) / all * 100.0
                }
                _ => f64::NAN,
            };
            println!(
                "  {name:<18} first {} last {} boilerplate {kept:5.1}% of {} chars",
                u8::from(fi.is_some()),
                u8::from(li.is_some()),
                all as usize
            );
        }
    }
    let whole = extra.len();
    let mean = extra.iter().sum::<f64>() / whole.max(1) as f64;
    println!(
        "{:<22} pages {pages:>3}  sentences found {found:>3}/{total:<3}  whole articles {whole:>3}  boilerplate kept {:5.1}%",
        "yomu",
        mean * 100.0
    );
    println!("in {:.2?}", started.elapsed());
}

/// `\w+` as Python's `re` reads it: letters, digits (any script) and `_`.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut map = HashMap::new();
    let n = 4;
    let count = toks.len().saturating_sub(n) + 1;
    for i in 0..count.max(1) {
        let end = (i + n).min(toks.len());
        if i >= end {
            continue;
        }
        *map.entry(toks[i..end].to_vec()).or_insert(0) += 1;
    }
    map
}

fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    let mut keys: Vec<&Vec<&str>> = t.keys().collect();
    keys.extend(p.keys().filter(|k| !t.contains_key(*k)));
    for key in keys {
        let tc = *t.get(key).unwrap_or(&0) as f64;
        let pc = *p.get(key).unwrap_or(&0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    }
}

fn metrics(scores: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let precision = mean(
        scores
            .iter()
            .filter(|(tp, fp, _)| tp + fp > 0.0)
            .map(|&(tp, fp, fn_)| {
                if fp == 0.0 && fn_ == 0.0 {
                    1.0
                } else if tp == 0.0 && fp == 0.0 {
                    0.0
                } else {
                    tp / (tp + fp)
                }
            })
            .collect(),
    );
    let recall = mean(
        scores
            .iter()
            .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
            .map(|&(tp, fp, fn_)| {
                if fp == 0.0 && fn_ == 0.0 {
                    1.0
                } else if tp == 0.0 && fn_ == 0.0 {
                    0.0
                } else {
                    tp / (tp + fn_)
                }
            })
            .collect(),
    );
    let f1 = 2.0 * precision * recall / (precision + recall);
    (precision, recall, f1)
}
