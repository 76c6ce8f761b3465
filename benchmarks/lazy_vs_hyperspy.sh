#!/usr/bin/env bash
# `tessera analyze` of a spectrum image larger than the Java heap (-Xmx2g) vs HyperSpy 1.7.3's lazy (dask) path on the
# same values, side by side in one run (issue 16, item 6).
#
# Data: make_lazy_data.py writes a float32 Poisson-count cube, by default 1024 x 1024 x 2048 = 8 GiB (BENCH_SHAPE=NY,NX,NE),
#   in 64 MiB row blocks, as WORKDIR/lazy.npy (C order; Tessera maps it read-only: tessera.core.io.FileMapping) and,
#   when the peer runs, as WORKDIR/lazy.hspy (HDF5 chunks of 64 x 64 x NE, HyperSpy's default gzip compression), for
#   hs.load(lazy=True).
# Tessera: TESSERA_XMX=2g scripts/tessera analyze lazy.npy --components 3 --clusters 3 --seed 0 --out DIR: the whole command
#   (read = mapping; with BENCH_INPUT=hspy Tessera reads the same chunked, gzip-compressed lazy.hspy the peer reads, decoding
#   its chunks into a scratch mapping, tessera.core.io.FileMapping.scratch; count-data check, PCA of 20 components through the blocked Gram matrix, elbow, NMF rank 3 streaming
#   the mapping at every iteration, k-means k = 3 on the PCA scores, report, results.hspy, provenance record).
# HyperSpy: lazy_peer.py lazy.hspy --components 3 --clusters 3: hs.load(lazy=True), negative-value check, lazy SVD
#   (decomposition(algorithm="SVD", output_dimension=20)), KMeans on the 3 loadings (see its docstring: HyperSpy 1.7.3
#   has no lazy NMF except ORNMF, and no lazy cluster_analysis). BENCH_PEER=0 skips the peer (and the .hspy file).
# Each command is timed as a whole process with /usr/bin/time -v (wall clock, "Maximum resident set size"); a sampler
# also records the peak of RssAnon (heap, native buffers) and RssFile (pages of mapped files, i.e. the page cache the
# process touches; the kernel reclaims them under memory pressure) from /proc/PID/status every 0.5 s.
# Ratios: HyperSpy / Tessera (above 1: Tessera faster or smaller). The data files are deleted at the end (BENCH_KEEP=1 keeps them).
# Needs: the product built (./mvnw -B -o verify -DskipTests), /usr/bin/time, /usr/bin/python3 with hyperspy 1.7.3,
# dask, scikit-learn; free disk for the files (8 GiB for the .npy; the .hspy is smaller, compressed).
# Usage: benchmarks/lazy_vs_hyperspy.sh [WORKDIR]     (env: BENCH_SHAPE, BENCH_PEER, BENCH_KEEP, BENCH_REUSE (use WORKDIR's files if there),
#   BENCH_INPUT (npy or hspy: the file Tessera analyzes, default npy), TESSERA_XMX (default 2g))
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
case "${1:-}" in -h|--help) sed -n '2,/^# Usage/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
work="${1:-${TMPDIR:-/tmp}/tessera-lazy-bench}"
shape="${BENCH_SHAPE:-1024,1024,2048}"
peer="${BENCH_PEER:-1}"
input="${BENCH_INPUT:-npy}"
case "$input" in npy|hspy) ;; *) echo "BENCH_INPUT must be npy or hspy" >&2; exit 2 ;; esac
xmx="${TESSERA_XMX:-2g}"
py=/usr/bin/python3
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 1; }
npy="$work/lazy.npy"; hspy="$work/lazy.hspy"
cleanup() { [ "${BENCH_KEEP:-0}" = 1 ] || rm -f "$npy" "$hspy"; }
trap cleanup EXIT

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM; shape $shape float32; Tessera -Xmx$xmx on lazy.$input;" \
     "HyperSpy $($py -c 'import hyperspy; print(hyperspy.__version__)' 2>/dev/null), dask $($py -c 'import dask; print(dask.__version__)' 2>/dev/null)"
t0=$(date +%s.%N)
if [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$npy" ] && { [ "$peer" = 0 ] && [ "$input" = npy ] || [ -f "$hspy" ]; }; then echo "reusing $npy (BENCH_REUSE=1)"
elif [ "$peer" = 1 ] || [ "$input" = hspy ]; then $py "$here/make_lazy_data.py" "$npy" --shape "$shape" --hspy "$hspy"; else $py "$here/make_lazy_data.py" "$npy" --shape "$shape"; fi
echo "data ready after $(echo "$(date +%s.%N) - $t0" | bc) s: $(ls -l "$npy" | awk '{print $5}') bytes .npy" \
     "$([ -f "$hspy" ] && echo ", $(ls -l "$hspy" | awk '{print $5}') bytes .hspy")"

# run NAME CMD...: prints wall, peak RSS, peak RssAnon and RssFile; sets WALL, RSS (kB)
run() {
  local name="$1"; shift
  local log="$work/log-$name.txt" tf="$work/time-$name.txt" sf="$work/rss-$name.txt"
  echo "-- $name (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v -o "$tf" "$@" > "$log" 2>&1 &
  local tpid=$! anon=0 file=0
  while kill -0 "$tpid" 2>/dev/null; do
    for c in $(pgrep -P "$tpid" 2>/dev/null) $(pgrep -P "$(pgrep -P "$tpid" | head -1)" 2>/dev/null); do
      if [ -r "/proc/$c/status" ]; then
        read -r a f < <(awk '/RssAnon/{a=$2} /RssFile/{f=$2} END{print a+0, f+0}' "/proc/$c/status" 2>/dev/null || echo "0 0")
        [ "${a:-0}" -gt "$anon" ] && anon=$a; [ "${f:-0}" -gt "$file" ] && file=$f
      fi
    done
    sleep 0.5
  done
  wait "$tpid" || { echo "FAILED: $* (log: $log)" >&2; tail -20 "$log" >&2; exit 1; }
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$tf")
  RSS=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tf")
  grep -E "^step '|^done in" "$log" | sed 's/^/   /' || true
  printf '   %s: %.1f s, peak RSS %d MB (peak RssAnon %d MB, RssFile %d MB)\n' "$name" "$WALL" $((RSS / 1024)) $((anon / 1024)) $((file / 1024))
  echo "$anon" > "$sf"
}

out="$work/out-tessera"; rm -rf "$out"
TESSERA_XMX="$xmx" run tessera "$root/scripts/tessera" analyze "$work/lazy.$input" --components 3 --clusters 3 --seed 0 --out "$out"
tw=$WALL; tr=$RSS; ta=$(cat "$work/rss-tessera.txt")
if [ "$peer" = 1 ]; then
  run hyperspy-lazy $py "$here/lazy_peer.py" "$hspy" --components 3 --clusters 3
  hw=$WALL; hr=$RSS; ha=$(cat "$work/rss-hyperspy-lazy.txt")
  echo
  printf '%-14s %10s %14s %16s\n' side "wall s" "peak RSS MB" "peak RssAnon MB"
  printf '%-14s %10.1f %14d %16d\n' tessera "$tw" $((tr / 1024)) $((ta / 1024))
  printf '%-14s %10.1f %14d %16d\n' hyperspy-lazy "$hw" $((hr / 1024)) $((ha / 1024))
  printf 'ratio HyperSpy/Tessera: time %.2f, peak RSS %.2f, peak RssAnon %.2f\n' "$(echo "$hw / $tw" | bc -l)" "$(echo "$hr / $tr" | bc -l)" \
    "$(echo "$ha / ($ta + 1)" | bc -l)"
fi
