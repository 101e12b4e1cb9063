//! Vertical writing in the reader: the current page as columns
//! ([`crate::vertical`]), laid out once per page and screen height and kept,
//! the first column shown, and moving through the columns. The `v` key
//! turns vertical writing on and off; the place in the page is kept across
//! the turn (the paragraph at the top, or at the right, stays in view).
//! Search highlights are the current query's matches over the vertical
//! page's own source lines, each cell lit when its source is in a match.

use super::Reader;
use crate::layout::{self, Line};
use crate::search::{self, Piece};
use crate::text::ruby::JOINER;
use crate::tui::keys::Action;
use crate::vertical::{self, VPage};

/// A page laid out vertically, with what it was made from.
#[derive(Debug)]
pub struct Tate {
    pub page: usize,
    pub height: usize,
    pub vpage: VPage,
    /// The horizontal lines (one per paragraph) the columns come from.
    pub source: Vec<Line>,
    /// The matches of `query` over `source`, when a search is shown.
    matches: Option<(String, bool, Vec<Vec<Piece>>)>,
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
    pub fn tate(&mut self, height: usize) -> &Tate {
        let height = height.max(1);
        let (b, p, o) = (&self.briefing, self.page, self.cache.opts);
        if !self
            .tate
            .as_ref()
            .is_some_and(|t| t.page == p && t.height == height)
        {
            self.tate = None;
        }
        self.tate.get_or_insert_with(|| {
            let lo = vertical::source_options(o.widths, o.ruby, o.target);
            let page = layout::layout_page_joined(b, p, lo);
            let vpage = vertical::layout_page(&page, height, o.widths);
            // Searched as shown: without the joiners (zero width, so the
            // cells' columns are unchanged).
            let mut source = page.lines;
            for sp in source.iter_mut().flat_map(|l| l.spans.iter_mut()) {
                if sp.text.contains(JOINER) {
                    sp.text = sp.text.replace(JOINER, "");
                }
            }
            Tate {
                page: p,
                height,
                vpage,
                source,
                matches: None,
            }
        })
    }

    /// Turn vertical writing on or off, keeping the paragraph in view.
    pub fn toggle_vertical(&mut self, height: usize) {
        if self.vertical {
            let block = {
                let vcol = self.vcol;
                let t = self.tate(height);
                t.vpage
                    .columns
                    .get(vcol)
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
    pub fn columns(&mut self, height: usize) -> usize {
        self.tate(height).vpage.columns.len()
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
        self.vertical_matches(height);
        let Some(t) = self.tate.as_ref() else { return };
        let Some((_, _, ms)) = &t.matches else { return };
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

    /// Compute (once per query) the matches over the vertical page's source.
    fn vertical_matches(&mut self, height: usize) {
        let query = self.find.as_ref().map(|f| f.query.clone());
        let opts = self.search_opts;
        self.tate(height);
        let Some(t) = self.tate.as_mut() else { return };
        let Some(q) = query.filter(|q| !q.is_empty()) else {
            t.matches = None;
            return;
        };
        let same = t
            .matches
            .as_ref()
            .is_some_and(|(mq, kana, _)| *mq == q && *kana == opts.kana_insensitive);
        if !same {
            let found = search::find_in_page(&t.source, &q, opts);
            t.matches = Some((q, opts.kana_insensitive, found));
        }
    }

    /// The cells to light among columns `from..to` of the vertical page.
    pub fn vertical_highlights(&mut self, height: usize, from: usize, to: usize) -> Vec<Lit> {
        self.vertical_matches(height);
        let current = self.current_on_page();
        let Some(t) = self.tate.as_ref() else {
            return Vec::new();
        };
        let Some((_, _, ms)) = &t.matches else {
            return Vec::new();
        };
        let shown = t.vpage.columns.get(from..to.min(t.vpage.columns.len()));
        let lines: Vec<usize> = shown.unwrap_or(&[]).iter().map(|c| c.line).collect();
        // Only the matches on the lines of the columns shown.
        let near: Vec<(usize, &Vec<Piece>)> = ms
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
