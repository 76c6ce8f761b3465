#!/usr/bin/env bash
# Start-up of the built product vs HyperSpy 1.7.3, one run, side by side:
#   info      `tessera info core_shell.hspy`            vs  python3 -c "import hyperspy.api as hs; print(hs.load(F))"
#   plugins   `tessera plugins`                         vs  (the same HyperSpy line: its import is what a user waits for)
#   workbench `tessera workbench F --screenshot PNG` until its "window ready" line on stderr (wall time from launch)
# each cold and warm, median of N (default 5) wall-clock seconds from the shell, plus the median CPU time (user + sys,
# children included). Cold = the first run of a product build: the start-up cache (TESSERA_CACHE, here a private
# folder under WORKDIR) is removed before each cold run, so it primes the Equinox configuration again (the OS page
# cache is left as it is; HyperSpy has no cache of its own to clear, so its cold runs are its first N runs, page cache
# as found). Warm = the cache primed, N runs after one untimed run.
# Prints one line per case: Tessera median s (min), CPU s, HyperSpy median s, ratio (Tessera / HyperSpy; below 1:
# Tessera faster), and the load average (1 min) before and after.
# Needs: the product built (./mvnw -B -o -q package -DskipTests), /usr/bin/python3 with hyperspy 1.7.3, and for the
# workbench an X display (the script re-runs itself under xvfb-run -a when DISPLAY is unset and xvfb-run exists).
# TESSERA selects the launcher to time (default scripts/tessera; e.g. an older checkout's, to compare builds).
# Timings on a shared machine are noisy: read them with the load average.
# Not part of the test suite. Usage: benchmarks/startup_vs_hyperspy.sh [N=5] [WORKDIR] [FILE=../shared/data/edx/core_shell.hspy]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
n="${1:-5}"
work="${2:-${TMPDIR:-/tmp}/tessera-startup-bench}"
file="$(realpath "${3:-$root/../shared/data/edx/core_shell.hspy}")"
tessera="${TESSERA:-$root/scripts/tessera}"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$n" "$work" "$file"
fi
mkdir -p "$work"
export TESSERA_CACHE="$work/cache"
/usr/bin/python3 -c 'import hyperspy' 2>/dev/null || { echo "needs /usr/bin/python3 with hyperspy" >&2; exit 1; }
load() { cut -d' ' -f1 /proc/loadavg; }

# runs "$@" once; appends "wall user+sys" (seconds) to $work/times; fails if the command fails
timed() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >"$work/last.out" 2>"$work/last.err"; } 2>&1 ) || { echo "failed: $*" >&2; tail -n 5 "$work/last.err" >&2; return 1; }
  echo "$t" | awk '{print $1, $2 + $3}' >>"$work/times"
}
# runs the workbench once; appends "seconds from launch until its window-ready line appears, user+sys of the whole run"
workbench_ready() {
  local t0 TIMEFORMAT='%R %U %S'
  t0=$(date +%s%N)
  { time "$tessera" workbench "$file" --screenshot "$work/wb.png" 2>&1 >/dev/null | tee "$work/wb.err" \
      | while IFS= read -r line; do case "$line" in *"window ready"*) date +%s%N ;; esac; done >"$work/wb.ready"; } 2>"$work/wb.time" \
    || { echo "failed: tessera workbench" >&2; tail -n 5 "$work/wb.err" >&2; return 1; }
  [ -s "$work/wb.ready" ] || { echo "no 'window ready' line from the workbench" >&2; return 1; }
  awk -v t0="$t0" 'NR == FNR { r = $1; next } { print (r - t0) / 1e9, $2 + $3 }' "$work/wb.ready" "$work/wb.time" >>"$work/times"
}
# median wall, min wall, median cpu of $work/times
stats() {
  /usr/bin/python3 -c '
import statistics as s, sys
r = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
w = [a[0] for a in r]; c = [a[1] for a in r]
print("%.2f %.2f %.2f" % (s.median(w), min(w), s.median(c)))' "$work/times"
}
# runs case $1 (cold|warm) of command "${@:2}" n times
measure() {
  local mode="$1"; shift
  if [ "$mode" = warm ]; then "$@"; fi
  : >"$work/times"
  for _ in $(seq "$n"); do
    [ "$mode" = cold ] && rm -rf "$TESSERA_CACHE"
    "$@"
  done
  stats
}
hyperspy() { timed /usr/bin/python3 -c "import hyperspy.api as hs; print(hs.load('$file'))"; }

echo "start-up, median of $n; file $file; $(nproc) cores; launcher $tessera"
echo "load before HyperSpy: $(load)"
hs_cold=$(measure cold hyperspy); hs_warm=$(measure warm hyperspy)
echo "HyperSpy import + load + print: first $n runs ${hs_cold%% *} s, then ${hs_warm%% *} s (CPU ${hs_warm##* } s)  load $(load)"
printf '%-18s %10s %8s %8s %10s %8s   %s\n' case "Tessera s" "min s" "CPU s" "HyperSpy s" ratio "load before->after"
row() { # name, tessera stats, hyperspy stats, load before
  local t=($2) h=($3)
  printf '%-18s %10s %8s %8s %10s %8s   %s->%s\n' "$1" "${t[0]}" "${t[1]}" "${t[2]}" "${h[0]:--}" \
    "$([ -n "${h[0]:-}" ] && /usr/bin/python3 -c "print('%.2f' % (${t[0]} / ${h[0]}))" || echo -)" "$4" "$(load)"
}
for mode in cold warm; do
  l=$(load); r=$(measure "$mode" timed "$tessera" info "$file")
  row "info $mode" "$r" "$([ $mode = cold ] && echo "$hs_cold" || echo "$hs_warm")" "$l"
  l=$(load); r=$(measure "$mode" timed "$tessera" plugins)
  row "plugins $mode" "$r" "$([ $mode = cold ] && echo "$hs_cold" || echo "$hs_warm")" "$l"
done
if [ -n "${DISPLAY:-}" ]; then
  for mode in cold warm; do
    l=$(load); r=$(measure "$mode" workbench_ready)
    row "workbench $mode" "$r" "" "$l"
  done
else
  echo "workbench: skipped (no X display, no xvfb-run)"
fi
