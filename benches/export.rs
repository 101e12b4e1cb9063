//! Text export throughput on a ~6 MB briefing, in-process and as a process,
//! side by side with `lynx -dump` and `w3m -dump` on the same content as HTML;
//! and text and Markdown export over 10k/40k/160k small sections with one
//! source each (the export must stay linear in sections × sources).
//!
//! Run with `cargo bench --bench export`. The lynx/w3m benches print a note
//! and measure nothing when the program is not installed
//! (`.ci/bench-deps` installs both).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use yomu::briefing::{Briefing, parse_str};
use yomu::briefing::{Section, Source};
use yomu::export::{TextOptions, write_markdown, write_text};
use yomu::layout::LayoutOptions;

const SECTIONS: usize = 2000;
const WIDTH: usize = 80;

fn main() {
    for prog in ["lynx", "w3m"] {
        if !have(prog) {
            println!("note: {prog} not found, skipping {prog}_dump (run .ci/bench-deps)");
        }
    }
    let f = files();
    println!(
        "input: {} ({} bytes), {} ({} bytes)",
        f.toml.display(),
        file_len(&f.toml),
        f.html.display(),
        file_len(&f.html)
    );
    divan::main();
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}

/// The generated TOML source (built once).
fn source() -> &'static str {
    static SRC: OnceLock<String> = OnceLock::new();
    SRC.get_or_init(|| yomu::synth::large_briefing(SECTIONS))
}

/// The parsed briefing (parsed once).
fn parsed() -> &'static Briefing {
    static B: OnceLock<Briefing> = OnceLock::new();
    B.get_or_init(|| {
        parse_str("big.toml", source())
            .expect("synthetic briefing is valid")
            .briefing
    })
}

struct Files {
    toml: PathBuf,
    html: PathBuf,
}

/// The briefing written as TOML and as simple HTML under the temp folder.
fn files() -> &'static Files {
    static F: OnceLock<Files> = OnceLock::new();
    F.get_or_init(|| {
        let dir = std::env::temp_dir();
        let toml = dir.join("yomu-bench-big.toml");
        let html = dir.join("yomu-bench-big.html");
        std::fs::write(&toml, source()).expect("write TOML");
        std::fs::write(&html, to_html(parsed())).expect("write HTML");
        Files { toml, html }
    })
}

fn have(prog: &str) -> bool {
    Command::new(prog)
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn opts() -> TextOptions {
    TextOptions {
        layout: LayoutOptions::new(WIDTH),
        hyperlinks: false,
        color: false,
    }
}

/// Escape text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The briefing as plain HTML (h1/h2/p/ul/li/a), the same content the text
/// export shows, for lynx and w3m.
fn to_html(b: &Briefing) -> String {
    let mut h = String::with_capacity(4 * 1024 * 1024 + b.sections.len() * 4096);
    let p = |h: &mut String, s: &str| {
        h.push_str("<p>");
        h.push_str(&esc(s));
        h.push_str("</p>\n");
    };
    let ul = |h: &mut String, items: &[String]| {
        if items.is_empty() {
            return;
        }
        h.push_str("<ul>\n");
        for i in items {
            h.push_str("<li>");
            h.push_str(&esc(i));
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    };
    h.push_str("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>");
    h.push_str(&esc(&b.title));
    h.push_str("</title></head><body>\n<h1>");
    h.push_str(&esc(&b.title));
    h.push_str("</h1>\n");
    if let Some(s) = &b.subtitle {
        p(&mut h, s);
    }
    if let Some(d) = &b.published {
        p(&mut h, &d.japanese());
    }
    if let Some(s) = &b.summary {
        p(&mut h, s);
    }
    h.push_str("<h2>目次</h2>\n<ul>\n");
    for (i, s) in b.sections.iter().enumerate() {
        h.push_str(&format!("<li>{}. {}</li>\n", i + 1, esc(&s.heading)));
    }
    h.push_str("</ul>\n");
    if !b.takeaways.is_empty() {
        h.push_str("<h2>まとめ</h2>\n");
        ul(&mut h, &b.takeaways);
    }
    for (i, s) in b.sections.iter().enumerate() {
        h.push_str(&format!("<h2>{}. {}</h2>\n", i + 1, esc(&s.heading)));
        if let Some(d) = &s.published {
            p(&mut h, &d.japanese());
        }
        if let Some(q) = &s.question {
            p(&mut h, &format!("Q. {q}"));
        }
        if let Some(a) = &s.answer {
            p(&mut h, &format!("A. {a}"));
        }
        if let Some(l) = &s.lead {
            p(&mut h, l);
        }
        ul(&mut h, &s.key_points);
        if !s.sources.is_empty() {
            h.push_str("<ul>\n");
            for src in &s.sources {
                h.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>\n",
                    esc(&src.url),
                    esc(&src.name)
                ));
            }
            h.push_str("</ul>\n");
        }
        for para in &s.body {
            p(&mut h, para);
        }
        ul(&mut h, &s.commentary);
    }
    h.push_str("</body></html>\n");
    h
}

/// Run a command with stdout to a sink; panics if it fails.
fn run(cmd: &mut Command) {
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("spawn");
    assert!(status.success(), "{cmd:?} failed: {status}");
}

/// Layout + text export at width 80 into a Vec (the briefing is parsed once,
/// outside the timed part).
#[divan::bench(sample_count = 20)]
fn export_text_6mb(bencher: divan::Bencher) {
    let b = parsed();
    bencher.bench(|| {
        let mut out = Vec::with_capacity(8 << 20);
        write_text(b, opts(), &mut out).expect("write");
        divan::black_box(out.len())
    });
}

/// The same export with every body paragraph ending in `…` (a character
/// outside the fast path), so that all of them are broken by ICU4X's
/// segmenter and segmented by full UAX #29: what the slow path costs.
#[divan::bench(sample_count = 20)]
fn export_text_6mb_icu(bencher: divan::Bencher) {
    static B: OnceLock<Briefing> = OnceLock::new();
    let b = B.get_or_init(|| {
        let mut b = parsed().clone();
        for s in &mut b.sections {
            for p in &mut s.body {
                p.push('…');
            }
        }
        b
    });
    bencher.bench(|| {
        let mut out = Vec::with_capacity(8 << 20);
        write_text(b, opts(), &mut out).expect("write");
        divan::black_box(out.len())
    });
}

/// TOML parse + validation + layout + text export into a Vec.
#[divan::bench(sample_count = 10)]
fn parse_and_export_6mb(bencher: divan::Bencher) {
    let src = source();
    bencher.bench(|| {
        let b = parse_str("big.toml", src).expect("valid").briefing;
        let mut out = Vec::with_capacity(8 << 20);
        write_text(&b, opts(), &mut out).expect("write");
        out.flush().expect("flush");
        divan::black_box(out.len())
    });
}

/// The release binary as a process: `yomu export --width 80 FILE.toml`.
#[divan::bench(sample_count = 10)]
fn yomu_export_process(bencher: divan::Bencher) {
    let f = files();
    let exe = env!("CARGO_BIN_EXE_yomu");
    bencher.bench(|| {
        run(Command::new(exe)
            .args(["export", "--width", "80"])
            .arg(&f.toml))
    });
}

/// `lynx -dump -width=80 FILE.html`.
#[divan::bench(sample_count = 5)]
fn lynx_dump(bencher: divan::Bencher) {
    if !have("lynx") {
        return;
    }
    let f = files();
    bencher.bench(|| {
        run(Command::new("lynx")
            .args(["-dump", "-width=80"])
            .arg(&f.html))
    });
}

/// `w3m -dump -cols 80 FILE.html`.
#[divan::bench(sample_count = 5)]
fn w3m_dump(bencher: divan::Bencher) {
    if !have("w3m") {
        return;
    }
    let f = files();
    bencher.bench(|| {
        run(Command::new("w3m")
            .args(["-dump", "-cols", "80"])
            .arg(&f.html))
    });
}

/// A briefing of `n` small sections with one source each (a heading, a
/// body paragraph, a named source), a realistic shape.
fn many_sections(n: usize) -> Briefing {
    Briefing {
        title: "多数の節".into(),
        subtitle: None,
        summary: None,
        published: None,
        language: None,
        tags: vec![],
        takeaways: vec![],
        sections: (0..n)
            .map(|i| Section {
                body: vec![format!("本文 {i}。短い段落です。")],
                sources: vec![Source {
                    name: format!("出典 {i}"),
                    url: format!("https://example.com/news/{i}"),
                }],
                ..Section::new(format!("見出し {i}"))
            })
            .collect(),
    }
}

/// Text export of N one-source sections into a Vec.
#[divan::bench(args = [10_000, 40_000, 160_000], sample_count = 5)]
fn export_text_sections(bencher: divan::Bencher, n: usize) {
    let b = many_sections(n);
    bencher.bench(|| {
        let mut out = Vec::with_capacity(n * 128);
        write_text(&b, opts(), &mut out).expect("write");
        divan::black_box(out.len())
    });
}

/// Markdown export of N one-source sections into a Vec.
#[divan::bench(args = [10_000, 40_000, 160_000], sample_count = 5)]
fn export_markdown_sections(bencher: divan::Bencher, n: usize) {
    let b = many_sections(n);
    bencher.bench(|| {
        let mut out = Vec::with_capacity(n * 128);
        write_markdown(&b, &mut out).expect("write");
        divan::black_box(out.len())
    });
}
