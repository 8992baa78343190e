#!/usr/bin/env bash
# Long fuzz runs (not part of the test command): each target for SECONDS (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# build with the sanitizer flags cargo-fuzz uses.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
mkdir -p logs
status=0
for target in programme markdown charts; do
  mkdir -p "corpus/$target"
  # The whole log is kept in logs/<target>.log (a crash's input is in artifacts/<target>/).
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 > "logs/$target.log" 2>&1 \
    || { status=1; echo "$target: FAILED (see fuzz/logs/$target.log and fuzz/artifacts/$target/)"; }
  grep -E "^#[0-9]+ +DONE|panicked|ERROR" "logs/$target.log" | head -n 3
done
exit $status
