#!/usr/bin/env python3
"""Records the reference transcripts of the terminal's differential test.

Each scenario (tests/scenarios/NAME.sh, its files in tests/scenarios/NAME.workspace/) runs
through a real AWS CLI against `moto_server`, in a temporary copy of its workspace, and
tests/transcripts/NAME.json gets what `labbook shell --json` records for the same script: one
{"command", "exit_code", "stdout", "stderr"} per command line, plus the CLI's version line.
labbook/tests/shell_differential.rs compares `labbook shell --json` with these files, offline.

The command lines run in one persistent bash, each `source`d from a file with its stdout and
stderr captured apart, so variables (`ROLE_ARN=$(aws ...)`), `cd` and `export` carry over as
they do in the terminal. Lines are grouped into commands as the terminal's shell groups them:
a trailing `\\`, an open quote or a here-document continue the command.

Usage (see tests/README.md for building AWS CLI v2 from its repository):
    python3 tools/record_transcripts.py --aws /path/to/venv/bin/aws \\
        --moto-server /path/to/venv/bin/moto_server [SCENARIO ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SCENARIOS = HERE / "tests" / "scenarios"
TRANSCRIPTS = HERE / "tests" / "transcripts"
DONE = "__labbook_record_done__"


def split_commands(script: str) -> list[str]:
    """The script's command lines, grouped as the terminal's shell groups them."""
    commands, pending, heredoc = [], [], None
    for line in script.split("\n"):
        pending.append(line)
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
            else:
                continue
        elif "<<" in line:
            word = line.split("<<", 1)[1].strip().lstrip("-").split()[0]
            heredoc = word.strip("'\"")
            continue
        text = "\n".join(pending)
        if text.endswith("\\") or open_quote(text):
            continue
        if text.strip():
            commands.append(text)
        pending = []
    if "\n".join(pending).strip():
        raise SystemExit(f"unterminated command at the end of the script: {pending!r}")
    return commands


def open_quote(text: str) -> bool:
    """Whether `text` ends inside a single or double quote (a `#` comment ends the scan)."""
    quote, i = None, 0
    while i < len(text):
        c = text[i]
        if quote == "'":
            if c == "'":
                quote = None
        elif quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif c == "\\":
            i += 1
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n;"):
            while i < len(text) and text[i] != "\n":
                i += 1
        i += 1
    return quote is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(moto_server: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # AWS's managed policies (AWSLambdaBasicExecutionRole...) exist in every account.
    env = {**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}
    proc = subprocess.Popen([moto_server, "-H", "127.0.0.1", "-p", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{moto_server} did not answer on {url}")


def reset_moto(url: str) -> None:
    urllib.request.urlopen(urllib.request.Request(url + "/moto-api/reset", method="POST"), timeout=10)


def cli_env(aws: str, endpoint: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k not in ("COLUMNS", "LINES")}
    env.update(
        PATH=f"{Path(aws).parent}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_REGION="us-east-1",
        AWS_CONFIG_FILE=str(home / ".aws" / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / ".aws" / "credentials"),
        AWS_PAGER="",
        LC_ALL="C.UTF-8",
    )
    return env


def record(name: str, aws: str, endpoint: str) -> dict:
    script = (SCENARIOS / f"{name}.sh").read_text()
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # The workspace is the home folder, as in the terminal (whose home is /home/learner).
        home, cmds = tmp / "home", tmp / "cmds"
        work = home
        files = SCENARIOS / f"{name}.workspace"
        if files.is_dir():
            shutil.copytree(files, work)
        else:
            work.mkdir(parents=True)
        cmds.mkdir()
        env = cli_env(aws, endpoint, home)
        bash = subprocess.Popen(["bash", "--noprofile", "--norc"], cwd=work, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for n, command in enumerate(split_commands(script)):
            f = cmds / str(n)
            f.with_suffix(".sh").write_text(command + "\n")
            bash.stdin.write(f"{{ source {f}.sh; }} >{f}.out 2>{f}.err </dev/null; echo $? >{f}.rc; echo {DONE}\n")
            bash.stdin.flush()
            while bash.stdout.readline().strip() != DONE:
                pass
            records.append(
                {
                    "command": command,
                    "exit_code": int(f.with_suffix(".rc").read_text()),
                    "stdout": f.with_suffix(".out").read_bytes().decode("utf-8", "replace"),
                    "stderr": f.with_suffix(".err").read_bytes().decode("utf-8", "replace"),
                }
            )
        bash.stdin.close()
        bash.wait()
    return {"scenario": name, "endpoint": endpoint, "commands": records}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aws", required=True, help="the AWS CLI to record with (v2 built from aws/aws-cli, else v1 from PyPI)")
    ap.add_argument("--moto-server", default="moto_server", help="moto_server of moto[server]==5.2.5 (tools/requirements-record.txt)")
    ap.add_argument("scenarios", nargs="*", help="scenario names (default: every tests/scenarios/*.sh)")
    args = ap.parse_args()
    names = args.scenarios or sorted(p.stem for p in SCENARIOS.glob("*.sh"))
    version = subprocess.run([args.aws, "--version"], capture_output=True, text=True, check=True)
    cli = (version.stdout or version.stderr).strip()
    moto = subprocess.run([str(Path(args.moto_server).parent / "python"), "-c", "import moto; print(moto.__version__)"], capture_output=True, text=True)
    proc, endpoint = start_moto(args.moto_server)
    try:
        TRANSCRIPTS.mkdir(parents=True, exist_ok=True)
        for name in names:
            reset_moto(endpoint)
            transcript = record(name, args.aws, endpoint)
            transcript = {"cli": cli, "moto": moto.stdout.strip() or "unknown", **transcript}
            out = TRANSCRIPTS / f"{name}.json"
            out.write_text(json.dumps(transcript, indent=2, ensure_ascii=False) + "\n")
            print(f"{out.relative_to(HERE)}: {len(transcript['commands'])} commands ({cli.split()[0]})", file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
