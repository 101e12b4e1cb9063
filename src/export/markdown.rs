//! The Markdown export: CommonMark built from the model, every string
//! sanitised and markup escaped, furigana as HTML `<ruby>`, source links
//! with encoded destinations.

use std::io::{self, Write};

use crate::briefing::Briefing;
use crate::layout::{self, show_date};
use crate::links::encoded_url;
use crate::text::sanitize;

/// Escape text for CommonMark: sanitised, ASCII punctuation that could be
/// read as markup backslash-escaped, newlines as hard line breaks; each
/// furigana as HTML `<ruby>漢字<rt>かんじ</rt></ruby>`; Aozora notes applied
/// ([`crate::text::notes`]), emphasis as `<em>`.
fn md(text: &str) -> String {
    let text = sanitize(text);
    let text = crate::text::notes::apply(&text).text;
    if !crate::text::ruby::may_have_ruby(&text) {
        return md_plain(&text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    for seg in crate::text::ruby::segments(&text) {
        match seg {
            crate::text::ruby::Segment::Text(t) => out.push_str(&md_plain(t)),
            crate::text::ruby::Segment::Ruby { base, reading }
                if crate::text::ruby::is_emphasis(reading) =>
            {
                out.push_str("<em>");
                out.push_str(&md_plain(base));
                out.push_str("</em>");
            }
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
        if !s.tags.is_empty() {
            let tags: Vec<String> = s.tags.iter().map(|t| md(&format!("#{t}"))).collect();
            writeln!(out, "\n{}", tags.join(" "))?;
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
}
