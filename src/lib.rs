//! The `treaty` command line: argument handling, input, and text renderings.
//!
//! The binary's `main` only calls [`cli::main`]; the renderers live here so tests can
//! snapshot them without running a process.

pub mod akn;
pub mod annotations;
pub mod carry;
pub mod check;
pub mod cli;
pub mod diagnostics;
pub mod diffing;
pub mod diffview;
pub mod export;
pub mod fsio;
pub mod history;
pub mod import;
pub mod input;
pub mod lineage;
pub mod project;
pub mod redline;
pub mod render;
pub mod show;
pub mod view;
pub mod xref;
