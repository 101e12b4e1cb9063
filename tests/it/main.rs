//! The integration tests, as one test binary (one link instead of one per
//! file, as ripgrep's `tests/tests.rs`). Each module is one area; the
//! harness they share is `tests/common` (also usable by a test file of
//! its own at the top of `tests/`).

#[path = "../common/mod.rs"]
mod common;

mod aozora;
mod aozora_notes;
mod article_screen;
mod articles;
mod check;
mod check_files;
mod check_ja;
mod cli_config;
mod cli_errors;
mod cli_japanese;
mod cli_manual;
mod cli_output;
mod config_keys;
mod docs;
mod export_cli;
mod export_golden;
mod feeds;
mod feeds_corpus;
mod feeds_day;
mod feeds_fidelity;
mod feeds_hostile;
mod first_launch;
mod hostile;
mod index_props;
mod jlreq;
mod layout_props;
mod library_scale;
mod plain_reader;
mod reader_interface;
mod reader_keys;
mod reader_state;
mod reader_view;
mod ruby_vertical;
mod scan_props;
mod search_cli;
mod search_index;
mod search_view;
mod state_db;
mod terminal_frames;
mod tmux_cursor_idle;
mod tmux_frames;
mod tmux_reader;
mod tmux_reload;
mod webpages;
