//! The shell: `lex` and [`parse`] turn a command line into a script, [`exec`] runs it.

pub mod exec;
mod lex;
pub mod parse;
