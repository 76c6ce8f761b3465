#!/usr/bin/env bash
# `tessera analyze` end to end vs HyperSpy 1.7.3 doing the same work, side by side in one run (issue 17, items 1, 2, 4).
#
# Tessera: scripts/tessera analyze FILE --components 3 --clusters 4 --seed 0 --out DIR, the whole command (launcher,
#   JVM and OSGi start-up, read, crop, count-data check, full PCA, elbow, NMF rank 3, k-means k = 4 on the 3 PCA scores,
#   report with its PNGs, results.hspy and provenance.xmi).
# HyperSpy: benchmarks/analyze_peer.py, the same steps (see its docstring), as two whole processes:
#   "compute only" (load, count check, SVD, elbow, cluster_analysis k-means, NMF) and
#   "same outputs" (the same plus the figures and result files Tessera's report step writes).
# Each command is timed as a whole process: wall clock and peak RSS from /usr/bin/time (-f '%e %M'; RSS is the largest
# process of the command, i.e. the JVM or the Python interpreter), median of BENCH_REPEAT runs (default 3), the three
# commands run one after the other within each repetition. The per-step times are the "step '...' done in X s" lines
# both print; "start-up, other" is the wall clock minus their sum. Ratios are HyperSpy / Tessera (above 1: Tessera
# faster). The last lines compare the results (cluster sizes, adjusted Rand index of the two label maps, NMF residual).
#
# Inputs (BENCH_INPUTS, default "phantom real"):
#   phantom  the 128 x 128 x 2048 float32 benchmark phantom (make_data.py; BENCH_PHANTOM, default WORKDIR/bench.hspy,
#            made if missing; /tmp/tb/bench.hspy is the same file)
#   real     the 128 x 128 x 2048 uint32 EDX SI made from the real core_shell.hspy map by make_real_si.py
#            (BENCH_REAL, default WORKDIR/real_si.hspy, made if missing; uint32 counts, so both sides apply the
#            Poisson-noise normalisation)
#   FILE     any other spectrum image (named by its file name)
# Writes WORKDIR/analyze_runs.csv (one row per command and run, with the load average before it) and prints the table
# (benchmarks/analyze_table.py). Needs: the product built (./mvnw -B -o -q package -DskipTests), /usr/bin/time,
# /usr/bin/python3 with hyperspy 1.7.3, scikit-learn, matplotlib, h5py, scipy. TESSERA_JAVA_OPTS passes JVM options.
# Not part of the test suite. The machine is shared: the load average is printed before every command.
# Usage: benchmarks/analyze_vs_hyperspy.sh [WORKDIR]      (env: BENCH_REPEAT, BENCH_INPUTS, BENCH_PHANTOM, BENCH_REAL)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
case "${1:-}" in -h|--help) sed -n '2,/^# Usage/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
repeat="${BENCH_REPEAT:-3}"
inputs="${BENCH_INPUTS:-phantom real}"
py=/usr/bin/python3
mkdir -p "$work"

[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
$py -c 'import hyperspy, sklearn, matplotlib, h5py, scipy' 2>/dev/null \
  || { echo "needs $py with hyperspy, scikit-learn, matplotlib, h5py, scipy (apt-get install python3-hyperspy python3-sklearn)" >&2; exit 1; }
product="${TESSERA_HOME:-$root/product/target/products/tessera.product/linux/gtk/x86_64}"
ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar >/dev/null 2>&1 \
  || { echo "no product at $product: build it first (./mvnw -B -o -q package -DskipTests)" >&2; exit 1; }
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_REPEAT must be a positive integer" >&2; exit 1; }

files=()
for i in $inputs; do
  case "$i" in
    phantom) f="${BENCH_PHANTOM:-$work/bench.hspy}"; [ -f "$f" ] || $py "$here/make_data.py" "$f" 2>/dev/null ;;
    real)    f="${BENCH_REAL:-$work/real_si.hspy}"; [ -f "$f" ] || $py "$here/make_real_si.py" "$f" ;;
    *)       f="$i"; [ -f "$f" ] || { echo "input '$i': neither phantom, real nor a file" >&2; exit 1; }
             i="$(basename "$f" | sed 's/\.[^.]*$//; s/[^A-Za-z0-9_-]/_/g')" ;;
  esac
  files+=("$i=$f")
done

csv="$work/analyze_runs.csv"
echo "input,file,run,side,wall_s,rss_kb,load1,steps" > "$csv"
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; HyperSpy $($py -c 'import hyperspy; print(hyperspy.__version__)' 2>/dev/null)," \
     "scikit-learn $($py -c 'import sklearn; print(sklearn.__version__)'), numpy $($py -c 'import numpy; print(numpy.__version__)'); ${repeat} runs each"

# run SIDE NAME FILE RUN CMD...: one timed command; appends a CSV row (steps as name=seconds;...)
run() {
  local side="$1" name="$2" file="$3" r="$4"; shift 4
  local log="$work/log-$name-$side-$r.txt" tf="$work/time-$name-$side-$r.txt" load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if ! /usr/bin/time -f '%e %M' -o "$tf" "$@" > "$log" 2>&1; then
    echo "FAILED: $* (log: $log)" >&2; tail -20 "$log" >&2; exit 1
  fi
  local wall rss steps
  read -r wall rss < <(tail -1 "$tf")
  steps="$(sed -n "s/^step '\([^']*\)' ([^)]*) done in \([0-9.]*\) s.*/\1=\2/p" "$log" | paste -sd';' -)"
  echo "$name,\"${file//\"/\"\"}\",$r,$side,$wall,$rss,$load,$steps" >> "$csv"
  printf '  %-9s %-16s run %d: %7.2f s, peak RSS %6d MB  (load average before: %s)\n' "$name" "$side" "$r" "$wall" $((rss / 1024)) "$(cut -d' ' -f1-3 /proc/loadavg | sed "s/^[^ ]*/$load/")"
}

for nf in "${files[@]}"; do
  name="${nf%%=*}"; f="${nf#*=}"
  echo "== $name: $f"
  for r in $(seq 1 "$repeat"); do
    out="$work/out-$name-tessera"; rm -rf "$out"
    # shellcheck disable=SC2086
    run tessera "$name" "$f" "$r" "$root/scripts/tessera" analyze "$f" --components 3 --clusters 4 --seed 0 --out "$out"
    run hyperspy-compute "$name" "$f" "$r" $py "$here/analyze_peer.py" "$f" --components 3 --clusters 4
    out="$work/out-$name-hyperspy"; rm -rf "$out"
    run hyperspy-outputs "$name" "$f" "$r" $py "$here/analyze_peer.py" "$f" --components 3 --clusters 4 --outputs "$out"
  done
done
echo
$py "$here/analyze_table.py" "$csv" "$work"
