//! A page's text for search: its normalised text, per block (the lines of a field
//! joined as the layout broke them), built once per width, so each
//! keystroke of a search is one pass over it; a match is turned back into the
//! cells of the lines it covers ([`CellRange`]).

use std::ops::Range;

use super::normalize::{normalize_into, prepare_query, push_cluster};
use super::{CellRange, SearchOptions};
use crate::layout::{Line, Role};
use crate::text::width::{Graphemes, WidthOptions};
use crate::text::wrap::Glue;

/// Where a line's text starts in the page's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LineStart {
    line: u32,
    at: u32,
}

/// A page's text, normalised and joined per block, with where each line starts.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    text: String,
    lines: Vec<LineStart>,
}

/// Separates blocks: never in a prepared query, so no match spans two fields.
const BLOCK_SEP: char = '\0';

impl PageText {
    /// Index the lines of one page.
    pub fn new(lines: &[Line], opts: SearchOptions) -> Self {
        let mut idx = PageText::default();
        let mut prev: Option<usize> = None;
        let mut readings = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if line.is_ruby() {
                readings.push(i);
                continue;
            }
            let Some(block) = line.block else {
                prev = None;
                continue;
            };
            if prev == Some(block) {
                match line.glue {
                    Some(Glue::Space) => idx.text.push(' '),
                    Some(Glue::Direct) => {}
                    _ => idx.text.push('\n'),
                }
            } else if !idx.text.is_empty() {
                idx.text.push(BLOCK_SEP);
            }
            prev = Some(block);
            idx.lines.push(LineStart {
                line: i as u32,
                at: idx.text.len() as u32,
            });
            for sp in line.content() {
                normalize_into(&sp.text, opts, &mut idx.text);
            }
        }
        for i in readings {
            if !idx.text.is_empty() {
                idx.text.push(BLOCK_SEP);
            }
            idx.lines.push(LineStart {
                line: i as u32,
                at: idx.text.len() as u32,
            });
            for sp in lines[i].content() {
                normalize_into(&sp.text, opts, &mut idx.text);
            }
        }
        idx
    }

    /// Byte ranges (in the normalised text) of every match of a prepared
    /// query, in reading order, not overlapping.
    pub fn find(&self, query: &str) -> Vec<Range<usize>> {
        if query.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(query)
            .map(|(i, m)| i..i + m.len())
            .collect()
    }

    /// Index (into the page's lines) of the line where a match starts.
    pub fn line_of(&self, at: usize) -> usize {
        let k = self.lines.partition_point(|l| l.at as usize <= at);
        self.lines
            .get(k.saturating_sub(1))
            .map_or(0, |l| l.line as usize)
    }

    /// The cells of a match, one piece per line it touches.
    pub fn pieces(&self, lines: &[Line], m: Range<usize>, opts: SearchOptions) -> Vec<CellRange> {
        let mut out = Vec::new();
        let first = self
            .lines
            .partition_point(|l| l.at as usize <= m.start)
            .saturating_sub(1);
        let mut scratch = String::new();
        for ls in self.lines[first..]
            .iter()
            .take_while(|l| (l.at as usize) < m.end)
        {
            let Some(line) = lines.get(ls.line as usize) else {
                break;
            };
            let mut pos = ls.at as usize;
            let mut cells: Option<(usize, usize)> = None;
            for_each_cluster(line, opts.widths, |col, w, g| {
                scratch.clear();
                push_cluster(g, opts, &mut scratch);
                let end = pos + scratch.len();
                if end > m.start && pos < m.end && !scratch.is_empty() {
                    cells = Some(match cells {
                        None => (col, col + w),
                        Some((a, _)) => (a, col + w),
                    });
                }
                pos = end;
            });
            if let Some((a, b)) = cells {
                out.push(CellRange {
                    line: ls.line as usize,
                    col: a,
                    width: b - a,
                });
            }
        }
        out
    }
}

/// Index many pages, in parallel when there are many.
pub fn texts_of_pages(pages: &[&[Line]], opts: SearchOptions) -> Vec<PageText> {
    crate::parallel::map(pages, 16, |l| PageText::new(l, opts))
}

/// Call `f(column, width, cluster)` for every cluster of a line's content
/// (markers skipped but counted in the columns).
fn for_each_cluster(line: &Line, w: WidthOptions, mut f: impl FnMut(usize, usize, &str)) {
    let mut col = line.indent;
    for sp in &line.spans {
        if sp.role == Role::Marker {
            col += crate::text::width::str_width(&sp.text, w);
            continue;
        }
        for (_, g, gw) in Graphemes::new(&sp.text, w) {
            f(col, gw, g);
            col += gw;
        }
    }
}

/// Every match of `query` in a page's lines, each as its pieces (one per
/// line the match touches).
pub fn find_in_page(lines: &[Line], query: &str, opts: SearchOptions) -> Vec<Vec<CellRange>> {
    let Some(q) = prepare_query(query, opts) else {
        return Vec::new();
    };
    let idx = PageText::new(lines, opts);
    idx.find(&q)
        .into_iter()
        .map(|m| idx.pieces(lines, m, opts))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Line, Span};
    fn o() -> SearchOptions {
        SearchOptions::default()
    }

    fn line(indent: usize, text: &str, block: usize, glue: Glue) -> Line {
        Line {
            indent,
            spans: vec![Span {
                text: text.into(),
                role: Role::Body,
                link: None,
            }],
            width: indent + crate::text::width::str_width(text, WidthOptions::default()),
            block: Some(block),
            glue: Some(glue),
        }
    }

    #[test]
    fn a_match_across_a_wrapped_japanese_line_is_found_on_both_lines() {
        // 「和平交渉」 wrapped after 和平 (Direct: no space consumed).
        let lines = vec![
            line(0, "ゼレンスキーは和平", 0, Glue::Hard),
            line(0, "交渉に前向きだ。", 0, Glue::Direct),
        ];
        let m = find_in_page(&lines, "和平交渉", o());
        assert_eq!(
            m,
            vec![vec![
                CellRange {
                    line: 0,
                    col: 14,
                    width: 4
                },
                CellRange {
                    line: 1,
                    col: 0,
                    width: 4
                },
            ]]
        );
    }

    #[test]
    fn a_match_across_a_space_break_needs_the_space() {
        let lines = vec![
            line(0, "peace", 0, Glue::Hard),
            line(2, "talks resumed", 0, Glue::Space),
        ];
        let m = find_in_page(&lines, "PEACE TALKS", o());
        assert_eq!(
            m,
            vec![vec![
                CellRange {
                    line: 0,
                    col: 0,
                    width: 5
                },
                CellRange {
                    line: 1,
                    col: 2,
                    width: 5
                },
            ]]
        );
        assert!(find_in_page(&lines, "peacetalks", o()).is_empty());
    }

    #[test]
    fn blocks_do_not_join_and_markers_do_not_match() {
        let mut first = line(0, "停戦", 0, Glue::Hard);
        first.spans.insert(
            0,
            Span {
                text: "✅ ".into(),
                role: Role::Marker,
                link: None,
            },
        );
        let lines = vec![first, Line::default(), line(0, "合意", 1, Glue::Hard)];
        assert!(find_in_page(&lines, "停戦合意", o()).is_empty());
        assert!(find_in_page(&lines, "✅", o()).is_empty());
        // The marker's cells count in the column: ✅ is 2 cells, then a space.
        assert_eq!(
            find_in_page(&lines, "戦", o()),
            vec![vec![CellRange {
                line: 0,
                col: 5,
                width: 2
            }]]
        );
    }

    #[test]
    fn halfwidth_voiced_kana_highlight_their_two_cells() {
        let lines = vec![line(0, "aｶﾞｽb", 0, Glue::Hard)];
        assert_eq!(
            find_in_page(&lines, "ガス", o()),
            vec![vec![CellRange {
                line: 0,
                col: 1,
                width: 3
            }]]
        );
    }

    #[test]
    fn empty_and_control_queries_match_nothing() {
        let lines = vec![line(0, "abc", 0, Glue::Hard)];
        assert!(find_in_page(&lines, "", o()).is_empty());
        assert!(find_in_page(&lines, "\u{0}", o()).is_empty());
    }
}
