#!/usr/bin/env bash
# Reading and reporting, Tessera vs HyperSpy 1.7.3, on the 128 x 128 x 2048 inputs of issue 17: the float32 benchmark
# phantom (chunked, shuffle filter; make_data.py), a uint32 Poisson count SI (gzip + shuffle chunks, as HyperSpy saves
# an acquisition; make_count_data.py) and the shared EELS DM4 (../shared/data/eels/EELS_SI.dm4, small; there is no DM4
# writer to make a bigger one).
#  1. read: HyperSpy's hs.load (non-lazy, data in memory) against Tessera's reader of the same file, each in one process:
#     the first read of the process (what one `tessera analyze` pays) and the median of BENCH_REPEAT reads (default 5);
#     ratio = HyperSpy / Tessera (> 1: Tessera faster; issue 17 asks >= 2).
#  2. report: `tessera analyze FILE --components 3 --clusters 4 --seed 1` with the built product; its 'read' and 'report'
#     step times (the report step computes the cluster statistics, writes results.hspy, report.html and the PNGs; issue
#     17 asks < 1 s). HyperSpy writes no report, so this is against the target, not a peer.
# Timings on a shared machine are noisy: the load average is printed beside each measurement.
# Needs /usr/bin/python3 with hyperspy 1.7.3, a JDK >= 25 and the product built (./mvnw -B -o package -DskipTests).
# Not part of the test suite. Usage: benchmarks/io_report_vs_hyperspy.sh [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
repeat="${BENCH_REPEAT:-5}"
mkdir -p "$work/io-classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.io.hspy tessera.io.gatan)"
/usr/bin/python3 -c 'import hyperspy' 2>/dev/null || { echo "needs /usr/bin/python3 with hyperspy (apt-get install python3-hyperspy)" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

[ -f "$work/bench.hspy" ] || /usr/bin/python3 "$here/make_data.py" "$work/bench.hspy"
[ -f "$work/counts.hspy" ] || /usr/bin/python3 "$here/make_count_data.py" "$work/counts.hspy" 2>/dev/null
files=("$work/bench.hspy" "$work/counts.hspy")
dm4="$root/../shared/data/eels/EELS_SI.dm4"
[ -f "$dm4" ] && files+=("$dm4")
"$JAVA_HOME/bin/javac" -d "$work/io-classes" -cp "$cp" "$here/src/IoBench.java"

echo "== read: first read of a process, and median of $repeat (seconds)"
echo "== HyperSpy $(/usr/bin/python3 -c 'import hyperspy; print(hyperspy.__version__)')  (load average: $(load))"
/usr/bin/python3 "$here/hyperspy_load.py" "$repeat" "${files[@]}" 2>/dev/null | tee "$work/io-hyperspy.txt"
echo "== Tessera  (load average: $(load))"
"$JAVA_HOME/bin/java" -Xmx8g -Dslf4j.internal.verbosity=ERROR -cp "$work/io-classes:$cp" IoBench "$repeat" "${files[@]}" 2>/dev/null \
  | tee "$work/io-tessera.txt"
echo "== ratio HyperSpy / Tessera (> 1: Tessera faster; target >= 2)"
join <(sort "$work/io-hyperspy.txt") <(sort "$work/io-tessera.txt") \
  | awk '{ printf "%s  first %.2fx  median %.2fx\n", $1, $3 / $7, $5 / $9 }'

echo "== report step of tessera analyze (target < 1 s)"
for f in "$work/bench.hspy" "$work/counts.hspy"; do
  out="$work/io-report-$(basename "$f" .hspy)"
  before="$(load)"
  "$root/scripts/tessera" analyze "$f" --components 3 --clusters 4 --seed 1 --out "$out" 2>&1 \
    | grep -E "^step '(read|report)'|^done in" | sed "s|^|$(basename "$f"): |"
  echo "$(basename "$f"): load average before $before, after $(load)"
done
