//! Clicks (`mouse = true`): a left click on a row of the library or of a
//! list overlay (contents, links) selects that row, as the arrow keys
//! would; elsewhere a click does nothing.

use super::{App, Reader};

impl App {
    /// A click at (x, y): the row under it in a list overlay, or in the
    /// library, becomes the selection.
    pub(super) fn click(&mut self, _x: usize, y: usize) {
        // The body starts below the header (when there is room for one).
        let top = usize::from(self.size.1 >= 3);
        let height = self.body_height();
        let Some(row) = y.checked_sub(top).filter(|&r| r < height) else {
            return;
        };
        let pages = self.reader().map_or(1, Reader::pages);
        let links = self.reader().map_or(0, |r| r.links.len());
        let reading = self.reader().is_some();
        match &mut self.overlay {
            Some(o) => o.click(row, height, pages, links),
            None if !reading && self.feeds.on => self.feeds.click(row, height),
            None if !reading => self.library.click(row, height),
            None => {}
        }
    }
}
