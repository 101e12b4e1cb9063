//! Layout: a briefing as lines of styled spans at a given width.
//!
//! Pure and shared: the reader draws these lines, and every text export
//! prints them, so both follow the same rules. A briefing is laid out as
//! pages (a cover, then one page per section), each a list of [`Line`]s of
//! [`Span`]s tagged with a semantic [`Role`] (the view maps roles to colours)
//! and, for source URLs, the number of the [`Link`]. Lines carry anchors for
//! search: the block (field) they belong to and how they join the line
//! before. Wrapped items continue under their first character, indented
//! with spaces only, so a field's text comes back by removing whitespace.
//!
//! Furigana ([`crate::text::ruby`]) are shaped before wrapping, so a line
//! never breaks inside a base. With [`RubyMode::Above`] a line whose text
//! has ruby gets a line of its own above it ([`Role::Ruby`]), each reading
//! centred over its base; a base narrower than its reading is spaced out
//! with [`Role::Marker`] spans (not text: search reads the base whole).

use std::borrow::Cow;

use crate::briefing::{Briefing, Published, Section};
pub use crate::text::ruby::RubyMode;
use crate::text::ruby::{self, FILL, JOINER, Shaped};
use crate::text::width::{Graphemes, WidthOptions, str_width};
use crate::text::wrap::{Glue, Piece, WrapOptions, wrap};
use crate::text::{sanitize, sanitize_line};

/// Where the lines go: the interactive reader, or an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    #[default]
    Export,
    Terminal,
}

/// How to lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Total width in cells (clamped to at least 1).
    pub width: usize,
    pub widths: WidthOptions,
    pub target: Target,
    /// How readings are shown (exports use [`RubyMode::Inline`]).
    pub ruby: RubyMode,
    /// Let `。` and `、` hang past the end of a full line (burasage), up to
    /// [`HANG_CELLS`](crate::text::wrap::HANG_CELLS) cells: the reader keeps
    /// that margin free. Only for [`Target::Terminal`]; exports never hang.
    pub hanging: bool,
}

impl LayoutOptions {
    pub fn new(width: usize) -> Self {
        LayoutOptions {
            width: width.max(1),
            widths: WidthOptions::default(),
            target: Target::Export,
            ruby: RubyMode::Inline,
            hanging: false,
        }
    }
}

/// What a span is, so a view can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    Subtitle,
    Meta,
    Tag,
    Summary,
    Label,
    Toc,
    Heading,
    Question,
    Answer,
    Lead,
    KeyPoint,
    SourceName,
    Url,
    Body,
    Commentary,
    Takeaway,
    /// A marker before an item (`✅`, `[1]`, `Q.`): decoration, not field text.
    Marker,
    /// Readings (furigana) on the line above their bases.
    Ruby,
}

/// A run of text with one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub role: Role,
    /// For URL spans: the index into [`Document::links`].
    pub link: Option<usize>,
}

/// One line on the grid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// Leading spaces (indentation), not part of any span.
    pub indent: usize,
    pub spans: Vec<Span>,
    /// Width in cells, indentation included.
    pub width: usize,
    /// The text block (field) the line belongs to, counted per page.
    pub block: Option<usize>,
    /// How this line joins the previous line of the same block.
    pub glue: Option<Glue>,
}

impl Line {
    fn blank() -> Self {
        Line::default()
    }

    /// The line as plain text, indentation included.
    pub fn text(&self) -> String {
        let mut s = " ".repeat(self.indent);
        for sp in &self.spans {
            s.push_str(&sp.text);
        }
        s
    }

    /// The field text of the line (markers left out).
    pub fn content(&self) -> impl Iterator<Item = &Span> {
        self.spans.iter().filter(|s| s.role != Role::Marker)
    }

    /// Whether this is a line of readings above the line after it.
    pub fn is_ruby(&self) -> bool {
        self.spans.iter().any(|s| s.role == Role::Ruby)
    }
}

/// Which page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Cover,
    Section(usize),
}

/// One page of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    pub lines: Vec<Line>,
}

/// A numbered source link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// 1-based, the same everywhere (reader, link list, exports).
    pub number: usize,
    pub section: usize,
    pub name: String,
    pub url: String,
}

/// Every source of a briefing, numbered in reading order.
pub fn links(b: &Briefing) -> Vec<Link> {
    b.sources()
        .enumerate()
        .map(|(i, (section, s))| Link {
            number: i + 1,
            section,
            name: sanitize_line(&ruby::inline(&s.name)).into_owned(),
            url: s.url.clone(),
        })
        .collect()
}

/// A laid-out briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub opts: LayoutOptions,
    pub pages: Vec<Page>,
    pub links: Vec<Link>,
}

/// Number of pages: the cover plus one per section.
pub fn page_count(b: &Briefing) -> usize {
    b.sections.len() + 1
}

/// Lay out the whole briefing, pages in parallel.
pub fn layout(b: &Briefing, opts: LayoutOptions) -> Document {
    Document {
        opts,
        pages: layout_range(b, 0..page_count(b), opts),
        links: links(b),
    }
}

/// Lay out pages `range` (clamped to the briefing), in parallel when there are many.
pub fn layout_range(b: &Briefing, range: std::ops::Range<usize>, opts: LayoutOptions) -> Vec<Page> {
    let n = range.end.min(page_count(b));
    let pages: Vec<usize> = (range.start.min(n)..n).collect();
    let links = links(b);
    crate::parallel::map(&pages, 16, |&p| {
        layout_page_numbered(b, p, opts, first_source_of_page(&links, p))
    })
}

/// The number of the first source on page `page`, from the briefing's
/// [`links`] (in section order): a binary search, so laying out every page
/// stays linear in the number of sections (summing the sources of the
/// sections before each page was quadratic).
pub fn first_source_of_page(links: &[Link], page: usize) -> usize {
    let section = page.saturating_sub(1);
    links.partition_point(|l| l.section < section) + 1
}

/// The links of section `i`, from the briefing's [`links`] (in section order).
pub fn links_of_section(links: &[Link], i: usize) -> &[Link] {
    let start = links.partition_point(|l| l.section < i);
    let len = links[start..].partition_point(|l| l.section == i);
    &links[start..start + len]
}

/// Labels in the briefing's language (Japanese unless it says otherwise).
pub(crate) struct Labels {
    contents: &'static str,
    pub(crate) takeaways: &'static str,
    sources: &'static str,
    commentary: &'static str,
    key_points: &'static str,
}

/// Whether a briefing is shown with Japanese labels and dates: its
/// `language` is missing or starts with `ja`.
pub fn is_japanese(b: &Briefing) -> bool {
    b.language
        .as_deref()
        .is_none_or(|l| l.to_ascii_lowercase().starts_with("ja"))
}

pub(crate) fn labels(b: &Briefing) -> Labels {
    if is_japanese(b) {
        Labels {
            contents: "目次",
            takeaways: "まとめ",
            sources: "出典",
            commentary: "編集部より",
            key_points: "ポイント",
        }
    } else {
        Labels {
            contents: "Contents",
            takeaways: "Takeaways",
            sources: "Sources",
            commentary: "Editor's remarks",
            key_points: "Key points",
        }
    }
}

/// A date as this briefing shows it: `2025年3月4日` in Japanese, ISO otherwise.
pub fn show_date(b: &Briefing, d: &Published) -> String {
    if is_japanese(b) {
        d.japanese()
    } else {
        d.rfc3339()
    }
}

/// Lay out page `page` (0 = cover, i = section i-1).
pub fn layout_page(b: &Briefing, page: usize, opts: LayoutOptions) -> Page {
    layout_page_numbered(b, page, opts, page_first_source(b, page))
}

/// The number of the first source on page `page`, counted through the
/// sections before it.
fn page_first_source(b: &Briefing, page: usize) -> usize {
    let section = page
        .saturating_sub(1)
        .min(b.sections.len().saturating_sub(1));
    b.first_source_number(section)
}

/// [`layout_page`] when the number of the page's first source is known
/// ([`first_source_of_page`]): what the exports use for every page.
pub fn layout_page_numbered(
    b: &Briefing,
    page: usize,
    opts: LayoutOptions,
    first_source: usize,
) -> Page {
    layout_page_with(b, page, Writer::new(opts), first_source)
}

/// [`layout_page`] for a layout that breaks the lines again itself
/// ([`crate::vertical`]): the bases of furigana keep their U+2060 word
/// joiners (zero width), so no break falls inside them there either.
pub fn layout_page_joined(b: &Briefing, page: usize, opts: LayoutOptions) -> Page {
    let mut w = Writer::new(opts);
    w.joiners = true;
    layout_page_with(b, page, w, page_first_source(b, page))
}

fn layout_page_with(b: &Briefing, page: usize, mut w: Writer, first_source: usize) -> Page {
    let l = labels(b);
    if page == 0 {
        cover(b, &l, &mut w);
        Page {
            kind: PageKind::Cover,
            lines: w.lines,
        }
    } else {
        let i = (page - 1).min(b.sections.len().saturating_sub(1));
        if let Some(s) = b.sections.get(i) {
            section(b, i, s, first_source, &l, &mut w);
        }
        Page {
            kind: PageKind::Section(i),
            lines: w.lines,
        }
    }
}

fn cover(b: &Briefing, l: &Labels, w: &mut Writer) {
    w.item(&b.title, Role::Title, None, true);
    if let Some(s) = &b.subtitle {
        w.item(s, Role::Subtitle, None, true);
    }
    if let Some(d) = &b.published {
        w.item(&show_date(b, d), Role::Meta, None, false);
    }
    if !b.tags.is_empty() {
        let tags: Vec<String> = b.tags.iter().map(|t| format!("#{t}")).collect();
        w.item(&tags.join(" "), Role::Tag, None, false);
    }
    if let Some(s) = &b.summary {
        w.blank();
        w.item(s, Role::Summary, None, false);
    }
    w.blank();
    w.label(l.contents);
    let digits = b.sections.len().to_string().len();
    for (i, s) in b.sections.iter().enumerate() {
        let m = format!("{:>digits$}. ", i + 1);
        w.item(&s.heading, Role::Toc, Some(&m), true);
    }
    if !b.takeaways.is_empty() {
        w.blank();
        w.label(l.takeaways);
        for t in &b.takeaways {
            w.item(t, Role::Takeaway, Some("💡 "), false);
        }
    }
}

fn section(b: &Briefing, i: usize, s: &Section, first: usize, l: &Labels, w: &mut Writer) {
    let total = b.sections.len();
    w.item(&format!("{}/{total}", i + 1), Role::Meta, None, false);
    w.item(&s.heading, Role::Heading, None, true);
    if let Some(d) = &s.published {
        w.item(&show_date(b, d), Role::Meta, None, false);
    }
    if s.question.is_some() || s.answer.is_some() {
        w.blank();
        if let Some(q) = &s.question {
            w.item(q, Role::Question, Some("Q. "), true);
        }
        if let Some(a) = &s.answer {
            w.item(a, Role::Answer, Some("A. "), false);
        }
    }
    if let Some(lead) = &s.lead {
        w.blank();
        w.item(lead, Role::Lead, None, false);
    }
    if !s.key_points.is_empty() {
        w.blank();
        w.label(l.key_points);
        for k in &s.key_points {
            w.item(k, Role::KeyPoint, Some("✅ "), false);
        }
    }
    if !s.sources.is_empty() {
        w.blank();
        w.label(l.sources);
        let last = first + s.sources.len() - 1;
        let digits = last.to_string().len();
        for (k, src) in s.sources.iter().enumerate() {
            let n = first + k;
            let m = format!("[{n:>digits$}] ");
            w.item(&src.name, Role::SourceName, Some(&m), false);
            w.url(&src.url, n - 1, str_width(&m, WidthOptions::default()));
        }
    }
    for p in &s.body {
        w.blank();
        w.item(p, Role::Body, None, false);
    }
    if !s.commentary.is_empty() {
        w.blank();
        w.label(l.commentary);
        for c in &s.commentary {
            w.item(c, Role::Commentary, Some("💬 "), false);
        }
    }
}

/// Accumulates lines for one page.
struct Writer {
    opts: LayoutOptions,
    lines: Vec<Line>,
    block: usize,
    /// Keep the joiners of furigana bases in the spans.
    joiners: bool,
}

impl Writer {
    fn new(opts: LayoutOptions) -> Self {
        Writer {
            opts,
            lines: Vec::new(),
            block: 0,
            joiners: false,
        }
    }

    fn blank(&mut self) {
        if self
            .lines
            .last()
            .is_some_and(|l| !l.spans.is_empty() || l.indent > 0)
        {
            self.lines.push(Line::blank());
        }
    }

    fn label(&mut self, text: &str) {
        self.item(text, Role::Label, None, false);
    }

    fn wrap_opts(&self, phrases: bool) -> WrapOptions {
        WrapOptions {
            width: self.opts.widths,
            keep_urls: self.opts.target == Target::Export,
            phrases,
            hang: self.opts.hanging && self.opts.target == Target::Terminal,
        }
    }

    /// A text field, optionally after a marker; continuation lines are
    /// indented by the marker's width (or less, on a very narrow grid).
    fn item(&mut self, text: &str, role: Role, marker: Option<&str>, phrases: bool) {
        let width = self.opts.width;
        let text = sanitize(text);
        let shaped = ruby::shape(&text, self.opts.ruby, self.opts.widths);
        let text: &str = shaped.as_ref().map_or(&text, |s| &s.text);
        let marker = marker.map(|m| fit(m, width.saturating_sub(1).max(1), self.opts.widths));
        let mw = marker
            .as_deref()
            .map_or(0, |m| str_width(m, self.opts.widths));
        // Keep at least half the line (and one cell) for the text itself.
        let indent = if mw * 2 > width || width < mw + 2 {
            0
        } else {
            mw
        };
        let first_avail = if indent == mw { width - mw } else { width };
        let block = self.block;
        self.block += 1;
        let mut first = true;
        let marker_alone = marker.is_some() && indent != mw;
        if marker_alone && let Some(m) = &marker {
            self.lines.push(Line {
                indent: 0,
                spans: vec![span(m, Role::Marker)],
                width: mw,
                block: None,
                glue: None,
            });
        }
        for piece in wrap(
            text,
            first_avail.max(1),
            (width - indent).max(1),
            &self.wrap_opts(phrases),
        ) {
            let s = &text[piece.range.clone()];
            let (content, cw) =
                self.fit_piece(s, &piece, if first { first_avail } else { width - indent });
            let mut line = Line {
                indent: if first && !marker_alone { 0 } else { indent },
                spans: Vec::with_capacity(2),
                width: 0,
                block: Some(block),
                glue: Some(piece.glue),
            };
            if first
                && !marker_alone
                && let Some(m) = &marker
            {
                line.spans.push(span(m, Role::Marker));
                line.width += mw;
            }
            let col = line.width + line.indent;
            line.width += line.indent + cw;
            match &shaped {
                Some(sh) => {
                    if let Some(r) = self.readings(sh, &piece, col, block) {
                        self.lines.push(r);
                    }
                    push_shaped(&mut line.spans, &content, role, self.joiners);
                }
                None if !content.is_empty() => line.spans.push(span(&content, role)),
                None => {}
            }
            self.lines.push(line);
            first = false;
        }
    }

    /// The line of readings above a piece of shaped text whose first cell
    /// is at column `col`, if any base starts on it; cut to the width.
    fn readings(&self, sh: &Shaped, piece: &Piece, col: usize, block: usize) -> Option<Line> {
        let w = self.opts.widths;
        let mut at = 0;
        let mut spans = Vec::new();
        let mut indent = None;
        // Marks are in text order: those whose base starts on this piece.
        let from = sh
            .marks
            .partition_point(|m| m.base.start < piece.range.start);
        let to = sh.marks.partition_point(|m| m.base.start < piece.range.end);
        for m in &sh.marks[from..to] {
            let before = str_width(&ruby::shown(&sh.text[piece.range.start..m.base.start]), w);
            let end = m.base.end.min(piece.range.end);
            let bw = str_width(&ruby::shown(&sh.text[m.base.start..end]), w);
            let rw = str_width(&m.reading, w);
            let start = (col + before + bw.saturating_sub(rw) / 2).max(at);
            if start >= self.opts.width {
                break;
            }
            let reading =
                crate::text::width::truncate(&m.reading, self.opts.width - start, w).to_string();
            if indent.is_none() {
                indent = Some(start);
            } else if start > at {
                spans.push(span(&" ".repeat(start - at), Role::Marker));
            }
            at = start + str_width(&reading, w);
            spans.push(span(&reading, Role::Ruby));
        }
        Some(Line {
            indent: indent?,
            spans,
            width: at,
            block: Some(block),
            glue: None,
        })
    }

    /// A source URL on its own line(s) under the source's name.
    fn url(&mut self, url: &str, link: usize, indent: usize) {
        let width = self.opts.width;
        let url = sanitize(url);
        let indent = if indent * 2 > width { 0 } else { indent };
        let block = self.block;
        self.block += 1;
        let avail = (width - indent).max(1);
        let pieces = if self.opts.target == Target::Export {
            // Never broken in exports: it may overflow, alone on its line.
            vec![(url.to_string(), str_width(&url, self.opts.widths))]
        } else {
            split_cells(&url, avail, self.opts.widths)
        };
        for (i, (text, w)) in pieces.into_iter().enumerate() {
            self.lines.push(Line {
                indent,
                spans: vec![Span {
                    text,
                    role: Role::Url,
                    link: Some(link),
                }],
                width: indent + w,
                block: Some(block),
                glue: Some(if i == 0 { Glue::Hard } else { Glue::Direct }),
            });
        }
    }

    /// A piece is wider than the line only when it holds a URL kept whole
    /// (exports), ends with hanging punctuation (the reader), or when one
    /// cluster is: show a one-cell stand-in for such clusters so nothing
    /// else ever overflows.
    fn fit_piece<'a>(&self, s: &'a str, piece: &Piece, avail: usize) -> (Cow<'a, str>, usize) {
        let w = piece.width;
        if w <= avail || piece.url_overflow || piece.hanging {
            return (Cow::Borrowed(s), w);
        }
        // Its first line of cells; `split_cells` always gives one.
        let (text, used) = split_cells(s, avail, self.opts.widths).swap_remove(0);
        (Cow::Owned(text), used)
    }
}

/// Shaped text as spans: joiners dropped (unless `joiners`), each run of fill (a base spaced
/// out under its reading) a marker of spaces.
fn push_shaped(spans: &mut Vec<Span>, text: &str, role: Role, joiners: bool) {
    let mut cur = String::new();
    let mut fill = 0;
    let flush = |cur: &mut String, fill: &mut usize, spans: &mut Vec<Span>| {
        if !cur.is_empty() {
            spans.push(span(cur, role));
            cur.clear();
        }
        if *fill > 0 {
            spans.push(span(&" ".repeat(*fill), Role::Marker));
            *fill = 0;
        }
    };
    for c in text.chars() {
        match c {
            JOINER if !joiners => {}
            FILL => {
                if !cur.is_empty() {
                    flush(&mut cur, &mut 0, spans);
                }
                fill += 1;
            }
            c => {
                if fill > 0 {
                    flush(&mut cur, &mut fill, spans);
                }
                cur.push(c);
            }
        }
    }
    flush(&mut cur, &mut fill, spans);
}

fn span(text: &str, role: Role) -> Span {
    Span {
        text: text.to_string(),
        role,
        link: None,
    }
}

/// A marker cut to fit `max` cells.
fn fit(m: &str, max: usize, opts: WidthOptions) -> String {
    crate::text::width::truncate(m, max, opts).to_string()
}

/// Split text into chunks of at most `avail` cells at cluster boundaries.
fn split_cells(s: &str, avail: usize, opts: WidthOptions) -> Vec<(String, usize)> {
    let mut out = vec![(String::new(), 0)];
    for (_, g, w) in Graphemes::new(s, opts) {
        let (g, w) = if w > avail { (STAND_IN, 1) } else { (g, w) };
        let Some(cur) = out.last_mut() else { break };
        if cur.1 + w > avail && cur.1 > 0 {
            out.push((g.to_string(), w));
        } else {
            cur.0.push_str(g);
            cur.1 += w;
        }
    }
    out
}

/// Shown instead of a cluster wider than the whole line (a wide character
/// on a one-column grid).
pub const STAND_IN: &str = "~";
