//! Exports: plain text (the laid-out lines), Markdown and JSON.
//!
//! Writers stream through `io::Write`; the caller decides what a closed pipe
//! means (for the CLI: a quiet exit 0). Text is the layout engine's output,
//! so it follows exactly the rules of the reader; Markdown and JSON are
//! built from the model, with every string sanitised (Markdown) or escaped
//! (JSON) so no control, escape or bidi character reaches the output.
//! Furigana come out as `漢字（かんじ）` in text, as HTML `<ruby>` in
//! Markdown, and as written (the source notation) in JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use crate::briefing::Briefing;
use crate::layout::{self, LayoutOptions, show_date};
use crate::links::{OSC8_CLOSE, encoded_url, osc8_open};
use crate::text::sanitize;

/// Options for the text export.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub layout: LayoutOptions,
    /// Wrap source URLs in OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Colour the text (SGR codes, the 16 basic colours) as the reader does.
    pub color: bool,
}

/// The colour of a span of the text export: the reader's dark theme, in
/// `anstyle` terms (only the 16 basic ANSI colours).
fn role_style(role: layout::Role) -> anstyle::Style {
    use anstyle::{AnsiColor as C, Style};
    use layout::Role;
    let fg = |c: C| Style::new().fg_color(Some(c.into()));
    match role {
        Role::Title | Role::Heading => fg(C::Yellow).bold(),
        Role::Subtitle => fg(C::Cyan),
        Role::Meta | Role::Tag => fg(C::BrightBlack),
        Role::Label => fg(C::Magenta).bold(),
        Role::Question => fg(C::Cyan).bold(),
        Role::Answer => fg(C::Green).bold(),
        Role::Lead | Role::Summary => Style::new().italic(),
        Role::KeyPoint | Role::Takeaway | Role::Body | Role::Toc => Style::new(),
        Role::SourceName => fg(C::Blue).bold(),
        Role::Url => fg(C::Blue).underline(),
        Role::Commentary => fg(C::Magenta),
        Role::Marker => fg(C::Green),
        Role::Ruby => Style::new().dimmed(),
    }
}

/// Write a laid-out document as plain text (what [`write_text`] streams,
/// all at once: the tests' reference).
#[cfg(test)]
fn write_document(doc: &layout::Document, out: &mut dyn Write, hyperlinks: bool) -> io::Result<()> {
    write_pages(
        &doc.pages,
        &doc.links,
        doc.opts.width,
        false,
        out,
        (hyperlinks, false),
    )
}

fn write_pages<W: Write + ?Sized>(
    pages: &[layout::Page],
    links: &[layout::Link],
    width: usize,
    continued: bool,
    out: &mut W,
    (hyperlinks, color): (bool, bool),
) -> io::Result<()> {
    let rule = "-".repeat(width.clamp(1, 40));
    for (p, page) in pages.iter().enumerate() {
        if p > 0 || continued {
            out.write_all(b"\n")?;
            out.write_all(rule.as_bytes())?;
            out.write_all(b"\n\n")?;
        }
        for line in &page.lines {
            for _ in 0..line.indent {
                out.write_all(b" ")?;
            }
            for span in &line.spans {
                let style = if color {
                    role_style(span.role)
                } else {
                    anstyle::Style::new()
                };
                write!(out, "{style}")?;
                match (hyperlinks, span.link.and_then(|l| links.get(l))) {
                    (true, Some(link)) => write!(
                        out,
                        "{}{}{}",
                        osc8_open(&link.url, &format!("yomu-{}", link.number)),
                        span.text,
                        OSC8_CLOSE
                    )?,
                    _ => out.write_all(span.text.as_bytes())?,
                }
                write!(out, "{style:#}")?;
            }
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Pages laid out and rendered per batch by one worker.
const PAGES_PER_BATCH: usize = 8;
/// Batches rendered ahead of the writer at most: a large briefing is never
/// held laid out in memory all at once.
const BATCHES_AHEAD: usize = 16;

/// A briefing of fewer pages is written by one thread: starting workers
/// would cost more than they save.
const PIPELINE_FROM_PAGES: usize = 4 * PAGES_PER_BATCH;

/// Lay out and write one briefing as text. For a long briefing, worker
/// threads lay out and render batches of pages while this thread writes
/// them in order.
pub fn write_text(b: &Briefing, opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    write_text_with(b, opts, out, crate::parallel::workers())
}

fn write_text_with(
    b: &Briefing,
    opts: TextOptions,
    out: &mut dyn Write,
    threads: usize,
) -> io::Result<()> {
    let links = layout::links(b);
    let n = layout::page_count(b);
    let batches = n.div_ceil(PAGES_PER_BATCH);
    let render = |i: usize| {
        let from = i * PAGES_PER_BATCH;
        let pages: Vec<layout::Page> = (from..(from + PAGES_PER_BATCH).min(n))
            .map(|p| {
                let first = layout::first_source_of_page(&links, p);
                layout::layout_page_numbered(b, p, opts.layout, first)
            })
            .collect();
        let mut buf = Vec::with_capacity(pages.iter().map(|p| p.lines.len() * 96).sum());
        // Writing into a Vec cannot fail.
        let _ = write_pages(
            &pages,
            &links,
            opts.layout.width,
            from > 0,
            &mut buf,
            (opts.hyperlinks, opts.color),
        );
        buf
    };
    if threads < 2 || n < PIPELINE_FROM_PAGES {
        return (0..batches).try_for_each(|i| out.write_all(&render(i)));
    }
    let next = AtomicUsize::new(0);
    // How many batches are written; `usize::MAX` once writing failed.
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<(usize, Vec<u8>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, written, moved, render) = (&next, &written, &moved, &render);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= batches {
                        break;
                    }
                    {
                        let mut w = written.lock().unwrap_or_else(PoisonError::into_inner);
                        while *w != usize::MAX && i >= *w + BATCHES_AHEAD {
                            w = moved.wait(w).unwrap_or_else(PoisonError::into_inner);
                        }
                        if *w == usize::MAX {
                            break;
                        }
                    }
                    if tx.send((i, render(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let result = write_in_order(rx, out, &written, &moved);
        if result.is_err() {
            *written.lock().unwrap_or_else(PoisonError::into_inner) = usize::MAX;
            moved.notify_all();
        }
        result
    })
}

/// Write batches as they arrive, in index order, counting them in `written`.
fn write_in_order(
    rx: mpsc::Receiver<(usize, Vec<u8>)>,
    out: &mut dyn Write,
    written: &Mutex<usize>,
    moved: &Condvar,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut want = 0;
    for (i, buf) in rx {
        waiting.insert(i, buf);
        while let Some(buf) = waiting.remove(&want) {
            out.write_all(&buf)?;
            want += 1;
            *written.lock().unwrap_or_else(PoisonError::into_inner) = want;
            moved.notify_all();
        }
    }
    Ok(())
}

/// Write several briefings as text, separated by a double rule.
///
/// A library is mostly short briefings: those are rendered a group at a
/// time on all cores and written in order; a long one streams through
/// [`write_text`] (parallel on its own).
pub fn write_text_all(bs: &[&Briefing], opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    /// Short briefings rendered together, at most.
    const GROUP: usize = 128;
    let rule = format!("\n{}\n\n", "=".repeat(opts.layout.width.clamp(1, 40)));
    let short = |b: &Briefing| layout::page_count(b) < PIPELINE_FROM_PAGES;
    let mut i = 0;
    while i < bs.len() {
        if i > 0 {
            out.write_all(rule.as_bytes())?;
        }
        if !short(bs[i]) {
            write_text(bs[i], opts, out)?;
            i += 1;
            continue;
        }
        let n = bs[i..].iter().take(GROUP).take_while(|b| short(b)).count();
        let rendered = crate::parallel::map(&bs[i..i + n], 2, |b| {
            let mut buf = Vec::new();
            // Writing into a Vec cannot fail; one thread per briefing here.
            let _ = write_text_with(b, opts, &mut buf, 1);
            buf
        });
        for (k, buf) in rendered.iter().enumerate() {
            if k > 0 {
                out.write_all(rule.as_bytes())?;
            }
            out.write_all(buf)?;
        }
        i += n;
    }
    Ok(())
}

/// Escape text for CommonMark: sanitised, ASCII punctuation that could be
/// read as markup backslash-escaped, newlines as hard line breaks; each
/// furigana as HTML `<ruby>漢字<rt>かんじ</rt></ruby>`.
fn md(text: &str) -> String {
    let text = sanitize(text);
    if !crate::text::ruby::may_have_ruby(&text) {
        return md_plain(&text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    for seg in crate::text::ruby::segments(&text) {
        match seg {
            crate::text::ruby::Segment::Text(t) => out.push_str(&md_plain(t)),
            crate::text::ruby::Segment::Ruby { base, reading } => {
                out.push_str("<ruby>");
                out.push_str(&md_plain(base));
                out.push_str("<rt>");
                out.push_str(reading);
                out.push_str("</rt></ruby>");
            }
        }
    }
    out
}

/// [`md`] for sanitised text without furigana.
fn md_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        let trimmed = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - trimmed.len()].replace(' ', "&#32;"));
        for (k, c) in trimmed.char_indices() {
            let at_start = k == 0;
            let needs = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
            ) || (at_start && matches!(c, '-' | '+' | '=' | ':'))
                || (c == '.' || c == ')')
                    && trimmed[..k].chars().all(|d| d.is_ascii_digit())
                    && k > 0;
            if needs {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Write one briefing as CommonMark.
pub fn write_markdown(b: &Briefing, out: &mut dyn Write) -> io::Result<()> {
    let links = layout::links(b);
    writeln!(out, "# {}", md(&b.title))?;
    if let Some(s) = &b.subtitle {
        writeln!(out, "\n*{}*", md(s))?;
    }
    if let Some(d) = &b.published {
        writeln!(out, "\n{}", md(&show_date(b, d)))?;
    }
    if !b.tags.is_empty() {
        let tags: Vec<String> = b.tags.iter().map(|t| md(&format!("#{t}"))).collect();
        writeln!(out, "\n{}", tags.join(" "))?;
    }
    if let Some(s) = &b.summary {
        writeln!(out, "\n{}", md(s))?;
    }
    for (i, s) in b.sections.iter().enumerate() {
        writeln!(out, "\n## {}. {}", i + 1, md(&s.heading))?;
        if let Some(d) = &s.published {
            writeln!(out, "\n*{}*", md(&show_date(b, d)))?;
        }
        if let Some(q) = &s.question {
            writeln!(out, "\n**Q.** {}", md(q))?;
        }
        if let Some(a) = &s.answer {
            writeln!(out, "\n**A.** {}", md(a))?;
        }
        if let Some(l) = &s.lead {
            writeln!(out, "\n{}", md(l))?;
        }
        if !s.key_points.is_empty() {
            writeln!(out)?;
            for k in &s.key_points {
                writeln!(out, "- ✅ {}", md(k))?;
            }
        }
        if !s.sources.is_empty() {
            writeln!(out)?;
            for link in layout::links_of_section(&links, i) {
                let url = encoded_url(&link.url);
                writeln!(out, "{}. [{}](<{url}>)", link.number, md(&link.name))?;
            }
        }
        for p in &s.body {
            writeln!(out, "\n{}", md(p))?;
        }
        for c in &s.commentary {
            writeln!(out, "\n> 💬 {}", md(c))?;
        }
    }
    if !b.takeaways.is_empty() {
        writeln!(out, "\n## {}\n", layout::labels(b).takeaways)?;
        for t in &b.takeaways {
            writeln!(out, "- 💡 {}", md(t))?;
        }
    }
    Ok(())
}

/// A JSON formatter that also escapes C1 controls, DEL, bidi controls and
/// line/paragraph separators as `\uXXXX`: the data is kept, the bytes are safe.
struct SafeFormatter<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut last = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::sanitize::is_unsafe_char(c) {
                w.write_all(&fragment.as_bytes()[last..i])?;
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    write!(w, "\\u{u:04x}")?;
                }
                last = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[last..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write a value as pretty JSON with unsafe characters escaped.
pub fn write_json<T: serde::Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    // `io::Error::from` keeps a write error's kind (a closed pipe stays
    // `BrokenPipe`, which the command line treats as a normal end).
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// A briefing with the file it came from: one item of the JSON export
/// (`path` first, then the model's fields).
#[derive(Debug, serde::Serialize)]
pub struct WithPath<'a> {
    pub path: String,
    #[serde(flatten)]
    pub briefing: &'a Briefing,
}

/// Write each item as one line of compact JSON (JSON Lines), unsafe
/// characters escaped; each line is written as soon as it is ready.
pub fn write_jsonl<T: serde::Serialize>(items: &[T], out: &mut dyn Write) -> io::Result<()> {
    for item in items {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut *out,
            SafeFormatter(serde_json::ser::CompactFormatter),
        );
        item.serialize(&mut ser).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_text_is_the_laid_out_document() {
        // Batches rendered by worker threads come out in order, and the
        // same as writing the whole layout at once.
        let src = crate::synth::large_briefing(120);
        let b = crate::briefing::parse_str("big.toml", &src)
            .expect("valid")
            .briefing;
        for hyperlinks in [false, true] {
            let layout = LayoutOptions {
                width: 37,
                widths: Default::default(),
                target: layout::Target::Export,
                ruby: layout::RubyMode::Inline,
                hanging: false,
            };
            let mut streamed = Vec::new();
            write_text(
                &b,
                TextOptions {
                    layout,
                    hyperlinks,
                    color: false,
                },
                &mut streamed,
            )
            .expect("write");
            let mut whole = Vec::new();
            let doc = layout::layout(&b, layout);
            write_document(&doc, &mut whole, hyperlinks).expect("write");
            assert!(streamed.len() > 100_000);
            assert!(streamed == whole, "hyperlinks {hyperlinks}");
        }
    }

    #[test]
    fn a_library_comes_out_in_order_with_rules_between() {
        // Short briefings rendered in parallel groups, a long one streamed
        // between them: the same as writing each in turn.
        let short: Vec<Briefing> = crate::synth::library_files(40)
            .iter()
            .map(|(n, t)| crate::briefing::parse_str(n, t).expect("valid").briefing)
            .collect();
        let long = crate::briefing::parse_str("big.toml", &crate::synth::large_briefing(40))
            .expect("valid")
            .briefing;
        let mut all: Vec<&Briefing> = short.iter().collect();
        all.insert(7, &long);
        let opts = TextOptions {
            layout: LayoutOptions {
                width: 50,
                widths: Default::default(),
                target: layout::Target::Export,
                ruby: layout::RubyMode::Inline,
                hanging: false,
            },
            hyperlinks: false,
            color: false,
        };
        let mut got = Vec::new();
        write_text_all(&all, opts, &mut got).expect("write");
        let mut want = Vec::new();
        for (i, b) in all.iter().enumerate() {
            if i > 0 {
                want.extend_from_slice(format!("\n{}\n\n", "=".repeat(40)).as_bytes());
            }
            write_text_with(b, opts, &mut want, 1).expect("write");
        }
        assert!(got == want);
    }

    #[test]
    fn markdown_escapes_markup_and_controls() {
        assert_eq!(md("*強調* [x](y)"), "\\*強調\\* \\[x\\](y)");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("1. one"), "1\\. one");
        assert_eq!(md("a\u{1b}[31m"), "a␛\\[31m");
        assert_eq!(md("a\nb"), "a\\\nb");
    }

    #[test]
    fn markdown_link_destinations_are_encoded() {
        // A `>` would end the destination early; a bidi control would reach
        // the output; a newline in a name would break the list item.
        let src = "title = \"t\"\n[[sections]]\nheading = \"h\"\n[[sections.sources]]\n\
                   name = \"a\\nb\"\nurl = \"https://example.com/x>y\\u202Ez\"\n";
        let b = crate::briefing::parse_str("x.toml", src)
            .expect("valid")
            .briefing;
        let mut out = Vec::new();
        write_markdown(&b, &mut out).expect("write");
        let md = String::from_utf8(out).expect("utf-8");
        assert!(
            md.contains("1. [a␤b](<https://example.com/x%3Ey%E2%80%AEz>)"),
            "{md}"
        );
        assert!(!md.contains('\u{202e}'));
    }

    #[test]
    fn json_escapes_unsafe_characters() {
        let mut out = Vec::new();
        write_json(&vec!["a\u{1b}b\u{9b}c\u{202e}d"], &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains(r"a\u001bb\u009bc\u202ed"), "{s}");
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "a\u{1b}b\u{9b}c\u{202e}d");
    }
}
