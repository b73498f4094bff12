//! The `treaty` command line and the terminal viewer. Everything else lives in the
//! library crates under `crates/`: this package resolves arguments into calls to them,
//! maps outcomes to exit codes, and draws the viewer.

pub mod cli;
mod cmd;
pub mod view;

pub use cmd::view::load_dir as view_data;
