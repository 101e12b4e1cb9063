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
use crate::reading::{self, ReadingSpeed};
use crate::text::notes;
pub use crate::text::ruby::RubyMode;
use crate::text::ruby::{self, FILL, JOINER, Shaped};
use crate::text::width::{Graphemes, WidthOptions, str_width};
use crate::text::wrap::{Glue, Piece, WrapOptions, wrap};
use crate::text::{sanitize, sanitize_line};

mod writer;

pub use writer::STAND_IN;
use writer::Writer;

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
    /// When set, the cover and each section show a reading-time estimate
    /// at this speed (the reader sets it; exports leave it out).
    pub reading_speed: Option<ReadingSpeed>,
}

impl LayoutOptions {
    pub fn new(width: usize) -> Self {
        LayoutOptions {
            width: width.max(1),
            widths: WidthOptions::default(),
            target: Target::Export,
            ruby: RubyMode::Inline,
            hanging: false,
            reading_speed: None,
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
    if w.opts.ruby == RubyMode::Above && page > 0 {
        let i = (page - 1).min(b.sections.len().saturating_sub(1));
        w.reserve = b.sections.get(i).is_some_and(has_readings);
    }
    let speed = w.opts.reading_speed;
    if page == 0 {
        cover(b, &l, speed, &mut w);
        Page {
            kind: PageKind::Cover,
            lines: w.lines,
        }
    } else {
        let i = (page - 1).min(b.sections.len().saturating_sub(1));
        if let Some(s) = b.sections.get(i) {
            section(b, i, s, first_source, &l, speed, &mut w);
        }
        Page {
            kind: PageKind::Section(i),
            lines: w.lines,
        }
    }
}

/// Whether a section's running text has readings (or emphasis) to draw
/// above it.
fn has_readings(s: &Section) -> bool {
    s.lead
        .iter()
        .chain(&s.body)
        .chain(&s.commentary)
        .chain(&s.question)
        .chain(&s.answer)
        .any(|t| {
            (ruby::may_have_ruby(t) || notes::may_have_notes(t))
                && !ruby::parse(&notes::apply(t).text).is_empty()
        })
}

/// The meta line of a page: its parts joined by ` · `, the reading time last.
fn meta(b: &Briefing, parts: Vec<String>, minutes: Option<u32>, w: &mut Writer) {
    let mut parts = parts;
    if let Some(m) = minutes {
        parts.push(reading::label(m, is_japanese(b)));
    }
    if !parts.is_empty() {
        w.item(&parts.join(" · "), Role::Meta, None, false);
    }
}

fn cover(b: &Briefing, l: &Labels, speed: Option<ReadingSpeed>, w: &mut Writer) {
    w.item(&b.title, Role::Title, None, true);
    if let Some(s) = &b.subtitle {
        w.item(s, Role::Subtitle, None, true);
    }
    let date = b.published.iter().map(|d| show_date(b, d)).collect();
    let minutes = speed.map(|s| reading::briefing_amount(b).minutes(s));
    meta(b, date, minutes, w);
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

fn section(
    b: &Briefing,
    i: usize,
    s: &Section,
    first: usize,
    l: &Labels,
    speed: Option<ReadingSpeed>,
    w: &mut Writer,
) {
    let total = b.sections.len();
    let minutes = speed.map(|sp| reading::section_amount(s).minutes(sp));
    meta(b, vec![format!("{}/{total}", i + 1)], minutes, w);
    w.item(&s.heading, Role::Heading, None, true);
    if let Some(d) = &s.published {
        w.item(&show_date(b, d), Role::Meta, None, false);
    }
    if !s.tags.is_empty() {
        let tags: Vec<String> = s.tags.iter().map(|t| format!("#{t}")).collect();
        w.item(&tags.join(" "), Role::Tag, None, false);
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
    // Paragraphs that open with an ideographic space (as Japanese prose and
    // Aozora Bunko's works do) follow each other without a blank line, as
    // in the source; otherwise a blank line separates them.
    let indented = s.body.iter().any(|p| p.starts_with('\u{3000}'));
    for (k, p) in s.body.iter().enumerate() {
        if k == 0 || !indented {
            w.blank();
        }
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
