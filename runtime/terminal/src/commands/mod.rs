//! The commands the terminal has: `aws`, the shell's own (`cd`, `export`, `echo`…), and the
//! file tools the course types (`ls`, `cat`, `mkdir`, `rm`, `zip`, `unzip`, `base64`, `jq`).
//! Messages and exit statuses are those of bash, GNU coreutils, Info-ZIP and jq.

mod archive;
mod files;
mod jq;
mod text;

use std::collections::BTreeMap;

use crate::Backend;
use crate::output::Output;
use crate::shell::exec::{Io, Shell};

/// What a command gets: the shell, its arguments (without the name), its environment and I/O.
pub(crate) struct Ctx<'a> {
    /// The shell (workspace, working directory, variables).
    pub(crate) shell: &'a mut Shell,
    /// Arguments after the command name.
    pub(crate) args: &'a [String],
    /// The command's environment.
    pub(crate) env: &'a BTreeMap<String, String>,
    /// Standard streams.
    pub(crate) io: &'a mut Io,
}

impl Ctx<'_> {
    /// An absolute path for an argument.
    pub(crate) fn path(&self, p: &str) -> String {
        crate::vfs::resolve(&self.shell.cwd, p)
    }
}

/// Runs the command `argv[0]`.
pub(crate) fn run(shell: &mut Shell, argv: &[String], env: &BTreeMap<String, String>, io: &mut Io, backend: &mut dyn Backend, output: &mut Output) -> i32 {
    let name = argv[0].as_str();
    let args = &argv[1..];
    if name == "aws" {
        let model = shell.model.clone();
        return crate::aws::run(shell, args, env, io, backend, &model);
    }
    let mut ctx = Ctx { shell, args, env, io };
    match name {
        "cd" => files::cd(&mut ctx),
        "pwd" => {
            let cwd = ctx.shell.cwd.clone();
            ctx.io.out(format!("{cwd}\n"));
            0
        }
        "ls" => files::ls(&mut ctx),
        "cat" => files::cat(&mut ctx),
        "head" | "tail" => files::head_tail(&mut ctx, name == "head"),
        "mkdir" => files::mkdir(&mut ctx),
        "rm" => files::rm(&mut ctx),
        "rmdir" => files::rmdir(&mut ctx),
        "touch" => files::touch(&mut ctx),
        "cp" | "mv" => files::cp_mv(&mut ctx, name == "mv"),
        "echo" => text::echo(&mut ctx),
        "printf" => text::printf(&mut ctx),
        "base64" => text::base64(&mut ctx),
        "jq" => jq::run(&mut ctx),
        "zip" => archive::zip(&mut ctx),
        "unzip" => archive::unzip(&mut ctx),
        "export" => text::export(&mut ctx),
        "unset" => {
            for a in ctx.args {
                ctx.shell.vars.remove(a);
                ctx.shell.exported.remove(a);
            }
            0
        }
        "env" => {
            let lines: String = ctx.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
            ctx.io.out(lines);
            0
        }
        "true" => 0,
        "false" => 1,
        "clear" => {
            output.clear = true;
            output.chunks.clear();
            0
        }
        "history" => 0,
        "help" => {
            ctx.io.out(HELP);
            0
        }
        _ => {
            ctx.io.err(format!("bash: {name}: command not found\n"));
            127
        }
    }
}

const HELP: &str = "\
This terminal runs in your browser against the course's simulated AWS cloud.

  aws ...                  the AWS CLI v2: aws lambda, iam, sts, s3, s3api, sqs, sns, dynamodb,
                           aws configure; add `help` to any command for its options
  ls cat head tail         look at files          cd pwd mkdir rm rmdir touch cp mv
  echo printf              print text (with > file, >> file, | and <<'EOF' here-documents)
  zip -r out.zip files     build a deployment package   unzip -l out.zip   lists one
  base64 [-d]              encode or decode       jq [-r] FILTER   pick fields from JSON
  export NAME=value        set a variable         NAME=$(aws ... --query X --output text)
  clear                    clear the screen       Up/Down history, Ctrl-C cancels a line
";
