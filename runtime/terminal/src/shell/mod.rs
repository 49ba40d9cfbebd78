//! The shell: [`parse`] turns a command line into a script, [`exec`] runs it.

pub mod exec;
pub mod parse;
