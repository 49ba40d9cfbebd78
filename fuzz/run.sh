#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS seconds each, two at a time, at the
# lowest CPU priority, and prints a line per target: executions, corpus size, crashes.
#
#   fuzz/run.sh SECONDS [TARGET...]
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz
# (`cargo install cargo-fuzz`). Corpora start from the book's own files and fuzz/seeds/ and
# grow in fuzz/corpus/<target>/; a crash is saved in fuzz/artifacts/<target>/ — replay it
# with `cargo +nightly fuzz run -a --features <group> <target> <file>`
# (group: cloud or runtime, see Cargo.toml) and keep it as a unit test beside the code.
# FUZZ_JOBS sets how many fuzzers run at once (default 2).
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz_dir")
cd "$root"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "error: fuzzing needs a nightly toolchain: rustup toolchain install nightly" >&2
    exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "error: fuzzing needs cargo-fuzz: cargo install cargo-fuzz" >&2
    exit 1
fi
# Release code with debug assertions: overflow checks on, as in tests.
fuzz=(cargo +nightly fuzz)
flags=(--fuzz-dir "$fuzz_dir" --debug-assertions)

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    mapfile -t targets < <("${fuzz[@]}" list --fuzz-dir "$fuzz_dir")
fi

# Seeds: what authors and learners really write.
seed() { # target, files...
    local dir=$fuzz_dir/corpus/$1
    shift
    mkdir -p "$dir"
    local f
    for f in "$@"; do
        [[ -f $f ]] && cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"
    done
    return 0
}
seed lab_toml book/labs/*/lab.toml labbook/tests/fixtures/*/labs/*/lab.toml
seed quiz_toml book/quizzes/*.toml
for t in dynamodb_expression sns_filter_policy lab_event worker_request; do
    seed "$t" "$fuzz_dir"/seeds/$t/*
done
mkdir -p "$fuzz_dir/corpus/dynamodb_expression"
grep -rhoE '(Condition|Update|Filter|Projection|KeyCondition)Expression="[^"]+"' book runtime/labs runtime/cloud 2>/dev/null \
    | sed -E 's/^[A-Za-z]+="//; s/"$//' | sort -u | nl -nln | while read -r n expr; do
        printf '%s' "$expr" >"$fuzz_dir/corpus/dynamodb_expression/seed-book-$n"
    done

# The feature group of a target (see Cargo.toml): one build of the heavy dependencies per group.
group() {
    case $1 in
        dynamodb_expression | sns_filter_policy) echo cloud ;;
        *) echo runtime ;;
    esac
}

echo "Building ${#targets[@]} fuzz targets…" >&2
for t in "${targets[@]}"; do
    nice -n 19 "${fuzz[@]}" build "${flags[@]}" --features "$(group "$t")" "$t"
done

mkdir -p "$fuzz_dir/logs"
run_one() {
    local t=$1 log=$fuzz_dir/logs/$1.log
    nice -n 19 "${fuzz[@]}" run "${flags[@]}" --features "$(group "$t")" "$t" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        >"$log" 2>&1 || true
    local execs corpus crashes
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    corpus=$(find "$fuzz_dir/corpus/$t" -type f | wc -l)
    crashes=$(find "$fuzz_dir/artifacts/$t" -type f 2>/dev/null | wc -l)
    printf '%-22s %6ss  %12s execs  %6s corpus files  %s artifacts  (log: %s)\n' \
        "$t" "$seconds" "${execs:-?}" "$corpus" "$crashes" "${log#"$root"/}"
}
jobs_max=${FUZZ_JOBS:-2}
for t in "${targets[@]}"; do
    while [[ $(jobs -rp | wc -l) -ge $jobs_max ]]; do
        wait -n
    done
    run_one "$t" &
done
wait
