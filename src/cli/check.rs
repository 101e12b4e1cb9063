//! `yomu check` (in progress)
use std::path::PathBuf;
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Briefing files or folders to validate.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}
pub fn run(_args: &CheckArgs, _g: &super::GlobalOpts) -> u8 { 2 }
