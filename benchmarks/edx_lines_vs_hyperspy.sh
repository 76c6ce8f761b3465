#!/usr/bin/env bash
# X-ray line maps + Cliff-Lorimer quantification, Tessera vs HyperSpy 1.7.3, on a 128 x 128 x 2048 uint32 EDX count SI
# (make_edx_lines_data.py: FePt core, Fe-oxide shell, lines Fe_Ka, O_Ka, Pt_La, written by HyperSpy as .hspy).
# Both sides load the file first (not timed), then time BENCH_REPEAT runs (default 5) of
#   lines: background windows of estimate_background_windows() defaults + get_lines_intensity (integration 2 FWHM)
#   cl:    quantification(I, "CL", k) in at.% (HyperSpy with navigation_mask=None; Tessera adds the σ maps)
# and print the first run and the median; ratio = HyperSpy / Tessera (> 1: Tessera faster; issue 15 asks >= 3).
# Timings on a shared machine are noisy: the load average is printed beside each measurement.
# Needs /usr/bin/python3 with hyperspy 1.7.3, a JDK >= 25 and the bundles built
# (./mvnw -B -o -q package -DskipTests -pl thirdparty/tessera.lib.ejml,bundles/tessera.core,bundles/tessera.elements,bundles/tessera.io.hspy,bundles/tessera.edx).
# Not part of the test suite. Usage: benchmarks/edx_lines_vs_hyperspy.sh [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
repeat="${BENCH_REPEAT:-5}"
k="1.450226,1.8,5.075602" # Fe_Ka, O_Ka, Pt_La (HyperSpy sorts the default lines by label)
mkdir -p "$work/edx-classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.elements tessera.io.hspy tessera.edx)"
/usr/bin/python3 -c 'import hyperspy' 2>/dev/null || { echo "needs /usr/bin/python3 with hyperspy (apt-get install python3-hyperspy)" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

data="$work/edx_lines.hspy"
[ -f "$data" ] || /usr/bin/python3 "$here/make_edx_lines_data.py" "$data" 2>/dev/null
"$JAVA_HOME/bin/javac" -d "$work/edx-classes" -cp "$cp" "$here/src/EdxLinesBench.java"

echo "== line maps + CL, $repeat runs each: first and median (seconds)"
echo "== HyperSpy $(/usr/bin/python3 -c 'import hyperspy; print(hyperspy.__version__)')  (load average: $(load))"
/usr/bin/python3 "$here/edx_lines_peer.py" "$repeat" "$data" "$k" 2>/dev/null | tee "$work/edx-hyperspy.txt"
echo "== Tessera  (load average: $(load))"
"$JAVA_HOME/bin/java" -Xmx4g -Dslf4j.internal.verbosity=ERROR -cp "$work/edx-classes:$cp" EdxLinesBench "$repeat" "$data" "$k" 2>/dev/null \
  | tee "$work/edx-tessera.txt"
echo "== ratio HyperSpy / Tessera (> 1: Tessera faster; target >= 3)  (load average: $(load))"
paste <(grep '^hyperspy lines' "$work/edx-hyperspy.txt") <(grep '^tessera lines' "$work/edx-tessera.txt") \
  | awk '{ printf "lines  first %.1fx  median %.1fx\ncl     first %.1fx  median %.1fx\ntotal  first %.1fx  median %.1fx\n", $3/$13, $4/$14, $6/$16, $7/$17, $9/$19, $10/$20 }'
