//! Putting frames on a terminal: a [`Scene`] drawn into a buffer, the
//! difference from the previous frame through ratatui's crossterm backend,
//! then the visible source URLs again as OSC 8 hyperlinks, and the cursor
//! put where the view says the reader is looking.
//!
//! The run loop paints onto stdout; tests paint into a `Vec<u8>` and feed
//! the bytes to a terminal model, so what they check is what a terminal
//! receives, frame after frame. The size is given by the caller (never
//! asked of the writer), and a resize clears the screen and redraws it all.
//!
//! Every cluster in the buffer carries the width the layout gave it
//! ([`super::draw::put`] sets `CellDiffOption::ForcedWidth`), so the diff steps
//! over exactly the cells the layout said it covers, whatever its own guess
//! for the symbol would be (ratatui counts `ﾊﾟ` as three cells, and used to
//! skip the cluster after it). A wide cluster that a terminal may draw
//! narrower (`❤️` and keycaps in tmux, an ambiguous character laid out two
//! cells wide in a terminal that draws it one) gets its other cells blanked
//! just before it, so they never keep what the last frame had there.

use std::io::{self, Write};

use crossterm::{cursor, queue, style as cstyle};
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;

use super::draw::{Drawn, LinkSpot, Scene};
use super::style::Theme;

/// A terminal being drawn on: what it shows, and the writer that reaches it.
pub struct Painter<W: Write> {
    writer: W,
    /// What the terminal shows (the last frame painted).
    shown: Buffer,
    /// The frame being drawn (kept to reuse its cells).
    next: Buffer,
    /// The hyperlinks written over the last frame.
    linked: Vec<LinkSpot>,
    /// The screen must be cleared before the next frame (first frame, resize).
    clear: bool,
    /// The bytes of the frame being painted, written to `writer` at once.
    bytes: Vec<u8>,
}

impl<W: Write> Painter<W> {
    /// A painter for a `w`×`h` screen reached through `writer`; the first
    /// frame clears it.
    pub fn new(writer: W, w: u16, h: u16) -> Self {
        let area = Rect::new(0, 0, w, h);
        Painter {
            writer,
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
            linked: Vec::new(),
            clear: true,
            bytes: Vec::new(),
        }
    }

    /// The screen is now `w`×`h`: the next frame clears it and draws every cell.
    pub fn resize(&mut self, w: u16, h: u16) {
        let area = Rect::new(0, 0, w, h);
        self.shown = Buffer::empty(area);
        self.next = Buffer::empty(area);
        self.clear = true;
    }

    /// The size painted at (width, height).
    pub fn size(&self) -> (u16, u16) {
        (self.shown.area.width, self.shown.area.height)
    }

    /// Draw `scene` and write what changed since the last frame.
    ///
    /// The frame's bytes are gathered first and handed to the writer in one
    /// piece: stdout would otherwise pass them on a kilobyte at a time, and
    /// a terminal that reads between two pieces can split a cluster (tmux
    /// 3.3a then drops the rest of an emoji ZWJ sequence).
    pub fn paint(&mut self, scene: &impl Scene, theme: Theme) -> io::Result<()> {
        let mut out = std::mem::take(&mut self.bytes);
        out.clear();
        let painted = self.paint_into(&mut out, scene, theme);
        let written = painted.and_then(|()| {
            self.writer.write_all(&out)?;
            self.writer.flush()
        });
        self.bytes = out;
        written
    }

    /// Draw `scene` and put the bytes of what changed into `out`.
    fn paint_into(
        &mut self,
        out: &mut Vec<u8>,
        scene: &impl Scene,
        theme: Theme,
    ) -> io::Result<()> {
        // The backend only wraps the buffer: made for each frame, it leaves
        // the buffer free for the hyperlinks.
        let mut backend = CrosstermBackend::new(&mut *out);
        if self.clear {
            backend.clear_region(ClearType::All)?;
            self.shown.reset();
            self.linked.clear();
            self.clear = false;
        }
        self.next.reset();
        let Drawn { spots, cursor: at } = scene.draw(&mut self.next, theme);
        backend.draw(Blanked {
            diff: self.shown.diff_iter(&self.next),
            frame: &self.next,
            held: None,
            blank: 0,
            end: 0,
        })?;
        std::mem::swap(&mut self.shown, &mut self.next);
        // The hyperlinks are written over the screen just drawn; they stay
        // until those cells change (the diff then rewrites them).
        if spots != self.linked {
            write_hyperlinks(out, scene, &spots, theme)?;
            self.linked = spots;
        }
        // The terminal's cursor where the view says the reader is looking
        // (the selected row, the prompt, the top of the text), so screen
        // readers and braille displays follow it.
        match at {
            Some((x, y)) => queue!(out, cursor::MoveTo(x, y), cursor::Show)?,
            None => queue!(out, cursor::Hide)?,
        }
        Ok(())
    }

    /// The last frame painted, as the terminal should show it.
    pub fn shown(&self) -> &Buffer {
        &self.shown
    }

    /// The writer (a test takes the bytes written so far).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }
}

/// Whether a terminal may draw `symbol` in fewer than the `w` cells the
/// layout gave it: a single character of another width (an ambiguous one
/// laid out two cells wide), or several code points, which terminals
/// measure each their own way (tmux draws `❤️` and keycaps one cell wide).
fn may_draw_narrower(symbol: &str, w: u16) -> bool {
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            // Kana and kanji first: most of a Japanese frame, two cells everywhere.
            let width = crate::text::width::simple_width(c)
                .or_else(|| unicode_width::UnicodeWidthChar::width(c));
            width != Some(usize::from(w))
        }
        _ => true,
    }
}

/// The frame's updates, each wide cluster a terminal may draw narrower
/// preceded by the other cells it covers, as blanks in its style (the
/// view leaves them so): written first, they leave those cells empty
/// instead of showing what the last frame had there, and a terminal that
/// draws the cluster at full width covers them again.
struct Blanked<'a, I> {
    diff: I,
    frame: &'a Buffer,
    /// A cluster whose blanks are being written, then itself.
    held: Option<(u16, u16, &'a Cell)>,
    /// The next blank's column, and the column after the last one.
    blank: u16,
    end: u16,
}

impl<'a, I: Iterator<Item = (u16, u16, &'a Cell)>> Iterator for Blanked<'a, I> {
    type Item = (u16, u16, &'a Cell);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((x, y, cell)) = self.held {
            if self.blank < self.end {
                let b = self.blank;
                self.blank += 1;
                return Some((b, y, &self.frame[(b, y)]));
            }
            self.held = None;
            return Some((x, y, cell));
        }
        let (x, y, cell) = self.diff.next()?;
        if let CellDiffOption::ForcedWidth(w) = cell.diff_option
            && w.get() >= 2
            && !cell.symbol().is_ascii()
            && may_draw_narrower(cell.symbol(), w.get())
        {
            self.held = Some((x, y, cell));
            self.blank = x.saturating_add(1);
            self.end = x.saturating_add(w.get()).min(self.frame.area.right());
            return self.next();
        }
        Some((x, y, cell))
    }
}

/// Re-draw the visible source URLs wrapped in OSC 8, so terminals that
/// support it make them clickable. A URL wrapped over two lines keeps one id.
fn write_hyperlinks(
    out: &mut impl Write,
    scene: &impl Scene,
    spots: &[LinkSpot],
    theme: Theme,
) -> io::Result<()> {
    for s in spots {
        let Some(link) = scene.link(s.link) else {
            continue;
        };
        let Ok(url) = crate::links::checked_url(&link.url) else {
            continue;
        };
        queue!(out, cursor::MoveTo(s.x, s.y))?;
        if theme.color {
            queue!(out, cstyle::SetForegroundColor(cstyle::Color::DarkBlue))?;
        }
        queue!(out, cstyle::SetAttribute(cstyle::Attribute::Underlined))?;
        write!(
            out,
            "{}{}{}",
            crate::links::osc8_open(url.as_str(), &format!("yomu-{}", link.number)),
            s.text,
            crate::links::OSC8_CLOSE
        )?;
        queue!(
            out,
            cstyle::SetAttribute(cstyle::Attribute::Reset),
            cstyle::ResetColor
        )?;
    }
    Ok(())
}
