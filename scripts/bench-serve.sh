#!/usr/bin/env bash
# Benchmark of the preview (issue 8): time from an edit to the browser's reload, and to each
# page that shows the edited programme, at N programmes.
#
#   scripts/bench-serve.sh [N] [ROUNDS]      # default: 3000 programmes, 10 edits
#
# Generates the corpus (examples/corpus.rs, seed 1) under target/bench/serve-N/, starts
# `gongkai serve` on it, waits for it to answer, then runs scripts/bench/serve_edits.py.
# GONGKAI=PATH benchmarks another binary.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
ROUNDS=${2:-10}
DIR=target/bench/serve-$N
if [ -z "${GONGKAI:-}" ]; then
    cargo build --release --quiet --bin gongkai
    GONGKAI=target/release/gongkai
fi
mkdir -p target/release
rustc --edition 2021 -O -o target/release/corpus-generator examples/corpus.rs
rm -rf "$DIR" && mkdir -p "$DIR"
target/release/corpus-generator --programmes "$N" --seed 1 --out "$DIR/content" >/dev/null
PORT=$((20000 + RANDOM % 20000))
started=$(date +%s.%N)
"$GONGKAI" serve --content "$DIR/content" --port "$PORT" >"$DIR/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/robots.txt"; do
    kill -0 $PID 2>/dev/null || { cat "$DIR/serve.log" >&2; exit 1; }
    sleep 0.05
done
echo "N=$N: serve answered $(python3 -c "import time; print(f'{time.time() - $started:.2f}')") s after start"
SLUG=$(ls "$DIR/content/programmes" | sed -n "$((N / 2))p")
python3 scripts/bench/serve_edits.py "$PORT" "$DIR/content" "$SLUG" "$ROUNDS" "$PID"
echo "serve's log:"; tail -n 3 "$DIR/serve.log"
