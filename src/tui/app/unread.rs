//! Reading progress across the library, as newsboat has it: `U` goes to
//! the next unread section of the open briefing, else opens the next
//! unread briefing (at its first unread section); `A` in the library marks
//! every briefing read.

use super::{App, Screen};
use crate::i18n::{Msg, t, tf};

impl App {
    /// `U`: the next unread section after this page, else the next unread
    /// briefing of the list (from the library: the selected one first;
    /// from the reader: the ones after it), wrapping around.
    pub(super) fn next_unread(&mut self) {
        if let Some(page) = self.reader().map(|r| r.page) {
            let i = self.library.selected;
            let sections = self.reader().map_or(0, |r| r.briefing.sections.len());
            let read = |s: usize| self.entry_state(i).is_some_and(|st| st.section_read(s));
            // Sections after the one on screen (from the first on the cover).
            if let Some(s) = (page..sections).find(|&s| !read(s)) {
                if let Screen::Reader(r) = &mut self.screen {
                    r.go_to_page(s + 1);
                }
                return;
            }
        }
        let shown = self.library.shown();
        let at = shown
            .iter()
            .position(|&i| i == self.library.selected)
            .unwrap_or(0);
        let n = shown.len();
        let from = usize::from(self.reader().is_some());
        let next = (from..from + n)
            .map(|k| shown[(at + k) % n])
            .find(|&i| self.library.is_unread(i, &self.state));
        let Some(i) = next else {
            self.status = Some(t(Msg::AllRead).into());
            return;
        };
        if self.reader().is_some() {
            self.remember_position();
        }
        self.library.selected = i;
        self.last_viewed = None;
        self.open_selected();
        let first_unread = self.reader().and_then(|r| {
            let st = self.entry_state(i)?;
            (0..r.briefing.sections.len()).find(|&s| !st.section_read(s))
        });
        if let (Some(s), Screen::Reader(r)) = (first_unread, &mut self.screen)
            && r.page == 0
            && s > 0
        {
            r.go_to_page(s + 1);
        }
    }

    /// `A` in the library: every briefing that loaded, and all its
    /// sections, marked read.
    pub(super) fn mark_all_read(&mut self) {
        let mut marked = 0;
        for i in 0..self.library.items.len() {
            let Some(n) = self.library.items[i].meta.as_ref().map(|m| m.sections) else {
                continue;
            };
            if let Some(st) = self.entry_state_mut(i) {
                marked += usize::from(!st.read);
                st.read = true;
                for s in 0..n {
                    st.set_section_read(s, true);
                }
            }
        }
        self.status = Some(tf(Msg::AllMarkedRead, &[&marked]));
    }
}
