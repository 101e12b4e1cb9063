//! Terminal truth: frames painted through the real crossterm backend
//! ([`yomu::tui::paint::Painter`]) into bytes, those bytes fed to a terminal
//! model (the `vt100` crate), and the model's screen compared, cell by cell,
//! with the frame the layout produced. Frames come in sequences (scrolling,
//! turning pages, overlays, search, resizing): a frame only writes what
//! changed since the one before, and that difference is where a cluster can
//! be lost.
//!
//! # Where the model's widths differ from the layout's
//!
//! `vt100` 0.18 gives every code point its own `unicode-width` width (as
//! xterm and tmux do) and widens a cell on U+FE0F; yomu's layout measures
//! whole grapheme clusters (as kitty, WezTerm, foot and Ghostty do). They
//! agree on kana, kanji, halfwidth kana with `ﾞ` `ﾟ` (two cells: the model
//! puts the mark in a cell of its own), combining marks, flags (the model
//! splits the pair over two cells), keycaps and VS16 emoji. They differ on:
//!
//! - emoji ZWJ sequences: the model draws each emoji of `👨‍👩‍👧` (6 cells,
//!   yomu 2; tmux 3.3a joins them into 2);
//! - skin-tone modifiers: `👍🏽` is 4 cells in the model and in tmux 3.3a, 2 in yomu;
//! - U+FFFD (what the sanitiser puts for a character it cannot show): the
//!   model draws nothing, terminals a one-cell `�`;
//! - East Asian Ambiguous characters at `--ambiguous-width 2`: the model
//!   always draws them 1 cell wide (a terminal set to wide ambiguous
//!   characters draws them 2, which is what the option is for).
//!
//! (tmux 3.3a also draws keycaps and VS16 emoji such as `❤️` 1 cell wide.)
//!
//! For a cluster the model draws wider than the layout, or holding a
//! U+FFFD, the harness writes a placeholder of the layout's width (`＿` per
//! two cells, `_` for an odd one) in its place, in the bytes and in the
//! expectation alike: the check still proves the cluster was written once,
//! whole, at its cell, and that what follows it stays in place, without
//! depending on how a terminal draws it. A cluster the model draws narrower
//! (an ambiguous character laid out two cells wide) is expected as itself
//! followed by blanks: yomu blanks the cells it was given that the
//! terminal leaves empty, so no older frame's text shows there.

use std::collections::HashMap;
use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use yomu::text::WidthOptions;
use yomu::text::width::{Graphemes, grapheme_width};
use yomu::tui::app::App;
use yomu::tui::paint::Painter;
use yomu::tui::style::Theme;

/// A terminal model fed by a real painter.
pub struct Emulator {
    painter: Painter<Vec<u8>>,
    parser: vt100::Parser,
    theme: Theme,
    widths: WidthOptions,
    /// The model's width of each cluster seen, measured once.
    model_widths: HashMap<String, u16>,
    /// Bytes written so far.
    pub written: usize,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap_or(NonZeroU16::MIN)
}

impl Emulator {
    pub fn new(w: u16, h: u16, widths: WidthOptions, theme: Theme) -> Emulator {
        Emulator {
            painter: Painter::new(Vec::new(), w, h),
            parser: vt100::Parser::new(nz(h), nz(w), 0),
            theme,
            widths,
            model_widths: HashMap::new(),
            written: 0,
        }
    }

    /// The terminal is now `w`×`h` (as after SIGWINCH).
    pub fn resize(&mut self, w: u16, h: u16) {
        self.painter.resize(w, h);
        self.parser.screen_mut().set_size(nz(h), nz(w));
    }

    /// Paint `app`, feed the bytes to the model; the bytes written. The
    /// app is told the terminal's size first, as the runtime tells it.
    pub fn paint(&mut self, app: &mut App) -> Vec<u8> {
        let (w, h) = self.painter.size();
        app.update(yomu::tui::screen::Input::Resize {
            width: usize::from(w),
            height: usize::from(h),
        });
        self.painter
            .paint(app, self.theme)
            .expect("painting into memory");
        let bytes = std::mem::take(self.painter.writer_mut());
        self.written += bytes.len();
        let fed = self.substitute(&bytes);
        self.parser.process(&fed);
        bytes
    }

    /// Paint `app` and compare the model's screen with the frame: `Err`
    /// says where they differ.
    pub fn check(&mut self, app: &mut App) -> Result<(), String> {
        let bytes = self.paint(app);
        let frame = self.painter.shown().clone();
        let expected = self.expected_rows(&frame);
        let shown = self.screen_rows();
        if expected == shown {
            return Ok(());
        }
        let y = expected
            .iter()
            .zip(&shown)
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        Err(format!(
            "row {y} differs\n layout: {:?}\n screen: {:?}\nlast frame's bytes: {:?}",
            expected.get(y),
            shown.get(y),
            String::from_utf8_lossy(&bytes)
        ))
    }

    /// The model's rows, one string per row: each cell's contents (blank
    /// for an empty cell), wide continuations left out.
    pub fn screen_rows(&self) -> Vec<String> {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|y| {
                let mut row = String::new();
                for x in 0..cols.get() {
                    let Some(c) = screen.cell(y, x) else { continue };
                    if c.is_wide_continuation() {
                        continue;
                    }
                    row.push_str(if c.has_contents() { c.contents() } else { " " });
                }
                row.trim_end().to_string()
            })
            .collect()
    }

    /// The frame's rows as the model should show them: every cluster at
    /// its cell, those the model measures differently as placeholders.
    pub fn expected_rows(&mut self, buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        let mut rows = Vec::new();
        for y in area.top()..area.bottom() {
            let mut row = String::new();
            for x in area.left()..area.right() {
                let c = &buf[(x, y)];
                if c.diff_option == CellDiffOption::Skip {
                    continue;
                }
                let g = c.symbol();
                let w = u16::try_from(grapheme_width(g, self.widths)).unwrap_or(u16::MAX);
                row.push_str(&self.as_model_cluster(g, w));
            }
            rows.push(row.trim_end().to_string());
        }
        rows
    }

    /// `text` as the model shows it ([`Emulator::as_model_cluster`]),
    /// zero-width clusters dropped.
    pub fn as_model(&mut self, text: &str) -> String {
        let mut out = String::new();
        for (_, g, w) in Graphemes::new(text, self.widths) {
            if w > 0 {
                out.push_str(&self.as_model_cluster(g, u16::try_from(w).unwrap_or(u16::MAX)));
            }
        }
        out
    }

    /// How the model shows a cluster of layout width `w` written at its
    /// cell: itself; followed by blanks when the model draws it narrower
    /// (yomu blanks the rest of its cells); a placeholder of width `w`
    /// when the model draws it wider.
    fn as_model_cluster(&mut self, g: &str, w: u16) -> String {
        let model = self.model_width(g);
        if self.stands_in(g, w) {
            return placeholder(w);
        }
        match model.cmp(&w) {
            std::cmp::Ordering::Equal => g.to_string(),
            std::cmp::Ordering::Less => format!("{g}{}", " ".repeat(usize::from(w - model))),
            std::cmp::Ordering::Greater => placeholder(w),
        }
    }

    /// Whether the harness writes a placeholder for `g`: the model draws
    /// it wider than the layout's `w`, or it holds a U+FFFD (never drawn).
    fn stands_in(&mut self, g: &str, w: u16) -> bool {
        g.contains('\u{fffd}') || self.model_width(g) > w
    }

    /// The model's width for `g`, measured once.
    fn model_width(&mut self, g: &str) -> u16 {
        if g.is_ascii() {
            return u16::try_from(g.len()).unwrap_or(u16::MAX);
        }
        *self
            .model_widths
            .entry(g.to_string())
            .or_insert_with(|| model_width(g))
    }

    /// The bytes with each cluster the model draws wider than the layout
    /// replaced by its placeholder; escape sequences pass through untouched.
    fn substitute(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == 0x1b {
                let end = escape_end(bytes, i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
                continue;
            }
            let end = bytes[i..]
                .iter()
                .position(|&b| b == 0x1b)
                .map_or(bytes.len(), |p| i + p);
            let text = String::from_utf8_lossy(&bytes[i..end]).into_owned();
            for (_, g, w) in Graphemes::new(&text, self.widths) {
                let w = u16::try_from(w).unwrap_or(u16::MAX);
                if self.stands_in(g, w) {
                    out.extend_from_slice(placeholder(w).as_bytes());
                } else {
                    out.extend_from_slice(g.as_bytes());
                }
            }
            i = end;
        }
        out
    }
}

/// A stand-in `w` cells wide: `＿` per two cells, `_` for an odd one.
fn placeholder(w: u16) -> String {
    "＿".repeat(usize::from(w / 2)) + if w % 2 == 1 { "_" } else { "" }
}

/// Where the escape sequence starting at `i` ends (CSI, OSC, or two bytes).
fn escape_end(b: &[u8], i: usize) -> usize {
    match b.get(i + 1) {
        Some(b'[') => b[i + 2..]
            .iter()
            .position(|c| (0x40..=0x7e).contains(c))
            .map_or(b.len(), |p| i + 2 + p + 1),
        Some(b']') => {
            let mut j = i + 2;
            while j < b.len() {
                if b[j] == 0x07 {
                    return j + 1;
                }
                if b[j] == 0x1b && b.get(j + 1) == Some(&b'\\') {
                    return j + 2;
                }
                j += 1;
            }
            b.len()
        }
        Some(_) => i + 2,
        None => b.len(),
    }
}

/// How many cells the model advances for `g` written alone.
pub fn model_width(g: &str) -> u16 {
    let mut p = vt100::Parser::new(nz(1), nz(40), 0);
    p.process(g.as_bytes());
    p.screen().cursor_position().1
}
