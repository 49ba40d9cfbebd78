//! The high-level `aws s3` commands: `ls`, `cp`, `mv`, `rm`, `mb`, `rb`, printing what the
//! CLI prints (`upload: ./a.txt to s3://b/a.txt`, `make_bucket: b`, the `ls` columns) and
//! exiting as it does (1 when a transfer failed, 254 for a service error outside transfers).

use serde_json::{Value, json};

use super::configure::Settings;
use super::format::iso_timestamp;
use super::{RC_GENERAL, RC_SERVICE, USAGE, bytes_of, bytes_value, write_error};
use crate::shell::exec::{Io, Shell};
use crate::vfs;
use crate::{Backend, ServiceError};

/// The subcommands simulated.
pub(crate) const COMMANDS: [&str; 6] = ["cp", "ls", "mb", "mv", "rb", "rm"];

fn split_s3(uri: &str) -> Option<(String, String)> {
    let rest = uri.strip_prefix("s3://")?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    Some((bucket.to_owned(), key.to_owned()))
}

fn client_error(op: &str, e: &ServiceError) -> String {
    format!("An error occurred ({}) when calling the {op} operation: {}", e.code, e.message)
}

fn last_modified(v: &Value) -> String {
    let ms = v.get("$timestamp").and_then(Value::as_i64).unwrap_or(0);
    let iso = iso_timestamp(ms);
    format!("{} {}", &iso[..10], &iso[11..19])
}

/// `aws s3 <command> ...`.
pub(crate) fn run(shell: &mut Shell, args: &[String], _settings: &Settings, io: &mut Io, backend: &mut dyn Backend) -> i32 {
    let command = args[0].as_str();
    let recursive = args.iter().any(|a| a == "--recursive" || a == "-r");
    let force = args.iter().any(|a| a == "--force");
    let positional: Vec<&String> = args[1..].iter().filter(|a| !a.starts_with("--")).collect();
    let unknown: Vec<&String> = args[1..].iter().filter(|a| a.starts_with("--") && !["--recursive", "--force"].contains(&a.as_str())).collect();
    if !unknown.is_empty() {
        io.err(format!("\nusage: {USAGE}\n"));
        write_error(io, &format!("Unknown options: {}", unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        return super::RC_USAGE;
    }
    match command {
        "help" => {
            io.out("S3()\n\nAVAILABLE COMMANDS\n       o cp\n\n       o ls\n\n       o mb\n\n       o mv\n\n       o rb\n\n       o rm\n\n");
            0
        }
        "ls" => ls(positional.first().map(|s| s.as_str()), recursive, io, backend),
        "mb" | "rb" => {
            let Some(path) = positional.first() else {
                return super::usage_error(io, "the following arguments are required: path");
            };
            // The CLI's MbCommand/RbCommand checks.
            let Some((bucket, key)) = split_s3(path) else {
                return super::param_error(io, "<S3Uri>\nError: Invalid argument type");
            };
            if command == "rb" && !key.is_empty() {
                return super::param_error(io, &format!("Please specify a valid bucket name only. E.g. s3://{bucket}"));
            }
            if command == "mb" {
                match backend.call("s3", "CreateBucket", &json!({"Bucket": bucket})) {
                    Ok(_) => {
                        io.out(format!("make_bucket: {bucket}\n"));
                        0
                    }
                    Err(e) => {
                        io.err(format!("make_bucket failed: {path} {}\n", client_error("CreateBucket", &e)));
                        1
                    }
                }
            } else {
                if force {
                    let _ = rm(&format!("s3://{bucket}/"), true, io, backend);
                }
                match backend.call("s3", "DeleteBucket", &json!({"Bucket": bucket})) {
                    Ok(_) => {
                        io.out(format!("remove_bucket: {bucket}\n"));
                        0
                    }
                    Err(e) => {
                        io.err(format!("remove_bucket failed: {path} {}\n", client_error("DeleteBucket", &e)));
                        1
                    }
                }
            }
        }
        "rm" => {
            let Some(path) = positional.first() else {
                return super::usage_error(io, "the following arguments are required: paths");
            };
            rm(path, recursive, io, backend)
        }
        "cp" | "mv" => {
            let (Some(src), Some(dst)) = (positional.first(), positional.get(1)) else {
                return super::usage_error(io, "the following arguments are required: paths");
            };
            copy(shell, src, dst, recursive, command == "mv", io, backend)
        }
        _ => 0,
    }
}

fn ls(path: Option<&str>, recursive: bool, io: &mut Io, backend: &mut dyn Backend) -> i32 {
    let Some(path) = path.filter(|p| *p != "s3://") else {
        return match backend.call("s3", "ListBuckets", &json!({})) {
            Ok(r) => {
                for b in r["Buckets"].as_array().into_iter().flatten() {
                    io.out(format!("{} {}\n", last_modified(&b["CreationDate"]), b["Name"].as_str().unwrap_or("")));
                }
                0
            }
            Err(e) => {
                write_error(io, &client_error("ListBuckets", &e));
                RC_SERVICE
            }
        };
    };
    let (bucket, prefix) = split_s3(path).unwrap_or((path.to_owned(), String::new()));
    let mut params = json!({"Bucket": bucket, "Prefix": prefix});
    if !recursive {
        params["Delimiter"] = json!("/");
    }
    match backend.call("s3", "ListObjectsV2", &params) {
        Ok(r) => {
            let base = prefix.rfind('/').map_or(0, |i| i + 1);
            for p in r["CommonPrefixes"].as_array().into_iter().flatten() {
                let full = p["Prefix"].as_str().unwrap_or("");
                let shown = full.get(base..).unwrap_or(full).trim_end_matches('/');
                io.out(format!("{:>30} {shown}/\n", "PRE"));
            }
            for o in r["Contents"].as_array().into_iter().flatten() {
                let key = o["Key"].as_str().unwrap_or("");
                let shown = if recursive { key } else { key.get(base..).unwrap_or(key) };
                io.out(format!("{} {:>10} {shown}\n", last_modified(&o["LastModified"]), o["Size"].as_i64().unwrap_or(0)));
            }
            0
        }
        Err(e) => {
            write_error(io, &client_error("ListObjectsV2", &e));
            RC_SERVICE
        }
    }
}

fn rm(path: &str, recursive: bool, io: &mut Io, backend: &mut dyn Backend) -> i32 {
    let Some((bucket, key)) = split_s3(path) else {
        return super::param_error(io, "usage: aws s3 rm <S3Uri>\nError: Invalid argument type");
    };
    let keys: Vec<String> = if recursive {
        match backend.call("s3", "ListObjectsV2", &json!({"Bucket": bucket, "Prefix": key})) {
            Ok(r) => r["Contents"].as_array().into_iter().flatten().filter_map(|o| o["Key"].as_str().map(str::to_owned)).collect(),
            Err(e) => {
                io.err(format!("fatal error: {}\n", client_error("ListObjectsV2", &e)));
                return 1;
            }
        }
    } else {
        vec![key]
    };
    let mut status = 0;
    for k in keys {
        match backend.call("s3", "DeleteObject", &json!({"Bucket": bucket, "Key": k})) {
            Ok(_) => io.out(format!("delete: s3://{bucket}/{k}\n")),
            Err(e) => {
                io.err(format!("delete failed: s3://{bucket}/{k} {}\n", client_error("DeleteObject", &e)));
                status = 1;
            }
        }
    }
    status
}

/// A local path as the CLI's `relative_path` shows it: the folder relative to the working
/// directory, then the name (`./notes.txt`, `site/css/main.css`, `../x.txt`).
fn shown_local(cwd: &str, p: &str) -> String {
    let abs = vfs::resolve(cwd, p);
    let (dir, name) = (vfs::parent(&abs), vfs::file_name(&abs));
    let parts = |s: &str| s.split('/').filter(|c| !c.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let (from, to) = (parts(cwd), parts(dir));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<String> = std::iter::repeat_n("..".to_owned(), from.len() - common).collect();
    rel.extend(to[common..].iter().cloned());
    let rel = if rel.is_empty() { ".".to_owned() } else { rel.join("/") };
    format!("{rel}/{name}")
}

/// `aws s3 cp s3://b/prefix DIR --recursive`: every object under `prefix/` into `DIR`.
fn download_tree(shell: &mut Shell, bucket: &str, key: &str, dst: &str, mv: bool, io: &mut Io, backend: &mut dyn Backend) -> i32 {
    let prefix = if key.is_empty() || key.ends_with('/') { key.to_owned() } else { format!("{key}/") };
    let listing = match backend.call("s3", "ListObjectsV2", &json!({"Bucket": bucket, "Prefix": prefix})) {
        Ok(r) => r,
        Err(e) => {
            io.err(format!("fatal error: {}\n", client_error("ListObjectsV2", &e)));
            return 1;
        }
    };
    let root = vfs::resolve(&shell.cwd, dst);
    let mut status = 0;
    for o in listing["Contents"].as_array().into_iter().flatten() {
        let k = o["Key"].as_str().unwrap_or_default();
        let Some(rel) = k.strip_prefix(prefix.as_str()).filter(|r| !r.is_empty() && !r.ends_with('/')) else { continue };
        let target = vfs::resolve(&root, rel);
        let verb = if mv { "move" } else { "download" };
        match backend.call("s3", "GetObject", &json!({"Bucket": bucket, "Key": k})) {
            Ok(r) => {
                shell.vfs.mkdir_p(vfs::parent(&target));
                let _ = shell.vfs.write(&target, bytes_of(&r["Body"]).unwrap_or_default());
                io.out(format!("{verb}: s3://{bucket}/{k} to {}\n", shown_local(&shell.cwd, &target)));
                if mv {
                    let _ = backend.call("s3", "DeleteObject", &json!({"Bucket": bucket, "Key": k}));
                }
            }
            Err(e) => {
                io.err(format!("{verb} failed: s3://{bucket}/{k} to {} {}\n", shown_local(&shell.cwd, &target), client_error("GetObject", &e)));
                status = 1;
            }
        }
    }
    status
}

fn copy(shell: &mut Shell, src: &str, dst: &str, recursive: bool, mv: bool, io: &mut Io, backend: &mut dyn Backend) -> i32 {
    let verb = |kind: &str| if mv { kind.replace("upload", "move").replace("download", "move").replace("copy", "move") } else { kind.to_owned() };
    match (split_s3(src), split_s3(dst)) {
        (None, Some((bucket, key))) => {
            let local = vfs::resolve(&shell.cwd, src);
            let files: Vec<(String, String)> = if recursive {
                shell.vfs.walk(&local).into_iter().map(|(p, _)| (p.to_owned(), p[local.len() + 1..].to_owned())).collect()
            } else {
                if !shell.vfs.is_file(&local) {
                    write_error(io, &format!("The user-provided path {src} does not exist."));
                    return RC_GENERAL;
                }
                vec![(local.clone(), vfs::file_name(&local).to_owned())]
            };
            let mut status = 0;
            for (path, rel) in files {
                let target = if recursive || key.is_empty() || key.ends_with('/') { format!("{}{rel}", if key.is_empty() || key.ends_with('/') { key.clone() } else { format!("{key}/") }) } else { key.clone() };
                let body = shell.vfs.read(&path).map(<[u8]>::to_vec).unwrap_or_default();
                let shown = shown_local(&shell.cwd, &path);
                match backend.call("s3", "PutObject", &json!({"Bucket": bucket, "Key": target, "Body": bytes_value(&body)})) {
                    Ok(_) => {
                        io.out(format!("{}: {shown} to s3://{bucket}/{target}\n", verb("upload")));
                        if mv {
                            let _ = shell.vfs.remove(&path, false);
                        }
                    }
                    Err(e) => {
                        io.err(format!("{} failed: {shown} to s3://{bucket}/{target} {}\n", verb("upload"), client_error("PutObject", &e)));
                        status = 1;
                    }
                }
            }
            status
        }
        (Some((bucket, key)), None) if recursive => download_tree(shell, &bucket, &key, dst, mv, io, backend),
        (Some((bucket, key)), None) if dst == "-" => match backend.call("s3", "GetObject", &json!({"Bucket": bucket, "Key": key})) {
            // `-` is standard output: the object's bytes, no result line.
            Ok(r) => {
                io.out(bytes_of(&r["Body"]).unwrap_or_default());
                0
            }
            Err(e) => {
                io.err(format!("download failed: s3://{bucket}/{key} to - {}\n", client_error("GetObject", &e)));
                1
            }
        },
        (Some((bucket, key)), None) => {
            let local = vfs::resolve(&shell.cwd, dst);
            let target = if shell.vfs.is_dir(&local) || dst.ends_with('/') { vfs::resolve(&local, vfs::file_name(&key)) } else { local };
            match backend.call("s3", "GetObject", &json!({"Bucket": bucket, "Key": key})) {
                Ok(r) => {
                    let body = bytes_of(&r["Body"]).unwrap_or_default();
                    shell.vfs.mkdir_p(vfs::parent(&target));
                    let _ = shell.vfs.write(&target, body);
                    let shown = shown_local(&shell.cwd, &target);
                    io.out(format!("{}: s3://{bucket}/{key} to {shown}\n", verb("download")));
                    if mv {
                        let _ = backend.call("s3", "DeleteObject", &json!({"Bucket": bucket, "Key": key}));
                    }
                    0
                }
                Err(e) => {
                    let op = if e.code == "404" || e.code == "NoSuchKey" { "HeadObject" } else { "GetObject" };
                    let message = if op == "HeadObject" { "An error occurred (404) when calling the HeadObject operation: Key \"".to_owned() + &key + "\" does not exist" } else { client_error(op, &e) };
                    io.err(format!("fatal error: {message}\n"));
                    1
                }
            }
        }
        (Some((sb, sk)), Some((db, dk))) => {
            let target = if dk.is_empty() || dk.ends_with('/') { format!("{dk}{}", vfs::file_name(&sk)) } else { dk };
            match backend.call("s3", "CopyObject", &json!({"Bucket": db, "Key": target, "CopySource": format!("{sb}/{sk}")})) {
                Ok(_) => {
                    io.out(format!("{}: s3://{sb}/{sk} to s3://{db}/{target}\n", verb("copy")));
                    if mv {
                        let _ = backend.call("s3", "DeleteObject", &json!({"Bucket": sb, "Key": sk}));
                    }
                    0
                }
                Err(e) => {
                    io.err(format!("{} failed: s3://{sb}/{sk} to s3://{db}/{target} {}\n", verb("copy"), client_error("CopyObject", &e)));
                    1
                }
            }
        }
        (None, None) => {
            let cmd = if mv { "mv" } else { "cp" };
            super::param_error(io, &format!("usage: aws s3 {cmd} <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\nError: Invalid argument type"))
        }
    }
}
