//! One module per subcommand: its arguments and what it does with them.

pub mod build;
pub mod check;
pub mod export;
pub mod lab;
pub mod serve;
pub mod shell;
