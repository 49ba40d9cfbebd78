//! Selects the standard-library modules a Lambda handler needs from RustPython's own `Lib/`
//! (the `rustpython-pylib` package) and freezes only those into the binary.
//!
//! All of `Lib/` would add ~8 MB to the browser bundle; handlers need json, base64,
//! urllib.parse, datetime, decimal, re, logging, uuid, hashlib, csv, dataclasses, typing… and
//! what those import. The list is here, in one place, and the files come from the package at
//! build time, so nothing of CPython's library is copied into this repository.

use std::path::{Path, PathBuf};

/// Modules (file stems relative to `Lib/`, packages as `pkg/__init__`) frozen into the runtime.
const STDLIB: &[&str] = &[
    // what learners import directly
    "base64", "bisect", "calendar", "collections/__init__", "contextlib", "copy", "csv",
    "dataclasses", "datetime", "decimal", "enum", "fnmatch", "fractions", "functools", "hashlib",
    "heapq", "hmac", "io", "ipaddress", "json/__init__", "json/decoder", "json/encoder",
    "json/scanner", "logging/__init__", "numbers", "operator", "os", "pprint", "random",
    "re/__init__", "re/_casefix", "re/_compiler", "re/_constants", "re/_parser", "secrets",
    "shlex", "statistics", "string/__init__", "struct", "textwrap", "traceback", "typing",
    "urllib/__init__", "urllib/parse", "uuid",
    // what those import
    "__future__", "_collections_abc", "_colorize", "_opcode_metadata", "_py_warnings",
    "_pydatetime", "_pydecimal", "_weakrefset", "abc", "annotationlib", "ast", "codeop",
    "contextvars", "copyreg", "dis", "genericpath", "importlib/__init__", "importlib/_abc",
    "importlib/_bootstrap", "importlib/_bootstrap_external", "importlib/machinery", "inspect",
    "keyword", "linecache", "locale", "opcode", "platform", "posixpath", "reprlib", "stat",
    "threading", "token", "tokenize", "types", "warnings", "weakref",
];

fn main() {
    let lib = Path::new(rustpython_pylib::LIB_PATH);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("pylib");
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("clear OUT_DIR/pylib");
    }
    for module in STDLIB {
        let from = lib.join(format!("{module}.py"));
        let to = out.join(format!("{module}.py"));
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("copying {}: {e}", from.display()));
    }
    let frozen = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("frozen_stdlib.rs");
    std::fs::write(
        &frozen,
        format!(
            "/// The selected standard library, compiled to bytecode.\n\
             pub(crate) const STDLIB: &::rustpython_vm::frozen::FrozenLib = \
             ::rustpython_vm::py_freeze!(dir = {:?});\n",
            out.display().to_string()
        ),
    )
    .unwrap();
    println!("cargo::rerun-if-changed=build.rs");
    // Our own Python is frozen by `py_freeze!` in interpreter.rs; a proc macro cannot tell
    // cargo to watch a folder, so this build script does.
    println!("cargo::rerun-if-changed=python");
}
