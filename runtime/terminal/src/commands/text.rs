//! Text commands: `echo`, `printf`, `base64`, and the shell's `export`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::Ctx;

/// `echo [-n] [-e] args`.
pub(crate) fn echo(ctx: &mut Ctx) -> i32 {
    let mut newline = true;
    let mut escapes = false;
    let mut args = ctx.args;
    while let Some(first) = args.first() {
        match first.as_str() {
            "-n" => newline = false,
            "-e" => escapes = true,
            "-E" => escapes = false,
            "-ne" | "-en" => {
                newline = false;
                escapes = true;
            }
            _ => break,
        }
        args = &args[1..];
    }
    let mut text = args.join(" ");
    if escapes {
        text = unescape(&text);
    }
    if newline {
        text.push('\n');
    }
    ctx.io.out(text);
    0
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `printf FORMAT [args]`: `%s`, `%d`, `%%` and backslash escapes; the format is reused
/// while arguments remain, as in bash.
pub(crate) fn printf(ctx: &mut Ctx) -> i32 {
    let Some(format) = ctx.args.first() else {
        ctx.io.err("printf: usage: printf [-v var] format [arguments]\n");
        return 2;
    };
    let format = unescape(format);
    let mut args = ctx.args[1..].iter();
    let mut out = String::new();
    loop {
        let mut consumed = false;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('%') => out.push('%'),
                Some('s') => {
                    consumed = true;
                    out.push_str(args.next().map(String::as_str).unwrap_or(""));
                }
                Some('d') => {
                    consumed = true;
                    out.push_str(&args.next().and_then(|a| a.parse::<i64>().ok()).unwrap_or(0).to_string());
                }
                Some(o) => {
                    out.push('%');
                    out.push(o);
                }
                None => out.push('%'),
            }
        }
        if !consumed || args.len() == 0 {
            break;
        }
    }
    ctx.io.out(out);
    0
}

/// `base64 [-d] [-w COLS] [file]`.
pub(crate) fn base64(ctx: &mut Ctx) -> i32 {
    let mut decode = false;
    let mut wrap = 76usize;
    let mut file = None;
    let mut i = 0;
    while i < ctx.args.len() {
        match ctx.args[i].as_str() {
            "-d" | "--decode" => decode = true,
            "-w" => {
                i += 1;
                wrap = ctx.args.get(i).and_then(|v| v.parse().ok()).unwrap_or(76);
            }
            a if a.starts_with("-w") => wrap = a[2..].parse().unwrap_or(76),
            a if a.starts_with("--wrap=") => wrap = a[7..].parse().unwrap_or(76),
            a => file = Some(a.to_owned()),
        }
        i += 1;
    }
    let data = match &file {
        Some(f) if f != "-" => match ctx.shell.vfs.read(&ctx.path(f)) {
            Ok(b) => b.to_vec(),
            Err(_) => {
                ctx.io.err(format!("base64: {f}: No such file or directory\n"));
                return 1;
            }
        },
        _ => ctx.io.stdin.clone(),
    };
    if decode {
        let text: String = String::from_utf8_lossy(&data).chars().filter(|c| !c.is_whitespace()).collect();
        match STANDARD.decode(text.as_bytes()) {
            Ok(bytes) => {
                ctx.io.out(bytes);
                0
            }
            Err(_) => {
                ctx.io.err("base64: invalid input\n");
                1
            }
        }
    } else {
        let encoded = STANDARD.encode(&data);
        let mut out = String::new();
        if wrap == 0 {
            out.push_str(&encoded);
        } else {
            for (i, chunk) in encoded.as_bytes().chunks(wrap).enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&String::from_utf8_lossy(chunk));
            }
        }
        if !encoded.is_empty() {
            out.push('\n');
        }
        ctx.io.out(out);
        0
    }
}

/// `export [NAME[=value]...]` (without arguments, lists the exported variables).
pub(crate) fn export(ctx: &mut Ctx) -> i32 {
    let names: Vec<String> = ctx.args.iter().filter(|a| *a != "-p").cloned().collect();
    if names.is_empty() {
        let lines: String = ctx.shell.exported.iter().map(|k| format!("declare -x {k}=\"{}\"\n", ctx.shell.vars.get(k).cloned().unwrap_or_default())).collect();
        ctx.io.out(lines);
        return 0;
    }
    let mut status = 0;
    for a in names {
        let (name, value) = match a.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (a.clone(), None),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || name.starts_with(|c: char| c.is_ascii_digit()) {
            ctx.io.err(format!("bash: export: `{a}': not a valid identifier\n"));
            status = 1;
            continue;
        }
        if let Some(v) = value {
            ctx.shell.vars.insert(name.clone(), v);
        }
        ctx.shell.exported.insert(name);
    }
    status
}
