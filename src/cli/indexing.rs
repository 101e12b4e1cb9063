//! The search index ([`crate::index`]) from the command line: the progress
//! bar of a long index build (on stderr when it is a terminal), shared by
//! `yomu search` and `yomu sync`, and the update `yomu sync` runs on the
//! library it wrote into ([`crate::refresh`]), so the next search finds the
//! index up to date and the next reader the listing cache.
//!
//! That update is a courtesy, never a failure of the sync: an index that
//! cannot be opened or written (no cache folder, another yomu updating it,
//! a full disk) costs one line on stderr, and the next search brings it up
//! to date itself.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// Files to index before a bar is worth showing.
const BAR_FROM: usize = 200;

/// The index build's progress bar: on stderr when it is a terminal, for
/// builds of at least [`BAR_FROM`] files.
#[derive(Default)]
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// `done` of `total` files indexed.
    pub fn show(&mut self, done: usize, total: usize) {
        if self.bar.is_none() && total >= BAR_FROM && io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template(
                "indexing {pos}/{len} briefings {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    /// The build ended: the bar goes.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Bring the listing cache and the index of folder `dir` up to date after
/// a sync wrote into it ([`crate::refresh::after_write`]), with a progress
/// bar on a terminal; when that cannot be done, one line on stderr says
/// why (the sync still succeeded).
pub fn update_after_sync(dir: &Path) {
    let mut bar = Progress::default();
    let result = crate::refresh::after_write(dir, &mut |done, total| bar.show(done, total));
    bar.finish();
    if let Err(e) = result {
        let line = crate::i18n::tf(crate::i18n::Msg::CliIndexNotUpdated, &[&e]);
        let _ = writeln!(io::stderr(), "yomu: {line}");
    }
}
