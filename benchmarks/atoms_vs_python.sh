#!/usr/bin/env bash
# Atom finding + 2-D Gaussian refinement of a simulated 2048 x 2048 perovskite image (~10^4 columns) by Tessera's
# classical finder (tessera.lattice.gaussian, refinement=gaussian) against the same route in Python as Atomap takes it
# (scikit-image gaussian + peak_local_max, scipy.optimize.least_squares per column; benchmarks/atoms_peer.py), with
# the separation, smoothing and fit radius Tessera resolved. Median wall time of each; ratio Python / Tessera.
# Needs a JDK >= 25, the bundles built (./mvnw -B -o -q install -DskipTests), python3-skimage and python3-scipy.
# Not part of the test suite. Usage: benchmarks/atoms_vs_python.sh [WORKDIR]; BENCH_REPEAT (default 3), BENCH_N (2048),
# BENCH_CELL (lattice parameter in px, default 28: about 10 700 columns at N = 2048).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
repeat="${BENCH_REPEAT:-3}"
n="${BENCH_N:-2048}"
cell="${BENCH_CELL:-28}"
mkdir -p "$work/atoms-classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.math tessera.lattice)"
"$JAVA_HOME/bin/javac" -d "$work/atoms-classes" -cp "$cp" "$here/src/AtomsBench.java"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== atom finding + 2-D Gaussian fits, ${n} x ${n} perovskite (cell ${cell} px), $repeat runs (median)  (load average: $(load))"
"$JAVA_HOME/bin/java" -Xmx4g -cp "$work/atoms-classes:$cp" AtomsBench "$repeat" "$n" "$cell" "$work/lattice.f64" "$work/atoms-params.txt" | tee "$work/atoms.txt"
/usr/bin/python3 "$here/atoms_peer.py" "$work/lattice.f64" "$n" "$work/atoms-params.txt" "$repeat" | tee -a "$work/atoms.txt"
echo "== ratio Python / Tessera (> 1: Tessera faster)  (load average: $(load))"
paste <(grep '^tessera' "$work/atoms.txt") <(grep '^python' "$work/atoms.txt") | awk '{ printf "%.1fx  (columns: Tessera %d, Python %d)\n", $19/$5, $3, $17 }'
# the network route (tessera.lattice.network, the shipped U-Net) on the same image through the product: its step
# time as the pipeline logs it (inference in overlapping 768 px tiles, blob centres, intensities, lattice vectors);
# AtomAI, its peer, is not installable here (no PyPI), so this time stands alone
/usr/bin/python3 -c "import numpy as np,sys; np.save(sys.argv[2], np.fromfile(sys.argv[1], '<f8').reshape(int(sys.argv[3]), -1))" \
  "$work/lattice.f64" "$work/lattice.npy" "$n"
echo "== network atom finding (tessera.lattice.network), same image, $repeat runs  (load average: $(load))"
for i in $(seq "$repeat"); do
  rm -rf "$work/atoms-net"
  "$root/scripts/tessera" atoms "$work/lattice.npy" --method network --out "$work/atoms-net" 2>&1 >/dev/null \
    | grep -o "step 'atoms' (tessera.lattice.network) done in [0-9.]* s"
done | sort -t' ' -k7 -n | awk '{ t[NR] = $0 } END { print "network: median of " NR ": " t[int((NR + 1) / 2)] }'
