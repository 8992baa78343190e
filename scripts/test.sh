#!/usr/bin/env bash
# The whole test suite, as README.md documents it. Used by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
