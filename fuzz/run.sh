#!/usr/bin/env bash
# Long fuzz runs (not part of the test command): each target for SECONDS (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# build with the sanitizer flags cargo-fuzz uses.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
for target in programme markdown charts; do
  mkdir -p "corpus/$target"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 2>&1 | tail -n 12
done
