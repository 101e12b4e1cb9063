//! yomu: a terminal reader for news briefings written in TOML.
//!
//! Data flows one way: a TOML file is parsed and validated into a
//! [`briefing::Briefing`]; [`layout`] turns it into lines at a width, using the
//! Japanese-aware rules of [`text`]; [`export`] writes those lines (or the
//! model) as text, Markdown or JSON, and [`tui`] draws them interactively.
//! [`vertical`] turns a laid-out page into columns for vertical writing.
//! The core (`briefing`, `library`, `text`, `layout`, `vertical`, `export`,
//! `search`, `index`) has no terminal code.

pub mod briefing;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod export;
pub mod feeds;
pub mod folder;
pub mod fsutil;
pub mod i18n;
pub mod index;
pub mod launch;
pub mod layout;
pub mod library;
pub mod links;
pub mod listing;
pub mod names;
pub mod notify;
pub mod parallel;
pub mod paths;
pub mod reading;
pub mod refresh;
pub mod samples;
pub mod search;
pub mod state;
pub mod synth;
pub mod text;
pub mod tui;
pub mod vertical;
pub mod webpage;
