//! The line writer of a page: fields become lines at the layout's width,
//! wrapped with the text rules, with markers, indentation, furigana rows
//! and URLs kept whole in exports; the cells of a cluster wider than the
//! line are stood in for.

use super::*;

/// Accumulates lines for one page.
pub(super) struct Writer {
    pub(super) opts: LayoutOptions,
    pub(super) lines: Vec<Line>,
    pub(super) block: usize,
    /// Keep the joiners of furigana bases in the spans.
    pub(super) joiners: bool,
    /// Give every line of prose a row for readings, even an empty one, so
    /// lines are evenly spaced on a page with readings above.
    pub(super) reserve: bool,
    /// The indent of an open block (`［＃ここから２字下げ］`).
    pub(super) block_indent: Option<notes::Indent>,
}

impl Writer {
    pub(super) fn new(opts: LayoutOptions) -> Self {
        Writer {
            opts,
            lines: Vec::new(),
            block: 0,
            joiners: false,
            reserve: false,
            block_indent: None,
        }
    }

    pub(super) fn blank(&mut self) {
        if self
            .lines
            .last()
            .is_some_and(|l| !l.spans.is_empty() || l.indent > 0)
        {
            self.lines.push(Line::blank());
        }
    }

    pub(super) fn label(&mut self, text: &str) {
        self.item(text, Role::Label, None, false);
    }

    pub(super) fn wrap_opts(&self, phrases: bool) -> WrapOptions {
        WrapOptions {
            width: self.opts.widths,
            keep_urls: self.opts.target == Target::Export,
            phrases,
            hang: self.opts.hanging && self.opts.target == Target::Terminal,
        }
    }

    /// A text field, optionally after a marker; continuation lines are
    /// indented by the marker's width (or less, on a very narrow grid).
    pub(super) fn item(&mut self, text: &str, role: Role, marker: Option<&str>, phrases: bool) {
        let full = self.opts.width;
        let text = sanitize(text);
        let applied = notes::apply(&text);
        let shaped = ruby::shape(&applied.text, self.opts.ruby, self.opts.widths);
        let text: &str = shaped.as_ref().map_or(&applied.text, |s| &s.text);
        // An indent note moves the whole paragraph in (never past half the line).
        let indent_note = match (applied.indent, self.block_indent) {
            (notes::Indent::None, Some(b)) => b,
            (i, _) => i,
        };
        if applied.block.is_some() {
            self.block_indent = applied.block;
        }
        if applied.block_end {
            self.block_indent = None;
        }
        // A paragraph that is only a block's opening or closing note.
        if applied.text.trim().is_empty() && (applied.block.is_some() || applied.block_end) {
            return;
        }
        let lead = match indent_note {
            notes::Indent::None => 0,
            notes::Indent::Start(n) => n * 2,
            notes::Indent::End(n) => {
                let tw = str_width(&ruby::shown(text), self.opts.widths);
                full.saturating_sub(tw + n * 2)
            }
        };
        let lead = if lead * 2 > full && !matches!(indent_note, notes::Indent::End(_)) {
            0
        } else {
            lead.min(full.saturating_sub(1))
        };
        let width = full - lead;
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
                indent: lead,
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
                indent: lead + if first && !marker_alone { 0 } else { indent },
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
            let reading = shaped
                .as_ref()
                .and_then(|sh| self.readings(sh, &piece, col, block));
            match reading {
                Some(r) => self.lines.push(r),
                None if self.reserve && is_prose(role) => self.lines.push(Line {
                    indent: 0,
                    spans: vec![span("", Role::Ruby)],
                    width: 0,
                    block: Some(block),
                    glue: None,
                }),
                None => {}
            }
            match &shaped {
                Some(_) => push_shaped(&mut line.spans, &content, role, self.joiners),
                None if !content.is_empty() => line.spans.push(span(&content, role)),
                None => {}
            }
            self.lines.push(line);
            first = false;
        }
    }

    /// The line of readings above a piece of shaped text whose first cell
    /// is at column `col`, if any base starts on it; cut to the width.
    pub(super) fn readings(
        &self,
        sh: &Shaped,
        piece: &Piece,
        col: usize,
        block: usize,
    ) -> Option<Line> {
        let w = self.opts.widths;
        let mut at = 0;
        let mut spans = Vec::new();
        let mut indent = None;
        // Marks are in text order: those whose base is (partly) on this
        // piece. A base broken across lines (wider than the line) has its
        // reading shared out by the characters on each, so none is cut.
        let from = sh
            .marks
            .partition_point(|m| m.base.end <= piece.range.start);
        let to = sh.marks.partition_point(|m| m.base.start < piece.range.end);
        let cells = |s: &str| str_width(&ruby::shown(s), w);
        for m in &sh.marks[from..to] {
            let on = m.base.start.max(piece.range.start)..m.base.end.min(piece.range.end);
            let reading: Cow<'_, str> = if on == m.base {
                Cow::Borrowed(&m.reading)
            } else {
                // Shared by the cells of the (spaced) base on each line.
                let nb = cells(&sh.text[m.base.clone()]).max(1);
                let kb = cells(&sh.text[m.base.start..on.start]);
                let ko = cells(&sh.text[on.clone()]);
                let nr = m.reading.chars().count();
                let a = nr * kb / nb;
                let b = if on.end == m.base.end {
                    nr
                } else {
                    nr * (kb + ko) / nb
                };
                Cow::Owned(
                    m.reading
                        .chars()
                        .skip(a)
                        .take(b.saturating_sub(a))
                        .collect(),
                )
            };
            if reading.is_empty() {
                continue;
            }
            let before = str_width(&ruby::shown(&sh.text[piece.range.start..on.start]), w);
            let bw = str_width(&ruby::shown(&sh.text[on.clone()]), w);
            let rw = str_width(&reading, w);
            // Centred over the base; a reading wider than its (spaced) base
            // overhangs the kana on both sides.
            let centred = if rw <= bw {
                col + before + (bw - rw) / 2
            } else {
                (col + before).saturating_sub((rw - bw).div_ceil(2))
            };
            let start = centred.max(at);
            if start >= self.opts.width {
                break;
            }
            let reading =
                crate::text::width::truncate(&reading, self.opts.width - start, w).to_string();
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
    pub(super) fn url(&mut self, url: &str, link: usize, indent: usize) {
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
    pub(super) fn fit_piece<'a>(
        &self,
        s: &'a str,
        piece: &Piece,
        avail: usize,
    ) -> (Cow<'a, str>, usize) {
        let w = piece.width;
        if w <= avail || piece.url_overflow || piece.hanging {
            return (Cow::Borrowed(s), w);
        }
        // Its first line of cells; `split_cells` always gives one.
        let (text, used) = split_cells(s, avail, self.opts.widths).swap_remove(0);
        (Cow::Owned(text), used)
    }
}

/// Roles of running text, whose lines keep a row for readings when the
/// page has any ([`Writer::reserve`]).
fn is_prose(role: Role) -> bool {
    matches!(
        role,
        Role::Body | Role::Lead | Role::Commentary | Role::Summary | Role::Question | Role::Answer
    )
}

/// Shaped text as spans: joiners dropped (unless `joiners`), each run of fill (a base spaced
/// out under its reading) a marker of spaces.
pub(super) fn push_shaped(spans: &mut Vec<Span>, text: &str, role: Role, joiners: bool) {
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

pub(super) fn span(text: &str, role: Role) -> Span {
    Span {
        text: text.to_string(),
        role,
        link: None,
    }
}

/// A marker cut to fit `max` cells.
pub(super) fn fit(m: &str, max: usize, opts: WidthOptions) -> String {
    crate::text::width::truncate(m, max, opts).to_string()
}

/// Split text into chunks of at most `avail` cells at cluster boundaries.
pub(super) fn split_cells(s: &str, avail: usize, opts: WidthOptions) -> Vec<(String, usize)> {
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
