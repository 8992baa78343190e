#!/usr/bin/env bash
# Long fuzz runs (not part of the test command): each target for SECONDS (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# build with the sanitizer flags cargo-fuzz uses. FUZZ_MAX_LEN caps input size (default 65536).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
mkdir -p logs
status=0
# Every target in Cargo.toml (`cargo fuzz list`), or those named after SECONDS.
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  # The whole log is kept in logs/<target>.log (a crash's input is in artifacts/<target>/).
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-65536}" > "logs/$target.log" 2>&1 \
    || { status=1; echo "$target: FAILED (see fuzz/logs/$target.log and fuzz/artifacts/$target/)"; }
  # The summary (runs, coverage, corpus, speed, memory), or the crash.
  echo "$target: $(grep -E "^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|panicked|ERROR" "logs/$target.log" | head -n 3 | tr '\n\t' '  ')"
done
exit $status
