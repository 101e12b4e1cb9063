//! The integration tests, as one test binary (one link instead of one per
//! file, as ripgrep's `tests/tests.rs`). Each module is one area; the
//! harness they share is `tests/common` (also usable by a test file of
//! its own at the top of `tests/`).

#[path = "../common/mod.rs"]
mod common;

mod aozora;
mod aozora_notes;
mod archive;
mod articles;
mod check;
mod check_files;
mod check_ja;
mod comfort;
mod comfort_cli;
mod e2e_comfort;
mod e2e_tmux;
mod e2e_truth;
mod export_cli;
mod feed_corpus;
mod feed_fidelity;
mod feeds;
mod hostile;
mod index_props;
mod jlreq;
mod keys;
mod layout_props;
mod reader_comfort;
mod ready;
mod robustness;
mod search_cli;
mod search_index;
mod search_view;
mod tategaki;
mod terminal_truth;
mod trust;
mod view;
mod webpages;
