//! `yomu export` (in progress)
use std::path::{Path, PathBuf};
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A briefing file or a folder.
    pub path: Option<PathBuf>,
}
pub fn run(_args: &ExportArgs, _g: &super::GlobalOpts) -> u8 { 2 }
pub fn run_default(_p: Option<&Path>, _g: &super::GlobalOpts) -> u8 { 2 }
