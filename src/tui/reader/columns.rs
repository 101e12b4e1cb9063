//! Vertical writing in the reader: the current page as columns
//! ([`crate::vertical`]), laid out once per page and screen height and kept,
//! the first column shown, and moving through the columns. The `v` key
//! turns vertical writing on and off; the place in the page is kept across
//! the turn (the paragraph at the top, or at the right, stays in view).
//! Search highlights are the current query's matches over the vertical
//! page's own source lines, each cell lit when its source is in a match.
//!
//! The columns and their matches are memos (made the first time they are
//! needed, drawing included), so drawing reads the reader without changing
//! what anyone sees of it.

use std::cell::RefCell;
use std::rc::Rc;

use super::Reader;
use crate::layout::{self, LayoutOptions, Line, RubyMode};
use crate::search::{self, CellRange};
use crate::text::ruby::JOINER;
use crate::tui::keys::Action;
use crate::vertical::{self, VPage};

/// Matches over a vertical page's source: for which query and kana
/// folding, and each match's cells.
type Matches = (String, bool, Rc<Vec<Vec<CellRange>>>);

/// A page laid out vertically, with what it was made from.
#[derive(Debug)]
pub struct Tate {
    pub page: usize,
    pub height: usize,
    pub vpage: VPage,
    /// The horizontal lines (one per paragraph) the columns come from.
    pub source: Vec<Line>,
    /// The matches of the query over `source`, when a search is shown.
    matches: RefCell<Option<Matches>>,
}

/// A cell to light: column index, row, and whether it is in the current match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lit {
    pub column: usize,
    pub row: usize,
    pub current: bool,
}

impl Reader {
    /// The current page laid out in columns of `height` rows.
    pub fn tate(&self, height: usize) -> Rc<Tate> {
        let height = height.max(1);
        let p = self.page;
        if let Some(t) = self
            .tate
            .borrow()
            .as_ref()
            .filter(|t| t.page == p && t.height == height)
        {
            return Rc::clone(t);
        }
        let o = self.cache.opts;
        let lo = LayoutOptions {
            reading_speed: o.reading_speed,
            ..vertical::source_options(o.widths, o.ruby, o.target)
        };
        let page = layout::layout_page_joined(&self.briefing, p, lo);
        let vpage = vertical::layout_page_lane(&page, height, o.widths, lo.ruby == RubyMode::Side);
        // Searched as shown: without the joiners (zero width, so the
        // cells' columns are unchanged).
        let mut source = page.lines;
        for sp in source.iter_mut().flat_map(|l| l.spans.iter_mut()) {
            if sp.text.contains(JOINER) {
                sp.text = sp.text.replace(JOINER, "");
            }
        }
        let t = Rc::new(Tate {
            page: p,
            height,
            vpage,
            source,
            matches: RefCell::new(None),
        });
        *self.tate.borrow_mut() = Some(Rc::clone(&t));
        t
    }

    /// Turn vertical writing on or off, keeping the paragraph in view.
    pub fn toggle_vertical(&mut self, height: usize) {
        if self.vertical {
            let block = {
                let t = self.tate(height);
                t.vpage
                    .columns
                    .get(self.vcol)
                    .and_then(|c| t.source.get(c.line))
                    .and_then(|l| l.block)
            };
            self.vertical = false;
            self.scroll = block
                .and_then(|b| self.lines().iter().position(|l| l.block == Some(b)))
                .map_or(0, |i| i.min(self.max_scroll(height)));
        } else {
            let scroll = self.scroll;
            let block = self.lines().get(scroll).and_then(|l| l.block);
            self.vertical = true;
            let t = self.tate(height);
            self.vcol = block
                .and_then(|b| {
                    t.vpage
                        .columns
                        .iter()
                        .position(|c| t.source.get(c.line).is_some_and(|l| l.block == Some(b)))
                })
                .unwrap_or(0);
        }
    }

    /// Columns of the current page.
    pub fn columns(&self, height: usize) -> usize {
        self.tate(height).vpage.columns.len()
    }

    /// Keep the first column where a screen of `per` columns still fits.
    pub(crate) fn clamp_vcol(&mut self, height: usize, per: usize) {
        let n = self.columns(height);
        self.vcol = self.vcol.min(n.saturating_sub(per));
    }

    /// Move through the columns: `per` columns make a screen. Returns
    /// false for an action that is not a movement (or a screen down at the
    /// end of the page, which turns it).
    pub fn move_vertical(&mut self, action: Action, height: usize, per: usize) -> bool {
        let n = self.columns(height);
        let last = n.saturating_sub(per.max(1));
        let per = per.max(1);
        self.vcol = match action {
            Action::Down => (self.vcol + 1).min(last),
            Action::Up => self.vcol.saturating_sub(1),
            Action::ScreenDown if self.vcol >= last => return false,
            Action::ScreenDown => (self.vcol + per).min(last),
            Action::ScreenUp => self.vcol.saturating_sub(per),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// Bring the current match into view on the vertical page.
    pub fn show_hit_vertical(&mut self, height: usize, per: usize) {
        let Some(nth) = self.current_on_page() else {
            return;
        };
        let t = self.tate(height);
        let Some(ms) = self.vertical_matches(&t) else {
            return;
        };
        let Some(p) = ms.get(nth).and_then(|m| m.first()) else {
            return;
        };
        let column = t.vpage.columns.iter().position(|c| {
            c.line == p.line
                && c.cells
                    .iter()
                    .any(|x| x.col + x.source_width > p.col && x.col < p.col + p.width.max(1))
        });
        if let Some(c) = column
            && (c < self.vcol || c >= self.vcol + per.max(1))
        {
            let last = t.vpage.columns.len().saturating_sub(per.max(1));
            self.vcol = c.min(last);
        }
    }

    /// Which match of the current page (counting in reading order) is the
    /// current one, if it is on this page.
    fn current_on_page(&self) -> Option<usize> {
        let f = self.find.as_ref()?;
        let k = f.current?;
        let first = f.hits.partition_point(|h| h.page < self.page);
        (f.hits.get(k)?.page == self.page).then(|| k.saturating_sub(first))
    }

    /// The matches of the current query over `t`'s source (computed once
    /// per query); `None` without a query.
    fn vertical_matches(&self, t: &Tate) -> Option<Rc<Vec<Vec<CellRange>>>> {
        let query = self.find.as_ref().map(|f| f.prompt.query.clone());
        let opts = self.search_opts;
        let mut memo = t.matches.borrow_mut();
        let Some(q) = query.filter(|q| !q.is_empty()) else {
            *memo = None;
            return None;
        };
        let same = memo
            .as_ref()
            .is_some_and(|(mq, kana, _)| *mq == q && *kana == opts.kana_insensitive);
        if !same {
            let found = search::find_in_page(&t.source, &q, opts);
            *memo = Some((q, opts.kana_insensitive, Rc::new(found)));
        }
        memo.as_ref().map(|(_, _, m)| Rc::clone(m))
    }

    /// The cells to light among columns `from..to` of the vertical page.
    pub fn vertical_highlights(&self, height: usize, from: usize, to: usize) -> Vec<Lit> {
        let t = self.tate(height);
        let Some(ms) = self.vertical_matches(&t) else {
            return Vec::new();
        };
        let current = self.current_on_page();
        let shown = t.vpage.columns.get(from..to.min(t.vpage.columns.len()));
        let lines: Vec<usize> = shown.unwrap_or(&[]).iter().map(|c| c.line).collect();
        // Only the matches on the lines of the columns shown.
        let near: Vec<(usize, &Vec<CellRange>)> = ms
            .iter()
            .enumerate()
            .filter(|(_, m)| m.iter().any(|p| lines.contains(&p.line)))
            .collect();
        let mut out = Vec::new();
        for (ci, c) in t.vpage.columns.iter().enumerate().take(to).skip(from) {
            for (row, x) in c.cells.iter().enumerate() {
                let hit = near.iter().find(|(_, m)| {
                    m.iter().any(|p| {
                        p.line == c.line
                            && x.col < p.col + p.width
                            && p.col < x.col + x.source_width
                    })
                });
                if let Some(&(k, _)) = hit {
                    out.push(Lit {
                        column: ci,
                        row: c.top + row,
                        current: current == Some(k),
                    });
                }
            }
        }
        out
    }
}
