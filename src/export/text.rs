//! The text export: the layout engine's lines, one page after another with
//! a rule between, OSC 8 hyperlinks and the reader's colours when asked. A
//! long briefing is laid out and rendered in batches by worker threads
//! ([`crate::parallel::pipeline`]) while this thread writes them in order;
//! a library's short briefings are rendered a group at a time on all cores.

use std::io::{self, Write};

use super::TextOptions;
use crate::briefing::Briefing;
use crate::layout;
use crate::links::{OSC8_CLOSE, osc8_open};

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

/// One briefing's text export as bytes, laid out on this thread (for a
/// caller that runs one briefing per worker).
pub fn render_text(b: &Briefing, opts: TextOptions) -> Vec<u8> {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_text_with(b, opts, &mut buf, 1);
    buf
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
    crate::parallel::pipeline(batches, threads, BATCHES_AHEAD, render, |buf| {
        out.write_all(&buf)
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutOptions;
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
                reading_speed: None,
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
                reading_speed: None,
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
}
