//! File commands over the workspace, with GNU coreutils' messages and statuses.

use super::Ctx;
use crate::vfs::{self, FsError};

/// Splits `-abc` flags from operands (`--` ends flags).
fn flags_and_operands(args: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut operands = Vec::new();
    let mut done = false;
    for a in args {
        if !done && a == "--" {
            done = true;
        } else if !done && a.starts_with('-') && a.len() > 1 {
            flags.push_str(a.trim_start_matches('-'));
        } else {
            operands.push(a.clone());
        }
    }
    (flags, operands)
}

fn reason(e: &FsError) -> &'static str {
    match e {
        FsError::NotFound(_) => "No such file or directory",
        FsError::IsDir(_) => "Is a directory",
        FsError::NotDir(_) => "Not a directory",
        FsError::Exists(_) => "File exists",
        FsError::NotEmpty(_) => "Directory not empty",
    }
}

/// `cd [dir]`.
pub(crate) fn cd(ctx: &mut Ctx) -> i32 {
    let target = ctx.args.first().cloned().unwrap_or_else(|| vfs::HOME.to_owned());
    let target = if target == "-" { ctx.shell.vars.get("OLDPWD").cloned().unwrap_or_else(|| ctx.shell.cwd.clone()) } else { target };
    let path = ctx.path(&target);
    if ctx.shell.vfs.is_dir(&path) {
        let old = std::mem::replace(&mut ctx.shell.cwd, path.clone());
        ctx.shell.vars.insert("OLDPWD".into(), old);
        ctx.shell.vars.insert("PWD".into(), path);
        0
    } else {
        let why = if ctx.shell.vfs.is_file(&path) { "Not a directory" } else { "No such file or directory" };
        ctx.io.err(format!("bash: cd: {target}: {why}\n"));
        1
    }
}

/// `ls [-l] [-a] [-1] [paths]`.
pub(crate) fn ls(ctx: &mut Ctx) -> i32 {
    let (flags, mut operands) = flags_and_operands(ctx.args);
    let long = flags.contains('l');
    let all = flags.contains('a') || flags.contains('A');
    if operands.is_empty() {
        operands.push(".".into());
    }
    let mut status = 0;
    let many = operands.len() > 1;
    let mut first = true;
    let mut files_out = Vec::new();
    let mut dirs = Vec::new();
    for op in &operands {
        let path = ctx.path(op);
        if ctx.shell.vfs.is_file(&path) {
            files_out.push((op.clone(), path));
        } else if ctx.shell.vfs.is_dir(&path) {
            dirs.push((op.clone(), path));
        } else {
            ctx.io.err(format!("ls: cannot access '{op}': No such file or directory\n"));
            status = 2;
        }
    }
    let render = |ctx: &Ctx, entries: Vec<(String, String, bool)>| -> String {
        if long {
            let mut out = String::new();
            if !entries.is_empty() {
                let total: usize = entries.iter().map(|(_, p, d)| if *d { 4 } else { ctx.shell.vfs.read(p).map(|b| b.len().div_ceil(4096) * 4).unwrap_or(0) }).sum();
                out.push_str(&format!("total {total}\n"));
            }
            let width = entries.iter().map(|(_, p, d)| if *d { 4096 } else { ctx.shell.vfs.read(p).map(<[u8]>::len).unwrap_or(0) }.to_string().len()).max().unwrap_or(1);
            for (name, p, d) in entries {
                let size = if d { 4096 } else { ctx.shell.vfs.read(&p).map(<[u8]>::len).unwrap_or(0) };
                let mode = if d { "drwxr-xr-x" } else { "-rw-r--r--" };
                out.push_str(&format!("{mode} 1 learner learner {size:>width$} Jan 15 12:00 {name}\n"));
            }
            out
        } else if entries.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = entries.into_iter().map(|(n, _, _)| n).collect();
            let line = names.join("  ");
            if line.chars().count() <= 80 && !flags.contains('1') { format!("{line}\n") } else { names.iter().map(|n| format!("{n}\n")).collect() }
        }
    };
    if !files_out.is_empty() {
        let entries = files_out.into_iter().map(|(op, p)| (op, p, false)).collect();
        let text = render(ctx, entries);
        ctx.io.out(text);
        first = false;
    }
    for (op, path) in dirs {
        let mut entries: Vec<(String, String, bool)> = Vec::new();
        if all {
            entries.push((".".into(), path.clone(), true));
            entries.push(("..".into(), vfs::parent(&path).to_owned(), true));
        }
        for (name, is_dir) in ctx.shell.vfs.list(&path) {
            if !all && name.starts_with('.') {
                continue;
            }
            entries.push((name.clone(), vfs::resolve(&path, &name), is_dir));
        }
        if many {
            if !first {
                ctx.io.out("\n");
            }
            ctx.io.out(format!("{op}:\n"));
        }
        first = false;
        let text = render(ctx, entries);
        ctx.io.out(text);
    }
    status
}

/// `cat [files]` (standard input without operands).
pub(crate) fn cat(ctx: &mut Ctx) -> i32 {
    if ctx.args.is_empty() || ctx.args == ["-"] {
        let data = ctx.io.stdin.clone();
        ctx.io.out(data);
        return 0;
    }
    let mut status = 0;
    for a in ctx.args {
        let path = ctx.path(a);
        match ctx.shell.vfs.read(&path) {
            Ok(b) => {
                let b = b.to_vec();
                ctx.io.out(b);
            }
            Err(e) => {
                ctx.io.err(format!("cat: {a}: {}\n", reason(&e)));
                status = 1;
            }
        }
    }
    status
}

/// `head`/`tail [-n N] [file]`.
pub(crate) fn head_tail(ctx: &mut Ctx, head: bool) -> i32 {
    let name = if head { "head" } else { "tail" };
    let mut n = 10usize;
    let mut file = None;
    let mut i = 0;
    while i < ctx.args.len() {
        let a = &ctx.args[i];
        if a == "-n" {
            i += 1;
            n = ctx.args.get(i).and_then(|v| v.parse().ok()).unwrap_or(10);
        } else if let Some(v) = a.strip_prefix("-n").or_else(|| a.strip_prefix('-')).filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit())) {
            n = v.parse().unwrap_or(10);
        } else {
            file = Some(a.clone());
        }
        i += 1;
    }
    let data = match file {
        Some(f) => match ctx.shell.vfs.read(&ctx.path(&f)) {
            Ok(b) => b.to_vec(),
            Err(e) => {
                ctx.io.err(format!("{name}: cannot open '{f}' for reading: {}\n", reason(&e)));
                return 1;
            }
        },
        None => ctx.io.stdin.clone(),
    };
    let text = String::from_utf8_lossy(&data);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let picked: String = if head { lines.iter().take(n).copied().collect() } else { lines[lines.len().saturating_sub(n)..].concat() };
    ctx.io.out(picked);
    0
}

/// `mkdir [-p] dirs`.
pub(crate) fn mkdir(ctx: &mut Ctx) -> i32 {
    let (flags, operands) = flags_and_operands(ctx.args);
    if operands.is_empty() {
        ctx.io.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
        return 1;
    }
    let mut status = 0;
    for op in operands {
        let path = ctx.path(&op);
        if flags.contains('p') {
            if ctx.shell.vfs.is_file(&path) {
                ctx.io.err(format!("mkdir: cannot create directory '{op}': File exists\n"));
                status = 1;
            } else {
                ctx.shell.vfs.mkdir_p(&path);
            }
        } else if let Err(e) = ctx.shell.vfs.mkdir(&path) {
            ctx.io.err(format!("mkdir: cannot create directory '{op}': {}\n", reason(&e)));
            status = 1;
        }
    }
    status
}

/// `rm [-r] [-f] paths`.
pub(crate) fn rm(ctx: &mut Ctx) -> i32 {
    let (flags, operands) = flags_and_operands(ctx.args);
    let recursive = flags.contains('r') || flags.contains('R');
    let force = flags.contains('f');
    if operands.is_empty() && !force {
        ctx.io.err("rm: missing operand\nTry 'rm --help' for more information.\n");
        return 1;
    }
    let mut status = 0;
    for op in operands {
        let path = ctx.path(&op);
        match ctx.shell.vfs.remove(&path, recursive) {
            Ok(()) => {}
            Err(FsError::NotFound(_)) if force => {}
            Err(e) => {
                ctx.io.err(format!("rm: cannot remove '{op}': {}\n", reason(&e)));
                status = 1;
            }
        }
    }
    status
}

/// `rmdir dirs`.
pub(crate) fn rmdir(ctx: &mut Ctx) -> i32 {
    let mut status = 0;
    for op in ctx.args {
        let path = ctx.path(op);
        if let Err(e) = ctx.shell.vfs.rmdir(&path) {
            ctx.io.err(format!("rmdir: failed to remove '{op}': {}\n", reason(&e)));
            status = 1;
        }
    }
    status
}

/// `touch files`.
pub(crate) fn touch(ctx: &mut Ctx) -> i32 {
    let mut status = 0;
    for op in ctx.args {
        let path = ctx.path(op);
        if ctx.shell.vfs.is_file(&path) || ctx.shell.vfs.is_dir(&path) {
            continue;
        }
        if let Err(e) = ctx.shell.vfs.write(&path, Vec::new()) {
            ctx.io.err(format!("touch: cannot touch '{op}': {}\n", reason(&e)));
            status = 1;
        }
    }
    status
}

/// `cp [-r] src... dest` and `mv src... dest`.
pub(crate) fn cp_mv(ctx: &mut Ctx, mv: bool) -> i32 {
    let name = if mv { "mv" } else { "cp" };
    let (flags, mut operands) = flags_and_operands(ctx.args);
    let recursive = mv || flags.contains('r') || flags.contains('R') || flags.contains('a');
    if operands.len() < 2 {
        ctx.io.err(format!("{name}: missing file operand\nTry '{name} --help' for more information.\n"));
        return 1;
    }
    let dest_op = operands.pop().unwrap_or_default();
    let dest = ctx.path(&dest_op);
    let dest_is_dir = ctx.shell.vfs.is_dir(&dest);
    if operands.len() > 1 && !dest_is_dir {
        ctx.io.err(format!("{name}: target '{dest_op}': Not a directory\n"));
        return 1;
    }
    let mut status = 0;
    for op in operands {
        let src = ctx.path(&op);
        let target = if dest_is_dir { vfs::resolve(&dest, vfs::file_name(&src)) } else { dest.clone() };
        if ctx.shell.vfs.is_file(&src) {
            let bytes = ctx.shell.vfs.read(&src).map(<[u8]>::to_vec).unwrap_or_default();
            if let Err(e) = ctx.shell.vfs.write(&target, bytes) {
                ctx.io.err(format!("{name}: cannot create regular file '{dest_op}': {}\n", reason(&e)));
                status = 1;
                continue;
            }
            if mv {
                let _ = ctx.shell.vfs.remove(&src, false);
            }
        } else if ctx.shell.vfs.is_dir(&src) {
            if !recursive {
                ctx.io.err(format!("cp: -r not specified; omitting directory '{op}'\n"));
                status = 1;
                continue;
            }
            let files: Vec<(String, Vec<u8>)> = ctx.shell.vfs.walk(&src).into_iter().map(|(p, b)| (p.to_owned(), b.to_vec())).collect();
            ctx.shell.vfs.mkdir_p(&target);
            for (p, b) in files {
                let t = format!("{target}{}", &p[src.len()..]);
                ctx.shell.vfs.mkdir_p(vfs::parent(&t));
                let _ = ctx.shell.vfs.write(&t, b);
            }
            if mv {
                let _ = ctx.shell.vfs.remove(&src, true);
            }
        } else {
            let verb = if mv { "cannot stat" } else { "cannot stat" };
            ctx.io.err(format!("{name}: {verb} '{op}': No such file or directory\n"));
            status = 1;
        }
    }
    status
}
