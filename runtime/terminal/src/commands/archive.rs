//! `zip` and `unzip`: real ZIP archives (the `zip` crate, deflate), so a deployment package
//! built here is one Lambda can open, with Info-ZIP's messages (`  adding: app.py (deflated
//! 42%)`, `unzip -l`'s listing) and statuses (12 "nothing to do", 9 "cannot find").

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::Ctx;
use crate::vfs;

/// Every entry of an archive: (name, bytes, is directory).
pub(crate) fn read_entries(data: &[u8]) -> Result<Vec<(String, Vec<u8>, bool)>, String> {
    let mut archive = ZipArchive::new(Cursor::new(data)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        let name = f.name().map_err(|e| e.to_string())?.into_owned();
        out.push((name, bytes, f.is_dir()));
    }
    Ok(out)
}

/// Writes entries as a ZIP (files deflated, directories stored), dated at the course's
/// virtual start time so the same files always give the same archive and CodeSha256.
pub(crate) fn write_entries(entries: &[(String, Vec<u8>, bool)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let when = DateTime::from_date_and_time(2026, 1, 15, 12, 0, 0).unwrap_or_default();
    for (name, bytes, is_dir) in entries {
        if *is_dir {
            let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(when);
            let _ = writer.add_directory(name.trim_end_matches('/'), options);
        } else {
            // As Info-ZIP: a file deflate would not shrink is stored.
            let method = if deflated_len(bytes) < bytes.len() { CompressionMethod::Deflated } else { CompressionMethod::Stored };
            let options = SimpleFileOptions::default().compression_method(method).last_modified_time(when).unix_permissions(0o644);
            if writer.start_file(name.as_str(), options).is_ok() {
                let _ = writer.write_all(bytes);
            }
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// The size of `bytes` deflated at zip's default level.
fn deflated_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    if e.write_all(bytes).is_err() {
        return usize::MAX;
    }
    e.finish().map_or(usize::MAX, |v| v.len())
}

/// `zip [-r] [-j] [-q] archive paths...`.
pub(crate) fn zip(ctx: &mut Ctx) -> i32 {
    let mut recursive = false;
    let mut junk = false;
    let mut quiet = false;
    let mut operands = Vec::new();
    for a in ctx.args {
        if a.starts_with('-') && a.len() > 1 {
            for c in a[1..].chars() {
                match c {
                    'r' => recursive = true,
                    'j' => junk = true,
                    'q' => quiet = true,
                    '9' | '1'..='8' | 'X' | 'D' | 'y' => {}
                    other => {
                        ctx.io.err(format!("zip error: Invalid command arguments (no such option: {other})\n"));
                        return 16;
                    }
                }
            }
        } else {
            operands.push(a.clone());
        }
    }
    if operands.len() < 2 {
        ctx.io.err("\nzip error: Nothing to do! (".to_owned() + operands.first().map(String::as_str).unwrap_or("") + ")\n");
        return 12;
    }
    let mut archive_name = operands.remove(0);
    if !archive_name.contains('.') {
        archive_name.push_str(".zip");
    }
    let archive_path = ctx.path(&archive_name);
    let mut entries: Vec<(String, Vec<u8>, bool)> = match ctx.shell.vfs.read(&archive_path) {
        Ok(b) => read_entries(b).unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let mut added: Vec<(String, Vec<u8>, bool)> = Vec::new();
    let mut missing = Vec::new();
    for op in &operands {
        let path = ctx.path(op);
        let shown = op.trim_start_matches("./");
        if ctx.shell.vfs.is_file(&path) {
            if path == archive_path {
                continue;
            }
            let name = if junk { vfs::file_name(&path).to_owned() } else { shown.to_owned() };
            added.push((name, ctx.shell.vfs.read(&path).map(<[u8]>::to_vec).unwrap_or_default(), false));
        } else if ctx.shell.vfs.is_dir(&path) {
            let base = if shown == "." || shown.is_empty() { String::new() } else { format!("{}/", shown.trim_end_matches('/')) };
            if !base.is_empty() && !junk {
                added.push((base.clone(), Vec::new(), true));
            }
            if recursive {
                // Directories first as `zip -r` walks them, then their files.
                let mut subdirs: Vec<String> = Vec::new();
                for (p, bytes) in ctx.shell.vfs.walk(&path) {
                    if p == archive_path {
                        continue;
                    }
                    let rel = &p[path.len() + 1..];
                    let mut acc = String::new();
                    for part in rel.split('/').collect::<Vec<_>>().iter().rev().skip(1).rev() {
                        acc.push_str(part);
                        acc.push('/');
                        if !subdirs.contains(&acc) {
                            subdirs.push(acc.clone());
                            if !junk {
                                added.push((format!("{base}{acc}"), Vec::new(), true));
                            }
                        }
                    }
                    let name = if junk { vfs::file_name(p).to_owned() } else { format!("{base}{rel}") };
                    added.push((name, bytes.to_vec(), false));
                }
            }
        } else {
            missing.push(op.clone());
        }
    }
    for m in &missing {
        ctx.io.err(format!("\tzip warning: name not matched: {m}\n"));
    }
    if added.is_empty() {
        ctx.io.err(format!("\nzip error: Nothing to do! ({archive_name})\n"));
        return 12;
    }
    let mut lines = Vec::new();
    for (name, bytes, is_dir) in added {
        let verb = if entries.iter().any(|(n, _, _)| *n == name) { "updating" } else { "adding" };
        entries.retain(|(n, _, _)| *n != name);
        lines.push((verb, name.clone(), bytes.len(), is_dir));
        entries.push((name, bytes, is_dir));
    }
    let data = write_entries(&entries);
    // Compression ratios as the archive holds them.
    let sizes: Vec<(String, u64)> = ZipArchive::new(Cursor::new(&data))
        .map(|mut a| (0..a.len()).filter_map(|i| a.by_index_raw(i).ok().and_then(|f| Some((f.name().ok()?.into_owned(), f.compressed_size())))).collect())
        .unwrap_or_default();
    if let Err(e) = ctx.shell.vfs.write(&archive_path, data) {
        ctx.io.err(format!("zip I/O error: {e}\nzip error: Could not create output file ({archive_name})\n"));
        return 15;
    }
    if !quiet {
        let mut out = String::new();
        for (verb, name, len, is_dir) in lines {
            let compressed = sizes.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).unwrap_or(0) as usize;
            if is_dir || len == 0 {
                out.push_str(&format!("  {verb}: {name} (stored 0%)\n"));
            } else {
                let pct = if compressed >= len { 0 } else { ((len - compressed) as f64 * 100.0 / len as f64).round() as i64 };
                if pct == 0 {
                    out.push_str(&format!("  {verb}: {name} (stored 0%)\n"));
                } else {
                    out.push_str(&format!("  {verb}: {name} (deflated {pct}%)\n"));
                }
            }
        }
        ctx.io.out(out);
    }
    if missing.is_empty() { 0 } else { 12 }
}

/// `unzip [-l] [-o] [-q] archive [-d dir]`.
pub(crate) fn unzip(ctx: &mut Ctx) -> i32 {
    let mut list = false;
    let mut quiet = false;
    let mut dest = None;
    let mut archive = None;
    let mut i = 0;
    while i < ctx.args.len() {
        let a = &ctx.args[i];
        match a.as_str() {
            "-l" => list = true,
            "-o" | "-n" => {}
            "-q" | "-qq" => quiet = true,
            "-d" => {
                i += 1;
                dest = ctx.args.get(i).cloned();
            }
            _ => {
                if archive.is_none() {
                    archive = Some(a.clone());
                }
            }
        }
        i += 1;
    }
    let Some(name) = archive else {
        ctx.io.err("UnZip 6.00 of 20 April 2009, by Info-ZIP.\n\nUsage: unzip [-Z] [-opts[modifiers]] file[.zip] [list] [-x xlist] [-d exdir]\n");
        return 0;
    };
    let path = ctx.path(&name);
    let data = match ctx.shell.vfs.read(&path) {
        Ok(b) => b.to_vec(),
        Err(_) => {
            ctx.io.err(format!("unzip:  cannot find or open {name}, {name}.zip or {name}.ZIP.\n"));
            return 9;
        }
    };
    let entries = match read_entries(&data) {
        Ok(e) => e,
        Err(_) => {
            ctx.io.err(format!(
                "Archive:  {name}\n  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.  In the\n  latter case the central directory and zipfile comment will be found on\n  the last disk(s) of this archive.\nunzip:  cannot find zipfile directory in one of {name} or\n        {name}.zip, and cannot find {name}.ZIP, period.\n"
            ));
            return 9;
        }
    };
    if list {
        let mut out = format!("Archive:  {name}\n  Length      Date    Time    Name\n---------  ---------- -----   ----\n");
        let mut total = 0;
        for (n, b, _) in &entries {
            total += b.len();
            out.push_str(&format!("{:>9}  01-15-2026 12:00   {n}\n", b.len()));
        }
        let count = entries.len();
        out.push_str(&format!("---------                     -------\n{total:>9}                     {count} file{}\n", if count == 1 { "" } else { "s" }));
        ctx.io.out(out);
        return 0;
    }
    let base = dest.map(|d| ctx.path(&d)).unwrap_or_else(|| ctx.shell.cwd.clone());
    ctx.shell.vfs.mkdir_p(&base);
    let mut out = if quiet { String::new() } else { format!("Archive:  {name}\n") };
    for (n, b, is_dir) in entries {
        let target = vfs::resolve(&base, &n);
        if is_dir {
            ctx.shell.vfs.mkdir_p(&target);
            if !quiet {
                out.push_str(&format!("   creating: {n}\n"));
            }
        } else {
            ctx.shell.vfs.mkdir_p(vfs::parent(&target));
            let _ = ctx.shell.vfs.write(&target, b);
            if !quiet {
                out.push_str(&format!("  inflating: {n}\n"));
            }
        }
    }
    ctx.io.out(out);
    0
}
