#!/usr/bin/env bash
# The whole test suite, as README.md documents it. Used by CI (.ci/run).
# Installs what the page checks need on a fresh machine: the npm packages in tests/browser
# (vnu-jar, axe-core, playwright-core) and Debian's chromium with a CJK font.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings

# Tests read gongkai's messages in its default language, whatever the machine's locale
# (a CI image with LANG=en_US.UTF-8 would otherwise switch them to English);
# tests/language.rs sets the language of each of its runs itself.
export GONGKAI_LANG=zh
export GONGKAI_HOSTILE_OUT="$PWD/target/hostile-site"
cargo test --locked

# Page checks on the bundled site: W3C Nu HTML checker, axe-core (WCAG 2.1 AA) in headless
# Chromium, no external requests; search recall; and the hostile site must run no script.
if ! command -v chromium >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
    || { echo "cannot install chromium (needed for page checks)" >&2; exit 1; }
fi
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
site="$PWD/target/site-check"
cargo run --locked --quiet -- build --output "$site" >/dev/null
node tests/browser/check.mjs "$site"
node tests/browser/search-recall.mjs "$site"
node tests/browser/check.mjs "$GONGKAI_HOSTILE_OUT" --xss
