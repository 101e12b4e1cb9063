//! The page's geometry in the router: the layout options for the
//! terminal's size (the text column, hanging punctuation's margin), the
//! columns vertical writing moves by and draws, the rows of the body, and
//! a resize carried to the open briefing.

use super::super::draw::{hang_margin, text_width_max};
use super::App;
use crate::layout::{LayoutOptions, Target};
use crate::text::wrap::HANG_CELLS;

impl App {
    /// Layout options for the current terminal size.
    pub fn layout_opts(&self) -> LayoutOptions {
        let col = text_width_max(self.size.0, self.max_width);
        // Hanging punctuation reaches past the text column into the right
        // margin; without a margin (a narrow terminal) the text is laid out
        // narrower to make room.
        let (width, hanging) = if !self.hanging {
            (col, false)
        } else if hang_margin(self.size.0, col) {
            (col, true)
        } else if col > 2 * HANG_CELLS {
            (col - HANG_CELLS, true)
        } else {
            (col, false)
        };
        LayoutOptions {
            width,
            widths: self.widths,
            target: Target::Terminal,
            ruby: self.ruby,
            hanging,
            reading_speed: Some(self.reading_speed),
        }
    }

    /// Columns of vertical writing the keys move by: those of the text
    /// column as laid out.
    pub(super) fn columns_per_screen(&self) -> usize {
        let lane = self.ruby == crate::layout::RubyMode::Above;
        crate::vertical::columns_in_lane(self.layout_opts().width, lane)
    }

    /// Columns of vertical writing drawn on one screen: those of the text
    /// column on the terminal.
    pub(crate) fn columns_drawn(&self) -> usize {
        let lane = self.ruby == crate::layout::RubyMode::Above;
        super::super::reader::per_screen(self.size.0, self.max_width, lane)
    }

    /// Briefings open in vertical writing, or not (the open one too).
    pub fn set_vertical(&mut self, on: bool) {
        self.vertical = on;
        if let Some(r) = self.reader_mut() {
            r.vertical = on;
        }
    }

    /// Keep a vertical page's first column where a screen of columns
    /// still fits (after a resize, a reload, a turn of the page).
    pub(super) fn settle(&mut self) {
        let (height, per) = (self.body_height(), self.columns_drawn());
        if height == 0 {
            return;
        }
        if let Some(r) = self.reader_mut()
            && r.vertical
        {
            r.clamp_vcol(height, per);
        }
    }

    /// The terminal size the app was last told of (width, height).
    pub fn size(&self) -> (usize, usize) {
        self.size
    }

    /// Rows available for the page text (between the header and the status bar).
    pub fn body_height(&self) -> usize {
        match self.size.1 {
            0 | 1 => 0,
            2 => 1,
            h => h - 2,
        }
    }

    pub(super) fn resize(&mut self, w: usize, h: usize) {
        self.size = (w, h);
        let opts = self.layout_opts();
        let height = self.body_height();
        if let Some(r) = self.reader_mut() {
            r.set_opts(opts);
            r.scroll = r.scroll.min(r.max_scroll(height));
        }
    }
}
