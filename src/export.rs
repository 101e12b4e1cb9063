//! Exports: plain text (the laid-out lines), Markdown and JSON.
//!
//! Writers stream through `io::Write`; the caller decides what a closed pipe
//! means (for the CLI: a quiet exit 0). Text is the layout engine's output,
//! so it follows exactly the rules of the reader; Markdown and JSON are
//! built from the model, with every string sanitised (Markdown) or escaped
//! (JSON) so no control, escape or bidi character reaches the output.

use std::io::{self, Write};

use crate::briefing::Briefing;
use crate::layout::{self, Document, LayoutOptions, show_date};
use crate::links::{OSC8_CLOSE, osc8_open};
use crate::text::sanitize;

/// Options for the text export.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub layout: LayoutOptions,
    /// Wrap source URLs in OSC 8 hyperlinks.
    pub hyperlinks: bool,
}

/// Write a laid-out document as plain text.
pub fn write_document(doc: &Document, out: &mut dyn Write, hyperlinks: bool) -> io::Result<()> {
    write_pages(
        &doc.pages,
        &doc.links,
        doc.opts.width,
        false,
        out,
        hyperlinks,
    )
}

fn write_pages(
    pages: &[layout::Page],
    links: &[layout::Link],
    width: usize,
    continued: bool,
    out: &mut dyn Write,
    hyperlinks: bool,
) -> io::Result<()> {
    let rule = "-".repeat(width.clamp(1, 40));
    for (p, page) in pages.iter().enumerate() {
        if p > 0 || continued {
            writeln!(out)?;
            writeln!(out, "{rule}")?;
            writeln!(out)?;
        }
        for line in &page.lines {
            write!(out, "{:1$}", "", line.indent)?;
            for span in &line.spans {
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
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Pages laid out per batch: enough to keep both cores busy, few enough that
/// a large briefing is never held laid out in memory all at once.
const PAGES_PER_BATCH: usize = 64;

/// Lay out and write one briefing as text, streaming batch by batch.
pub fn write_text(b: &Briefing, opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let links = layout::links(b);
    let n = layout::page_count(b);
    let mut from = 0;
    while from < n {
        let to = (from + PAGES_PER_BATCH).min(n);
        let doc = Document {
            opts: opts.layout,
            pages: layout::layout_range(b, from..to, opts.layout),
            links: Vec::new(),
        };
        write_pages(
            &doc.pages,
            &links,
            opts.layout.width,
            from > 0,
            out,
            opts.hyperlinks,
        )?;
        from = to;
    }
    Ok(())
}

/// Write several briefings as text, separated by a double rule.
pub fn write_text_all(bs: &[&Briefing], opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let rule = "=".repeat(opts.layout.width.clamp(1, 40));
    for (i, b) in bs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
            writeln!(out, "{rule}")?;
            writeln!(out)?;
        }
        write_text(b, opts, out)?;
    }
    Ok(())
}

/// Escape text for CommonMark: sanitised, ASCII punctuation that could be
/// read as markup backslash-escaped, newlines as hard line breaks.
fn md(text: &str) -> String {
    let text = sanitize(text);
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
            for link in links.iter().filter(|l| l.section == i) {
                writeln!(out, "{}. [{}](<{}>)", link.number, md(&link.name), link.url)?;
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
        writeln!(
            out,
            "\n## {}\n",
            if layout::is_japanese(b) {
                "まとめ"
            } else {
                "Takeaways"
            }
        )?;
        for t in &b.takeaways {
            writeln!(out, "- 💡 {}", md(t))?;
        }
    }
    Ok(())
}

/// A JSON formatter that also escapes C1 controls, DEL, bidi controls and
/// line/paragraph separators as `\uXXXX`: the data is kept, the bytes are safe.
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
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
    value.serialize(&mut ser).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_and_controls() {
        assert_eq!(md("*強調* [x](y)"), "\\*強調\\* \\[x\\](y)");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("1. one"), "1\\. one");
        assert_eq!(md("a\u{1b}[31m"), "a␛\\[31m");
        assert_eq!(md("a\nb"), "a\\\nb");
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
